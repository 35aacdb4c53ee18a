"""The household's plan as printed to keep and sign, as data (`PlanDocumentSnapshot`)."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner import adulthood, hours, periods
from planner.catalogue import Catalogue
from planner.documents.common import (
    Professional,
    address_lines,
    coordinator_name,
    law_name,
    letterhead_sender,
    provider_name,
    with_hours,
)
from planner.documents.outcome_content import request_words
from planner.documents.snapshots import (
    AreaPlan,
    GoalRow,
    LadderRow,
    MatrixCell,
    MemberRow,
    MemberSupport,
    PlanDocumentSnapshot,
    Section,
    SupportRow,
    TimelineItem,
)
from planner.dutch import date_words, join_and, period_words
from planner.model import Allocation, Form, Household, Law, Member, Outcome, Plan, PlanStatus, Product, Unit
from planner.reference import Reference


def _short_amount(a: Allocation, ref: Reference) -> str:
    """The amount as a household reads it at a glance: minutes in hours and minutes, dagdelen and
    etmalen with the hours they stand for."""
    freq = hours.frequency_words(a.frequency)
    if a.unit is Unit.MINUTE:
        return f"{hours.minutes_words(a.volume)} {freq}"
    return with_hours(hours.amount_words(a.volume, a.unit, a.frequency), a.volume, a.unit, freq, ref)


def _member_law(
    member: Member, allocations: list[Allocation], products: dict[str, Product], start: date, ref: Reference
) -> str:
    """The member's law as the support table says it: from the member's allocations (the one
    definition, `adulthood.allocation_law`), so the two tables never differ; the age on the plan's
    start only for a member without support."""
    adult_age = ref.terms.adult_age
    laws = list(
        dict.fromkeys(
            law
            for a in sorted(allocations, key=lambda a: a.start)
            if (law := adulthood.allocation_law(a, member, adult_age, products.get(a.product_code)))
        )
    )
    if not laws:
        return law_name(periods.law_on(member.birth_date, start, adult_age), ref) if member.birth_date else ""
    if laws == [Law.JEUGDWET, Law.WMO] and member.birth_date is not None:
        birthday = periods.eighteenth_birthday(member.birth_date, adult_age)
        if any(a.start == birthday for a in allocations):  # the 18th-birthday split
            return ref.text("plan.member_law_split", birthday=date_words(birthday))
    return join_and([law_name(law, ref) for law in laws])


def _with_outcome(row: SupportRow, a: Allocation, product: Product) -> SupportRow:
    """The row with its outcome: a partial grant says what was asked; a refusal grants nothing."""
    if a.outcome is Outcome.GRANTED:
        return row
    requested = request_words(a, product)
    if a.outcome is Outcome.REFUSED:
        return dataclasses.replace(row, amount="", provider="", outcome=a.outcome, requested=requested)
    return dataclasses.replace(row, outcome=a.outcome, requested=requested)


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

    lines = [(ref.text("plan.label_case_number"), household.case_number)]
    address = ", ".join(address_lines(household))
    if address:
        lines.append((ref.text("plan.label_address"), address))
    period = f"{period_words(start, end)} ({periods.length_words(start, end)})"
    lines.append((ref.text("plan.label_period"), period))
    if plan.conversation_date:
        on = date_words(plan.conversation_date)
        if plan.participants:
            on = ref.text("plan.conversation_with", conversation_date=on, participants=plan.participants)
        lines.append((ref.text("plan.label_conversation"), on))
    if plan.client_support_offered or plan.client_support_present:
        lines.append(
            (
                ref.text("plan.label_client_support"),
                ref.text(
                    "plan.client_support_present"
                    if plan.client_support_present
                    else "plan.client_support_offered"
                ),
            )
        )

    members = tuple(
        MemberRow(
            m.full_name,
            date_words(m.birth_date) if m.birth_date else "",
            m.role.value,
            _member_law(m, [a for a in plan.allocations if a.member_id == m.id], products, start, ref),
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
    coordinator = coordinator_name(plan, catalogue, letterhead, ref)
    coordinator_paragraphs = [ref.text("plan.coordinator", coordinator=coordinator)] if coordinator else []
    coordinator_paragraphs.append(ref.text("plan.review", review_date=date_words(end)))

    support = []
    for m in household.members:
        rows = tuple(
            _with_outcome(
                SupportRow(
                    products[a.product_code].name,
                    law_name(adulthood.allocation_law(a, m, adult_age, products.get(a.product_code)), ref),
                    _short_amount(a, ref),
                    ref.text("plan.support_period", start=date_words(a.start), end=date_words(a.end)),
                    ref.text("plan.support_pgb")
                    if a.form is Form.PGB
                    else provider_name(catalogue, a.provider_id),
                ),
                a,
                products[a.product_code],
            )
            for a in sorted(plan.allocations, key=lambda a: a.start)
            if a.member_id == m.id
        )
        if rows:
            support.append(MemberSupport(m.full_name, rows))

    timeline = {(start, ref.text("plan.timeline_start")), (end, ref.text("plan.timeline_end"))}
    for m in present:
        if m.birth_date:
            birthday = periods.eighteenth_birthday(m.birth_date, adult_age)
            if start < birthday <= end:
                timeline.add((birthday, ref.text("plan.timeline_adulthood", name=m.given_names)))
    for a in plan.allocations:
        c = a.continuity
        if c is None or c.until is None or not start <= c.until <= end:
            continue
        if key := ref.continuity_routes[c.route].plan_end_text:
            own = provider_name(catalogue, c.own_provider_id)
            timeline.add((c.until, ref.text(key, own_provider=own)))
    for r in plan.life_areas:
        for g in r.goals:
            if g.target_date:
                timeline.add((g.target_date, g.text))

    return PlanDocumentSnapshot(
        title=f"{ref.text('plan.title')} {household.case_number}",
        sender=letterhead_sender(letterhead),
        heading=ref.text("plan.heading", household=household.name),
        intro=Section(
            "", (ref.text("plan.intro"), ref.text("plan.matrix_intro"), ref.text("plan.ladder_intro"))
        ),
        household_lines=tuple(lines),
        members=members,
        matrix=matrix,
        areas=areas,
        coordinator=Section(ref.text("plan.heading_coordinator"), tuple(coordinator_paragraphs)),
        support=tuple(support),
        timeline=tuple(TimelineItem(d, date_words(d), label) for d, label in sorted(timeline)),
        signature_intro=f"{ref.text('plan.signature')} {ref.text('plan.privacy')}",
        signatories=(
            *(m.full_name for m in present if m.receives_letters or _is_adult(m, today, adult_age)),
            ", ".join(p for p in (professional.name, professional.role or letterhead.signer_role) if p)
            if professional.name
            else " ".join(  # not signed yet: say so, and by whom it will be
                (
                    ref.text("letter.unsigned_name"),
                    ref.text("letter.unsigned_role", team_role=letterhead.signer_role, team=letterhead.team),
                )
            ),
        ),
        concept=plan.status is PlanStatus.CONCEPT,
    )
