"""Backups through SQLite's online backup API, and putting one back.

Never a raw file copy: a copy of the main file alone misses what is still in the `-wal`, and a
copy taken during a write is torn. The backup API copies one consistent snapshot (a single step,
so a concurrent writer cannot make it start over) and works between two SQLCipher files keyed
with the same key, so a backup of an encrypted database is encrypted too.

Every file is written next to its destination under a temporary name (mode 0600), checked and
then renamed into place: a killed run leaves no half backup, only a temporary file that the next
automatic backup removes.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db import cipher
from db.errors import DatabaseError

if TYPE_CHECKING:
    from db.database import Database

log = logging.getLogger(__name__)

# What writing a backup can raise. A named tuple of types because mypy cannot read a starred
# tuple written inside the except clause itself.
_WRITE_ERRORS: tuple[type[Exception], ...] = (OSError, *cipher.DBAPI_ERRORS)

KEEP_DAILY = 7
ASIDE_MARK = "voor-terugzetten"
RESTORE_COMMAND = "trajectplanner restore BESTAND"


class BackupError(DatabaseError):
    """A backup or restore that did not happen; the message says why and what to do."""


@dataclass(frozen=True)
class Restored:
    target: Path
    aside: Path | None  # the replaced file, kept; None when there was none


# --- making a backup --------------------------------------------------------------------------


def backup(db: Database, out: Path) -> Path:
    """Write a consistent copy of the open database `db` to `out`."""
    out = Path(out)
    key = _key_of(db.path) if db.encrypted else None
    raw = db.engine.raw_connection()
    try:
        _copy(raw.driver_connection, out, key)
    finally:
        raw.close()
    log.info("backup written")
    return out


def daily_backup(db: Database, folder: Path, today: date, keep: int = KEEP_DAILY) -> Path | None:
    """Once a day: `<name>-<date>.db` in `folder` (0700), keeping the newest `keep` of them.

    Returns the new file, or None when today's backup already exists."""
    cipher.private_folder(folder, ours=True)  # the daily backups' own folder
    cipher.remove_stale_temporaries(folder, ".*.tmp")
    target = folder / f"{db.path.stem}-{today.isoformat()}{db.path.suffix or '.db'}"
    if target.exists():
        return None
    made = backup(db, target)
    pattern = re.compile(re.escape(db.path.stem) + r"-\d{4}-\d{2}-\d{2}" + re.escape(target.suffix))
    dated = sorted(p for p in folder.iterdir() if pattern.fullmatch(p.name))
    for old in dated[:-keep]:
        with contextlib.suppress(FileNotFoundError):
            old.unlink()
    return made


def default_backup_name(db_path: Path, now: datetime | None = None) -> str:
    now = now or datetime.now()
    return f"{db_path.stem}-{now:%Y-%m-%d-%H%M%S}{db_path.suffix or '.db'}"


# --- putting one back -------------------------------------------------------------------------


