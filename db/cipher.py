"""Encryption at rest: the database key, keyed connections and converting a plain file.

Every new database is a SQLCipher file keyed with one random 256-bit key per user. The key is
given to SQLCipher raw (`PRAGMA key = "x'…'"`), which skips the passphrase derivation: opening
costs ~0.1 ms instead of ~110 ms per connection.

Where the key lives, in this order:

1. `TRAJECTPLANNER_KEY_FILE` (the command line's `--key-file` sets it): a key file at that path,
   and nothing else. Tests use it so that each test has its own key and none ever touches the
   user's key store.
2. The operating system's key store through `keyring` (Windows Credential Manager, macOS
   Keychain, the Secret Service of a Linux desktop), service "Trajectplanner", account
   "databasesleutel". This is where a new key goes.
3. When `keyring` has no usable backend (a Linux machine without a desktop session) at the moment
   the key is made: a key file `database.key` in the user's config folder, mode 0600 in a folder
   of mode 0700. Once there, it is looked up first (without importing `keyring`).

The fallback file protects against a lost or copied database file (a stolen USB stick, a backup
on a share, a laptop's disk read elsewhere without the user's profile), not against someone who
can log in as the user: that person can read the key file as well as the key store. Losing the
key loses the database and its backups, which are keyed with the same key.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3
from platformdirs import PlatformDirs

from db.errors import DatabaseError

log = logging.getLogger(__name__)

ENV_KEY_FILE = "TRAJECTPLANNER_KEY_FILE"
KEYRING_SERVICE = "Trajectplanner"
KEYRING_ACCOUNT = "databasesleutel"

SQLITE_HEADER = b"SQLite format 3\x00"
# What a DB-API call on either kind of connection can raise (sqlcipher3's errors are its own).
DBAPI_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, sqlcipher3.Error)

_HEX_KEY = re.compile(r"[0-9a-f]{64}")
_LOCK_WAIT_S = 10.0
_LOCK_STALE_S = 30.0


@dataclass(frozen=True)
class Key:
    """A raw 256-bit SQLCipher key and where it is kept (for messages; never the key itself)."""

    hex: str = field(repr=False)
    kept_in: str

    def __post_init__(self) -> None:
        if not _HEX_KEY.fullmatch(self.hex):
            raise ValueError("a database key is 64 lowercase hex digits")


class KeyMissingError(DatabaseError):
    """The file is encrypted (or damaged) and this computer has no database key."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Het bestand {path.name} is geen bruikbare Trajectplanner-database op deze computer: "
            "het is versleuteld terwijl hier geen databasesleutel is gevonden, of het is beschadigd. "
            "Het bestand is niet gewijzigd. Open het op de computer en met het account waarmee het "
            f"gemaakt is, of zet de sleutel terug ({describe_key_location()})."
        )


class WrongKeyError(DatabaseError):
    """The file does not open with this computer's key: another key, damaged, or not ours."""

    def __init__(self, path: Path, key: Key) -> None:
        super().__init__(
            f"Het bestand {path.name} is geen bruikbare Trajectplanner-database op deze computer: "
            f"het opent niet met de databasesleutel in {key.kept_in}. Het is versleuteld met een "
            "andere sleutel (gemaakt op een andere computer of met een ander account), of het is "
            "beschadigd. Het bestand is niet gewijzigd. Open het waar het gemaakt is, of zet een "
            "reservekopie terug met: trajectplanner restore BESTAND"
        )


class KeyStoreError(DatabaseError):
    """The key cannot be read or stored."""


# --- where the key lives ----------------------------------------------------------------------


def default_key_file() -> Path:
    return Path(PlatformDirs(appname="Trajectplanner", appauthor=False).user_config_dir) / "database.key"


def key_file_path() -> Path:
    override = os.environ.get(ENV_KEY_FILE)
    return Path(override) if override else default_key_file()


def describe_key_location() -> str:
    if os.environ.get(ENV_KEY_FILE) or not _keyring_usable():
        return f"het sleutelbestand {key_file_path()}"
    return "de sleutelkluis van het besturingssysteem (Trajectplanner / databasesleutel)"


def _keyring() -> Any | None:
    """The keyring module when it has a real backend, else None (no backend, or it fails)."""
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 0) <= 0:
            return None
        return keyring
    except Exception as exc:  # a broken backend is a missing backend: fall back to the file
        log.warning("keyring unavailable: %s", type(exc).__name__)
        return None


def _keyring_usable() -> bool:
    return _keyring() is not None


