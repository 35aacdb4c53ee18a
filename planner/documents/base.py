"""What every printed document shares: fonts, styles, safe text, page numbers, the watermark.

The pattern follows reportlab letters done well (pretix's invoice renderer): a `BaseDocTemplate`
with a first-page and a later-page template, a registered TTF family so every glyph (ë, é, €) is
embedded, named paragraph styles, and a canvas that draws "Pagina x van y" once the page count is
known. Documents render from frozen snapshots; nothing here computes or words domain content.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import math
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, StyleSheet1
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus import Paragraph as _Paragraph
from reportlab.platypus import Table as _Table

from planner.documents.printable_text import printable
from planner.dutch import NBSP

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = A4
LEFT_MARGIN = 25 * mm
RIGHT_MARGIN = 20 * mm
BOTTOM_MARGIN = 22 * mm
LATER_TOP = 25 * mm  # top of the body frame on later pages
TEXT_WIDTH = PAGE_WIDTH - LEFT_MARGIN - RIGHT_MARGIN
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.75, 0.75, 0.75)
LANG = "nl-NL"
PAGE_LABEL = "Pagina {page} van {total}"
WATERMARK = "CONCEPT"

# Every table starts from this: cells are Paragraphs, but a Table still selects its own cell font
# (Helvetica by default), which would list an unembedded font on the page.
# One TableStyle command: name, first cell, last cell, arguments (reportlab's stubs keep theirs private).
TableCommand = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]
TABLE_BASE: list[TableCommand] = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 3),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ("TOPPADDING", (0, 0), (-1, -1), 2),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]


# A row taller than this may split inside itself (half of a later page's body frame): smaller rows
# move whole to the next page as before, so ordinary tables look the same.
TALL_ROW = (PAGE_HEIGHT - LATER_TOP - BOTTOM_MARGIN) / 2


@functools.lru_cache(maxsize=4096)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[Any, str, tuple[Any, ...], Any]:
    """reportlab's parse of `markup` (style, cleaned text, fragments, bullet): the same sentences
    recur in every letter (the objection and support sections, labels, the sender block)."""
    parsed = _Paragraph(markup, style)
    return parsed.style, parsed.text, tuple(parsed.frags), parsed.bulletText


def clear_caches() -> None:
    """Forget every parsed text (a benchmark measures a household printed for the first time)."""
    _parsed.cache_clear()


class Paragraph(_Paragraph):
    """A Paragraph that parses each text once per process and breaks its lines once per width:
    reportlab wraps most paragraphs twice at the same width (a KeepTogether or table measures
    them, then the frame places them); parsing and line breaking are most of a letter's cost.

    Each Paragraph gets its own copies of the parsed fragments: reportlab's split of a hyphenated
    line changes the class of a fragment in place."""

    _wrapped_at: float | None = None

    # `style` as reportlab's StyleSheet1 hands it out (typed PropertySet in its stubs); `text` is
    # None when reportlab's own split makes the two halves from fragments.
    def __init__(self, text: str | None, style: Any, **kwargs: Any) -> None:
        if text is None or kwargs:  # fragments given: nothing to parse
            super().__init__(text, style, **kwargs)  # type: ignore[arg-type]
            return
        parsed_style, cleaned, frags, bullet = _parsed(text, style)
        super().__init__(cleaned, parsed_style, bulletText=bullet, frags=[f.clone() for f in frags])

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # A split (or reportlab itself) deletes blPara when the lines no longer hold: break again.
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size


class Table(_Table):
    """A table whose tall rows split over pages: a cell taller than a page (a long note, many
    goals) would otherwise stop the whole document with reportlab's LayoutError.

    Rows are kept whole first (reportlab's own split); only when that fails and a row is taller
    than `TALL_ROW` is that row split inside its cells (reportlab's in-row split)."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        # Both private in reportlab's stubs: the heights its split just measured, and the call
        # its own split makes when splitInRow is set.
        heights: list[float] = getattr(self, "_rowHeights", None) or []
        if parts or not heights or max(heights) <= TALL_ROW:
            return parts
        split_rows = self._splitRows  # type: ignore[attr-defined]
        return list(split_rows(availHeight, doInRowSplit=True))


@functools.cache
def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans (shipped in resources/fonts) once; returns (regular, bold) names."""
    fonts = importlib.resources.files("resources.fonts")
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        with importlib.resources.as_file(fonts.joinpath(filename)) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    # Italic falls back to the upright faces: letters use no italics, but <i> must not crash.
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)
    return FONT, FONT_BOLD


def clean(text: str) -> str:
    """User or snapshot text made safe for Paragraph markup: NFKC, what the font can show
    (`printable_text`), XML-escaped, newlines kept.

    Every piece of text enters a Paragraph through here; markup is only ever added around it.
    """
    # NFKC would turn a no-break space (between "€" and its amount) into a breaking one.
    nfkc = NBSP.join(unicodedata.normalize("NFKC", part) for part in text.split(NBSP))
    normalised = printable(nfkc, register_fonts()).strip()
    return "<br/>".join(escape(line) for line in normalised.splitlines())


@functools.cache
def stylesheet() -> StyleSheet1:
    regular, bold = register_fonts()
    sheet = StyleSheet1()
    sheet.add(ParagraphStyle("Body", fontName=regular, fontSize=10, leading=14, spaceAfter=6))
    sheet.add(ParagraphStyle("BodyTight", parent=sheet["Body"], spaceAfter=0))
    sheet.add(ParagraphStyle("Small", fontName=regular, fontSize=8, leading=10, textColor=GREY))
    sheet.add(ParagraphStyle("Address", fontName=regular, fontSize=10, leading=12.5))
    sheet.add(ParagraphStyle("Label", fontName=bold, fontSize=7.5, leading=9, textColor=GREY))
    sheet.add(ParagraphStyle("Value", fontName=regular, fontSize=9, leading=11, spaceAfter=3))
    sheet.add(ParagraphStyle("Title", fontName=bold, fontSize=15, leading=19, spaceAfter=8))
    sheet.add(ParagraphStyle("Subject", fontName=bold, fontSize=11, leading=14, spaceAfter=10))
    sheet.add(
        ParagraphStyle("Heading", fontName=bold, fontSize=11.5, leading=15, spaceBefore=10, spaceAfter=4)
    )
    sheet.add(
        ParagraphStyle("Subheading", fontName=bold, fontSize=10, leading=13, spaceBefore=6, spaceAfter=3)
    )
    sheet.add(ParagraphStyle("Cell", fontName=regular, fontSize=9, leading=11.5, alignment=TA_LEFT))
    sheet.add(ParagraphStyle("CellBold", parent=sheet["Cell"], fontName=bold))
    sheet.add(ParagraphStyle("CellRight", parent=sheet["Cell"], alignment=2))
    sheet.add(ParagraphStyle("CellRightBold", parent=sheet["CellRight"], fontName=bold))
    sheet.add(ParagraphStyle("Bullet", parent=sheet["Body"], leftIndent=12, bulletIndent=2, spaceAfter=2))
    return sheet


def para(text: str, style: str = "Body", *, bold: bool = False) -> Paragraph:
    """A Paragraph from plain text (cleaned here); `bold` wraps the whole text."""
    markup = clean(text)
    return Paragraph(f"<b>{markup}</b>" if bold else markup, stylesheet()[style])


class NumberedCanvas(Canvas):
    """Keeps every page until the end, then stamps "Pagina x van y" on each (two passes in one)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved_pages.append(dict(self.__dict__))
        # Reportlab's own showPage ends with this private call; the stubs leave it out.
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 8)
        self.setFillColor(GREY)
        label = PAGE_LABEL.format(page=self.getPageNumber(), total=total)
        self.drawRightString(PAGE_WIDTH - RIGHT_MARGIN, 12 * mm, label)
        self.restoreState()


def draw_watermark(canvas: Canvas, text: str = WATERMARK) -> None:
    """A large pale diagonal word behind the content (drawn before the frames fill the page)."""
    canvas.saveState()
    size = 110
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(math.degrees(math.atan(PAGE_HEIGHT / PAGE_WIDTH)))
    canvas.setFont(FONT_BOLD, size)
    canvas.setFillColor(colors.Color(0.88, 0.88, 0.88))
    canvas.drawCentredString(0, -size / 3, text)
    canvas.restoreState()


def draw_paragraph(canvas: Canvas, flowable: Flowable, left: float, top: float, width: float) -> float:
    """Draw a flowable with its top-left corner at (left, top from the page top); returns its height."""
    _, height = flowable.wrap(width, PAGE_HEIGHT)
    flowable.drawOn(canvas, left, PAGE_HEIGHT - top - height)
    return height


PageDrawer = Callable[[Canvas, BaseDocTemplate], None]


def render(
    story: Sequence[Flowable],
    *,
    title: str,
    first_top: float,
    on_first: PageDrawer,
    on_later: PageDrawer,
    invariant: bool,
    author: str = "",
) -> bytes:
    """Build a two-template A4 document: `first_top` is where the body starts on page 1."""
    register_fonts()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT_MARGIN,
        rightMargin=RIGHT_MARGIN,
        topMargin=LATER_TOP,
        bottomMargin=BOTTOM_MARGIN,
        title=title,
        author=author,
        creator="Trajectplanner",
        lang=LANG,
        displayDocTitle=True,
        invariant=1 if invariant else 0,
        initialFontName=FONT,  # otherwise an unembedded Helvetica is listed on every page
    )

    def frame(top: float, frame_id: str) -> Frame:
        height = PAGE_HEIGHT - top - BOTTOM_MARGIN
        return Frame(LEFT_MARGIN, BOTTOM_MARGIN, TEXT_WIDTH, height, 0, 0, 0, 0, id=frame_id)

    doc.addPageTemplates(
        [
            PageTemplate(
                id="first", frames=[frame(first_top, "first")], onPage=on_first, autoNextPageTemplate="later"
            ),
            PageTemplate(id="later", frames=[frame(LATER_TOP, "later")], onPage=on_later),
        ]
    )
    doc.build(list(story), canvasmaker=NumberedCanvas)
    return buffer.getvalue()
