"""Dutch words for dates, counts and money, as they appear on screen and in letters.

Language, not domain facts: month names and plural forms belong to Dutch itself, so they live here
rather than in `resources/`.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# As written on a calendar or a time axis: "mrt", not "maa".
MONTH_ABBREVIATIONS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")

CENT = Decimal("0.01")


def date_words(d: date, *, weekday: bool = False) -> str:
    """ "1 februari 2027"; with weekday=True "maandag 1 februari 2027"."""
    text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return f"{WEEKDAYS[d.weekday()]} {text}" if weekday else text


def period_words(start: date, end: date) -> str:
    """ "van 1 februari 2027 tot en met 31 januari 2028" (end dates are inclusive)."""
    return f"van {date_words(start)} tot en met {date_words(end)}"


def count_words(n: int, singular: str, plural: str) -> str:
    """ "1 maand", "2 maanden", "0 minuten", "1.440 minuten"."""
    return f"{number(n)} {singular if n == 1 else plural}"


def join_and(parts: list[str]) -> str:
    """ "a", "a en b", "a, b en c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


# Between "€" and the number: a line never breaks there ("€" alone at the end of a line).
NBSP = "\u00a0"


def euro(amount: Decimal | int) -> str:
    """Dutch money notation: "€ 1.234,56", "-€ 5,00" for a negative amount; rounded half up to cents.

    The space after "€" is a no-break space (`NBSP`), on screen and in every document."""
    value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", ".")
    return f"{sign}€{NBSP}{groups},{cents}"


def number(n: int) -> str:
    """A whole number with Dutch thousands dots: "10.168"."""
    return f"{n:,}".replace(",", ".")
