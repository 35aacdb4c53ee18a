"""Two programs starting on one file at nearly the same moment lose no commit (issue 9, item 1).

An earlier inspection deleted the -wal/-shm files it had not seen at its first look, even when
the other process had created them since: 3 of 150 runs lost all commits of one process. Each
iteration here starts two real processes with random offsets (0-30 ms) on a new or an existing
file; each commits N settings; afterwards all 2 × N are there and the file is sound.

The default run does a handful; `pytest -m stress` does 200.
"""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from db.database import Database
from tests.db.raw import raw_connect

COMMITS = 15
WORKER = textwrap.dedent(
    """
    import sys, time
    from db.database import Database
    path, tag, delay, commits = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
    time.sleep(delay)
    with Database.open(path) as db:
        for i in range(commits):
            with db.unit_of_work() as uow:
                uow.settings.set(f"{tag}-{i}", "x")
    """
)


def _race(folder: Path, iteration: int, rng: random.Random) -> None:
    path = folder / f"race-{iteration}.db"
    if iteration % 2:  # every other run on an existing file, closed cleanly (no -wal)
        Database.open(path).close()
    root = Path(__file__).resolve().parents[2]
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), tag, f"{rng.uniform(0, 0.03):.4f}", str(COMMITS)],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for tag in ("a", "b")
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    con = raw_connect(path)
    try:
        keys = {r[0] for r in con.execute("SELECT key FROM settings")}
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    expected = {f"{tag}-{i}" for tag in "ab" for i in range(COMMITS)}
    missing = expected - keys
    assert not missing, f"iteration {iteration}: {len(missing)} commits lost"


def test_two_processes_starting_at_once_lose_no_commit(tmp_path: Path) -> None:
    rng = random.Random(9)
    for iteration in range(4):
        _race(tmp_path, iteration, rng)


@pytest.mark.stress
def test_two_processes_starting_at_once_lose_no_commit_200_times(tmp_path: Path) -> None:
    rng = random.Random(2026)
    for iteration in range(200):
        _race(tmp_path, iteration, rng)
