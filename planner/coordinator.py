"""Which providers may coordinate a plan (domain.md §4.4).

A provider coordinates only with coordination contracts for EVERY (life area, distance) cell of
the plan, in the household's municipality, over the whole plan period. Coordination is never
split: one provider covers all cells or it is not eligible.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from planner import periods
from planner.catalogue import Catalogue
from planner.coverage import covered_until
from planner.model import Contract, Distance, Household, Plan, Provider

Cell = tuple[str, Distance]


def plan_cells(plan: Plan) -> list[Cell]:
    """The plan's matrix cells: every life area with a distance set, in plan order."""
    return [(r.life_area, r.distance) for r in plan.life_areas if r.distance is not None]


def plan_period(plan: Plan) -> tuple[date, date] | None:
    if plan.start is None or plan.months < 1:  # no usable period yet (reported by the rules)
        return None
    return plan.start, periods.plan_end(plan.start, plan.months)


def _cell_index(catalogue: Catalogue, municipality_code: str) -> dict[Cell, dict[str, list[Contract]]]:
    """cell -> provider id -> that provider's coordination contracts for the cell here."""
    index: dict[Cell, dict[str, list[Contract]]] = defaultdict(lambda: defaultdict(list))
    for c in catalogue.contracts:
        if c.cell is not None and c.municipality_code == municipality_code:
            index[c.cell][c.provider_id].append(c)
    return index


def _holds(contracts: list[Contract], period: tuple[date, date] | None) -> bool:
    if not contracts:
        return False
    if period is None:  # no plan period yet: any contract for the cell will do for now
        return True
    until = covered_until(contracts, period[0])
    return until is not None and until >= period[1]


def eligible_coordinators(plan: Plan, household: Household, catalogue: Catalogue) -> list[Provider]:
    """Providers that may coordinate this plan, by name. Empty when the plan has no cells yet."""
    cells = plan_cells(plan)
    if not cells:
        return []
    index = _cell_index(catalogue, household.municipality_code)
    period = plan_period(plan)
    candidates: set[str] | None = None
    for cell in cells:
        holders = {pid for pid, cs in index.get(cell, {}).items() if _holds(cs, period)}
        candidates = holders if candidates is None else candidates & holders
        if not candidates:
            return []
    providers = [catalogue.providers[pid] for pid in candidates or () if pid in catalogue.providers]
    return sorted(providers, key=lambda p: p.name.casefold())


def missing_cells(provider_id: str, plan: Plan, household: Household, catalogue: Catalogue) -> list[Cell]:
    """The plan's cells this provider lacks a covering coordination contract for, in plan order."""
    period = plan_period(plan)
    mine: dict[Cell, list[Contract]] = defaultdict(list)
    for c in catalogue.contracts_of(provider_id):
        if c.cell is not None and c.municipality_code == household.municipality_code:
            mine[c.cell].append(c)
    return [cell for cell in plan_cells(plan) if not _holds(mine.get(cell, []), period)]


def cell_words(cell: Cell, life_area_name: str) -> str:
    """ "Financiën – midden", the way the UI and the findings name a cell."""
    return f"{life_area_name} – {cell[1].value}"
