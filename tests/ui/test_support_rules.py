"""Attempts that break a rule each show the Dutch finding, in the editor and in the findings panel."""

from __future__ import annotations

from datetime import date

from db.database import Database
from planner.model import ContinuityRoute, Form, Unit
from planner.services.fields import AllocationField, set_field
from tests.ui.support_setup import ADULT, BRUG, HOFSTEDE, HOUSEHOLD_HELP, OOST, YOUTH, member, open_session
from tests.ui.typing_helper import type_text
from ui.support.support_tab import SupportTab
from ui.views.findings_panel import FindingsPanel


def _tab(qtbot, db: Database, reference) -> tuple[SupportTab, FindingsPanel]:
    session = open_session(db, reference)
    tab = SupportTab(session)
    panel = FindingsPanel()
    panel.set_session(session)
    qtbot.addWidget(tab)
    qtbot.addWidget(panel)
    return tab, panel


def _add(tab: SupportTab, given: str, product: str) -> None:
    tab.select_member(member(tab.session, given).id)
    tab.add_button.click()
    i = tab.editor._product_codes.index(product)
    tab.editor.product.setCurrentIndex(i)
    tab.editor.product.activated.emit(i)


def _panel_messages(panel: FindingsPanel) -> list[str]:
    panel.recompute()
    return [panel.list.item(i).text() for i in range(panel.list.count())]


def test_provider_without_a_valid_contract_shows_the_finding(qtbot, db: Database, reference) -> None:
    tab, panel = _tab(qtbot, db, reference)
    _add(tab, "Marieke", HOUSEHOLD_HELP)
    editor = tab.editor
    # Zorg Oost has no contract for household help: it is not offered among the contracted ...
    assert OOST not in editor.picker.model.ids()
    # ... and choosing it anyway (e.g. by keyboard from another list) is reported, not hidden.
    editor.choose_provider(OOST)
    assert "allocation.no_contract" in editor.finding_codes()
    (message,) = [m for m in editor.finding_messages() if "geen contract" in m]
    assert message.startswith(
        "Hulp bij het huishouden voor Marieke Jansen: Zorg Oost heeft geen contract voor dit product"
    )
    assert "Zutphen" in message and "van 1 februari 2027 tot en met 31 januari 2028" in message
    assert any(
        "Fout: Hulp bij het huishouden voor Marieke Jansen: Zorg Oost heeft geen contract" in t
        for t in _panel_messages(panel)
    )
    editor.choose_provider(BRUG)
    assert "allocation.no_contract" not in editor.finding_codes()


def test_own_provider_without_contract_is_never_silently_replaced(qtbot, db: Database, reference) -> None:
    tab, panel = _tab(qtbot, db, reference)
    _add(tab, "Daan", YOUTH)
    editor = tab.editor
    a = editor.allocation()
    # Choosing another provider while the own provider is there opens the dialog instead.
    editor.choose_provider(BRUG)
    dialog = editor.continuity_dialog
    assert dialog is not None and dialog.route() is ContinuityRoute.OTHER_PROVIDER
    assert a.provider_id is None
    # The dialog says what is missing in the planner's own words (one check, planner.rules.continuity).
    assert dialog.missing() == (
        "Schrijf op waarom de cliënt niet bij Jongerencoach Ruben Hofstede blijft "
        "en een andere aanbieder krijgt."
    )
    type_text(dialog.reason, "Daan wil een begeleider die ook 's avonds kan")
    assert dialog.missing() == "Leg vast dat de cliënt instemt met de andere aanbieder."
    dialog.reject()  # cancelled: nothing changed
    assert a.provider_id is None and a.continuity is None
    # Choosing the own provider (no contract) and cancelling: still nothing chosen; the finding says why.
    editor.choose_provider(HOFSTEDE)
    editor.continuity_dialog.reject()
    assert a.provider_id is None
    assert (
        "Begeleiding individueel basis voor Daan Jansen: kies de zorgaanbieder die de zorg in natura levert."
        in (editor.finding_messages())
    )
    # Setting it directly (as an old import might) shows the contract error in Dutch.
    tab.session.apply(set_field(a, AllocationField.PROVIDER, HOFSTEDE, "test"))
    assert "allocation.no_contract" in editor.finding_codes()
    assert any("Jongerencoach Ruben Hofstede heeft geen contract" in t for t in _panel_messages(panel))


def test_pgb_route_sets_the_form(qtbot, db: Database, reference) -> None:
    tab, _panel = _tab(qtbot, db, reference)
    _add(tab, "Daan", YOUTH)
    editor = tab.editor
    editor.choose_provider(HOFSTEDE)
    dialog = editor.continuity_dialog
    dialog.choose_route(ContinuityRoute.PGB)
    dialog.buttons.accepted.emit()
    a = editor.allocation()
    assert a.form is Form.PGB and a.continuity.route is ContinuityRoute.PGB and a.provider_id is None
    assert "allocation.pgb_budget_missing" in editor.finding_codes()
    type_text(editor.pgb_budget, "4.250,00")
    editor.pgb_budget.editingFinished.emit()
    assert str(a.pgb_budget) == "4250.00"


def test_youth_allocation_past_the_18th_birthday_shows_the_finding(qtbot, db: Database, reference) -> None:
    tab, panel = _tab(qtbot, db, reference)
    _add(tab, "Daan", YOUTH)
    editor = tab.editor
    assert not editor.banner.isHidden()
    msgs = [m for m in editor.finding_messages() if m.startswith("Daan Jansen wordt 18 op 10 juni 2027.")]
    assert (
        msgs and "Splits de toewijzing: Jeugdwet tot en met 9 juni 2027 en Wmo vanaf 10 juni 2027" in msgs[0]
    )
    assert any("Daan Jansen wordt 18 op 10 juni 2027" in t for t in _panel_messages(panel))
    # Ending before the birthday removes the proposal.
    editor.end.set_value(date(2027, 6, 9))
    assert editor.banner.isHidden() and "allocation.past_18" not in editor.finding_codes()


def test_a_unit_the_product_does_not_allow_shows_the_finding(qtbot, db: Database, reference) -> None:
    tab, panel = _tab(qtbot, db, reference)
    _add(tab, "Marieke", HOUSEHOLD_HELP)
    editor = tab.editor
    labels = [editor.unit.itemText(i) for i in range(editor.unit.count())]
    assert labels[0] == "minuten" and "dagdelen — past niet bij dit product" in labels
    editor.unit.choose(Unit.DAYPART)
    assert editor.allocation().unit is Unit.DAYPART
    assert (
        "Hulp bij het huishouden voor Marieke Jansen: de eenheid moet minuten zijn, niet dagdelen."
        in editor.finding_messages()
    )
    assert any("de eenheid moet minuten zijn, niet dagdelen" in t for t in _panel_messages(panel))
    tab.session.undo_stack.undo()
    assert "allocation.unit_not_allowed" not in editor.finding_codes()


def test_products_follow_the_law_on_the_start_date(qtbot, db: Database, reference) -> None:
    tab, _panel = _tab(qtbot, db, reference)
    _add(tab, "Daan", YOUTH)
    editor = tab.editor
    assert ADULT not in editor._product_codes
    editor.start.set_value(date(2027, 7, 1))  # after his 18th birthday: Wmo products
    assert ADULT in editor._product_codes and editor._product_codes[0] == YOUTH  # kept, marked as not fitting
    assert "past niet bij de Wmo" in editor.product.itemText(0)
    assert editor.allocation().end == date(2028, 6, 30)  # the length in months is kept
