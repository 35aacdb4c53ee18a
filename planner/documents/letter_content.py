"""The decision letters of a plan, as data (`LetterSnapshot`), one per member with support.

Every legal or policy sentence comes from the reference texts (resources/texts.toml); this module
chooses which ones apply and fills in their values (domain.md §6).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from planner import adulthood, continuity, hours, money, outcomes, periods
from planner.catalogue import Catalogue
from planner.documents.common import (
    UNIT_MINUTES,
    Professional,
    about_text,
    address_lines,
    coordinator_name,
    law_name,
    letterhead_sender,
    provider_name,
    sentence,
    with_hours,
)
from planner.documents.outcome_content import outcome_parts
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
    Frequency,
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
from planner.reference import Reference, StandardTable


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


def _own_provider_text(
    allocation: Allocation, member: Member, catalogue: Catalogue, ref: Reference, to_parents: bool = False
) -> str:
    """Why this provider: the recorded continuity route's sentence, or that the own one stays.

    In a letter to the parent(s) the sentence speaks of the child by name (the "_child" variant of
    the route's text), never as if the provider helped the parent.
    """
    name = functools.partial(provider_name, catalogue)

    def text(key: str, **values: object) -> str:
        if to_parents and f"{key}_child" in ref.texts:
            return ref.text(f"{key}_child", name=member.given_names, **values)
        return ref.text(key, **values)

    if allocation.continuity is not None:
        # The recorded reason is the professional's own sentence: it stands after "De reden:",
        # never pasted into a sentence of ours, and ends in one full stop.
        route = dataclasses.replace(allocation.continuity, reason=sentence(allocation.continuity.reason))
        with_route = dataclasses.replace(allocation, continuity=route)
        return continuity.letter_paragraph(ref.continuity_routes, with_route, name, text, date_words)
    if member.own_provider_id and member.own_provider_id == allocation.provider_id:
        return text("letter.own_provider_kept", provider=name(allocation.provider_id))
    return ""


def _split_text(
    allocation: Allocation,
    member: Member,
    siblings: list[Allocation],
    ref: Reference,
    in_letter: list[Allocation] | None = None,
    catalogue: Catalogue | None = None,
) -> str:
    """The 18th-birthday explanation when this allocation is one part of a split (domain.md §4.7).

    `siblings` are all the member's allocations, `in_letter` those this letter decides: when the
    other part is in another letter (the Wmo part goes to the young adult himself), each letter
    says where the other part is decided. "De hulp zelf loopt gewoon door" only when the same
    provider (or the same pgb) carries on after the birthday without a continuity route (a route
    means the provider has no contract for one of the parts, and its paragraph says what follows).
    """
    if member.birth_date is None:
        return ""
    birthday = periods.eighteenth_birthday(member.birth_date, ref.terms.adult_age)
    day_before = birthday - timedelta(days=1)
    words = {"name": member.given_names, "birthday": date_words(birthday), "end": date_words(day_before)}
    if allocation.extended_youth_care:
        reason = sentence(allocation.extended_youth_care_reason)
        return ref.text("letter.extended_youth_care", reason=reason, **words)
    if allocation.end == day_before:
        other = next((s for s in siblings if s.start == birthday), None)
    elif allocation.start == birthday:
        other = next((s for s in siblings if s.end == day_before), None)
    else:
        other = None
    if other is None:
        return ""
    letter = in_letter if in_letter is not None else siblings
    if any(a is other for a in letter):
        text = ref.text("letter.split_adulthood", **words)
    elif allocation.end == day_before:
        text = ref.text("letter.split_adulthood_youth_part", **words)
    else:
        text = ref.text("letter.split_adulthood_adult_part", **words)
    if allocation.continuity is not None or other.continuity is not None:
        return text
    if allocation.form is Form.PGB and other.form is Form.PGB:
        text += " " + ref.text("letter.split_same_pgb")
    elif (
        catalogue is not None
        and allocation.form is other.form
        and allocation.provider_id
        and allocation.provider_id == other.provider_id
    ):
        text += " " + ref.text(
            "letter.split_same_provider", provider=provider_name(catalogue, other.provider_id)
        )
    return text


def _decision(
    allocation: Allocation,
    member: Member,
    product: Product,
    law: Law | None,
    siblings: list[Allocation],
    catalogue: Catalogue,
    ref: Reference,
    municipality_code: str,
    in_letter: list[Allocation] | None = None,
    to_parents: bool = False,
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
        standard = ref.text("letter.standard_applied", standard_name=_public_name(table))
    total_words = f"{number(total_minutes)} minuten per week"
    if total_minutes >= 60:
        total_words += f" ({hours.minutes_words(total_minutes)})"
    if a.hours_lines and a.unit in UNIT_MINUTES and total_minutes > 0:
        # The lines are in minutes, the amount in dagdelen or etmalen: convert up, never down.
        units = hours.ceil_units(Fraction(total_minutes, UNIT_MINUTES[a.unit]))
        freq = hours.frequency_words(Frequency.PER_WEEK)
        converted = with_hours(f"{hours.unit_words(units, a.unit)} {freq}", units, a.unit, freq, ref)
        total_words += ", " + ref.text("letter.hours_in_unit", amount=converted)
    return AllocationDecision(
        outcome=Outcome.GRANTED,
        product=product.name,
        law=law_name(law, ref),
        form_text=form_text,
        amount_figures=f"{hours.unit_words(a.volume, a.unit)} {hours.frequency_words(a.frequency)}",
        amount_words=with_hours(
            hours.amount_words(a.volume, a.unit, a.frequency),
            a.volume,
            a.unit,
            hours.frequency_words(a.frequency),
            ref,
        ),
        start=a.start,
        end=a.end,
        period_words=period_words(a.start, a.end),
        length_words=periods.length_words(a.start, a.end),
        total_words=with_hours(
            hours.total_words(a.volume, a.unit, a.frequency, a.start, a.end),
            hours.total_units(a.volume, a.unit, a.frequency, a.start, a.end),
            a.unit,
            "",
            ref,
        ),
        cost_words=cost,
        provider=provider,
        hours_rows=tuple(
            HoursRow(line.label, line.minutes_per_week, line.kind.deducts) for line in a.hours_lines
        ),
        hours_total_minutes=total_minutes,
        hours_total_words=total_words if a.hours_lines else "",
        hours_standard=standard,
        own_provider_text=_own_provider_text(a, member, catalogue, ref, to_parents),
        split_text=_split_text(a, member, siblings, ref, in_letter, catalogue),
    )


def _public_name(table: StandardTable) -> str:
    """The standard's name as a letter prints it: without the demo marker (its year is data for
    the office, not news for the reader of a later decision)."""
    name = table.name
    if table.demo:
        name = re.sub(r"\s*\(demo\)\s*$", "", name)
    return name


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


def _wmo_contribution_text(
    ref: Reference, year: int, outcome_verified: bool, child: str | None = None
) -> str:
    """The year's own contribution exactly as own_contribution.toml has it (domain.md §6): a
    verified maximum as the maximum, an income-dependent range as a range, and a figure that is
    not verified (or rests on an unverified fact) never as a fact. `child`: the letter goes to the
    parent(s), and the support it speaks of is the child's."""
    entry = ref.own_contribution_for(year)
    if entry is None or entry.max_per_month is None:
        return about_text(ref, "letter.own_contribution_wmo_unknown", child, year=year)
    amount = euro(entry.max_per_month)
    if entry.income_dependent and entry.min_per_month is not None:
        key = "own_contribution_wmo_range" if entry.verified else "own_contribution_wmo_range_unverified"
        return about_text(
            ref, f"letter.{key}", child, year=year, amount=amount, min_amount=euro(entry.min_per_month)
        )
    if not entry.verified or entry.income_dependent:
        return about_text(ref, "letter.own_contribution_wmo_unknown", child, year=year)
    if not outcome_verified:  # the figure is known, whether it applies is not (a partner's age)
        return ref.text("letter.own_contribution_wmo_partner_unknown", year=year, amount=amount)
    return about_text(ref, "letter.own_contribution_wmo", child, year=year, amount=amount)


