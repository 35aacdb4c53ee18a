"""The Dutch words the screens use for the domain's codes, in one place.

Only words for display live here; what a code means (which law, which route needs what) is in
`planner`. The continuity routes carry their own labels in the route registry
(`resources/continuity_routes.toml`).
"""

from __future__ import annotations

from planner.dutch import euro
from planner.model import (
    CoordinatorKind,
    Form,
    Frequency,
    Law,
    LineKind,
    Outcome,
    Product,
    ResultReached,
    Role,
    Unit,
)
from planner.money import OwnContributionOutcome

__all__ = [
    "COORDINATOR_WORDS",
    "FIELD_LABELS",
    "FORM_WORDS",
    "FREQUENCY_WORDS",
    "LAW_WORDS",
    "LINE_KIND_WORDS",
    "OUTCOME_WORDS",
    "REACHED_WORDS",
    "RECORD_WORDS",
    "ROLE_WORDS",
    "UNIT_WORDS",
    "field_label",
    "law_words",
    "product_label",
]

LAW_WORDS = {Law.WMO: "Wmo", Law.JEUGDWET: "Jeugdwet"}
# The outcome of an allocation, as the editor offers it (domain.md §6).
OUTCOME_WORDS = {
    Outcome.GRANTED: "Toegekend (zoals gevraagd)",
    Outcome.PARTLY: "Gedeeltelijk toegekend (minder dan gevraagd)",
    Outcome.REFUSED: "Afgewezen",
}
FORM_WORDS = {Form.IN_KIND: "Zorg in natura (via een aanbieder)", Form.PGB: "Pgb (persoonsgebonden budget)"}
UNIT_WORDS = {
    Unit.MINUTE: "minuten",
    Unit.HOUR: "uur",
    Unit.ETMAAL: "etmalen",
    Unit.DAYPART: "dagdelen",
    Unit.PIECE_OUTPUT: "stuks",
    Unit.PIECE_EFFORT: "stuks (inspanning)",
    Unit.EURO: "euro",
}
FREQUENCY_WORDS = {
    Frequency.PER_DAY: "per dag",
    Frequency.PER_WEEK: "per week",
    Frequency.PER_MONTH: "per maand",
    Frequency.TOTAL: "in totaal",
}
REACHED_WORDS: dict[ResultReached, str] = {
    ResultReached.FULLY: "volledig bereikt",
    ResultReached.PARTLY: "gedeeltelijk bereikt",
    ResultReached.NOT: "niet bereikt",
}
ROLE_WORDS = {Role.PARENT: "ouder", Role.PARTNER: "partner", Role.CHILD: "kind", Role.OTHER: "overig"}
COORDINATOR_WORDS = {
    CoordinatorKind.HOUSEHOLD: "Het huishouden zelf (zelfcoördinatie)",
    CoordinatorKind.ACCESS_TEAM: "Het toegangsteam",
    CoordinatorKind.PROVIDER: "Een zorgaanbieder",
}
LINE_KIND_WORDS = {
    LineKind.STANDARD: "Normtijd",
    LineKind.FREE: "Vrije regel",
    LineKind.CUSTOMARY_HELP: "Aftrek gebruikelijke hulp",
    LineKind.NETWORK: "Aftrek netwerk",
}


def law_words(law: Law | None, unknown: str = "") -> str:
    """ "Wmo", "Jeugdwet", or `unknown` when the law is not known (no birth date)."""
    return LAW_WORDS[law] if law is not None else unknown


def product_label(product: Product) -> str:
    """ "Begeleiding individueel (02A01, Wmo)" for the product list."""
    laws = " en ".join(LAW_WORDS[law] for law in sorted(product.laws))
    return f"{product.name} ({product.code}, {laws})"


