"""User folders are private; the log file never shows a BSN."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from tests.db.factories import test_bsn
from ui.shell import paths
from ui.shell.logging_setup import redact, setup_logging


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_paths_are_in_private_user_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    db_file, demo, log = paths.default_database_path(), paths.demo_database_path(), paths.log_path()
    assert db_file.name == "trajectplanner.db"
    assert demo.name == "demo.db"
    assert db_file.parent == demo.parent
    assert db_file.is_relative_to(tmp_path / "data")
    assert log.is_relative_to(tmp_path / "state")
    assert _mode(db_file.parent) == 0o700
    assert _mode(log.parent) == 0o700


def test_log_file_is_private_and_masks_nine_digit_numbers(tmp_path: Path) -> None:
    bsn = test_bsn(3)
    log_file = setup_logging(tmp_path / "logs" / "trajectplanner.log")
    logger = logging.getLogger("tests.db.privacy")
    try:
        logger.warning("opslaan mislukt voor %s", bsn)
        try:
            raise ValueError(f"ongeldig BSN {bsn}")
        except ValueError:
            logger.exception("fout bij import")
        logger.info("dossier 2027-000123 heeft 12 regels; telefoon 0612345678")
    finally:
        for handler in list(logging.getLogger().handlers):
            if handler.get_name() == "trajectplanner-file":
                handler.flush()
                logging.getLogger().removeHandler(handler)
                handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert bsn not in text
    assert "opslaan mislukt voor *********" in text
    assert "ValueError: ongeldig BSN *********" in text  # the traceback is kept, masked
    assert "2027-000123" in text  # case numbers and other numbers stay readable
    assert "0612345678" in text  # ten digits: not a BSN
    assert _mode(log_file) == 0o600


def test_redact_only_touches_exactly_nine_digits() -> None:
    assert redact("a 999900006 b") == "a ********* b"
    assert redact("1234567890") == "1234567890"
    assert redact("12345678") == "12345678"
