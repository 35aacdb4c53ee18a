"""The life-area matrix model: Qt's model tester, colours with words, and refresh on change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.database import Database
from planner.model import Distance, LifeAreaResult, Member
from planner.services.fields import LifeAreaField, set_field
from planner.services.life_areas import add_life_area, remove_life_area
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.session import HouseholdSession
from ui.views.matrix_model import (
    DISTANCE_COLOURS,
    ROW_DISTANCE,
    ROW_MEMBERS,
    ROW_PRICE,
    ROW_RESULT,
    MatrixModel,
)


def _session(db: Database, reference) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    return HouseholdSession.create(db, reference, catalogue, TODAY, ZUTPHEN)


def test_matrix_model_passes_qt_model_tester(qtbot, qtmodeltester, db: Database, reference) -> None:
    s = _session(db, reference)
    daan = Member(given_names="Daan", surname="Jansen", birth_date=None)
    s.household.members.append(daan)
    s.plan.life_areas += [
        LifeAreaResult(life_area="financien", desired_result="Schuldhulp gestart", distance=Distance.MEDIUM),
        LifeAreaResult(life_area="geestelijke_gezondheid", distance=Distance.HEAVY, member_ids=[daan.id]),
        LifeAreaResult(life_area="wonen"),
    ]
    model = MatrixModel(s)
    qtmodeltester.check(model)
    assert model.columnCount() == 3 and model.rowCount() == 4
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Financiën"
    assert model.data(model.index(ROW_RESULT, 0)) == "Schuldhulp gestart"
    assert model.data(model.index(ROW_DISTANCE, 1)) == "zwaar"  # words, not colour alone
    assert (
        model.data(model.index(ROW_DISTANCE, 1), Qt.ItemDataRole.BackgroundRole).color()
        == DISTANCE_COLOURS[Distance.HEAVY]
    )
    assert model.data(model.index(ROW_MEMBERS, 1)) == "Daan"
    assert model.data(model.index(ROW_PRICE, 0)).startswith("€")
    assert model.data(model.index(ROW_DISTANCE, 2)) == "— kies afstand"


def test_matrix_model_follows_commands(qtbot, qtmodeltester, db: Database, reference) -> None:
    s = _session(db, reference)
    model = MatrixModel(s)
    with qtbot.waitSignal(model.modelReset):
        s.apply(add_life_area(s.plan, "financien"))
    area = s.plan.life_areas[0]
    with qtbot.waitSignal(model.dataChanged):
        s.apply(set_field(area, LifeAreaField.DISTANCE, Distance.LIGHT, "Afstand"))
    assert model.data(model.index(ROW_DISTANCE, 0)) == "licht"
    qtmodeltester.check(model)
    s.apply(remove_life_area(s.plan, area.id))
    assert model.columnCount() == 0
    s.undo_stack.undo()
    assert model.columnCount() == 1
