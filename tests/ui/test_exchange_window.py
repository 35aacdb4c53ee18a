"""Exporteren voor het kantoor and Bestand inlezen in the real window: the file goes out signed and
encrypted for the office; read in on another laptop, a clash is shown side by side in the conflict
dialog (here / uit het bestand, per field) and the professional's choice per field is stored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from db.database import Database
from planner.services import exchange
from tests.ui.conftest import TODAY
from ui.app import MainWindow
from ui.conflict_dialog import ConflictDialog
from ui.settings import WindowSettings
from ui.shell.keys import KeyStore


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KeyStore:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    store = KeyStore()
    store.init()
    return store


def _household(db: Database, case: str, street: str) -> None:
    from tests.db import factories

    with db.unit_of_work() as uow:
        h = factories.household(case)
        h.street = street
        uow.households.save(h)


def _clash(
    qtbot, db: Database, reference, tmp_path: Path, keys: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, Path]:
    """This laptop exports, another laptop changes the street the other way, its file comes back."""
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: pytest.fail(str(a[2]))))
    _household(db, "2027-000555", "Hoofdstraat 1")
    with db.unit_of_work() as uow:  # the office is this user too: own key, trusted as "uzelf"
        uow.settings.set(exchange.KEY_OFFICE_RECIPIENT, keys.public().recipient)
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    from ui.exchange_window import export_file

    out = tmp_path / "uit.tpx"
    assert "1 huishoudens geëxporteerd" in export_file(window, out)
    assert out.read_bytes().startswith(b"age-encryption.org/v1")

    # Meanwhile this laptop edits the same field; the file still holds the old street... and the
    # other laptop's edit is simulated by importing a file built from a second database.
    other = Database.open(tmp_path / "ander.db")
    try:
        incoming = exchange.read_households(out.read_bytes(), keys.trusted(), [keys.identity()])
        exchange.import_households(other, incoming)
        with other.unit_of_work() as uow:
            h = uow.households.by_case_number("2027-000555")
            assert h is not None
            h.street = "Kerkstraat 9"
            uow.households.save(h)
        data, _made = exchange.sealed_export(other, keys.signing_key(), [keys.public().recipient])
    finally:
        other.close()
    with db.unit_of_work() as uow:
        h = uow.households.by_case_number("2027-000555")
        assert h is not None
        h.street = "Molenweg 3"
        uow.households.save(h)
    theirs = tmp_path / "ander.tpx"
    theirs.write_bytes(data)

    return window, theirs


def test_export_then_import_shows_the_clash_and_keeps_the_choice(
    qtbot, db: Database, reference, tmp_path: Path, keys: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, theirs = _clash(qtbot, db, reference, tmp_path, keys, monkeypatch)
    from ui.exchange_window import import_file

    asked: list[str] = []

    def confirm(*args, **_kw) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(confirm))
    shown: list[ConflictDialog] = []

    def choose(dialog: ConflictDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        texts = [w.text() for w in dialog.findChildren(type(dialog.mine[next(iter(dialog.mine))]))]
        assert any("uit het bestand" in t for t in texts)
        for button in dialog.theirs.values():  # take the file's street
            button.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", lambda self: choose(self))
    summary = import_file(window, theirs)
    assert "1 conflicten" in summary and shown
    assert exchange.open_conflicts(db) == []
    with db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number("2027-000555")
        assert h is not None and h.street == "Kerkstraat 9"
    (text,) = asked  # exactly what stays was shown and confirmed first
    assert "Kerkstraat 9 (uit het bestand)" in text and "Molenweg 3" not in text
    assert "--take here" in text and "conflict " in text


def test_the_resolution_is_asked_and_no_changes_nothing(
    qtbot, db: Database, reference, tmp_path: Path, keys: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, theirs = _clash(qtbot, db, reference, tmp_path, keys, monkeypatch)
    from ui.exchange_window import import_file

    def keep_mine(dialog: ConflictDialog) -> QDialog.DialogCode:
        for button in dialog.mine.values():
            button.setChecked(True)
        return QDialog.DialogCode.Accepted

    asked: list[str] = []

    def refuse(*args, **_kw) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(ConflictDialog, "exec", lambda self: keep_mine(self))
    monkeypatch.setattr(QMessageBox, "question", staticmethod(refuse))
    assert "1 conflicten" in import_file(window, theirs)
    (text,) = asked
    assert "Molenweg 3 (van hier)" in text
    (still,) = exchange.open_conflicts(db)  # not confirmed: still open, to be chosen again
    assert [(name, here, file) for name, here, file in still.fields()] == [
        ("street", "Molenweg 3", "Kerkstraat 9")
    ]
    assert "niets opgelost" in window.statusBar().currentMessage()


def test_a_file_that_clashes_with_this_database_is_a_warning_not_a_traceback(
    qtbot, db: Database, reference, tmp_path: Path, keys: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the importer's fuzz run (tests/exchange/test_fuzz_import.py): the import's
    ConstraintError reached the window unhandled."""
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **k: warnings.append(str(a[2]))))
    _household(db, "2027-000777", "Hoofdstraat 1")
    other = Database.open(tmp_path / "ander.db")
    try:  # the same case number for another household: it cannot go in here
        _household(other, "2027-000777", "Kerkstraat 9")
        data, _made = exchange.sealed_export(other, keys.signing_key(), [keys.public().recipient])
    finally:
        other.close()
    theirs = tmp_path / "botsend.tpx"
    theirs.write_bytes(data)
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    from ui.exchange_window import import_file

    assert import_file(window, theirs) == ""
    assert len(warnings) == 1 and "dossiernummer" in warnings[0] and "niets ingelezen" in warnings[0]
    with db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number("2027-000777")
        assert h is not None and h.street == "Hoofdstraat 1"