def _read_key_file(path: Path) -> Key | None:
    try:
        text = path.read_text("ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise KeyStoreError(
            f"Het sleutelbestand {path} kan niet worden gelezen ({type(exc).__name__}). "
            "Controleer de rechten op dit bestand; de database is niet gewijzigd."
        ) from None
    if not _HEX_KEY.fullmatch(text):
        raise KeyStoreError(
            f"Het sleutelbestand {path} is beschadigd (het bevat geen geldige sleutel). "
            "Zet het bestand terug uit een reservekopie; de database is niet gewijzigd."
        )
    if os.name == "posix" and path.stat().st_mode & 0o077:
        os.chmod(path, 0o600)  # only ever takes rights away from others
    return Key(text, f"het sleutelbestand {path}")


def stored_key() -> Key | None:
    """This user's database key, or None when none has been made yet. Never creates one."""
    path = key_file_path()
    found = _read_key_file(path)
    if found is not None or os.environ.get(ENV_KEY_FILE):
        # The file first: a machine that uses it never pays for importing and probing `keyring`
        # (0.1-0.3 s here), and a key once written to the file stays the one in use.
        return found
    kr = _keyring()
    if kr is not None:
        try:
            value = kr.get_password(KEYRING_SERVICE, KEYRING_ACCOUNT)
        except Exception as exc:
            log.warning("keyring read failed: %s", type(exc).__name__)
            value = None
        if value and _HEX_KEY.fullmatch(value):
            return Key(value, "de sleutelkluis van het besturingssysteem")
    return None


def database_key() -> Key:
    """This user's database key, made (and stored) on first use."""
    key = stored_key()
    if key is not None:
        return key
    path = key_file_path()
    with _creation_lock(path):
        key = stored_key()  # another process may have made it while we waited
        if key is not None:
            return key
        value = secrets.token_hex(32)
        kr = None if os.environ.get(ENV_KEY_FILE) else _keyring()
        if kr is not None:
            try:
                kr.set_password(KEYRING_SERVICE, KEYRING_ACCOUNT, value)
                if kr.get_password(KEYRING_SERVICE, KEYRING_ACCOUNT) == value:
                    log.info("database key created in the OS key store")
                    return Key(value, "de sleutelkluis van het besturingssysteem")
            except Exception as exc:
                log.warning("keyring write failed, using the key file: %s", type(exc).__name__)
        _write_key_file(path, value)
        log.info("database key created in a key file")
        return Key(value, f"het sleutelbestand {path}")


def private_folder(folder: Path, *, ours: bool = False) -> None:
    """Make `folder` 0700. A folder that was there already is tightened only when it is `ours`
    (the program's own): a key file given in a shared folder such as /tmp must not take that
    folder away from everybody else."""
    if folder.is_dir() and not ours:
        return
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask


