"""The decision letter (beschikking, domain.md §6) rendered from a frozen `LetterSnapshot`.

Page 1 carries the letterhead, the window-envelope address (left 25 mm, top 50 mm, 80 × 27 mm:
facts.md §7) and the reference block; later pages a short running header. All sentences come from
the snapshot; only field labels ("Datum", "Kenmerk", table headers) are written here.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, TableStyle

from planner.documents import base
from planner.documents.base import (
    FONT,
    FONT_BOLD,
    GREY,
    LEFT_MARGIN,
    PAGE_HEIGHT,
    RULE,
    TEXT_WIDTH,
    Paragraph,
    Table,
    clean,
    para,
)
from planner.documents.snapshots import AllocationDecision, LetterSnapshot, Outcome, Section

# The window of a standard Dutch window envelope (facts.md §7), measured from the page's top left.
WINDOW_LEFT = 25 * mm
WINDOW_TOP = 50 * mm
WINDOW_WIDTH = 80 * mm
WINDOW_HEIGHT = 27 * mm
RIGHT_COLUMN = 125 * mm
BODY_TOP = 97 * mm  # first page: the body starts under the address and reference blocks
HEADER_FILL = colors.Color(0.92, 0.92, 0.92)
LABEL_WIDTH = 54 * mm  # the longest fixed label, "Kosten voor de gemeente", in bold 9 pt plus padding
CELL_TEXT = [("FONTSIZE", (0, 0), (-1, -1), 9), ("LEADING", (0, 0), (-1, -1), 11.5)]  # string cells
LINES = [("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]


def render_letter(snapshot: LetterSnapshot, invariant: bool = False) -> bytes:
    """The letter as PDF bytes; `invariant=True` gives byte-identical output for equal snapshots."""
    return base.render(
        _story(snapshot),
        title=snapshot.title,
        author=snapshot.sender.municipality,
        first_top=BODY_TOP,
        on_first=lambda canvas, doc: _first_page(canvas, doc, snapshot),
        on_later=lambda canvas, doc: _later_page(canvas, doc, snapshot),
        invariant=invariant,
    )


# --- page furniture ---------------------------------------------------------------------------


def _first_page(canvas: Canvas, doc: BaseDocTemplate, s: LetterSnapshot) -> None:
    canvas.saveState()
    if s.concept:
        base.draw_watermark(canvas)
    sheet = base.stylesheet()
    # Letterhead: municipality and team on the left, how to reach them on the right.
    base.draw_paragraph(canvas, para(s.sender.municipality, "Title"), LEFT_MARGIN, 15 * mm, 95 * mm)
    base.draw_paragraph(canvas, para(s.sender.team, "Body"), LEFT_MARGIN, 23 * mm, 95 * mm)
    contact_lines = [
        s.sender.street,
        s.sender.postcode_city,
        s.sender.phone,
        s.sender.email,
        s.sender.website,
    ]
    sender_block = Paragraph("<br/>".join(clean(x) for x in contact_lines if x), sheet["Small"])
    base.draw_paragraph(canvas, sender_block, RIGHT_COLUMN, 15 * mm, 65 * mm)

    # Window: a small return address line, then the addressee, kept inside the 80 × 27 mm window.
    top = WINDOW_TOP + 2 * mm
    if s.sender.return_address:
        line = f"{s.sender.municipality}, {s.sender.return_address}"
        top += base.draw_paragraph(canvas, para(line, "Small"), WINDOW_LEFT, top, WINDOW_WIDTH) + 1.5 * mm
    lines = [s.addressee.name, *s.addressee.address_lines]
    address = Paragraph("<br/>".join(clean(x) for x in lines), _fitting_address_style(lines))
    base.draw_paragraph(canvas, address, WINDOW_LEFT, top, WINDOW_WIDTH)

    # Reference block beside the window.
    rows = [
        ("Datum", s.letter_date_words),
        ("Ons kenmerk", s.reference),
        ("Contactpersoon", s.contact.name),
        ("Telefoon", s.contact.phone),
        ("E-mail", s.contact.email),
    ]
    top = WINDOW_TOP
    for label, value in rows:
        if not value:
            continue
        top += base.draw_paragraph(canvas, para(label, "Label"), RIGHT_COLUMN, top, 65 * mm)
        top += base.draw_paragraph(canvas, para(value, "Value"), RIGHT_COLUMN, top, 65 * mm) + 1 * mm
    canvas.restoreState()


def _fitting_address_style(lines: list[str]) -> ParagraphStyle:
    """The address style, one point smaller per step until every line fits the window."""
    style = base.stylesheet()["Address"]
    assert isinstance(style, ParagraphStyle)  # base.stylesheet() holds ParagraphStyles only
    available = WINDOW_HEIGHT - 9 * mm  # minus the return address line and margins
    while len(lines) * style.leading > available and style.fontSize > 7:
        style = style.clone(style.name + "-", fontSize=style.fontSize - 0.5, leading=style.leading - 0.6)
    return style


def _later_page(canvas: Canvas, doc: BaseDocTemplate, s: LetterSnapshot) -> None:
    canvas.saveState()
    if s.concept:
        base.draw_watermark(canvas)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(GREY)
    canvas.drawString(LEFT_MARGIN, PAGE_HEIGHT - 14 * mm, f"{s.sender.municipality} · kenmerk {s.reference}")
    canvas.drawString(LEFT_MARGIN, 12 * mm, s.letter_date_words)
    canvas.restoreState()


# --- the story --------------------------------------------------------------------------------


def _story(s: LetterSnapshot) -> list[Flowable]:
    story: list[Flowable] = [
        para(f"Onderwerp: {s.subject}", "Subject"),
        para(s.addressee.salutation),
        *_section(s.request, heading=False),
        *_section(s.decision_intro),
    ]
    for number, decision in enumerate(s.decisions, start=1):
        story.extend(_decision(number, decision, s.child))
    story.extend(_section(s.plan))
    if s.life_areas:
        story.append(_life_area_table(s))
    story.extend(_section(s.motivation))
    if s.contribution.paragraphs:  # a letter that only refuses has no contribution to speak of
        story.extend(_section(s.contribution))
    if s.pgb is not None:
        story.extend(_section(s.pgb))
    story.extend(_section(s.objection))
    # The signature never stands alone on a last page: it keeps the letter's last paragraph with it
    # (the whole closing section when that has only one paragraph, its heading included).
    support = _section(s.client_support)
    if len(s.client_support.paragraphs) > 1:
        last = [support.pop()]
        story.extend(support)
    else:
        last = [para(s.client_support.heading, "Heading"), *(para(p) for p in s.client_support.paragraphs)]
    story.append(
        KeepTogether(
            [
                *last,
                Spacer(1, 4 * mm),
                para(s.signature.closing, "BodyTight"),
                para(s.signature.on_behalf, "BodyTight"),
                Spacer(1, 14 * mm),
                para(s.signature.name, "BodyTight", bold=True),
                para(s.signature.role, "BodyTight"),
            ]
        )
    )
    return story


def _section(section: Section, *, heading: bool = True) -> list[Flowable]:
    paragraphs: list[Flowable] = [para(p) for p in section.paragraphs]
    if not heading or not section.heading:
        return paragraphs
    # Keep a heading with its first paragraph so it never ends a page alone.
    head = [para(section.heading, "Heading"), *paragraphs[:1]]
    return [KeepTogether(head), *paragraphs[1:]]


def _decision(number: int, d: AllocationDecision, child: str) -> list[Flowable]:
    heading = para(f"{number}. {d.product} ({d.law}): {d.outcome.value}", "Subheading")
    facts = _outcome_facts(d, child)
    # Labels are short fixed words: plain string cells (no Paragraph) keep the build fast; one that
    # holds a long name ("Wat ... krijgt") wraps in a Paragraph rather than run into the value.
    rows = [[_label(label), para(value, "Cell")] for label, value in facts if value]
    table = Table(rows, colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH])
    table.setStyle(
        TableStyle([*base.TABLE_BASE, *CELL_TEXT, ("FONTNAME", (0, 0), (0, -1), FONT_BOLD), *LINES])
    )
    flowables: list[Flowable] = [KeepTogether([heading, table]), Spacer(1, 2 * mm)]
    if d.outcome_words:
        flowables.append(para(d.outcome_words))
    if d.reason_text:
        flowables.append(para(d.reason_text))
    if d.hours_rows:
        flowables.append(Spacer(1, 3 * mm))
        flowables.append(_hours_table(d))
    for text in (d.own_provider_text, d.split_text):
        if text:
            flowables.append(para(text))
    flowables.append(Spacer(1, 2 * mm))
    return flowables


def _label(label: str) -> str | Flowable:
    fits = stringWidth(label, FONT_BOLD, 9) <= LABEL_WIDTH - 6  # minus the cell's padding
    return label if fits else para(label, "CellBold")


def _outcome_facts(d: AllocationDecision, child: str = "") -> list[tuple[str, str]]:
    """The rows of one decision: a refusal grants nothing, a partial grant shows what was asked.
    In a letter to the parent(s) the parent asked, and the child gets ("Wat Daan krijgt")."""
    if d.outcome is Outcome.REFUSED:
        return [
            ("Wat u vroeg", d.request_words),
            ("Ons besluit", d.outcome.value),
            ("Wettelijke grond", d.legal_ground),
        ]
    return [
        ("Wat u vroeg", d.request_words if d.outcome is Outcome.PARTLY else ""),
        (f"Wat {child} krijgt" if child else "Wat u krijgt", d.product),
        ("Vorm", d.form_text),
        ("Hoeveel", d.amount_words),
        ("Periode", d.period_words),
        ("Hoe lang", d.length_words),
        ("Totaal over de periode", d.total_words),
        ("Kosten voor de gemeente", d.cost_words),
        ("Zorgaanbieder", d.provider),
        ("Wettelijke grond", d.legal_ground),
    ]


def _hours_table(d: AllocationDecision) -> Flowable:
    rows: list[list[Flowable | str]] = [["Activiteit", "Minuten per week", "Aftrek"]]
    for r in d.hours_rows:
        minutes = f"− {r.minutes_per_week}" if r.deducts else str(r.minutes_per_week)
        rows.append([para(r.activity, "Cell"), minutes, "ja" if r.deducts else "nee"])
    # The total as a number under the column (so the sum can be checked) and in words beside it.
    rows.append([para(f"Totaal: {d.hours_total_words}", "CellBold"), str(d.hours_total_minutes), ""])
    table = Table(rows, colWidths=[100 * mm, 42 * mm, TEXT_WIDTH - 142 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *base.TABLE_BASE,
                *CELL_TEXT,
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                ("FONTNAME", (0, -1), (-1, -1), FONT_BOLD),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                *LINES,
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.black),
            ]
        )
    )
    caption = para("Zo hebben wij de tijd berekend", "Subheading")
    parts: list[Flowable] = [caption]
    if d.hours_standard:
        parts.append(para(d.hours_standard, "Small"))
        parts.append(Spacer(1, 2 * mm))
    parts.append(table)
    return KeepTogether(parts)


def _life_area_table(s: LetterSnapshot) -> Flowable:
    rows: list[list[Flowable | str]] = [["Leefgebied", "Wat wij willen bereiken", "Doelen"]]
    for area in s.life_areas:
        goals = Paragraph("<br/>".join(f"• {clean(g)}" for g in area.goals), base.stylesheet()["Cell"])
        rows.append([para(area.area, "Cell"), para(area.desired_result, "Cell"), goals])
    table = Table(rows, colWidths=[35 * mm, 60 * mm, TEXT_WIDTH - 95 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                *base.TABLE_BASE,
                *CELL_TEXT,
                ("FONTNAME", (0, 0), (-1, 0), FONT_BOLD),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                *LINES,
            ]
        )
    )
    return table
