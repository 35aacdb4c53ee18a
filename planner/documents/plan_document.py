"""The household's plan (ondersteuningsplan, domain.md §6) rendered from a `PlanDocumentSnapshot`.

Life areas run down the page (portrait A4 cannot hold eleven columns legibly); the distance is
a coloured cell that also prints its word, so the matrix reads without colour too.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, KeepTogether, Spacer, TableStyle

from planner.documents import base
from planner.documents.base import GREY, LEFT_MARGIN, PAGE_HEIGHT, RULE, TEXT_WIDTH, Table, TableCommand, para
from planner.documents.snapshots import AreaPlan, Outcome, PlanDocumentSnapshot, Section, SupportRow

# Presentation only: the distance keys are the model's Distance values.
DISTANCE_COLOURS = {
    "licht": colors.Color(0.80, 0.92, 0.80),
    "midden": colors.Color(1.00, 0.88, 0.62),
    "zwaar": colors.Color(0.96, 0.72, 0.70),
}
HEADER_FILL = colors.Color(0.92, 0.92, 0.92)
FIRST_TOP = 42 * mm
GRID: list[TableCommand] = [*base.TABLE_BASE, ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]


def render_plan_document(snapshot: PlanDocumentSnapshot, invariant: bool = False) -> bytes:
    return base.render(
        _story(snapshot),
        title=snapshot.title,
        author=snapshot.sender.municipality,
        first_top=FIRST_TOP,
        on_first=lambda canvas, doc: _page(canvas, doc, snapshot, first=True),
        on_later=lambda canvas, doc: _page(canvas, doc, snapshot, first=False),
        invariant=invariant,
    )


def _page(canvas: Canvas, doc: BaseDocTemplate, s: PlanDocumentSnapshot, *, first: bool) -> None:
    canvas.saveState()
    if s.concept:
        base.draw_watermark(canvas)
    if first:
        base.draw_paragraph(canvas, para(s.sender.municipality, "Title"), LEFT_MARGIN, 15 * mm, 100 * mm)
        base.draw_paragraph(canvas, para(s.sender.team, "Body"), LEFT_MARGIN, 23 * mm, 100 * mm)
    else:
        canvas.setFont(base.FONT, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(LEFT_MARGIN, PAGE_HEIGHT - 14 * mm, f"{s.sender.municipality} · {s.heading}")
    canvas.restoreState()


def _table(
    rows: Sequence[Sequence[Flowable]], widths: list[float], extra: list[TableCommand] | None = None
) -> Table:
    table = Table([list(row) for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([*GRID, ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL), *(extra or [])]))
    return table


def _headed(heading: str, groups: list[list[Flowable]]) -> list[Flowable]:
    """A heading and groups of flowables, each group kept together and the heading with the first.

    Groups are plain lists, not nested KeepTogethers: a KeepTogether inside another one makes
    reportlab push the whole block to the next page even when it fits.
    """
    first = groups[0] if groups else []
    return [KeepTogether([para(heading, "Heading"), *first]), *(KeepTogether(g) for g in groups[1:])]


def _section(section: Section) -> list[Flowable]:
    paragraphs: list[Flowable] = [para(p) for p in section.paragraphs]
    return _headed(section.heading, [[p] for p in paragraphs]) if section.heading else paragraphs


def _story(s: PlanDocumentSnapshot) -> list[Flowable]:
    story: list[Flowable] = [para(s.heading, "Title"), *_section(s.intro)]

    facts = Table(
        [[para(label, "CellBold"), para(value, "Cell")] for label, value in s.household_lines],
        colWidths=[40 * mm, TEXT_WIDTH - 40 * mm],
    )
    facts.setStyle(TableStyle(GRID))  # no header row here
    story.append(facts)

    rows = [[para(h, "CellBold") for h in ("Naam", "Geboortedatum", "Rol", "Wet")]]
    rows += [
        [para(m.name, "Cell"), para(m.birth_date_words, "Cell"), para(m.role, "Cell"), para(m.law, "Cell")]
        for m in s.members
    ]
    story += _headed("Gezinsleden", [[_table(rows, [60 * mm, 40 * mm, 30 * mm, TEXT_WIDTH - 130 * mm])]])

    rows = [[para(h, "CellBold") for h in ("Leefgebied", "Resultaat", "Afstand tot resultaat")]]
    colours: list[TableCommand] = []
    for i, cell in enumerate(s.matrix, start=1):
        rows.append(
            [para(cell.area, "Cell"), para(cell.result, "Cell"), para(cell.distance_label, "CellBold")]
        )
        if cell.distance in DISTANCE_COLOURS:
            colours.append(("BACKGROUND", (2, i), (2, i), DISTANCE_COLOURS[cell.distance]))
    matrix = _table(rows, [55 * mm, 75 * mm, TEXT_WIDTH - 130 * mm], colours)
    story += _headed("Leefgebieden in één oogopslag", [[matrix]])

    story += _headed("Resultaten, doelen en wie wat doet", [g for area in s.areas for g in _area(area)])
    story += _section(s.coordinator)

    blocks: list[list[Flowable]] = []
    for member in s.support:
        rows = [[para(h, "CellBold") for h in ("Ondersteuning", "Wet", "Hoeveel", "Periode", "Aanbieder")]]
        rows += [
            [
                para(_product_outcome(r), "Cell"),
                para(r.law, "Cell"),
                para(_amount_outcome(r), "Cell"),
                para(r.period, "Cell"),
                para(r.provider, "Cell"),
            ]
            for r in member.rows
        ]
        # The provider column fits a long word ("Gezinsondersteuning") without breaking it.
        table = _table(rows, [36 * mm, 20 * mm, 30 * mm, 34 * mm, TEXT_WIDTH - 120 * mm])
        blocks.append([para(member.member, "Subheading"), table])
    story += _headed("Ondersteuning per gezinslid", blocks)

    rows = [[para("Datum", "CellBold"), para("Wat", "CellBold")]]
    rows += [[para(t.on_words, "Cell"), para(t.label, "Cell")] for t in s.timeline]
    story += _headed("Tijdlijn", [[_table(rows, [40 * mm, TEXT_WIDTH - 40 * mm])]])

    story.append(Spacer(1, 6 * mm))
    story.append(KeepTogether(_signatures(s)))
    return story


def _product_outcome(r: SupportRow) -> str:
    """A partial grant or refusal says so beside the product; a grant as asked stays as it was."""
    return r.product if r.outcome is Outcome.GRANTED else f"{r.product}: {r.outcome.value}"


def _amount_outcome(r: SupportRow) -> str:
    if r.outcome is Outcome.REFUSED:
        return f"Niets. Gevraagd: {r.requested}."
    if r.outcome is Outcome.PARTLY:
        return f"{r.amount}. Gevraagd: {r.requested}."
    return r.amount


def _area(area: AreaPlan) -> list[list[Flowable]]:
    """One life area as groups: its text, its goals, its ladder (a group is kept on one page)."""
    head = para(f"{area.area} ({area.distance_label.lower()})", "Subheading")
    groups: list[list[Flowable]] = [
        [
            head,
            para(f"Voor wie: {area.members}", "BodyTight"),
            para(f"Nu: {area.current_situation}", "BodyTight"),
            para(f"Wat wij willen bereiken: {area.desired_result}", "Body"),
        ]
    ]
    if area.goals:
        rows = [[para(h, "CellBold") for h in ("Doel", "Wanneer klaar", "Wie")]]
        rows += [[para(g.text, "Cell"), para(g.target, "Cell"), para(g.who, "Cell")] for g in area.goals]
        groups.append([_table(rows, [90 * mm, 35 * mm, TEXT_WIDTH - 125 * mm])])
    if area.ladder:
        rows = [[para("Wie helpt", "CellBold"), para("Wat", "CellBold")]]
        rows += [[para(r.rung, "Cell"), para(r.contribution, "Cell")] for r in area.ladder]
        groups.append([Spacer(1, 2 * mm), _table(rows, [45 * mm, TEXT_WIDTH - 45 * mm]), Spacer(1, 3 * mm)])
    return groups


def _signatures(s: PlanDocumentSnapshot) -> list[Flowable]:
    rows = [
        [para(name, "Cell"), para("Datum:", "Cell"), para("Handtekening:", "Cell")] for name in s.signatories
    ]
    table = Table(rows, colWidths=[60 * mm, 40 * mm, TEXT_WIDTH - 100 * mm], rowHeights=16 * mm)
    table.setStyle(
        TableStyle(
            [
                *base.TABLE_BASE,
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.black),
            ]
        )
    )
    return [para("Ondertekening", "Heading"), para(s.signature_intro), table]
