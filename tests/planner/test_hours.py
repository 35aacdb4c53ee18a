import re
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.hours import (
    amount_words,
    minutes_per_week,
    minutes_words,
    standard_line,
    to_iwmo,
    total_units,
    total_words,
)
from planner.model import Frequency, HoursLine, LineKind, Unit
from planner.periods import plan_end


@dataclass(frozen=True)
class Factor:
    code: str
    name: str
    minutes_per_week: int


@dataclass(frozen=True)
class Activity:
    code: str
    name: str
    product_code: str
    minutes_per_week: int
    factors: tuple[Factor, ...] = ()


CLEANING = Activity(
    "schoonmaken",
    "Schoon en leefbaar huis",
    "02A01",
    125,
    (Factor("extra_kamer", "extra kamer in gebruik", 19), Factor("allergie", "allergie", 30)),
)
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2040, 12, 31))


def test_minutes_per_week_deducts_customary_help() -> None:
    lines = [
        HoursLine(LineKind.STANDARD, "Huishouden", 225),
        HoursLine(LineKind.CUSTOMARY_HELP, "Gebruikelijke hulp van Daan (17)", 30),
    ]
    assert minutes_per_week(lines) == 195
    lines.append(HoursLine(LineKind.NETWORK, "Zus doet de boodschappen", 400))
    assert minutes_per_week(lines) == 0  # never negative
    assert minutes_per_week([]) == 0


def test_standard_line_adds_factors() -> None:
    line = standard_line(CLEANING, {"extra_kamer": 2, "allergie": 0})
    assert line.kind == LineKind.STANDARD
    assert line.minutes_per_week == 125 + 2 * 19
    assert line.activity_code == "schoonmaken"
    assert line.label == "Schoon en leefbaar huis"
    assert line.factors == {"extra_kamer": 2}
    assert line.reason == "Normtijd 125 minuten, plus 2 × extra kamer in gebruik (38 minuten)"
    assert standard_line(CLEANING, {}).minutes_per_week == 125
    with pytest.raises(ValueError):
        standard_line(CLEANING, {"zwembad": 1})
    with pytest.raises(ValueError):
        standard_line(CLEANING, {"allergie": -1})


def test_minutes_words() -> None:
    assert minutes_words(195) == "3 uur en 15 minuten"
    assert minutes_words(45) == "45 minuten"
    assert minutes_words(120) == "2 uur"
    assert minutes_words(61) == "1 uur en 1 minuut"
    assert minutes_words(1) == "1 minuut"
    assert minutes_words(0) == "0 minuten"
    assert minutes_words(10168) == "169 uur en 28 minuten"


def test_amount_words_all_units_and_frequencies() -> None:
    assert amount_words(195, Unit.MINUTE, Frequency.PER_WEEK) == (
        "195 minuten per week, dat is 3 uur en 15 minuten per week"
    )
    assert amount_words(180, Unit.MINUTE, Frequency.PER_WEEK) == "180 minuten per week, dat is 3 uur per week"
    assert amount_words(45, Unit.MINUTE, Frequency.PER_DAY) == "45 minuten per dag"
    assert amount_words(3, Unit.HOUR, Frequency.PER_WEEK) == "3 uur per week"
    assert amount_words(1, Unit.HOUR, Frequency.PER_MONTH) == "1 uur per maand"
    assert amount_words(1, Unit.ETMAAL, Frequency.PER_WEEK) == "1 etmaal per week"
    assert amount_words(4, Unit.ETMAAL, Frequency.PER_MONTH) == "4 etmalen per maand"
    assert amount_words(2, Unit.DAYPART, Frequency.PER_WEEK) == "2 dagdelen per week"
    assert amount_words(1, Unit.PIECE_OUTPUT, Frequency.TOTAL) == "1 stuk in totaal"
    assert amount_words(12, Unit.PIECE_EFFORT, Frequency.TOTAL) == "12 stuks in totaal"
    assert amount_words(1500, Unit.EURO, Frequency.TOTAL) == "€\u00a01.500,00 in totaal"
    assert amount_words(150, Unit.EURO, Frequency.PER_MONTH) == "€\u00a0150,00 per maand"


