"""The Monitor page in the window: computed on the worker, shown as the reports print it, saved."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate

from db.database import Database
from db.demo_loader import load_demo
from planner.monitor.rows import Period
from planner.services.monitor import monitor
from tests.monitor_data import YEAR, monitor_households
from ui.app import MainWindow
from ui.settings import WindowSettings
from ui.views.monitor_page import COLUMNS, MonitorPage, row_texts

TODAY = date(2027, 3, 1)


@pytest.fixture
def region(tmp_path: Path, reference) -> Iterator[Database]:
    database = Database.open(tmp_path / "regio.sqlite")
    load_demo(database, today=date(2026, 1, 15))
    with database.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    made = list(monitor_households(120, catalogue, [a.code for a in reference.life_areas]))
    with database.unit_of_work() as uow:
        uow.bulk_insert_households([h for h, _ in made], [p for _, ps in made for p in ps])
    yield database
    database.close()


def _catalogue(db: Database):  # type: ignore[no-untyped-def]
    with db.unit_of_work(write=False) as uow:
        return uow.catalogue.load()


def test_the_page_shows_the_figures_of_the_operation_and_saves_them(
    qtbot, region, reference, tmp_path
) -> None:
    catalogue = _catalogue(region)
    page = MonitorPage(region, catalogue, reference, TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.period() == Period(*YEAR)  # last year, by default
    assert not page.pdf_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.compute_button.click()
    expected = monitor(region, catalogue, reference, Period(*YEAR))
    rows = [*expected.municipalities, expected.region]
    assert page.table.rowCount() == len(rows) == 9
    for r, figures in enumerate(rows):
        shown = [page.table.item(r, c).text() for c in range(len(COLUMNS))]
        assert shown == row_texts(figures)
    assert any("< 5" in page.table.item(r, c).text() for r in range(9) for c in range(1, len(COLUMNS)))
    assert page.table.item(8, 0).text() == "Regio"
    assert "lopende toewijzingen" in page.summary.text()

    # one municipality
    page.municipality.setCurrentIndex(page.municipality.findData("GM0301"))
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.compute_button.click()
    assert [page.table.item(r, 0).text() for r in range(page.table.rowCount())] == ["Zutphen", "Regio"]

    pdf, csv = tmp_path / "monitor.pdf", tmp_path / "monitor.csv"
    assert page.pdf_button.isEnabled() and page.csv_button.isEnabled()
    page.save_report(pdf)
    page.save_report(csv)
    assert "Regionale monitor" in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "stroom;Zutphen;;doorstroom_lopend;" in csv.read_text("utf-8-sig")


def test_a_reversed_period_is_said_and_not_computed(qtbot, region, reference) -> None:
    page = MonitorPage(region, _catalogue(region), reference, TODAY)
    qtbot.addWidget(page)
    page.start.setDate(QDate(2026, 12, 1))
    page.end.setDate(QDate(2026, 1, 1))
    page.compute_button.click()
    assert "vóór het begin" in page.summary.text() and not page.loading


def test_the_window_opens_the_monitor_from_its_toolbar(qtbot, region, reference, tmp_path) -> None:
    window = MainWindow(region, reference, TODAY, WindowSettings(tmp_path / "venster.ini"))
    qtbot.addWidget(window)
    window.show()
    window.monitor_action.trigger()
    assert isinstance(window.stack.currentWidget(), MonitorPage)
    assert window.monitor_action.shortcut().toString() == "Ctrl+Shift+M"


def test_the_window_opens_on_an_office_server(qtbot, reference, tmp_path) -> None:
    from tests.pg import server_or_skip
    from ui.app import _open_database

    server = server_or_skip()
    url = server.fresh_database()
    try:
        with Database.open(url) as db:
            load_demo(db, today=date(2026, 1, 15))
        window = MainWindow(None, None, TODAY, WindowSettings(tmp_path / "venster.ini"))
        qtbot.addWidget(window)
        _open_database(window, url, demo=False, backups=None)  # no lock, no encryption offer, no backup
        assert window.db is not None and window.db.on_server and window.instance_lock is None
        assert window.db_label.text().startswith("Database: postgresql+psycopg://postgres@127.0.0.1:")
        window.monitor_action.trigger()
        assert isinstance(window.stack.currentWidget(), MonitorPage)
        window.db.close()
    finally:
        server.drop(url)
