"""The document service without a database: a stored decision prints as stored, anything else as a
concept built fresh; letters and plan document come out as PDF files named without names.

The service reads storage through its `DecisionSource` port; here that port is a dict, the way
the database implements it as the unit of work's decision store (tested in tests/db).
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from planner.deciding import build_bundle
from planner.demo import build_demo_region
from planner.documents import service
from planner.documents.service import DecidedPlan
from planner.model import PlanStatus
from planner.reference import Reference, load_reference
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY, text_of


class DictSource:
    """Stored decisions in memory: plan id -> bundle JSON."""

    def __init__(self, stored: dict[str, str] | None = None) -> None:
        self.stored = stored or {}

    def get(self, plan_id: str) -> str | None:
        return self.stored.get(plan_id)

    def decided_since(self, since: date) -> list[DecidedPlan]:
        return []


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def van_den_berg(ref: Reference):
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0003")
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    return household, plan, region.catalogue


def test_a_plan_without_a_stored_decision_prints_as_concept(van_den_berg, ref: Reference) -> None:
    household, plan, catalogue = van_den_berg
    bundle = service.printable_bundle(DictSource(), household, plan, catalogue, ref, PROFESSIONAL, TODAY)
    assert bundle.sent_on == TODAY  # a concept is dated the day it is printed
    docs = service.all_documents(bundle)
    assert [d.kind for d in docs] == ["letter", "plan"]
    assert all(d.concept for d in docs)
    assert [d.filename for d in docs] == [
        "DEMO-0003-1-1-concept.pdf",
        "DEMO-0003-ondersteuningsplan-concept.pdf",
    ]
    assert "CONCEPT" in text_of(docs[0].pdf)


def test_a_stored_decision_prints_exactly_as_stored(van_den_berg, ref: Reference) -> None:
    household, plan, catalogue = van_den_berg
    decided = dataclasses.replace(plan, status=PlanStatus.DECIDED, decided_on=TODAY)
    sent = build_bundle(household, decided, catalogue, ref, SENT, PROFESSIONAL, TODAY)
    source = DictSource({plan.id: sent.to_json()})
    # A different signer and today: the stored bundle wins, nothing is rebuilt.
    other = dataclasses.replace(PROFESSIONAL, name="Iemand Anders")
    bundle = service.printable_bundle(source, household, decided, catalogue, ref, other, date(2027, 6, 1))
    assert bundle == sent
    assert service.stored_bundle(source, plan.id) == sent
    assert service.stored_bundle(source, "no-such-plan") is None
    letters = service.letter_documents(bundle, invariant=True)
    assert [d.filename for d in letters] == ["DEMO-0003-1-1.pdf"] and not letters[0].concept
    assert "Sanne de Boer" in text_of(letters[0].pdf) and "CONCEPT" not in text_of(letters[0].pdf)
    assert letters == service.letter_documents(bundle, invariant=True)  # byte-stable when invariant
    assert service.plan_document(bundle).title == "Ondersteuningsplan"


def test_a_letter_about_a_child_names_the_child_in_its_title(ref: Reference) -> None:
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    bundle = service.printable_bundle(
        DictSource(), household, plan, region.catalogue, ref, PROFESSIONAL, TODAY
    )
    titles = [d.title for d in service.letter_documents(bundle)]
    assert any(t.startswith("Brief aan ") and "(over Daan Jansen)" in t for t in titles), titles
