"""Free-text fields show their length against the limit while typing and take nothing past it."""

from __future__ import annotations

import pytest

from db.database import Database
from planner.model import Goal, LifeAreaResult
from planner.services.changes import Changes, Kind
from planner.services.fields import GoalField, LifeAreaField
from planner.text_limits import limit_of
from tests.ui.conftest import TODAY, ZUTPHEN
from tests.ui.typing_helper import type_text
from ui.fields import Binding, MultiLineField, TextField
from ui.session import HouseholdSession


@pytest.fixture
def session(qtbot, db: Database, reference) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    s = HouseholdSession.create(db, reference, catalogue, TODAY, ZUTPHEN)
    s.plan.life_areas.append(LifeAreaResult(life_area="financien", goals=[Goal("")]))
    s.notify(Changes.of(Kind.LIFE_AREAS))
    assert s.save_now()
    return s


def _desired(qtbot, session: HouseholdSession) -> MultiLineField:
    area = lambda: session.plan.life_areas[0]  # noqa: E731
    binding = Binding(area, LifeAreaField.DESIRED_RESULT, "Resultaat wijzigen")
    field = MultiLineField(session, binding, plan_field=True, accessible_name="Wat wij willen bereiken")
    qtbot.addWidget(field)
    field.resize(400, 120)
    field.show()
    field.refresh()
    return field


def test_a_counter_shows_the_length_against_the_limit_while_typing(qtbot, session: HouseholdSession) -> None:
    field = _desired(qtbot, session)
    maximum = limit_of(LifeAreaResult, "desired_result").maximum
    assert maximum == 4000
    assert field.counter.isVisible() and field.counter.text() == "0/4000"
    type_text(field, "Schulden € 0")
    assert field.counter.text() == "12/4000"
    # A moment without typing commits it (the idle timer), as one undo step.
    qtbot.waitUntil(lambda: session.plan.life_areas[0].desired_result == "Schulden € 0", timeout=3000)


def test_nothing_past_the_limit_is_taken_in_typed_or_pasted(qtbot, session: HouseholdSession) -> None:
    field = _desired(qtbot, session)
    field.setPlainText("")
    field.insertPlainText("ë" * 3990)
    field.moveCursor(field.textCursor().MoveOperation.Start)
    field.insertPlainText("<b>&amp;" * 5)  # pasted at the start: only what fits stays
    assert len(field.toPlainText()) == 4000
    assert field.toPlainText().startswith("<b>&amp;<bë") and field.toPlainText().endswith("ë")
    assert field.counter.text() == "4000/4000"
    type_text(field, "x")
    assert len(field.toPlainText()) == 4000
    field._commit_typing()
    assert len(session.plan.life_areas[0].desired_result) == 4000


def test_one_line_fields_stop_at_their_limit(qtbot, session: HouseholdSession) -> None:
    goal = lambda: session.plan.life_areas[0].goals[0]  # noqa: E731
    field = TextField(session, Binding(goal, GoalField.TEXT, "Doel wijzigen"), accessible_name="Doel")
    qtbot.addWidget(field)
    assert field.maxLength() == limit_of(Goal, "text").maximum == 1000
