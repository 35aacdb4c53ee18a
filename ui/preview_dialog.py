"""Brieven en plan bekijken: every letter and the plan document as pages, print, save as PDF.

Pages are rasterised and PDFs written on the background worker; only painting the pages onto
the printer chosen in the system dialog happens here, on the GUI thread.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
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
from ui.printing import page_images, print_dpi, print_images
from ui.shell.atomic import write_atomic
from ui.worker import failure_text, shared_worker

log = logging.getLogger(__name__)


class PreviewDialog(QDialog):
    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brieven en plan bekijken")
        self.documents = documents
        self.shown: Document | None = None  # the document whose pages are on screen
        self.printer: QPrinter | None = None  # a print job waiting for its pages
        self.list = QListWidget()
        self.list.setAccessibleName("Documenten")
        self.list.setMaximumWidth(300)
        for doc in documents:
            self.list.addItem(f"{doc.title}{' — CONCEPT' if doc.concept else ''}")
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.pages)
        scroll.setStyleSheet("QScrollArea { background: #8a8a8a; }")
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.view = QStackedWidget()
        self.view.addWidget(scroll)
        self.view.addWidget(self.text)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.print_button = QPushButton("&Afdrukken…")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton("Opslaan als &PDF…")
        self.save_button.setShortcut(QKeySequence("Ctrl+Shift+S"))
        close = QPushButton("Sluiten")
        self.print_button.clicked.connect(self.print_current)
        self.save_button.clicked.connect(self.save_current)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.note, 1)
        for b in (self.print_button, self.save_button, close):
            buttons.addWidget(b)
        body = QHBoxLayout()
        body.addWidget(self.list)
        body.addWidget(self.view, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addLayout(buttons)
        self.list.currentRowChanged.connect(self.show_document)
        self.resize(1000, 720)
        if documents:
            self.list.setCurrentRow(0)
        else:
            self.note.setText("Er zijn nog geen documenten.")
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)

    @property
    def current(self) -> Document | None:
        row = self.list.currentRow()
        return self.documents[row] if 0 <= row < len(self.documents) else None

    def show_document(self, row: int) -> None:
        """Rasterise the chosen document on the worker; its pages appear when they are ready."""
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.shown = None
        doc = self.current
        if doc is None:
            return
        self.note.setText("De pagina's worden klaargezet…")
        shared_worker().submit(
            lambda: _pages(doc.pdf),
            lambda pages: self._show_pages(doc, *pages),
            self._pages_failed,
            key=f"preview-pages-{id(self)}",  # choosing another document drops this one's pages
            owner=self,
            name="preview pages",
        )

    def _show_pages(self, doc: Document, images: list[QImage], text: str) -> None:
        if images:
            for n, image in enumerate(images, start=1):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(image))  # pixmaps only here, on the GUI thread
                label.setAccessibleName(f"Pagina {n} van {len(images)}")
                self.pages_layout.addWidget(label)
            self.view.setCurrentIndex(0)
        else:  # no pdftoppm: the text, so the content can still be checked
            self.text.setPlainText(text)
            self.view.setCurrentIndex(1)
        concept = " Dit is een concept: het plan is nog niet vastgesteld." if doc.concept else ""
        pages = f"{len(images)} pagina's." if images else "Voorbeeld als tekst (pdftoppm ontbreekt)."
        self.note.setText(f"{pages}{concept}")
        self.shown = doc

    def _pages_failed(self, exc: BaseException) -> None:
        log.error("preview pages failed: %s", failure_text(exc))
        self.note.setText(
            "Dit document kan hier niet worden getoond. Sla het op als PDF (Opslaan als PDF…) "
            "en open dat bestand."
        )

    # --- actions ------------------------------------------------------------------------------

    def print_current(self) -> None:
        doc = self.current
        if doc is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc.filename)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Afdrukken")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.start_printing(printer)

    def start_printing(self, printer: QPrinter) -> None:
        """Make the pages at the printer's resolution on the worker, then paint them here (a
        printer is painted on the GUI thread)."""
        doc = self.current
        if doc is None:
            return
        self.printer = printer  # kept alive until the pages arrive
        pdf, dpi = doc.pdf, print_dpi(printer)
        self.note.setText("Het document wordt klaargemaakt om af te drukken…")
        shared_worker().submit(
            lambda: page_images(pdf, dpi),
            lambda images: self._print_images(images, printer),
            lambda exc: self._print_images([], printer),
            owner=self,
            name="print pages",
        )

    def print_to(self, printer: QPrinter) -> bool:
        """Print here and now; True when the pages went to the printer."""
        doc = self.current
        if doc is None:
            return False
        return self._print_images(page_images(doc.pdf, print_dpi(printer)), printer)

    def _print_images(self, images: list[QImage], printer: QPrinter) -> bool:
        self.printer = None
        if not print_images(images, printer):
            self.note.setText("Niet afgedrukt.")
            QMessageBox.information(
                self,
                "Afdrukken lukt hier niet",
                "Dit document kan hier niet rechtstreeks worden afgedrukt. Sla het op als PDF "
                "(Opslaan als PDF…) en druk dat bestand af.",
            )
            return False
        self.note.setText("Naar de printer gestuurd.")
        return True

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


def _pages(pdf: bytes) -> tuple[list[QImage], str]:
    """Page images, or the text when pages cannot be made; plain work for the worker (QImage,
    unlike QPixmap, may be made off the GUI thread)."""
    images = page_images(pdf)
    if images:
        return images, ""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [], "\n\n".join(page.extract_text() for page in reader.pages)
