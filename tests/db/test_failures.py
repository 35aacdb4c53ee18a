"""Every failure says what it is: read-only medium and folder, permission, dangling link, a
writer that keeps the lock, a constraint — each its own Dutch sentence, and nothing changed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import db.connection
from db.database import Database
from db.errors import (
    CannotCreateError,
    DanglingLinkError,
    LockedError,
    NotAFileError,
    PermissionDeniedError,
    ReadOnlyError,
)
from tests.db.raw import raw_connect
from tests.other_user import as_nobody


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), stat.S_IMODE(p.stat().st_mode)) for p in sorted(folder.iterdir())}


def _filled(path: Path, *, encrypt: bool = True) -> Path:
    with Database.open(path, encrypt=encrypt) as database, database.unit_of_work() as uow:
        uow.settings.set("regio", "Noord-Veluwe")
    return path


@pytest.fixture
def public_folder() -> Iterator[Path]:
    """A folder that `nobody` can reach (pytest's own tmp folders are private to root)."""
    base = "/var/tmp" if os.stat("/var/tmp").st_mode & 0o001 else None
    if os.geteuid() == 0 and base is None:
        pytest.skip("no folder that `nobody` can reach")
    folder = Path(tempfile.mkdtemp(prefix="tp-test-", dir=base))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder)


def test_a_read_only_medium_opens_read_only(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("a read-only bind mount needs root")
    source, medium = tmp_path / "bron", tmp_path / "stick"
    source.mkdir()
    medium.mkdir()
    _filled(source / "trajectplanner.db")
    if subprocess.run(["mount", "--bind", str(source), str(medium)], capture_output=True).returncode:
        pytest.skip("mount is not allowed here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(medium)], check=True, capture_output=True)
        path = medium / "trajectplanner.db"
        before = _snapshot(medium)
        with Database.open(path) as database:
            assert isinstance(database.notice, ReadOnlyError) and database.notice.where == "media"
            assert "schijf of stick" in str(database.notice) and "beschadigd" not in str(database.notice)
            with database.unit_of_work(write=False) as uow:
                assert uow.settings.get("regio") == "Noord-Veluwe"
            with pytest.raises(ReadOnlyError), database.unit_of_work() as uow:
                uow.settings.set("k", "v")
        with pytest.raises(CannotCreateError) as info:
            Database.open(medium / "nieuw.db")
        assert "kan niet worden aangemaakt" in str(info.value)
        assert _snapshot(medium) == before
    finally:
        subprocess.run(["umount", "-l", str(medium)], check=False)


def test_a_folder_without_write_permission_opens_read_only(public_folder: Path) -> None:
    # Plain: `nobody` cannot read this test's key file (in root's private temporary folder).
    path = _filled(public_folder / "trajectplanner.db", encrypt=False)
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody's own file, in root's folder
    else:
        os.chmod(public_folder, 0o555)
    before = _snapshot(public_folder)
    try:
        with as_nobody():
            database = Database.open(path)
            try:
                assert isinstance(database.notice, ReadOnlyError) and database.notice.where == "folder"
                assert "in de map" in str(database.notice)
                with database.unit_of_work(write=False) as uow:
                    assert uow.settings.get("regio") == "Noord-Veluwe"
            finally:
                database.close()
    finally:
        os.chmod(public_folder, 0o755)
    assert _snapshot(public_folder) == before


def test_a_file_that_may_not_be_read_says_so(public_folder: Path) -> None:
    path = _filled(public_folder / "trajectplanner.db")
    os.chmod(path, 0o000)
    with as_nobody(), pytest.raises(PermissionDeniedError) as info:
        Database.open(path)
    assert "geen toegang" in str(info.value) and "niet gewijzigd" in str(info.value)
    os.chmod(path, 0o600)


def test_a_dangling_link_is_not_followed_into_a_new_file(tmp_path: Path) -> None:
    link = tmp_path / "trajectplanner.db"
    link.symlink_to(tmp_path / "netwerkschijf" / "weg.db")
    with pytest.raises(DanglingLinkError) as info:
        Database.open(link)
    assert "snelkoppeling" in str(info.value)
    assert not (tmp_path / "netwerkschijf").exists() and link.is_symlink()


def test_a_folder_is_not_a_database(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError):
        Database.open(tmp_path)


@pytest.mark.sqlite_only("de schrijfvergrendeling van het bestand; de server: tests/db/test_postgres.py")
def test_a_writer_that_keeps_the_lock_is_named(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(db_path)
    monkeypatch.setattr(db.connection, "BUSY_TIMEOUT_S", 0.2)  # wait 0.2 s instead of 10
    other = raw_connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Database.open(db_path) as database:
            with pytest.raises(LockedError) as info, database.unit_of_work() as uow:
                uow.settings.set("k", "v")
            assert "bezet" in str(info.value) and info.value.retry
            with database.unit_of_work(write=False) as uow:  # reading still works
                assert uow.settings.get("regio") == "Noord-Veluwe"
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_conflict_or_a_plan_decided_elsewhere_is_never_damage(db_path: Path) -> None:
    """They are DatabaseErrors raised inside the unit of work; they pass as they are, and the
    file stays writable (no read-only notice, no "beschadigd")."""
    from db.errors import ConflictError, PlanDecidedElsewhereError
    from planner.model import PlanStatus

    with Database.open(db_path) as database:
        for error in (ConflictError([]), PlanDecidedElsewhereError("plan-1", PlanStatus.DECIDED)):
            with pytest.raises(type(error)) as info, database.unit_of_work() as uow:
                uow.settings.set("k", "v")
                raise error
            assert info.value is error and "beschadigd" not in str(error)
            assert not database.read_only
        with database.unit_of_work(write=False) as uow:
            assert uow.settings.get("k") is None  # rolled back
