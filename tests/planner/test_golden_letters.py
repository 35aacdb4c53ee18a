"""Two golden letters, compared byte-for-byte (reportlab invariant mode), built end to end from the
demo's Jansen household (domain.md §8): the mother's household help with customary help, and
Daan's begeleiding split at his 18th birthday with a bridging agreement for his own provider: the
Jeugdwet part in a letter to his mother, the Wmo part in a letter to Daan himself.

Regenerate after an intended change:  UPDATE_GOLDEN=1 .venv/bin/pytest tests/planner/test_golden_letters.py
"""

from __future__ import annotations

import pytest

from planner.deciding import DecisionBundle, decide_plan
from planner.demo import build_demo_region
from planner.documents.letter import render_letter
from planner.model import PlanStatus
from planner.reference import load_reference
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY, split_at_adulthood
from tests.planner.test_letter import assert_golden


@pytest.fixture(scope="module")
def jansen_bundle() -> DecisionBundle:
    ref = load_reference()
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    daan = next(m for m in household.members if m.given_names == "Daan")
    concept = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    plan = split_at_adulthood(concept, daan, region.catalogue, ref)
    args = (household, plans, plan, region.catalogue, ref, SENT, PROFESSIONAL, TODAY)
    outcome = decide_plan(*args, decide_plan(*args).warnings)
    assert outcome.bundle is not None, [f.code for f in outcome.findings]
    return outcome.bundle


def test_golden_wmo_household_help_with_customary_help(jansen_bundle: DecisionBundle) -> None:
    letter = jansen_bundle.letters[0]
    assert any(r.deducts for d in letter.decisions for r in d.hours_rows)
    assert_golden("jansen_wmo_household_help", render_letter(letter, invariant=True))


def test_golden_jeugdwet_to_wmo_split_with_bridging(jansen_bundle: DecisionBundle) -> None:
    """The split's Jeugdwet part, to his mother; the Wmo part is in Daan's own letter (domain.md §6)."""
    letter = jansen_bundle.letters[1]
    assert [d.law for d in letter.decisions] == ["Jeugdwet"]
    assert "tot en met" in letter.decisions[0].own_provider_text
    assert_golden("jansen_split_with_bridging", render_letter(letter, invariant=True))


def test_golden_wmo_part_in_the_young_adults_own_letter(jansen_bundle: DecisionBundle) -> None:
    letter = jansen_bundle.letters[2]
    assert [d.law for d in letter.decisions] == ["Wmo 2015"]
    assert letter.addressee.name == "D. Jansen"
    assert_golden("jansen_split_wmo_own_letter", render_letter(letter, invariant=True))
