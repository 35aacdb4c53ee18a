"""Instellingen, Uitwisseling: the user's own public keys as `keys show` prints them (or "Sleutels
maken", the same code as `keys init`), the office's key (as `keys office`, checked), the trusted
senders (as `keys trust`: add with a name, remove), and the catalogue's version and date after a
real catalogue import."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from db.database import Database
from planner.exchange.envelope import signing_public_text
from planner.services import exchange
from tests.cli.test_cli import ROOT
from tests.ui.conftest import TODAY
from tests.ui.test_keyboard_and_help import mnemonics
from tests.ui.typing_helper import type_text
from ui.app import MainWindow
from ui.exchange_settings import BAD_OFFICE_KEY, BAD_SENDER_KEY, NO_SENDER_NAME
from ui.settings import WindowSettings
from ui.settings_dialog import SettingsDialog
from ui.shell.keys import KeyStore


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> KeyStore:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return KeyStore()


def _dialog(qtbot, reference, store: KeyStore, office: str = "", catalogue=(None, None)) -> SettingsDialog:
    from ui.settings import Professional

    dialog = SettingsDialog(
        Professional("A. de Vries", "consulent", "Team Noord", "GM0301"),
        reference,
        keys=store,
        office_key=office,
        catalogue=catalogue,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)  # Alt letters reach the active window only
    return dialog


def _other_signing_key() -> str:
    return signing_public_text(Ed25519PrivateKey.generate().public_key())


def test_without_keys_the_button_makes_them_as_keys_init(qtbot, reference, config: KeyStore) -> None:
    dialog = _dialog(qtbot, reference, config)
    box = dialog.exchange
    assert box is not None and box.make_keys.isVisible() and box.recipient.text() == ""
    assert {k: v for k, v in mnemonics(dialog).items() if len(v) > 1} == {}
    focus = QApplication.focusWidget() or dialog
    QTest.keyClick(focus, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # Sleutels &maken
    qtbot.waitUntil(config.exists, timeout=2000)  # a mnemonic "animates" the click first
    public = KeyStore().public()  # what `keys show` prints
    assert box.recipient.text() == public.recipient and box.signing.text() == public.signing
    assert public.recipient.startswith("age1") and public.signing.startswith("ed25519:")
    assert not box.make_keys.isVisible()


def test_existing_keys_are_shown_and_alt_letters_reach_the_fields(qtbot, reference, config: KeyStore) -> None:
    public = config.init()
    dialog = _dialog(qtbot, reference, config)
    box = dialog.exchange
    assert box is not None and not box.make_keys.isVisible()
    assert (box.recipient.text(), box.signing.text()) == (public.recipient, public.signing)
    assert {k: v for k, v in mnemonics(dialog).items() if len(v) > 1} == {}
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is box.office  # Openbare sleutel van het k&antoor
    QTest.keyClick(box.office, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Naam &collega
    assert QApplication.focusWidget() is box.sender_name


def test_a_pasted_office_key_is_checked_then_stored(
    qtbot, db: Database, reference, tmp_path: Path, config: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    office = str(__import__("pyrage").x25519.Identity.generate().to_public())
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    seen: list[str] = []

    def fill(self: SettingsDialog) -> int:
        box = self.exchange
        assert box is not None
        type_text(box.office, "age1 niet goed")
        self.accept()  # refused: the dialog stays open with the Dutch message
        seen.append(box.error.text())
        assert self.result() == 0  # not accepted
        box.office.clear()
        type_text(box.office, office)
        self.accept()
        return self.result()

    monkeypatch.setattr(SettingsDialog, "exec", fill)
    window.edit_settings()
    assert seen == [BAD_OFFICE_KEY] and "age1" in seen[0]
    assert exchange.office_recipient(db) == office  # as `keys office` stores it


def test_trusted_colleagues_are_added_and_removed(qtbot, reference, config: KeyStore) -> None:
    config.init()
    kept, gone = _other_signing_key(), _other_signing_key()
    config.trust(gone, "Oude collega")
    dialog = _dialog(qtbot, reference, config)
    box = dialog.exchange
    assert box is not None and [e[0] for e in box.entries()] == ["Oude collega"]

    type_text(box.sender_name, "Jeroen Ünal")
    type_text(box.sender_key, "ed25519:niet-goed")
    box.add.click()
    assert box.error.text() == BAD_SENDER_KEY and box.entries()[-1][0] == "Oude collega"
    box.sender_key.clear()
    box.sender_name.clear()
    type_text(box.sender_key, kept)
    box.add.click()
    assert box.error.text() == NO_SENDER_NAME
    type_text(box.sender_name, "Jeroen Ünal")
    box.add.click()
    assert box.error.isHidden()
    box.senders.setCurrentRow(0)
    box.remove.click()
    assert config.trusted().get(gone) == "Oude collega"  # nothing written before Opslaan
    dialog.accept()
    assert config.senders() == [("Jeroen Ünal", kept, False)]
    assert config.trusted()[kept] == "Jeroen Ünal" and gone not in config.trusted()


def test_cancel_writes_no_sender(qtbot, reference, config: KeyStore) -> None:
    config.init()
    dialog = _dialog(qtbot, reference, config)
    box = dialog.exchange
    assert box is not None
    type_text(box.sender_name, "Kantoor")
    type_text(box.sender_key, _other_signing_key())
    box.sender_office.setChecked(True)
    box.add.click()
    dialog.reject()
    assert config.senders() == []


def test_the_catalogue_version_and_date_after_a_real_import(
    qtbot, db: Database, reference, tmp_path: Path, config: KeyStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    office_key = Ed25519PrivateKey.generate()
    data, _v = exchange.export_catalogue(db, office_key, "2027-02", date(2027, 2, 1))
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "w.ini"))
    qtbot.addWidget(window)
    shown: list[str] = []

    def look(self: SettingsDialog) -> int:
        shown.append(self.catalogue.text())
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", look)
    window.edit_settings()
    assert shown == ["Catalogus: nog geen catalogusbestand van het kantoor ingelezen."]
    config.init()
    config.trust(signing_public_text(office_key.public_key()), "Kantoor", office=True)
    signed = tmp_path / "catalogus.tpc"
    signed.write_bytes(data)
    done = subprocess.run(  # the real `catalogue import`, in its own process, on this database
        [sys.executable, str(ROOT / "main.py"), "catalogue", "import", str(signed), "--db", str(db.path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "versie 2027-02" in done.stdout
    window.edit_settings()
    assert shown[-1] == "Catalogus: versie 2027-02 van 1 februari 2027"
