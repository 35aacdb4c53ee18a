"""The frozen decision snapshot: everything a letter or plan document shows, already worded.

A decided plan stores these snapshots (as JSON) so that the letter that was sent can be printed
again exactly as sent (domain.md §5.9, §6), whatever changes later in the catalogue, the reference
data or the code that words things. The renderers in `planner.documents` only lay the snapshot out;
they compute nothing and word nothing beyond a few field labels.

`build_letters` and `build_plan_document` (below) fill these types from a household and its plan.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any, Self, TypeVar

from planner import adulthood, hours, money, periods
from planner.catalogue import Catalogue
from planner.dutch import date_words, euro, join_and, number, period_words
from planner.model import (
    Allocation,
    ContinuityRoute,
    CoordinatorKind,
    Form,
    Goal,
    Household,
    Law,
    LineKind,
    Member,
    Plan,
    PlanStatus,
    Product,
    Role,
    Unit,
)
from planner.reference import Letterhead, Reference

T = TypeVar("T")

# Bump when a field is renamed or removed; readers of older snapshots can then migrate them.
SNAPSHOT_FORMAT = 1


class Outcome(StrEnum):
    GRANTED = "toegekend"
    PARTLY = "gedeeltelijk toegekend"
    REFUSED = "afgewezen"


# --- shared parts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sender:
    """The municipality's letterhead."""

    municipality: str
    team: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str = ""
    return_address: str = ""  # small line above the window: "Postbus 15, 7200 AA Zutphen"


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    phone: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class Addressee:
    name: str  # "Mevrouw M.J. Jansen" or "De ouder(s)/verzorger(s) van Daan Jansen"
    address_lines: tuple[str, ...]  # street + number, postcode + city
    salutation: str  # "Geachte mevrouw Jansen,"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with plain paragraphs; the unit of every worded part of a document."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signature:
    closing: str  # "Met vriendelijke groet,"
    on_behalf: str  # "namens het college van burgemeester en wethouders van Zutphen,"
    name: str
    role: str


# --- the letter -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoursRow:
    activity: str
    minutes_per_week: int
    deducts: bool  # customary help or network: subtracted from the total


@dataclass(frozen=True, slots=True)
class AllocationDecision:
    outcome: Outcome
    product: str  # product in words: "Hulp bij het huishouden"
    law: str  # "Wmo 2015" / "Jeugdwet"
    form_text: str  # "in natura via Thuiszorg Oost" / "persoonsgebonden budget van € 1.234,00"
    amount_figures: str  # "195 minuten per week"
    amount_words: str  # "195 minuten per week, dat is 3 uur en 15 minuten per week"
    start: date
    end: date  # inclusive
    period_words: str  # "van 1 februari 2027 tot en met 31 januari 2028"
    length_words: str  # "12 maanden"
    total_words: str  # "10.168 minuten, dat is 169 uur en 28 minuten"
    cost_words: str  # "€ 5.491,00" or "" when not shown
    provider: str  # provider name, "" for pgb
    hours_rows: tuple[HoursRow, ...] = ()
    hours_total_minutes: int = 0  # the table's sum, minutes per week
    hours_total_words: str = ""  # "195 minuten per week (3 uur en 15 minuten)"
    hours_standard: str = ""  # which standard table was applied
    own_provider_text: str = ""  # continuity route explained, "" if the own provider was kept
    split_text: str = ""  # 18th-birthday split explained, "" otherwise
    reason_text: str = ""  # why partly granted / refused


@dataclass(frozen=True, slots=True)
class LifeAreaSupport:
    """A life area the decided support serves; the plan is expressly part of the decision."""

    area: str
    desired_result: str
    goals: tuple[str, ...]  # worded: "Daan gaat weer naar school (uiterlijk 1 juli 2027, Daan)"


@dataclass(frozen=True, slots=True)
class LetterSnapshot:
    title: str  # PDF metadata title
    sender: Sender
    contact: Contact
    letter_date: date  # the sending date
    letter_date_words: str
    reference: str  # kenmerk
    addressee: Addressee
    subject: str
    about_member: str  # the member the decision is about, by name
    request: Section  # what was requested, with report / conversation / application dates
    decision_intro: Section  # "Wij hebben besloten ..."
    decisions: tuple[AllocationDecision, ...]
    plan: Section  # coordinator and the plan as part of the decision
    life_areas: tuple[LifeAreaSupport, ...]
    motivation: Section
    contribution: Section  # Wmo own contribution (CAK, year's maximum) or Jeugdwet: none
    objection: Section
    objection_last_day: date
    client_support: Section
    signature: Signature
    pgb: Section | None = None  # pgb: amount, what for, SVB
    concept: bool = False  # printed with a CONCEPT watermark
    format: int = SNAPSHOT_FORMAT

    def to_json(self) -> str:
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return from_json(cls, text)


