"""The decision letters of a plan, as data (`LetterSnapshot`), one per member with support.

Every legal or policy sentence comes from the reference texts (resources/texts.toml); this module
chooses which ones apply and fills in their values (domain.md §6).
"""

from __future__ import annotations

import dataclasses
import functools
from datetime import date, timedelta
from typing import Any

from planner import adulthood, continuity, hours, money, periods
from planner.catalogue import Catalogue
from planner.documents.common import (
    Professional,
    address_lines,
    coordinator_name,
    law_name,
    letterhead_sender,
    provider_name,
)
from planner.documents.snapshots import (
    Addressee,
    AllocationDecision,
    Contact,
    HoursRow,
    LetterSnapshot,
    LifeAreaSupport,
    Outcome,
    Section,
    Signature,
)
from planner.dutch import date_words, euro, join_and, number, period_words
from planner.model import (
    Allocation,
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
)
from planner.reference import Reference


def _salutation(member: Member, ref: Reference) -> str:
    text = member.salutation or ref.text("letter.salutation", addressee=member.formal_name)
    return text if text.endswith(",") else f"{text},"


def _addressee(household: Household, member: Member, minor: bool, ref: Reference) -> Addressee:
    """An adult gets their own letter; a minor's goes to the parent(s), about the child by name."""
    if not minor:
        return Addressee(member.formal_name, address_lines(household), _salutation(member, ref))
    parents = [m for m in household.members if m.role is Role.PARENT and m.moved_out_on is None]
    parents = [m for m in parents if m.receives_letters] or parents
    if not parents:
        return Addressee(
            ref.text("letter.addressee_parents_unknown", name=member.full_name),
            address_lines(household),
            ref.text("letter.salutation_parents_unknown"),
        )
    name = join_and([p.formal_name for p in parents])
    salutation = (
        _salutation(parents[0], ref)
        if len(parents) == 1
        else ref.text("letter.salutation_parents", name=member.given_names)
    )
    return Addressee(name, address_lines(household), salutation)


def _own_provider_text(allocation: Allocation, member: Member, catalogue: Catalogue, ref: Reference) -> str:
    """Why this provider: the recorded continuity route's sentence, or that the own one stays."""
    name = functools.partial(provider_name, catalogue)
    if allocation.continuity is not None:
        return continuity.letter_paragraph(ref.continuity_routes, allocation, name, ref.text, date_words)
    if member.own_provider_id and member.own_provider_id == allocation.provider_id:
        return ref.text("letter.own_provider_kept", provider=name(allocation.provider_id))
    return ""


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
    provider = provider_name(catalogue, a.provider_id) if a.form is Form.IN_KIND else ""
    if a.form is Form.PGB:
        form_text = ref.text("letter.form_pgb", amount=euro(a.pgb_budget or 0))
        cost = euro(a.pgb_budget) if a.pgb_budget is not None else ""
    else:
        form_text = (
            ref.text("letter.form_in_kind_via", provider=provider)
            if provider
            else ref.text("letter.form_in_kind")
        )
        priced = money.cost_or_none(a, product)  # None: marked in the concept, a rule blocks deciding
        cost = euro(priced) if priced is not None else ref.text("letter.cost_unknown")
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
        law=law_name(law, ref),
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
        changes: dict[str, Any] = {
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


def _goal_words(goal: Goal, ref: Reference) -> str:
    target = ref.text("letter.goal_target", target=date_words(goal.target_date)) if goal.target_date else ""
    details = [target, goal.who]
    details = [d for d in details if d]
    return f"{goal.text} ({', '.join(details)})" if details else goal.text


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
    return Section(ref.text("letter.heading_contribution"), tuple(paragraphs))


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
    sender = letterhead_sender(letterhead)
    base_kenmerk = kenmerk or f"{household.case_number}-{plan.version}"
    products = {**{p.code: p for p in ref.products}, **catalogue.products}
    adult_age = ref.terms.adult_age
    last_day = periods.last_day_to_object(sent_on, ref.non_working_days, ref.terms.objection_days)
    phone = professional.phone or letterhead.phone
    coordinator = coordinator_name(plan, catalogue, letterhead, ref)

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
            request.append(ref.text("letter.about_member", name=member.full_name))

        results = (plan.life_area(a.life_area) for a in allocations if a.life_area)
        served = list({r.life_area: r for r in results if r is not None}.values())
        life_areas = tuple(
            LifeAreaSupport(
                ref.life_area(r.life_area).name, r.desired_result, tuple(_goal_words(g, ref) for g in r.goals)
            )
            for r in served
        )
        plan_paragraphs = []
        if plan_date := plan.decided_on or plan.start:
            plan_paragraphs.append(ref.text("letter.plan_part", plan_date=date_words(plan_date)))
        if coordinator:
            plan_paragraphs.append(ref.text("plan.coordinator", coordinator=coordinator))

        rung_names = {info.rung: info.name for info in ref.ladder_rungs}
        motivation = []
        if plan.conversation_date:
            on = date_words(plan.conversation_date)
            motivation.append(
                ref.text("letter.conversation_with", conversation_date=on, participants=plan.participants)
                if plan.participants
                else ref.text("letter.conversation", conversation_date=on)
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
            pgb = Section(ref.text("letter.heading_pgb"), tuple(pgb_paragraphs))

        wmo_products = {a.product_code for a in allocations if laws_of[id(a)] is Law.WMO}
        first_wmo = min((a.start for a in allocations if laws_of[id(a)] is Law.WMO), default=sent_on)
        products_words = join_and(sorted({d.product.lower() for d in decisions}))
        letters.append(
            LetterSnapshot(
                title=ref.text("letter.title", reference=ref_code),
                sender=sender,
                contact=Contact(professional.name, phone, professional.email or letterhead.email),
                letter_date=sent_on,
                letter_date_words=date_words(sent_on),
                reference=ref_code,
                addressee=_addressee(household, member, minor, ref),
                subject=(
                    ref.text("letter.subject_jeugdwet", name=member.full_name)
                    if minor or Law.WMO not in laws
                    else ref.text("letter.subject_wmo")
                ),
                about_member=member.full_name,
                request=Section("", tuple(request)),
                decision_intro=Section(
                    ref.text("letter.heading_decision"),
                    (
                        ref.text(
                            "letter.decision_intro_minor", name=member.given_names, products=products_words
                        )
                        if minor
                        else ref.text("letter.decision_intro_adult", products=products_words),
                    ),
                ),
                decisions=tuple(decisions),
                plan=Section(ref.text("letter.heading_plan"), tuple(plan_paragraphs)),
                life_areas=life_areas,
                motivation=Section(ref.text("letter.heading_motivation"), tuple(motivation)),
                contribution=_contribution(household, plan, laws, wmo_products, ref, first_wmo),
                objection=Section(
                    ref.text("letter.heading_objection"),
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
                    ref.text("letter.heading_client_support"),
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
