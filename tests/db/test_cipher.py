"""Encryption at rest on real files: unreadable without the key, the key's home, conversion."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from db import cipher
from db.database import Database, DatabaseError
from db.demo_loader import load_demo
from tests.db import factories
from tests.db.test_backup import TODAY, dump
from tests.lock_holder import open_in_another_program

pytestmark = pytest.mark.sqlite_only(
    "SQLCipher versleutelt een bestand; een server heeft eigen toegangsbeheer"
)


ROOT = Path(__file__).resolve().parents[2]


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own key file (the module's key is replaced for the duration of the test)."""
    path = tmp_path / "sleutel" / "database.key"
    monkeypatch.setenv(cipher.ENV_KEY_FILE, str(path))
    return path


def _files_hold(folder: Path, needle: bytes) -> list[str]:
    return [p.name for p in folder.iterdir() if p.is_file() and needle in p.read_bytes()]


def test_the_file_cannot_be_read_without_the_key(tmp_path: Path, key_file: Path) -> None:
    h = factories.household()
    bsn = h.members[0].bsn
    assert bsn
    folder = tmp_path / "data"
    path = folder / "trajectplanner.db"
    db = Database.open(path)
    with db.unit_of_work() as uow:
        uow.households.save(h)
    assert db.encrypted
    # While open the rows are in the -wal: that is encrypted too, as is the main file.
    assert path.with_name(path.name + "-wal").exists()
    for needle in (bsn.encode(), b"Dorpsstraat", b"Veilig Thuis", b"SQLite format 3"):
        assert _files_hold(folder, needle) == [], needle
    db.close()
    for needle in (bsn.encode(), b"Dorpsstraat", b"SQLite format 3"):
        assert _files_hold(folder, needle) == [], needle
    con = sqlite3.connect(path)
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        con.execute("SELECT * FROM households")
    con.close()
    # With the key it is all there, in WAL mode.
    with Database.open(path) as db, db.unit_of_work(write=False) as uow:
        assert uow.connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert [s.case_number for s in uow.households.summaries()] == [h.case_number]


def test_the_key_file_is_private_and_made_once(tmp_path: Path, key_file: Path) -> None:
    Database.open(tmp_path / "a.db").close()
    first = key_file.read_text()
    Database.open(tmp_path / "b.db").close()
    assert key_file.read_text() == first and len(first.strip()) == 64
    assert (_mode(key_file), _mode(key_file.parent)) == (0o600, 0o700)
    assert "hex" not in repr(cipher.stored_key())  # the key never reaches a log line by repr


def test_two_processes_making_the_first_key_agree(tmp_path: Path, key_file: Path) -> None:
    code = "from db.cipher import database_key; print(database_key().hex)"
    procs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert keys == {key_file.read_text().strip()}


