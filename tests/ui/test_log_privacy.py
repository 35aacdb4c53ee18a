"""Logs that cannot leak (issue 9.3): after a constraint failure in autosave, a crash in a Qt slot
and a walk-through full of client text, neither the log file nor stderr holds any of that text."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer, qInstallMessageHandler, qWarning

from db.database import Database
from planner.model import Distance, Household, LifeAreaResult, Member, Plan, PlanStatus, Role
from planner.plans import reassessment_plan
from planner.services.plans import add_plan
from tests.db.factories import test_bsn
from tests.ui.conftest import TODAY, ZUTPHEN
from tests.ui.typing_helper import type_text
from ui.app import MainWindow
from ui.qt_logging import install_qt_message_handler
from ui.session import HouseholdSession
from ui.settings import WindowSettings
from ui.shell import root

ROOT = Path(__file__).resolve().parents[2]
BSN = test_bsn(7)
GIVEN = "Zoë Henriëtte"
SURNAME = "Ćosić-Bakker"
STREET = "Vlasakkerweg"
FREE = "schulden bij de woningcorporatie sinds het ontslag bij de vlasfabriek"
SECRETS = (BSN, "Zoë", "Henriëtte", "Ćosić", "Bakker", STREET, "woningcorporatie", "vlasfabriek")


def assert_no_client_text(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} leaked into:\n{text}"


@pytest.fixture
def private_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The composition root's logging on a file of this test; hooks and handler restored after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = root.start_process(tmp_path / "log" / "trajectplanner.log")
    yield path
    for handler in list(logging.getLogger().handlers):
        if handler.get_name() == "trajectplanner-file":
            logging.getLogger().removeHandler(handler)
            handler.close()


def _read(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _client_with_decided_plan(db: Database) -> Household:
    member = Member(
        given_names=GIVEN,
        surname=SURNAME,
        birth_date=date(1981, 4, 2),
        role=Role.PARENT,
        bsn=BSN,
        salutation=f"Geachte mevrouw {SURNAME}",
        receives_letters=True,
    )
    household = Household(
        case_number="2027-00991",
        municipality_code=ZUTPHEN,
        street=STREET,
        house_number="3",
        postcode="7201 AB",
        city="Zutphen",
        members=[member],
    )
    plan = Plan(
        household_id=household.id,
        status=PlanStatus.DECIDED,
        start=date(2026, 1, 1),
        decided_on=date(2025, 12, 20),
        participants=f"{GIVEN} {SURNAME} en haar buurvrouw",
        safety_assessment=FREE,
        life_areas=[
            LifeAreaResult(
                life_area="financien",
                current_situation=FREE,
                desired_result=FREE,
                distance=Distance.MEDIUM,
                member_ids=[member.id],
            )
        ],
    )
    with db.unit_of_work() as uow:
        uow.households.save(household)
        uow.plans.save(plan)
    return household


def _open(db: Database, reference, household_id: str) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    return HouseholdSession.open(db, reference, catalogue, TODAY, household_id)


def _conflicting_reassessments(db: Database, reference, household_id: str) -> HouseholdSession:
    """Two windows start a re-assessment of one household; the second save breaks the rule of
    one concept plan per household (a UNIQUE index) with the whole plan row as parameters."""
    first, second = _open(db, reference, household_id), _open(db, reference, household_id)
    for session in (first, second):
        assert session.plan is not None
        session.apply(add_plan(session.plans, reassessment_plan(session.plan, date(2027, 2, 1))))
    assert first.save_now()
    assert second.plan is not None and second.plan.participants.startswith(GIVEN)  # client text in the row
    return second


def test_a_constraint_failure_during_autosave_logs_no_client_text(qtbot, db, reference, private_log, capfd):
    household = _client_with_decided_plan(db)
    session = _conflicting_reassessments(db, reference, household.id)
    failures: list[str] = []
    session.save_failed.connect(failures.append)

    assert not session.save_now()

    assert failures and "niet gelukt" in failures[0]
    text = _read(private_log)
    assert "autosave failed" in text
    assert "IntegrityError: UNIQUE constraint failed: plans.household_id" in text  # sqlite3 or sqlcipher3
    assert "SQL-opdracht en parameters niet gelogd" in text
    assert "INSERT INTO" not in text  # not even the statement
    assert_no_client_text(text, capfd.readouterr().err)


CHILD = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path

    from PySide6.QtCore import QTimer, qWarning
    from PySide6.QtWidgets import QApplication

    from ui.shell import root

    log_file, ini, typed = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    root.start_process(log_file)
    app = QApplication([])
    from ui.app import MainWindow
    from ui.qt_logging import install_qt_message_handler
    from ui.settings import WindowSettings

    install_qt_message_handler()
    window = MainWindow(None, None, date(2027, 1, 18), WindowSettings(ini))
    window.show()

    def parse_number(text):  # a slot with a bug: Python quotes the value in its message
        int(text)

    window.start.search.textChanged.connect(parse_number)
    window.start.search.setText(typed)
    qWarning("widget text: " + typed)
    QTimer.singleShot(50, app.quit)
    app.exec()
    print("STILL RUNNING", flush=True)
    """
)


