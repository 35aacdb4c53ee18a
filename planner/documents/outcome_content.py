"""Request and outcome in the decision letter (domain.md §6): what was asked, and per allocation
whether it is granted, partly granted or refused, with its motivation and legal ground.

`letter_content.build_letters` calls `outcome_parts` once per letter; every sentence comes from
resources/texts.toml.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from planner import hours, outcomes
from planner.documents.common import about_text
from planner.documents.snapshots import AllocationDecision
from planner.dutch import period_words
from planner.model import Allocation, Law, Member, Outcome, Product
from planner.reference import Reference

_WORD_KEYS = {
    Outcome.GRANTED: "letter.outcome_word_granted",
    Outcome.PARTLY: "letter.outcome_word_partly",
    Outcome.REFUSED: "letter.outcome_word_refused",
}


@dataclass(frozen=True, slots=True)
class OutcomeParts:
    decisions: tuple[AllocationDecision, ...]  # with request, outcome and legal ground filled in
    request: tuple[str, ...]  # what was asked, for the letter's opening
    motivation: tuple[str, ...]  # the legal ground of a partial grant or refusal, once per law
    granted_products: tuple[str, ...]  # products in words that are (partly) granted
    all_refused: bool
    refused: tuple[str, ...]  # what was asked and refused, in words, once each (the intro names it)


def outcome_word(outcome: Outcome, ref: Reference) -> str:
    """ "toegekend" / "gedeeltelijk toegekend" / "afgewezen" as the documents print it."""
    return ref.text(_WORD_KEYS[outcome])


def _what(a: Allocation, product: Product) -> str:
    return a.request_text.strip().rstrip(".") or product.name.lower()


def _amount(volume: int, a: Allocation) -> str:
    return f"{hours.unit_words(volume, a.unit)} {hours.frequency_words(a.frequency)}"


def request_words(a: Allocation, product: Product) -> str:
    start, end = outcomes.asked_period(a)
    return f"{_what(a, product)}, {_amount(outcomes.asked_volume(a), a)}, {period_words(start, end)}"


def granted_words(a: Allocation, product: Product) -> str:
    return f"{product.name.lower()}, {_amount(a.volume, a)}, {period_words(a.start, a.end)}"


def _difference(a: Allocation) -> tuple[str, str]:
    """What was asked and what is granted, short: the amounts, and the periods only if they differ."""
    asked = _amount(outcomes.asked_volume(a), a)
    given = _amount(a.volume, a)
    start, end = outcomes.compared_period(a)
    if (start, end) != (a.start, a.end):
        asked, given = f"{asked}, {period_words(start, end)}", f"{given}, {period_words(a.start, a.end)}"
    return asked, given


def _asked_lines(allocations: Sequence[Allocation], products: Mapping[str, Product]) -> list[str]:
    """One line per request; the parts of an 18th-birthday split answer one request."""
    merged: list[tuple[str, str, str, date, date]] = []  # what, amount, product code, start, end
    for a in allocations:
        product = products[a.product_code]
        what, amount = _what(a, product), _amount(outcomes.asked_volume(a), a)
        start, end = outcomes.asked_period(a)
        if merged:
            p_what, p_amount, p_code, p_start, p_end = merged[-1]
            continues = p_what == what or products[p_code].adult_product == a.product_code
            adjoins = p_end + timedelta(days=1) == start or (p_start, p_end) == (start, end)
            if continues and p_amount == amount and adjoins:  # the parts of a split: one request
                merged[-1] = (p_what, p_amount, p_code, p_start, max(end, p_end))
                continue
        merged.append((what, amount, a.product_code, start, end))
    return [f"{what}, {amount}, {period_words(start, end)}" for what, amount, _, start, end in merged]


def outcome_parts(
    allocations: Sequence[Allocation],
    decisions: Sequence[AllocationDecision],
    member: Member,
    minor: bool,
    laws: Sequence[Law | None],
    products: Mapping[str, Product],
    ref: Reference,
) -> OutcomeParts:
    """`allocations`, `decisions` and `laws` are parallel, in the letter's order."""
    out: list[AllocationDecision] = []
    grounds: list[Law] = []
    child = member.given_names if minor else None
    for a, d, law in zip(allocations, decisions, laws, strict=True):
        product = products[a.product_code]
        changes: dict[str, object] = {
            "outcome": a.outcome,
            "request_words": request_words(a, product),
            "legal_ground": ref.text(f"letter.ground_{law.value}") if law is not None else "",
        }
        if a.outcome is not Outcome.GRANTED:
            reason = a.motivation.strip()
            changes["reason_text"] = ref.text("letter.outcome_reason", reason=reason) if reason else ""
            if law is not None and law not in grounds:
                grounds.append(law)
        if a.outcome is Outcome.PARTLY:
            asked, given = _difference(a)
            changes["outcome_words"] = ref.text("letter.outcome_partly", request=asked, granted=given)
        elif a.outcome is Outcome.REFUSED:
            # Nothing is granted: no amount, total, cost, provider or hours table in the letter.
            changes |= {
                "outcome_words": about_text(ref, "letter.outcome_refused", child, request=_what(a, product)),
                "form_text": "",
                "amount_words": "",
                "total_words": "",
                "cost_words": "",
                "provider": "",
                "hours_rows": (),
                "hours_total_minutes": 0,
                "hours_total_words": "",
                "hours_standard": "",
                "own_provider_text": "",
                "split_text": "",
            }
        out.append(dataclasses.replace(d, **changes))  # type: ignore[arg-type]

    lines = _asked_lines(allocations, products)
    key = "letter.request_asked_minor" if minor else "letter.request_asked"
    request = tuple(ref.text(key, name=member.given_names, request=line) for line in lines)
    motivation = tuple(
        ref.text(
            f"letter.motivation_outcome_{law.value}",
            ground=ref.text(f"letter.ground_{law.value}"),
            name=member.given_names,
        )
        for law in (Law.JEUGDWET, Law.WMO)
        if law in grounds
    )
    granted = tuple(
        dict.fromkeys(
            d.product.lower() for a, d in zip(allocations, out, strict=True) if outcomes.is_granted(a)
        )
    )
    refused = tuple(
        dict.fromkeys(_what(a, products[a.product_code]) for a in allocations if a.outcome is Outcome.REFUSED)
    )
    if not granted:
        # The letter only refuses: its intro says "Wij wijzen uw aanvraag ... af" once, and each
        # refused part says what that means instead of refusing a second time.
        after = about_text(ref, "letter.outcome_refused_after_intro", child)
        out = [dataclasses.replace(d, outcome_words=after) for d in out]
    return OutcomeParts(tuple(out), request, motivation, granted, not granted, refused)