@pytest.mark.parametrize("how", ["wrong key", "missing key"])
def test_wrong_or_missing_key_is_refused_in_dutch_and_changes_nothing(
    tmp_path: Path, key_file: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    folder = tmp_path / "data"
    path = folder / "trajectplanner.db"
    with Database.open(path) as db, db.unit_of_work() as uow:
        uow.households.save(factories.household())
    if how == "wrong key":
        other = tmp_path / "ander" / "database.key"
        monkeypatch.setenv(cipher.ENV_KEY_FILE, str(other))
        cipher.database_key()  # this computer has a key, just not the file's
    else:
        key_file.unlink()
    keys_before = _snapshot(key_file.parent)
    before = _snapshot(folder)
    with pytest.raises(DatabaseError) as info:
        Database.open(path)
    message = str(info.value)
    assert "Het bestand is niet gewijzigd" in message
    assert ("andere sleutel" if how == "wrong key" else "geen databasesleutel") in message
    assert _snapshot(folder) == before  # byte-identical, and no -wal/-shm left behind
    assert _snapshot(key_file.parent) == keys_before  # a missing key is not made up on the spot


def test_a_damaged_key_file_gets_its_own_message(tmp_path: Path, key_file: Path) -> None:
    Database.open(tmp_path / "a.db").close()
    key_file.write_text("niet een sleutel\n")
    with pytest.raises(DatabaseError, match=r"sleutelbestand .* is beschadigd"):
        Database.open(tmp_path / "a.db")


def test_conversion_keeps_every_record(tmp_path: Path, key_file: Path) -> None:
    path = tmp_path / "oud.db"
    with Database.open(path, encrypt=False) as db:
        load_demo(db, today=TODAY, households=3)
        with db.unit_of_work() as uow:
            uow.households.save(factories.household())
        with db.engine.connect() as conn:
            app_id = conn.exec_driver_sql("PRAGMA application_id").scalar()
        assert not db.encrypted
    before = dump(path)
    assert _files_hold(tmp_path, factories.test_bsn(0).encode()) == ["oud.db"]  # plain: readable

    cipher.encrypt_file(path, cipher.database_key())

    assert cipher.is_encrypted(path) and _files_hold(tmp_path, factories.test_bsn(0).encode()) == []
    assert not path.with_name(path.name + "-wal").exists()
    # The same schema and rows; sqlcipher_export creates the indexes in another order.
    assert sorted(dump(path)) == sorted(before)
    assert [p.name for p in tmp_path.iterdir() if p.is_file()] == ["oud.db"]  # no plain copy left
    with Database.open(path) as db, db.engine.connect() as conn:
        assert db.encrypted and db.integrity_check() == "ok"
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == app_id
    assert _mode(path) == 0o600


def test_conversion_refuses_a_database_that_is_open(tmp_path: Path, key_file: Path) -> None:
    path = tmp_path / "oud.db"
    with open_in_another_program(path, encrypt=False):
        before = path.read_bytes()
        with pytest.raises(DatabaseError, match="nog geopend"):
            cipher.encrypt_file(path, cipher.database_key())
        assert path.read_bytes() == before


class _MemoryKeyring(KeyringBackend):
    """A key store with a real keyring backend's interface, held in memory (the machines here
    have none: `keyring` finds no backend without a desktop session)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, items: dict[tuple[str, str], str]) -> None:
        # A required argument: keyring constructs every backend class it knows without one to
        # choose its default, and must never choose this one by itself.
        super().__init__()
        self.items = items

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)


@pytest.fixture
def no_key_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The program's own lookup: no key-file variable, config folder in tmp_path."""
    monkeypatch.delenv(cipher.ENV_KEY_FILE)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config" / "Trajectplanner" / "database.key"


def test_without_a_key_store_the_key_goes_to_the_private_config_file(
    tmp_path: Path, no_key_override: Path
) -> None:
    assert keyring.get_keyring().priority <= 0  # these machines: no backend
    with Database.open(tmp_path / "a.db") as db:
        assert db.encrypted
    assert no_key_override.is_file() and _mode(no_key_override) == 0o600
    assert "sleutelbestand" in cipher.describe_key_location()


def test_with_a_key_store_the_key_lives_there_and_no_file_is_written(
    tmp_path: Path, no_key_override: Path
) -> None:
    store = _MemoryKeyring({})
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        with Database.open(tmp_path / "a.db") as db:
            assert db.encrypted
        assert list(store.items) == [(cipher.KEYRING_SERVICE, cipher.KEYRING_ACCOUNT)]
        assert not no_key_override.exists()
        assert "sleutelkluis" in cipher.describe_key_location()
        Database.open(tmp_path / "a.db").close()  # opens again with the stored key
        store.items.clear()
        with pytest.raises(DatabaseError, match="geen databasesleutel"):
            Database.open(tmp_path / "a.db")
    finally:
        keyring.set_keyring(previous)


def test_a_plain_database_can_still_be_made_and_opened(tmp_path: Path, key_file: Path) -> None:
    path = tmp_path / "plain.db"
    with Database.open(path, encrypt=False) as db, db.unit_of_work() as uow:
        uow.settings.set("k", "v")
    assert not cipher.is_encrypted(path)
    with Database.open(path) as db:  # an existing plain file opens as it is, unasked
        assert not db.encrypted


def test_a_key_in_the_fallback_file_stays_in_use_when_a_key_store_appears(
    tmp_path: Path, no_key_override: Path
) -> None:
    with Database.open(tmp_path / "a.db"):  # no key store yet: the key goes to the file
        pass
    store = _MemoryKeyring({})
    previous = keyring.get_keyring()
    keyring.set_keyring(store)
    try:
        with Database.open(tmp_path / "a.db") as db:
            assert db.encrypted
        with Database.open(tmp_path / "b.db"):
            pass
        assert store.items == {}  # the file's key is used for both, nothing new is made
    finally:
        keyring.set_keyring(previous)


def test_conversion_removes_what_a_killed_conversion_left(tmp_path: Path, key_file: Path) -> None:
    path = tmp_path / "oud.db"
    Database.open(path, encrypt=False).close()
    stale = tmp_path / ".oud.db.versleutelen-99999.tmp"  # a killed run's half copy
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    running = tmp_path / ".oud.db.versleutelen-99998.tmp"  # another run, just now: left alone
    running.write_bytes(b"bezig")
    cipher.encrypt_file(path, cipher.database_key())
    assert not stale.exists() and running.exists()


def test_a_key_file_in_a_shared_folder_leaves_that_folder_as_it_was(tmp_path, monkeypatch) -> None:
    """A key file given in /tmp or another shared folder: the file is 0600, the folder untouched."""
    import stat as _stat

    from db import cipher as _cipher

    shared = tmp_path / "gedeeld"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv(_cipher.ENV_KEY_FILE, str(shared / "sleutel"))
    _cipher.database_key()
    assert _stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert _stat.S_IMODE((shared / "sleutel").stat().st_mode) == 0o600
