"""Tijdlijn: the household's trajectory as a picture (QPainter), exportable as PNG.

Per member a row; allocations are bars over the months of the plan. Laws differ by fill pattern
and a written label (not colour alone); dated marks have their own symbol and a legend.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolTip, QVBoxLayout, QWidget

from planner.dutch import MONTH_ABBREVIATIONS
from planner.model import Law
from planner.services.changes import Changes, Kind
from ui.labels import LAW_WORDS
from ui.session import HouseholdSession
from ui.support.timeline_data import Bar, Mark, MarkKind, TimelineData, build_timeline

NAME_WIDTH = 170
HEADER = 46
ROW_HEIGHT = 78
LEGEND_HEIGHT = 64
MARGIN = 10
BAR_HEIGHT = 36

LAW_STYLE = {
    Law.JEUGDWET: (QColor("#f6d7a7"), Qt.BrushStyle.BDiagPattern, LAW_WORDS[Law.JEUGDWET]),
    Law.WMO: (QColor("#b9d3ee"), Qt.BrushStyle.SolidPattern, LAW_WORDS[Law.WMO]),
    None: (QColor("#dddddd"), Qt.BrushStyle.SolidPattern, "wet onbekend"),
}
MARK_COLOR = {
    MarkKind.BIRTHDAY: QColor("#8a1c7c"),
    MarkKind.EVALUATION: QColor("#1d6b1d"),
    MarkKind.BRIDGING_UNTIL: QColor("#b05a00"),
    MarkKind.CONTRACT_END: QColor("#a4000f"),
}
INK = QColor("#1b1b1b")


class _Geometry:
    def __init__(self, data: TimelineData, width: int) -> None:
        self.data = data
        self.x0 = NAME_WIDTH + MARGIN
        self.x1 = max(self.x0 + 100, width - MARGIN)
        self.days = max(1, (data.last - data.first).days + 1)

    def x(self, d: date) -> float:
        return self.x0 + (self.x1 - self.x0) * (d - self.data.first).days / self.days

    def x_end(self, d: date) -> float:
        """Right edge of an inclusive end day."""
        return self.x0 + (self.x1 - self.x0) * ((d - self.data.first).days + 1) / self.days

    def row_top(self, i: int) -> int:
        return HEADER + i * ROW_HEIGHT

    def bar_rect(self, row: int, bar: Bar, lane: int, lanes: int) -> QRectF:
        top = self.row_top(row) + 8
        h = BAR_HEIGHT if lanes == 1 else max(16, (ROW_HEIGHT - 26) / lanes - 2)
        y = top + lane * (h + 2)
        return QRectF(self.x(bar.start), y, max(3.0, self.x_end(bar.end) - self.x(bar.start)), h)


def _lanes(bars: list[Bar]) -> list[int]:
    """Overlapping bars of one member go in separate lanes."""
    ends: list[date] = []
    out = []
    for b in bars:
        lane = next((i for i, e in enumerate(ends) if e < b.start), None)
        if lane is None:
            ends.append(b.end)
            lane = len(ends) - 1
        else:
            ends[lane] = b.end
        out.append(lane)
    return out


def bar_layout(data: TimelineData, width: int) -> list[tuple[QRectF, str]]:
    """Where each allocation's bar is drawn (also used to find the bar under the mouse)."""
    g = _Geometry(data, width)
    out = []
    for r, row in enumerate(data.rows):
        lanes = _lanes(row.bars)
        n = max(lanes, default=0) + 1
        out.extend(
            (g.bar_rect(r, bar, lane, n), bar.allocation_id)
            for bar, lane in zip(row.bars, lanes, strict=True)
        )
    return out


def picture_height(data: TimelineData) -> int:
    return HEADER + max(1, len(data.rows)) * ROW_HEIGHT + LEGEND_HEIGHT + MARGIN


