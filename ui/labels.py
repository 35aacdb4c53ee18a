"""The Dutch words the screens use for the domain's codes, in one place.

Only words for display live here; what a code means (which law, which route needs what) is in
`planner`. The continuity routes carry their own labels in the route registry
(`resources/continuity_routes.toml`).
"""

from __future__ import annotations

from planner.model import CoordinatorKind, Form, Frequency, Law, LineKind, Product, ResultReached, Role, Unit

__all__ = [
    "COORDINATOR_WORDS",
    "FORM_WORDS",
    "FREQUENCY_WORDS",
    "LAW_WORDS",
    "LINE_KIND_WORDS",
    "REACHED_WORDS",
    "ROLE_WORDS",
    "UNIT_WORDS",
    "law_words",
    "product_label",
]

LAW_WORDS = {Law.WMO: "Wmo", Law.JEUGDWET: "Jeugdwet"}
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
