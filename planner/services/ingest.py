"""Ingest at the office: a folder (or several files) of exchange files, each on its own.

Every file is read, verified (signature of a trusted sender, format, schema) before storage is
touched, then imported in one unit of work that also remembers its SHA-256: a file taken in
before is skipped, also when another ingest took it a moment ago (the check is repeated inside
the writing unit of work, which the storage serialises). Conflicts are queued as with a single
import. Each file ends as taken, refused (with the Dutch reason) or skipped; one refused file
does not stop the others.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from planner.exchange.elsewhere import open_file_elsewhere, start_second_process
from planner.exchange.envelope import Opened, open_file
from planner.exchange.errors import ExchangeError
from planner.exchange.gc_pause import gc_paused
from planner.services.exchange import (
    ImportSummary,
    Incoming,
    households_in,
    import_households,
    taken_among,
    taken_before,
)
from planner.services.port import ExchangeStorage

_ATTEMPTS = 3  # a file that finds the database busy is tried again, then reported
_PAUSE_S = 0.5
# Files read before their look-up as taken before: few enough to keep in memory at once.
_GROUP_FILES = 16
_GROUP_BYTES = 64 * 1024 * 1024
# A folder of at least so many files has them decrypted and verified in other processes, ahead
# of the imports (a seventh of an ingest, on the other core); for fewer, starting it costs more.
ELSEWHERE_FILES = 16
# As many processes open them, each the next file: a day's file that carries its households'
# letters (about 26 MB) takes 0.1 s to decrypt and verify, and one process kept the imports
# waiting (40 files with letters: 9.9–11.8 s with one, 7.6–8.1 s with two; files without letters
# the same either way).
OPENING_PROCESSES = 2


class Outcome(StrEnum):
    TAKEN = "taken"
    REFUSED = "refused"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class FileResult:
    file: str
    outcome: Outcome
    reason: str = ""  # Dutch: why refused or skipped
    sha256: str = ""
    summary: ImportSummary | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "result": self.outcome.value,
            "reason": self.reason,
            "sha256": self.sha256,
            **(self.summary.as_json() if self.summary else {}),
        }


@dataclass(frozen=True, slots=True)
class Keys:
    """What verifying and decrypting need: trusted senders and this office's identities."""

    trusted: Mapping[str, str]
    identities: Sequence[str] = ()
    passphrase: str | None = None

    def opening(self) -> tuple[dict[str, str], list[str], str | None]:
        """`open_file`'s keys, as plain values (they go to the second process, `_opening`)."""
        return dict(self.trusted), list(self.identities), self.passphrase


SKIPPED_REASON = "Dit bestand is al eerder ingelezen; er is niets veranderd."


def files_in(targets: Sequence[Path]) -> list[Path]:
    """The files named, and those in the folders named (not hidden, sorted by name), once each."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir():
            found += sorted(p for p in target.iterdir() if p.is_file() and not p.name.startswith("."))
        else:
            found.append(target)
    return list(dict.fromkeys(found))


def ingest_file(
    storage: ExchangeStorage,
    path: Path,
    keys: Keys,
    *,
    refusals: tuple[type[BaseException], ...] = (),
) -> FileResult:
    """One file: skipped, refused or taken. `refusals` are the storage's errors that mean "this
    file does not fit this database" (reported for the file, like a bad signature); an error that
    says the database is busy is retried, then reported; any other error propagates."""
    read = _read(path)
    if isinstance(read, FileResult):
        return read
    if taken_before(storage, read[1]):
        return FileResult(str(path), Outcome.SKIPPED, SKIPPED_REASON, read[1])
    data = read[0]
    return _take(storage, path, read[1], lambda: households_in(open_file(data, *keys.opening())), refusals)


def _read(path: Path) -> tuple[bytes, str] | FileResult:
    """The file's bytes and SHA-256, or its refusal when it cannot be read."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = f"Het bestand kan niet worden gelezen ({exc.strerror}). Er is niets van ingelezen."
        return FileResult(str(path), Outcome.REFUSED, reason)
    return data, hashlib.sha256(data).hexdigest()


# A file being decrypted, verified and checked: waits for it, gives its households (ExchangeError).
Opening = Callable[[], Incoming]


def _take(
    storage: ExchangeStorage,
    path: Path,
    sha: str,
    opening: Opening,
    refusals: tuple[type[BaseException], ...],
) -> FileResult:
    """A file not taken before: verified and read, then imported (or refused)."""
    # The collector stays paused from reading to writing (gc_pause.py): resumed between the two,
    # it would walk the whole file's records once more, for nothing.
    with gc_paused():
        try:
            incoming = opening()
        except ExchangeError as exc:
            return FileResult(str(path), Outcome.REFUSED, str(exc), sha)
        return _import(storage, incoming, str(path), sha, path.name, refusals)


