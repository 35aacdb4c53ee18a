"""Rule 2: the law follows the age, and youth care ends the day before the 18th birthday.

The law itself comes from `planner.adulthood` (the one definition); these rules say where the
allocation and the member's situation disagree, and when a split is needed.
"""

from __future__ import annotations

from datetime import timedelta

from planner import adulthood, periods
from planner.dutch import date_words
from planner.findings import Finding, Severity
from planner.model import Allocation, Law, Member, Product
from planner.rules.context import LAW_NAMES, RuleContext, laws_words, who

ONE_DAY = timedelta(days=1)


def law_findings(
    ctx: RuleContext, allocation: Allocation, member: Member, product: Product, label: str
) -> list[Finding]:
    """Rule 2 for one allocation whose product is known."""
    birth = member.birth_date
    if birth is None:
        return []  # reported on the member
    terms = ctx.reference.terms
    out = []

    def add(code: str, message: str) -> None:
        out.append(Finding(code, Severity.ERROR, message, "allocation", allocation.id))

    name = who(member)
    birthday = periods.eighteenth_birthday(birth, terms.adult_age)
    member_law = adulthood.member_law(member, allocation.start, terms.adult_age)
    law = adulthood.required_law(allocation, member, terms.adult_age)
    if law is Law.WMO and member_law is Law.JEUGDWET:
        add(
            "allocation.wmo_minor",
            f"{label}: {name} is op {date_words(allocation.start)} nog geen {terms.adult_age} jaar. Tot "
            f"{date_words(birthday)} geldt de Jeugdwet, niet de Wmo. Kies jeugdhulp of laat de Wmo-"
            "toewijzing op de verjaardag beginnen.",
        )
    elif law is Law.JEUGDWET and member_law is Law.WMO and not allocation.extended_youth_care:
        add(
            "allocation.youth_care_adult",
            f"{label}: {name} is op {date_words(allocation.start)} al {terms.adult_age} jaar of ouder. Dan "
            "geldt de Wmo. Kies een Wmo-product, of leg vast dat de jeugdhulp wordt verlengd "
            f"(verlengde jeugdhulp tot {terms.extended_youth_care_age} jaar).",
        )
    if law is not None and law not in product.laws:
        add(
            "allocation.law_mismatch",
            f"{label}: dit product valt onder de {laws_words(product.laws)}, maar voor {name} geldt op "
            f"{date_words(allocation.start)} de {LAW_NAMES[law]}. Kies een product dat onder de "
            f"{LAW_NAMES[law]} valt.",
        )
    if adulthood.needs_split(allocation, member, terms.adult_age):
        last_day = birthday - ONE_DAY
        add(
            "allocation.past_18",
            f"{name} wordt {terms.adult_age} op {date_words(birthday)}. Jeugdhulp kan dan lopen "
            f"tot en met {date_words(last_day)}, maar {label} loopt tot en met "
            f"{date_words(allocation.end)}. Splits de toewijzing: Jeugdwet tot en met "
            f"{date_words(last_day)} en Wmo vanaf {date_words(birthday)}. Of leg vast dat de "
            f"jeugdhulp wordt verlengd (verlengde jeugdhulp tot {terms.extended_youth_care_age} jaar).",
        )
    elif law is Law.JEUGDWET and allocation.extended_youth_care:
        limit = periods.anniversary(birth, terms.extended_youth_care_age)
        if allocation.end >= limit:
            add(
                "allocation.past_extended_youth_care",
                f"{label}: verlengde jeugdhulp kan tot en met {date_words(limit - ONE_DAY)}, de dag voor "
                f"{name} {terms.extended_youth_care_age} wordt. Laat de toewijzing uiterlijk dan eindigen.",
            )
    if allocation.extended_youth_care and not allocation.extended_youth_care_reason.strip():
        out.append(
            Finding(
                "allocation.extended_no_reason",
                Severity.ERROR,
                f"{label}: schrijf op waarom de jeugdhulp wordt verlengd. Die reden komt in de beschikking.",
                "allocation",
                allocation.id,
            )
        )
    return out
