"""domain.md §8 steps 1–5 through the real main window, then checked in the database itself."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from db.database import Database
from planner.model import CoordinatorKind, Distance, Role, Rung
from tests.ui.conftest import TODAY, ZUTPHEN
from tests.ui.typing_helper import press, type_text
from ui.app import MainWindow
from ui.settings import WindowSettings
from ui.views.coordinator_tab import ELIGIBLE_ROLE, PROVIDER_ROLE
from ui.views.matrix_model import ROW_DISTANCE, ROW_RESULT

BSN_MOTHER = "999990007"
BSN_DAAN = "999990019"


def _fill_member(
    window: MainWindow,
    given: str,
    surname: str,
    bsn: str,
    birth: date,
    role: Role,
    salutation: str,
    letters: bool,
) -> None:
    tab = window.view.household_tab
    tab.add_member.click()
    type_text(tab.given_names, given)
    type_text(tab.surname, surname)
    type_text(tab.bsn, bsn)
    assert tab.bsn_status.text() == "✓ BSN klopt"
    type_text(tab.birth.edit, birth.strftime("%d%m%Y"))  # as typed from the ID card: 03091985
    press(tab.birth.edit, Qt.Key.Key_Tab)
    assert tab.birth.value() == birth and not tab.birth.edit.hasFocus()
    tab.role.choose(role)
    type_text(tab.salutation, salutation)
    if letters:
        tab.letters.click()
    tab.given_names.setFocus()  # focus-out commits the typing at once


def _fill_area(
    window: MainWindow,
    code: str,
    result: str,
    distance: Distance,
    members: list[str],
    ladder: dict[Rung, str],
    goal: str,
) -> None:
    matrix = window.view.matrix_tab
    index = matrix.add_area.findData(code)
    assert index > 0, code
    matrix.add_area.setCurrentIndex(index)
    matrix.add_area.activated.emit(index)
    editor = matrix.editor
    assert editor.result().life_area == code
    type_text(editor.desired, result)
    editor.distance.choose(distance)
    for member_id in members:
        editor.member_checks[member_id].click()
    for rung, text in ladder.items():
        type_text(editor.ladder_fields[rung], text)
    editor.add_goal.click()
    type_text(editor.goal_rows[-1].text, goal)
    editor.situation.setFocus()


def test_kitchen_table_walkthrough(qtbot, db: Database, db_path: Path, reference, tmp_path: Path) -> None:
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()

    # 1. Nobody under that name yet.
    type_text(window.start.search, "Jansen")
    qtbot.waitUntil(lambda: "Niemand gevonden" in window.start.status.text(), timeout=1000)
    assert window.start.results.count() == 0

    # 2. Create the household in Zutphen.
    window.new_action.trigger()
    session = window.session
    assert session is not None
    hh_tab = window.view.household_tab
    hh_tab.municipality.choose(ZUTPHEN)
    type_text(hh_tab.street, "Bakkerstraat")
    type_text(hh_tab.house_number, "7")
    type_text(hh_tab.postcode, "7201 DN")
    type_text(hh_tab.city, "Zutphen")

    # A wrong BSN is explained while typing.
    hh_tab.add_member.click()
    type_text(hh_tab.bsn, "123456789")
    assert "elfproef" in hh_tab.bsn_status.text()
    window.activateWindow()
    press(hh_tab.bsn, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo: commits, then undoes
    assert session.household.members[0].bsn is None
    window.undo_action.trigger()  # and the empty member is gone again
    assert session.household.members == []

    _fill_member(
        window, "Renée", "Jansen", BSN_MOTHER, date(1985, 9, 3), Role.PARENT, "Geachte mevrouw Jansen", True
    )
    _fill_member(window, "Daan Jérôme", "Jansen", BSN_DAAN, date(2009, 5, 20), Role.CHILD, "Beste Daan", True)
    mother, daan = session.household.members
    assert mother.given_names == "Renée" and daan.given_names == "Daan Jérôme"

    # 3. The conversation and client support.
    window.view.tabs.setCurrentWidget(window.view.conversation_tab)
    conv = window.view.conversation_tab
    for field, typed in (
        (conv.report, "11-1-27"),
        (conv.application, "14/01/2027"),
        (conv.conversation, "vandaag"),
    ):
        type_text(field.edit, typed)
        press(field.edit, Qt.Key.Key_Tab)
    assert (session.plan.report_date, session.plan.application_date) == (date(2027, 1, 11), date(2027, 1, 14))
    assert session.plan.conversation_date == TODAY
    type_text(conv.participants, "Mevrouw Jansen, Daan en een cliëntondersteuner")
    conv.support_offered.click()
    conv.support_present.click()
    type_text(conv.start.edit, "1 februari 2027")
    press(conv.start.edit, Qt.Key.Key_Tab)
    assert session.plan.start == date(2027, 2, 1)
    statuses = [label.property("deadline_status") for label in conv.deadline_labels]
    assert "bijna" in statuses  # own-plan deadline is today: said in words and colour
    assert any("bijna verlopen" in label.text() for label in conv.deadline_labels)

    # 4. The four life areas with distances and the ladder.
    window.view.tabs.setCurrentWidget(window.view.matrix_tab)
    _fill_area(
        window,
        "financien",
        "Schuldhulpverlening is gestart",
        Distance.MEDIUM,
        [mother.id],
        {Rung.CLIENT: "Zij houdt de post bij", Rung.COMMUNITY: "De gratis schuldhulp pakt de schulden op"},
        "Aanmelding bij de schuldhulp",
    )
    _fill_area(
        window,
        "werk_dagbesteding",
        "Daan gaat weer naar school",
        Distance.MEDIUM,
        [daan.id],
        {Rung.NETWORK: "Moeder brengt hem de eerste week"},
        "Gesprek met de leerplichtambtenaar",
    )
    _fill_area(
        window,
        "geestelijke_gezondheid",
        "Daan voelt zich beter",
        Distance.MEDIUM,
        [daan.id],
        {Rung.CLIENT: "Daan praat met de huisarts"},
        "Afspraak huisarts",
    )
    _fill_area(
        window,
        "huishouden_adl",
        "Het huis is schoon en leefbaar",
        Distance.LIGHT,
        [mother.id],
        {Rung.NETWORK: "Haar zus doet de boodschappen"},
        "Hulp bij het huishouden aanvragen",
    )

    # Arrow keys move between cells; the editor follows the column.
    view = window.view.matrix_tab.view
    view.setCurrentIndex(view.model().index(ROW_DISTANCE, 0))
    press(view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == 1
    assert window.view.matrix_tab.editor.result().life_area == "werk_dagbesteding"
    press(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == ROW_RESULT
    assert view.model().data(view.model().index(ROW_DISTANCE, 3)) == "licht"
    assert "Budget van het plan" in window.view.matrix_tab.budget.text()

    # 5. The coordinator: De Brug covers all four cells, Zorg Oost does not and says what it lacks.
    window.view.tabs.setCurrentWidget(window.view.coordinator_tab)
    coord = window.view.coordinator_tab
    coord.kind_buttons[CoordinatorKind.PROVIDER].click()
    items = {
        coord.providers.item(i).data(PROVIDER_ROLE): coord.providers.item(i)
        for i in range(coord.providers.count())
    }
    assert items["p-brug"].data(ELIGIBLE_ROLE) is True
    assert items["p-oost"].data(ELIGIBLE_ROLE) is False
    assert "Werk en opleiding / Dagbesteding – midden" in items["p-oost"].text()
    coord.providers.setCurrentItem(items["p-oost"])
    assert not coord.choose.isEnabled()
    coord.providers.setCurrentRow(0)
    assert coord.providers.currentItem().data(PROVIDER_ROLE) == "p-brug"
    coord.choose.click()
    assert session.plan.coordinator.provider_id == "p-brug"

    # Autosave gets there within a second without any help.
    qtbot.waitUntil(lambda: session.is_saved, timeout=1500)
    assert window.save_label.text() == "✓ Alles opgeslagen"
    window.close()
    db.close()

    # What is in the database, read back through a fresh connection.
    again = Database.open(db_path)
    try:
        with again.unit_of_work(write=False) as uow:
            found = uow.households.search("Jansen")
            assert len(found) == 1
            hh = uow.households.get(found[0].id)
            plans = uow.plans.for_household(hh.id)
    finally:
        again.close()
    assert hh.municipality_code == ZUTPHEN
    assert (hh.street, hh.house_number, hh.postcode, hh.city) == ("Bakkerstraat", "7", "7201 DN", "Zutphen")
    assert [(m.given_names, m.surname, m.bsn, m.birth_date, m.role) for m in hh.members] == [
        ("Renée", "Jansen", BSN_MOTHER, date(1985, 9, 3), Role.PARENT),
        ("Daan Jérôme", "Jansen", BSN_DAAN, date(2009, 5, 20), Role.CHILD),
    ]
    assert hh.members[0].salutation == "Geachte mevrouw Jansen" and hh.members[0].receives_letters
    (plan,) = plans
    assert plan.report_date == date(2027, 1, 11) and plan.application_date == date(2027, 1, 14)
    assert plan.conversation_date == TODAY and plan.start == date(2027, 2, 1)
    assert plan.participants == "Mevrouw Jansen, Daan en een cliëntondersteuner"
    assert plan.client_support_offered and plan.client_support_present
    cells = [(r.life_area, r.distance) for r in plan.life_areas]
    assert cells == [
        ("financien", Distance.MEDIUM),
        ("werk_dagbesteding", Distance.MEDIUM),
        ("geestelijke_gezondheid", Distance.MEDIUM),
        ("huishouden_adl", Distance.LIGHT),
    ]
    fin = plan.life_areas[0]
    assert fin.desired_result == "Schuldhulpverlening is gestart"
    assert fin.ladder[Rung.COMMUNITY] == "De gratis schuldhulp pakt de schulden op"
    assert fin.member_ids == [hh.members[0].id]
    assert [g.text for g in fin.goals] == ["Aanmelding bij de schuldhulp"]
    assert plan.life_areas[3].ladder == {Rung.NETWORK: "Haar zus doet de boodschappen"}
    assert plan.coordinator.kind is CoordinatorKind.PROVIDER and plan.coordinator.provider_id == "p-brug"
