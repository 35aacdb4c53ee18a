"""One line of a household list or search result: what a list shows without loading the household."""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import PlanStatus


@dataclass(frozen=True, slots=True)
class HouseholdSummary:
    id: str
    case_number: str
    name: str
    municipality_code: str
    municipality_name: str  # the code itself when the catalogue does not know it
    postcode: str
    plan_status: PlanStatus | None  # of the active plan: concept before vastgesteld before afgesloten
    member_names: tuple[str, ...]
    archived: bool = False  # kept for the retention period, found only when asked (issue 11)