def _contribution(
    household: Household,
    plan: Plan,
    laws: set[Law],
    wmo_products: set[str],
    ref: Reference,
    on: date,
    products_words: str = "",
    child: str | None = None,
) -> Section:
    """The own-contribution section of one letter; `plan` holds only the letter's allocations;
    `child`: the given name of the child when the letter goes to the parent(s)."""
    paragraphs: list[str] = []
    if Law.JEUGDWET in laws:
        paragraphs.append(ref.text("letter.own_contribution_jeugdwet"))
    if Law.WMO in laws:
        outcome = money.own_contribution(household, plan, ref, on)
        if wmo_products and wmo_products <= ref.own_contribution_exempt_products:
            paragraphs.append(ref.text("letter.own_contribution_exempt", products=products_words))
        elif not outcome.applies:
            paragraphs.append(ref.text("letter.own_contribution_partner"))
        else:
            paragraphs.append(_wmo_contribution_text(ref, on.year, outcome.verified, child))
    return Section(ref.text("letter.heading_contribution"), tuple(paragraphs))


def _letter_groups(
    household: Household, plan: Plan, products: dict[str, Product], adult_age: int, sent_on: date
) -> list[tuple[Member, list[Allocation], bool, list[Allocation]]]:
    """Who gets which letter (domain.md §6): per member with support, the allocations one letter
    decides, whether it goes to the parent(s), and all the member's allocations.

    The law of each allocation is `adulthood.allocation_law` (never the age on the sending date).
    A Wmo decision goes to the adult it is for, also when sent before his birthday: a young adult
    gets his own letter for the Wmo part. What a member who is a minor on the sending date gets
    while still a minor (the Jeugdwet part; a Wmo provision for a child, such as a housing
    adaptation) goes to the parent(s); an adult's Jeugdwet part (verlengde jeugdhulp) to himself.
    """
    groups: list[tuple[Member, list[Allocation], bool, list[Allocation]]] = []
    for member in household.members:
        mine = sorted(
            (a for a in plan.allocations if a.member_id == member.id), key=lambda a: (a.start, a.product_code)
        )
        if not mine:
            continue
        birth = member.birth_date
        minor = birth is not None and periods.age_on(birth, sent_on) < adult_age
        own = [
            a
            for a in mine
            if birth is None
            or not minor
            or (
                adulthood.allocation_law(a, member, adult_age, products.get(a.product_code)) is Law.WMO
                and periods.age_on(birth, a.start) >= adult_age  # a Wmo part from the birthday on
            )
        ]
        to_parents = [a for a in mine if not any(a is b for b in own)]
        if to_parents:
            groups.append((member, to_parents, True, mine))
        if own:
            groups.append((member, own, False, mine))
    return groups


