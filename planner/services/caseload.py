"""Mijn werkvoorraad: the caseload of every household in storage, in one read-only unit of work.

The command line (`trajectplanner due`) and the window's caseload page both call `caseload`; in
the window it is the one call that moves onto the background worker.
"""

from __future__ import annotations

from datetime import date, timedelta

from planner.caseload import CaseloadTerms, DueItem, Urgency, birth_window, due_items
from planner.services.port import UnitOfWorkFactory


def caseload(
    storage: UnitOfWorkFactory, terms: CaseloadTerms, today: date, within_days: int | None = None
) -> list[DueItem]:
    """What is due in every household: overdue first, then by date.

    `within_days`: only what is due up to that many days from today (and whatever is overdue);
    without it, up to the caseload's horizon (`terms.caseload_months`).
    """
    with storage.unit_of_work(write=False) as uow:
        data = uow.caseload.load(*birth_window(today, terms))
    items = due_items(data, terms, today)
    if within_days is None:
        return items
    last = today + timedelta(days=within_days)
    return [i for i in items if i.urgency is Urgency.OVERDUE or i.due <= last]
