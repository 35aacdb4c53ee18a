"""Hours: the explanation lines, amounts in words, totals over a period (domain.md §4.8).

Minutes are never rounded down (courts do not accept it, facts.md §2): every fractional result is
rounded up to the next whole unit. All arithmetic is exact (integers and `Fraction`), no floats.

Totals over an inclusive period start..end, for the letter ("over de hele periode"):
- per day: volume × days in the period;
- per week: volume × days ÷ 7, rounded up
  (195 minutes per week, 1 February 2027 – 31 January 2028: 195 × 365 ÷ 7 = 10,167.86 → 10,168);
- per month: volume × (whole months + days of the partial month ÷ days of that month), rounded up.
  Whole months and leftover days are those of `length(start, end)`; the partial month is the month
  that would follow the whole months, i.e. from `start + m months` up to `start + (m + 1) months`,
  so its length is 28–31 days. Example: 3 hours per month from 1 February 2027 to 10 April 2027
  = 2 months and 10 days; the partial month runs from 1 April to 1 May (30 days):
  3 × (2 + 10/30) = 7 hours;
- in total (frequency 6): the volume itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from fractions import Fraction
from typing import Protocol

from dateutil.relativedelta import relativedelta

from planner.dutch import count_words, euro, join_and, number
from planner.model import Frequency, HoursLine, LineKind, Unit
from planner.periods import days_inclusive, length, total_months

__all__ = [
    "ActivityLike",
    "FactorLike",
    "amount_words",
    "ceil_units",
    "frequency_words",
    "minutes_per_week",
    "minutes_words",
    "standard_line",
    "to_iwmo",
    "total_units",
    "total_words",
    "unit_words",
]

MINUTES_PER_HOUR = 60
DAYS_PER_WEEK = 7


class FactorLike(Protocol):
    """A documented extra-time factor of a standard activity, added once per count."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def minutes_per_week(self) -> int: ...


