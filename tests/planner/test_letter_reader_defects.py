"""Wording defects a reader found in the letters (issue 14), one test each, read back from the PDF:

a. an amount never wraps between "€" and its number: a no-break space, which the font shows;
b. a letter that only refuses says "Wij wijzen uw aanvraag ... af" once;
c. a letter to the parent(s) about a child's support names the child ("de ondersteuning van
   Daan"), never "uw ondersteuning"; the young adult's own letter keeps "uw".
"""

from __future__ import annotations

import copy
import dataclasses
import io
import re
from decimal import Decimal
from typing import Any

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from planner.demo import DemoRegion, build_demo_region
from planner.documents.base import FONT_BOLD, LATER_TOP, LEFT_MARGIN, clean, para, register_fonts, render
from planner.documents.letter import LABEL_WIDTH, render_letter
from planner.documents.printable_text import covered, printable
from planner.dutch import euro
from planner.model import Allocation, Form, Outcome, PlanStatus
from planner.reference import Reference, load_reference
from tests.planner.showcase_documents import text_of
from tests.planner.test_letter_law_and_wording import TODAY, Case

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def region(ref: Reference) -> DemoRegion:
    return build_demo_region(ref, TODAY)


@pytest.fixture
def jansen(region: DemoRegion) -> Case:
    """The demo's Jansen household, its own copy: Marieke and Daan (17 until 1 June 2027)."""
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    household = copy.deepcopy(household)
    plan = copy.deepcopy(next(p for p in plans if p.status is PlanStatus.CONCEPT))
    mother, daan = household.members
    return Case(household, plan, region.catalogue, mother, daan)


def raw_text(pdf: bytes) -> str:
    """The text as pypdf reads it, spaces kept as they are (text_of collapses them)."""
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


# --- a. "€" and its amount stay on one line ------------------------------------------------------


def test_euro_puts_a_no_break_space_after_the_sign() -> None:
    assert euro(Decimal("1234.56")) == "€\u00a01.234,56"
    assert euro(-5) == "-€\u00a05,00"
    assert " " not in euro(Decimal("1234567.89"))


def test_the_font_shows_the_no_break_space_and_cleaning_keeps_it() -> None:
    assert 0xA0 in covered(register_fonts())  # a glyph, not a replacement
    assert printable(f"€{NBSP}5", register_fonts()) == f"€{NBSP}5"
    assert clean(euro(12)) == f"€{NBSP}12,00"  # NFKC would make it a breaking space


SENTENCE = f"U krijgt een persoonsgebonden budget van {euro(Decimal('1234.56'))} voor de hele periode."


def test_an_amount_never_wraps_between_the_sign_and_the_number() -> None:
    for width in range(120, 420):
        p = para(SENTENCE)
        p.wrap(width, 10_000)
        lines = [" ".join(words) for _, words in p.blPara.lines]
        assert not any(line.rstrip().endswith("€") for line in lines), (width, lines)
        assert any(f"€{NBSP}1.234,56" in line for line in lines), (width, lines)


def test_on_paper_no_line_ends_in_the_euro_sign() -> None:
    """The sentence after a growing prefix: with a breaking space, "€" ends a line in many of them."""
    story = [para(" ".join(["Dit"] * n) + " " + SENTENCE) for n in range(40)]
    pdf = render(
        story,
        title="bedragen",
        first_top=LATER_TOP,
        on_first=lambda canvas, doc: None,
        on_later=lambda canvas, doc: None,
        invariant=True,
    )
    text = raw_text(pdf)
    assert text.count("1.234,56") == 40
    assert not re.search(r"€[ \t\u00a0]*\n", text), text
    # Look at it: the amount stands as "€ 1.234,56", the no-break space drawn as a space.
    image = pypdfium2.PdfDocument(pdf)[0].render(scale=1).to_pil().convert("L")
    assert image.getextrema()[0] < 100  # text drawn


def test_the_letter_keeps_the_no_break_space_in_its_amounts(jansen: Case, ref: Reference) -> None:
    letter = next(x for x in jansen.letters(ref) if x.about_member == jansen.mother.full_name)
    amounts = [d.cost_words for d in letter.decisions] + list(letter.contribution.paragraphs)
    assert all("€ " not in a for a in amounts) and any(f"€{NBSP}" in a for a in amounts)
    text = raw_text(render_letter(letter, invariant=True))
    assert not re.search(r"€[ \t\u00a0]*\n", text)


# --- b. a refusal says it once -------------------------------------------------------------------


def _refused(a: Allocation) -> Allocation:
    return dataclasses.replace(a, outcome=Outcome.REFUSED, motivation="Het netwerk helpt al genoeg.")


