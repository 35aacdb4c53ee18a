"""Typed dates: every form a professional types, the two-digit year rule, and the Dutch refusals."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.date_input import (
    FIRST_YEAR,
    LAST_YEAR,
    DateInputError,
    format_date,
    full_year,
    parse_date,
)
from planner.dutch import date_words

TODAY = date(2026, 12, 1)
dates = st.dates(min_value=date(FIRST_YEAR, 1, 1), max_value=date(LAST_YEAR, 12, 31))
todays = st.dates(min_value=date(1960, 1, 1), max_value=date(2150, 12, 31))


@pytest.mark.parametrize(
    "text",
    [
        "15031985",
        "150385",
        "15-3-1985",
        "15-03-1985",
        "15-3-85",
        "15/03/1985",
        "15.3.1985",
        "15.3.85",
        "15 3 1985",
        "15\u20133\u20131985",
        " 15-3-1985 ",
        "1985-03-15",
        "15 maart 1985",
        "15 mrt 85",
        "15-MAA-1985",
        "vrijdag 15 maart 1985",
    ],
)
def test_the_forms_professionals_type(text: str) -> None:
    assert parse_date(text, TODAY) == date(1985, 3, 15)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vandaag", TODAY),
        ("Vandaag", TODAY),
        ("MORGEN", date(2026, 12, 2)),
        ("gisteren", date(2026, 11, 30)),
        ("overmorgen", date(2026, 12, 3)),
        ("eergisteren", date(2026, 11, 29)),
        ("1-2", date(2026, 2, 1)),
        ("3 februari", date(2026, 2, 3)),
    ],
)
def test_words_and_dates_without_a_year(text: str, expected: date) -> None:
    assert parse_date(text, TODAY) == expected


def test_an_empty_text_is_no_date() -> None:
    assert parse_date("", TODAY) is None
    assert parse_date("   ", TODAY) is None


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("31-02-2025", "februari 2025 heeft 28 dagen"),
        ("29022025", "28 dagen"),
        ("15-13-1985", "Maand 13 bestaat niet"),
        ("1503198", "7 cijfers"),
        ("15-3-985", "jaar '985'"),
        ("15-3-1800", "tussen 1900 en 2199"),
        ("morgenochtend", "geen datum"),
        ("15-ju-1985", "geen datum"),
        ("—5031985", "geen datum"),
        ("115-3-1985", "één of twee cijfers"),
    ],
)
def test_an_unreadable_text_says_why_in_dutch(text: str, says: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date(text, TODAY)
    assert says in caught.value.message


def test_two_digit_years_examples() -> None:
    assert full_year(85, TODAY) == 1985
    assert full_year(30, TODAY) == 2030
    assert full_year(76, TODAY) == 1976  # 50 years back is still back
    assert full_year(75, TODAY) == 2075  # 51 years back is 49 ahead
    assert full_year(26, TODAY, past=True) == 2026
    assert full_year(27, TODAY, past=True) == 1927
    assert parse_date("15-3-40", TODAY, past=True) == date(1940, 3, 15)
    assert parse_date("15-3-40", TODAY) == date(2040, 3, 15)


@given(dates)
def test_what_a_field_shows_reads_back(d: date) -> None:
    assert parse_date(format_date(d), TODAY) == d
    assert parse_date(format_date(d).replace("-", ""), TODAY) == d
    assert parse_date(date_words(d, weekday=True), TODAY) == d


@given(dates)
def test_day_and_month_without_leading_zeros(d: date) -> None:
    for sep in "-/. ":
        assert parse_date(f"{d.day}{sep}{d.month}{sep}{d.year}", TODAY) == d


@given(st.integers(0, 99), todays)
def test_a_two_digit_year_is_the_nearest_one(yy: int, today: date) -> None:
    year = full_year(yy, today)
    assert year % 100 == yy
    assert today.year - 50 <= year <= today.year + 49


@given(st.integers(0, 99), todays)
def test_a_past_two_digit_year_is_the_latest_not_after_this_year(yy: int, today: date) -> None:
    year = full_year(yy, today, past=True)
    assert year % 100 == yy
    assert today.year - 99 <= year <= today.year


@given(dates, todays)
def test_six_digits_mean_the_same_as_the_two_digit_year(d: date, today: date) -> None:
    typed = f"{d.day:02d}{d.month:02d}{d.year % 100:02d}"
    year = full_year(d.year % 100, today)
    try:
        expected: date | None = d.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        expected = None
    if expected is None:
        with pytest.raises(DateInputError):
            parse_date(typed, today)
    elif FIRST_YEAR <= year <= LAST_YEAR:
        assert parse_date(typed, today) == expected


@given(st.text(max_size=12))
def test_any_text_is_a_date_none_or_a_dutch_refusal(text: str) -> None:
    try:
        result = parse_date(text, TODAY)
    except DateInputError as e:
        assert e.message
    else:
        assert result is None or FIRST_YEAR <= result.year <= LAST_YEAR