def paint_timeline(p: QPainter, width: int, height: int, data: TimelineData) -> list[tuple[QRectF, str]]:
    """Paint the whole picture; returns the bar rectangles with their allocation ids (for clicks)."""
    g = _Geometry(data, width)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.fillRect(QRect(0, 0, width, height), QColor("white"))
    base = QFont(p.font())
    base.setPointSizeF(9.5)
    p.setFont(base)
    small = QFont(base)
    small.setPointSizeF(8.5)
    bold = QFont(base)
    bold.setBold(True)
    rows_bottom = g.row_top(len(data.rows)) if data.rows else g.row_top(1)

    # plan period band
    if data.plan_start and data.plan_end:
        band = QRectF(
            g.x(data.plan_start),
            HEADER - 14,
            g.x_end(data.plan_end) - g.x(data.plan_start),
            rows_bottom - HEADER + 14,
        )
        p.fillRect(band, QColor("#f2f6ee"))
        p.setPen(QPen(QColor("#5a7a3a"), 1))
        p.drawLine(QPointF(band.left(), HEADER - 14), QPointF(band.right(), HEADER - 14))
        p.setFont(small)
        p.drawText(
            QRectF(band.left() + 3, HEADER - 28, band.width(), 14),
            Qt.AlignmentFlag.AlignLeft,
            f"Planperiode {data.plan_start:%d-%m-%Y} t/m {data.plan_end:%d-%m-%Y}",
        )

    # month ticks
    p.setFont(small)
    months = data.months()
    step = 1 if len(months) <= 18 else (2 if len(months) <= 36 else 6)
    for i, m in enumerate(months):
        x = g.x(max(m, data.first))
        p.setPen(QPen(QColor("#c8c8c8"), 1, Qt.PenStyle.DotLine))
        p.drawLine(QPointF(x, HEADER - 12), QPointF(x, rows_bottom))
        if i % step == 0:
            p.setPen(INK)
            label = month_label(m, with_year=m.month == 1 or i == 0)
            p.drawText(QRectF(x + 2, HEADER - 12, 60, 12), Qt.AlignmentFlag.AlignLeft, label)

    # mark lines behind the bars
    for r, row in enumerate(data.rows):
        for mark in row.marks:
            _mark_line(p, g.x(mark.day), g.row_top(r), g.row_top(r) + ROW_HEIGHT, mark)
    for mark in data.plan_marks:
        _mark_line(p, g.x(mark.day), HEADER, rows_bottom, mark)

    # rows
    hits: list[tuple[QRectF, str]] = []
    for r, row in enumerate(data.rows):
        top = g.row_top(r)
        p.setPen(QPen(QColor("#bbbbbb"), 1))
        p.drawLine(QPointF(MARGIN, top + ROW_HEIGHT), QPointF(g.x1, top + ROW_HEIGHT))
        p.setPen(INK)
        p.setFont(bold)
        p.drawText(
            QRectF(MARGIN, top + 4, NAME_WIDTH - 6, ROW_HEIGHT - 8),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            row.name,
        )
        lanes = _lanes(row.bars)
        n = max(lanes, default=0) + 1
        for bar, lane in zip(row.bars, lanes, strict=True):
            rect = g.bar_rect(r, bar, lane, n)
            color, pattern, law_words = LAW_STYLE.get(bar.law, LAW_STYLE[None])
            p.fillRect(rect, QColor("white"))
            p.fillRect(rect, QBrush(color))
            if pattern is not Qt.BrushStyle.SolidPattern:
                p.fillRect(rect, QBrush(color.darker(150), pattern))
            p.setPen(QPen(INK, 1.2))
            p.drawRect(rect)
            text = f"{bar.label} ({law_words}{', pgb' if bar.pgb else ''})"
            p.setFont(base if n == 1 else small)
            inner = rect.adjusted(4, 1, -4, -1)
            fm = p.fontMetrics()
            if n == 1:
                line1 = fm.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width()))
                line2 = fm.elidedText(bar.detail, Qt.TextElideMode.ElideRight, int(inner.width()))
                _text_on(p, inner, line1 + "\n" + line2)
            else:
                _text_on(p, inner, fm.elidedText(text, Qt.TextElideMode.ElideRight, int(inner.width())))
            hits.append((rect, bar.allocation_id))
        _mark_labels(p, g, row.marks, top + ROW_HEIGHT, small)
    _mark_labels(p, g, data.plan_marks, rows_bottom, small)
    if not any(row.bars for row in data.rows):
        p.setPen(QColor("#555555"))
        p.setFont(base)
        p.drawText(
            QRectF(g.x0, HEADER, g.x1 - g.x0, ROW_HEIGHT),
            Qt.AlignmentFlag.AlignCenter,
            "Nog geen toewijzingen. Voeg ze toe op het tabblad Ondersteuning.",
        )

    _draw_legend(p, data.legend, rows_bottom + 8, width, small)
    return hits