def _write_key_file(path: Path, value: str) -> None:
    private_folder(path.parent, ours=path == default_key_file())
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(value + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise KeyStoreError(
            f"De databasesleutel kan niet worden opgeslagen in {path}: {exc.strerror}. "
            "Er is geen database gemaakt of gewijzigd."
        ) from None


@contextlib.contextmanager
def _creation_lock(key_path: Path) -> Iterator[None]:
    """One process at a time makes the key: two starting at once must not make two keys."""
    private_folder(key_path.parent, ours=key_path == default_key_file())
    lock = key_path.with_name(key_path.name + ".lock")
    deadline = time.monotonic() + _LOCK_WAIT_S
    while True:
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            break
        except FileExistsError:
            with contextlib.suppress(FileNotFoundError):
                if time.time() - lock.stat().st_mtime > _LOCK_STALE_S:
                    lock.unlink()  # left by a killed run
                    continue
            if time.monotonic() > deadline:
                raise KeyStoreError(
                    f"De databasesleutel wordt al door een ander programma gemaakt ({lock}). "
                    "Probeer het over een minuut opnieuw."
                ) from None
            time.sleep(0.02)
    try:
        yield
    finally:
        with contextlib.suppress(FileNotFoundError):
            lock.unlink()


# --- keyed connections ------------------------------------------------------------------------


def dbapi(key: Key | None) -> Any:
    """The DB-API module for connections made by `connect` with this key."""
    return sqlite3 if key is None else sqlcipher3


def connect(database: str, key: Key | None, **kwargs: Any) -> Any:
    """A DB-API connection; with a key, a SQLCipher one keyed before its first statement."""
    if key is None:
        return sqlite3.connect(database, **kwargs)
    con = sqlcipher3.connect(database, **kwargs)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # else a wrong key prints an hmac line
        con.execute(f"PRAGMA key = \"x'{key.hex}'\"")
    except BaseException:
        con.close()
        raise
    return con


def is_encrypted(path: Path) -> bool:
    """True when the file holds data but is not plain SQLite.

    Without the key an encrypted file cannot be told from random bytes; opening it with the key
    is what proves it is ours (a damaged or foreign file is refused then)."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as f:
            header = f.read(len(SQLITE_HEADER))
    except OSError:
        return False  # unreadable: opening it reports why
    return header != b"" and header != SQLITE_HEADER


def in_use(target: Path) -> bool:
    """True when a connection somewhere has the database open.

    Every SQLite connection to a WAL database holds a shared lock on one byte of the `-shm` file
    (its "dead man switch", offset 128) for as long as it is open; if an exclusive lock on that byte
    can be had, nobody is connected. Tested without opening the database, so a stale `-wal` is not
    replayed. POSIX only: on Windows an open database cannot be renamed, so the rename fails with
    its own message. Closing our descriptor drops this process's own locks on the file, so this is
    only called when this process has the database closed (`restore`, `encrypt_file`).
    """
    shm = target.with_name(target.name + "-shm")
    if os.name != "posix" or not shm.exists():
        return False
    import fcntl

    try:
        fd = os.open(shm, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 128)
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 128)
        return False
    except OSError:
        return True
    finally:
        os.close(fd)


# --- converting a plain file ------------------------------------------------------------------


def encrypt_file(path: Path, key: Key) -> None:
    """Replace the plain SQLite database at `path` by an encrypted copy of it.

    The copy is made with `sqlcipher_export` next to the file, checked (integrity and row counts)
    and only then renamed over the plain file, so a failure leaves the plain file as it was. Run
    it on a closed database: another program with the file open would keep writing to the old,
    plain file. The plain file is not kept: keeping it would defeat the encryption.
    """
    path = Path(path)
    if in_use(path):
        raise DatabaseError(
            f"De database {path.name} is nog geopend in Trajectplanner of een ander programma. "
            "Sluit dat eerst en probeer het opnieuw; er is niets gewijzigd."
        )
    remove_stale_temporaries(path.parent, f".{glob_escape(path.name)}.versleutelen-*.tmp")
    temp = path.with_name(f".{path.name}.versleutelen-{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    try:
        os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        plain = sqlcipher3.connect(str(path), timeout=10.0)  # no key: reads plain SQLite
        plain.isolation_level = None
        try:
            counts = _row_counts(plain)
            ids = plain.execute("PRAGMA application_id").fetchone()[0]
            version = plain.execute("PRAGMA user_version").fetchone()[0]
            plain.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex}'\"", (str(temp),))
            plain.execute("BEGIN IMMEDIATE")  # no writer can slip in between export and rename
            plain.execute("SELECT sqlcipher_export('encrypted')")
            # sqlcipher_export copies schema and rows, not these two header fields.
            plain.execute(f"PRAGMA encrypted.application_id = {int(ids)}")
            plain.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            plain.execute("COMMIT")
            plain.execute("DETACH DATABASE encrypted")
            plain.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            plain.close()
        _verify_copy(temp, key, counts)
        fsync_file(temp)
        for suffix in ("-wal", "-shm"):  # they belong to the plain file; never replay them
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).unlink()
        os.replace(temp, path)
        fsync_folder(path.parent)
    except DBAPI_ERRORS as exc:
        log.warning("encrypting the database failed: %s", type(exc).__name__)
        raise DatabaseError(
            f"Het bestand {path.name} kon niet worden versleuteld ({type(exc).__name__}). "
            "Het onversleutelde bestand is niet gewijzigd; probeer het opnieuw of vraag de "
            "beheerder om hulp."
        ) from None
    except OSError as exc:
        raise DatabaseError(
            f"Het bestand {path.name} kon niet worden versleuteld: {exc.strerror}. Het "
            "onversleutelde bestand is niet gewijzigd; maak ruimte vrij of kies een andere map."
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    log.info("database converted to SQLCipher")


def _row_counts(con: Any) -> dict[str, int]:
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}


def _verify_copy(temp: Path, key: Key, counts: dict[str, int]) -> None:
    con = connect(str(temp), key)
    try:
        con.execute("PRAGMA journal_mode = WAL")
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok" or _row_counts(con) != counts:
            raise sqlcipher3.DatabaseError("the encrypted copy differs from the plain file")
    finally:
        con.close()


def glob_escape(name: str) -> str:
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in name)


def remove_stale_temporaries(folder: Path, pattern: str, older_than_s: float = 3600.0) -> None:
    """Remove our temporary files that a killed run left (older than an hour: not a running one's)."""
    for p in folder.glob(pattern):
        with contextlib.suppress(OSError):
            if time.time() - p.stat().st_mtime > older_than_s:
                p.unlink()


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    if os.name == "posix":
        fsync_file(folder)