def test_total_units_examples() -> None:
    start, end = date(2027, 2, 1), date(2028, 1, 31)
    total = total_units(195, Unit.MINUTE, Frequency.PER_WEEK, start, end)
    assert total == 10168  # 195 × 365 ÷ 7 = 10,167.86, rounded up
    assert total_words(195, Unit.MINUTE, Frequency.PER_WEEK, start, end) == (
        "10.168 minuten, dat is 169 uur en 28 minuten"
    )
    assert total_units(3, Unit.HOUR, Frequency.PER_WEEK, start, end) == 157  # 3 × 365 ÷ 7 = 156.4
    assert total_units(2, Unit.DAYPART, Frequency.PER_DAY, start, end) == 730
    assert total_units(40, Unit.HOUR, Frequency.TOTAL, start, end) == 40
    assert total_units(3, Unit.HOUR, Frequency.PER_MONTH, start, end) == 36
    # documented pro rata rule: 2 months and 10 days, partial month 1 April–1 May = 30 days
    assert total_units(3, Unit.HOUR, Frequency.PER_MONTH, date(2027, 2, 1), date(2027, 4, 10)) == 7
    # 1 month and 1 day from 31 January: partial month 28 February–31 March (31 days), 4 × 1/31 up
    assert total_units(4, Unit.HOUR, Frequency.PER_MONTH, date(2027, 1, 31), date(2027, 2, 28)) == 5


def test_to_iwmo() -> None:
    assert to_iwmo(180) == (3, Unit.HOUR, Frequency.PER_WEEK)
    assert to_iwmo(195) == (195, Unit.MINUTE, Frequency.PER_WEEK)
    assert to_iwmo(0) == (0, Unit.MINUTE, Frequency.PER_WEEK)
    with pytest.raises(ValueError):
        to_iwmo(-5)


# --- properties ------------------------------------------------------------------------------


@given(st.integers(1, 5000), dates, st.integers(0, 2000))
def test_weekly_total_is_never_rounded_down_and_minimal(volume: int, start: date, extra: int) -> None:
    end = start + timedelta(days=extra)
    days = extra + 1
    total = total_units(volume, Unit.MINUTE, Frequency.PER_WEEK, start, end)
    assert total * 7 >= volume * days
    assert (total - 1) * 7 < volume * days


@given(st.integers(1, 500), dates, st.integers(0, 2000))
def test_monthly_total_is_monotone_and_never_below_whole_months(volume: int, start: date, extra: int) -> None:
    end = start + timedelta(days=extra)
    total = total_units(volume, Unit.HOUR, Frequency.PER_MONTH, start, end)
    longer = total_units(volume, Unit.HOUR, Frequency.PER_MONTH, start, end + timedelta(days=1))
    assert total <= longer
    assert total >= 1


@given(st.integers(1, 500), dates, st.integers(1, 60))
def test_monthly_total_over_whole_months_is_exact(volume: int, start: date, months: int) -> None:
    assert (
        total_units(volume, Unit.HOUR, Frequency.PER_MONTH, start, plan_end(start, months)) == volume * months
    )


@given(st.integers(0, 100_000))
def test_minutes_words_says_the_same_number(minutes: int) -> None:
    words = minutes_words(minutes)
    m = re.fullmatch(r"(?:([\d.]+) uur)?(?: en )?(?:(\d+) minuut|(\d+) minuten)?", words)
    assert m is not None
    hours = int((m.group(1) or "0").replace(".", ""))
    rest = int(m.group(2) or m.group(3) or 0)
    assert hours * 60 + rest == minutes
    assert rest < 60


@given(st.integers(0, 10_000))
def test_to_iwmo_keeps_the_minutes(minutes: int) -> None:
    volume, unit, frequency = to_iwmo(minutes)
    assert frequency == Frequency.PER_WEEK
    assert volume * (60 if unit == Unit.HOUR else 1) == minutes
    assert unit == Unit.MINUTE or Fraction(minutes, 60).denominator == 1
