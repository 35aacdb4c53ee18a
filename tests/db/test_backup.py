"""Backups through the online backup API, the daily rotation, and restoring one (real files)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path
from sqlite3.dump import _iterdump

import pytest

from db import backup as bk
from db import cipher
from db.database import Database
from db.demo_loader import load_demo
from planner.exchange.merge import Conflict, ImportPlan
from planner.exchange.records import RecordKind
from tests.db.raw import raw_connect
from tests.lock_holder import open_in_another_program

pytestmark = pytest.mark.sqlite_only("de backup-API van SQLite; op een server: pg_dump")


ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def dump(path: Path) -> list[str]:
    """Every statement that recreates the database (sqlcipher3 lacks `iterdump`; the standard
    library's works on any DB-API connection)."""
    con = raw_connect(path)
    try:
        return list(_iterdump(con))
    finally:
        con.close()


@pytest.fixture
def full_db(tmp_path: Path) -> Path:
    """A database with a row in every table: the demo region, households, a decision, a setting."""
    path = tmp_path / "trajectplanner.db"
    with Database.open(path) as db:
        load_demo(db, today=TODAY, households=3)
        with db.unit_of_work() as uow:
            uow.settings.set("professional/name", "J. de Wit")
            # What an import left for a person and what was sent to whom (db/exchange.py).
            tree = next(iter(uow.exchange.trees(uow.exchange.household_ids()[:1]).values()))
            uow.exchange.mark_sent("kantoor", {tree.record.id: "vingerafdruk"})
            conflict = Conflict(RecordKind.HOUSEHOLD, tree.record.id, "", tree.record, tree.record)
            uow.exchange.apply(ImportPlan(conflicts=[conflict]), "Kantoor")
        with db.engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").scalars()
            empty = [t for t in tables if not conn.exec_driver_sql(f'SELECT count(*) FROM "{t}"').scalar()]
    assert empty == []  # the round trip below covers every kind of record
    return path


def test_backup_then_restore_round_trips_every_record(full_db: Path, tmp_path: Path) -> None:
    before = dump(full_db)
    out = tmp_path / "kopie" / "reserve.db"
    with Database.open(full_db) as db:
        assert bk.backup(db, out) == out
        with db.unit_of_work() as uow:  # a change after the backup, which restoring undoes
            uow.settings.set("professional/name", "iemand anders")
    assert _mode(out) == 0o600
    assert cipher.is_encrypted(out)  # a backup of an encrypted database is encrypted
    assert dump(out) == before

    restored = bk.restore(out, full_db)
    assert dump(full_db) == before
    assert restored.aside is not None and bk.ASIDE_MARK in restored.aside.name
    assert "iemand anders" in "\n".join(dump(restored.aside))  # the replaced file is kept, intact
    with Database.open(full_db) as db:
        assert db.integrity_check() == "ok" and db.encrypted
    assert _mode(full_db) == 0o600


def test_backup_while_another_process_writes_is_consistent(full_db: Path, tmp_path: Path) -> None:
    # The writer adds settings in pairs, one pair per transaction: a torn copy would hold an odd
    # number of them (or fail its integrity check).
    writer = textwrap.dedent(
        f"""
        import sys
        from db.database import Database
        db = Database.open({str(full_db)!r})
        print("ready", flush=True)
        for i in range(400):
            with db.unit_of_work() as uow:
                uow.settings.set(f"pair/{{i}}/a", "x")
                uow.settings.set(f"pair/{{i}}/b", "y")
        db.close()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", writer], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=os.environ.copy()
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        copies = []
        with Database.open(full_db) as db:
            for n in range(5):
                copies.append(bk.backup(db, tmp_path / f"b{n}.db"))
    finally:
        assert proc.wait(timeout=120) == 0
    counts = set()
    for copy in copies:
        con = raw_connect(copy)
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            n = con.execute("SELECT count(*) FROM settings WHERE key LIKE 'pair/%'").fetchone()[0]
        finally:
            con.close()
        assert n % 2 == 0
        counts.add(n)
    assert len(counts) > 1 or counts == {800}  # the copies really were taken during the writes


def test_restore_with_a_stale_wal_present(full_db: Path, tmp_path: Path) -> None:
    with Database.open(full_db) as db:
        good = bk.backup(db, tmp_path / "goed.db")
    expected = dump(good)
    # Later edits whose -wal is left behind (a killed program), then kept while the file is
    # replaced: that -wal no longer matches and must never be replayed into the backup.
    con = raw_connect(full_db)
    con.execute("PRAGMA wal_autocheckpoint = 0")
    for i in range(50):
        con.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (f"later/{i}", "x" * 500))
        con.commit()
    wal = full_db.with_name(full_db.name + "-wal")
    stale = wal.read_bytes()
    con.close()
    wal.write_bytes(stale)
    assert wal.stat().st_size > 0

    restored = bk.restore(good, full_db)
    assert not wal.exists()
    assert not full_db.with_name(full_db.name + "-shm").exists()
    assert restored.aside is not None
    assert restored.aside.with_name(restored.aside.name + "-wal").read_bytes() == stale  # kept with it
    with Database.open(full_db) as db:
        assert db.integrity_check() == "ok"
    assert dump(full_db) == expected


def test_restore_refuses_while_the_database_is_open_elsewhere(full_db: Path, tmp_path: Path) -> None:
    with Database.open(full_db) as db:
        good = bk.backup(db, tmp_path / "goed.db")
    with open_in_another_program(full_db):
        before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
        with pytest.raises(bk.BackupError) as info:
            bk.restore(good, full_db)
        assert "nog geopend" in str(info.value) and "niets gewijzigd" in str(info.value)
        assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("content", [b"", b"geen database" * 300], ids=["empty", "text"])
def test_restore_refuses_what_is_no_backup_and_changes_nothing(
    full_db: Path, tmp_path: Path, content: bytes
) -> None:
    junk = tmp_path / "junk.db"
    junk.write_bytes(content)
    before = full_db.read_bytes()
    with pytest.raises(bk.BackupError) as info:
        bk.restore(junk, full_db)
    assert "geen bruikbare reservekopie" in str(info.value)
    assert full_db.read_bytes() == before
    assert not list(tmp_path.glob(f"*{bk.ASIDE_MARK}*"))


def test_daily_backup_once_a_day_keeps_seven_private(full_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data" / "backups"
    stale = folder / ".trajectplanner-2026-01-01.db.999.tmp"  # left by a killed run
    folder.mkdir(parents=True)
    stale.write_bytes(b"half")
    os.utime(stale, (0, 0))
    with Database.open(full_db) as db:
        first = bk.daily_backup(db, folder, today=TODAY)
        assert first is not None and first.name == "trajectplanner-2026-11-23.db"
        assert bk.daily_backup(db, folder, today=TODAY) is None  # once a day
        for n in range(1, 10):
            assert bk.daily_backup(db, folder, today=TODAY + timedelta(days=n)) is not None
    names = sorted(p.name for p in folder.iterdir())
    assert names == [f"trajectplanner-{TODAY + timedelta(days=n)}.db" for n in range(3, 10)]
    assert _mode(folder) == 0o700
    assert all(_mode(p) == 0o600 for p in folder.iterdir())
    assert dump(folder / names[-1]) == dump(full_db)


def test_backup_of_a_plain_database_is_plain_and_restores(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    with Database.open(path, encrypt=False) as db:
        with db.unit_of_work() as uow:
            uow.settings.set("k", "v")
        out = bk.backup(db, tmp_path / "plain-kopie.db")
    assert not cipher.is_encrypted(out)
    bk.restore(out, tmp_path / "nieuw.db")
    assert dump(tmp_path / "nieuw.db") == dump(path)


def test_restore_refuses_a_backup_of_a_newer_version(full_db: Path, tmp_path: Path) -> None:
    with Database.open(full_db) as db:
        newer = bk.backup(db, tmp_path / "nieuwer.db")
    con = raw_connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = full_db.read_bytes()
    with pytest.raises(bk.BackupError, match="nieuwere versie"):
        bk.restore(newer, full_db)
    assert full_db.read_bytes() == before
