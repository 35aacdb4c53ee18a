"""Printing and saving a set of documents on the background worker, for the preview and the bar.

The page images of a print job are made and painted onto the printer on the worker (Qt allows a
QPrinter to be painted off the GUI thread), one page at a time, so a 600 dpi job of many pages
neither holds up the window nor fills the memory. Saving writes each file atomically there too.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QDialog, QWidget

from planner.documents.service import Document
from ui.printing import PrintError, pdf_printer, print_documents
from ui.shell.atomic import write_atomic
from ui.worker import failure_text, shared_worker

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Printed:
    documents: int
    pages: int


def choose_printer(parent: QWidget, docs: Sequence[Document], title: str = "Afdrukken") -> QPrinter | None:
    """The system print dialog; the printer chosen, or None when cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(docs[0].filename if len(docs) == 1 else "brieven-en-plan")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_now(docs: Sequence[Document], printer: QPrinter, two_sided: bool | None = None) -> Printed:
    """Print here and now (tests, the command line); raises PrintError with a Dutch sentence."""
    sides = print_documents([d.pdf for d in docs], printer, two_sided=two_sided)
    return Printed(len(docs), sides)


def start_print(
    owner: QObject,
    docs: Sequence[Document],
    printer: QPrinter,
    done: Callable[[Printed], None],
    failed: Callable[[str], None],
) -> None:
    """Print on the worker; `done` or `failed` (a Dutch sentence) is called on the GUI thread.
    The printer is kept alive by the closures until the job ends."""
    docs = list(docs)

    def work() -> Printed:
        return print_now(docs, printer)

    def error(exc: BaseException) -> None:
        if isinstance(exc, PrintError):
            failed(str(exc))
            return
        log.error("printing failed: %s", failure_text(exc))
        failed(
            "Het afdrukken is mislukt. Probeer het opnieuw, of sla de documenten op als PDF "
            "(Alles opslaan…) en druk die af."
        )

    shared_worker().submit(work, done, error, owner=owner, name="print documents")


def save_all(docs: Sequence[Document], folder: Path) -> list[Path]:
    """Every document into `folder` under its own file name (no names in file names)."""
    return [write_atomic(folder / doc.filename, doc.pdf) for doc in docs]


def saved_text(folder: Path, files: Sequence[Path]) -> str:
    count = len(files)
    return f"Opgeslagen in {folder}: {count} {'bestand' if count == 1 else 'bestanden'}"


# --- the command line: `trajectplanner print` ------------------------------------------------


def ensure_gui_application() -> None:
    """Painting needs a QGuiApplication; headless (no display) through the offscreen platform."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        platform = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
        QGuiApplication(["trajectplanner", "-platform", platform])


def printer_names() -> list[str]:
    ensure_gui_application()
    return list(QPrinterInfo.availablePrinterNames())


def system_printer(name: str | None) -> QPrinter:
    """The named printer, else the default one; PrintError (Dutch) when there is none."""
    ensure_gui_application()
    info = QPrinterInfo.printerInfo(name) if name else QPrinterInfo.defaultPrinter()
    if info.isNull():
        names = ", ".join(QPrinterInfo.availablePrinterNames()) or "geen"
        what = f"Er is geen printer ‘{name}’." if name else "Er is geen standaardprinter ingesteld."
        raise PrintError(
            f"{what} Beschikbare printers: {names}. Kies er een met --printer NAAM, "
            "of schrijf de afdruk naar een bestand met --pdf BESTAND."
        )
    return QPrinter(info, QPrinter.PrinterMode.HighResolution)


def print_to_pdf_file(docs: Sequence[Document], target: Path, dpi: int = 300) -> Printed:
    """The print job as a PDF file, exactly as the printer would get it; written beside the
    target and moved into place, so a failed run leaves no half file."""
    ensure_gui_application()
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    temp = Path(temp_name)
    try:
        printed = print_now(docs, pdf_printer(temp, dpi))
        temp.chmod(0o600)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    return printed
