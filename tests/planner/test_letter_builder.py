"""Snapshots built from the demo's Jansen household (domain.md §8), rendered and read back."""

from __future__ import annotations

import copy
import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

from planner import periods
from planner.adulthood import split_member_allocations
from planner.demo import build_demo_region
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.letter_content import build_letters
from planner.documents.plan_content import build_plan_document
from planner.documents.plan_document import render_plan_document
from planner.documents.snapshots import LetterSnapshot, PlanDocumentSnapshot
from planner.dutch import date_words
from planner.model import Household, Law, Plan, PlanStatus
from planner.reference import Reference, load_reference

TODAY = date(2027, 1, 20)
SENT = date(2027, 2, 1)  # a Monday: the last day to object is Monday 15 March 2027 (facts.md §1)
PROFESSIONAL = Professional("Sanne de Boer", role="Wmo-consulent")


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def jansen(ref: Reference):
    """The Jansen household with Daan's support split at his 18th birthday, as the app proposes."""
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.name == "Jansen")
    plan = copy.deepcopy(plans[-1])
    daan = next(m for m in household.members if m.given_names == "Daan")
    plan = split_member_allocations(plan, daan, region.catalogue, ref)
    return household, plan, region.catalogue, daan


def letters_for(jansen, ref: Reference) -> list[LetterSnapshot]:
    household, plan, catalogue, _ = jansen
    return build_letters(household, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY)


def test_one_letter_per_member_and_addressee(jansen, ref: Reference) -> None:
    """Daan's split gives two letters: the Jeugdwet part to his mother, the Wmo part to himself."""
    letters = letters_for(jansen, ref)
    household: Household = jansen[0]
    mother, daan = (m.full_name for m in household.members)
    assert [x.about_member for x in letters] == [mother, daan, daan]
    assert [x.reference for x in letters] == ["DEMO-0001-1-1", "DEMO-0001-1-2", "DEMO-0001-1-3"]
    assert all(x.concept for x in letters)  # the demo plan is not decided yet
    assert all(x.objection_last_day == date(2027, 3, 15) for x in letters)


def test_household_help_letter(jansen, ref: Reference) -> None:
    mother = letters_for(jansen, ref)[0]
    (decision,) = mother.decisions
    assert decision.law == "Wmo 2015"
    assert decision.hours_total_minutes == sum(
        -r.minutes_per_week if r.deducts else r.minutes_per_week for r in decision.hours_rows
    )
    text = text_of(render_letter(mother))
    for phrase in [
        decision.amount_words,
        "van 1 februari 2027 tot en met 31 januari 2028",
        "12 maanden",
        decision.total_words,
        "maandag 15 maart 2027",
        "CAK",
        "cliëntondersteuner",
        "Namens het college van burgemeester en wethouders van Zutphen",
        "Sanne de Boer",
        "Pagina 1 van",
    ]:
        assert phrase in text, phrase


def test_minor_split_letter_goes_to_the_parent_and_explains_both_parts(jansen, ref: Reference) -> None:
    _, _, _, daan = jansen
    letter, own = letters_for(jansen, ref)[1:]
    assert letter.addressee.name == "M. Jansen"
    assert letter.about_member == daan.full_name
    # The Jeugdwet part is decided towards the parent; the Wmo part in Daan's own letter (domain.md §6).
    (youth,) = letter.decisions
    (adult,) = own.decisions
    assert own.addressee.name == daan.formal_name and own.about_member == daan.full_name
    birthday = periods.eighteenth_birthday(daan.birth_date, ref.terms.adult_age)
    assert (youth.law, youth.end) == ("Jeugdwet", birthday - timedelta(days=1))
    assert (adult.law, adult.start) == ("Wmo 2015", birthday)
    # Each letter explains the split and says where the other part is decided.
    assert youth.split_text and adult.split_text and youth.split_text != adult.split_text
    assert "tot en met 30 juni 2027" in youth.own_provider_text
    text = text_of(render_letter(letter))
    for phrase in [
        f"Daan wordt op {date_words(birthday)} 18 jaar",
        youth.period_words,
        youth.length_words,
        "Daarover krijgt Daan zelf een brief.",
        "Voor jeugdhulp betaalt u geen eigen bijdrage.",
        "Jeugdwet (artikel 2.3)",
    ]:
        assert phrase in text, phrase
    assert "CAK" not in text and adult.period_words not in text
    own_text = text_of(render_letter(own))
    for phrase in [adult.period_words, adult.length_words, "Het CAK stuurt u daarvoor de rekening"]:
        assert phrase in own_text, phrase


def test_snapshots_round_trip_and_reprint_byte_for_byte(jansen, ref: Reference) -> None:
    for letter in letters_for(jansen, ref):
        stored = letter.to_json()
        again = LetterSnapshot.from_json(stored)
        assert again == letter
        assert render_letter(again, invariant=True) == render_letter(letter, invariant=True)


def test_decided_plan_prints_without_watermark(jansen, ref: Reference) -> None:
    household, plan, catalogue, _ = jansen
    decided: Plan = copy.deepcopy(plan)
    decided.status = PlanStatus.DECIDED
    letters = build_letters(household, decided, catalogue, ref, SENT, PROFESSIONAL, TODAY)
    assert not any(x.concept for x in letters)
    assert "CONCEPT" not in text_of(render_letter(letters[0]))


def test_plan_document(jansen, ref: Reference) -> None:
    household, plan, catalogue, _ = jansen
    snapshot = build_plan_document(household, plan, catalogue, ref, PROFESSIONAL, TODAY)
    assert PlanDocumentSnapshot.from_json(snapshot.to_json()) == snapshot
    assert {c.distance for c in snapshot.matrix} <= {"licht", "midden", "zwaar"}
    text = text_of(render_plan_document(snapshot))
    for phrase in [
        "Ondersteuningsplan huishouden Jansen",
        "DEMO-0001",
        "Daan wordt 18",
        "Einde overbrugging",
        "Handtekening:",
        "Sanne de Boer, Wmo-consulent",
    ]:
        assert phrase in text, phrase


def test_extended_youth_care_letter_gives_the_recorded_reason(jansen, ref: Reference) -> None:
    household, plan, catalogue, daan = jansen
    plan = copy.deepcopy(plan)
    youth = next(a for a in plan.allocations if a.member_id == daan.id and a.law is Law.JEUGDWET)
    plan.allocations = [a for a in plan.allocations if a.member_id != daan.id or a is youth]
    youth.end = plan.allocations[0].end  # one youth allocation over the whole plan
    youth.extended_youth_care = True
    youth.extended_youth_care_reason = "Daan zit midden in zijn behandeling; wisselen zou die onderbreken."
    letter = build_letters(household, plan, catalogue, ref, SENT, PROFESSIONAL, TODAY)[1]
    text = text_of(render_letter(letter))
    assert "verlengde jeugdhulp" in text
    assert "De reden: Daan zit midden in zijn behandeling" in " ".join(text.split())
