"""UI test fixtures: a real SQLite file, the real reference data and a small catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from db.database import Database
from planner.catalogue import Catalogue
from planner.model import Contract, Distance, Municipality, Provider
from planner.reference import Reference, load_reference
from ui.app import use_dutch_locale
from ui.worker import shared_worker

use_dutch_locale()  # as run_app does: the tests see the dates a user sees

TODAY = date(2027, 1, 18)
ZUTPHEN = "GM0301"
WALKTHROUGH_CELLS = (
    ("financien", Distance.MEDIUM),
    ("werk_dagbesteding", Distance.MEDIUM),
    ("geestelijke_gezondheid", Distance.MEDIUM),
    ("huishouden_adl", Distance.LIGHT),
)


def small_catalogue(reference: Reference) -> Catalogue:
    """De Brug may coordinate all four walk-through cells; Zorg Oost only Financiën – midden."""
    brug = Provider(id="p-brug", name="De Brug", agb="12345678", municipality_code=ZUTPHEN, size="groot")
    oost = Provider(id="p-oost", name="Zorg Oost", agb="87654321", municipality_code=ZUTPHEN, size="klein")
    contracts = [
        Contract(
            id=f"c-brug-{code}-{d.value}",
            provider_id=brug.id,
            municipality_code=ZUTPHEN,
            start=date(2025, 1, 1),
            end=None,
            cell=(code, d),
        )
        for code, d in WALKTHROUGH_CELLS
    ]
    contracts.append(
        Contract(
            id="c-oost-fin",
            provider_id=oost.id,
            municipality_code=ZUTPHEN,
            start=date(2025, 1, 1),
            end=None,
            cell=("financien", Distance.MEDIUM),
        )
    )
    return Catalogue(
        municipalities={m.code: Municipality(m.code, m.name) for m in reference.municipalities},
        providers={brug.id: brug, oost.id: oost},
        contracts=contracts,
    )


@pytest.fixture(scope="session")
def reference() -> Reference:
    return load_reference()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "trajectplanner.sqlite"


@pytest.fixture
def db(db_path: Path, reference: Reference) -> Iterator[Database]:
    database = Database.open(db_path)
    with database.unit_of_work() as uow:
        uow.catalogue.replace(small_catalogue(reference))
    yield database
    shared_worker().finish()  # nothing of this test still runs on the worker when the file closes
    database.close()


@pytest.fixture(autouse=True)
def _worker_done(qtbot) -> Iterator[None]:
    """Every test leaves the background worker idle, so no callback reaches the next test."""
    yield
    shared_worker().finish()
