"""Dates and periods: ages, plan periods, the 18th-birthday split, procedure deadlines.

Conventions (domain.md §4.7, §4.8; stated in the letter so a reader can check them):
- A period runs from its start date up to and including its end date.
- Its length is `relativedelta(end + 1 day, start)`, said as months and days ("12 maanden",
  "4 maanden en 9 dagen"); years are said as months because letters speak in months.
- A plan of `m` months starting on `s` ends on `s + m months - 1 day`. dateutil clips a month-end
  start to the shorter month (31 January + 1 month = 28 February), so 31 January 2027 + 1 month
  ends on 27 February 2027. With that definition `length(s, plan_end(s, m))` is exactly `m` months
  for every start date (relativedelta counts the months back from the same clipped date), which the
  tests check for all starts.
- Someone born on 29 February has their birthday on 1 March in a year without 29 February: the
  years since birth are only complete once the whole of 28 February has passed (this is also the
  common Dutch legal reading). So the Jeugdwet part of someone born 29 February 2008 runs up to and
  including 28 February 2026 and the Wmo part starts on 1 March 2026; in a leap year the birthday
  is 29 February itself.
"""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol

from dateutil.relativedelta import relativedelta

from planner.dutch import count_words, date_words, join_and
from planner.model import Law

__all__ = [
    "Deadline",
    "DeadlineStatus",
    "LawPart",
    "Terms",
    "age_on",
    "anniversary",
    "date_words",
    "days_inclusive",
    "eighteenth_birthday",
    "is_working_day",
    "last_day_to_object",
    "law_on",
    "length",
    "length_words",
    "pending_deadlines",
    "plan_end",
    "procedure_deadlines",
    "split_at_adulthood",
    "total_months",
]

ONE_DAY = timedelta(days=1)


# --- ages ------------------------------------------------------------------------------------


def anniversary(birth: date, years: int) -> date:
    """The day someone turns `years` old; a 29 February birthday falls on 1 March in other years."""
    year = birth.year + years
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth.replace(year=year)


def age_on(birth: date, on: date) -> int:
    """Completed years on `on` (0 on the day of birth; negative before it)."""
    years = on.year - birth.year
    return years if on >= anniversary(birth, years) else years - 1


def eighteenth_birthday(birth: date, adult_age: int) -> date:
    """The first day someone is an adult (Wmo instead of Jeugdwet)."""
    return anniversary(birth, adult_age)


def law_on(birth: date, on: date, adult_age: int) -> Law:
    return Law.WMO if on >= eighteenth_birthday(birth, adult_age) else Law.JEUGDWET


# --- periods ---------------------------------------------------------------------------------


def plan_end(start: date, months: int) -> date:
    """Inclusive end of a period of `months` calendar months starting on `start`."""
    if months < 1:
        raise ValueError("a period lasts at least one month")
    return start + relativedelta(months=months) - ONE_DAY


def _check_order(start: date, end: date) -> None:
    if end < start:
        raise ValueError("end date before start date")


def length(start: date, end: date) -> relativedelta:
    """Length of the inclusive period start..end as calendar months and days."""
    _check_order(start, end)
    return relativedelta(end + ONE_DAY, start)


def total_months(delta: relativedelta) -> int:
    return delta.years * 12 + delta.months


def length_words(start: date, end: date) -> str:
    """ "12 maanden", "4 maanden en 9 dagen", "1 maand", "9 dagen", "1 dag"."""
    delta = length(start, end)
    months, days = total_months(delta), delta.days
    parts = []
    if months:
        parts.append(count_words(months, "maand", "maanden"))
    if days:
        parts.append(count_words(days, "dag", "dagen"))
    return join_and(parts)


def days_inclusive(start: date, end: date) -> int:
    _check_order(start, end)
    return (end - start).days + 1


# --- the 18th birthday -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LawPart:
    law: Law
    start: date
    end: date  # inclusive


