"""Request and outcome of one allocation (domain.md §6): a partial grant or a refusal says why, a
partial grant gives less than was asked (never more), a refusal carries no hours or budget."""

from __future__ import annotations

from planner import outcomes
from planner.dutch import period_words
from planner.findings import Finding, Severity
from planner.hours import amount_words
from planner.model import Allocation, Outcome


def outcome_findings(allocation: Allocation, label: str) -> list[Finding]:
    a = allocation
    out: list[Finding] = []

    def add(code: str, severity: Severity, message: str) -> None:
        out.append(Finding(code, severity, message, "allocation", a.id))

    words = {Outcome.PARTLY: "kent dit gedeeltelijk toe", Outcome.REFUSED: "wijst deze aanvraag af"}
    if outcomes.needs_motivation(a) and not a.motivation.strip():
        add(
            "outcome.motivation_missing",
            Severity.ERROR,
            f"{label}: u {words[a.outcome]}, maar de motivering ontbreekt. Schrijf op waarom; "
            "dat komt in de beschikking.",
        )
    if a.requested_volume is not None and a.requested_volume <= 0:
        add(
            "outcome.requested_volume_not_positive",
            Severity.ERROR,
            f"{label}: vul bij 'Gevraagd' een omvang groter dan 0 in.",
        )
    start, end = outcomes.asked_period(a)
    if end < start:
        add(
            "outcome.requested_period_invalid",
            Severity.ERROR,
            f"{label}: de gevraagde periode eindigt vóór ze begint. Pas de gevraagde datums aan.",
        )
        return out
    asked = f"{amount_words(outcomes.asked_volume(a), a.unit, a.frequency)}, {period_words(start, end)}"
    if a.outcome is Outcome.PARTLY:
        if outcomes.more_than_asked(a):
            add(
                "outcome.partly_more_than_asked",
                Severity.ERROR,
                f"{label} is gedeeltelijk toegekend, maar u kent meer toe dan gevraagd ({asked}). "
                "Pas de omvang of de periode aan, of vul in wat er gevraagd is.",
            )
        elif not outcomes.less_than_asked(a):
            add(
                "outcome.partly_not_less",
                Severity.ERROR,
                f"{label} is gedeeltelijk toegekend, maar u kent toe wat gevraagd is. Vul bij 'Gevraagd' "
                "in wat er gevraagd is, of kies 'toegekend'.",
            )
    elif a.outcome is Outcome.REFUSED:
        if a.hours_lines:
            add(
                "outcome.refused_with_hours",
                Severity.ERROR,
                f"{label} is afgewezen, maar er staat een urenonderbouwing bij. Bij een afwijzing wordt "
                "niets toegekend: haal de regels weg, of kies een andere uitkomst.",
            )
        if a.pgb_budget is not None:
            add(
                "outcome.refused_with_budget",
                Severity.ERROR,
                f"{label} is afgewezen, maar er staat een pgb-budget bij. Haal het budget weg, of kies een "
                "andere uitkomst.",
            )
    elif outcomes.less_than_asked(a):
        add(
            "outcome.granted_less_than_asked",
            Severity.WARNING,
            f"{label}: er is gevraagd om {asked}, maar u kent minder toe. Kies 'gedeeltelijk toegekend' "
            "en schrijf op waarom.",
        )
    elif outcomes.more_than_asked(a):
        add(
            "outcome.granted_more_than_asked",
            Severity.WARNING,
            f"{label}: u kent meer toe dan gevraagd ({asked}). Controleer de omvang en de periode.",
        )
    return out
