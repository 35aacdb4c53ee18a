"""Each damaged or unusual file gets its own Dutch message, and is byte-identical afterwards.

Fixtures (issue 9): truncated, a random page overwritten, the header overwritten, a foreign
program's file, a foreign program's file with an `alembic_version` table, a stale -wal next to a
restored backup, a read-only (0400) file, a full disk (a 1 MB tmpfs, root only). The folder is
compared as a whole, so a -wal or -shm made (or removed) by opening counts as a change. Each runs
on a plain and on an encrypted (SQLCipher, the default) file where the damage exists for both.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from db import cipher
from db.connection import connect
from db.database import Database, head_revision
from db.demo_loader import load_demo
from db.errors import (
    DamagedError,
    DatabaseError,
    DiskFullError,
    NotOursError,
    ReadOnlyError,
    StaleWalError,
    UnreadableError,
)
from db.inspection import APPLICATION_ID

pytestmark = pytest.mark.sqlite_only(
    "beschadigde bestanden, application_id en -wal bestaan alleen bij een bestand"
)


TODAY = date(2026, 11, 23)


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module", params=["plain", "encrypted"])
def sound_file(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed database with the demo region and 300 generated households (about 2 MB)."""
    path = tmp_path_factory.mktemp("sound") / "bron.db"
    with Database.open(path, encrypt=request.param == "encrypted") as db:
        load_demo(db, today=TODAY, households=300)
    return path


def _key(path: Path) -> cipher.Key | None:
    return cipher.stored_key() if cipher.is_encrypted(path) else None


def _raw(path: Path, mode: str = "write") -> Any:
    """A connection outside the program (keyed when the file is encrypted)."""
    con = connect(path, mode, key=_key(path))  # type: ignore[arg-type]
    return con


