"""domain.md §8 step 6 through the real support tab, then checked in the database after reopening."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal
from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox

from db.database import Database
from planner.model import ContinuityRoute, Form, Frequency, Law, LineKind, Unit
from tests.ui.support_setup import (
    ADULT,
    BRUG,
    HOFSTEDE,
    HOUSEHOLD_HELP,
    PLAN_START,
    YOUTH,
    member,
    open_session,
)
from tests.ui.typing_helper import type_text
from ui.support.support_tab import SupportTab


def _choose_product(tab: SupportTab, code: str) -> None:
    editor = tab.editor
    i = editor._product_codes.index(code)
    editor.product.setCurrentIndex(i)
    editor.product.activated.emit(i)
    assert editor.allocation().product_code == code


def test_step_6_support_for_daan_and_mrs_jansen(qtbot, db: Database, db_path: Path, reference) -> None:
    session = open_session(db, reference)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    daan, mother = member(session, "Daan"), member(session, "Marieke")
    editor = tab.editor

    # --- Daan: Begeleiding individueel, 3 hours a week, 12 months -----------------------------
    tab.select_member(daan.id)
    tab.add_button.click()
    a = editor.allocation()
    assert a is not None and a.member_id == daan.id
    # Only Jeugdwet products are offered for a 17-year-old on the start date.
    assert YOUTH in editor._product_codes and ADULT not in editor._product_codes
    _choose_product(tab, YOUTH)
    for code in ("dagstructuur", "school_werk", "sociale_contacten"):
        editor.hours.choose_activity(code)
        editor.hours.add_activity.click()
    assert "Totaal: 180 minuten per week" in editor.hours.total_plain()
    assert "3 uur per week" in editor.hours.total_plain()
    a = editor.allocation()
    assert (a.volume, a.unit, a.frequency) == (180, Unit.MINUTE, Frequency.PER_WEEK)
    assert (a.start, a.end) == (PLAN_START, date(2028, 1, 31))
    assert "12 maanden" in editor.length.text()
    editor.life_area.choose("geestelijke_gezondheid")
    editor.goal.choose(session.plan.life_area("geestelijke_gezondheid").goals[0].id)

    # His own provider is pinned on top, with its (missing) contract said in words.
    own = editor.picker.model.choice(0)
    assert own.is_own_provider and own.provider.id == HOFSTEDE and not own.status.is_valid
    type_text(editor.picker.filter, "brug")
    assert editor.picker.model.ids() == [HOFSTEDE, BRUG]  # the own provider stays pinned while filtering
    editor.picker.filter.clear()
    editor.picker.view.setCurrentIndex(editor.picker.model.index(0))
    editor.picker.choose_button.click()

    # No contract -> the continuity dialog; nothing is chosen until a route is recorded.
    dialog = editor.continuity_dialog
    assert dialog is not None and dialog.isVisible()
    assert editor.allocation().provider_id is None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and dialog.problem.text() == "Kies een van de vier routes."
    dialog.choose_route(ContinuityRoute.BRIDGING)
    dialog.set_until(date(2027, 6, 30))
    assert ok.isEnabled()
    ok.click()
    a = editor.allocation()
    assert a.provider_id == HOFSTEDE and a.continuity.route is ContinuityRoute.BRIDGING
    assert a.continuity.until == date(2027, 6, 30)
    assert (
        "Overbruggingsovereenkomst met de eigen aanbieder tot en met 30 juni 2027"
        in editor.provider_now.text()
    )

    # The 18th birthday cannot be missed: a banner with the proposal.
    assert editor.banner.isVisible()
    assert editor.banner_text.text().startswith(
        "Daan wordt 18 op 10 juni 2027. Splits in een Jeugdwet-deel tot en met 9 juni 2027 en een Wmo-deel "
        "vanaf 10 juni 2027."
    )
    assert "allocation.past_18" in editor.finding_codes()
    steps_before = session.undo_stack.count()
    editor.split_button.click()
    assert session.undo_stack.count() == steps_before + 1  # one undoable step
    daan_parts = [x for x in session.plan.allocations if x.member_id == daan.id]
    assert [(p.product_code, p.law) for p in daan_parts] == [(YOUTH, Law.JEUGDWET), (ADULT, Law.WMO)]
    assert not editor.banner.isVisible()
    assert "allocation.past_18" not in editor.finding_codes()

    # --- Mrs. Jansen: household help from the standard times ----------------------------------
    tab.select_member(mother.id)
    tab.add_button.click()
    assert YOUTH not in editor._product_codes
    _choose_product(tab, HOUSEHOLD_HELP)
    hours = editor.hours
    hours.choose_activity("schoon_huis")
    hours.set_factor("beperking_ernstig", 1)
    hours.set_factor("kamer_in_gebruik", 1)
    assert hours.activity_preview.text() == "Deze regel: 3 uur en 24 minuten per week"
    hours.add_activity.click()
    hours.choose_activity("wasverzorging")
    hours.add_activity.click()
    assert "Totaal: 225 minuten per week" in hours.total_plain()
    hours.customary.click()  # Daan is 17 on the start date: 30 minutes a week
    assert "Totaal: 195 minuten per week = 3 uur en 15 minuten per week" in hours.total_plain()
    assert "195 minuten per week, dat is 3 uur en 15 minuten per week" in editor.amount_words.text()
    editor.life_area.choose("huishouden_adl")
    row = editor.picker.model.ids().index(BRUG)
    editor.picker.view.setCurrentIndex(editor.picker.model.index(row))
    editor.picker.choose_button.click()
    assert editor.allocation().provider_id == BRUG and editor.continuity_dialog is None
    money = tab.money.summary_text()
    assert "Huishouden totaal: <b>€" in money and "Eigen bijdrage:" in money
    assert session.save_now()
    db.close()

    # --- the database after reopening ---------------------------------------------------------
    reopened = Database.open(db_path)
    try:
        with reopened.unit_of_work() as uow:
            plan = uow.plans.active(session.household.id) or uow.plans.for_household(session.household.id)[0]
    finally:
        reopened.close()
    by_member: dict[str, list] = {}
    for x in plan.allocations:
        by_member.setdefault(x.member_id, []).append(x)
    youth, adult = sorted(by_member[daan.id], key=lambda x: x.start)
    assert (youth.product_code, youth.law, youth.start, youth.end) == (
        YOUTH,
        Law.JEUGDWET,
        PLAN_START,
        date(2027, 6, 9),
    )
    assert (adult.product_code, adult.law, adult.start, adult.end) == (
        ADULT,
        Law.WMO,
        date(2027, 6, 10),
        date(2028, 1, 31),
    )
    assert (adult.start - youth.end).days == 1  # contiguous
    for part in (youth, adult):
        assert (part.volume, part.unit, part.provider_id) == (180, Unit.MINUTE, HOFSTEDE)
        assert part.continuity.route is ContinuityRoute.BRIDGING
        assert part.continuity.until == date(2027, 6, 30) and part.continuity.own_provider_id == HOFSTEDE
        assert sum(ln.minutes_per_week for ln in part.hours_lines) == 180
    (help_,) = by_member[mother.id]
    assert (help_.product_code, help_.volume, help_.unit, help_.form) == (
        HOUSEHOLD_HELP,
        195,
        Unit.MINUTE,
        Form.IN_KIND,
    )
    kinds = [(ln.kind, ln.minutes_per_week) for ln in help_.hours_lines]
    assert kinds == [(LineKind.STANDARD, 204), (LineKind.STANDARD, 21), (LineKind.CUSTOMARY_HELP, 30)]
    assert help_.provider_id == BRUG and help_.life_area == "huishouden_adl"

    # Costs: total minutes over each period rounded up, times the tariff per minute.
    from planner.money import allocation_cost, plan_costs

    products = session.catalogue.products
    youth_minutes = math.ceil(180 * 129 / 7)  # 1 Feb – 9 Jun 2027: 129 days
    adult_minutes = math.ceil(180 * 236 / 7)  # 10 Jun 2027 – 31 Jan 2028: 236 days
    help_minutes = math.ceil(195 * 365 / 7)
    assert allocation_cost(youth, products[YOUTH]) == (youth_minutes * products[YOUTH].tariff).quantize(
        Decimal("0.01")
    )
    assert allocation_cost(adult, products[ADULT]) == (adult_minutes * products[ADULT].tariff).quantize(
        Decimal("0.01")
    )
    expected_help = (help_minutes * products[HOUSEHOLD_HELP].tariff).quantize(Decimal("0.01"))
    assert help_minutes == 10168 and allocation_cost(help_, products[HOUSEHOLD_HELP]) == expected_help
    costs = plan_costs(plan, products)
    assert costs.by_member[mother.id] == expected_help
    assert costs.total == sum(costs.by_member.values())


def test_undo_of_the_split_restores_one_allocation(qtbot, db: Database, reference) -> None:
    session = open_session(db, reference)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    daan = member(session, "Daan")
    tab.select_member(daan.id)
    tab.add_button.click()
    _choose_product(tab, YOUTH)
    original = tab.editor.allocation()
    tab.editor.split_button.click()
    assert len(session.plan.allocations) == 2
    session.undo_stack.undo()
    assert session.plan.allocations == [original] and session.plan.allocations[0] is original
    tab.select_allocation(original.id)
    assert not tab.editor.banner.isHidden()
    session.undo_stack.redo()
    assert [a.law for a in session.plan.allocations] == [Law.JEUGDWET, Law.WMO]


def test_extended_youth_care_is_an_explicit_choice(qtbot, db: Database, reference) -> None:
    session = open_session(db, reference)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.select_member(member(session, "Daan").id)
    tab.add_button.click()
    _choose_product(tab, YOUTH)
    editor = tab.editor
    assert editor.extend_button.text() == "&Verlengde jeugdhulp tot 23"
    editor.extend_button.click()
    a = editor.allocation()
    assert a.extended_youth_care and len(session.plan.allocations) == 1
    assert "allocation.past_18" not in editor.finding_codes()
    assert "Gekozen: verlengde jeugdhulp" in editor.banner_text.text()
    # The reason is asked for in the banner and must be given before the letter can say it.
    assert editor.extended_reason.isVisibleTo(editor)
    assert "allocation.extended_no_reason" in editor.finding_codes()
    type_text(editor.extended_reason, "Daan zit midden in zijn behandeling bij ‘De Brug’.")
    editor.extended_reason.editingFinished.emit()
    assert a.extended_youth_care_reason == "Daan zit midden in zijn behandeling bij ‘De Brug’."
    assert "allocation.extended_no_reason" not in editor.finding_codes()
    session.undo_stack.undo()  # the reason
    session.undo_stack.undo()  # the choice
    assert not a.extended_youth_care and not editor.extended_reason.isVisibleTo(editor)
