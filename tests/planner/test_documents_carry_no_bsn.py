"""Minimise the BSN on paper (facts.md §6): no letter or plan document of any showcase household
prints a member's BSN, in any of its usual spellings; the case number identifies the file."""

from __future__ import annotations

import re

import pytest

from planner.documents.service import all_documents, printable_bundle
from planner.reference import load_reference
from tests.planner.showcase_documents import (
    CASES,
    PROFESSIONAL,
    TODAY,
    concept_of,
    demo_database,
    load_case,
    text_of,
)


@pytest.mark.parametrize("case", CASES)
def test_no_bsn_on_paper(tmp_path, case: str) -> None:
    db = demo_database(tmp_path / "demo.sqlite")
    try:
        household, plans, catalogue = load_case(db, case)
        with db.unit_of_work(write=False) as uow:
            bundle = printable_bundle(
                uow.decisions, household, concept_of(plans), catalogue, load_reference(), PROFESSIONAL, TODAY
            )
    finally:
        db.close()
    numbers = [m.bsn for m in household.members if m.bsn]
    assert numbers, "a showcase without BSNs proves nothing"
    for document in all_documents(bundle):
        digits = re.sub(r"\D", "", text_of(document.pdf))  # "9999.00.006" and "9999 00 006" too
        for bsn in numbers:
            assert bsn not in digits, f"{case}: a BSN printed in {document.filename}"
