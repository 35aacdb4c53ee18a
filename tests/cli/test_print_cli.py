"""`letter`, `plan-pdf`, `letters --decided-since` and `print`, run as real subprocesses on a real
database."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from db.database import Database
from db.demo_loader import load_demo
from planner.deciding import decide_plan
from planner.documents.common import Professional
from planner.model import Household, Member, Plan, PlanStatus, Role
from planner.reference import load_reference
from planner.services.deciding import store_decision
from tests.db.raw import raw_connect
from tests.planner.showcase_documents import text_of

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2027, 1, 20)


def run(tmp_path: Path, *args: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PATH": os.environ["PATH"] if path is None else path,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "HOME": str(tmp_path / "home"),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--today", TODAY.isoformat()],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo with Van den Berg's plan decided (sent 1 February 2027) and a signer in the settings."""
    path = tmp_path_factory.mktemp("print") / "demo.sqlite"
    db = Database.open(path)
    load_demo(db, today=TODAY)
    ref = load_reference()
    with db.unit_of_work() as uow:
        uow.settings.set("professional.name", "Sanne de Boer")
        uow.settings.set("professional.role", "Wmo-consulent")
        household = uow.households.by_case_number("DEMO-0003")
        plans = uow.plans.for_household(household.id)
        catalogue = uow.catalogue.load()
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    signer = Professional("Sanne de Boer", "Wmo-consulent")
    outcome = decide_plan(household, plans, plan, catalogue, ref, date(2027, 2, 1), signer, TODAY)
    assert outcome.decided, [f.message for f in outcome.findings]
    with db.unit_of_work() as uow:
        store_decision(uow, outcome)
        # A household just started: its plan has no support yet (every showcase household has some).
        new = Household(
            "LEEG-0001", "GM0301", members=[Member("Piet", "Leeg", date(1980, 1, 1), Role.PARENT)]
        )
        uow.households.save(new)
        uow.plans.save(Plan(new.id))
    db.close()
    return path