def test_a_crash_in_a_qt_slot_is_logged_redacted_and_not_printed_raw(tmp_path: Path) -> None:
    log_file = tmp_path / "log" / "trajectplanner.log"
    typed = f"{GIVEN} {SURNAME} {BSN} {FREE}"
    result = subprocess.run(
        [sys.executable, "-c", CHILD, str(log_file), str(tmp_path / "w.ini"), typed],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "STILL RUNNING" in result.stdout  # the window goes on after the slot failed
    assert "Fout: er ging iets onverwachts mis (ValueError)" in result.stderr
    assert "Traceback" not in result.stderr
    text = log_file.read_text(encoding="utf-8")
    assert "CRITICAL trajectplanner: uncaught exception" in text
    assert "in parse_number" in text and "ValueError: invalid literal for int() with base 10: '…'" in text
    assert "WARNING qt: default: (tekst weggelaten: kan over een cliënt gaan)" in text  # Qt's message
    assert_no_client_text(text, result.stderr, result.stdout)


@pytest.mark.qt_no_exception_capture  # our own excepthook must see the slot's exception
def test_a_walkthrough_with_client_text_leaves_none_in_log_or_stderr(
    qtbot, db, db_path, reference, private_log, capfd, tmp_path
):
    previous_handler = qInstallMessageHandler(None)
    install_qt_message_handler()
    try:
        window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
        qtbot.addWidget(window)
        window.show()
        window.new_action.trigger()
        session = window.session
        assert session is not None
        tab = window.view.household_tab
        type_text(tab.street, STREET)
        type_text(tab.city, "Zutphen")
        tab.add_member.click()
        type_text(tab.given_names, GIVEN)
        type_text(tab.surname, SURNAME)
        type_text(tab.bsn, BSN)
        assert tab.bsn_status.text() == "✓ BSN klopt"
        tab.given_names.setFocus()
        type_text(tab.street, " 3")
        qtbot.waitUntil(lambda: session.is_saved, timeout=3000)
        assert session.household.members[0].given_names == GIVEN

        window.show_search()
        type_text(window.start.search, SURNAME)
        qtbot.waitUntil(lambda: window.start.results.count() == 1, timeout=2000)

        # A slot that fails on what was typed, and a Qt warning quoting it.
        def broken_slot(text: str) -> None:
            raise KeyError(text)

        window.start.search.textChanged.connect(broken_slot)
        type_text(window.start.search, f" {BSN}")
        qWarning(f"search text {window.start.search.text()}")

        # And an autosave that hits the database's rule, in the window.
        household = _client_with_decided_plan(db)
        conflicted = _conflicting_reassessments(db, reference, household.id)
        assert not conflicted.save_now()
        window.close()
        QTimer.singleShot(0, lambda: None)
        qtbot.wait(10)
    finally:
        qInstallMessageHandler(previous_handler)

    stderr = capfd.readouterr().err
    text = _read(private_log)
    assert "uncaught exception" in text and "KeyError: '…'" in text
    assert "WARNING qt: default: search text" in text
    assert "autosave failed" in text and "IntegrityError" in text
    assert "Fout: er ging iets onverwachts mis (KeyError)" in stderr
    assert_no_client_text(text, stderr)
