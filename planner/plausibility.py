"""Dates that can be read but can hardly be right: a typing slip the professional should see.

A date field accepts every real date (`planner.date_input`); whether it is plausible is a finding,
so the professional sees it in the findings panel next to the other work and can correct it.
A birth more than `MAX_AGE_YEARS` years ago is a warning (it may be true); a report or an
application in the future is an error (the letters would state a date that has not yet come).
Decided and closed plans are history and are not checked again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner import periods
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import Household, Member, Plan, PlanStatus

MAX_AGE_YEARS = 110  # not a legal term: nobody this old has been a client in the region's data


def check_dates(household: Household, plans: Iterable[Plan], today: date) -> list[Finding]:
    """The implausible dates of the household's members and its concept plans."""
    out = [f for m in household.members for f in check_member_dates(m, today)]
    for plan in plans:
        if plan.status is PlanStatus.CONCEPT:
            out.extend(check_plan_dates(plan, today))
    return out


def check_member_dates(member: Member, today: date) -> list[Finding]:
    birth = member.birth_date
    if birth is None or birth.year + MAX_AGE_YEARS > today.year:
        return []  # no birth date and one in the future are rules of their own (planner.rules)
    if periods.anniversary(birth, MAX_AGE_YEARS) >= today:  # (a later year, above, is later too)
        return []
    who = member.full_name or "dit gezinslid"
    return [
        Finding(
            "member.birth_implausible",
            Severity.WARNING,
            f"De geboortedatum van {who} ({date_words(birth)}) is meer dan {MAX_AGE_YEARS} jaar "
            "geleden. Controleer de datum.",
            "member",
            member.id,
        )
    ]


def check_plan_dates(plan: Plan, today: date) -> list[Finding]:
    out = []
    for code, what, d in (
        ("plan.report_in_future", "De datum van de melding", plan.report_date),
        ("plan.application_in_future", "De datum van de aanvraag", plan.application_date),
    ):
        if d is not None and d > today:
            out.append(
                Finding(
                    code,
                    Severity.ERROR,
                    f"{what} ({date_words(d)}) ligt in de toekomst. Vul de dag in waarop die binnenkwam.",
                    "plan",
                    plan.id,
                )
            )
    return out
