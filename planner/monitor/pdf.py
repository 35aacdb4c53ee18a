"""The monitor as a PDF: bars per municipality and the flow over the months (reportlab's own
charts), then the tables. Built from the report's figures only: it holds no name and no BSN, and
every count passes `privacy` (a hidden count is drawn as no bar)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Spacer, Table, TableStyle

from planner.documents.base import FONT, FONT_BOLD, GREY, RULE, TEXT_WIDTH, para, register_fonts, render
from planner.dutch import date_words
from planner.monitor.compute import Figures, MonitorReport
from planner.monitor.privacy import SMALL, plotted, shown
from planner.monitor.table import money_text, months_text

_SERIES = (colors.Color(0.16, 0.40, 0.62), colors.Color(0.55, 0.73, 0.35), colors.Color(0.85, 0.50, 0.20))
_MONTHS = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


def _legend(drawing: Drawing, names: Sequence[str], x: float, y: float) -> None:
    legend = Legend()
    legend.x, legend.y = round(x), round(y)
    legend.fontName, legend.fontSize = FONT, 7
    legend.alignment = "left"
    legend.columnMaximum = 1
    legend.deltax = 90
    legend.colorNamePairs = list(zip(_SERIES, names, strict=False))
    drawing.add(legend)


def _bars(report: MonitorReport) -> Drawing:
    towns = report.municipalities
    drawing = Drawing(TEXT_WIDTH, 75 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 30, 45, round(TEXT_WIDTH - 40), round(50 * mm)
    chart.data = [
        [plotted(f.flow.started) for f in towns],
        [plotted(f.flow.running) for f in towns],
        [plotted(f.flow.ended) for f in towns],
    ]
    for i, color in enumerate(_SERIES):
        chart.bars[i].fillColor = color
        chart.bars[i].strokeColor = None
    chart.categoryAxis.categoryNames = [f.name for f in towns]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.angle = 30
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.groupSpacing = 6
    drawing.add(chart)
    _legend(drawing, ("instroom", "lopend", "uitstroom"), TEXT_WIDTH - 270, 75 * mm - 8)
    drawing.add(String(0, 75 * mm - 10, "Toewijzingen per gemeente", fontName=FONT_BOLD, fontSize=9))
    return drawing


def _flow(report: MonitorReport) -> Drawing:
    months = report.months
    drawing = Drawing(TEXT_WIDTH, 65 * mm)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 25, round(TEXT_WIDTH - 40), round(45 * mm)
    chart.data = [
        [plotted(m.started) for m in months] or [0],
        [plotted(m.running) for m in months] or [0],
        [plotted(m.ended) for m in months] or [0],
    ]
    for i, color in enumerate(_SERIES):
        chart.lines[i].strokeColor = color
        chart.lines[i].strokeWidth = 1.5
    chart.categoryAxis.categoryNames = [f"{_MONTHS[m.month.month - 1]} {m.month:%y}" for m in months] or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    drawing.add(chart)
    _legend(drawing, ("gestart", "lopend", "beëindigd"), TEXT_WIDTH - 270, 65 * mm - 8)
    drawing.add(String(0, 65 * mm - 10, "Stroom per maand (regio)", fontName=FONT_BOLD, fontSize=9))
    return drawing


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    body = [[para(h, "CellBold") for h in header]]
    body += [[para(c, "Cell" if i == 0 else "CellRight") for i, c in enumerate(row)] for row in rows]
    table = Table(body, colWidths=list(widths), repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, GREY),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, RULE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _all(report: MonitorReport) -> list[Figures]:
    return [*report.municipalities, report.region]


def _story(report: MonitorReport) -> list[Flowable]:
    p = report.period
    first = TEXT_WIDTH * 0.22
    rest = (TEXT_WIDTH - first) / 6
    story: list[Flowable] = [
        para("Regionale monitor", "Title"),
        para(f"Periode {date_words(p.start)} tot en met {date_words(p.end)}.", "Body"),
        para(
            f"Aantallen onder de {SMALL} staan er als ‘< {SMALL}’, zodat geen huishouden herkenbaar is; "
            "een gemiddelde, mediaan of bedrag over zo weinig huishoudens wordt niet getoond. "
            "Er staan geen namen of BSN's in deze rapportage.",
            "Small",
        ),
        Spacer(1, 4 * mm),
        _bars(report),
        Spacer(1, 2 * mm),
        _flow(report),
        para("In-, door- en uitstroom per gemeente", "Heading"),
        _table(
            (
                "Gemeente",
                "Instroom",
                "Nieuwe huish.",
                "Lopend",
                "Gem. duur (mnd)",
                "Mediaan (mnd)",
                "Uitstroom",
            ),
            [
                (
                    f.name,
                    shown(f.flow.started),
                    shown(f.flow.new_households),
                    shown(f.flow.running),
                    months_text(f.flow.mean_months, f.flow.running),
                    months_text(f.flow.median_months, f.flow.running),
                    shown(f.flow.ended),
                )
                for f in _all(report)
            ],
            (first, *[rest] * 6),
        ),
        para("Per segment (regio)", "Heading"),
        _table(
            ("Segment", "Instroom", "Huishoudens", "Lopend", "Gem. duur (mnd)", "Mediaan (mnd)", "Uitstroom"),
            [
                (
                    report.segments.get(code, code),
                    shown(flow.started),
                    shown(flow.households),
                    shown(flow.running),
                    months_text(flow.mean_months, flow.running),
                    months_text(flow.median_months, flow.running),
                    shown(flow.ended),
                )
                for code, flow in sorted(report.region.by_segment.items())
            ],
            (first, *[rest] * 6),
        ),
        para("Uitstroom naar afloop, herbeoordelingen en 18-/18+", "Heading"),
        _table(
            ("Gemeente", "Plan afgesloten", "Periode voorbij", "Herbeoord.", "Volledig", "Deels", "Niet"),
            [
                (
                    f.name,
                    shown(f.flow.ended_closed),
                    shown(f.flow.ended_period),
                    shown(f.reassessments.plans),
                    *(shown(n) for n in f.reassessments.results.values()),
                )
                for f in _all(report)
            ],
            (first, *[rest] * 6),
        ),
        Spacer(1, 3 * mm),
        _table(
            ("Gemeente", "Werd 18", "Verlengde jeugdhulp", "Door in Wmo", "Gestopt", "", ""),
            [
                (
                    f.name,
                    shown(f.transitions.turning_adult),
                    shown(f.transitions.extended_youth_care),
                    shown(f.transitions.continued_wmo),
                    shown(f.transitions.stopped),
                    "",
                    "",
                )
                for f in _all(report)
            ],
            (first, *[rest] * 6),
        ),
        para("Eigen aanbieder en kosten", "Heading"),
        _table(
            (
                "Gemeente",
                "Met eigen aanb.",
                "Behouden",
                "Continuïteits-route",
                "Vervangen",
                "Kosten (€)",
                "Budget matrix (€)",
            ),
            [
                (
                    f.name,
                    shown(f.own_providers.with_own_provider),
                    shown(f.own_providers.kept),
                    shown(f.own_providers.route_used),
                    shown(f.own_providers.substituted),
                    money_text(f.costs.allocations, f.flow.households),
                    money_text(f.costs.budget, f.costs.plans),
                )
                for f in _all(report)
            ],
            (first, *[rest] * 6),
        ),
        para("Wachttijden per product (catalogus)", "Heading"),
        _table(
            ("Product", "Aanbieders", "Mediaan (weken)", "Langste (weken)"),
            [
                (
                    f"{w.product_code} {w.product_name}",
                    str(w.providers),
                    "—" if w.median_weeks is None else f"{w.median_weeks:.1f}".replace(".", ","),
                    "—" if w.max_weeks is None else str(w.max_weeks),
                )
                for w in report.waiting
            ],
            (TEXT_WIDTH * 0.55, *[TEXT_WIDTH * 0.15] * 3),
        ),
        para("Toelichting", "Heading"),
        *(para(note, "Small") for note in report.notes),
    ]
    return story


def _page(canvas: Canvas, doc: BaseDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(doc.leftMargin, 12 * mm, "Trajectplanner — regionale monitor")
    canvas.restoreState()


def monitor_pdf(report: MonitorReport, *, invariant: bool = False) -> bytes:
    register_fonts()
    return render(
        _story(report),
        title="Regionale monitor",
        first_top=20 * mm,
        on_first=_page,
        on_later=_page,
        invariant=invariant,
    )