def _text_on(p: QPainter, rect: QRectF, text: str) -> None:
    """Text with a white halo so it stays readable on the hatched Jeugdwet pattern."""
    p.setPen(QColor(255, 255, 255, 230))
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1)):
        p.drawText(rect.translated(dx, dy), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    p.setPen(INK)
    p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)


def _symbol(p: QPainter, kind: MarkKind, x: float, y: float) -> None:
    color = MARK_COLOR[kind]
    p.setPen(QPen(color, 1.5))
    p.setBrush(QBrush(color))
    s = 5.5
    if kind is MarkKind.BIRTHDAY:
        p.drawPolygon(QPolygonF([QPointF(x, y - s), QPointF(x + s, y), QPointF(x, y + s), QPointF(x - s, y)]))
    elif kind is MarkKind.EVALUATION:
        p.drawPolygon(QPolygonF([QPointF(x, y - s), QPointF(x + s, y + s), QPointF(x - s, y + s)]))
    elif kind is MarkKind.BRIDGING_UNTIL:
        p.drawRect(QRectF(x - s + 1, y - s + 1, 2 * s - 2, 2 * s - 2))
    else:
        p.drawLine(QPointF(x - s, y - s), QPointF(x + s, y + s))
        p.drawLine(QPointF(x - s, y + s), QPointF(x + s, y - s))
    p.setBrush(Qt.BrushStyle.NoBrush)


def _mark_line(p: QPainter, x: float, top: float, bottom: float, mark: Mark) -> None:
    color = MARK_COLOR[mark.kind]
    p.setPen(QPen(color, 2 if mark.kind is MarkKind.BIRTHDAY else 1.4, Qt.PenStyle.DashLine))
    p.drawLine(QPointF(x, top + 2), QPointF(x, bottom - 2))


def _mark_labels(p: QPainter, g: _Geometry, marks: list[Mark], bottom: float, font: QFont) -> None:
    """Symbol and label of each mark under the bars, in two lines so close dates do not collide."""
    p.setFont(font)
    fm = p.fontMetrics()
    ends = [float("-inf"), float("-inf")]  # right edge of the last label per line
    for mark in sorted(marks, key=lambda m: m.day):
        x = g.x(mark.day)
        label = f"{g.data.mark_words.get(mark.kind, mark.kind.value)} {mark.day:%d-%m}"
        width = fm.horizontalAdvance(label) + 16
        line = 0 if ends[0] < x - 6 else (1 if ends[1] < x - 6 else 0)
        ends[line] = x + width
        y = bottom - 30 + line * 15
        _symbol(p, mark.kind, x, y + 7)
        p.setPen(MARK_COLOR[mark.kind])
        p.drawText(
            QRectF(x + 8, y, width, 14), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label
        )


def _draw_legend(p: QPainter, legend: dict[MarkKind, str], y: float, width: int, font: QFont) -> None:
    p.setFont(font)
    x = float(MARGIN)
    for law in (Law.JEUGDWET, Law.WMO):
        color, pattern, words = LAW_STYLE[law]
        rect = QRectF(x, y + 2, 26, 12)
        p.fillRect(rect, QBrush(color))
        if pattern is not Qt.BrushStyle.SolidPattern:
            p.fillRect(rect, QBrush(color.darker(150), pattern))
        p.setPen(INK)
        p.drawRect(rect)
        p.drawText(QRectF(x + 30, y, 200, 16), Qt.AlignmentFlag.AlignVCenter, f"{words}-toewijzing")
        x += 170
    x = float(MARGIN)
    y2 = y + 22
    for kind, words in legend.items():
        _symbol(p, kind, x + 6, y2 + 8)
        p.setPen(INK)
        p.drawText(QRectF(x + 16, y2, 300, 16), Qt.AlignmentFlag.AlignVCenter, words)
        x += max(260, (width - 2 * MARGIN) / 4)
        if x > width - 200:
            x = float(MARGIN)
            y2 += 18


