"""Coordinator eligibility (domain.md §4.4): every cell, this municipality, the whole period."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date

from planner.coordinator import eligible_coordinators, missing_cells, plan_cells
from planner.model import Contract, Distance, Household, Provider
from tests.planner import factories as f


def test_only_the_provider_covering_every_cell_is_eligible():
    cat, hh, plan = f.catalogue(), f.household(), f.plan()
    assert [p.id for p in eligible_coordinators(plan, hh, cat)] == [f.BRUG]
    assert missing_cells(f.BRUG, plan, hh, cat) == []


def test_one_missing_cell_is_named():
    cat, hh, plan = f.catalogue(), f.household(), f.plan()
    assert missing_cells(f.ELAN, plan, hh, cat) == [("financien", Distance.MEDIUM)]


def test_changing_a_distance_changes_eligibility():
    cat, hh = f.catalogue(), f.household()
    plan = f.plan(life_areas=[f.area("financien", Distance.HEAVY), f.area("wonen", Distance.LIGHT)])
    assert [p.id for p in eligible_coordinators(plan, hh, cat)] == [f.BRUG, f.ELAN]


def test_life_areas_without_distance_are_not_cells():
    plan = f.plan(life_areas=[f.area("financien", None), f.area("wonen", Distance.LIGHT)])
    assert plan_cells(plan) == [("wonen", Distance.LIGHT)]


def test_contracts_in_another_municipality_do_not_count():
    cat, plan = f.catalogue(), f.plan()
    elsewhere = Household("X", f.ZUID, members=f.household().members)
    assert eligible_coordinators(plan, elsewhere, cat) == []
    assert len(missing_cells(f.BRUG, plan, elsewhere, cat)) == len(plan_cells(plan))


def test_a_cell_contract_ending_inside_the_plan_period_is_missing():
    cat, hh, plan = f.catalogue(), f.household(), f.plan()
    short = [
        replace(c, end=date(2027, 6, 30))
        if c.provider_id == f.BRUG and c.cell == ("wonen", Distance.MEDIUM)
        else c
        for c in cat.contracts
    ]
    cat.contracts = short
    cat.reindex()
    plan.life_areas.append(f.area("wonen", Distance.MEDIUM))
    assert missing_cells(f.BRUG, plan, hh, cat) == [("wonen", Distance.MEDIUM)]
    assert eligible_coordinators(plan, hh, cat) == []


def test_back_to_back_cell_contracts_cover_the_period_together():
    cat, hh = f.catalogue(), f.household()
    plan = f.plan(life_areas=[f.area("wonen", Distance.MEDIUM)])
    cat.contracts = [
        Contract("a", f.ZZP, f.NOORD, date(2026, 1, 1), date(2027, 6, 30), cell=("wonen", Distance.MEDIUM)),
        Contract("b", f.ZZP, f.NOORD, date(2027, 7, 1), None, cell=("wonen", Distance.MEDIUM)),
    ]
    cat.reindex()
    assert [p.id for p in eligible_coordinators(plan, hh, cat)] == [f.ZZP]


def test_fast_over_a_large_region():
    """Sanity check, not a benchmark: 300 providers and ~5,000 contracts."""
    cat, hh = f.catalogue(), f.household()
    cells = [(a, d) for a in f.LIFE_AREAS for d in Distance]
    cat.providers = {
        f"gen{i}": Provider(f"gen{i}", f"Aanbieder {i}", f"{i:08d}", f.NOORD, "klein") for i in range(300)
    }
    cat.contracts = [
        Contract(
            f"k{i}-{j}",
            f"gen{i}",
            (f.NOORD, f.ZUID)[j % 2],
            date(2026, 1, 1),
            None,
            cell=cells[j % len(cells)],
        )
        for i in range(300)
        for j in range(17)
    ]
    cat.reindex()
    plan = f.plan()
    started = time.perf_counter()
    for _ in range(10):
        eligible_coordinators(plan, hh, cat)
    per_call = (time.perf_counter() - started) / 10
    assert per_call < 0.05, per_call