@pytest.fixture
def copy(sound_file: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "map"
    folder.mkdir()
    target = folder / "trajectplanner.db"
    shutil.copyfile(sound_file, target)
    os.chmod(target, 0o600)
    return target


def _page(path: Path, table: str) -> tuple[int, int]:
    """(page number, page size) of a leaf page in the middle of `table`; plain files only (dbstat)."""
    con = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
    try:
        query = "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'"
        pages = [r[0] for r in con.execute(query, (table,))]
        size = con.execute("PRAGMA page_size").fetchone()[0]
    finally:
        con.close()
    return pages[len(pages) // 2], size


def _overwrite(path: Path, offset: int, data: bytes) -> None:
    with path.open("r+b") as f:
        f.seek(offset)
        f.write(data)


@pytest.mark.parametrize("encrypt", [False, True], ids=["plain", "encrypted"])
def test_a_new_file_carries_our_application_id(db_path: Path, encrypt: bool) -> None:
    Database.open(db_path, encrypt=encrypt).close()
    assert cipher.is_encrypted(db_path) == encrypt
    con = _raw(db_path, "immutable")
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


@pytest.mark.parametrize("inside", [True, False], ids=["inside-a-page", "at-a-page-boundary"])
def test_truncated_file_is_refused_and_unchanged(copy: Path, inside: bool) -> None:
    data = copy.read_bytes()
    boundary = len(data) // 3 // 4096 * 4096  # both kinds of file have 4096-byte pages
    copy.write_bytes(data[: boundary + (1000 if inside else 0)])
    before = _snapshot(copy.parent)
    with pytest.raises(UnreadableError) as info:
        Database.open(copy)
    assert "niet gewijzigd" in str(info.value)
    if inside or not cipher.is_encrypted(copy):  # SQLCipher's page 1 tells no size we can read
        assert "afgekapt" in str(info.value)
    assert _snapshot(copy.parent) == before


def test_overwritten_header_is_refused_and_unchanged(copy: Path) -> None:
    _overwrite(copy, 16, bytes(random.Random(1).randrange(256) for _ in range(84)))
    before = _snapshot(copy.parent)
    with pytest.raises(DatabaseError) as info:
        Database.open(copy)
    assert "niet gewijzigd" in str(info.value)
    assert "vol" not in str(info.value)
    assert _snapshot(copy.parent) == before


def test_a_random_page_overwritten_opens_read_only_and_says_so(copy: Path) -> None:
    if cipher.is_encrypted(copy):
        pytest.skip("plain files: encrypted ones have the next test")
    page, size = _page(copy, "plans")
    _overwrite(copy, (page - 1) * size, random.Random(7).randbytes(size))
    before = _snapshot(copy.parent)
    db = Database.open(copy)
    try:
        assert db.read_only
        assert isinstance(db.notice, DamagedError)
        message = str(db.notice)
        assert f"pagina {page}" in message and "alleen lezen" in message and "trajectplanner check" in message
        with db.unit_of_work(write=False) as uow:  # what can be read, can be read
            assert uow.counts()["households"] > 300
        with pytest.raises(DamagedError), db.unit_of_work() as uow:
            uow.settings.set("k", "v")
        assert db.integrity_check() != "ok"
    finally:
        db.close()
    assert _snapshot(copy.parent) == before


def test_an_encrypted_file_with_a_damaged_page_turns_read_only_on_the_first_read_of_it(
    copy: Path,
) -> None:
    """No page scan for an encrypted file (its pages are ciphertext); each page's HMAC fails the
    first read that meets the damage, and from then on nothing is saved into the file."""
    if not cipher.is_encrypted(copy):
        pytest.skip("encrypted files")
    # The households table's root page: every read below meets it (a page in the middle of the
    # file may hold a stored PDF that none of them reads).
    con = _raw(copy, "immutable")
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'households'").fetchone()[0]
    con.close()
    _overwrite(copy, (root - 1) * 4096 + 100, random.Random(7).randbytes(64))
    before = copy.read_bytes()
    db = Database.open(copy)
    try:
        assert db.encrypted and not db.read_only
        assert db.integrity_check() != "ok"
        from db.health import households_for_checking

        with pytest.raises(DamagedError), db.unit_of_work(write=False) as uow:
            uow.counts()
            households_for_checking(uow)
            uow.households.summaries()
            uow.exchange.household_ids()  # walks the case numbers' index (where the page is since 0010)
        assert db.read_only and isinstance(db.notice, DamagedError)
        with pytest.raises(DamagedError), db.unit_of_work() as uow:
            uow.settings.set("k", "v")
    finally:
        db.close()
    assert copy.read_bytes() == before


def test_a_household_on_a_damaged_page_is_named(copy: Path) -> None:
    con = _raw(copy, "immutable")
    ids = [r[0] for r in con.execute("SELECT id FROM households ORDER BY case_number")]
    con.close()
    if cipher.is_encrypted(copy):  # no dbstat in SQLCipher: a page of the members table's b-tree
        con = _raw(copy, "immutable")
        root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]
        con.close()
        page, size = root, 4096
    else:
        page, size = _page(copy, "members")
    # Keep the page header, garble its cells: damage the quick check at open cannot see.
    _overwrite(copy, (page - 1) * size + 8, b"\xff" * (size - 8))
    db = Database.open(copy)
    try:
        failed = None
        for household_id in ids:
            try:
                with db.unit_of_work(write=False) as uow:
                    uow.households.get(household_id)
            except DamagedError:
                failed = household_id
                break
        assert failed is not None, "no household touched the damaged page"
        assert db.case_number_of(failed)  # the case number is still readable, to name it
        assert db.read_only  # no more saving into a file known to be damaged
    finally:
        db.close()


def test_a_foreign_program_file_is_refused_unchanged(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(NotOursError) as info:
        Database.open(db_path)
    assert "ander programma" in str(info.value) and "niet gewijzigd" in str(info.value)
    assert _snapshot(db_path.parent) == before


@pytest.mark.parametrize("revision", ["0001", "ae1027a6acf"], ids=["our-revision-name", "other-revision"])
def test_a_foreign_alembic_program_is_refused_unchanged(db_path: Path, revision: str) -> None:
    """Another program that also uses Alembic — even with a revision named like one of ours."""
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    con.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    con.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total NUMERIC)")
    con.commit()
    con.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(NotOursError):
        Database.open(db_path)
    assert _snapshot(db_path.parent) == before


def test_an_older_trajectplanner_file_without_the_id_is_adopted(copy: Path) -> None:
    con = _raw(copy)
    con.execute("PRAGMA application_id = 0")
    con.close()
    with Database.open(copy) as db:
        assert not db.read_only and db.schema_version == head_revision()
    con = _raw(copy)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    con.close()


def _killed_session(path: Path) -> subprocess.Popen[bytes]:
    key = _key(path)
    pragma = f"PRAGMA key = \"x'{key.hex}'\"" if key else ""
    env = dict(os.environ, TP_TEST_KEY=key.hex if key else "", TP_TEST_KEY_PRAGMA=pragma)
    argv = [sys.executable, "-c", KILLED_SESSION, str(path)]
    return subprocess.Popen(argv, stdout=subprocess.PIPE, env=env)


KILLED_SESSION = textwrap.dedent(
    """
    import os, sys, time
    key = os.environ.get("TP_TEST_KEY")
    if key:
        import sqlcipher3 as driver
    else:
        import sqlite3 as driver
    con = driver.connect(sys.argv[1], isolation_level=None)
    if key:
        con.execute(os.environ["TP_TEST_KEY_PRAGMA"])
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA wal_autocheckpoint = 0")
    con.execute("BEGIN IMMEDIATE")
    con.execute("UPDATE settings SET value = 'sessie' || value WHERE key LIKE 'later-%'")
    con.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('laatste', 'sessie')")
    con.execute("COMMIT")
    print("ready", flush=True)
    time.sleep(60)
    """
)


def test_a_stale_wal_next_to_a_restored_backup_is_not_replayed(copy: Path, tmp_path: Path) -> None:
    backup = tmp_path / "reservekopie.db"
    shutil.copyfile(copy, backup)  # the backup: taken while all was closed
    with Database.open(copy) as db, db.unit_of_work() as uow:  # later work, checkpointed at close
        for i in range(3000):  # grows the settings tree into pages the backup uses otherwise
            uow.settings.set(f"later-{i:04}", "waarde" * 5)
    session = _killed_session(copy)
    assert session.stdout is not None and session.stdout.readline() == b"ready\n"
    session.send_signal(signal.SIGKILL)
    session.wait()
    shutil.copyfile(backup, copy)  # the user restores the backup; the -wal of the killed run stays
    before = _snapshot(copy.parent)
    assert {"trajectplanner.db-wal", "trajectplanner.db-shm"} <= set(before)
    with pytest.raises(StaleWalError) as info:
        Database.open(copy)
    message = str(info.value)
    assert "trajectplanner.db-wal" in message and "verplaats" in message and "niets gewijzigd" in message
    assert _snapshot(copy.parent) == before


def test_a_read_only_file_opens_read_only_and_is_never_chmodded(copy: Path) -> None:
    os.chmod(copy, 0o400)
    before = _snapshot(copy.parent)
    db = Database.open(copy)
    try:
        assert isinstance(db.notice, ReadOnlyError) and db.notice.where == "file"
        assert "alleen-lezen" in str(db.notice) and "afdrukken kan" in str(db.notice)
        assert "beschadigd" not in str(db.notice)
        with db.unit_of_work(write=False) as uow:
            assert uow.households.by_case_number("DEMO-0001") is not None
        with pytest.raises(ReadOnlyError), db.unit_of_work() as uow:
            uow.settings.set("k", "v")
    finally:
        db.close()
    assert _snapshot(copy.parent) == before
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only, as on the test machines)."""
    folder = tmp_path / "klein"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a tmpfs can only be mounted as root")
    mount = ["mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", str(folder)]
    done = subprocess.run(mount, capture_output=True)
    if done.returncode != 0:
        pytest.skip("mount is not allowed here: " + done.stderr.decode(errors="replace"))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(folder: Path) -> None:
    fd = os.open(folder / "vulling", os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.mark.parametrize("encrypt", [False, True], ids=["plain", "encrypted"])
def test_a_full_disk_is_not_called_damaged(small_disk: Path, encrypt: bool) -> None:
    path = small_disk / "trajectplanner.db"
    with Database.open(path, encrypt=encrypt) as db, db.unit_of_work() as uow:
        uow.settings.set("regio", "Noord-Veluwe")
    _fill(small_disk)
    before = path.read_bytes()
    try:
        db = Database.open(path)
    except DiskFullError as exc:  # even opening needs a little room (the -shm)
        error: DatabaseError = exc
    else:
        try:
            with db.unit_of_work(write=False) as uow:
                assert uow.settings.get("regio") == "Noord-Veluwe"
            with pytest.raises(DiskFullError) as info, db.unit_of_work() as uow:
                uow.settings.set("groot", "x" * 400_000)
            error = info.value
        finally:
            db.close()
    message = str(error)
    assert "vol" in message and "ruimte vrij" in message
    assert "beschadigd" not in message and "reservekopie" not in message
    assert path.read_bytes() == before


def test_a_crashed_session_wal_is_kept_and_read(copy: Path) -> None:
    """The -wal of a killed run is this file's own: opening reads its commits, even when its
    -shm is gone (copied without it), and deletes nothing it did not make."""
    session = _killed_session(copy)
    assert session.stdout is not None and session.stdout.readline() == b"ready\n"
    session.send_signal(signal.SIGKILL)
    session.wait()
    copy.with_name(copy.name + "-shm").unlink()
    with Database.open(copy) as db:
        assert not db.read_only
        with db.unit_of_work(write=False) as uow:
            assert uow.settings.get("laatste") == "sessie"  # the killed run's commit is there


def test_an_encrypted_file_of_another_program_with_our_key_is_refused_unchanged(db_path: Path) -> None:
    """Random bytes are never called foreign (the key decides); a file that opens with our key but
    carries another program's application_id is."""
    key = cipher.database_key()
    con = cipher.connect(str(db_path), key)
    con.execute("PRAGMA application_id = 1234")
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(NotOursError):
        Database.open(db_path)
    assert _snapshot(db_path.parent) == before


def test_random_bytes_are_the_keys_problem_not_a_foreign_file(db_path: Path) -> None:
    db_path.write_bytes(random.Random(3).randbytes(8192))
    before = _snapshot(db_path.parent)
    with pytest.raises(cipher.WrongKeyError) as info:
        Database.open(db_path)
    assert "databasesleutel" in str(info.value) and "niet gewijzigd" in str(info.value)
    assert _snapshot(db_path.parent) == before
