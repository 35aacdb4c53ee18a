"""What follows from an edit of an allocation: product, amount, provider choice."""

from __future__ import annotations

from datetime import date

from planner.allocations import (
    ProviderOutcome,
    amount_for_lines,
    extended_youth_care_toggle,
    new_allocation,
    product_change,
    provider_choice,
    start_change,
)
from planner.model import Form, Frequency, HoursLine, Law, LineKind, Unit
from tests.planner import factories as f


def test_a_new_allocation_takes_a_product_under_the_members_law() -> None:
    hh, cat, ref = f.household(), f.catalogue(), f.reference()
    plan = f.plan()
    daan = hh.member("m-daan")  # 17 on the plan start
    a = new_allocation(daan, plan, cat, f.TODAY, ref)
    assert a is not None and Law.JEUGDWET in cat.products[a.product_code].laws
    assert (a.start, a.end, a.provider_id, a.form) == (f.PLAN_START, f.PLAN_END, None, Form.IN_KIND)


def test_unit_and_frequency_follow_the_product_and_the_amount_the_hours_lines() -> None:
    cat = f.catalogue()
    a = f.allocation(
        hours_lines=[
            HoursLine(LineKind.FREE, "Schoonmaken", 225, reason="x"),
            HoursLine(LineKind.CUSTOMARY_HELP, "Daan", 30, reason="y"),
        ]
    )
    changes = product_change(a, cat.products[f.BEGELEIDING])
    assert changes["product_code"] == f.BEGELEIDING
    assert (changes["volume"], changes["unit"], changes["frequency"]) == (
        195,
        Unit.MINUTE,
        Frequency.PER_WEEK,
    )
    assert amount_for_lines(a.hours_lines, cat.products[f.LOGEREN]) == {}  # not counted in time


def test_moving_the_start_keeps_whole_months() -> None:
    a = f.allocation()
    assert start_change(a, date(2027, 3, 1)) == {"start": date(2027, 3, 1), "end": date(2028, 2, 29)}


def test_the_own_provider_is_kept_routed_or_replaced() -> None:
    hh, cat = f.household(), f.catalogue()
    daan = hh.member("m-daan")
    alloc = f.daan_allocations()[1]  # Begeleiding from 10 June 2027; Oude Hoeve's contract ends 30 June
    assert provider_choice(alloc, daan, f.BRUG, hh, cat).outcome is ProviderOutcome.REPLACE
    daan.own_provider_id = f.OUDE_HOEVE
    own = provider_choice(alloc, daan, f.OUDE_HOEVE, hh, cat)
    assert own.outcome is ProviderOutcome.NEEDS_ROUTE and own.preferred_provider_id is None
    other = provider_choice(alloc, daan, f.BRUG, hh, cat)
    assert other.outcome is ProviderOutcome.NEEDS_ROUTE and other.preferred_provider_id == f.BRUG
    early = f.daan_allocations()[0]  # up to 9 June 2027: the contract covers it
    kept = provider_choice(early, daan, f.OUDE_HOEVE, hh, cat)
    assert kept.outcome is ProviderOutcome.KEEP and kept.changes["provider_id"] == f.OUDE_HOEVE


def test_extended_youth_care_lets_the_law_follow_again() -> None:
    a = f.daan_allocations()[0]
    assert extended_youth_care_toggle(a) == {"extended_youth_care": True, "law": None}


def test_a_new_allocation_starts_on_the_own_providers_product() -> None:
    """Not on whatever product comes first: the care the own provider gives, where there is one."""
    import dataclasses

    hh, cat, ref = f.household(), f.catalogue(), f.reference()
    plan = f.plan()
    daan = hh.member("m-daan")
    without = dataclasses.replace(daan, own_provider_id=None)
    first = new_allocation(without, plan, cat, f.TODAY, ref)
    assert first is not None and first.product_code != f.JEUGD  # the list's first (Begeleiding)
    with_own = dataclasses.replace(daan, own_provider_id=f.OUDE_HOEVE)  # contracted for Begeleiding only
    a = new_allocation(with_own, plan, cat, f.TODAY, ref)
    assert a is not None and a.product_code == f.BEGELEIDING
    cat.contracts.append(
        type(cat.contracts[0])("c-own", "p-own", f.NOORD, f.TODAY, None, product_code=f.JEUGD)
    )
    cat.reindex()
    own_youth = dataclasses.replace(daan, own_provider_id="p-own")
    b = new_allocation(own_youth, plan, cat, f.TODAY, ref)
    assert b is not None and b.product_code == f.JEUGD
