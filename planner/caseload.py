"""The caseload (*Mijn werkvoorraad*, domain.md §10): what is due, and when, in every household.

From a few flat rows per household (`CaseloadData`, read in bulk by the storage: see
`planner.services.port.CaseloadStore`) this lists:

- the procedure deadlines of a concept plan (own plan, investigation, decision), exactly those
  the rules warn about (`periods.pending_deadlines`), also while they are still far;
- a decided plan whose period ends (a re-assessment is due), and whether one has begun;
- a bridging agreement that ends while the support it bridges goes on;
- a member who turns adult (`terms.adult_age`) within `terms.caseload_months`;
- a concept plan in which nothing was recorded for `terms.stale_concept_days`.

Everything that ends later than `terms.caseload_months` from today is left out; what is overdue
stays until it is dealt with. The terms are reference data (resources/terms.toml).
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple, Protocol

from dateutil.relativedelta import relativedelta

from planner import periods
from planner.dutch import count_words, date_words
from planner.model import ContinuityRoute, Household, Plan, PlanStatus

__all__ = [
    "CaseloadBridging",
    "CaseloadData",
    "CaseloadHousehold",
    "CaseloadMember",
    "CaseloadPlan",
    "CaseloadTerms",
    "DueItem",
    "DueKind",
    "Urgency",
    "birth_window",
    "caseload_data",
    "due_items",
    "horizon",
]

WEEK = timedelta(days=7)
# Thousands of plans share a handful of (start, months) pairs; dateutil's arithmetic is the
# costliest step of the list, so each pair is computed once.
_plan_end = functools.lru_cache(maxsize=4096)(periods.plan_end)


class CaseloadTerms(periods.Terms, Protocol):
    """The terms the caseload needs (`Reference.terms` has them all)."""

    @property
    def adult_age(self) -> int: ...
    @property
    def caseload_months(self) -> int: ...
    @property
    def stale_concept_days(self) -> int: ...


# --- what the storage reads ------------------------------------------------------------------
# Named tuples, not dataclasses: tens of thousands are made per list, and a tuple is built in C.


class CaseloadHousehold(NamedTuple):
    id: str
    case_number: str
    name: str
    municipality_code: str
    municipality_name: str


class CaseloadPlan(NamedTuple):
    """A concept or decided plan (closed plans ask nothing any more)."""

    id: str
    household_id: str
    version: int
    status: PlanStatus
    report_date: date | None
    application_date: date | None
    conversation_date: date | None
    own_plan_submitted: bool
    start: date | None
    months: int
    # The day the plan was last saved (plans.changed_on); None for a plan not saved since that
    # column came (migration 0009): the caseload then takes its newest recorded date.
    changed_on: date | None = None


class CaseloadMember(NamedTuple):
    """A member who lives in the household, born within the storage's birth window."""

    id: str
    household_id: str
    name: str
    birth_date: date


class CaseloadBridging(NamedTuple):
    """An allocation of a concept or decided plan whose own provider is kept by a bridging agreement."""

    allocation_id: str
    plan_id: str
    household_id: str
    member_name: str
    product_name: str
    allocation_end: date
    until: date


@dataclass(frozen=True, slots=True)
class CaseloadData:
    households: Sequence[CaseloadHousehold]
    plans: Sequence[CaseloadPlan]
    members: Sequence[CaseloadMember]
    bridgings: Sequence[CaseloadBridging]


def horizon(today: date, terms: CaseloadTerms) -> date:
    """The last day the caseload looks ahead to."""
    return today + relativedelta(months=terms.caseload_months)


def birth_window(today: date, terms: CaseloadTerms) -> tuple[date, date]:
    """Birth dates to read (inclusive) so that everyone who turns adult between today and the
    horizon is among them. A few days wider on both sides: a 29 February birthday moves, and
    `due_items` decides with `periods.eighteenth_birthday` itself."""
    slack = WEEK
    first = today - relativedelta(years=terms.adult_age) - slack
    last = horizon(today, terms) - relativedelta(years=terms.adult_age) + slack
    return first, last


# --- what the caseload shows -----------------------------------------------------------------


