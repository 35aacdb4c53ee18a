"""Rules 5 and 6 for a member: the birth date and the BSN."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from planner import periods
from planner.bsn import uncached_bsn_problem
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import Household, Member
from planner.rules.context import who as _who

# A member without a BSN is accepted only as a newborn who has not been given one yet: a policy
# choice of this app (domain.md §4.1), not a legal term.
NEWBORN_MAX_AGE_YEARS = 1


def check_member(member: Member, today: date) -> list[Finding]:
    """Birth date and BSN of one member.

    `check` runs this on every member of the region, so the usual member (a birth date in the
    past, a valid BSN) costs a few comparisons and the BSN check; the name is formatted only
    when a message needs it."""
    out: list[Finding] = []
    birth = member.birth_date
    if birth is None:
        out.append(_finding(member, "member.no_birth_date", f"Vul de geboortedatum van {_who(member)} in."))
    elif birth > today:
        out.append(
            _finding(
                member,
                "member.birth_in_future",
                f"De geboortedatum van {_who(member)} ({date_words(birth)}) ligt in de toekomst. "
                "Controleer de datum.",
            )
        )
    bsn = member.bsn.strip() if member.bsn else ""
    if bsn:
        problem = uncached_bsn_problem(bsn)  # each member's BSN once: a cache would only miss
        if problem is not None:
            out.append(_finding(member, "member.bsn_invalid", f"BSN van {_who(member)}: {problem}"))
    elif birth is not None and birth <= today and periods.age_on(birth, today) < NEWBORN_MAX_AGE_YEARS:
        out.append(
            _finding(
                member,
                "member.bsn_missing",
                f"{_who(member)} heeft nog geen BSN. Dat mag bij een pasgeboren kind; vul het in zodra "
                "het bekend is.",
                Severity.WARNING,
            )
        )
    else:
        out.append(_finding(member, "member.bsn_missing", f"Vul het BSN van {_who(member)} in."))
    return out


def _finding(member: Member, code: str, message: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(code, severity, message, "member", member.id)


def duplicate_bsn_findings(
    household: Household, bsn_elsewhere: Mapping[str, tuple[str, ...]]
) -> list[Finding]:
    """A BSN belongs to one person: twice in this household, or also in another dossier, is an error.

    `bsn_elsewhere` maps a BSN to the case numbers of the other households holding it (looked up
    by the caller; a rule does no I/O). The finding names the other member or dossier, never the BSN.
    """
    out: list[Finding] = []
    first: dict[str, Member] = {}
    for member in household.members:
        bsn = (member.bsn or "").strip()
        if not bsn:
            continue
        earlier = first.setdefault(bsn, member)
        if earlier is not member:
            out.append(
                Finding(
                    "member.bsn_duplicate",
                    Severity.ERROR,
                    f"{_who(member)} heeft hetzelfde BSN als {_who(earlier)} in dit huishouden. "
                    "Een BSN hoort bij één persoon: controleer het BSN van beiden.",
                    "member",
                    member.id,
                )
            )
        cases = bsn_elsewhere.get(bsn, ())
        if cases:
            dossiers = ", ".join(cases)
            word = "dossier" if len(cases) == 1 else "dossiers"
            out.append(
                Finding(
                    "member.bsn_elsewhere",
                    Severity.ERROR,
                    f"Het BSN van {_who(member)} staat ook in {word} {dossiers}. Een BSN hoort bij "
                    "één persoon: controleer het BSN, of werk in het bestaande dossier verder.",
                    "member",
                    member.id,
                )
            )
    return out
