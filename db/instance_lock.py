"""One window per database on this computer: an advisory lock on a file next to the database.

The lock is the operating system's (flock on POSIX, msvcrt on Windows), so it ends with the
process however that ends — a killed window never leaves the database "in use". The lock file
itself stays (removing it would race with the next window taking it); it holds no data.
Not reliable across network shares: other computers are the revision checks' job.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from db.errors import AlreadyOpenError

if os.name == "nt":  # pragma: no cover - exercised on the municipality's Windows laptops
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

    def __init__(self, fd: int | None) -> None:
        self._fd = fd

    @classmethod
    def acquire(cls, db_path: Path) -> InstanceLock:
        """Take the lock, or raise AlreadyOpenError. Where no lock file can be made (a read-only
        folder or medium) nobody can write either, so no lock is needed."""
        try:
            fd = os.open(lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return cls(None)
        if not _try_lock(fd):
            os.close(fd)
            raise AlreadyOpenError(db_path)
        return cls(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)  # closing the descriptor drops the lock
            self._fd = None