def _subject(laws: set[Law], member: Member, ref: Reference) -> str:
    """ "Besluit over ... Wmo / jeugdhulp": the laws the letter decides under, nothing else."""
    if laws == {Law.JEUGDWET, Law.WMO}:
        return ref.text("letter.subject_both", name=member.full_name)
    if Law.WMO in laws:
        return ref.text("letter.subject_wmo")
    return ref.text("letter.subject_jeugdwet", name=member.full_name)


def _in_sentence(name: str) -> str:
    """A name inside a sentence: "Huishouden en zelfzorg (ADL)" -> "huishouden en zelfzorg (ADL)"."""
    return name[:1].lower() + name[1:] if name[1:2].islower() else name


def _product_names(decisions: list[AllocationDecision]) -> list[str]:
    """The products of the letter in words, once each: a name that only extends another one
    ("begeleiding individueel basis" after "begeleiding individueel", both parts of a split) is left
    out, so the sentence never names the same help twice."""
    names = sorted({d.product.lower() for d in decisions})
    return [n for n in names if not any(n != o and n.startswith(o + " ") for o in names)]


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
    for member, allocations, minor, siblings in _letter_groups(household, plan, products, adult_age, sent_on):
        # `minor`: this letter goes to the parent(s), about the child by name (the Jeugdwet part).
        child = member.given_names if minor else None
        number_ = len(letters) + 1
        ref_code = f"{base_kenmerk}-{number_}"
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
                    siblings,
                    catalogue,
                    ref,
                    household.municipality_code,
                    allocations,
                    minor,
                )
                for a in allocations
            ]
        )
        # Request and outcome: what was asked, and per allocation granted / partly / refused.
        told = outcome_parts(
            allocations, decisions, member, minor, [laws_of[id(a)] for a in allocations], products, ref
        )
        decisions = list(told.decisions)
        laws = {law for law in laws_of.values() if law is not None}
        granted_laws = {law for a in outcomes.granted(allocations) if (law := laws_of[id(a)]) is not None}

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
        elif member.birth_date is not None and periods.age_on(member.birth_date, sent_on) < adult_age:
            # The young adult's own letter for the Wmo part, sent before his birthday (domain.md §6).
            birthday = periods.eighteenth_birthday(member.birth_date, adult_age)
            request.append(ref.text("letter.own_letter_young_adult", birthday=date_words(birthday)))
            if len(allocations) < len(siblings):
                request.append(ref.text("letter.own_letter_young_adult_parents"))
        request.extend(told.request)

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
            part = "letter.plan_part_refused" if told.all_refused else "letter.plan_part"
            plan_paragraphs.append(ref.text(part, plan_date=date_words(plan_date)))
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
        # Notes from the conversation are the professional's words about the client ("Mevrouw doet
        # ..."): quoted as such, never as if the letter said them to "u".
        motivation += [
            ref.text(
                "letter.noted_situation",
                area=_in_sentence(ref.life_area(r.life_area).name),
                note=sentence(r.current_situation),
            )
            for r in served
            if r.current_situation.strip()
        ]
        motivation.append(
            ref.text("letter.motivation_ladder_refused" if told.all_refused else "letter.motivation_ladder")
        )
        for r in served:
            for rung, text in r.ladder.items():
                if text.strip():
                    rung_name = rung_names.get(rung, rung.value)
                    motivation.append(ref.text("letter.noted_rung", rung=rung_name, note=sentence(text)))
        if any(line.kind is LineKind.CUSTOMARY_HELP for a in allocations for line in a.hours_lines):
            motivation.append(ref.text("letter.customary_help"))
        motivation.append(ref.text("letter.period_convention"))
        # How the total is counted, in the unit the amount is in (minuten, dagdelen, etmalen);
        # a refused allocation has no total, no pgb and no contribution.
        granted = outcomes.granted(allocations)
        weekly_units = dict.fromkeys(
            a.unit for a in granted if a.frequency is Frequency.PER_WEEK and a.unit is not Unit.EURO
        )
        for unit in weekly_units:
            plural = hours.unit_words(0, unit).split(" ", 1)[1]
            motivation.append(ref.text("letter.total_convention", unit=plural))
        motivation.extend(told.motivation)
        has_pgb = any(a.form is Form.PGB for a in granted)
        pgb_laws = {laws_of[id(a)] for a in granted if a.form is Form.PGB}
        # One sentence names every legal ground of the letter.
        if laws == {Law.JEUGDWET, Law.WMO}:
            motivation.append(ref.text("letter.legal_grounds_both"))
        for law in (Law.JEUGDWET, Law.WMO):
            if law in laws and len(laws) == 1:
                motivation.append(ref.text(f"letter.legal_grounds_{law.value}"))
        for law in (Law.JEUGDWET, Law.WMO):
            if law in pgb_laws:
                motivation.append(ref.text(f"letter.legal_grounds_{law.value}_pgb"))
        motivation.append(
            ref.text("letter.health_data_jeugdwet")
            if laws == {Law.JEUGDWET}
            else about_text(ref, "letter.health_data", child)
        )

        pgb = None
        if has_pgb:
            pgb_paragraphs = [
                about_text(
                    ref,
                    "letter.pgb_budget",
                    child,
                    amount=euro(a.pgb_budget or 0),
                    start=date_words(a.start),
                    end=date_words(a.end),
                )
                for a in allocations
                if a.form is Form.PGB and outcomes.is_granted(a)
            ]
            pgb_paragraphs += [ref.text("letter.pgb_conditions"), ref.text("letter.pgb_svb")]
            if Law.WMO in pgb_laws:  # the informal-care tariff is a Wmo rule (Uitvoeringsregeling Wmo 2015)
                amount = euro(ref.terms.informal_care_max_per_month)
                pgb_paragraphs.append(about_text(ref, "letter.pgb_informal_tariff", child, amount=amount))
            pgb = Section(ref.text("letter.heading_pgb"), tuple(pgb_paragraphs))

        granted_decisions = [d for d in decisions if d.outcome is not Outcome.REFUSED]
        wmo_products = {a.product_code for a in granted if laws_of[id(a)] is Law.WMO}
        first_wmo = min((a.start for a in granted if laws_of[id(a)] is Law.WMO), default=sent_on)
        products_words = join_and(_product_names(granted_decisions))
        letters.append(
            LetterSnapshot(
                title=ref.text("letter.title", reference=ref_code),
                sender=sender,
                contact=Contact(professional.name, phone, professional.email or letterhead.email),
                letter_date=sent_on,
                letter_date_words=date_words(sent_on),
                reference=ref_code,
                addressee=_addressee(household, member, minor, ref),
                subject=_subject(laws, member, ref),
                about_member=member.full_name,
                request=Section("", tuple(request)),
                decision_intro=Section(
                    ref.text("letter.heading_decision"),
                    (
                        (
                            ref.text("letter.decision_intro_refused_minor", name=member.given_names)
                            if minor
                            else ref.text(
                                "letter.decision_intro_refused", request=join_and(list(told.refused))
                            )
                        )
                        if told.all_refused
                        else ref.text(
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
                # Only this letter's granted allocations: the payer is the member it decides for.
                contribution=_contribution(
                    household,
                    dataclasses.replace(plan, allocations=granted),
                    granted_laws,
                    wmo_products,
                    ref,
                    first_wmo,
                    join_and(_product_names(granted_decisions)),
                    child,
                ),
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
                    name=professional.name or ref.text("letter.unsigned_name"),
                    role=professional.role
                    or (
                        letterhead.signer_role
                        if professional.name
                        else ref.text(
                            "letter.unsigned_role", team_role=letterhead.signer_role, team=letterhead.team
                        )
                    ),
                ),
                pgb=pgb,
                concept=plan.status is PlanStatus.CONCEPT,
                child=child or "",
            )
        )
    return letters
