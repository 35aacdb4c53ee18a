"""Huishouden verwijderen of archiveren: delete a household that was never decided, archive the rest.

Both ask first in Dutch, naming the case number. The operations are in
`planner.services.household_records`; the household is closed (and saved) before it is deleted,
so no autosave writes it back.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox

_YES, _NO = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def question_box(window: Any, title: str, text: str) -> QMessageBox:
    """The question, "Nee" by default, with F1 for the help page on deleting and archiving."""
    from ui.help_dialog import add_dialog_help

    box = QMessageBox(QMessageBox.Icon.Question, title, text, _YES | _NO, window)
    box.setDefaultButton(_NO)
    box.setInformativeText("F1: wanneer u verwijdert, wanneer u archiveert en hoe u het terugvindt.")
    box.help_shortcut = add_dialog_help(box, window.reference, "verwijderen")  # type: ignore[attr-defined]
    return box


def _ask(window: Any, title: str, text: str) -> bool:
    return QMessageBox.StandardButton(question_box(window, title, text).exec()) == _YES


def delete_or_archive(window: Any) -> str:
    """Ask, then delete / archive / un-archive the open household; returns what was done
    ("deleted", "archived", "unarchived" or "" when the professional said no)."""
    from planner.services import household_records as records

    session = window.session
    if session is None:
        return ""
    db, household_id, case = window.db, session.household.id, session.household.case_number
    if records.can_delete(db, household_id):
        text = (
            f"Dossier {case} verwijderen? Er is nooit een besluit over genomen. "
            "Alle gegevens van dit huishouden verdwijnen; dit kan niet ongedaan worden gemaakt."
        )
        if not _ask(window, "Huishouden verwijderen", text):
            return ""
        window.close_household()
        records.delete_household(db, household_id)
        window.show_search()
        window.statusBar().showMessage(f"Dossier {case} is verwijderd.", 8000)
        return "deleted"
    if records.is_archived(db, household_id):
        text = f"Dossier {case} staat in het archief. Weer in gebruik nemen (dan vindt het zoeken het weer)?"
        if not _ask(window, "Uit het archief halen", text):
            return ""
        records.unarchive_household(db, household_id)
        window.statusBar().showMessage(f"Dossier {case} is weer in gebruik.", 8000)
        return "unarchived"
    text = (
        f"Dossier {case} archiveren? Er is een besluit over genomen, dus het wordt bewaard, "
        "maar het zoeken toont het niet meer. U kunt het later weer uit het archief halen."
    )
    if not _ask(window, "Huishouden archiveren", text):
        return ""
    records.archive_household(db, household_id, session.today)
    window.close_household()
    window.show_search()
    window.statusBar().showMessage(f"Dossier {case} is gearchiveerd.", 8000)
    return "archived"
