"""A process killed (SIGKILL) at a random moment of its work leaves a sound database (issue 14.2).

Each run starts `tests/kill_worker.py` on a copy of the demo database, waits until it works, kills
it after a random delay and then checks: the file opens, `PRAGMA integrity_check` is ok, no commit
the worker reported is lost, a decision, an import and each file of an office's ingest are all or
nothing (the ingest's next run takes the rest), and no half-written file is left under a target
name or (once the next start has cleaned up) as a stray temporary file.

The default run does a few runs per operation; `pytest -m stress` does 100 of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from db.database import Database
from db.tempfiles import MIN_AGE_S, remove_stale_temp_files
from planner.model import PlanStatus
from tests.db.raw import raw_connect
from tests.exchange.helpers import RECORD_TABLES, dump
from tests.kill_worker import export_signer
from tests.planner.showcase_documents import demo_database, load_case

ROOT = Path(__file__).resolve().parents[2]
CASE = "DEMO-0001"
# Kill within this many seconds of READY: long enough that most runs die in the middle of the work.
WINDOW_S = {
    "save": 0.3,
    "backup": 0.6,
    "decide": 0.25,
    "export": 1.5,
    "import": 0.6,
    "ingest": 1.0,
    "ingest_at_once": 1.5,
}
QUICK, STRESS = 3, 100
LARGE = 1000  # generated households in the region that is exported and imported
INGEST_FILES = 10  # the region split into this many signed files, a folder for the office's ingest
TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sjabloon") / "demo.db"
    demo_database(path).close()
    return path


@dataclass(frozen=True)
class Region:
    """The large region, a signed file of all of it, and what an empty database holds before and
    after importing that file whole."""

    database: Path
    file: Path
    job: Path
    ingest_job: Path
    ingest_files: dict[str, set[str]]  # per file's SHA-256: the ids of its households
    trusted: dict[str, str]
    empty: Path
    none: dict[str, list[tuple[object, ...]]]
    every: dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Region:
    from db.demo_loader import load_demo
    from planner.exchange.document import dumps
    from planner.exchange.envelope import sign, signing_public_text
    from planner.services import exchange

    folder = tmp_path_factory.mktemp("regio")
    source = Database.open(folder / "regio.db", encrypt=False)
    try:
        load_demo(source, today=TODAY, households=LARGE)
        signing = Ed25519PrivateKey.generate()
        data = sign(dumps(exchange.export_households(source).document), signing)
        folder_in = folder / "binnen"
        folder_in.mkdir()
        with source.unit_of_work(write=False) as uow:
            cases = sorted(h.case_number for h in uow.households.summaries(include_archived=True))
        ingest_files: dict[str, set[str]] = {}
        for n in range(INGEST_FILES):
            made = exchange.export_households(source, cases[n::INGEST_FILES]).document
            part = sign(dumps(made), signing)
            (folder_in / f"{n:02}.tpx").write_bytes(part)
            ingest_files[hashlib.sha256(part).hexdigest()] = {h["id"] for h in made["households"]}
    finally:
        source.close()
    trusted = {signing_public_text(signing.public_key()): "Laptop A"}
    (folder / "regio.tpx").write_bytes(data)
    job = folder / "opdracht.json"
    job.write_text(json.dumps({"file": str(folder / "regio.tpx"), "trusted": trusted}), encoding="utf-8")
    ingest_job = folder / "binnen.json"
    ingest_job.write_text(json.dumps({"folder": str(folder_in), "trusted": trusted}), encoding="utf-8")
    empty = folder / "leeg.db"
    Database.open(empty, encrypt=False).close()
    whole = folder / "heel.db"
    shutil.copy(empty, whole)
    with Database.open(whole) as db:
        exchange.import_households(db, exchange.read_households(data, trusted))
    every = dump(whole, RECORD_TABLES)
    assert len(every["households"]) > LARGE
    return Region(
        folder / "regio.db",
        folder / "regio.tpx",
        job,
        ingest_job,
        ingest_files,
        trusted,
        empty,
        dump(empty, RECORD_TABLES),
        every,
    )


def _kill_at_random(operation: str, db_path: Path, argument: str, rng: random.Random) -> int | None:
    """Run the worker, kill it at a random moment; the last commit it reported (None: none)."""
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.kill_worker", operation, str(db_path), argument],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert worker.stdout is not None
        ready = worker.stdout.readline()
        assert ready == "READY\n", worker.stderr.read() if worker.poll() is not None else ready
        time.sleep(rng.uniform(0, WINDOW_S[operation]))
        children = _children(worker.pid)  # a second process of an ingest (planner/services/ingest.py)
        worker.send_signal(signal.SIGKILL)
        out, err = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait(10)
    assert worker.returncode == -signal.SIGKILL, f"the worker ended by itself: {err[-2000:]}"
    deadline = time.monotonic() + 10
    while (left := [p for p in children if _running(p)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left, "a second process outlived the killed worker"
    done = [int(line.split()[1]) for line in out.splitlines() if line.startswith("DONE ")]
    return done[-1] if done else None


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _running(pid: int) -> bool:
    """Whether the process is there and not a zombie (one nobody reaped yet has ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _sound(path: Path) -> None:
    con = raw_connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()


def _after_save(path: Path, last: int | None, _folder: Path) -> None:
    with Database.open(path) as db, db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(CASE)
        assert household is not None
        street = household.street
    if last is not None:  # every reported commit is there: the number only grows
        assert street.startswith("Killstraat ") and int(street.split()[1]) >= last, (street, last)


def _after_backup(path: Path, last: int | None, folder: Path) -> None:
    copy = folder / "kopie.db"
    if last is not None:
        assert copy.exists()
    if copy.exists():  # under its target name only ever a whole backup
        _sound(copy)
    # The next start removes what the killed run left half-written (its age is what makes it stale).
    remove_stale_temp_files([folder], now=time.time() + MIN_AGE_S + 1)
    assert sorted(p.name for p in folder.iterdir()) == (["kopie.db"] if copy.exists() else [])


def _after_decide(path: Path, last: int | None, _folder: Path) -> None:
    db = Database.open(path)
    try:
        _household, plans, _catalogue = load_case(db, CASE)
        decided = [p for p in plans if p.status is PlanStatus.DECIDED and p.decided_on is not None]
        with db.unit_of_work(write=False) as uow:
            stored = [p for p in plans if uow.decisions.get(p.id) is not None]
    finally:
        db.close()
    if last is not None:
        assert decided
    # All or nothing: a plan is decided exactly when its letters are stored with it.
    assert [p.id for p in decided] == [p.id for p in stored]


def _after_export(region: Region) -> Callable[[Path, int | None, Path], None]:
    def check(_path: Path, last: int | None, folder: Path) -> None:
        from planner.services import exchange

        target = folder / "export.tpx"
        if last is not None:
            assert target.exists()
        if target.exists():  # under its target name only ever a whole, verifiable file
            incoming = exchange.read_households(target.read_bytes(), export_signer())
            assert len(incoming.households) == len(region.every["households"])
        remove_stale_temp_files([folder], now=time.time() + MIN_AGE_S + 1)
        assert sorted(p.name for p in folder.iterdir()) == (["export.tpx"] if target.exists() else [])

    return check


def _after_import(region: Region) -> Callable[[Path, int | None, Path], None]:
    def check(path: Path, last: int | None, _folder: Path) -> None:
        rows = dump(path, RECORD_TABLES)
        if last is not None:
            assert rows == region.every
        # All or nothing: every record of the file, or none of them.
        assert rows in (region.every, region.none), {t: len(r) for t, r in rows.items()}

    return check


def _after_ingest(region: Region) -> Callable[[Path, int | None, Path], None]:
    def check(path: Path, last: int | None, _folder: Path) -> None:
        from planner.services.exchange import KEY_TAKEN_PREFIX
        from planner.services.ingest import Keys, Outcome, ingest

        con = raw_connect(path)
        try:
            marks = [k for (k,) in con.execute("SELECT key FROM settings") if k.startswith(KEY_TAKEN_PREFIX)]
            stored = {hid for (hid,) in con.execute("SELECT id FROM households")}
        finally:
            con.close()
        taken = {m.removeprefix(KEY_TAKEN_PREFIX) for m in marks}
        if last is not None:  # every file reported taken is there
            assert len(taken) >= last + 1
        # A file at a time, all or nothing: exactly the households of the files marked as taken.
        assert stored == set().union(*(region.ingest_files[sha] for sha in taken))
        # The next ingest of the folder takes the rest: then all of the region, nothing doubled.
        with Database.open(path) as db:
            folder = Path(json.loads(region.ingest_job.read_text(encoding="utf-8"))["folder"])
            results = ingest(db, [folder], Keys(region.trusted))
        assert sum(r.outcome is Outcome.SKIPPED for r in results) == len(taken)
        assert sum(r.outcome is Outcome.TAKEN for r in results) == INGEST_FILES - len(taken)
        assert dump(path, RECORD_TABLES) == region.every

    return check


CHECKS: dict[str, Callable[[Path, int | None, Path], None]] = {
    "save": _after_save,
    "backup": _after_backup,
    "decide": _after_decide,
}
LARGE_CHECKS = {
    "export": _after_export,
    "import": _after_import,
    "ingest": _after_ingest,
    "ingest_at_once": _after_ingest,  # a second process opening its files
}


def _runs(template: Path, folder: Path, operation: str, runs: int, seed: int) -> None:
    rng = random.Random(seed)
    for run in range(runs):
        work = folder / f"{operation}-{run}"
        work.mkdir()
        path = work / "demo.db"
        shutil.copy(template, path)
        backups = work / "kopieen"
        backups.mkdir()
        argument = str(backups / "kopie.db") if operation == "backup" else CASE
        last = _kill_at_random(operation, path, argument, rng)
        _sound(path)
        CHECKS[operation](path, last, backups)


def _large_runs(region: Region, folder: Path, operation: str, runs: int, seed: int) -> None:
    """Export the large region, import it whole into an empty database, or ingest it there as a
    folder of files, killed at random."""
    rng = random.Random(seed)
    check = LARGE_CHECKS[operation](region)
    for run in range(runs):
        work = folder / f"{operation}-{run}"
        work.mkdir()
        path = work / "planner.db"
        shutil.copy(region.database if operation == "export" else region.empty, path)
        out = work / "uit"
        out.mkdir()
        argument = {"export": str(out / "export.tpx"), "import": str(region.job)}.get(
            operation, str(region.ingest_job)
        )
        last = _kill_at_random(operation, path, argument, rng)
        _sound(path)
        check(path, last, out)


@pytest.mark.parametrize("operation", sorted(CHECKS))
def test_killed_at_random_loses_nothing(template: Path, tmp_path: Path, operation: str) -> None:
    _runs(template, tmp_path, operation, QUICK, seed=len(operation))


@pytest.mark.stress
@pytest.mark.parametrize("operation", sorted(CHECKS))
def test_killed_at_random_loses_nothing_stress(template: Path, tmp_path: Path, operation: str) -> None:
    _runs(template, tmp_path, operation, STRESS, seed=1000 + len(operation))


@pytest.mark.parametrize("operation", sorted(LARGE_CHECKS))
def test_killed_export_import_or_ingest_leaves_all_or_nothing(
    region: Region, tmp_path: Path, operation: str
) -> None:
    _large_runs(region, tmp_path, operation, QUICK, seed=len(operation))


@pytest.mark.stress
@pytest.mark.parametrize("operation", sorted(LARGE_CHECKS))
def test_killed_export_import_or_ingest_leaves_all_or_nothing_stress(
    region: Region, tmp_path: Path, operation: str
) -> None:
    _large_runs(region, tmp_path, operation, STRESS, seed=1000 + len(operation))
