"""Brieven en plan bekijken: every letter and the plan document as pages, print, save as PDF.

The pages of every document are rendered once, on the background worker (PDFium, ui/printing.py);
the pager goes through all of them ("Pagina 2 van 5 · Brief aan …"). Printing and saving — one
document or all of them — also run on the worker (ui/print_jobs.py).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.documents.service import Document
from ui.print_jobs import Printed, choose_printer, print_now, save_all, saved_text, start_print
from ui.printing import PrintError, page_images
from ui.shell.atomic import write_atomic
from ui.worker import failure_text, shared_worker

log = logging.getLogger(__name__)
CANNOT_SHOW = (
    "Dit document kan hier niet worden getoond. Sla het op als PDF (Opslaan als PDF…) en open dat bestand."
)


class PreviewDialog(QDialog):
    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brieven en plan bekijken")
        self.documents = documents
        self.images: list[list[QImage]] | None = None  # every document's pages, once rendered
        self.texts: list[str] = []  # instead of the pages when they cannot be rendered
        self.shown: Document | None = None  # the document whose pages are on screen
        self.page = 0  # the page the pager stands on, counted over all documents
        self.labels: list[QLabel] = []  # the shown document's pages
        self.list = QListWidget()
        self.list.setAccessibleName("Documenten")
        self.list.setMaximumWidth(300)
        for doc in documents:
            self.list.addItem(f"{doc.title}{' — CONCEPT' if doc.concept else ''}")
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.pages_layout.setSpacing(12)  # the sheets apart, as on a table
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.scroll.verticalScrollBar().valueChanged.connect(self._follow_scroll)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.view = QStackedWidget()
        self.view.addWidget(self.scroll)
        self.view.addWidget(self.text)
        self.previous_button = QPushButton("&Vorige pagina")
        self.previous_button.setShortcut(QKeySequence("Ctrl+PgUp"))
        self.next_button = QPushButton("Vol&gende pagina")
        self.next_button.setShortcut(QKeySequence("Ctrl+PgDown"))
        self.page_label = QLabel()
        self.page_label.setAccessibleName("Pagina")
        self.previous_button.clicked.connect(self.previous_page)
        self.next_button.clicked.connect(self.next_page)
        pager = QHBoxLayout()
        pager.addWidget(self.previous_button)
        pager.addWidget(self.page_label, 1, Qt.AlignmentFlag.AlignCenter)
        pager.addWidget(self.next_button)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.print_button = QPushButton("&Afdrukken…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_all_button = QPushButton("Alles a&fdrukken…")
        self.print_all_button.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.print_all_button.setToolTip("Alle brieven en het plan in één keer, elk voor zijn geadresseerde")
        self.save_button = QPushButton("Opslaan als &PDF…")
        self.save_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.save_all_button = QPushButton("Alles &opslaan…")
        self.save_all_button.setToolTip("Alle documenten als PDF in één map")
        close = QPushButton("Sluiten")
        self.print_button.clicked.connect(self.print_current)
        self.print_all_button.clicked.connect(self.print_all)
        self.save_button.clicked.connect(self.save_current)
        self.save_all_button.clicked.connect(self.save_everything)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for b in (self.print_button, self.print_all_button, self.save_button, self.save_all_button, close):
            buttons.addWidget(b)
        right = QVBoxLayout()
        right.addLayout(pager)
        right.addWidget(self.view, 1)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self.show_document)
        self.resize(1100, 760)
        self._update_pager()
        if documents:
            self.list.setCurrentRow(0)  # its pages appear when they are rendered
            self.note.setText("De pagina's worden klaargezet…")
            pdfs = [d.pdf for d in documents]
            shared_worker().submit(
                lambda: _render_all(pdfs),
                self._rendered,
                self._render_failed,
                owner=self,
                name="preview pages",
            )
        else:
            self.note.setText("Er zijn nog geen documenten.")
            for b in (self.print_button, self.print_all_button, self.save_button, self.save_all_button):
                b.setEnabled(False)

    @property
    def current(self) -> Document | None:
        row = self.list.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    # --- pages --------------------------------------------------------------------------------

    def _rendered(self, result: tuple[list[list[QImage]], list[str]]) -> None:
        self.images, self.texts = result
        self.note.setText("")
        self.show_document(self.list.currentRow())

    def _render_failed(self, exc: BaseException) -> None:
        log.error("preview pages failed: %s", failure_text(exc))
        self.note.setText(CANNOT_SHOW)

    def page_counts(self) -> list[int]:
        return [max(len(pages), 1) for pages in self.images] if self.images is not None else []

    def _first_page(self, row: int) -> int:
        return sum(self.page_counts()[:row])

    def show_document(self, row: int, page_in_document: int = 0) -> None:
        """Put the chosen document's pages on screen (rendered already, on the worker)."""
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # out of sight now, not only when the deletion comes round
                widget.deleteLater()
        self.labels = []
        self.shown = None
        doc = self.current
        if doc is None or self.images is None:
            return
        images = self.images[row]
        for n, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))  # pixmaps only here, on the GUI thread
            label.setAccessibleName(f"Pagina {n} van {len(images)}")
            self.pages_layout.addWidget(label)
            self.labels.append(label)
        if images:
            self.view.setCurrentIndex(0)
        else:  # the PDF could not be rendered: its text, so the content can still be checked
            self.text.setPlainText(self.texts[row])
            self.view.setCurrentIndex(1)
        concept = " Dit is een concept: het plan is nog niet vastgesteld." if doc.concept else ""
        what = f"{len(images)} pagina's." if images else CANNOT_SHOW
        self.note.setText(f"{what}{concept}")
        self.shown = doc
        self.page = self._first_page(row) + min(page_in_document, max(len(images) - 1, 0))
        self.pages.adjustSize()
        self._scroll_to(self.page - self._first_page(row))
        self._update_pager()

    def _scroll_to(self, index: int) -> None:
        if 0 <= index < len(self.labels):
            self.pages_layout.activate()
            self.scroll.verticalScrollBar().setValue(self.labels[index].y() if index else 0)

    def _follow_scroll(self, value: int) -> None:
        """Scrolling by hand moves the pager to the page at the top of the view."""
        if not self.labels or self.shown is None:
            return
        index = 0
        for n, label in enumerate(self.labels):
            if label.y() <= value + self.scroll.viewport().height() // 3:
                index = n
        self.page = self._first_page(self.list.currentRow()) + index
        self._update_pager()

    def page_text(self) -> str:
        """ "Pagina 2 van 5 · Brief aan M. Jansen": over all documents, and whose page it is."""
        counts = self.page_counts()
        if not counts:
            return ""
        row, rest = 0, self.page
        while row < len(counts) - 1 and rest >= counts[row]:
            rest -= counts[row]
            row += 1
        return f"Pagina {self.page + 1} van {sum(counts)} · {self.documents[row].title}"

    def _update_pager(self) -> None:
        total = sum(self.page_counts())
        self.page_label.setText(self.page_text())
        self.previous_button.setEnabled(total > 0 and self.page > 0)
        self.next_button.setEnabled(total > 0 and self.page < total - 1)

    def go_to_page(self, page: int) -> None:
        """Stand on `page` (over all documents), switching document where it belongs to another."""
        counts = self.page_counts()
        if not counts or not 0 <= page < sum(counts):
            return
        row, rest = 0, page
        while rest >= counts[row]:
            rest -= counts[row]
            row += 1
        if row != self.list.currentRow():
            self.list.blockSignals(True)
            self.list.setCurrentRow(row)
            self.list.blockSignals(False)
            self.show_document(row, rest)
        else:
            self.page = page
            self._scroll_to(rest)
            self.page = page  # the scroll moved the pager; it stands where it was sent
            self._update_pager()

    def next_page(self) -> None:
        self.go_to_page(self.page + 1)

    def previous_page(self) -> None:
        self.go_to_page(self.page - 1)

    # --- printing -----------------------------------------------------------------------------

    def print_current(self) -> None:
        doc = self.current
        if doc is not None:
            printer = choose_printer(self, [doc])
            if printer is not None:
                self.start_printing(printer)

    def print_all(self) -> None:
        if self.documents:
            printer = choose_printer(self, self.documents, "Alles afdrukken")
            if printer is not None:
                self.start_printing(printer, everything=True)

    def start_printing(self, printer: QPrinter, everything: bool = False) -> None:
        """Render and paint the pages on the worker; the window goes on meanwhile."""
        docs = self.documents if everything else [d for d in [self.current] if d is not None]
        if not docs:
            return
        self.note.setText("Het document wordt klaargemaakt om af te drukken…")
        for b in (self.print_button, self.print_all_button):
            b.setEnabled(False)
        start_print(self, docs, printer, self._printed, self._print_failed)

    def print_to(self, printer: QPrinter, everything: bool = False) -> bool:
        """Print here and now; True when the pages went to the printer."""
        docs = self.documents if everything else [d for d in [self.current] if d is not None]
        if not docs:
            return False
        try:
            printed = print_now(docs, printer)
        except PrintError as exc:
            self._print_failed(str(exc))
            return False
        self._printed(printed)
        return True

    def _printed(self, printed: Printed) -> None:
        for b in (self.print_button, self.print_all_button):
            b.setEnabled(True)
        if printed.documents == 1:
            self.note.setText("Naar de printer gestuurd.")
        else:
            self.note.setText(
                f"Naar de printer gestuurd: {printed.documents} documenten, {printed.pages} pagina's."
            )

    def _print_failed(self, reason: str) -> None:
        for b in (self.print_button, self.print_all_button):
            b.setEnabled(True)
        self.note.setText("Niet afgedrukt.")
        QMessageBox.warning(self, "Afdrukken mislukt", reason)

    # --- saving -------------------------------------------------------------------------------

    def save_current(self) -> None:
        doc = self.current
        if doc is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Opslaan als PDF", str(Path.home() / doc.filename), "PDF-bestanden (*.pdf)"
        )
        if name:
            self.start_saving(Path(name))

    def start_saving(self, path: Path) -> None:
        """Write the PDF on the worker (a slow or network folder never holds up the window)."""
        doc = self.current
        if doc is None:
            return
        target, pdf = _pdf_path(path), doc.pdf
        self.note.setText(f"Bezig met opslaan: {target.name}…")
        shared_worker().submit(
            lambda: write_atomic(target, pdf),
            self._saved,
            self._save_error,
            owner=self,
            name="save pdf",
        )

    def save_to(self, path: Path) -> bool:
        """Write the PDF here and now; True when it is on disk."""
        doc = self.current
        if doc is None:
            return False
        try:
            target = write_atomic(_pdf_path(path), doc.pdf)
        except OSError as exc:
            self._save_error(exc)
            return False
        self._saved(target)
        return True

    def save_everything(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Alles opslaan in map", str(Path.home()))
        if folder:
            self.start_saving_all(Path(folder))

    def start_saving_all(self, folder: Path) -> None:
        docs = list(self.documents)
        self.note.setText(f"Bezig met opslaan in {folder}…")
        shared_worker().submit(
            lambda: save_all(docs, folder),
            lambda files: self.note.setText(saved_text(folder, files)),
            self._save_error,
            owner=self,
            name="save all pdfs",
        )

    def _saved(self, path: Path) -> None:
        self.note.setText(f"Opgeslagen: {path.name} in {path.parent}")  # the folder: where to find it again

    def _save_error(self, exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        log.warning("saving a PDF failed: %s", reason)  # no path: it may hold a name
        self.note.setText("Niet opgeslagen.")
        QMessageBox.warning(
            self,
            "Opslaan mislukt",
            f"Het bestand kon niet worden opgeslagen ({reason}). Kies een andere map.",
        )


def _pdf_path(path: Path) -> Path:
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


def _render_all(pdfs: list[bytes]) -> tuple[list[list[QImage]], list[str]]:
    """Every document's page images; for one that cannot be rendered, [] and its text instead.
    Plain work for the worker (QImage, unlike QPixmap, may be made off the GUI thread)."""
    images: list[list[QImage]] = []
    texts: list[str] = []
    for pdf in pdfs:
        try:
            images.append(page_images(pdf))
            texts.append("")
        except Exception as exc:  # a damaged PDF: show its text, never crash the preview
            log.warning("rendering a document failed: %s", type(exc).__name__)
            images.append([])
            texts.append(_text(pdf))
    return images, texts


def _text(pdf: bytes) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(pdf))
        return "\n\n".join(page.extract_text() for page in reader.pages)
    except Exception:
        return ""
