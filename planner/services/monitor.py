"""The regional monitor over a period: one read-only unit of work, then plain computation.

The command line (`trajectplanner monitor`) and the window's Monitor page both call `monitor`.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Protocol

from planner.catalogue import Catalogue
from planner.monitor.compute import MonitorReport, birth_window, compute
from planner.monitor.rows import MonitorStore, Period
from planner.reference import Reference


class MonitorUnit(Protocol):
    @property
    def monitor(self) -> MonitorStore: ...


class MonitorStorage(Protocol):
    def unit_of_work(
        self, *, write: bool = True, busy_timeout_s: float | None = None
    ) -> AbstractContextManager[MonitorUnit]: ...


class UnknownMunicipalityError(ValueError):
    """A municipality code the catalogue does not know; `str()` is the Dutch sentence."""


def monitor(
    storage: MonitorStorage,
    catalogue: Catalogue,
    reference: Reference,
    period: Period,
    municipalities: Iterable[str] | None = None,
) -> MonitorReport:
    """The monitor's figures over `period` for the municipalities given (None: the whole region)."""
    chosen = list(dict.fromkeys(municipalities)) if municipalities else None
    unknown = [c for c in chosen or () if c not in catalogue.municipalities]
    if unknown:
        known = ", ".join(f"{c} ({m.name})" for c, m in catalogue.municipalities.items())
        raise UnknownMunicipalityError(
            f"Gemeente {', '.join(unknown)} staat niet in de catalogus. Kies uit: {known}."
        )
    if period.end < period.start:
        raise ValueError("Het einde van de periode ligt vóór het begin; draai de datums om.")
    with storage.unit_of_work(write=False) as uow:
        data = uow.monitor.load(
            period,
            frozenset(chosen) if chosen else None,
            birth_window(period, reference.terms.adult_age),
        )
    return compute(data, period, catalogue, reference.cell_prices, reference.terms.adult_age, chosen)
