"""Preview and printing through PDFium, shipped with the program: no pdftoppm on PATH.

The preview shows rendered pages and pages through every document; a print to a PDF printer has
the same pages with their text, at the printer's resolution, 1:1 on A4 (the address stays in the
envelope window); "Alles afdrukken" and "Alles opslaan" take every document at once.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from db.database import Database
from planner.documents.service import Document
from planner.reference import Reference
from tests.planner.showcase_documents import TODAY, demo_database
from ui.decision_bar import PRINT_ALL_TEXT, build_documents
from ui.preview_dialog import PreviewDialog
from ui.printing import page_images, pdf_printer
from ui.session import HouseholdSession
from ui.views.household_view import HouseholdView

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_pdftoppm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PATH holds only an empty folder: no system tool can be called."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("pdftoppm") is None


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    return demo_database(tmp_path_factory.mktemp("printing") / "demo.sqlite")


def session_of(db: Database, reference: Reference, case: str) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case)
        catalogue = uow.catalogue.load()
    return HouseholdSession.open(db, reference, catalogue, TODAY, household.id)


@pytest.fixture(scope="module")
def docs(demo: Database, reference: Reference) -> list[Document]:
    s = session_of(demo, reference, "DEMO-0003")
    assert s.plan is not None
    return build_documents(demo, s.household, s.plan, s.reference, TODAY)


def words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages_of(pdf: bytes) -> list[str]:
    return [words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]


def inked(image: QImage) -> float:
    """The share of sampled pixels that are not white."""
    points = [(x, y) for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)]
    dark = sum(1 for x, y in points if image.pixelColor(x, y).lightness() < 200)
    return dark / len(points)


def test_nothing_calls_pdftoppm() -> None:
    sources = [*ROOT.glob("main.py"), *(ROOT / "scripts").rglob("*")]
    for package in ("planner", "db", "ui"):
        sources += (ROOT / package).rglob("*.py")
    calls = [p for p in sources if p.is_file() and "pdftoppm" in p.read_text("utf-8", "replace")]
    assert calls == [ROOT / "ui" / "printing.py"]  # only its docstring says why it is not used
    assert "pdftoppm" not in (ROOT / "ui" / "printing.py").read_text("utf-8").split('"""', 2)[2]


def test_preview_shows_rendered_pages_of_every_document(qtbot, docs: list[Document]) -> None:
    dialog = PreviewDialog(docs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.shown is docs[0], timeout=10000)
    counts = [len(PdfReader(io.BytesIO(d.pdf)).pages) for d in docs]
    total = sum(counts)
    assert dialog.pages_layout.count() == counts[0] and dialog.view.currentIndex() == 0
    first = dialog.labels[0].pixmap().toImage()
    assert first.width() > 700 and 0.01 < inked(first) < 0.5  # a rendered page, not blank, not black
    assert dialog.page_label.text() == f"Pagina 1 van {total} · {docs[0].title}"
    assert not dialog.previous_button.isEnabled()

    seen = [dialog.page_label.text()]
    while dialog.next_button.isEnabled():
        dialog.next_button.click()
        seen.append(dialog.page_label.text())
    assert len(seen) == total
    assert seen[-1] == f"Pagina {total} van {total} · {docs[-1].title}"
    assert seen[counts[0]] == f"Pagina {counts[0] + 1} van {total} · {docs[1].title}"
    assert dialog.shown is docs[-1] and dialog.list.currentRow() == len(docs) - 1
    dialog.previous_button.click()
    assert dialog.page_label.text() == seen[-2]


