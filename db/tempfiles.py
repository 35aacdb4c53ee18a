"""Temporary files of runs that were killed: removed at the next start.

Two kinds hold complete client documents: the half-written `.NAME.XXXXXXXX.tmp` of an atomic
write (ui/atomic.py) and the `tp-*` folders in which a preview or print turns a PDF into page
images (ui/printing.py). A run that is killed between making and removing them leaves them. Only
what is older than MIN_AGE_S is removed, so the files of a window working right now are safe.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

MIN_AGE_S = 120  # an atomic write lasts milliseconds, a page rendering at most 60 s (its timeout)
TEMP_DIR_PREFIX = "tp-"
# tempfile.mkstemp's 8 random characters; a backup's temporary file also has SQLite's journal beside it
_ATOMIC_TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp(-journal|-wal|-shm)?$")


def remove_stale_temp_files(folders: Iterable[Path], *, now: float | None = None) -> int:
    """Remove our stale temporary files in `folders` and our `tp-*` folders in the system's temp
    folder; returns how many were removed. Never raises: cleaning up must not stop a start."""
    now = time.time() if now is None else now
    removed = 0
    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if _ATOMIC_TEMP.match(entry.name) and entry.is_file(follow_symlinks=False):
                    removed += _remove_if_stale(Path(entry.path), now, uid)
    with contextlib.suppress(OSError):
        for entry in os.scandir(tempfile.gettempdir()):
            if entry.name.startswith(TEMP_DIR_PREFIX) and entry.is_dir(follow_symlinks=False):
                removed += _remove_if_stale(Path(entry.path), now, uid)
    if removed:
        log.info("removed %d temporary files of an earlier run", removed)
    return removed


def _remove_if_stale(path: Path, now: float, uid: int | None) -> int:
    try:
        info = path.lstat()
        if now - info.st_mtime < MIN_AGE_S or (uid is not None and info.st_uid != uid):
            return 0
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError:
        return 0
    return 1
