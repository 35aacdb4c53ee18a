"""The files of a decision as sent: rendered at deciding (invariant mode), stored with a SHA-256,
and returned byte for byte by every reprint, whatever changes later in the renderer's code."""

from __future__ import annotations

import dataclasses
import hashlib
import math
from pathlib import Path

import pytest

from db.database import Database
from planner.deciding import decide_plan
from planner.documents import base
from planner.documents.service import all_documents
from planner.model import Plan, PlanStatus
from planner.reference import Reference, load_reference
from planner.services.deciding import decide
from planner.services.documents import DocumentError, decided_documents, printable_documents
from tests.db.raw import raw_connect
from tests.planner.showcase_documents import (
    PROFESSIONAL,
    SENT,
    TODAY,
    concept_of,
    demo_database,
    load_case,
    text_of,
)

CASE = "DEMO-0003"  # Van den Berg: a clean concept with one letter


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture
def db(tmp_path: Path) -> Database:
    return demo_database(tmp_path / "demo.sqlite")


def decided(db: Database, ref: Reference, plan: Plan | None = None) -> Plan:
    household, plans, catalogue = load_case(db, CASE)
    outcome = decide(
        db, household, plans, plan or concept_of(plans), catalogue, ref, SENT, PROFESSIONAL, TODAY
    )
    assert outcome.outcome.decided, [f.message for f in outcome.outcome.findings]
    assert outcome.outcome.plan is not None
    return outcome.outcome.plan


def reprint(db: Database, ref: Reference) -> list[bytes]:
    household, plans, _ = load_case(db, CASE)
    plan = next(p for p in plans if p.status is PlanStatus.DECIDED)
    return [d.pdf for d in printable_documents(db, household, plan, ref, PROFESSIONAL, TODAY)]


def test_deciding_stores_every_document_with_its_hash(db: Database, ref: Reference) -> None:
    plan = decided(db, ref)
    with db.unit_of_work(write=False) as uow:
        rows = uow.decisions.documents(plan.id)
    assert [(r.position, r.kind, r.filename) for r in rows] == [
        (0, "letter", "DEMO-0003-1-1.pdf"),
        (1, "plan", "DEMO-0003-ondersteuningsplan.pdf"),
    ]
    assert all(hashlib.sha256(r.pdf).hexdigest() == r.sha256 for r in rows)
    assert b"/CreationDate (D:20000101000000+00'00')" in rows[0].pdf  # reportlab's invariant mode
    assert reprint(db, ref) == [r.pdf for r in rows] == reprint(db, ref)


def test_a_renderer_change_leaves_a_stored_letter_alone_and_shows_in_a_concept(
    db: Database, ref: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    household, plans, catalogue = load_case(db, CASE)
    concept = concept_of(plans)
    decided(db, ref, dataclasses.replace(concept))
    sent = reprint(db, ref)
    # A concept of the same plan as it would print before and after a change to the letter's style.
    from planner.deciding import concept_bundle

    def concept_letter() -> bytes:
        bundle = concept_bundle(household, concept, catalogue, ref, SENT, PROFESSIONAL, TODAY)
        return all_documents(bundle, invariant=True)[0].pdf

    before = concept_letter()
    body = base.stylesheet()["Body"]
    monkeypatch.setattr(body, "fontSize", body.fontSize + 2)
    monkeypatch.setattr(body, "leading", body.leading + 3)
    after = concept_letter()
    assert after != before  # the change is real: a new concept shows it
    assert reprint(db, ref) == sent  # the letter that was sent does not move


def test_a_decision_stored_before_the_files_prints_its_bundle_in_invariant_mode(
    db: Database, ref: Reference
) -> None:
    household, plans, catalogue = load_case(db, CASE)
    outcome = decide_plan(household, plans, concept_of(plans), catalogue, ref, SENT, PROFESSIONAL, TODAY)
    assert outcome.bundle is not None and outcome.plan is not None
    with db.unit_of_work() as uow:  # as a decision was stored up to schema 0006: the bundle only
        uow.plans.save(outcome.plan)
        uow.decisions.save(outcome.plan.id, outcome.bundle.to_json())
    with db.unit_of_work(write=False) as uow:
        assert uow.decisions.documents(outcome.plan.id) == []
        docs = decided_documents(uow, outcome.plan.id)
    assert docs is not None and not any(d.concept for d in docs)
    assert [d.pdf for d in docs] == [d.pdf for d in outcome.documents]  # the same invariant rendering
    assert reprint(db, ref) == reprint(db, ref)
    assert "CONCEPT" not in text_of(docs[0].pdf)


def test_a_damaged_stored_letter_is_a_dutch_error_never_a_new_rendering(db: Database, ref: Reference) -> None:
    plan = decided(db, ref)
    path = db.path
    db.close()
    conn = raw_connect(path)
    conn.execute("UPDATE decision_documents SET pdf = CAST(pdf || x'20' AS BLOB) WHERE position = 0")
    conn.commit()
    conn.close()
    db = Database.open(path)
    with pytest.raises(DocumentError, match=r"DEMO-0003-1-1\.pdf is beschadigd"):
        reprint(db, ref)
    with db.unit_of_work(write=False) as uow, pytest.raises(DocumentError, match="back-up"):
        decided_documents(uow, plan.id)
    db.close()


def test_a_plan_whose_documents_cannot_be_laid_out_is_not_decided(
    db: Database, ref: Reference, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Deciding renders first: with rows that may not split (the renderer before this change), a
    long desired result no longer fits a page, and the plan stays a concept with nothing stored."""
    monkeypatch.setattr(base, "TALL_ROW", math.inf)
    household, plans, catalogue = load_case(db, CASE)
    plan = concept_of(plans)
    plan.life_areas[0].desired_result = "Een lange zin over wat het gezin wil bereiken. " * 120
    result = decide(db, household, plans, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY)
    assert not result.outcome.decided
    (finding,) = [f for f in result.outcome.errors if f.code == "decision.unprintable"]
    assert "niet worden opgemaakt" in finding.message and "niet vastgesteld" in finding.message
    with db.unit_of_work(write=False) as uow:
        assert uow.decisions.get(plan.id) is None and uow.decisions.documents(plan.id) == []
        stored = uow.plans.get(plan.id)
    assert stored is not None and stored.status is PlanStatus.CONCEPT
    monkeypatch.undo()  # the renderer as it is: the same plan now decides and prints
    assert decided(db, ref, plan).status is PlanStatus.DECIDED


def test_a_0006_file_upgrades_and_its_decisions_still_print(db: Database, ref: Reference) -> None:
    """Migration 0007 adds the table; a decision stored before it (bundle only) prints by
    rendering that bundle in invariant mode: the same bytes the app would have stored."""
    from alembic import command

    from db.database import _alembic_config, head_revision

    plan = decided(db, ref)
    with db.unit_of_work(write=False) as uow:
        sent = [d.pdf for d in uow.decisions.documents(plan.id)]
    with db.engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
        assert (
            "decision_documents" not in conn.exec_driver_sql("SELECT name FROM sqlite_master").scalars().all()
        )
    path = db.path
    db.close()
    with Database.open(path) as upgraded:
        assert upgraded.schema_version == head_revision()
        with upgraded.unit_of_work(write=False) as uow:
            assert uow.decisions.documents(plan.id) == []
            docs = decided_documents(uow, plan.id)
    assert docs is not None and [d.pdf for d in docs] == sent