def test_printing_to_a_pdf_printer_keeps_pages_text_and_place(
    qtbot, docs: list[Document], tmp_path: Path
) -> None:
    dialog = PreviewDialog(docs)
    qtbot.addWidget(dialog)
    printed = tmp_path / "printed.pdf"
    assert dialog.print_to(pdf_printer(printed, dpi=300), everything=True)
    assert dialog.note.text().startswith(f"Naar de printer gestuurd: {len(docs)} documenten")

    source = [page for d in docs for page in pages_of(d.pdf)]
    assert pages_of(printed.read_bytes()) == source  # the same pages with their text
    reader = PdfReader(printed)
    for page in reader.pages:
        assert abs(float(page.mediabox.width) - 595.3) < 1 and abs(float(page.mediabox.height) - 841.9) < 1
        (image,) = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        assert image["/Width"] == pytest.approx(8.27 * 300, abs=3)  # at the printer's resolution

    # The addressee's name where the source has it: nothing moved out of the envelope window.
    def box(pdf: bytes, text: str) -> tuple[float, float, float, float]:
        doc = pdfium.PdfDocument(pdf)
        try:
            textpage = doc[0].get_textpage()
            found = textpage.search(text).get_next()
            assert found is not None, text
            return textpage.get_charbox(found[0])
        finally:
            doc.close()

    for line in ("Hoofdstraat", "8162 AK Epe"):  # the demo household's address block
        original, copy = box(docs[0].pdf, line), box(printed.read_bytes(), line)
        assert abs(original[0] - copy[0]) < 1.5 and abs(original[1] - copy[1]) < 1.5, line


def test_print_at_600_dpi_renders_sharp_pages(docs: list[Document]) -> None:
    (page, *_) = page_images(docs[0].pdf, dpi=600)
    assert (page.width(), page.height()) == (pytest.approx(4961, abs=2), pytest.approx(7016, abs=2))


def test_save_everything_into_one_folder(qtbot, docs: list[Document], tmp_path: Path) -> None:
    dialog = PreviewDialog(docs)
    qtbot.addWidget(dialog)
    folder = tmp_path / "map"
    folder.mkdir()
    dialog.start_saving_all(folder)
    qtbot.waitUntil(lambda: dialog.note.text().startswith("Opgeslagen in"), timeout=10000)
    assert dialog.note.text() == f"Opgeslagen in {folder}: {len(docs)} bestanden"
    for doc in docs:
        assert (folder / doc.filename).read_bytes() == doc.pdf


def test_alles_afdrukken_in_the_window_prints_every_document(
    qtbot, demo: Database, reference: Reference, docs: list[Document], tmp_path: Path, monkeypatch
) -> None:
    printed = tmp_path / "alles.pdf"

    def accept_as_pdf(dialog: QPrintDialog) -> int:  # the system dialog, answered "print to file"
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept_as_pdf)
    view = HouseholdView(session_of(demo, reference, "DEMO-0003"))
    qtbot.addWidget(view)
    bar = view.decision_bar
    assert bar.print_all_button.text() == PRINT_ALL_TEXT and "Ctrl+Shift+P" in bar.print_all_button.toolTip()
    bar.print_all_button.click()
    qtbot.waitUntil(lambda: bar.print_message.startswith("Naar de printer"), timeout=20000)
    pages = sum(len(PdfReader(io.BytesIO(d.pdf)).pages) for d in docs)
    assert bar.print_message == f"Naar de printer gestuurd: {len(docs)} documenten, {pages} pagina's."
    assert pages_of(printed.read_bytes()) == [page for d in docs for page in pages_of(d.pdf)]
    assert bar.print_all_button.isEnabled() and bar.print_all_button.text() == PRINT_ALL_TEXT


def test_duplex_starts_every_document_on_a_sheet_of_its_own(docs: list[Document], tmp_path: Path) -> None:
    from ui.print_jobs import print_now

    printer = pdf_printer(tmp_path / "duplex.pdf")  # Qt's PDF printer is always one-sided: say it
    odd = next(d for d in docs if len(PdfReader(io.BytesIO(d.pdf)).pages) % 2 == 1)
    assert print_now([odd], pdf_printer(tmp_path / "one.pdf")).pages == len(
        PdfReader(io.BytesIO(odd.pdf)).pages
    )
    printed = print_now([odd, odd], printer, two_sided=True)
    pages = len(PdfReader(io.BytesIO(odd.pdf)).pages)
    assert printed.pages == 2 * pages + 1  # a blank back between the two, none after the last
    reader = PdfReader(tmp_path / "duplex.pdf")
    assert len(reader.pages) == 2 * pages + 1 and words(reader.pages[pages].extract_text()) == ""
