"""A check of the whole file fast enough for every start, and the full check for `check`.

SQLite's `PRAGMA quick_check` walks every b-tree: ~90 ms on the 20,000-household region, over the
50 ms start budget. `scan_pages` instead looks at the first bytes of every page (an mmap, strided
slices: ~10 ms there) and flags a page that is neither a plausible b-tree page nor an
overflow/freelist page. Only when it flags something does SQLite's own check confirm and describe
the damage, so a false alarm never makes a sound file read-only.

An encrypted (SQLCipher) file cannot be scanned raw: its pages are ciphertext. It needs no scan
either: every page carries an HMAC that SQLCipher checks on every read, so a damaged page is
never read as data — the read fails, and the Database turns that into read-only with its
sentence before anything is written (a write reads its page first). Inspection checks for it
only what costs nothing: whole pages (db.inspection._check_whole_pages); SQLite itself refuses a
file shorter than page 1 records.
`PRAGMA cipher_integrity_check` would check every HMAC, but takes ~0.4 s on the region.
"""

from __future__ import annotations

import mmap
import time
from pathlib import Path

from db import cipher
from db.connection import DBAPI_ERRORS, Mode, connect, is_transient
from db.inspection import PATIENCE_S, Header, side_file

_BTREE_KINDS = frozenset({2, 5, 10, 13})  # interior/leaf index, interior/leaf table


def scan_pages(path: Path, header: Header) -> list[int]:
    """Numbers of the pages (1-based) that cannot be what SQLite expects; [] when all look sound."""
    size = header.page_size
    with path.open("rb") as f:
        if f.seek(0, 2) < size:
            return []
        with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
            count = len(m) // size
            b = [m[i::size] for i in range(7)]
    suspicious: list[int] = []
    for i in range(1, count):  # page 1 holds the file header; SQLite reads it on every open
        kind = b[0][i]
        if kind in _BTREE_KINDS:
            cells = b[3][i] << 8 | b[4][i]
            start = (b[5][i] << 8 | b[6][i]) or 65536
            head = 8 if kind in (10, 13) else 12
            if head + 2 * cells > size or start > size or (cells and start < head + 2 * cells):
                suspicious.append(i + 1)
        else:  # overflow or freelist trunk: starts with the next page's number (or 0)
            following = kind << 24 | b[1][i] << 16 | b[2][i] << 8 | b[3][i]
            if following > count:
                suspicious.append(i + 1)
    return suspicious


def sqlite_check(
    path: Path, *, full: bool = False, through_wal: bool = True, key: cipher.Key | None = None
) -> str:
    """SQLite's own verdict: "ok" or its description. `through_wal=False` ignores the -wal.

    Another program's lock or a -shm it is making right now is waited out (a few seconds)."""
    deadline = time.monotonic() + PATIENCE_S
    mode: Mode = "read" if through_wal else "immutable"
    while True:
        try:
            con = connect(path, mode, key=key)
            try:
                rows = con.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check").fetchall()
            finally:
                con.close()
            return "\n".join(str(r[0]) for r in rows)
        except DBAPI_ERRORS as exc:
            if mode == "read" and not side_file(path, "-shm").exists():
                mode = "read_shared"  # a -wal without its -shm: SQLite must make the -shm
                continue
            if not is_transient(exc) or time.monotonic() > deadline:
                raise
        time.sleep(0.02)


def damage_on_open(path: Path, header: Header) -> str | None:
    """A short description of damage found at open, or None for a sound file."""
    pages = scan_pages(path, header)
    if not pages:
        return None
    try:
        # A -wal that appeared since: another program is writing; judge the file as it sees it.
        verdict = sqlite_check(path, through_wal=side_file(path, "-wal").exists())
    except DBAPI_ERRORS as exc:
        verdict = str(exc)
    if verdict == "ok":
        return None  # e.g. stale bytes in a free page: nothing SQLite would ever read
    first = ", ".join(str(p) for p in pages[:3])
    return f"pagina {first} van het bestand"
