"""Pages of a PDF as images, and printing them (no QtPdf in PySide6-Essentials).

Pages are rasterised by poppler's `pdftoppm` when it is installed (Debian: poppler-utils); the
preview then shows the real pages and printing sends them to any QPrinter — the system printer
or, in tests, a PDF file. Without pdftoppm the preview shows the text and printing asks to save
the PDF and print that file instead.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

PREVIEW_DPI = 80
PRINT_DPI_MAX = 300


def can_rasterise() -> bool:
    return shutil.which("pdftoppm") is not None


def page_images(pdf: bytes, dpi: int = PREVIEW_DPI) -> list[QImage]:
    """Every page as an image; [] when pdftoppm is missing or fails."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        return []
    with tempfile.TemporaryDirectory(prefix="tp-pages-") as tmp:
        source = Path(tmp) / "doc.pdf"
        source.write_bytes(pdf)
        try:
            subprocess.run(
                [exe, "-png", "-r", str(dpi), str(source), str(Path(tmp) / "page")],
                check=True,
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return []
        files = sorted(Path(tmp).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [QImage(str(f)) for f in files]


def print_dpi(printer: QPrinter) -> int:
    return min(max(printer.resolution(), 150), PRINT_DPI_MAX)


def print_pdf(pdf: bytes, printer: QPrinter) -> bool:
    """Paint every page onto `printer`, scaled to its page. False when pages cannot be made."""
    return print_images(page_images(pdf, print_dpi(printer)), printer)


def print_images(images: list[QImage], printer: QPrinter) -> bool:
    """Paint page images (from `page_images`, which may run on the worker) onto `printer`."""
    if not images:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(QRect(area.x(), area.y(), size.width(), size.height()))
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()
    return True


def pdf_printer(path: Path) -> QPrinter:
    """A printer that writes a PDF file (used by tests instead of the system dialog)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(150)
    return printer