def test_a_refusal_letter_refuses_once(jansen: Case, ref: Reference) -> None:
    jansen.plan.allocations = [
        _refused(a) if a.member_id == jansen.mother.id else a for a in jansen.plan.allocations
    ]
    letter = next(x for x in jansen.letters(ref) if x.about_member == jansen.mother.full_name)
    text = text_of(render_letter(letter, invariant=True))
    assert text.count("wijzen uw aanvraag") == 1, text
    assert "Wij wijzen uw aanvraag voor hulp bij het huishouden af. Hieronder leest u waarom." in text
    assert "U krijgt deze ondersteuning dus niet." in text


def test_a_refusal_to_the_parents_refuses_once_and_names_the_child(jansen: Case, ref: Reference) -> None:
    jansen.plan.allocations = [
        _refused(a) if a.member_id == jansen.daan.id else a for a in jansen.plan.allocations
    ]
    (letter,) = jansen.daans(ref)
    text = text_of(render_letter(letter, invariant=True))
    assert letter.addressee.name == "M. Jansen"
    assert text.count("wijzen uw aanvraag") == 1, text
    assert "Wij wijzen uw aanvraag voor Daan af." in text
    assert "Daan krijgt deze ondersteuning dus niet." in text and "U krijgt deze" not in text


def test_a_refused_part_beside_a_grant_is_still_refused_in_its_own_words(
    jansen: Case, ref: Reference
) -> None:
    mine = next(a for a in jansen.plan.allocations if a.member_id == jansen.mother.id)
    jansen.plan.allocations = [
        *jansen.plan.allocations,
        _refused(dataclasses.replace(mine, product_code="02A01")),
    ]
    letter = next(x for x in jansen.letters(ref) if x.about_member == jansen.mother.full_name)
    text = text_of(render_letter(letter, invariant=True))
    assert text.count("wijzen uw aanvraag") == 1, text
    assert "U krijgt deze ondersteuning dus niet." in text


# --- c. the child's support, named ---------------------------------------------------------------


def test_a_letter_to_the_parent_names_the_childs_support(jansen: Case, ref: Reference) -> None:
    jansen.give_daan_an_adaptation()
    (letter,) = jansen.daans(ref)
    text = text_of(render_letter(letter, invariant=True))
    assert letter.addressee.name == "M. Jansen"
    assert "uw ondersteuning" not in text.lower(), text
    (paragraph,) = letter.contribution.paragraphs
    assert paragraph.startswith(
        "Voor de ondersteuning van Daan onder de Wmo 2015 betaalt u een eigen bijdrage"
    )
    assert "de gegevens over de gezondheid van Daan en over uw huishouden" in text


def test_a_childs_wmo_pgb_names_the_child_who_is_helped(jansen: Case, ref: Reference) -> None:
    jansen.give_daan_an_adaptation(form=Form.PGB, pgb_budget=Decimal("2500"))
    (letter,) = jansen.daans(ref)
    text = text_of(render_letter(letter, invariant=True))
    assert "Helpt iemand uit uw netwerk Daan, zonder dat dit zijn of haar beroep is?" in text
    assert "U krijgt voor Daan een persoonsgebonden budget (pgb) van €" in text
    assert "uw ondersteuning" not in text.lower() and "netwerk u," not in text


def test_the_young_adults_own_letter_keeps_uw(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)
    youth, adult = jansen.daans(ref)
    assert youth.addressee.name == "M. Jansen" and adult.addressee.name == "D. Jansen"
    adult_text = text_of(render_letter(adult, invariant=True))
    assert "Voor uw ondersteuning onder de Wmo 2015 betaalt u een eigen bijdrage" in adult_text
    assert "ondersteuning van Daan" not in adult_text
    assert "de gegevens over uw gezondheid" in adult_text


def test_the_decision_table_says_what_the_child_gets(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)
    youth, adult = jansen.daans(ref)
    youth_text = text_of(render_letter(youth, invariant=True))
    assert "Wat Daan krijgt Begeleiding individueel basis" in youth_text and "Wat u krijgt" not in youth_text
    assert "Wat u krijgt" in text_of(render_letter(adult, invariant=True))


def test_a_long_given_name_in_the_table_label_wraps_in_its_column(jansen: Case, ref: Reference) -> None:
    jansen.daan.given_names = "Maximiliaan-Alexander Johannes"
    (letter,) = jansen.daans(ref)
    pdf = render_letter(letter, invariant=True)
    assert "Wat Maximiliaan-Alexander Johannes krijgt" in text_of(pdf)
    # The label stays left of the value column: every piece of it ends before the column starts.
    right_edges = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        in_label = (
            font is not None and "Bold" in str(font.get("/BaseFont")) and size == 9
        )  # the table's labels
        if in_label and any(word in text for word in ("Maximiliaan", "Johannes", "krijgt")):
            right_edges.append(cm[4] + tm[4] + stringWidth(text, FONT_BOLD, 9))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    assert right_edges and max(right_edges) <= LEFT_MARGIN + LABEL_WIDTH, right_edges