def restore(file: Path, target: Path) -> Restored:
    """Put the backup `file` in place of the database `target`.

    The backup is checked first (it opens, it is a Trajectplanner database, it is intact) and the
    database must not be open in another program; otherwise nothing changes. The replaced file is
    kept as `<name>.voor-terugzetten-<time>`, together with its own `-wal` (renamed with it, so it
    stays readable and is never replayed into the restored file); a `-shm` is removed.
    """
    file, target = Path(file), Path(target)
    if target.exists() and file.resolve() == target.resolve():
        raise BackupError("De reservekopie en de database zijn hetzelfde bestand. Er is niets gewijzigd.")
    key = _check_backup(file)
    if cipher.in_use(target):
        raise BackupError(
            f"De database {target.name} is nog geopend in Trajectplanner of een ander programma. "
            "Sluit dat eerst en probeer het opnieuw; er is niets gewijzigd."
        )
    cipher.private_folder(target.parent)
    cipher.remove_stale_temporaries(target.parent, f".{cipher.glob_escape(target.name)}.terugzetten-*.tmp")
    temp = target.with_name(f".{target.name}.terugzetten-{os.getpid()}.tmp")
    source = _open_backup(file, key)
    try:
        _copy(source, temp, key, final=False)
    finally:
        source.close()
    aside: Path | None = None
    try:
        aside = _put_aside(target)
        os.replace(temp, target)
    except OSError as exc:
        where = f" De vorige database staat in {aside}." if aside else " Er is niets gewijzigd."
        raise BackupError(
            f"De reservekopie kon niet worden teruggezet: {exc.strerror}.{where} Sluit Trajectplanner "
            "(een geopende database kan niet worden vervangen) en probeer het opnieuw."
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    cipher.fsync_folder(target.parent)
    log.info("backup restored")
    return Restored(target, aside)


def _check_backup(file: Path) -> cipher.Key | None:
    from db.database import known_revisions

    if not file.is_file():
        raise BackupError(f"De reservekopie {file} bestaat niet. Er is niets gewijzigd.")
    key = _key_of(file) if cipher.is_encrypted(file) else None
    not_usable = BackupError(
        f"Het bestand {file.name} is geen bruikbare reservekopie van Trajectplanner (beschadigd, "
        "van een ander programma of versleuteld met een andere sleutel). Er is niets gewijzigd; "
        "kies een andere reservekopie."
    )
    try:
        con = _open_backup(file, key)
        try:
            if con.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise not_usable
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except cipher.DBAPI_ERRORS:
        raise not_usable from None
    if row is None:
        raise not_usable
    if row[0] not in known_revisions():
        raise BackupError(
            f"De reservekopie {file.name} is gemaakt met een nieuwere versie van Trajectplanner "
            f"(schemaversie {row[0]}). Werk het programma bij; er is niets gewijzigd."
        )
    return key


def _put_aside(target: Path) -> Path | None:
    wal, shm = (target.with_name(target.name + s) for s in ("-wal", "-shm"))
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = target.with_name(f"{target.name}.{ASIDE_MARK}-{stamp}")
    n = 1
    while aside.exists():
        n += 1
        aside = target.with_name(f"{target.name}.{ASIDE_MARK}-{stamp}-{n}")
    had_file = target.exists()
    if had_file:
        os.replace(target, aside)
    if wal.exists():  # stale or not, it belongs to the replaced file, never to the backup
        os.replace(wal, aside.with_name(aside.name + "-wal"))
    with contextlib.suppress(FileNotFoundError):
        shm.unlink()
    return aside if had_file else None


# --- shared -----------------------------------------------------------------------------------


def _key_of(path: Path) -> cipher.Key:
    key = cipher.stored_key()
    if key is None:
        raise cipher.KeyMissingError(path)
    return key


def _open_backup(path: Path, key: cipher.Key | None) -> Any:
    # Read-write although only read: closing then removes any -wal/-shm this connection made
    # (a read-only one leaves them), and a file on read-only media still opens read-only.
    return cipher.connect(str(path), key)


def _new_temp(out: Path) -> Path:
    """A private empty file named as an atomic write's (`.NAME.XXXXXXXX.tmp`), so that the next
    start removes it when this run is killed halfway (db/tempfiles.py)."""
    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    return Path(name)


def _copy(source: Any, out: Path, key: cipher.Key | None, *, final: bool = True) -> None:
    """Back `source` (a DB-API connection) up into a new private file; atomically at `out` when
    `final`, else into `out` itself (a temporary name the caller renames)."""
    out.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    temp = _new_temp(out) if final else out
    try:
        if not final:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
            os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        target = cipher.connect(str(temp), key)
        try:
            source.backup(target)  # pages=-1: one step, one snapshot
            # A rollback journal, not WAL: reading a backup then leaves no -wal/-shm beside it.
            target.execute("PRAGMA journal_mode = DELETE")
            if target.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("De reservekopie is onvolledig geschreven. Probeer het opnieuw.")
        finally:
            target.close()
        cipher.fsync_file(temp)
        if final:
            os.replace(temp, out)
            cipher.fsync_folder(out.parent)
    except _WRITE_ERRORS as exc:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        reason = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
        log.warning("backup failed: %s", type(exc).__name__)
        raise BackupError(
            f"De reservekopie kan niet worden geschreven naar {out} ({reason}). "
            "Maak ruimte vrij of kies een andere map; de database zelf is niet gewijzigd."
        ) from None
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
