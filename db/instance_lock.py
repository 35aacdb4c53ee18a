"""One window per database on this computer: an advisory lock on a file next to the database.

The lock is the operating system's (flock on POSIX, msvcrt on Windows), so it ends with the
process however that ends — a killed window never leaves the database "in use". The lock file
itself stays (removing it would race with the next window taking it); it holds no data.
Not reliable across network shares: other computers are the revision checks' job.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from db.errors import AlreadyOpenError

if sys.platform == "win32":  # pragma: no cover - exercised on the municipality's Windows laptops
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


class InstanceLock:
    """Held while a window has the database open; `release()` (or process exit) lets go."""

    def __init__(self, fd: int | None, path: Path | None = None, created: bool = False) -> None:
        self._fd = fd
        self._path = path
        self.created = created  # this lock made the lock file (a refused database: remove it)

    @classmethod
    def acquire(cls, db_path: Path) -> InstanceLock:
        """Take the lock, or raise AlreadyOpenError. Where no lock file can be made (a folder
        not there yet, a read-only folder or medium) no lock is held; `held` says so."""
        path = lock_path(db_path)
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
            created = True
        except FileExistsError:
            try:
                fd = os.open(path, os.O_RDWR)
            except OSError:
                return cls(None)
            created = False
        except OSError:
            return cls(None)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyOpenError(db_path)
        return cls(fd, path, created)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self, *, remove: bool = False) -> None:
        """Let go; `remove` also deletes the lock file (only for one this lock created for a
        database that was then refused, so nothing is left beside a file we did not open)."""
        if self._fd is None:
            return
        if remove and self._path is not None:
            with contextlib.suppress(OSError):
                self._path.unlink()
        with contextlib.suppress(OSError):
            os.close(self._fd)  # closing the descriptor drops the lock
        self._fd = None