class TimelineCanvas(QWidget):
    allocation_clicked = Signal(str)

    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setMouseTracking(True)
        self.setAccessibleName("Tijdlijn van het huishouden")
        self.data = self._build()

    def _build(self) -> TimelineData:
        s = self.session
        return build_timeline(s.household, s.plan, s.catalogue, s.reference, s.today)

    def rebuild(self) -> None:
        self.data = self._build()
        self.setMinimumHeight(picture_height(self.data))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(900, picture_height(self.data))

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        paint_timeline(p, self.width(), self.height(), self.data)
        p.end()

    def bar_at(self, x: float, y: float) -> str | None:
        for rect, aid in bar_layout(self.data, self.width()):
            if rect.contains(QPointF(x, y)):
                return aid
        return None

    def bar_rect(self, allocation_id: str) -> QRectF | None:
        return next((r for r, aid in bar_layout(self.data, self.width()) if aid == allocation_id), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        aid = self.bar_at(event.position().x(), event.position().y())
        if aid is not None:
            self.allocation_clicked.emit(aid)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        aid = self.bar_at(event.position().x(), event.position().y())
        if aid is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        bar = next((b for row in self.data.rows for b in row.bars if b.allocation_id == aid), None)
        if bar is not None:
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{bar.label}\n{bar.start:%d-%m-%Y} t/m {bar.end:%d-%m-%Y}\n{bar.detail}\n"
                "Klik om de toewijzing te openen.",
                self,
            )


class TimelineWidget(QWidget):
    """The "Tijdlijn" tab: the picture, and an export button."""

    allocation_clicked = Signal(str)

    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.canvas = TimelineCanvas(session)
        self.canvas.allocation_clicked.connect(self._clicked)
        self.export_button = QPushButton("Exporteer als &PNG…")
        self.export_button.clicked.connect(self._export)
        hint = QLabel("Klik op een balk om de toewijzing te openen.")
        hint.setStyleSheet("color: #555;")
        top = QHBoxLayout()
        top.addWidget(hint, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.canvas)
        layout.addStretch(1)
        session.connect_changes(self._on_changes)
        self.canvas.rebuild()

    # Goals' target dates are marks; the municipality decides which contract ends are shown.
    DEPENDS_ON = (
        Kind.ALLOCATIONS
        | Kind.MEMBERS
        | Kind.HOUSEHOLD
        | Kind.LIFE_AREAS
        | Kind.PLAN
        | Kind.PLANS
        | Kind.CATALOGUE
    )

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.DEPENDS_ON):
            self.canvas.rebuild()

    def _clicked(self, allocation_id: str) -> None:
        self.allocation_clicked.emit(allocation_id)
        self.session.navigate.emit("allocation", allocation_id)  # the support tab opens it

    def _export(self) -> None:
        from ui.file_dialogs import ask_save_path

        path = ask_save_path(
            self, "Tijdlijn opslaan als PNG", "tijdlijn", "tijdlijn.png", "PNG-afbeelding (*.png)"
        )
        if path is not None:
            render_timeline_png(self.session, path, (max(1000, self.canvas.width()), 0))


def month_label(month: date, *, with_year: bool) -> str:
    """A tick on the time axis: "mrt", or "jan 27" where a year starts."""
    short = MONTH_ABBREVIATIONS[month.month - 1]
    return f"{short} {month.year % 100:02d}" if with_year else short


def render_timeline_png(
    session: HouseholdSession, path: Path | str, size: tuple[int, int] = (1366, 0)
) -> Path:
    """Render the timeline to a PNG file; height 0 = as tall as the picture needs."""
    data = build_timeline(
        session.household, session.plan, session.catalogue, session.reference, session.today
    )
    width, height = size
    height = height or picture_height(data)
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    paint_timeline(p, width, height, data)
    p.end()
    path = Path(path)
    if not image.save(str(path), "PNG"):
        raise OSError(f"Kan de afbeelding niet opslaan in {path}.")
    return path