class ActivityLike(Protocol):
    """An activity of the municipality's standard times (reference data)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def product_code(self) -> str: ...
    @property
    def minutes_per_week(self) -> int: ...
    @property
    def factors(self) -> tuple[FactorLike, ...]: ...


def ceil_units(value: Fraction | int) -> int:
    """Round up to a whole unit: the client never gets less than was decided."""
    return math.ceil(value)


# --- lines -----------------------------------------------------------------------------------


def minutes_per_week(lines: Iterable[HoursLine]) -> int:
    """Sum of the activity lines minus the deducted lines (customary help, network); never below 0."""
    total = sum(-ln.minutes_per_week if ln.kind.deducts else ln.minutes_per_week for ln in lines)
    return max(total, 0)


def standard_line(activity: ActivityLike, factors: Mapping[str, int]) -> HoursLine:
    """A line from the standard times: the activity's minutes plus each factor times its count.

    `factors` maps a factor code of this activity to how often it applies (e.g. 2 extra rooms);
    counts of 0 are left out of the line. An unknown code or a negative count is a programming
    error in the caller and raises ValueError.
    """
    known = {f.code: f for f in activity.factors}
    minutes = activity.minutes_per_week
    applied: dict[str, int] = {}
    reasons: list[str] = []
    for code, count in factors.items():
        if code not in known:
            raise ValueError(f"factor {code!r} does not belong to activity {activity.code!r}")
        if count < 0:
            raise ValueError(f"negative count for factor {code!r}")
        if count == 0:
            continue
        factor = known[code]
        extra = factor.minutes_per_week * count
        minutes += extra
        applied[code] = count
        reasons.append(f"{count} × {factor.name} ({count_words(extra, 'minuut', 'minuten')})")
    reason = f"Normtijd {count_words(activity.minutes_per_week, 'minuut', 'minuten')}"
    if reasons:
        reason += ", plus " + join_and(reasons)
    return HoursLine(
        kind=LineKind.STANDARD,
        label=activity.name,
        minutes_per_week=minutes,
        activity_code=activity.code,
        factors=applied,
        reason=reason,
    )


# --- words -----------------------------------------------------------------------------------


def minutes_words(minutes: int) -> str:
    """ "3 uur en 15 minuten", "45 minuten", "2 uur", "1 uur en 1 minuut", "0 minuten"."""
    if minutes < 0:
        raise ValueError("negative minutes")
    hours, rest = divmod(minutes, MINUTES_PER_HOUR)
    if not hours:
        return count_words(rest, "minuut", "minuten")
    parts = [f"{number(hours)} uur"]
    if rest:
        parts.append(count_words(rest, "minuut", "minuten"))
    return join_and(parts)


_UNIT_WORDS: dict[Unit, tuple[str, str]] = {
    Unit.MINUTE: ("minuut", "minuten"),
    Unit.HOUR: ("uur", "uur"),
    Unit.ETMAAL: ("etmaal", "etmalen"),
    Unit.DAYPART: ("dagdeel", "dagdelen"),
    Unit.PIECE_OUTPUT: ("stuk", "stuks"),
    Unit.PIECE_EFFORT: ("stuk", "stuks"),
}

_FREQUENCY_WORDS: dict[Frequency, str] = {
    Frequency.PER_DAY: "per dag",
    Frequency.PER_WEEK: "per week",
    Frequency.PER_MONTH: "per maand",
    Frequency.TOTAL: "in totaal",
}


def unit_words(volume: int, unit: Unit) -> str:
    """ "195 minuten", "3 uur", "1 etmaal", "2 dagdelen", "5 stuks", "€ 150,00"."""
    if unit == Unit.EURO:
        return euro(volume)
    singular, plural = _UNIT_WORDS[unit]
    return count_words(volume, singular, plural)


def frequency_words(frequency: Frequency) -> str:
    return _FREQUENCY_WORDS[frequency]


def amount_words(volume: int, unit: Unit, frequency: Frequency) -> str:
    """The amount as the letter says it, with minutes also in hours and minutes.

    "195 minuten per week, dat is 3 uur en 15 minuten per week"; "3 uur per week";
    "45 minuten per week"; "2 dagdelen per week"; "€ 150,00 per maand".
    """
    freq = frequency_words(frequency)
    text = f"{unit_words(volume, unit)} {freq}"
    if unit == Unit.MINUTE and volume >= MINUTES_PER_HOUR:
        text += f", dat is {minutes_words(volume)} {freq}"
    return text


# --- totals over a period --------------------------------------------------------------------


def _months_exact(start: date, end: date) -> Fraction:
    """Length of start..end in months, the partial month pro rata by its days (module docstring)."""
    delta = length(start, end)
    months = total_months(delta)
    if not delta.days:
        return Fraction(months)
    month_from = start + relativedelta(months=months)
    month_to = start + relativedelta(months=months + 1)
    return months + Fraction(delta.days, (month_to - month_from).days)


def total_units(volume: int, unit: Unit, frequency: Frequency, start: date, end: date) -> int:
    """How many units (of `unit`) the amount comes to over start..end inclusive, rounded up."""
    days = days_inclusive(start, end)
    if frequency == Frequency.PER_DAY:
        return volume * days
    if frequency == Frequency.PER_WEEK:
        return ceil_units(Fraction(volume * days, DAYS_PER_WEEK))
    if frequency == Frequency.PER_MONTH:
        return ceil_units(volume * _months_exact(start, end))
    return volume


def total_words(volume: int, unit: Unit, frequency: Frequency, start: date, end: date) -> str:
    """The total over the period in words: "10.168 minuten, dat is 169 uur en 28 minuten"."""
    total = total_units(volume, unit, frequency, start, end)
    text = unit_words(total, unit)
    if unit == Unit.MINUTE and total >= MINUTES_PER_HOUR:
        text += f", dat is {minutes_words(total)}"
    return text


def to_iwmo(minutes_per_week: int) -> tuple[int, Unit, Frequency]:
    """Weekly minutes as the iWmo/iJw amount: whole hours in hours, otherwise in minutes (facts.md §3)."""
    if minutes_per_week < 0:
        raise ValueError("negative minutes")
    if minutes_per_week and minutes_per_week % MINUTES_PER_HOUR == 0:
        return minutes_per_week // MINUTES_PER_HOUR, Unit.HOUR, Frequency.PER_WEEK
    return minutes_per_week, Unit.MINUTE, Frequency.PER_WEEK
