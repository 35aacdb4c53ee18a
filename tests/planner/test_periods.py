import itertools
from dataclasses import dataclass
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from planner.dutch import date_words, period_words
from planner.model import Law
from planner.periods import (
    DeadlineStatus,
    LawPart,
    age_on,
    days_inclusive,
    eighteenth_birthday,
    last_day_to_object,
    law_on,
    length,
    length_words,
    plan_end,
    procedure_deadlines,
    split_at_adulthood,
    total_months,
)

DAY = timedelta(days=1)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))

# The legal values the examples of facts.md use (the app reads them from resources/terms.toml).
ADULT = 18
OBJECTION_DAYS = 42


@dataclass(frozen=True)
class FakeTerms:
    own_plan_days: int = 7
    investigation_days: int = 42
    decision_days: int = 14


# --- examples from domain.md / facts.md ------------------------------------------------------


def test_date_words() -> None:
    assert date_words(date(2027, 2, 1)) == "1 februari 2027"
    assert date_words(date(2027, 5, 10), weekday=True) == "maandag 10 mei 2027"
    assert period_words(date(2027, 2, 1), date(2028, 1, 31)) == (
        "van 1 februari 2027 tot en met 31 januari 2028"
    )


def test_plan_end_and_length_words() -> None:
    assert plan_end(date(2027, 2, 1), 12) == date(2028, 1, 31)
    assert length_words(date(2027, 2, 1), date(2028, 1, 31)) == "12 maanden"
    assert length_words(date(2027, 2, 1), date(2027, 6, 9)) == "4 maanden en 9 dagen"
    assert length_words(date(2027, 2, 1), date(2028, 7, 31)) == "18 maanden"
    assert length_words(date(2027, 2, 1), date(2027, 2, 28)) == "1 maand"
    assert length_words(date(2027, 2, 1), date(2027, 2, 9)) == "9 dagen"
    assert length_words(date(2027, 2, 1), date(2027, 2, 1)) == "1 dag"
    assert length_words(date(2027, 2, 1), date(2027, 3, 1)) == "1 maand en 1 dag"
    assert days_inclusive(date(2027, 2, 1), date(2028, 1, 31)) == 365


def test_month_end_start() -> None:
    # dateutil clips 31 January + 1 month to 28 February; the period ends the day before.
    assert plan_end(date(2027, 1, 31), 1) == date(2027, 2, 27)
    assert length_words(date(2027, 1, 31), date(2027, 2, 27)) == "1 maand"
    assert plan_end(date(2027, 1, 31), 12) == date(2028, 1, 30)


def test_eighteenth_birthday_split_example() -> None:
    birth = date(2009, 6, 10)
    assert eighteenth_birthday(birth, ADULT) == date(2027, 6, 10)
    assert law_on(birth, date(2027, 6, 9), ADULT) == Law.JEUGDWET
    assert law_on(birth, date(2027, 6, 10), ADULT) == Law.WMO
    parts = split_at_adulthood(date(2027, 2, 1), date(2028, 1, 31), birth, ADULT)
    assert parts == [
        LawPart(Law.JEUGDWET, date(2027, 2, 1), date(2027, 6, 9)),
        LawPart(Law.WMO, date(2027, 6, 10), date(2028, 1, 31)),
    ]


def test_split_gives_one_part_when_not_crossing() -> None:
    birth = date(2009, 6, 10)
    assert split_at_adulthood(date(2026, 1, 1), date(2027, 6, 9), birth, ADULT) == [
        LawPart(Law.JEUGDWET, date(2026, 1, 1), date(2027, 6, 9))
    ]
    assert split_at_adulthood(date(2027, 6, 10), date(2028, 6, 9), birth, ADULT) == [
        LawPart(Law.WMO, date(2027, 6, 10), date(2028, 6, 9))
    ]


def test_leap_day_birth_turns_18_on_1_march() -> None:
    birth = date(2008, 2, 29)
    assert eighteenth_birthday(birth, ADULT) == date(2026, 3, 1)
    assert age_on(birth, date(2026, 2, 28)) == 17
    assert age_on(birth, date(2026, 3, 1)) == 18
    assert eighteenth_birthday(date(2010, 2, 28), adult_age=18) == date(2028, 2, 28)
    # in a leap year the birthday is 29 February itself
    assert eighteenth_birthday(date(2012, 2, 29), ADULT) == date(2030, 3, 1)
    assert eighteenth_birthday(date(2012, 2, 29), adult_age=20) == date(2032, 2, 29)
    parts = split_at_adulthood(date(2025, 9, 1), date(2026, 8, 31), birth, ADULT)
    assert [(p.law, p.start, p.end) for p in parts] == [
        (Law.JEUGDWET, date(2025, 9, 1), date(2026, 2, 28)),
        (Law.WMO, date(2026, 3, 1), date(2026, 8, 31)),
    ]


def test_age_on() -> None:
    assert age_on(date(1986, 3, 15), date(2027, 3, 14)) == 40
    assert age_on(date(1986, 3, 15), date(2027, 3, 15)) == 41
    assert age_on(date(2027, 1, 1), date(2027, 1, 1)) == 0