def test_letter_of_a_decided_plan_comes_from_the_snapshot(db_path: Path, tmp_path: Path) -> None:
    result = run(tmp_path, "letter", "DEMO-0003", "--out", str(tmp_path / "out"), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    assert path.name == "DEMO-0003-1-1.pdf"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    text = text_of(path.read_bytes())
    assert "CONCEPT" not in text
    assert "maandag 15 maart 2027" in text  # sent 1 February 2027, as stored; not --today
    assert "Sanne de Boer" in text
    assert not list(path.parent.glob(".*.tmp"))  # no temporary file left behind


def test_letters_of_a_concept_plan_are_marked(db_path: Path, tmp_path: Path) -> None:
    result = run(tmp_path, "letter", "DEMO-0001", "--out", str(tmp_path), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert [p.name for p in paths] == ["DEMO-0001-1-1-concept.pdf", "DEMO-0001-1-2-concept.pdf"]
    assert "CONCEPT" in text_of(paths[0].read_bytes())
    assert "concepten" in result.stderr


def test_plan_pdf(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    result = run(tmp_path, "plan-pdf", "DEMO-0002", "--out", str(target), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    assert "Ondersteuningsplan huishouden Bakker" in text_of(target.read_bytes())


def test_unknown_case_number_is_a_clear_dutch_error(db_path: Path, tmp_path: Path) -> None:
    for verb in ("letter", "plan-pdf"):
        result = run(tmp_path, verb, "DEMO-9999", "--out", str(tmp_path / "x.pdf"), "--db", str(db_path))
        assert result.returncode == 1
        assert "Er is geen huishouden met dossiernummer ‘DEMO-9999’" in result.stderr
        assert "Traceback" not in result.stderr


def test_plan_without_support_has_no_letters(db_path: Path, tmp_path: Path) -> None:
    result = run(tmp_path, "letter", "LEEG-0001", "--out", str(tmp_path), "--db", str(db_path))
    assert result.returncode == 1
    assert "geen brieven" in result.stderr


def test_batch_letters_since_a_date_with_progress(db_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "batch"
    args = ("letters", "--decided-since", "2027-01-01", "--out", str(out), "--db", str(db_path), "--progress")
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    assert [Path(p).name for p in result.stdout.split()] == ["DEMO-0003-1-1.pdf"]
    assert "[##############################] 1/1" in result.stderr
    assert "1 brieven van 1 besluiten" in result.stderr
    later = run(tmp_path, "letters", "--decided-since", "2027-01-21", "--out", str(out), "--db", str(db_path))
    assert later.returncode == 0 and later.stdout == ""
    assert "geen plannen vastgesteld sinds 21-01-2027" in later.stderr
    bad = run(tmp_path, "letters", "--decided-since", "gisteren", "--out", str(out), "--db", str(db_path))
    assert bad.returncode == 1 and "geen geldige datum" in bad.stderr


def test_letter_of_a_decided_plan_is_the_same_bytes_every_time(db_path: Path, tmp_path: Path) -> None:
    """Each reprint returns the files stored at deciding: no new /CreationDate, /ID or layout."""
    prints = []
    for n in (1, 2):
        out = str(tmp_path / f"out{n}")
        result = run(tmp_path, "letter", "DEMO-0003", "--out", out, "--db", str(db_path))
        assert result.returncode == 0, result.stderr
        (path,) = [Path(line) for line in result.stdout.splitlines()]
        prints.append(path.read_bytes())
    db = Database.open(db_path)
    with db.unit_of_work(write=False) as uow:
        plan = uow.plans.active(uow.households.by_case_number("DEMO-0003").id)
        stored = uow.decisions.documents(plan.id)
    db.close()
    assert prints[0] == prints[1] == stored[0].pdf
    since = ("letters", "--decided-since", "2027-01-01")
    batch = run(tmp_path, *since, "--out", str(tmp_path / "b"), "--db", str(db_path))
    assert batch.returncode == 0, batch.stderr
    assert Path(batch.stdout.split()[0]).read_bytes() == stored[0].pdf


def test_a_stored_letter_that_no_longer_matches_its_hash_is_refused(db_path: Path, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite"
    assert not db_path.with_name(db_path.name + "-wal").exists()  # closed: everything is in the file
    damaged.write_bytes(db_path.read_bytes())
    conn = raw_connect(damaged)  # one byte added to the stored letter, behind the program's back
    conn.execute("UPDATE decision_documents SET pdf = CAST(pdf || x'20' AS BLOB) WHERE kind = 'letter'")
    conn.commit()
    conn.close()
    for args in (
        ("letter", "DEMO-0003", "--out", str(tmp_path / "x")),
        ("letters", "--decided-since", "2027-01-01", "--out", str(tmp_path / "y")),
    ):
        result = run(tmp_path, *args, "--db", str(damaged))
        assert result.returncode == 1, result.stdout
        assert "is beschadigd: de inhoud klopt niet meer met de controlecode" in result.stderr
        assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("[xy]/*.pdf"))  # nothing printed in its place


def test_print_everything_of_a_case_as_one_job_without_system_tools(db_path: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    empty = tmp_path / "empty-bin"  # no pdftoppm, no lp: the program prints by itself
    empty.mkdir()
    target = tmp_path / "afdruk" / "DEMO-0001.pdf"
    result = run(tmp_path, "print", "DEMO-0001", "--pdf", str(target), "--db", str(db_path), path=str(empty))
    assert result.returncode == 0, result.stderr
    titles = result.stdout.splitlines()
    assert titles[0].startswith("Brief aan") and titles[-1] == "Ondersteuningsplan"
    letters = run(tmp_path, "letter", "DEMO-0001", "--out", str(tmp_path / "los"), "--db", str(db_path))
    plan = run(tmp_path, "plan-pdf", "DEMO-0001", "--out", str(tmp_path / "los"), "--db", str(db_path))
    sources = [Path(p) for p in letters.stdout.split() + plan.stdout.split()]
    pages = sum(len(PdfReader(p).pages) for p in sources)
    assert len(titles) == len(sources) == 3  # Marieke's letter, Daan's (not split yet), the plan
    assert f"Afgedrukt naar {target}: 3 documenten, {pages} pagina's." in result.stderr
    assert "concepten" in result.stderr
    printed = PdfReader(target)
    assert len(printed.pages) == pages
    assert text_of(target.read_bytes()).strip() == " ".join(text_of(p.read_bytes()).strip() for p in sources)
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert not list(target.parent.glob(".*.tmp"))


def test_print_to_an_unknown_printer_says_which_there_are(db_path: Path, tmp_path: Path) -> None:
    result = run(tmp_path, "print", "DEMO-0003", "--printer", "Bestaat-niet", "--db", str(db_path))
    assert result.returncode == 1
    assert "Er is geen printer ‘Bestaat-niet’. Beschikbare printers:" in result.stderr
    assert "--pdf BESTAND" in result.stderr and "Traceback" not in result.stderr
