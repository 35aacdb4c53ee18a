"""The toolbar's undo and redo keep one caption; what they would do is in the tooltip."""

from __future__ import annotations

from pathlib import Path

from tests.ui.conftest import TODAY
from ui.app import MainWindow
from ui.settings import WindowSettings


def test_undo_and_redo_keep_their_caption_and_name_the_change_in_the_tooltip(
    qtbot, db, reference, tmp_path: Path
):
    window = MainWindow(db, reference, TODAY, WindowSettings(tmp_path / "s.ini"))
    qtbot.addWidget(window)
    window.show()
    window.new_household()
    # Nothing typed yet: undo takes the new household itself back (issue 11, tests/ui/test_new_household.py).
    assert window.undo_action.isEnabled() and "nieuw huishouden" in window.undo_action.toolTip()
    window.view.household_tab.add_member.click()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "Ongedaan maken"
    assert window.undo_action.toolTip().startswith("Ongedaan maken: ")
    assert len(window.undo_action.toolTip()) > len("Ongedaan maken: ") + 3  # the change's words
    window.undo_action.trigger()
    assert window.undo_action.text() == "Ongedaan maken" and window.redo_action.text() == "Opnieuw"
    assert window.redo_action.isEnabled() and window.redo_action.toolTip().startswith("Opnieuw: ")
    window.redo_action.trigger()
    assert not window.redo_action.isEnabled()
    window.close()
