"""The trajectory timeline: what it marks, that a click opens the allocation, PNG export; and the
Qt-free helpers behind the support tab (customary help, the split with the adult product)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from db.database import Database
from planner import adulthood, allocations
from planner.model import Allocation, Continuity, ContinuityRoute, Frequency, Law, Unit
from tests.ui.support_setup import (
    ADULT,
    HOFSTEDE,
    PLAN_START,
    TODAY,
    YOUTH,
    catalogue,
    jansen,
    member,
    open_session,
)
from ui.support.timeline import TimelineWidget, render_timeline_png
from ui.support.timeline_data import MarkKind, build_timeline


def _daan_allocation(daan_id: str) -> Allocation:
    return Allocation(
        daan_id,
        YOUTH,
        PLAN_START,
        date(2028, 1, 31),
        180,
        Unit.MINUTE,
        Frequency.PER_WEEK,
        provider_id=HOFSTEDE,
        continuity=Continuity(ContinuityRoute.BRIDGING, HOFSTEDE, until=date(2027, 6, 30)),
    )


def test_timeline_marks_birthday_evaluation_and_bridging(reference) -> None:
    hh, plan = jansen()
    daan = next(m for m in hh.members if m.given_names == "Daan")
    plan.allocations.append(_daan_allocation(daan.id))
    data = build_timeline(hh, plan, catalogue(reference), reference, TODAY)
    assert (data.first, data.last) == (PLAN_START, date(2028, 1, 31))
    assert len(data.months()) == 12
    row = next(r for r in data.rows if r.member_id == daan.id)
    kinds = {(m.kind, m.day) for m in row.marks}
    assert (MarkKind.BIRTHDAY, date(2027, 6, 10)) in kinds
    assert (MarkKind.EVALUATION, date(2027, 5, 1)) in kinds
    assert (MarkKind.BRIDGING_UNTIL, date(2027, 6, 30)) in kinds
    (bar,) = row.bars
    assert bar.law is Law.JEUGDWET and "Jongerencoach Ruben Hofstede" in bar.detail


def test_clicking_a_bar_opens_the_allocation_and_png_export(
    qtbot, db: Database, reference, tmp_path: Path
) -> None:
    session = open_session(db, reference)
    daan = member(session, "Daan")
    a = _daan_allocation(daan.id)
    from ui.support.commands import add_allocation

    add_allocation(session, session.plan, a)
    widget = TimelineWidget(session)
    qtbot.addWidget(widget)
    widget.resize(1366, 500)
    widget.show()
    qtbot.waitExposed(widget)
    widget.canvas.repaint()
    rect = widget.canvas.bar_rect(a.id)
    assert rect is not None
    with qtbot.waitSignal(widget.allocation_clicked) as blocker:
        QTest.mouseClick(
            widget.canvas,
            Qt.MouseButton.LeftButton,
            pos=QPoint(int(rect.center().x()), int(rect.center().y())),
        )
    assert blocker.args == [a.id]

    path = render_timeline_png(session, tmp_path / "tijdlijn.png", (1366, 0))
    image = QImage(str(path))
    assert image.width() == 1366 and image.height() > 200


def test_the_timeline_tab_opens_the_allocation_in_the_support_tab(qtbot, db: Database, reference) -> None:
    from ui.views.household_view import HouseholdView

    session = open_session(db, reference)
    daan = member(session, "Daan")
    first = _daan_allocation(daan.id)
    second = Allocation(
        daan.id, ADULT, date(2027, 6, 10), date(2028, 1, 31), 120, Unit.MINUTE, Frequency.PER_WEEK
    )
    session.plan.allocations.extend([first, second])
    view = HouseholdView(session)
    qtbot.addWidget(view)
    titles = [view.tabs.tabText(i) for i in range(view.tabs.count())]
    assert "Ondersteuning" in titles and "Tijdlijn" in titles
    timeline = view.tab("Tijdlijn")
    timeline._clicked(second.id)
    assert view.tabs.currentWidget() is view.tab("Ondersteuning")
    assert view.tab("Ondersteuning").editor.allocation() is second


def test_customary_help_from_the_household_composition(reference) -> None:
    hh, _plan = jansen()
    mother = next(m for m in hh.members if m.given_names == "Marieke")
    daan = next(m for m in hh.members if m.given_names == "Daan")
    table = reference.standard_table(hh.municipality_code)
    (p,) = allocations.customary_help_proposals(hh, mother, table, PLAN_START)  # Daan is 17
    assert (p.member_id, p.minutes_per_week) == (daan.id, 30)
    assert p.label == "Gebruikelijke hulp van Daan (17 jaar)"
    # After his birthday he is an adult housemate, expected to take over the household as a whole.
    (adult,) = allocations.customary_help_proposals(hh, mother, table, date(2027, 7, 1))
    assert adult.minutes_per_week is None
    (line,) = allocations.customary_lines([adult], 225)
    assert line.minutes_per_week == 225 and "Pas dit aan" in line.reason
    # Someone who moved out does not help any more.
    daan.moved_out_on = date(2027, 3, 1)
    assert allocations.customary_help_proposals(hh, mother, table, date(2027, 4, 1)) == []


def test_split_moves_the_adult_part_to_the_adult_product(reference) -> None:
    hh, _plan = jansen()
    daan = next(m for m in hh.members if m.given_names == "Daan")
    a = _daan_allocation(daan.id)
    proposal = adulthood.birthday_proposal(a, daan, catalogue(reference), reference)
    assert proposal is not None
    youth, adult = proposal.parts
    assert (youth.product_code, youth.law, youth.end) == (YOUTH, Law.JEUGDWET, date(2027, 6, 9))
    assert (adult.product_code, adult.law, adult.start) == (ADULT, Law.WMO, date(2027, 6, 10))
    assert adult.continuity is not youth.continuity and adult.continuity == youth.continuity
    a.extended_youth_care = True
    assert adulthood.birthday_proposal(a, daan, catalogue(reference), reference) is None


def test_volume_from_minutes_never_rounds_down(reference) -> None:
    from dataclasses import replace

    product = reference.product(ADULT)
    assert allocations.amount_from_minutes(195, product) == (195, Unit.MINUTE, Frequency.PER_WEEK)
    hourly = replace(product, unit=Unit.HOUR)
    assert allocations.amount_from_minutes(180, hourly) == (3, Unit.HOUR, Frequency.PER_WEEK)
    assert allocations.amount_from_minutes(195, hourly) == (195, Unit.MINUTE, Frequency.PER_WEEK)
