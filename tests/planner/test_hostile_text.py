"""Whatever is typed or pasted prints (issue 14.3): reportlab markup shows literally, control and
format characters are left out, a character the font cannot show becomes a visible "�", and
right-to-left text is shaped and ordered, in every document of a household."""

from __future__ import annotations

import dataclasses
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.deciding import concept_bundle
from planner.documents.base import register_fonts
from planner.documents.printable_text import REPLACEMENT, printable
from planner.documents.service import all_documents
from planner.model import Goal
from planner.reference import load_reference
from tests.planner.showcase_documents import (
    PROFESSIONAL,
    TODAY,
    concept_of,
    demo_database,
    load_case,
    text_of,
)


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory):
    db = demo_database(tmp_path_factory.mktemp("vijandig") / "demo.sqlite")
    try:
        household, plans, catalogue = load_case(db, "DEMO-0001")
    finally:
        db.close()
    return household, concept_of(plans), catalogue, load_reference()


def printed(case, text: str) -> str:
    """Every document's text with `text` in the street, a first name, every life area and a goal."""
    household, plan, catalogue, ref = case
    members = [dataclasses.replace(household.members[0], given_names=text), *household.members[1:]]
    household = dataclasses.replace(household, street=text, members=members)
    areas = [
        dataclasses.replace(a, current_situation=text, desired_result=text, goals=[*a.goals, Goal(text)])
        for a in plan.life_areas
    ]
    bundle = concept_bundle(
        household, dataclasses.replace(plan, life_areas=areas), catalogue, ref, TODAY, PROFESSIONAL, TODAY
    )
    return " ".join(text_of(d.pdf) for d in all_documents(bundle))


def test_markup_prints_literally(case) -> None:
    markup = '<b>vet</b> & <font size="40">groot</font> &amp; <br/> ]]>'
    assert markup in printed(case, markup)


def test_control_and_format_characters_are_left_out(case) -> None:
    text = printed(case, "a\x00b\x07c\x1bd\u200be\u202ef\ufeffg")
    assert "abcdefg" in text and "\x00" not in text


def test_what_the_font_cannot_show_is_a_visible_replacement(case) -> None:
    text = printed(case, "blij 😀 en ✔ thuis 🏠")
    assert f"blij {REPLACEMENT} en ✔ thuis {REPLACEMENT}" in text and "\x00" not in text


def test_right_to_left_text_prints_its_letters(case) -> None:
    hebrew = "שלום עליכם"
    text = printed(case, f"Naam: {hebrew}")
    assert "Naam:" in text and set(hebrew.replace(" ", "")) <= set(text)


def test_dutch_text_is_untouched(case) -> None:
    dutch = "Zoë en Anaïs: één café, € 12,50 — „goed”"
    assert dutch in printed(case, dutch)


# Any text at all prints: the documents render, and what printed is exactly what `printable` kept.
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60))
def test_any_text_prints(case, text: str) -> None:
    kept = printable(unicodedata.normalize("NFKC", text), register_fonts())
    out = printed(case, text)
    for word in kept.split():
        if not any(unicodedata.bidirectional(c) in ("R", "AL") for c in word):
            assert all(c in out for c in word), word
