"""The command line on damaged, read-only and real-data files (issue 9), as real subprocesses."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from db import cipher
from db.database import Database
from tests.cli.test_cli import run
from tests.db import factories
from tests.db.raw import raw_connect


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("veilig")
    db = tmp / "demo.db"
    run(tmp, "demo", "--db", str(db), "--households", "40")
    return db


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    target = folder / "trajectplanner.db"
    target.write_bytes(source.read_bytes())
    os.chmod(target, 0o600)
    return target


def test_check_reports_its_integrity_line_on_a_damaged_file(demo_file: Path, tmp_path: Path) -> None:
    path = _copy(demo_file, tmp_path / "db")
    con = raw_connect(path)
    if cipher.is_encrypted(path):  # SQLCipher has no dbstat: the members table's root page
        pages = [con.execute("SELECT rootpage FROM sqlite_master WHERE name = 'members'").fetchone()[0]]
    else:
        query = "SELECT pageno FROM dbstat WHERE name = 'members' AND pagetype = 'leaf'"
        pages = [r[0] for r in con.execute(query)]
    size = int(con.execute("PRAGMA page_size").fetchone()[0])  # SQLCipher gives it as text
    con.close()
    with path.open("r+b") as f:
        f.seek((pages[0] - 1) * size + 8)
        f.write(b"\xff" * (size - 8))
    before = _snapshot(path.parent)
    result = run(tmp_path, "check", "--db", str(path), check=False)
    assert result.returncode == 1
    assert "Integriteit:" in result.stdout and "Integriteit:    ok" not in result.stdout
    assert "onverwachts" not in result.stderr
    assert "beschadigd" in result.stdout
    assert _snapshot(path.parent) == before


def test_check_and_printing_work_on_a_read_only_file(demo_file: Path, tmp_path: Path) -> None:
    path = _copy(demo_file, tmp_path / "db")
    os.chmod(path, 0o400)
    before = _snapshot(path.parent)
    result = run(tmp_path, "check", "--db", str(path))
    assert "Integriteit:    ok" in result.stdout and "alleen-lezen" in result.stdout
    out = tmp_path / "pdf"
    out.mkdir()
    run(tmp_path, "plan-pdf", "DEMO-0001", "--db", str(path), "--out", str(out))
    assert list(out.glob("*.pdf"))
    result = run(tmp_path, "demo", "--db", str(path), check=False)
    assert result.returncode == 1 and "alleen worden gelezen" in result.stderr
    assert _snapshot(path.parent) == before and oct(path.stat().st_mode & 0o777) == "0o400"


def test_list_never_writes_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    hostile = factories.household(
        case_number="2027-000001", surname="\x1b]0;pwnd\x07\x1b[31mRood\u202e\x9b2J"
    )
    with Database.open(path) as db, db.unit_of_work() as uow:
        uow.catalogue.replace(factories.catalogue())
        uow.households.save(hostile)
    text = run(tmp_path, "list", "--db", str(path)).stdout
    assert "Rood" in text
    assert not any(ch in text for ch in "\x1b\x07\u202e\x9b")
    raw = run(tmp_path, "list", "--db", str(path), "--json").stdout
    assert not any(ch in raw for ch in "\x1b\x07\x9b")
    assert "\x1b]0;pwnd\x07\x1b[31mRood\u202e\x9b2J" in json.loads(raw)[0]["name"]  # the data itself is kept


def _real_database(path: Path) -> None:
    household = factories.household()
    with Database.open(path) as db, db.unit_of_work() as uow:
        uow.catalogue.replace(factories.catalogue())
        uow.households.save(household)
        uow.plans.save(factories.plan(household))


def test_demo_refuses_a_database_with_real_households(tmp_path: Path) -> None:
    path = tmp_path / "echt" / "trajectplanner.db"
    path.parent.mkdir()
    _real_database(path)
    before = _snapshot(path.parent)
    result = run(tmp_path, "demo", "--db", str(path), check=False)
    assert result.returncode == 1
    assert (
        "1 echte huishouden" in result.stderr
        and "--force" in result.stderr
        and "niets gewijzigd" in result.stderr
    )
    assert _snapshot(path.parent) == before


def test_demo_with_force_keeps_the_providers_a_plan_refers_to(tmp_path: Path) -> None:
    path = tmp_path / "trajectplanner.db"
    _real_database(path)
    run(tmp_path, "demo", "--db", str(path), "--force")
    con = raw_connect(path)
    try:
        providers = {r[0] for r in con.execute("SELECT id FROM providers")}
        assert {"prov-1", "prov-2"} <= providers  # allocation and own provider still resolve
        dangling = con.execute(
            "SELECT count(*) FROM allocations WHERE provider_id IS NOT NULL"
            " AND provider_id NOT IN (SELECT id FROM providers)"
        ).fetchone()[0]
        assert dangling == 0
        assert con.execute("SELECT count(*) FROM contracts WHERE provider_id = 'prov-1'").fetchone()[0] > 0
    finally:
        con.close()


def test_check_names_what_it_found_when_the_file_cannot_be_opened(tmp_path: Path) -> None:
    path = tmp_path / "kapot.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00\x02\x02" + b"\x00" * 80)  # the header alone
    result = run(tmp_path, "check", "--db", str(path), check=False)
    assert result.returncode == 1
    assert "Integriteit:    niet gecontroleerd" in result.stdout and "afgekapt" in result.stderr


@pytest.mark.parametrize("verb", ["list", "check", "demo"])
def test_a_dangling_link_is_named_on_the_command_line(tmp_path: Path, verb: str) -> None:
    link = tmp_path / "trajectplanner.db"
    link.symlink_to(tmp_path / "schijf" / "weg.db")
    result = run(tmp_path, verb, "--db", str(link), check=False)
    assert result.returncode == 1
    assert "snelkoppeling" in result.stdout + result.stderr
    assert "onverwachts" not in result.stderr and not (tmp_path / "schijf").exists()