def split_at_adulthood(start: date, end: date, birth: date, adult_age: int) -> list[LawPart]:
    """The period split at the adult birthday: Jeugdwet up to the day before, Wmo from the day.

    The parts are contiguous and together cover start..end exactly; a period wholly before or
    from the birthday gives one part.
    """
    _check_order(start, end)
    birthday = eighteenth_birthday(birth, adult_age)
    if end < birthday:
        return [LawPart(Law.JEUGDWET, start, end)]
    if start >= birthday:
        return [LawPart(Law.WMO, start, end)]
    return [LawPart(Law.JEUGDWET, start, birthday - ONE_DAY), LawPart(Law.WMO, birthday, end)]


# --- procedure deadlines ---------------------------------------------------------------------


class Terms(Protocol):
    """The statutory terms in days (reference data: `Reference.terms`)."""

    @property
    def own_plan_days(self) -> int: ...
    @property
    def investigation_days(self) -> int: ...
    @property
    def decision_days(self) -> int: ...


class DeadlineStatus(StrEnum):
    OK = "ok"
    NEAR = "bijna"
    PAST = "verlopen"


@dataclass(frozen=True, slots=True)
class Deadline:
    key: str  # "own_plan" | "investigation" | "decision"
    label: str  # Dutch
    due: date  # the last day on which it is still in time

    def status(self, today: date, warning_days: int) -> DeadlineStatus:
        """Past after the due day; near from `warning_days` before it up to and including it."""
        if today > self.due:
            return DeadlineStatus.PAST
        if (self.due - today).days <= warning_days:
            return DeadlineStatus.NEAR
        return DeadlineStatus.OK

    def words(self, today: date) -> str:
        """Dutch overview line: "Uiterste datum besluit: 15 februari 2027 (over 3 dagen)"."""
        days = (self.due - today).days
        if days > 0:
            when = f"over {count_words(days, 'dag', 'dagen')}"
        elif days == 0:
            when = "vandaag"
        else:
            when = f"{count_words(-days, 'dag', 'dagen')} geleden verlopen"
        return f"{self.label}: {date_words(self.due)} ({when})"


def procedure_deadlines(
    report_date: date | None, application_date: date | None, terms: Terms
) -> list[Deadline]:
    """Deadlines that follow from the report (own plan, investigation) and the application (decision).

    A missing date gives no deadline for it (facts.md §1: Wmo 2015 art. 2.3.2 and 2.3.5).
    """
    deadlines = []
    if report_date is not None:
        deadlines.append(
            Deadline(
                "own_plan",
                "Uiterste datum persoonlijk plan",
                report_date + timedelta(days=terms.own_plan_days),
            )
        )
        deadlines.append(
            Deadline(
                "investigation",
                "Uiterste datum onderzoek",
                report_date + timedelta(days=terms.investigation_days),
            )
        )
    if application_date is not None:
        deadlines.append(
            Deadline(
                "decision",
                "Uiterste datum besluit",
                application_date + timedelta(days=terms.decision_days),
            )
        )
    return deadlines


def pending_deadlines(
    report_date: date | None,
    application_date: date | None,
    own_plan_submitted: bool,
    terms: Terms,
    today: date,
) -> list[Deadline]:
    """The procedure deadlines of a concept plan that still ask something of the professional.

    The own-plan term is the client's window, not the municipality's: once an own plan is handed
    in, or the term has closed, there is nothing left to act on. The rules (a finding when near or
    past) and the caseload (every pending deadline, with its date) both start from this list.
    """
    return [
        d
        for d in procedure_deadlines(report_date, application_date, terms)
        if not (d.key == "own_plan" and (own_plan_submitted or today > d.due))
    ]


def is_working_day(d: date, non_working_days: Collection[date]) -> bool:
    return d.weekday() < 5 and d not in non_working_days


def last_day_to_object(sent: date, non_working_days: Collection[date], term_days: int) -> date:
    """Last day of the objection term (Awb 6:7, 6:8; Algemene termijnenwet art. 1).

    The term starts the day after sending, so its last day is `sent + term_days`; a Saturday,
    Sunday or recognised holiday (including decree-equated days, passed in `non_working_days`)
    moves it to the first day after that is none of these.
    """
    day = sent + timedelta(days=term_days)
    while not is_working_day(day, non_working_days):
        day += ONE_DAY
    return day
