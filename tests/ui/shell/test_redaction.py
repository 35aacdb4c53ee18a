"""The log's redactor: what can be client text is masked, what says where and why it failed stays."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.db.factories import test_bsn
from ui.shell import root
from ui.shell.logging_setup import format_exception, redact_value, setup_logging

BSN = test_bsn(5)
NAME = "Zoë Ćosić-Bakker"
FREE = "zij heeft schulden bij de woningcorporatie"


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    path = setup_logging(tmp_path / "log" / "trajectplanner.log")
    yield path
    for handler in list(logging.getLogger().handlers):
        if handler.get_name() == "trajectplanner-file":
            logging.getLogger().removeHandler(handler)
            handler.close()


def _text(path: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def _integrity_error() -> Exception:
    # An engine WITHOUT hide_parameters: the formatter alone must keep the values out.
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (body TEXT UNIQUE)"))
        conn.execute(text("INSERT INTO notes VALUES (:body)"), {"body": f"{NAME} {BSN} {FREE}"})
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO notes VALUES (:body)"), {"body": f"{NAME} {BSN} {FREE}"})
    except Exception as exc:
        return exc
    raise AssertionError("no constraint failure")


def test_a_database_error_is_logged_without_statement_or_values(log_file: Path) -> None:
    error = _integrity_error()
    assert FREE in str(error)  # what SQLAlchemy itself would have printed
    try:
        raise RuntimeError("opslaan mislukt") from error
    except RuntimeError:
        logging.getLogger("tests.redaction").exception("save failed")
    logged = _text(log_file)
    assert "sqlite3.IntegrityError: UNIQUE constraint failed: notes.body" in logged
    assert "sqlalchemy.exc.IntegrityError: " in logged and "niet gelogd" in logged
    assert "De uitzondering hierboven is de directe oorzaak van:" in logged
    assert "RuntimeError: opslaan mislukt" in logged
    assert "INSERT INTO" not in logged
    for secret in (NAME, "Zoë", "Ćosić", BSN, "woningcorporatie"):
        assert secret not in logged


def test_logged_values_are_redacted_but_numbers_and_ids_stay(log_file: Path) -> None:
    log = logging.getLogger("tests.redaction")
    log.warning("household %s of %s has %d plans", "3f2c9a1e-77aa-4e0b-9c1d-0a1b2c3d4e5f", NAME, 3)
    log.warning("mapping %(who)s %(n)d", {"who": "Jansen at 7201 AB, NL91ABNA0417164300", "n": 7})
    log.warning("free text: %s", FREE)
    logged = _text(log_file)
    assert "household 3f2c9a1e-77aa-4e0b-9c1d-0a1b2c3d4e5f of … …-… has 3 plans" in logged
    assert "mapping … at …, … 7" in logged
    assert "free text: (tekst weggelaten: kan over een cliënt gaan)" in logged
    for secret in ("Zoë", "Jansen", "7201 AB", "NL91", "woningcorporatie"):
        assert secret not in logged


def test_a_traceback_keeps_frames_and_types_but_no_values() -> None:
    def open_household(name: str, bsn: str) -> None:
        {"known": 1}[name + bsn]

    try:
        open_household(NAME, BSN)
    except KeyError as exc:
        formatted = format_exception(exc)
    assert "in open_household" in formatted and "in test_a_traceback_keeps" in formatted
    assert formatted.endswith("KeyError: '…'")
    assert BSN not in formatted and "Zoë" not in formatted


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("UNIQUE constraint failed: plans.household_id", "UNIQUE constraint failed: plans.household_id"),
        ("NOT NULL constraint failed: members.surname", "NOT NULL constraint failed: members.surname"),
        ("ongeldig BSN 999900006", "ongeldig BSN *********"),
        ("'NoneType' object has no attribute 'plan'", "'…' object has no attribute '…'"),
        ("mail r.jansen@example.nl", "mail …@…"),
        ("got OperationalError in QWidget", "got OperationalError in QWidget"),
        ("Renée woont in Zutphen", "… woont in …"),
    ],
)
def test_redact_value(message: str, expected: str) -> None:
    assert redact_value(message) == expected


def test_a_long_value_is_cut_short() -> None:
    assert redact_value("x" * 1000).endswith("… (ingekort)")
    assert len(redact_value("x" * 1000)) < 220


def test_an_exception_in_a_thread_goes_to_the_log_not_the_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    path = root.start_process(tmp_path / "log" / "trajectplanner.log")
    try:
        worker = threading.Thread(target=lambda: int(f"{NAME} {BSN}"))
        worker.start()
        worker.join()
        logged = _text(path)
    finally:
        for handler in list(logging.getLogger().handlers):
            if handler.get_name() == "trajectplanner-file":
                logging.getLogger().removeHandler(handler)
                handler.close()
    stderr = capfd.readouterr().err
    assert (
        "uncaught exception" in logged and "ValueError: invalid literal for int() with base 10: '…'" in logged
    )
    assert "Fout: er ging iets onverwachts mis (ValueError)" in stderr and "Traceback" not in stderr
    for secret in ("Zoë", "Ćosić", BSN):
        assert secret not in logged and secret not in stderr
