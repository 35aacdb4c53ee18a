"""Recording a partial grant in the allocation editor, by keyboard, as a professional would:
the outcome, the amount asked and the motivation (with non-ASCII text) reach the model, are saved,
clear the blocking finding, and come out of the concept letter (pypdf)."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader
from PySide6.QtCore import Qt

from db.database import Database
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.letter_content import build_letters
from planner.model import Allocation, Frequency, Outcome, Unit
from planner.reference import Reference
from tests.ui.support_setup import BRUG, HOUSEHOLD_HELP, PLAN_START, TODAY, catalogue, jansen
from tests.ui.typing_helper import press, type_text
from ui.session import HouseholdSession
from ui.support.allocation_editor import AllocationEditor

MOTIVATION = "De was doet uw dochter al; de tijd daarvoor betalen wij niet (één uur minder)."


def _session(db: Database, reference: Reference) -> HouseholdSession:
    household, plan = jansen()
    mother = household.members[0]
    plan.allocations = [
        Allocation(
            mother.id,
            HOUSEHOLD_HELP,
            PLAN_START,
            date(2028, 1, 31),
            150,
            Unit.MINUTE,
            Frequency.PER_WEEK,
            provider_id=BRUG,
            life_area="huishouden_adl",
        )
    ]
    with db.unit_of_work() as uow:
        uow.catalogue.replace(catalogue(reference))
        uow.households.save(household)
        uow.plans.save(plan)
    with db.unit_of_work() as uow:
        cat = uow.catalogue.load()
    return HouseholdSession.open(db, reference, cat, TODAY, household.id)


def test_a_partial_grant_is_recorded_by_keyboard_and_said_in_the_letter(
    qtbot, db: Database, reference: Reference
) -> None:
    session = _session(db, reference)
    editor = AllocationEditor(session)
    qtbot.addWidget(editor)
    with qtbot.waitActive(editor):
        editor.show()
        editor.activateWindow()
    a = session.plan.allocations[0]
    editor.set_allocation(a.id)
    form = editor.form
    assert form.outcome.currentText().startswith("Toegekend")

    # The outcome: focus the combo through its label's mnemonic, then pick with the arrow keys.
    press(editor, Qt.Key.Key_U, Qt.KeyboardModifier.AltModifier)
    assert form.outcome.hasFocus()
    press(form.outcome, Qt.Key.Key_Down)
    assert a.outcome is Outcome.PARTLY
    assert a.requested_volume == 150  # starts from the amount filled in
    codes = {f.code for f in session.findings() if f.subject_id == a.id}
    assert {"outcome.motivation_missing", "outcome.partly_not_less"} <= codes

    # What was asked: 240 minutes per week; and the motivation, typed per character.
    press(editor, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert form.requested_volume.hasFocus()
    form.requested_volume.selectAll()
    type_text(form.requested_volume, "240")
    press(form.requested_volume, Qt.Key.Key_Return)
    assert a.requested_volume == 240
    press(editor, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    assert form.motivation.hasFocus()
    type_text(form.motivation, MOTIVATION)
    press(form.motivation, Qt.Key.Key_Tab)  # leaving the field commits it
    assert a.motivation == MOTIVATION
    codes = {f.code for f in session.findings() if f.subject_id == a.id}
    assert not codes & {
        "outcome.motivation_missing",
        "outcome.partly_not_less",
        "outcome.partly_more_than_asked",
    }
    assert "240 minuten per week" in form.requested_words.text()

    # Saved, and read back from the database as recorded.
    assert session.save_now()
    with db.unit_of_work(write=False) as uow:
        stored = uow.plans.for_household(session.household.id)[0].allocations[0]
    assert (stored.outcome, stored.requested_volume, stored.motivation) == (Outcome.PARTLY, 240, MOTIVATION)

    # The concept letter says what was asked, what is granted and why.
    pro = Professional("Sanne de Boer", role="Wmo-consulent")
    letter = build_letters(session.household, session.plan, session.catalogue, reference, TODAY, pro, TODAY)[
        0
    ]
    pdf = render_letter(letter)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "gedeeltelijk toegekend" in text
    assert "U vroeg om 240 minuten per week. Wij kennen 150 minuten per week toe." in text
    assert "één uur minder" in text
    assert "artikel 2.3.5, derde lid, van de Wmo 2015" in text


def test_a_shorter_period_than_asked_is_recorded_with_the_asked_end_date(
    qtbot, db: Database, reference: Reference
) -> None:
    session = _session(db, reference)
    editor = AllocationEditor(session)
    qtbot.addWidget(editor)
    a = session.plan.allocations[0]
    editor.set_allocation(a.id)
    editor.form.outcome.choose(Outcome.PARTLY)
    assert a.requested_volume == 150
    editor.form.requested_volume.setValue(0)  # "zoals toegekend": only the period differs
    assert a.requested_volume is None
    type_text(editor.form.requested_end.edit, "31-07-2028")
    press(editor.form.requested_end.edit, Qt.Key.Key_Return)
    assert a.requested_end is not None and a.requested_end.isoformat() == "2028-07-31"
    codes = {f.code for f in session.findings() if f.subject_id == a.id}
    assert "outcome.partly_not_less" not in codes and "outcome.partly_more_than_asked" not in codes
    assert "31 juli 2028" in editor.form.requested_words.text()