def _import(
    storage: ExchangeStorage,
    incoming: Incoming,
    name: str,
    sha: str,
    file_name: str,
    refusals: tuple[type[BaseException], ...],
) -> FileResult:
    for attempt in range(_ATTEMPTS):
        try:
            result = import_households(storage, incoming, file_sha256=sha, file_name=file_name)
        except refusals as exc:
            return FileResult(name, Outcome.REFUSED, str(exc), sha)
        except Exception as exc:
            if not getattr(exc, "retry", False):
                raise
            if attempt == _ATTEMPTS - 1:
                return FileResult(name, Outcome.REFUSED, f"{exc} Lees de map later opnieuw in.", sha)
            time.sleep(_PAUSE_S * (attempt + 1))
            continue
        if result.summary.skipped:
            return FileResult(name, Outcome.SKIPPED, SKIPPED_REASON, sha, result.summary)
        return FileResult(name, Outcome.TAKEN, "", sha, result.summary)
    raise AssertionError("unreachable")  # pragma: no cover


def ingest(
    storage: ExchangeStorage,
    targets: Sequence[Path],
    keys: Keys,
    *,
    refusals: tuple[type[BaseException], ...] = (),
) -> list[FileResult]:
    """Every file of `targets` (files and folders), each in its own unit of work, in name order.

    Files are read a group at a time and looked up as taken before at once: a unit of work per
    file for that alone was a twentieth of an ingest on a server. A file taken in by another
    ingest after that look-up is still skipped (the check is repeated as it is written). The next
    group starts being opened before this one is imported: started at its turn, the import waited
    for the first file of each group.

    The cyclic collector is paused for the whole run (gc_pause.py): each file's records are freed
    as its import ends, by reference counting; resumed between files, the collector walked the
    next file's records as they were being read (a tenth of an ingest), to find a few dozen
    cyclic objects per file, collected after the run instead."""
    results: list[FileResult] = []
    paths = files_in(targets)
    with gc_paused(), _opening(keys, len(paths)) as start:
        ahead: _Started | None = None
        for group in _groups(paths):
            started = _start(storage, group, start)
            if ahead is not None:
                results += _finish(storage, ahead, refusals)
            ahead = started
        if ahead is not None:
            results += _finish(storage, ahead, refusals)
    return results


# A group of files read, with the openings of those not taken before (by their place in the group).
_Started = tuple[list[tuple[Path, tuple[bytes, str] | FileResult]], dict[int, "Opening"]]


def _start(
    storage: ExchangeStorage,
    group: list[tuple[Path, tuple[bytes, str] | FileResult]],
    start: Callable[[bytes], Opening],
) -> _Started:
    """The group's files looked up as taken before; the others start being opened (in a second
    process, ahead of the imports)."""
    taken = taken_among(storage, [read[1] for _, read in group if not isinstance(read, FileResult)])
    openings = {
        i: start(read[0])
        for i, (_, read) in enumerate(group)
        if not isinstance(read, FileResult) and read[1] not in taken
    }
    return group, openings


def _finish(
    storage: ExchangeStorage, started: _Started, refusals: tuple[type[BaseException], ...]
) -> list[FileResult]:
    """A result for each file of a started group: its files imported in order."""
    group, openings = started
    results: list[FileResult] = []
    for i, (path, read) in enumerate(group):
        if isinstance(read, FileResult):
            results.append(read)
        elif i not in openings:
            results.append(FileResult(str(path), Outcome.SKIPPED, SKIPPED_REASON, read[1]))
        else:
            results.append(_take(storage, path, read[1], openings[i], refusals))
    return results


@contextmanager
def _opening(keys: Keys, files: int) -> Iterator[Callable[[bytes], Opening]]:
    """`start(data)`: a file's bytes start being decrypted and verified. For a folder of at least
    ELSEWHERE_FILES files in OPENING_PROCESSES other processes (spawned: nothing of this one's open
    database goes with them), which work through them while this one imports; else each when it is
    waited for."""
    if files < ELSEWHERE_FILES:
        yield lambda data: lambda: households_in(open_file(data, *keys.opening()))
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(OPENING_PROCESSES, mp_context=context, initializer=start_second_process) as pool:
        pool.submit(int)  # started (and its modules read) while the first files are

        def start(data: bytes) -> Opening:
            future = pool.submit(open_file_elsewhere, data, *keys.opening())

            def wait() -> Incoming:
                key, name, payload, digests = future.result()
                return households_in(Opened(key, name, memoryview(payload)), digests)

            return wait

        yield start


def _groups(paths: Sequence[Path]) -> Iterator[list[tuple[Path, tuple[bytes, str] | FileResult]]]:
    """The files read, in groups of at most _GROUP_FILES files and about _GROUP_BYTES bytes; the
    next group is read (and hashed) in a thread while the one before is imported: reading and
    hashing let go of the interpreter lock, so they cost the import nothing."""
    remaining = iter(paths)

    def next_group() -> list[tuple[Path, tuple[bytes, str] | FileResult]]:
        group: list[tuple[Path, tuple[bytes, str] | FileResult]] = []
        size = 0
        for path in remaining:
            read = _read(path)
            group.append((path, read))
            size += len(read[0]) if isinstance(read, tuple) else 0
            if len(group) == _GROUP_FILES or size >= _GROUP_BYTES:
                break
        return group

    with ThreadPoolExecutor(1) as reader:
        reading = reader.submit(next_group)
        while group := reading.result():
            reading = reader.submit(next_group)
            yield group