class DueKind(StrEnum):
    OWN_PLAN = "persoonlijk_plan"
    INVESTIGATION = "onderzoek"
    DECISION = "besluit"
    PLAN_END = "herbeoordeling"
    BRIDGING_END = "overbrugging"
    ADULTHOOD = "volwassen"
    STALE_CONCEPT = "concept_stil"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DueKind.OWN_PLAN: "Persoonlijk plan",
    DueKind.INVESTIGATION: "Onderzoek",
    DueKind.DECISION: "Besluit",
    DueKind.PLAN_END: "Plan loopt af",
    DueKind.BRIDGING_END: "Overbrugging loopt af",
    DueKind.ADULTHOOD: "Wordt volwassen",
    DueKind.STALE_CONCEPT: "Concept ligt stil",
}
_DEADLINE_KINDS = {
    "own_plan": DueKind.OWN_PLAN,
    "investigation": DueKind.INVESTIGATION,
    "decision": DueKind.DECISION,
}


class Urgency(StrEnum):
    """In order: what is overdue first."""

    OVERDUE = "verlopen"
    THIS_WEEK = "deze week"
    LATER = "later"

    @property
    def rank(self) -> int:
        return _URGENCY_RANK[self]

    @classmethod
    def of(cls, due: date, today: date) -> Urgency:
        if due < today:
            return cls.OVERDUE
        if due < today + WEEK:
            return cls.THIS_WEEK
        return cls.LATER


_URGENCY_RANK = {u: i for i, u in enumerate(Urgency)}


class DueItem(NamedTuple):
    household_id: str
    case_number: str
    name: str  # the household's display name
    municipality_code: str
    municipality_name: str
    kind: DueKind
    due: date
    description: str  # short, Dutch
    urgency: Urgency
    # What to show once the household is open (a findings subject kind: member, plan, allocation).
    subject_kind: str = ""
    subject_id: str = ""

    @property
    def sort_key(self) -> tuple[int, date, str, str]:
        return (self.urgency.rank, self.due, self.case_number, self.kind.value)


@dataclass(slots=True)
class _Builder:
    today: date
    terms: CaseloadTerms
    households: dict[str, CaseloadHousehold]
    items: list[DueItem] = field(default_factory=list)

    def add(self, household_id: str, kind: DueKind, due: date, text: str, subject: tuple[str, str]) -> None:
        h = self.households.get(household_id)
        if h is None:
            return  # a row without its household: nothing to open
        self.items.append(
            DueItem(
                household_id=h.id,
                case_number=h.case_number,
                name=h.name,
                municipality_code=h.municipality_code,
                municipality_name=h.municipality_name,
                kind=kind,
                due=due,
                description=text,
                urgency=Urgency.of(due, self.today),
                subject_kind=subject[0],
                subject_id=subject[1],
            )
        )


def due_items(data: CaseloadData, terms: CaseloadTerms, today: date) -> list[DueItem]:
    """Everything due up to the horizon (and everything overdue): overdue first, then by date."""
    b = _Builder(today, terms, {h.id: h for h in data.households})
    last = horizon(today, terms)
    plans_of: dict[str, list[CaseloadPlan]] = defaultdict(list)
    for plan in data.plans:
        plans_of[plan.household_id].append(plan)
    for household_plans in plans_of.values():
        _plan_items(b, household_plans, last)
    for member in data.members:
        birthday = periods.eighteenth_birthday(member.birth_date, terms.adult_age)
        if today <= birthday <= last:
            text = f"{member.name} wordt {terms.adult_age} op {date_words(birthday)}; regel de zorg daarna"
            b.add(member.household_id, DueKind.ADULTHOOD, birthday, text, ("member", member.id))
    seen: set[tuple[str, str, date, date]] = set()
    for bridging in data.bridgings:
        # Only an agreement that ends while the support goes on asks for something.
        if bridging.until >= bridging.allocation_end or bridging.allocation_end < today:
            continue
        # A re-assessment copies the allocation with its id into the concept: list it once.
        key = (bridging.household_id, bridging.allocation_id, bridging.until, bridging.allocation_end)
        if key in seen:
            continue
        seen.add(key)
        if bridging.until <= last:
            verb = "liep af" if bridging.until < today else "loopt af"
            text = (
                f"Overbrugging {bridging.product_name} voor {bridging.member_name} {verb} op "
                f"{date_words(bridging.until)}; de ondersteuning loopt tot en met "
                f"{date_words(bridging.allocation_end)}"
            )
            b.add(
                bridging.household_id,
                DueKind.BRIDGING_END,
                bridging.until,
                text,
                ("allocation", bridging.allocation_id),
            )
    return sorted(b.items, key=lambda i: i.sort_key)


