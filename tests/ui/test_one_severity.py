"""One severity (issue 11): the findings panel, its count and the decide dialog agree on every
showcase household of the demo region; and removing a member asks first."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from db.database import Database
from planner.reference import Reference
from planner.services.documents import signer
from tests.planner.showcase_documents import CASES, TODAY, demo_database
from ui.decide_dialog import DecideDialog
from ui.session import HouseholdSession
from ui.settings import KEY_NAME, KEY_ROLE
from ui.views.findings_panel import FindingsPanel
from ui.views.household_view import HouseholdView


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Database:
    db = demo_database(Path(tmp_path_factory.mktemp("severity")) / "demo.sqlite")
    with db.unit_of_work() as uow:
        uow.settings.set(KEY_NAME, "Sanne de Boer")
        uow.settings.set(KEY_ROLE, "Wmo-consulent")
    return db


def _open(db: Database, reference: Reference, case: str) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case)
        catalogue = uow.catalogue.load()
    assert household is not None
    return HouseholdSession.open(db, reference, catalogue, TODAY, household.id)


@pytest.mark.parametrize("case", CASES)
def test_panel_count_and_decide_dialog_agree(qtbot, demo: Database, reference: Reference, case: str) -> None:
    session = _open(demo, reference, case)
    panel = FindingsPanel()
    qtbot.addWidget(panel)
    counted: list[tuple[int, int]] = []
    panel.count_changed.connect(lambda e, w: counted.append((e, w)))
    panel.set_session(session)
    panel_errors = [f.code for f in session.findings() if f.is_error]
    panel_warnings = [f.code for f in session.findings() if not f.is_error]
    errors, warnings = counted[-1]
    assert (errors, warnings) == (len(panel_errors), len(panel_warnings))
    if errors or warnings:
        assert panel.summary.text().startswith(f"{errors} fout(en), {warnings} aandachtspunt(en).")
    rows = panel.list.codes()
    assert sorted(rows) == sorted(panel_errors + panel_warnings)
    if session.plan is None or session.plan.is_frozen:
        return  # nothing to decide: the dialog is not offered
    dialog = DecideDialog(session, signer(demo))
    qtbot.addWidget(dialog)
    assert sorted(f.code for f in dialog.errors) == sorted(panel_errors)
    assert sorted(f.code for f in dialog.warnings) == sorted(panel_warnings)
    assert dialog.error_list.count() == errors
    if errors:
        assert not dialog.decide_button.isEnabled()


def test_removing_a_member_asks_first(qtbot, demo: Database, reference: Reference, monkeypatch) -> None:
    session = _open(demo, reference, CASES[0])
    view = HouseholdView(session)
    qtbot.addWidget(view)
    tab = view.household_tab
    before = len(session.household.members)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, title, text, *_args):
        asked.append(f"{title}: {text}")
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    tab.remove_member.click()
    assert len(session.household.members) == before and "verwijderen" in asked[0]
    tab.remove_member.click()
    assert len(session.household.members) == before - 1
    session.undo_stack.undo()
    assert len(session.household.members) == before
