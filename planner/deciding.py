"""Deciding a plan (Besluit vaststellen): check every rule, then freeze what the letters say.

`decide_plan` changes nothing itself: it returns the decided copy of the plan, the earlier decided
plans it closes, and one `DecisionBundle` (letters + plan document, one JSON document with a
format version) with its documents rendered as PDF files (invariant mode). The operation
`planner.services.deciding.decide` stores all of it in one unit of work. Reprinting a decided
plan returns the stored files byte for byte, so the letter that was sent prints again exactly as
sent (domain.md §5.9), whatever changes later in the catalogue, the reference data or the code
that lays letters out. A plan whose documents cannot be laid out is not decided.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Self

from planner.catalogue import Catalogue
from planner.documents.codec import from_json, to_json
from planner.documents.common import Professional
from planner.documents.letter_content import build_letters
from planner.documents.plan_content import build_plan_document
from planner.documents.snapshots import LetterSnapshot, PlanDocumentSnapshot
from planner.errors import frozen_plan_message
from planner.findings import Finding, Severity
from planner.model import Household, Plan, PlanStatus
from planner.reference import Reference
from planner.rules import check_household

if TYPE_CHECKING:  # the renderers (reportlab) load with the first document, not at start
    from planner.documents.rendering import Document

log = logging.getLogger(__name__)

# Bump when the bundle's shape changes; `DecisionBundle.from_json` refuses a newer one.
BUNDLE_FORMAT = 1


class BundleFormatError(ValueError):
    """A stored decision written by a newer version of the program (message in Dutch)."""


@dataclass(frozen=True, slots=True)
class DecisionBundle:
    """Everything printed for one decided plan, frozen: the letters and the plan document."""

    plan_id: str
    case_number: str
    sent_on: date
    letters: tuple[LetterSnapshot, ...]
    plan_document: PlanDocumentSnapshot
    format: int = BUNDLE_FORMAT

    def to_json(self) -> str:
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Self:
        version = json.loads(text).get("format")
        if not isinstance(version, int) or version > BUNDLE_FORMAT:
            raise BundleFormatError(
                "Dit besluit is opgeslagen door een nieuwere versie van Trajectplanner. "
                "Werk het programma bij om het af te drukken."
            )
        return from_json(cls, text)


def finding_key(finding: Finding) -> tuple[str, str | None]:
    """What identifies a warning the user acknowledged (the wording may change, the rule not)."""
    return (finding.code, finding.subject_id)


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    findings: tuple[Finding, ...]  # every finding for the decision, errors first
    bundle: DecisionBundle | None = None  # None: not decided
    plan: Plan | None = None  # the decided copy (status vastgesteld, decided_on set)
    closed: tuple[Plan, ...] = ()  # earlier decided plans that this decision ends
    documents: tuple[Document, ...] = ()  # the bundle rendered (invariant mode), stored as sent

    @property
    def decided(self) -> bool:
        return self.bundle is not None

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    def unacknowledged(self, acknowledged: Iterable[Finding]) -> tuple[Finding, ...]:
        keys = {finding_key(f) for f in acknowledged}
        return tuple(f for f in self.warnings if finding_key(f) not in keys)


def decision_findings(
    household: Household,
    plans: Iterable[Plan],
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    today: date,
    bsn_elsewhere: Mapping[str, tuple[str, ...]] | None = None,
) -> list[Finding]:
    """All rules of domain.md §5 as they apply to deciding `plan`: the same findings, with the same
    severities, as the findings panel shows for the household (one severity).

    `bsn_elsewhere`: the other dossiers per BSN (`planner.services.integrity.bsn_elsewhere`)."""
    plans = list(plans)
    if plan.is_frozen:
        message = frozen_plan_message(plan.status, reference)
        return [Finding("plan.already_decided", Severity.ERROR, message, "plan", plan.id)]
    # The plan being decided is checked as it is now, even if `plans` holds an older copy of it.
    current = [plan if p.id == plan.id else p for p in plans]
    if all(p.id != plan.id for p in current):
        current.append(plan)
    return check_household(household, current, catalogue, reference, today, bsn_elsewhere)


def decide_plan(
    household: Household,
    plans: Iterable[Plan],
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    sent_on: date,
    professional: Professional,
    today: date,
    acknowledged_warnings: Iterable[Finding] = (),
    bsn_elsewhere: Mapping[str, tuple[str, ...]] | None = None,
    *,
    render: bool = True,
) -> DecisionOutcome:
    """Decide `plan` when no rule blocks it and every warning was acknowledged.

    `render` False skips rendering the documents (a generated demo history: its thousands of
    bundles reprint through the invariant re-render of `planner.documents.service`).

    Nothing passed in is changed. On success the outcome holds the decided copy of the plan, the
    earlier decided plans closed by it (one decided plan at a time, domain.md §4.2) and the frozen
    bundle; otherwise only the findings, so the caller can show them.
    """
    plans = list(plans)
    findings = tuple(decision_findings(household, plans, plan, catalogue, reference, today, bsn_elsewhere))
    outcome = DecisionOutcome(findings)
    if outcome.errors or outcome.unacknowledged(acknowledged_warnings):
        return outcome
    if not professional.name.strip():
        missing = Finding(
            "decision.no_professional",
            Severity.ERROR,
            "Vul uw naam in (Instellingen): die komt onder de brieven te staan.",
            "plan",
            plan.id,
        )
        return DecisionOutcome((missing, *findings))
    decided = dataclasses.replace(plan, status=PlanStatus.DECIDED, decided_on=today)
    closed = tuple(
        dataclasses.replace(p, status=PlanStatus.CLOSED)
        for p in plans
        if p.id != plan.id and p.status is PlanStatus.DECIDED
    )
    bundle = build_bundle(household, decided, catalogue, reference, sent_on, professional, today)
    documents = render_decision(bundle) if render else ()
    if documents is None:
        unprintable = Finding(
            "decision.unprintable",
            Severity.ERROR,
            "De brieven of het plan kunnen niet worden opgemaakt, dus het besluit is niet vastgesteld. "
            "Maak lange teksten in het plan korter of verdeel ze over meer doelen, en probeer het opnieuw.",
            "plan",
            plan.id,
        )
        return DecisionOutcome((unprintable, *findings))
    return DecisionOutcome(findings, bundle, decided, closed, documents)


def render_decision(bundle: DecisionBundle) -> tuple[Document, ...] | None:
    """Every document of a decision in invariant mode, or None when one cannot be laid out.

    Rendered before anything is stored, so a decision that could never print is never kept."""
    try:
        from planner.documents.rendering import all_documents

        return tuple(all_documents(bundle, invariant=True))
    except Exception as exc:  # reportlab's LayoutError, or any other failure to lay a page out
        # The exception's text quotes the client's words: only its type goes to the log.
        log.warning("documents of a decision could not be laid out (%s)", type(exc).__name__)
        return None


def build_bundle(
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    sent_on: date,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    """The letters and plan document of `plan` as its status says: final once decided, else
    with the CONCEPT watermark. No rules are run here (see decide_plan)."""
    return DecisionBundle(
        plan_id=plan.id,
        case_number=household.case_number,
        sent_on=sent_on,
        letters=tuple(build_letters(household, plan, catalogue, reference, sent_on, professional, today)),
        plan_document=build_plan_document(household, plan, catalogue, reference, professional, today),
    )


def concept_bundle(
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    sent_on: date,
    professional: Professional,
    today: date,
) -> DecisionBundle:
    """The documents of a plan not decided yet: built fresh, printed with the CONCEPT watermark.

    A concept prints whatever state the plan is in. Support that cannot be worded yet (its
    product is not in the catalogue, its period ends before it starts) is left out of the letters
    and said in a marked line instead, in the member's letter and in the plan; the rules block
    deciding until it is corrected."""
    concept = (
        plan if plan.status is PlanStatus.CONCEPT else dataclasses.replace(plan, status=PlanStatus.CONCEPT)
    )
    left_out = _not_yet_printable(concept, catalogue, reference)
    if left_out:
        kept = [a for a in concept.allocations if a.id not in left_out]
        concept = dataclasses.replace(concept, allocations=kept)
    bundle = build_bundle(household, concept, catalogue, reference, sent_on, professional, today)
    return _marked(bundle, household, list(left_out.values()), reference) if left_out else bundle


def _not_yet_printable(plan: Plan, catalogue: Catalogue, reference: Reference) -> dict[str, tuple[str, str]]:
    """Allocation id -> (member id, marked line) for the support a letter cannot word yet."""
    products = {**{p.code: p for p in reference.products}, **catalogue.products}
    out: dict[str, tuple[str, str]] = {}
    for a in plan.allocations:
        product = products.get(a.product_code)
        if product is None:
            reason = reference.text("letter.concept_reason_no_product")
        elif a.end < a.start:
            reason = reference.text("letter.concept_reason_period")
        else:
            continue
        what = product.name if product is not None else a.product_code
        out[a.id] = (a.member_id, reference.text("letter.concept_left_out", products=what, reason=reason))
    return out


def _marked(
    bundle: DecisionBundle, household: Household, lines: list[tuple[str, str]], reference: Reference
) -> DecisionBundle:
    """The marked lines added to the decision section of the member's letter and the plan's intro."""
    names = {m.id: m.full_name for m in household.members}
    letters = []
    for letter in bundle.letters:
        own = tuple(text for member_id, text in lines if names.get(member_id) == letter.about_member)
        if own:
            section = letter.decision_intro
            section = dataclasses.replace(section, paragraphs=(*section.paragraphs, *own))
            letter = dataclasses.replace(letter, decision_intro=section)
        letters.append(letter)
    intro = bundle.plan_document.intro
    intro = dataclasses.replace(intro, paragraphs=(*intro.paragraphs, *(text for _, text in lines)))
    plan_document = dataclasses.replace(bundle.plan_document, intro=intro)
    return dataclasses.replace(bundle, letters=tuple(letters), plan_document=plan_document)
