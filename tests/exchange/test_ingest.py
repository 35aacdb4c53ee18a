"""Ingest at the office (`trajectplanner import DIR|FILE...`): every file on its own, verified
before anything is written, a result per file (taken / refused with the Dutch reason / skipped),
a file taken in before skipped, conflicts queued; two ingests at once on the same database (two
real processes) lose nothing. The office on SQLite and on PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planner.services import exchange
from planner.services import ingest as ingest_module
from planner.services.ingest import Keys, Outcome, ingest
from tests.cli.test_cli import ROOT
from tests.exchange.helpers import Side, dump, edit_household, edit_plan, file_bytes, three_sides


def _keys(office: Side) -> Keys:
    return Keys(office.trusted, [str(office.identity)])


def _refusals() -> tuple[type[BaseException], ...]:
    from db.errors import ConstraintError

    return (ConstraintError,)


# Files looked up as taken before at once, a group at a time; opened (decrypted, verified) in a
# second process ahead of the imports, or each as it is imported.
@pytest.mark.parametrize(("group", "elsewhere"), [(2, True), (16, False)], ids=["2-elsewhere", "16-here"])
def test_a_folder_gives_a_result_per_file_and_a_second_run_changes_nothing(
    tmp_path: Path, office_path: Path, group: int, elsewhere: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "_GROUP_FILES", group)
    monkeypatch.setattr(ingest_module, "ELSEWHERE_FILES", 1 if elsewhere else 100)
    a, office, b = three_sides(tmp_path, office_path)
    stranger = Side(tmp_path / "vreemd.db", "Onbekend")
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Straat van A"))
    edit_household(b, "DEMO-0002", lambda h: setattr(h, "street", "Straat van B"))
    folder = tmp_path / "binnen"
    folder.mkdir()
    from_a = a.export(to=office)
    (folder / "01-a.tpx").write_bytes(from_a)
    (folder / "02-b.tpx").write_bytes(b.export(to=office))
    (folder / "03-kapot.tpx").write_bytes(from_a[: len(from_a) // 2])
    (folder / "04-vreemd.tpx").write_bytes(stranger.export(to=office))
    (folder / "05-a-kopie.tpx").write_bytes(from_a)  # the same file under another name
    (folder / ".verborgen").write_bytes(b"geen uitwisselingsbestand")

    results = ingest(office.db, [folder], _keys(office), refusals=_refusals())
    assert [Path(r.file).name for r in results] == [
        "01-a.tpx",
        "02-b.tpx",
        "03-kapot.tpx",
        "04-vreemd.tpx",
        "05-a-kopie.tpx",
    ]
    assert [r.outcome for r in results] == [
        Outcome.TAKEN,
        Outcome.TAKEN,
        Outcome.REFUSED,
        Outcome.REFUSED,
        Outcome.SKIPPED,
    ]
    assert results[0].summary is not None and results[0].summary.updated == 1
    assert results[1].summary is not None and results[1].summary.new_conflicts == 1
    assert "beschadigd of onvolledig" in results[2].reason
    assert "onbekende afzender" in results[3].reason
    assert "al eerder ingelezen" in results[4].reason
    (conflict,) = exchange.open_conflicts(office.db)  # queued for a person
    assert conflict.case_number == "DEMO-0002" and conflict.sender == "Laptop B"
    assert conflict.fields() == [("street", "Straat van A", "Straat van B")]

    before = file_bytes(office.path)
    again = ingest(office.db, [folder], _keys(office), refusals=_refusals())
    assert [r.outcome for r in again] == [
        Outcome.SKIPPED,
        Outcome.SKIPPED,
        Outcome.REFUSED,
        Outcome.REFUSED,
        Outcome.SKIPPED,
    ]
    assert file_bytes(office.path) == before


def test_a_refused_file_writes_nothing_not_even_its_fingerprint(tmp_path: Path, office_path: Path) -> None:
    a, office, _b = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Nieuw"))
    data = bytearray(a.export(to=office))
    data[-10] ^= 0xFF
    bad = tmp_path / "slecht.tpx"
    bad.write_bytes(bytes(data))
    before = file_bytes(office.path)
    (result,) = ingest(office.db, [bad], _keys(office))
    assert result.outcome is Outcome.REFUSED and "beschadigd" in result.reason
    assert file_bytes(office.path) == before


def _office_home(tmp_path: Path, office: Side, senders: list[Side]) -> tuple[Path, Path]:
    """A config folder in which the office trusts the senders, and its age identity as a file."""
    from ui.shell.keys import KeyStore

    home = tmp_path / "kantoor-thuis"
    store = KeyStore(home / "config" / "Trajectplanner")
    for sender in senders:
        store.trust(sender.public, sender.name)
    identity = tmp_path / "kantoor-identiteit.age"
    identity.write_text(f"{office.identity}\n", encoding="ascii")
    return home, identity


def _start(home: Path, db: Path, identity: Path, files: list[Path]) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "HOME": str(home / "home"),
    }
    command = [sys.executable, str(ROOT / "main.py"), "import", *map(str, files), "--db", str(db)]
    return subprocess.Popen(
        [*command, "--identity", str(identity), "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def test_two_ingests_at_once_lose_nothing(tmp_path: Path, office_path: Path) -> None:
    """Two processes read the same files at the same time (one front to back, the other back to
    front, so that they meet): every file is taken exactly once, every last edit is there, and
    the one record edited on both laptops is exactly one open conflict."""
    a, office, b = three_sides(tmp_path, office_path)
    files: list[Path] = []
    for i in range(1, 5):
        edit_household(a, "DEMO-0002", lambda h, i=i: setattr(h, "street", f"A-straat {i}"))
        edit_household(b, "DEMO-0003", lambda h, i=i: setattr(h, "street", f"B-straat {i}"))
        if i == 4:  # the same record on both laptops
            edit_plan(a, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op A"))
            edit_plan(b, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op B"))
        for side, letter in ((a, "a"), (b, "b")):
            path = tmp_path / f"{i:02d}-{letter}.tpx"
            path.write_bytes(side.export(to=office))
            files.append(path)
    office.db.close()
    home, identity = _office_home(tmp_path, office, [a, b])

    first = _start(home, office_path, identity, files)
    second = _start(home, office_path, identity, list(reversed(files)))
    outputs = [p.communicate(timeout=300) for p in (first, second)]
    for process, (_out, err) in zip((first, second), outputs, strict=True):
        assert process.returncode == 0, err
    runs = [json.loads(out) for out, _err in outputs]
    taken = [sorted(f["file"] for f in run["files"] if f["result"] == "taken") for run in runs]
    assert sorted(taken[0] + taken[1]) == sorted(map(str, files))  # each file taken exactly once
    for run in runs:
        assert run["refused"] == 0
        assert {f["file"] for f in run["files"] if f["result"] == "skipped"} == (
            set(map(str, files)) - {f["file"] for f in run["files"] if f["result"] == "taken"}
        )

    office_db = Side(office_path, "Kantoor").db
    with office_db.unit_of_work(write=False) as uow:
        two = uow.households.by_case_number("DEMO-0002")
        three = uow.households.by_case_number("DEMO-0003")
        one = uow.households.by_case_number("DEMO-0001")
        assert two is not None and three is not None and one is not None
        assert (two.street, three.street) == ("A-straat 4", "B-straat 4")
        plan = uow.plans.active(one.id)
        assert plan is not None
        standing = plan.life_areas[0].desired_result
    (conflict,) = exchange.open_conflicts(office_db)
    ((_name, here, incoming),) = conflict.fields()
    assert here == standing and {here, incoming} == {"Op A", "Op B"}  # nothing typed is lost

    # A third run, after both: everything skipped, nothing changed.
    before = dump(office_path)
    third = _start(home, office_path, identity, files)
    out, err = third.communicate(timeout=300)
    assert third.returncode == 0, err
    assert json.loads(out)["skipped"] == len(files)
    assert dump(office_path) == before
