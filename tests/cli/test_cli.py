"""The command line, run as a real subprocess on real database files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.demo.common import demo_data
from tests.db.raw import raw_connect

# 25 generated households and the showcase (showcases are added over time)
HOUSEHOLDS = 25 + len(demo_data("showcase.toml")["households"])

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-23"


def run(tmp_path: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        # Keep the user's own data and log directories out of the tests.
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--today", TODAY],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "demo.db"
    out = run(tmp, "demo", "--db", str(db), "--households", "25").stdout
    assert "Demoregio geladen" in out and f"{HOUSEHOLDS} huishoudens" in out
    return db


def test_check_json_reports_the_region(demo_db: Path, tmp_path: Path):
    report = json.loads(run(tmp_path, "check", "--db", str(demo_db), "--json").stdout)
    assert report["integrity"] == "ok"
    assert report["schema_version"]
    counts = report["counts"]
    assert counts["municipalities"] >= 8 and counts["providers"] >= 250 and counts["contracts"] >= 3000
    assert (
        counts["households"] == HOUSEHOLDS
        and counts["members"] > HOUSEHOLDS
        and counts["plans"] >= HOUSEHOLDS
    )
    assert counts["products"] > 20 and counts["allocations"] > 0
    # Exactly the showcase's built-in findings: 3 errors (18th birthday, coordinator cell, and the
    # missing safety assessment, which blocks deciding: one severity) and 1 warning (bridging
    # agreement ends). No BSN is in two dossiers.
    assert report["findings"] == {"fout": 3, "waarschuwing": 1}
    assert report["integrity_findings"] == []
    assert oct(demo_db.stat().st_mode & 0o777) == "0o600"


def test_list_json_shows_the_showcase(demo_db: Path, tmp_path: Path):
    rows = json.loads(run(tmp_path, "list", "--db", str(demo_db), "--json").stdout)
    by_case = {r["case_number"]: r for r in rows}
    assert {"DEMO-0001", "DEMO-0002", "DEMO-0003", "DEMO-0004", "DEMO-0005", "DEMO-0006"} <= set(by_case)
    jansen = by_case["DEMO-0001"]
    assert (
        jansen["name"] == "Jansen"
        and jansen["municipality"] == "Zutphen"
        and jansen["plan_status"] == "concept"
    )
    assert by_case["DEMO-0003"]["name"] == "Van den Berg"
    text = run(tmp_path, "list", "--db", str(demo_db)).stdout
    assert "DEMO-0004" in text and "El Amrani" in text


def test_loading_the_demo_twice_adds_no_duplicate_showcase(demo_db: Path, tmp_path: Path):
    run(tmp_path, "demo", "--db", str(demo_db))
    rows = json.loads(run(tmp_path, "list", "--db", str(demo_db), "--json").stdout)
    assert len(rows) == HOUSEHOLDS


def test_newer_database_is_refused_in_dutch_and_left_alone(demo_db: Path, tmp_path: Path):
    newer = tmp_path / "newer.db"
    newer.write_bytes(demo_db.read_bytes())
    with raw_connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    before = newer.read_bytes()
    result = run(tmp_path, "check", "--db", str(newer), check=False)
    assert result.returncode != 0
    assert "nieuwere versie" in result.stderr
    assert newer.read_bytes() == before


def test_damaged_file_and_bad_arguments_give_dutch_messages(tmp_path: Path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"dit is geen database" * 100)
    result = run(tmp_path, "list", "--db", str(junk), check=False)
    assert result.returncode != 0 and result.stderr.startswith("Fout:")
    result = run(tmp_path, "demo", "--db", str(tmp_path / "x.db"), "--households", "-3", check=False)
    assert result.returncode != 0 and "negatief" in result.stderr
    result = run(tmp_path, "onbekend", check=False)
    assert result.returncode == 2 and "Fout:" in result.stderr


def test_every_verb_has_dutch_help(tmp_path: Path):
    for verb in ("demo", "list", "check", "shot"):
        out = run(tmp_path, verb, "--help").stdout
        assert "--db" in out
        # The shared options (--db, --key-file) sit in the verb's own one section of options.
        assert out.count("opties:") == 1 and "options:" not in out, out
    top = run(tmp_path, "--help").stdout
    assert "opdrachten" in top and top.startswith("gebruik: ") and "toon deze uitleg" in top
    assert "onbekende argumenten" in run(tmp_path, "list", "--bogus", check=False).stderr


def test_log_never_holds_a_bsn_or_name(demo_db: Path, tmp_path: Path):
    run(tmp_path, "check", "--db", str(demo_db))
    for log in (tmp_path / "state").rglob("*.log"):
        text = log.read_text()
        assert "999900018" not in text and "Jansen" not in text
