"""The renderer parses each text once per process and breaks its lines once per width
(planner/documents/base.py): a letter printed with those caches warm is byte-identical to the
same letter printed with them empty, also when a paragraph splits over a page."""

from __future__ import annotations

import dataclasses
import io

from pypdf import PdfReader

from planner.documents.base import Paragraph, clear_caches, stylesheet
from planner.documents.letter import render_letter
from planner.documents.snapshots import Section
from tests.planner.samples import sample_split_letter, sample_wmo_letter

# Longer than a page, with line breaks (parsed into several fragments, which a split changes).
LONG = "\n".join(
    " ".join(f"Zin {n}.{k} van een lange toelichting bij het gesprek." for k in range(4)) for n in range(80)
)


def test_a_letter_prints_the_same_with_the_caches_empty_or_warm() -> None:
    for snapshot in (sample_wmo_letter(), sample_split_letter(), sample_wmo_letter(concept=True)):
        clear_caches()
        cold = render_letter(snapshot, invariant=True)
        warm = render_letter(snapshot, invariant=True)
        assert cold == warm


def test_a_paragraph_split_over_pages_prints_the_same_the_second_time() -> None:
    base = sample_wmo_letter()
    motivation = Section(base.motivation.heading, (LONG, *base.motivation.paragraphs))
    snapshot = dataclasses.replace(base, motivation=motivation)
    clear_caches()
    first = render_letter(snapshot, invariant=True)
    second = render_letter(snapshot, invariant=True)
    assert first == second
    reader = PdfReader(io.BytesIO(second))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Zin 0.0 van" in text and "Zin 79.3 van" in text  # nothing of the split text lost
    assert len(reader.pages) >= 4


def test_a_paragraph_wraps_again_at_another_width() -> None:
    p = Paragraph(LONG[:400], stylesheet()["Body"])
    _, narrow = p.wrap(100, 10_000)
    _, wide = p.wrap(400, 10_000)
    _, narrow_again = p.wrap(100, 10_000)
    assert wide < narrow == narrow_again
