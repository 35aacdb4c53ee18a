"""Save dialogs in Dutch that start where the professional saves things.

Qt's own dialog rather than the desktop's: its words come from Qt's Dutch translation (qtbase_nl,
loaded by `ui.app.use_dutch_locale`), where a desktop dialog follows the computer's language
("Look in", "Files of type"). It opens in the folder last used for the same kind of file in this
session, else in the documents folder — never in the program's own folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

_last_folder: dict[str, Path] = {}


def start_folder(kind: str) -> Path:
    """Where a save dialog for `kind` ("tijdlijn", "pdf", …) opens."""
    if kind in _last_folder and _last_folder[kind].is_dir():
        return _last_folder[kind]
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()


def remember(kind: str, path: Path) -> None:
    _last_folder[kind] = path.parent


def save_dialog(
    parent: QWidget | None, title: str, kind: str, file_name: str, file_filter: str
) -> QFileDialog:
    """The dialog itself, not yet shown (tests look at it; `ask_save_path` runs it)."""
    dialog = QFileDialog(parent, title, str(start_folder(kind) / file_name), file_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "Opslaan")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "Annuleren")
    return dialog


def ask_save_path(
    parent: QWidget | None, title: str, kind: str, file_name: str, file_filter: str
) -> Path | None:
    """The chosen file, or None when cancelled; the folder is remembered for next time."""
    dialog = save_dialog(parent, title, kind, file_name, file_filter)
    if not dialog.exec() or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    remember(kind, path)
    return path