def test_procedure_deadlines() -> None:
    deadlines = procedure_deadlines(date(2027, 2, 1), date(2027, 2, 3), FakeTerms())
    assert [(d.key, d.due) for d in deadlines] == [
        ("own_plan", date(2027, 2, 8)),
        ("investigation", date(2027, 3, 15)),
        ("decision", date(2027, 2, 17)),
    ]
    assert all(d.label for d in deadlines)
    assert procedure_deadlines(None, None, FakeTerms()) == []
    assert [d.key for d in procedure_deadlines(None, date(2027, 2, 3), FakeTerms())] == ["decision"]


def test_deadline_status_and_words() -> None:
    (decision,) = procedure_deadlines(None, date(2027, 2, 3), FakeTerms())
    assert decision.status(date(2027, 2, 13), warning_days=3) == DeadlineStatus.OK
    assert decision.status(date(2027, 2, 14), warning_days=3) == DeadlineStatus.NEAR
    assert decision.status(date(2027, 2, 17), warning_days=3) == DeadlineStatus.NEAR
    assert decision.status(date(2027, 2, 18), warning_days=3) == DeadlineStatus.PAST
    assert decision.status(date(2027, 2, 18), warning_days=3) == "verlopen"
    assert decision.words(date(2027, 2, 14)) == "Uiterste datum besluit: 17 februari 2027 (over 3 dagen)"
    assert decision.words(date(2027, 2, 17)).endswith("(vandaag)")
    assert decision.words(date(2027, 2, 18)).endswith("(1 dag geleden verlopen)")


def test_last_day_to_object_examples() -> None:
    assert last_day_to_object(date(2027, 2, 1), frozenset(), OBJECTION_DAYS) == date(2027, 3, 15)
    ascension_and_bridge = {date(2027, 5, 6), date(2027, 5, 7)}
    assert last_day_to_object(date(2027, 3, 25), ascension_and_bridge, OBJECTION_DAYS) == date(2027, 5, 10)
    # without the holidays the Thursday itself would be the last day
    assert last_day_to_object(date(2027, 3, 25), frozenset(), OBJECTION_DAYS) == date(2027, 5, 6)
    # day 42 on a Saturday moves to Monday
    assert last_day_to_object(date(2027, 2, 6), frozenset(), OBJECTION_DAYS) == date(2027, 3, 22)


# --- properties ------------------------------------------------------------------------------


@given(dates, st.integers(0, 800), st.dates(min_value=date(1980, 1, 1), max_value=date(2055, 12, 31)))
def test_split_parts_are_contiguous_and_cover_the_period(start: date, extra: int, birth: date) -> None:
    end = start + timedelta(days=extra)
    parts = split_at_adulthood(start, end, birth, ADULT)
    birthday = eighteenth_birthday(birth, ADULT)
    assert 1 <= len(parts) <= 2
    assert parts[0].start == start and parts[-1].end == end
    for a, b in itertools.pairwise(parts):
        assert a.end + DAY == b.start
    assert sum(days_inclusive(p.start, p.end) for p in parts) == days_inclusive(start, end)
    for p in parts:
        assert p.start <= p.end
        assert law_on(birth, p.start, ADULT) == p.law == law_on(birth, p.end, ADULT)
        if p.law == Law.JEUGDWET:
            assert p.end < birthday
        else:
            assert p.start >= birthday
    if len(parts) == 2:
        assert parts[0].law == Law.JEUGDWET and parts[1].start == birthday


@given(st.dates(min_value=date(1960, 1, 1), max_value=date(2040, 12, 31)), st.integers(1, 30))
def test_birthday_is_the_first_day_of_the_age(birth: date, years: int) -> None:
    birthday = eighteenth_birthday(birth, adult_age=years)
    assert age_on(birth, birthday) == years
    assert age_on(birth, birthday - DAY) == years - 1


@given(dates, st.integers(1, 60))
def test_plan_end_and_length_round_trip(start: date, months: int) -> None:
    end = plan_end(start, months)
    delta = length(start, end)
    assert total_months(delta) == months and delta.days == 0
    expected = "1 maand" if months == 1 else f"{months} maanden"
    assert length_words(start, end) == expected


@given(dates, st.integers(0, 2000))
def test_length_words_leave_out_zero_parts(start: date, extra: int) -> None:
    words = length_words(start, start + timedelta(days=extra))
    assert words and not words.startswith("0 ") and " 0 " not in words


holiday_sets = st.frozensets(st.dates(min_value=date(2026, 1, 1), max_value=date(2029, 12, 31)), max_size=60)


@given(st.dates(min_value=date(2026, 1, 1), max_value=date(2028, 12, 31)), holiday_sets, st.integers(1, 60))
def test_last_day_to_object_is_the_first_working_day(
    sent: date, holidays: frozenset[date], term: int
) -> None:
    last = last_day_to_object(sent, holidays, term_days=term)
    assert last.weekday() < 5 and last not in holidays
    assert last >= sent + timedelta(days=term)
    day = sent + timedelta(days=term)
    while day < last:
        assert day.weekday() >= 5 or day in holidays
        day += DAY