def _plan_items(b: _Builder, plans: list[CaseloadPlan], last: date) -> None:
    today, terms = b.today, b.terms
    concept = next((p for p in plans if p.status is PlanStatus.CONCEPT), None)
    for plan in plans:
        subject = ("plan", plan.id)
        if plan.status is PlanStatus.CONCEPT:
            for deadline in periods.pending_deadlines(
                plan.report_date, plan.application_date, plan.own_plan_submitted, terms, today
            ):
                if deadline.due <= last:
                    b.add(
                        plan.household_id,
                        _DEADLINE_KINDS[deadline.key],
                        deadline.due,
                        deadline.words(today),
                        subject,
                    )
            changed = plan.changed_on or max(
                (d for d in (plan.report_date, plan.conversation_date, plan.application_date) if d),
                default=None,
            )
            if changed is not None and (today - changed).days >= terms.stale_concept_days:
                since = count_words((today - changed).days, "dag", "dagen")
                what = "gewijzigd" if plan.changed_on else "vastgelegd (laatste datum in het plan)"
                text = f"Conceptplan versie {plan.version}: {since} niets {what}, sinds {date_words(changed)}"
                due = changed + timedelta(days=terms.stale_concept_days)
                b.add(plan.household_id, DueKind.STALE_CONCEPT, due, text, subject)
        elif plan.status is PlanStatus.DECIDED and plan.start is not None and plan.months >= 1:
            end = _plan_end(plan.start, plan.months)
            if end > last:
                continue
            verb = "liep af" if end < today else "loopt af"
            if concept is not None:
                then = f"de herbeoordeling is begonnen (concept versie {concept.version})"
            else:
                then = "een herbeoordeling is nodig"
            text = f"Plan versie {plan.version} {verb} op {date_words(end)}; {then}"
            b.add(plan.household_id, DueKind.PLAN_END, end, text, subject)


# --- the same rows from the model (the in-memory port, and tests comparing it with db) ---------


def caseload_data(
    households: Iterable[Household],
    plans: Iterable[Plan],
    municipality_names: dict[str, str],
    product_names: dict[str, str],
    born: tuple[date, date],
) -> CaseloadData:
    """The rows a storage reads, built from whole households and plans."""
    households = list(households)
    names = {m.id: m.full_name for h in households for m in h.members}
    open_plans = [p for p in plans if p.status is not PlanStatus.CLOSED]
    return CaseloadData(
        households=[
            CaseloadHousehold(
                h.id,
                h.case_number,
                h.name,
                h.municipality_code,
                municipality_names.get(h.municipality_code, h.municipality_code),
            )
            for h in households
        ],
        plans=[
            CaseloadPlan(
                p.id,
                p.household_id,
                p.version,
                p.status,
                p.report_date,
                p.application_date,
                p.conversation_date,
                p.own_plan_submitted,
                p.start,
                p.months,
            )
            for p in open_plans
        ],
        members=[
            CaseloadMember(m.id, h.id, m.full_name, m.birth_date)
            for h in households
            for m in h.members
            if m.birth_date is not None and m.moved_out_on is None and born[0] <= m.birth_date <= born[1]
        ],
        bridgings=[
            CaseloadBridging(
                a.id,
                p.id,
                p.household_id,
                names.get(a.member_id, ""),
                product_names.get(a.product_code, a.product_code),
                a.end,
                a.continuity.until,
            )
            for p in open_plans
            for a in p.allocations
            if a.continuity is not None
            and a.continuity.route is ContinuityRoute.BRIDGING
            and a.continuity.until is not None
        ],
    )
