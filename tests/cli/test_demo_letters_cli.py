"""The demo shows every situation (issue 10 item 8), through the real command line: every showcase
household of `demo` prints its letters, the decided showcase plan reprints the letter it was sent,
and `letters --decided-since` prints a letter for every decided plan of `demo --households N`."""

from __future__ import annotations

from pathlib import Path

import pytest

from db.database import Database
from planner.demo import build_demo_region, demo_decision
from planner.documents.common import Professional
from planner.documents.service import letter_documents, stored_bundle
from planner.dutch import date_words
from planner.model import PlanStatus
from planner.reference import load_reference
from tests.cli.test_print_cli import TODAY, run
from tests.planner.showcase_documents import text_of

SHOWCASE = [h.case_number for h, _ in build_demo_region(load_reference(), TODAY).showcase]


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("demo")
    path = home / "demo.sqlite"
    result = run(home, "demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return path


@pytest.mark.parametrize("case", SHOWCASE)
def test_every_showcase_household_prints_its_letters(case: str, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(tmp_path, "letter", case, "--out", str(out), "--db", str(demo_db))
    assert result.returncode == 0, result.stderr
    paths = [Path(line) for line in result.stdout.splitlines()]
    assert paths and all(p.name.startswith(case) for p in paths)
    for path in paths:
        text = text_of(path.read_bytes())
        assert "Ons besluit" in text and "bezwaar" in text, path.name
    with Database.open(demo_db) as db, db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case)
        assert household is not None
        plan = uow.plans.active(household.id)
        assert plan is not None and plan.allocations  # support, so letters
        if plan.status is PlanStatus.CONCEPT:  # a concept says so on every page and on stderr
            assert all(p.name.endswith("-concept.pdf") for p in paths)
            assert "concepten" in result.stderr


def test_the_decided_showcase_plan_reprints_the_letter_it_was_sent(demo_db: Path, tmp_path: Path) -> None:
    ref = load_reference()
    region = build_demo_region(ref, TODAY)
    with Database.open(demo_db) as db, db.unit_of_work(write=False) as uow:
        decided = [
            (h, p)
            for h, _ in region.showcase
            for p in uow.plans.for_household(h.id)
            if p.status is PlanStatus.DECIDED
        ]
        assert decided, "the showcase has a decided plan"
        stored = {p.id: stored_bundle(uow.decisions, p.id) for _, p in decided}
    for household, plan in decided:
        bundle = stored[plan.id]
        assert bundle is not None and bundle.letters, household.case_number
        # What the program stores when it decides that plan on its decision date.
        plans = next(ps for h, ps in region.showcase if h.id == household.id)
        spec = next(p for p in plans if p.id == plan.id)
        expected = demo_decision(
            household, plans, spec, region.catalogue, ref, Professional(region.professional)
        )
        assert bundle == expected.bundle and plan.decided_on == spec.decided_on
        since = plan.decided_on.isoformat()
        out = tmp_path / household.case_number
        result = run(tmp_path, "letters", "--decided-since", since, "--out", str(out), "--db", str(demo_db))
        assert result.returncode == 0, result.stderr
        assert expected.bundle is not None
        for doc in letter_documents(expected.bundle):
            assert not doc.concept
            printed = text_of((out / doc.filename).read_bytes())
            assert printed == text_of(doc.pdf)  # the letter as it was sent ...
            assert date_words(plan.decided_on) in printed  # ... dated the day it was sent


def test_letters_since_prints_every_decided_plan_of_the_generated_demo(tmp_path: Path) -> None:
    path = tmp_path / "groot.sqlite"
    result = run(tmp_path, "demo", "--households", "200", "--db", str(path))
    assert result.returncode == 0, result.stderr
    with Database.open(path) as db, db.unit_of_work(write=False) as uow:
        decided = uow.plans.with_status(PlanStatus.DECIDED)
        cases = {h.id: h.case_number for h in (uow.households.get(p.household_id) for p in decided) if h}
    generated = [p for p in decided if not cases[p.household_id].startswith("DEMO-")]
    assert len(generated) > 100  # most generated plans started months ago and were decided
    out = tmp_path / "brieven"
    args = ("letters", "--decided-since", "2000-01-01", "--out", str(out), "--db", str(path), "--progress")
    result = run(tmp_path, *args)
    assert result.returncode == 0, result.stderr
    names = [Path(p).name for p in result.stdout.split()]
    assert sorted(names) == sorted(p.name for p in out.iterdir())
    for plan in decided:  # a letter for every decided plan
        prefix = f"{cases[plan.household_id]}-{plan.version}-"
        assert any(n.startswith(prefix) and not n.endswith("-concept.pdf") for n in names), prefix
    n = len(decided)
    assert f"[{'#' * 30}] {n}/{n}" in result.stderr
    assert f"{len(names)} brieven van {n} besluiten" in result.stderr
