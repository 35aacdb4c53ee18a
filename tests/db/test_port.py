"""`db` implements planner's unit-of-work port, checked statically and at run time."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from db.database import Database
from planner.services.port import (
    CaseloadStore,
    CatalogueStore,
    DecisionStore,
    HouseholdStore,
    PlanStore,
    SettingsStore,
    UnitOfWorkFactory,
    UnitOfWorkPort,
)

ROOT = Path(__file__).resolve().parents[2]


def test_database_and_its_unit_of_work_have_the_ports_members(db: Database) -> None:
    assert isinstance(db, UnitOfWorkFactory)
    with db.unit_of_work(write=False) as uow:
        assert isinstance(uow, UnitOfWorkPort)
        for store, port in (
            (uow.households, HouseholdStore),
            (uow.plans, PlanStore),
            (uow.decisions, DecisionStore),
            (uow.settings, SettingsStore),
            (uow.catalogue, CatalogueStore),
            (uow.caseload, CaseloadStore),
        ):
            assert isinstance(store, port), port.__name__


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_the_port_is_satisfied_with_the_right_signatures() -> None:
    """isinstance only sees names; mypy compares every signature of the port with db's."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--follow-imports=silent",
            "--cache-dir",
            str(ROOT / ".mypy_cache"),
            "--no-error-summary",
            str(ROOT / "tests" / "db" / "port_conformance.py"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