# What each stored field is called where the window shows it (conflicts with another window, what
# came in from elsewhere): per kind of record, the model attribute -> its Dutch name.
FIELD_LABELS: dict[str, dict[str, str]] = {
    "household": {
        "street": "straat",
        "house_number": "huisnummer",
        "postcode": "postcode",
        "city": "plaats",
        "municipality_code": "gemeente",
        "case_number": "dossiernummer",
        "safety_signal": "veiligheidssignaal",
        "safety_note": "notitie bij het veiligheidssignaal",
    },
    "member": {
        "given_names": "voornamen",
        "initials": "voorletters",
        "surname_prefix": "tussenvoegsel",
        "surname": "achternaam",
        "birth_date": "geboortedatum",
        "role": "rol",
        "bsn": "BSN",
        "salutation": "aanhef",
        "receives_letters": "ontvangt de brieven",
        "own_provider_id": "eigen aanbieder",
        "moved_out_on": "verhuisd op",
        "position": "plaats in de lijst",
    },
    "plan": {
        "version": "versie",
        "status": "status",
        "previous_plan_id": "vorig plan",
        "report_date": "datum melding",
        "application_date": "datum aanvraag",
        "conversation_date": "datum keukentafelgesprek",
        "participants": "wie waren erbij",
        "client_support_offered": "cliëntondersteuning aangeboden",
        "client_support_present": "cliëntondersteuner aanwezig",
        "own_plan_submitted": "eigen plan ingediend",
        "start": "start",
        "months": "duur (maanden)",
        "coordinator": "regie",
        "safety_assessment": "veiligheidstaxatie",
        "decided_on": "vastgesteld op",
    },
    "life_area": {
        "life_area": "leefgebied",
        "current_situation": "huidige situatie",
        "desired_result": "gewenst resultaat",
        "distance": "afstand tot resultaat",
        "member_ids": "betrokken gezinsleden",
        "goals": "doelen",
        "ladder": "verantwoordelijkheidsladder",
        "score_before": "zelfredzaamheid bij begin",
        "score_after": "zelfredzaamheid bij einde",
        "reached": "bereikt",
        "reached_reason": "waarom (bereikt)",
        "position": "plaats in de lijst",
    },
    "allocation": {
        "member_id": "gezinslid",
        "product_code": "product",
        "start": "start",
        "end": "einde",
        "volume": "omvang",
        "volume_max": "omvang tot",
        "unit": "eenheid",
        "frequency": "frequentie",
        "form": "vorm",
        "provider_id": "aanbieder",
        "law": "wet",
        "life_area": "leefgebied",
        "goal_id": "doel",
        "hours_lines": "onderbouwing van de uren",
        "continuity": "continuïteit van zorg",
        "pgb_budget": "pgb-budget",
        "extended_youth_care": "verlengde jeugdhulp",
        "extended_youth_care_reason": "reden verlengde jeugdhulp",
        "outcome": "uitkomst",
        "requested_volume": "gevraagde omvang",
        "requested_start": "gevraagd vanaf",
        "requested_end": "gevraagd tot en met",
        "request_text": "wat er gevraagd is",
        "motivation": "motivering",
        "position": "plaats in de lijst",
    },
}
# What a record is called, before its name: "Gezinslid Daan Jansen", "Leefgebied Financiën".
RECORD_WORDS = {
    "household": "Huishouden",
    "member": "Gezinslid",
    "plan": "Plan",
    "life_area": "Leefgebied",
    "allocation": "Toewijzing",
}


def field_label(kind: str, name: str) -> str:
    """The Dutch name of a stored field; the attribute itself for one not in the table (a test
    keeps the table complete)."""
    return FIELD_LABELS.get(kind, {}).get(name, name)


def own_contribution_words(outcome: OwnContributionOutcome) -> str:
    """The own contribution as the professional reads it on screen, about the client; the
    outcome's `reason` is the letter's sentence, which addresses the client ("betaalt u")."""
    year = f" in {outcome.year}" if outcome.year else ""
    if not outcome.applies:
        if outcome.max_per_month is None:
            return "geen: er is geen Wmo-ondersteuning in dit plan (jeugdhulp kent geen eigen bijdrage)."
        return (
            f"geen ({euro(0)} per maand): de cliënt woont samen met een partner en een van beiden heeft de "
            "AOW-leeftijd nog niet bereikt."
        )
    amount = f"ten hoogste {euro(outcome.max_per_month)} per maand{year}" if outcome.max_per_month else ""
    if not outcome.verified:
        return (
            "waarschijnlijk wel, het abonnementstarief"
            + (f" ({amount})" if amount else "")
            + "; nog niet zeker: het bedrag of een gegeven (zoals de geboortedatum van de partner) "
            "moet nog worden nagegaan. Het CAK stelt het vast."
        )
    if not amount:
        return f"ja, het abonnementstarief; het bedrag{year} is nog niet bekend (het CAK stelt het vast)."
    return f"ja, het abonnementstarief: {amount}. Het CAK stelt het vast en stuurt de cliënt de rekening."
