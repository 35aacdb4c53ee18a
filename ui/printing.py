"""Pages of a PDF as images, and printing them, through PDFium (pypdfium2), shipped with the program.

No system tool is needed (poppler's pdftoppm is not there on Windows). PDFium renders a page only
to a bitmap, so a print job gets each page rendered at the printer's own resolution (capped at
PRINT_DPI_MAX), drawn 1:1 on A4 from the paper's corner: no scaling to the printable area, so the
address stays where the envelope window expects it. A print to a PDF file (QPrinter.PdfFormat)
also gets the page's text as an invisible layer on top of the image, so the file stays searchable
and can be read back. PDFium is not thread-safe: every call into it holds `_PDFIUM`.
"""

from __future__ import annotations

import ctypes
import math
import threading
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
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


@dataclass(frozen=True, slots=True)
class TextRun:
    """A piece of a line: where its first glyph stands (points from the top-left corner), its
    angle (counter-clockwise, radians), size and text."""

    x: float
    y: float
    angle: float
    size: float
    text: str


def _text_runs(page: pdfium.PdfPage) -> list[TextRun]:
    """The page's text in runs of glyphs on one baseline, in PDFium's reading order."""
    height = page.get_height()
    textpage = page.get_textpage()
    raw = textpage.raw
    runs: list[TextRun] = []
    chars: list[str] = []
    start: tuple[float, float, float, float] | None = None  # x, y, angle, size of the run
    last_y = 0.0

    def close() -> None:
        nonlocal start
        if start is not None and "".join(chars).strip():
            runs.append(TextRun(start[0], start[1], start[2], start[3], "".join(chars).rstrip()))
        chars.clear()
        start = None

    try:
        x, y = ctypes.c_double(), ctypes.c_double()
        for n in range(pdfium_c.FPDFText_CountChars(raw)):
            char = chr(pdfium_c.FPDFText_GetUnicode(raw, n))
            if char in "\r\n\x02" or not pdfium_c.FPDFText_GetCharOrigin(raw, n, x, y):
                close()
                continue
            angle = pdfium_c.FPDFText_GetCharAngle(raw, n)
            size = pdfium_c.FPDFText_GetFontSize(raw, n)
            top = height - y.value
            if start is not None and (
                abs(angle - start[2]) > 1e-3 or (angle == 0 and abs(top - last_y) > 0.5)
            ):
                close()
            if start is None:
                if char == " ":
                    continue
                start = (x.value, top, angle, size)
            chars.append(unicodedata.normalize("NFKC", char) if "\ufb00" <= char <= "\ufb06" else char)
            last_y = top  # a ligature (ﬃ) as its letters: the file is searched for "ffi"
        close()
        return runs
    finally:
        textpage.close()


def _paint_text_layer(painter: QPainter, runs: list[TextRun]) -> None:
    """The text, invisible (alpha 0) at its place: a PDF print can be searched and read back."""
    painter.save()
    painter.setPen(QPen(QColor(0, 0, 0, 0)))
    font = QFont("DejaVu Sans")
    for tag in ("liga", "clig"):  # Qt would join f+f+i into one glyph that reads back as "ﬃ"
        font.setFeature(QFont.Tag(tag), 0)
    # The painter draws in points, scaled to the device; a font's point size is scaled by the
    # device's dpi on top, so it is set in points of the device: size * 72 / dpi.
    device = painter.device()
    per_point = 72.0 / device.logicalDpiY() if device is not None else 1.0
    for run in runs:
        font.setPointSizeF(max(run.size, 1.0) * per_point)
        painter.setFont(font)
        if not run.angle:
            painter.drawText(QPointF(run.x, run.y), run.text)
            continue
        painter.save()
        painter.translate(run.x, run.y)
        painter.rotate(-math.degrees(run.angle))
        painter.drawText(QPointF(0, 0), run.text)
        painter.restore()
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
    two_sided: bool | None = None,
) -> int:
    """Print every document in one job, each page at the printer's resolution; returns the
    number of page sides sent. With duplex on, every document starts on a new sheet (a blank back
    after an odd page count), so each addressee's letter comes off the stack on its own.
    Qt allows painting a QPrinter off the GUI thread, so this may run on the worker."""
    dpi = print_dpi(printer)
    with_text = printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    # `two_sided` None: as the printer is set (a PDF printer always says one-sided).
    duplex = printer.duplex() != QPrinter.DuplexMode.DuplexNone if two_sided is None else two_sided
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
