"""The decision letter and plan document, rendered for real and read back with pypdf."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.lib.units import mm

from planner.documents.base import PAGE_HEIGHT, clean
from planner.documents.letter import WINDOW_HEIGHT, WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH, render_letter
from planner.documents.plan_document import render_plan_document
from planner.documents.snapshots import LetterSnapshot, PlanDocumentSnapshot
from tests.planner.samples import sample_plan_document, sample_split_letter, sample_wmo_letter

GOLDEN = Path(__file__).parent / "golden"


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    # Collapse whitespace: a table cell or a wrapped line may break a phrase anywhere.
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def assert_golden(name: str, pdf: bytes, *, update: bool = False) -> None:
    """Compare an invariant render with tests/planner/golden/<name>.pdf.

    Byte comparison is the point: a decided letter must reprint exactly as sent (domain.md §5.9).
    After an intended change of the wording or layout, regenerate the files, look at them
    (pdftoppm -png -r 70), and commit them:  UPDATE_GOLDEN=1 .venv/bin/pytest tests/planner
    """
    path = GOLDEN / f"{name}.pdf"
    if update or os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(pdf)
        pytest.skip(f"golden file {path.name} written; look at it and commit it")
    assert path.exists(), f"{path.name} is missing; create it with UPDATE_GOLDEN=1"
    assert pdf == path.read_bytes(), f"{name} differs from its golden file (UPDATE_GOLDEN=1 if intended)"


@pytest.fixture(scope="module")
def wmo_pdf() -> bytes:
    return render_letter(sample_wmo_letter())


@pytest.fixture(scope="module")
def split_pdf() -> bytes:
    return render_letter(sample_split_letter())


def test_wmo_letter_states_every_element_of_the_decision(wmo_pdf: bytes) -> None:
    text = text_of(wmo_pdf)
    expected = [
        # 1 sender, date, reference, addressee, subject
        "Gemeente Zutphen",
        "Sociaal Team Zutphen",
        "Sanne de Boer",
        "1 februari 2027",
        "2027-0001-1",
        "Mevrouw M. Jansen",
        "Lange Hofstraat 12",
        "7201 HT Zutphen",
        "Geachte mevrouw Jansen,",
        "Onderwerp: Besluit over uw aanvraag voor hulp bij het huishouden",
        # 2 request and dates
        "4 januari 2027",
        "11 januari 2027",
        "18 januari 2027",
        # 3 the decision: product, form, amount in figures and words, period, length, total, hours table
        "Hulp bij het huishouden (Wmo 2015): toegekend",
        "in natura via Thuiszorg Oost",
        "195 minuten per week, dat is 3 uur en 15 minuten per week",
        "van 1 februari 2027 tot en met 31 januari 2028",
        "12 maanden",
        "10.168 minuten, dat is 169 uur en 28 minuten",
        "Schoonmaken van de woning (basis) 180",
        "Gebruikelijke hulp van Daan (17 jaar) − 30 ja",
        "Totaal: 195 minuten per week (3 uur en 15 minuten) 195",
        # 4 coordinator and life areas
        "De coördinator van het plan is De Brug",
        "Het huis is schoon en leefbaar.",
        # 5 motivation with legal grounds
        "artikel 2.3.5 van de Wmo 2015",
        # 6 own contribution
        "CAK",
        "€ 21,00 per maand",
        # 7 objection with the computed last day, where, contents, injunction, informal talk
        "binnen 6 weken na de verzenddatum",
        "maandag 15 maart 2027",
        "Postbus 15, 7200 AA Zutphen",
        "voorlopige voorziening",
        "eerst met ons praten",
        # 8 client support
        "onafhankelijke cliëntondersteuner",
        # 9 signature block
        "namens het college van burgemeester en wethouders van Zutphen",
        "Wmo-consulent",
        "Pagina 1 van 2",
        "Pagina 2 van 2",
    ]
    missing = [phrase for phrase in expected if phrase not in text]
    assert missing == []


def test_split_letter_explains_both_parts_and_the_own_provider(split_pdf: bytes) -> None:
    text = text_of(split_pdf)
    for phrase in [
        "Besluit over begeleiding voor Daan Jansen",
        "Begeleiding individueel (Jeugdwet): toegekend",
        "Begeleiding individueel (Wmo 2015): toegekend",
        "van 1 februari 2027 tot en met 9 juni 2027",
        "4 maanden en 9 dagen",
        "3.318 minuten, dat is 55 uur en 18 minuten",
        "van 10 juni 2027 tot en met 31 januari 2028",
        "7 maanden en 22 dagen",
        "6.069 minuten, dat is 101 uur en 9 minuten",
        "180 minuten per week, dat is 3 uur per week",
        "overbruggingsovereenkomst",
        "tot en met 30 juni 2027",
        "Daan wordt op 10 juni 2027 18 jaar",
        "Voor hulp onder de Jeugdwet betaalt u geen eigen bijdrage",
        "Pagina 1 van",
    ]:
        assert phrase in text, phrase
    # The continuity route is told once, not repeated for the second part.
    assert text.count("overbruggingsovereenkomst") == 1


def test_metadata_language_and_embedded_fonts(wmo_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(wmo_pdf))
    assert reader.metadata.title == "Beschikking 2027-0001-1 Hulp bij het huishouden"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]  # the TrueType program is embedded
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}


def test_address_sits_inside_the_envelope_window(wmo_pdf: bytes) -> None:
    page = PdfReader(io.BytesIO(wmo_pdf)).pages[0]
    positions: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm, tm, font_dict, font_size) -> None:
        if text.strip():  # the text matrix times the current transformation matrix
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            positions.setdefault(text.strip(), (x, y))

    page.extract_text(visitor_text=visit)
    window_bottom = PAGE_HEIGHT - WINDOW_TOP - WINDOW_HEIGHT
    for line in ("Mevrouw M. Jansen", "Lange Hofstraat 12", "7201 HT Zutphen"):
        x, y = positions[line]
        assert WINDOW_LEFT - 0.01 <= x <= WINDOW_LEFT + WINDOW_WIDTH, line
        assert window_bottom + 2 * mm <= y <= PAGE_HEIGHT - WINDOW_TOP - 3 * mm, line


def test_concept_is_watermarked_on_every_page() -> None:
    concept = PdfReader(io.BytesIO(render_letter(sample_wmo_letter(concept=True))))
    assert len(concept.pages) >= 2
    assert all("CONCEPT" in page.extract_text() for page in concept.pages)
    final = PdfReader(io.BytesIO(render_letter(sample_wmo_letter())))
    assert not any("CONCEPT" in page.extract_text() for page in final.pages)


def test_invariant_render_is_byte_stable() -> None:
    snapshot = sample_split_letter()
    first = render_letter(snapshot, invariant=True)
    assert render_letter(LetterSnapshot.from_json(snapshot.to_json()), invariant=True) == first
    plan = sample_plan_document()
    assert render_plan_document(plan, invariant=True) == render_plan_document(plan, invariant=True)


def test_snapshot_json_round_trips_with_stable_key_order() -> None:
    for snapshot in (sample_wmo_letter(), sample_split_letter()):
        text = snapshot.to_json()
        again = LetterSnapshot.from_json(text)
        assert again == snapshot
        assert again.to_json() == text
    plan = sample_plan_document(concept=True)
    assert PlanDocumentSnapshot.from_json(plan.to_json()) == plan
    assert list(sample_wmo_letter().to_json().splitlines()[1:3]) == [
        ' "title": "Beschikking 2027-0001-1 Hulp bij het huishouden",',
        ' "sender": {',
    ]


def test_user_text_is_normalised_and_escaped() -> None:
    assert clean("A & B <b>x</b>") == "A &amp; B &lt;b&gt;x&lt;/b&gt;"
    assert clean("ﬁets\n2e regel") == "fiets<br/>2e regel"  # NFKC folds the ligature
    import dataclasses

    s = sample_wmo_letter()
    hostile = dataclasses.replace(s, subject="Uw aanvraag <script> & </para> \u00bd")
    text = text_of(render_letter(hostile))
    assert "Uw aanvraag <script> & </para> 1⁄2" in text


def test_plan_document_shows_matrix_goals_ladder_support_and_signature_lines() -> None:
    text = text_of(render_plan_document(sample_plan_document()))
    for phrase in [
        "Ondersteuningsplan huishouden Jansen",
        "2027-0001",
        "Financiën Start schuldhulpverlening Midden",
        "Huishouden en zelfzorg Schoon en leefbaar huis Licht",
        "Lichte taken zelf doen 1 juli 2027",
        "Netwerk Haar zus doet de boodschappen.",
        "De Brug houdt het overzicht",
        "Thuiszorg Oost",
        "Daan wordt 18",
        "Handtekening:",
        "Sanne de Boer, Wmo-consulent",
        "Pagina 1 van",
    ]:
        assert phrase in text, phrase


def test_fixed_labels_fit_their_columns() -> None:
    """Plain string cells do not wrap: a label wider than its column would run into the value."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from planner.documents.base import FONT_BOLD, register_fonts
    from planner.documents.letter import LABEL_WIDTH

    register_fonts()
    labels = ["Wat u krijgt", "Vorm", "Hoeveel", "Periode", "Hoe lang", "Totaal over de periode"]
    labels += ["Kosten voor de gemeente", "Zorgaanbieder"]
    padding = 6  # 3 pt either side (base.TABLE_BASE)
    assert max(stringWidth(label, FONT_BOLD, 9) for label in labels) + padding <= LABEL_WIDTH
    text = text_of(render_letter(sample_wmo_letter()))
    assert "Kosten voor de gemeente € 5.846,60" in text
