"""Pages of a PDF as images, and printing them, through PDFium (pypdfium2), shipped with the program.

No system tool is needed (poppler's pdftoppm is not there on Windows). PDFium renders a page only
to a bitmap, so a print job gets each page rendered at the printer's own resolution (capped at
PRINT_DPI_MAX), drawn 1:1 on A4 from the paper's corner: no scaling to the printable area, so the
address stays where the envelope window expects it. A print to a PDF file (QPrinter.PdfFormat)
also gets the page's text as an invisible layer on top of the image, so the file stays searchable
and can be read back. PDFium is not thread-safe: every call into it holds `_PDFIUM`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

import pypdfium2 as pdfium
from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPen
from PySide6.QtPrintSupport import QPrinter

PREVIEW_DPI = 96
PRINT_DPI_MIN = 150
PRINT_DPI_MAX = 600  # a laser printer's own resolution; an A4 page is then 35 Mpixel (~100 MB)
POINTS_PER_INCH = 72.0
_PDFIUM = threading.Lock()


class PrintError(Exception):
    """A Dutch sentence: why nothing (more) was printed and what to do."""


@contextmanager
def _open(pdf: bytes) -> Iterator[pdfium.PdfDocument]:
    with _PDFIUM:
        doc = pdfium.PdfDocument(pdf)
        try:
            yield doc
        finally:
            doc.close()


def page_count(pdf: bytes) -> int:
    with _open(pdf) as doc:
        return len(doc)


def _render(page: pdfium.PdfPage, dpi: float) -> QImage:
    """The page as an RGB image at `dpi` (a deep copy: the PDFium buffer is freed after)."""
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, may_draw_forms=False)
    try:
        fmt = QImage.Format.Format_RGBX8888 if bitmap.n_channels == 4 else QImage.Format.Format_RGB888
        image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
        return image.copy()
    finally:
        bitmap.close()


def page_images(pdf: bytes, dpi: float = PREVIEW_DPI) -> list[QImage]:
    """Every page as an image (QImage may be made on the worker, unlike QPixmap)."""
    with _open(pdf) as doc:
        return [_render(doc[n], dpi) for n in range(len(doc))]


def print_dpi(printer: QPrinter) -> int:
    return min(max(printer.resolution(), PRINT_DPI_MIN), PRINT_DPI_MAX)


def _text_runs(page: pdfium.PdfPage) -> list[tuple[QRectF, str]]:
    """The page's text in runs (PDFium's rectangles, one per piece of a line), in points from
    the page's top-left corner."""
    height = page.get_height()
    text = page.get_textpage()
    try:
        runs = []
        for n in range(text.count_rects()):
            left, bottom, right, top = text.get_rect(n)
            words = text.get_text_bounded(left, bottom, right, top).strip()
            if words:
                runs.append((QRectF(left, height - top, right - left, top - bottom), words))
        return runs
    finally:
        text.close()


def _paint_text_layer(painter: QPainter, runs: list[tuple[QRectF, str]]) -> None:
    """The text, invisible (alpha 0) at its place: a PDF print can be searched and read back."""
    painter.save()
    painter.setPen(QPen(QColor(0, 0, 0, 0)))
    font = QFont("DejaVu Sans")
    for rect, words in runs:
        font.setPointSizeF(max(rect.height() * 0.8, 1.0))
        painter.setFont(font)
        painter.drawText(QPointF(rect.left(), rect.bottom() - rect.height() * 0.2), words)
    painter.restore()


def _full_page(printer: QPrinter, width_pt: float, height_pt: float) -> None:
    """The paper of the document (A4 for our letters), and paint from the paper's corner."""
    size = QPageSize(
        QSizeF(width_pt, height_pt), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    )


def print_documents(
    pdfs: Sequence[bytes],
    printer: QPrinter,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Print every document in one job, each page at the printer's resolution; returns the
    number of page sides sent. With duplex on, every document starts on a new sheet (a blank back
    after an odd page count), so each addressee's letter comes off the stack on its own.
    Qt allows painting a QPrinter off the GUI thread, so this may run on the worker."""
    dpi = print_dpi(printer)
    with_text = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    duplex = printer.duplex() != QPrinter.DuplexMode.DuplexNone
    total = sum(page_count(pdf) for pdf in pdfs)
    painter = QPainter()
    sides = printed = 0
    try:
        for number, pdf in enumerate(pdfs, start=1):
            with _open(pdf) as doc:
                for n in range(len(doc)):
                    page = doc[n]
                    width, height = page.get_width(), page.get_height()
                    _full_page(printer, width, height)
                    if sides == 0:
                        if not painter.begin(printer):
                            raise PrintError(
                                "De printer kon niet worden geopend. Kijk of hij aan staat en "
                                "verbonden is, of kies een andere printer."
                            )
                    elif not printer.newPage():
                        raise PrintError("De printer nam de volgende pagina niet aan. Probeer het opnieuw.")
                    sides += 1
                    image = _render(page, dpi)
                    runs = _text_runs(page) if with_text else []
                    # Points to device pixels: the page 1:1 from the paper's corner.
                    scale = printer.resolution() / POINTS_PER_INCH
                    painter.resetTransform()
                    painter.scale(scale, scale)
                    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
                    painter.drawImage(QRectF(0, 0, width, height), image)
                    del image  # one page in memory at a time
                    _paint_text_layer(painter, runs)
                    printed += 1
                    if progress is not None:
                        progress(printed, total)
                odd = len(doc) % 2 == 1
            if duplex and odd and number < len(pdfs):
                printer.newPage()  # the blank back of this document's last sheet
                sides += 1
    finally:
        if painter.isActive():
            painter.end()
    return sides


def pdf_printer(path: object, dpi: int = PRINT_DPI_MIN) -> QPrinter:
    """A printer that writes a PDF file (the tests and `print --pdf` use it instead of a dialog)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(dpi)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    return printer
