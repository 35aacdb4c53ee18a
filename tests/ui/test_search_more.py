"""The search page: "Meer tonen" past the first 50, and the municipality and plan status filters."""

from __future__ import annotations

from pathlib import Path

from db.database import Database
from planner.catalogue import Catalogue
from planner.model import Household, Member, Municipality, PlanStatus, Role
from planner.reference import load_reference
from planner.services.lookup import SEARCH_LIMIT
from tests.db import factories
from tests.planner.showcase_documents import TODAY
from ui.app import MainWindow
from ui.settings import WindowSettings


def _database(path: Path) -> Database:
    db = Database.open(path, encrypt=False)
    households = [
        Household(
            case_number=f"J-{i:03d}",
            municipality_code="GM0200" if i % 2 else "GM0301",
            postcode="1234 AB",
            members=[Member("Piet", "Jansen", None, Role.PARENT)],
        )
        for i in range(120)
    ]
    with db.unit_of_work() as uow:
        uow.catalogue.replace(
            Catalogue(
                municipalities={
                    "GM0200": Municipality("GM0200", "Apeldoorn"),
                    "GM0301": Municipality("GM0301", "Zutphen"),
                }
            )
        )
        uow.bulk_insert_households(households, [factories.plan(households[7], PlanStatus.DECIDED)])
    return db


def _results(window: MainWindow) -> int:
    return window.start.results.count()


def test_more_results_and_filters(qtbot, tmp_path: Path) -> None:
    db = _database(tmp_path / "search.sqlite")
    window = MainWindow(db, load_reference(), TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    start = window.start
    start.search.setText("jansen")
    qtbot.waitUntil(lambda: _results(window) == SEARCH_LIMIT, timeout=5000)
    assert "de eerste 50" in start.status.text() and "Meer tonen" in start.status.text()
    assert start.more_button.isVisible()

    start.more_button.click()
    qtbot.waitUntil(lambda: _results(window) == 2 * SEARCH_LIMIT, timeout=5000)
    start.more_button.click()
    qtbot.waitUntil(lambda: _results(window) == 120, timeout=5000)
    assert not start.more_button.isVisible()  # everything is shown
    assert start.status.text().startswith("120 huishoudens gevonden.")

    # a filter starts again from the first 50, of that municipality only
    assert [start.municipality_filter.itemText(i) for i in range(3)] == [
        "Alle gemeenten",
        "Apeldoorn",
        "Zutphen",
    ]
    start.municipality_filter.setCurrentIndex(2)
    qtbot.waitUntil(lambda: _results(window) == SEARCH_LIMIT, timeout=5000)
    assert all("Zutphen" in start.results.item(i).text() for i in range(_results(window)))

    start.municipality_filter.setCurrentIndex(0)
    start.status_filter.setCurrentIndex(start.status_filter.findData(PlanStatus.DECIDED.value))
    qtbot.waitUntil(lambda: _results(window) == 1, timeout=5000)
    assert "J-007" in start.results.item(0).text()
    assert not start.more_button.isVisible()
    window.close()
    db.close()