# --- the plan document ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberRow:
    name: str
    birth_date_words: str
    role: str
    law: str  # law on the plan's start date


@dataclass(frozen=True, slots=True)
class MatrixCell:
    area: str
    result: str  # the desired result in words
    distance: str  # "licht" | "midden" | "zwaar" | "" (the renderer colours by this key)
    distance_label: str  # as printed: "Licht"


@dataclass(frozen=True, slots=True)
class GoalRow:
    text: str
    target: str  # worded date or ""
    who: str


@dataclass(frozen=True, slots=True)
class LadderRow:
    rung: str  # rung name as printed
    contribution: str


@dataclass(frozen=True, slots=True)
class AreaPlan:
    area: str
    members: str  # who it concerns
    current_situation: str
    desired_result: str
    distance_label: str
    goals: tuple[GoalRow, ...]
    ladder: tuple[LadderRow, ...]


@dataclass(frozen=True, slots=True)
class SupportRow:
    product: str
    law: str
    amount: str
    period: str
    provider: str


@dataclass(frozen=True, slots=True)
class MemberSupport:
    member: str
    rows: tuple[SupportRow, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    on: date
    on_words: str
    label: str


@dataclass(frozen=True, slots=True)
class PlanDocumentSnapshot:
    title: str
    sender: Sender
    heading: str  # "Ondersteuningsplan huishouden Jansen"
    intro: Section
    household_lines: tuple[tuple[str, str], ...]  # label, value: case number, address, period, ...
    members: tuple[MemberRow, ...]
    matrix: tuple[MatrixCell, ...]
    areas: tuple[AreaPlan, ...]
    coordinator: Section
    support: tuple[MemberSupport, ...]
    timeline: tuple[TimelineItem, ...]
    signature_intro: str
    signatories: tuple[str, ...]  # one signature line each: household members, then the professional
    concept: bool = False
    format: int = SNAPSHOT_FORMAT

    def to_json(self) -> str:
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return from_json(cls, text)


# --- JSON: stable, plain, and readable by `from_json` without pickling ------------------------


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Field order is the declaration order: stable across runs, so stored JSON compares.
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def to_json(snapshot: Any) -> str:
    return json.dumps(_encode(snapshot), ensure_ascii=False, indent=1)


def _decode(tp: Any, raw: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if raw is None else _decode(args[0], raw)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in raw)
        return tuple(_decode(a, v) for a, v in zip(args, raw, strict=True))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = typing.get_type_hints(tp)
            return tp(**{f.name: _decode(hints[f.name], raw[f.name]) for f in dataclasses.fields(tp)})
        if issubclass(tp, Enum):
            return tp(raw)
        if tp is date:
            return date.fromisoformat(raw)
        if tp is Decimal:
            return Decimal(raw)
    return raw


def from_json(cls: type[T], text: str) -> T:
    return _decode(cls, json.loads(text))


# --- building snapshots from a household and its plan -----------------------------------------

# Section headings and a few connecting sentences: Dutch wording of the document's structure.
# Every legal or policy sentence comes from the reference texts (resources/texts.toml).
HEADINGS = {
    "decision": "Ons besluit",
    "plan": "Het ondersteuningsplan",
    "motivation": "Waarom wij zo besluiten",
    "contribution": "Eigen bijdrage",
    "pgb": "Persoonsgebonden budget (pgb)",
    "objection": "Bent u het niet eens met dit besluit?",
    "client_support": "Gratis hulp van een cliëntondersteuner",
    "coordinator": "Coördinator",
}
LAW_NAMES = {"wmo": "Wmo 2015", "jeugdwet": "Jeugdwet"}


@dataclass(frozen=True, slots=True)
class Professional:
    """Who signs the letter (by mandate) and whom the client can call."""

    name: str
    role: str = ""  # defaults to the letterhead's signer role
    phone: str = ""  # defaults to the team's number
    email: str = ""


def _law_name(law: Law | None) -> str:
    return LAW_NAMES[law.value] if law is not None else ""


def _sender(letterhead: Letterhead) -> Sender:
    return Sender(
        municipality=letterhead.name,
        team=letterhead.team,
        street=letterhead.street,
        postcode_city=letterhead.postcode_city,
        phone=letterhead.phone,
        email=letterhead.email,
        website=letterhead.website,
        return_address=letterhead.return_address,
    )


def _address_lines(household: Household) -> tuple[str, ...]:
    street = " ".join(p for p in (household.street, household.house_number) if p)
    city = " ".join(p for p in (household.postcode, household.city) if p)
    return tuple(line for line in (street, city) if line)


def _salutation(member: Member) -> str:
    text = member.salutation or f"Geachte heer/mevrouw {member.formal_name}"
    return text if text.endswith(",") else f"{text},"


def _addressee(household: Household, member: Member, minor: bool) -> Addressee:
    """An adult gets their own letter; a minor's goes to the parent(s), about the child by name."""
    if not minor:
        return Addressee(member.formal_name, _address_lines(household), _salutation(member))
    parents = [m for m in household.members if m.role is Role.PARENT and m.moved_out_on is None]
    parents = [m for m in parents if m.receives_letters] or parents
    if not parents:
        return Addressee(
            f"De ouder(s) of verzorger(s) van {member.full_name}",
            _address_lines(household),
            "Geachte ouder(s) of verzorger(s),",
        )
    name = join_and([p.formal_name for p in parents])
    salutation = _salutation(parents[0]) if len(parents) == 1 else f"Geachte ouders van {member.given_names},"
    return Addressee(name, _address_lines(household), salutation)


def _provider_name(catalogue: Catalogue, provider_id: str | None) -> str:
    if provider_id is None:
        return ""
    provider = catalogue.providers.get(provider_id)
    return provider.name if provider else ""


def _own_provider_text(allocation: Allocation, member: Member, catalogue: Catalogue, ref: Reference) -> str:
    name = functools.partial(_provider_name, catalogue)
    c = allocation.continuity
    if c is None:
        if member.own_provider_id and member.own_provider_id == allocation.provider_id:
            return ref.text("letter.own_provider_kept", provider=name(allocation.provider_id))
        return ""
    own = name(c.own_provider_id)
    if c.route is ContinuityRoute.BRIDGING:
        until = date_words(c.until) if c.until else date_words(allocation.end)
        return ref.text("letter.own_provider_bridging", own_provider=own, until=until)
    if c.route is ContinuityRoute.SUBCONTRACTING:
        return ref.text(
            "letter.own_provider_subcontracting", own_provider=own, main_provider=name(c.main_provider_id)
        )
    if c.route is ContinuityRoute.PGB:
        return ref.text("letter.own_provider_pgb", own_provider=own)
    return ref.text(
        "letter.own_provider_other", provider=name(allocation.provider_id), own_provider=own, reason=c.reason
    )


def _split_text(allocation: Allocation, member: Member, siblings: list[Allocation], ref: Reference) -> str:
    """The 18th-birthday explanation when this allocation is one part of a split (domain.md §4.7)."""
    if member.birth_date is None:
        return ""
    birthday = periods.eighteenth_birthday(member.birth_date, ref.terms.adult_age)
    words = {"name": member.given_names, "birthday": date_words(birthday)}
    if allocation.extended_youth_care:
        reason = allocation.extended_youth_care_reason.strip()
        return ref.text("letter.extended_youth_care", reason=reason, **words)
    day_before = birthday - timedelta(days=1)
    ends_before = allocation.end == day_before and any(s.start == birthday for s in siblings)
    starts_on = allocation.start == birthday and any(s.end == day_before for s in siblings)
    return ref.text("letter.split_adulthood", **words) if ends_before or starts_on else ""


def _decision(
    allocation: Allocation,
    member: Member,
    product: Product,
    law: Law | None,
    siblings: list[Allocation],
    catalogue: Catalogue,
    ref: Reference,
    municipality_code: str,
) -> AllocationDecision:
    a = allocation
    provider = _provider_name(catalogue, a.provider_id) if a.form is Form.IN_KIND else ""
    if a.form is Form.PGB:
        form_text = f"persoonsgebonden budget van {euro(a.pgb_budget or 0)}"
        cost = euro(a.pgb_budget) if a.pgb_budget is not None else ""
    else:
        form_text = f"in natura via {provider}" if provider else "in natura"
        cost = euro(money.allocation_cost(a, product))
    total_minutes = hours.minutes_per_week(a.hours_lines) if a.hours_lines else 0
    standard = ""
    if any(line.kind is LineKind.STANDARD for line in a.hours_lines):
        table = ref.standard_table(municipality_code)
        standard = ref.text("letter.standard_applied", standard_name=table.name, year=table.year)
    total_words = f"{number(total_minutes)} minuten per week"
    if total_minutes >= 60:
        total_words += f" ({hours.minutes_words(total_minutes)})"
    return AllocationDecision(
        outcome=Outcome.GRANTED,
        product=product.name,
        law=_law_name(law),
        form_text=form_text,
        amount_figures=f"{hours.unit_words(a.volume, a.unit)} {hours.frequency_words(a.frequency)}",
        amount_words=hours.amount_words(a.volume, a.unit, a.frequency),
        start=a.start,
        end=a.end,
        period_words=period_words(a.start, a.end),
        length_words=periods.length_words(a.start, a.end),
        total_words=hours.total_words(a.volume, a.unit, a.frequency, a.start, a.end),
        cost_words=cost,
        provider=provider,
        hours_rows=tuple(
            HoursRow(line.label, line.minutes_per_week, line.kind.deducts) for line in a.hours_lines
        ),
        hours_total_minutes=total_minutes,
        hours_total_words=total_words if a.hours_lines else "",
        hours_standard=standard,
        own_provider_text=_own_provider_text(a, member, catalogue, ref),
        split_text=_split_text(a, member, siblings, ref),
    )


def _dedupe_parts(decisions: list[AllocationDecision]) -> list[AllocationDecision]:
    """Tell a repeated explanation once: both parts of a split carry the same paragraphs.

    The own-provider and split paragraphs are dropped when an earlier decision in the letter says
    the same; the standard-times line only within one product (it sits under that product's table).
    """
    out: list[AllocationDecision] = []
    for d in decisions:
        changes = {
            name: ""
            for name in ("own_provider_text", "split_text")
            if getattr(d, name) and any(getattr(p, name) == getattr(d, name) for p in out)
        }
        if d.hours_standard and any(
            p.product == d.product and p.hours_standard == d.hours_standard for p in out
        ):
            changes["hours_standard"] = ""
        out.append(dataclasses.replace(d, **changes) if changes else d)
    return out


def _goal_words(goal: Goal) -> str:
    details = [f"uiterlijk {date_words(goal.target_date)}" if goal.target_date else "", goal.who]
    details = [d for d in details if d]
    return f"{goal.text} ({', '.join(details)})" if details else goal.text


def _coordinator_name(plan: Plan, catalogue: Catalogue, letterhead: Letterhead) -> str:
    c = plan.coordinator
    if c is None:
        return ""
    if c.kind is CoordinatorKind.PROVIDER:
        return _provider_name(catalogue, c.provider_id)
    if c.kind is CoordinatorKind.ACCESS_TEAM:
        return letterhead.team
    return "uw huishouden zelf"


def _contribution(
    household: Household, plan: Plan, laws: set[Law], wmo_products: set[str], ref: Reference, on: date
) -> Section:
    paragraphs: list[str] = []
    if Law.JEUGDWET in laws:
        paragraphs.append(ref.text("letter.own_contribution_jeugdwet"))
    if Law.WMO in laws:
        outcome = money.own_contribution(household, plan, ref, on)
        if wmo_products and wmo_products <= ref.own_contribution_exempt_products:
            paragraphs.append(ref.text("letter.own_contribution_exempt"))
        elif not outcome.applies:
            paragraphs.append(ref.text("letter.own_contribution_partner"))
        elif outcome.max_per_month is None:
            paragraphs.append(ref.text("letter.own_contribution_wmo_unknown", year=outcome.year))
        else:
            paragraphs.append(
                ref.text("letter.own_contribution_wmo", year=outcome.year, amount=euro(outcome.max_per_month))
            )
    return Section(HEADINGS["contribution"], tuple(paragraphs))


def build_letters(
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    sent_on: date,
    professional: Professional,
    today: date,
    *,
    kenmerk: str | None = None,
) -> list[LetterSnapshot]:
    """One decision letter per member with allocations, in household order (domain.md §6).

    `sent_on` is the letter's date (the objection term runs from it); `kenmerk` defaults to
    "<case number>-<plan version>", and each letter adds "-<n>". `today` decides nothing in the
    text: a letter is a concept (watermarked) while the plan is not decided.
    """
    del today  # the letter speaks of the sending date only; kept for a uniform builder signature
    ref = reference
    letterhead = ref.letterhead(household.municipality_code)
    sender = _sender(letterhead)
    base_kenmerk = kenmerk or f"{household.case_number}-{plan.version}"
    products = {**{p.code: p for p in ref.products}, **catalogue.products}
    adult_age = ref.terms.adult_age
    last_day = periods.last_day_to_object(sent_on, ref.non_working_days, ref.terms.objection_days)
    phone = professional.phone or letterhead.phone
    coordinator = _coordinator_name(plan, catalogue, letterhead)

    letters: list[LetterSnapshot] = []
    for member in household.members:
        allocations = sorted(
            (a for a in plan.allocations if a.member_id == member.id), key=lambda a: (a.start, a.product_code)
        )
        if not allocations:
            continue
        number_ = len(letters) + 1
        ref_code = f"{base_kenmerk}-{number_}"
        minor = member.birth_date is not None and periods.age_on(member.birth_date, sent_on) < adult_age
        laws_of = {
            id(a): adulthood.allocation_law(a, member, adult_age, products.get(a.product_code))
            for a in allocations
        }
        decisions = _dedupe_parts(
            [
                _decision(
                    a,
                    member,
                    products[a.product_code],
                    laws_of[id(a)],
                    allocations,
                    catalogue,
                    ref,
                    household.municipality_code,
                )
                for a in allocations
            ]
        )
        laws = {law for law in laws_of.values() if law is not None}
        you = member.given_names if minor else "u"

        request = [ref.text("letter.intro")]
        if plan.report_date and plan.conversation_date and plan.application_date:
            request.append(
                ref.text(
                    "letter.dates",
                    report_date=date_words(plan.report_date),
                    conversation_date=date_words(plan.conversation_date),
                    application_date=date_words(plan.application_date),
                )
            )
        if minor:
            request.append(f"Deze brief gaat over {member.full_name}.")

        served = [plan.life_area(a.life_area) for a in allocations if a.life_area]
        served = list({r.life_area: r for r in served if r is not None}.values())
        life_areas = tuple(
            LifeAreaSupport(
                ref.life_area(r.life_area).name, r.desired_result, tuple(_goal_words(g) for g in r.goals)
            )
            for r in served
        )
        plan_paragraphs = []
        if plan.decided_on or plan.start:
            plan_paragraphs.append(
                ref.text("letter.plan_part", plan_date=date_words(plan.decided_on or plan.start))
            )
        if coordinator:
            plan_paragraphs.append(ref.text("plan.coordinator", coordinator=coordinator))

        rung_names = {info.rung: info.name for info in ref.ladder_rungs}
        motivation = []
        if plan.conversation_date:
            who = f" met {plan.participants}" if plan.participants else ""
            motivation.append(
                f"Op {date_words(plan.conversation_date)} hebben wij{who} gesproken over de situatie."
            )
        motivation += [
            f"{ref.life_area(r.life_area).name}: {r.current_situation}" for r in served if r.current_situation
        ]
        motivation.append(ref.text("letter.motivation_ladder"))
        for r in served:
            for rung, text in r.ladder.items():
                if text:
                    motivation.append(f"{rung_names.get(rung, rung.value)}: {text}")
        if any(line.kind is LineKind.CUSTOMARY_HELP for a in allocations for line in a.hours_lines):
            motivation.append(ref.text("letter.customary_help"))
        motivation.append(ref.text("letter.period_convention"))
        if any(a.frequency.value == "2" for a in allocations):
            motivation.append(ref.text("letter.total_convention"))
        has_pgb = any(a.form is Form.PGB for a in allocations)
        for law in (Law.JEUGDWET, Law.WMO):
            if law in laws:
                motivation.append(ref.text(f"letter.legal_grounds_{law.value}"))
                if has_pgb:
                    motivation.append(ref.text(f"letter.legal_grounds_{law.value}_pgb"))
        motivation.append(ref.text("letter.health_data"))

        pgb = None
        if has_pgb:
            pgb_paragraphs = [
                ref.text(
                    "letter.pgb_budget",
                    amount=euro(a.pgb_budget or 0),
                    start=date_words(a.start),
                    end=date_words(a.end),
                )
                for a in allocations
                if a.form is Form.PGB
            ]
            pgb_paragraphs += [
                ref.text("letter.pgb_conditions"),
                ref.text("letter.pgb_svb"),
                ref.text("letter.pgb_informal_tariff", amount=euro(ref.terms.informal_care_max_per_month)),
            ]
            pgb = Section(HEADINGS["pgb"], tuple(pgb_paragraphs))

        wmo_products = {a.product_code for a in allocations if laws_of[id(a)] is Law.WMO}
        first_wmo = min((a.start for a in allocations if laws_of[id(a)] is Law.WMO), default=sent_on)
        products_words = join_and(sorted({d.product.lower() for d in decisions}))
        letters.append(
            LetterSnapshot(
                title=f"Beschikking {ref_code}",
                sender=sender,
                contact=Contact(professional.name, phone, professional.email or letterhead.email),
                letter_date=sent_on,
                letter_date_words=date_words(sent_on),
                reference=ref_code,
                addressee=_addressee(household, member, minor),
                subject=(
                    ref.text("letter.subject_jeugdwet", name=member.full_name)
                    if minor or Law.WMO not in laws
                    else ref.text("letter.subject_wmo")
                ),
                about_member=member.full_name,
                request=Section("", tuple(request)),
                decision_intro=Section(
                    HEADINGS["decision"],
                    (
                        f"{'U krijgt' if you == 'u' else you + ' krijgt'} {products_words}. "
                        "Hieronder staat hoeveel, van wanneer tot wanneer, en van wie.",
                    ),
                ),
                decisions=tuple(decisions),
                plan=Section(HEADINGS["plan"], tuple(plan_paragraphs)),
                life_areas=life_areas,
                motivation=Section(HEADINGS["motivation"], tuple(motivation)),
                contribution=_contribution(household, plan, laws, wmo_products, ref, first_wmo),
                objection=Section(
                    HEADINGS["objection"],
                    (
                        ref.text(
                            "letter.objection_clause",
                            last_day=date_words(last_day, weekday=True),
                            objection_address=letterhead.objection_address,
                        ),
                        ref.text("letter.objection_contents"),
                        ref.text("letter.objection_informal", phone=phone),
                        ref.text("letter.preliminary_injunction"),
                    ),
                ),
                objection_last_day=last_day,
                client_support=Section(
                    HEADINGS["client_support"],
                    (
                        ref.text("letter.client_support", phone=phone),
                        ref.text(
                            "letter.contact",
                            team=letterhead.team,
                            phone=phone,
                            email=professional.email or letterhead.email,
                            reference=ref_code,
                        ),
                    ),
                ),
                signature=Signature(
                    closing=ref.text("letter.closing"),
                    on_behalf=letterhead.signer_mandate,
                    name=professional.name,
                    role=professional.role or letterhead.signer_role,
                ),
                pgb=pgb,
                concept=plan.status is PlanStatus.CONCEPT,
            )
        )
    return letters


def _short_amount(a: Allocation) -> str:
    """The amount as a household reads it at a glance: minutes in hours and minutes."""
    if a.unit is Unit.MINUTE:
        return f"{hours.minutes_words(a.volume)} {hours.frequency_words(a.frequency)}"
    return hours.amount_words(a.volume, a.unit, a.frequency)


def _is_adult(member: Member, on: date, adult_age: int) -> bool:
    return member.birth_date is None or periods.age_on(member.birth_date, on) >= adult_age


def build_plan_document(
    household: Household,
    plan: Plan,
    catalogue: Catalogue,
    reference: Reference,
    professional: Professional,
    today: date,
) -> PlanDocumentSnapshot:
    """The household's plan as printed for the household to keep and sign (domain.md §6)."""
    ref = reference
    letterhead = ref.letterhead(household.municipality_code)
    products = {**{p.code: p for p in ref.products}, **catalogue.products}
    adult_age = ref.terms.adult_age
    start = plan.start or today
    end = periods.plan_end(start, plan.months)
    present = [m for m in household.members if m.moved_out_on is None or m.moved_out_on > start]
    names = {m.id: m.full_name for m in household.members}

    lines = [("Dossiernummer", household.case_number)]
    address = ", ".join(_address_lines(household))
    if address:
        lines.append(("Adres", address))
    lines.append(("Planperiode", f"{period_words(start, end)} ({periods.length_words(start, end)})"))
    if plan.conversation_date:
        who = f", met {plan.participants}" if plan.participants else ""
        lines.append(("Gesprek", f"{date_words(plan.conversation_date)}{who}"))
    if plan.client_support_offered or plan.client_support_present:
        lines.append(
            ("Cliëntondersteuning", "was bij het gesprek" if plan.client_support_present else "aangeboden")
        )

    members = tuple(
        MemberRow(
            m.full_name,
            date_words(m.birth_date) if m.birth_date else "",
            m.role.value,
            _law_name(periods.law_on(m.birth_date, start, adult_age)) if m.birth_date else "",
        )
        for m in present
    )
    rung_names = {info.rung: info.name for info in ref.ladder_rungs}
    rung_order = [info.rung for info in ref.ladder_rungs]
    matrix = tuple(
        MatrixCell(
            ref.life_area(r.life_area).name,
            r.desired_result,
            r.distance.value if r.distance else "",
            r.distance.value.capitalize() if r.distance else "",
        )
        for r in plan.life_areas
    )
    areas = tuple(
        AreaPlan(
            area=ref.life_area(r.life_area).name,
            members=join_and([names[i] for i in r.member_ids if i in names]),
            current_situation=r.current_situation,
            desired_result=r.desired_result,
            distance_label=r.distance.value.capitalize() if r.distance else "",
            goals=tuple(
                GoalRow(g.text, date_words(g.target_date) if g.target_date else "", g.who) for g in r.goals
            ),
            ladder=tuple(
                LadderRow(rung_names[rung], r.ladder[rung]) for rung in rung_order if r.ladder.get(rung)
            ),
        )
        for r in plan.life_areas
    )
    coordinator = _coordinator_name(plan, catalogue, letterhead)
    coordinator_paragraphs = [ref.text("plan.coordinator", coordinator=coordinator)] if coordinator else []
    coordinator_paragraphs.append(ref.text("plan.review", review_date=date_words(end)))

    support = []
    for m in household.members:
        rows = tuple(
            SupportRow(
                products[a.product_code].name,
                _law_name(adulthood.allocation_law(a, m, adult_age, products.get(a.product_code))),
                _short_amount(a),
                f"{date_words(a.start)} t/m {date_words(a.end)}",
                "pgb" if a.form is Form.PGB else _provider_name(catalogue, a.provider_id),
            )
            for a in sorted(plan.allocations, key=lambda a: a.start)
            if a.member_id == m.id
        )
        if rows:
            support.append(MemberSupport(m.full_name, rows))

    timeline = {(start, "Start van het plan"), (end, "Einde van het plan")}
    for m in present:
        if m.birth_date:
            birthday = periods.eighteenth_birthday(m.birth_date, adult_age)
            if start < birthday <= end:
                timeline.add(
                    (birthday, f"{m.given_names} wordt {adult_age}: Wmo 2015 in plaats van Jeugdwet")
                )
    for a in plan.allocations:
        if a.continuity and a.continuity.until and start <= a.continuity.until <= end:
            own = _provider_name(catalogue, a.continuity.own_provider_id)
            timeline.add((a.continuity.until, f"Einde overbrugging met {own}"))
    for r in plan.life_areas:
        for g in r.goals:
            if g.target_date:
                timeline.add((g.target_date, g.text))

    return PlanDocumentSnapshot(
        title=f"{ref.text('plan.title')} {household.case_number}",
        sender=_sender(letterhead),
        heading=f"{ref.text('plan.title')} huishouden {household.name}",
        intro=Section(
            "", (ref.text("plan.intro"), ref.text("plan.matrix_intro"), ref.text("plan.ladder_intro"))
        ),
        household_lines=tuple(lines),
        members=members,
        matrix=matrix,
        areas=areas,
        coordinator=Section(HEADINGS["coordinator"], tuple(coordinator_paragraphs)),
        support=tuple(support),
        timeline=tuple(TimelineItem(d, date_words(d), label) for d, label in sorted(timeline)),
        signature_intro=f"{ref.text('plan.signature')} {ref.text('plan.privacy')}",
        signatories=(
            *(m.full_name for m in present if m.receives_letters or _is_adult(m, today, adult_age)),
            ", ".join(p for p in (professional.name, professional.role or letterhead.signer_role) if p),
        ),
        concept=plan.status is PlanStatus.CONCEPT,
    )
