"""Brieven en plan bekijken: every letter and the plan document as pages, print, save as PDF."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPixmap
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
from ui.printing import page_images, print_pdf
from ui.shell.atomic import write_atomic

log = logging.getLogger(__name__)


class PreviewDialog(QDialog):
    def __init__(self, documents: list[Document], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Brieven en plan bekijken")
        self.documents = documents
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
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        doc = self.current
        if doc is None:
            return
        images = page_images(doc.pdf)
        if images:
            for n, image in enumerate(images, start=1):
                label = QLabel()
                label.setPixmap(QPixmap.fromImage(image))
                label.setAccessibleName(f"Pagina {n} van {len(images)}")
                self.pages_layout.addWidget(label)
            self.view.setCurrentIndex(0)
        else:  # no pdftoppm: the text, so the content can still be checked
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(doc.pdf))
            self.text.setPlainText("\n\n".join(page.extract_text() for page in reader.pages))
            self.view.setCurrentIndex(1)
        concept = " Dit is een concept: het plan is nog niet vastgesteld." if doc.concept else ""
        pages = f"{len(images)} pagina's." if images else "Voorbeeld als tekst (pdftoppm ontbreekt)."
        self.note.setText(f"{pages}{concept}")

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
        self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        doc = self.current
        if doc is None:
            return False
        if not print_pdf(doc.pdf, printer):
            QMessageBox.information(
                self,
                "Afdrukken lukt hier niet",
                "Dit document kan hier niet rechtstreeks worden afgedrukt. Sla het op als PDF "
                "(Opslaan als PDF…) en druk dat bestand af.",
            )
            return False
        return True

    def save_current(self) -> None:
        doc = self.current
        if doc is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self, "Opslaan als PDF", str(Path.home() / doc.filename), "PDF-bestanden (*.pdf)"
        )
        if name:
            self.save_to(Path(name))

    def save_to(self, path: Path) -> bool:
        doc = self.current
        if doc is None:
            return False
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        try:
            write_atomic(path, doc.pdf)
        except OSError as exc:
            log.warning("saving a PDF failed: %s", exc.strerror)  # no path: it may hold a name
            QMessageBox.warning(
                self,
                "Opslaan mislukt",
                f"Het bestand kon niet worden opgeslagen ({exc.strerror}). Kies een andere map.",
            )
            return False
        self.note.setText(f"Opgeslagen: {path.name}")
        return True
