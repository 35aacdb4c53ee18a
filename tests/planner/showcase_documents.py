"""Shared set-up for document tests: the demo loaded into a real database with a fixed today."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from db.database import Database
from db.demo_loader import load_demo
from planner.adulthood import split_member_allocations
from planner.catalogue import Catalogue
from planner.documents.common import Professional
from planner.model import Household, Member, Plan, PlanStatus
from planner.reference import Reference

TODAY = date(2027, 1, 20)  # the demo's plans then start on Monday 1 February 2027
# Day 42 after Thursday 25 March 2027 is Ascension Day (6 May), the Friday after it is equated by
# decree, then a weekend: the last day to object is Monday 10 May 2027 (facts.md §1).
SENT = date(2027, 3, 25)
LAST_DAY_WORDS = "maandag 10 mei 2027"
PROFESSIONAL = Professional("Sanne de Boer", role="Wmo-consulent")
CASES = ("DEMO-0001", "DEMO-0002", "DEMO-0003", "DEMO-0004", "DEMO-0005", "DEMO-0006")


def text_of(pdf: bytes) -> str:
    """All pages' text with whitespace collapsed (a wrapped line may break a phrase anywhere)."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def demo_database(path: Path) -> Database:
    db = Database.open(path)
    load_demo(db, today=TODAY)
    return db


def load_case(db: Database, case_number: str) -> tuple[Household, list[Plan], Catalogue]:
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case_number)
        assert household is not None, case_number
        return household, uow.plans.for_household(household.id), uow.catalogue.load()


def concept_of(plans: list[Plan]) -> Plan:
    return next(p for p in plans if p.status is PlanStatus.CONCEPT)


def split_at_adulthood(plan: Plan, member: Member, catalogue: Catalogue, reference: Reference) -> Plan:
    """Accept the app's proposal for every allocation of the member that crosses the 18th birthday."""
    return split_member_allocations(plan, member, catalogue, reference)
