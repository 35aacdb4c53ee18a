"""Rules 5 and 6 for a member: the birth date and the BSN."""

from __future__ import annotations

from datetime import date

from planner import periods
from planner.bsn import bsn_problem
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import Member
from planner.rules.context import who as _who

# A member without a BSN is accepted only as a newborn who has not been given one yet: a policy
# choice of this app (domain.md §4.1), not a legal term.
NEWBORN_MAX_AGE_YEARS = 1


def check_member(member: Member, today: date) -> list[Finding]:
    """Birth date and BSN of one member."""
    out: list[Finding] = []
    who = _who(member)

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "member", member.id))

    birth = member.birth_date
    if birth is None:
        add("member.no_birth_date", Severity.ERROR, f"Vul de geboortedatum van {who} in.")
    elif birth > today:
        add(
            "member.birth_in_future",
            Severity.ERROR,
            f"De geboortedatum van {who} ({date_words(birth)}) ligt in de toekomst. Controleer de datum.",
        )
    bsn = (member.bsn or "").strip()
    if bsn:
        problem = bsn_problem(bsn)
        if problem is not None:
            add("member.bsn_invalid", Severity.ERROR, f"BSN van {who}: {problem}")
    elif birth is not None and birth <= today and periods.age_on(birth, today) < NEWBORN_MAX_AGE_YEARS:
        add(
            "member.bsn_missing",
            Severity.WARNING,
            f"{who} heeft nog geen BSN. Dat mag bij een pasgeboren kind; vul het in zodra het bekend is.",
        )
    else:
        add("member.bsn_missing", Severity.ERROR, f"Vul het BSN van {who} in.")
    return out
