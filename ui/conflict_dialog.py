"""The dialog for a clash with another window, and the notice for a plan decided elsewhere.

`ConflictDialog` shows per record and per field what the other window stored and what is typed
here, each readable in full, and lets the professional keep one per field with radio buttons
(Space takes the focused version; "mijn versie" is chosen to start with, so Enter alone keeps
everything typed). It knows no database: it is given the words (`ui.conflict_words`) and
returns the choice as (kind, id, field) to keep; `ask_about_conflict` hands that to the session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.conflict_words import RecordChoice, choices_of

if TYPE_CHECKING:
    from db.errors import ConflictError
    from ui.elsewhere import DecidedElsewhere
    from ui.session import HouseholdSession

INTRO = (
    "Dit huishouden is intussen ook in een ander venster (of op een andere computer) gewijzigd, "
    "op dezelfde plaatsen als hier. Er is niets opgeslagen en niets overschreven: wat u hier typte, "
    "staat nog in het venster.\n\nKies per veld welke versie u wilt houden. Alles wat maar aan één "
    "kant is gewijzigd, blijft gewoon bewaard."
)
POSTPONED = (
    "Niet opgeslagen: dit huishouden is ook in een ander venster gewijzigd. Bij de volgende "
    "wijziging of bij het sluiten wordt opnieuw gevraagd welke versie u wilt houden."
)

Key = tuple[str, str, str]


class ConflictDialog(QDialog):
    def __init__(
        self,
        choices: list[RecordChoice],
        parent: QWidget | None = None,
        *,
        intro: str = INTRO,
        elsewhere: str = "ander venster",  # where the other version comes from (an imported file)
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ook ergens anders gewijzigd")
        self.setObjectName("ConflictDialog")
        self.setModal(True)
        self.mine: dict[Key, QRadioButton] = {}
        self.theirs: dict[Key, QRadioButton] = {}
        self._elsewhere = elsewhere
        intro = QLabel(intro)
        intro.setWordWrap(True)

        body = QWidget()
        records = QVBoxLayout(body)
        for choice in choices:
            records.addWidget(self._record_box(choice))
        records.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        all_mine = QPushButton("Overal mijn versie")
        all_mine.setAutoDefault(False)
        all_mine.clicked.connect(lambda: self._choose_all(self.mine))
        all_theirs = QPushButton("Overal de andere versie")
        all_theirs.setAutoDefault(False)
        all_theirs.clicked.connect(lambda: self._choose_all(self.theirs))
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            "Opslaan met deze keuzes", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton("Later kiezen", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(all_mine)
        row.addWidget(all_theirs)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addLayout(row)
        self.resize(760, 560)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        first = next(iter(self.mine.values()), None)
        if first is not None:  # the keyboard starts at the first choice
            first.setFocus()

    def _record_box(self, choice: RecordChoice) -> QGroupBox:
        box = QGroupBox(choice.title)
        box.setAccessibleName(choice.title)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        explanation = QLabel(choice.explanation)
        explanation.setWordWrap(True)
        grid.addWidget(explanation, 0, 0, 1, 3)
        whole = choice.change in ("deleted_elsewhere", "removed_here")
        for i, f in enumerate(choice.fields, start=1):
            key = (choice.kind, choice.id, f.field)
            name = QLabel(f"<b>{_escape(f.label)}</b>")
            name.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            if whole:  # keeping ours means: keep a record deleted there / leave out one removed here
                keep_mine = choice.change == "deleted_elsewhere"
                mine_text, theirs_text = ("houden", "weglaten") if keep_mine else ("weglaten", "houden")
            else:
                mine_text, theirs_text = "mijn versie", "de andere versie"
            mine = self._option(f"{mine_text} (hier getypt)", f.ours, f"{choice.title}, {f.label}")
            theirs = self._option(
                f"{theirs_text} ({self._elsewhere})", f.theirs, f"{choice.title}, {f.label}"
            )
            group = QButtonGroup(box)
            group.addButton(mine.button)
            group.addButton(theirs.button)
            mine.button.setChecked(True)  # nothing typed is dropped unless the professional says so
            self.mine[key], self.theirs[key] = mine.button, theirs.button
            grid.addWidget(name, i, 0)
            grid.addWidget(mine, i, 1)
            grid.addWidget(theirs, i, 2)
        if choice.also:
            also = QLabel(
                "Alleen in het andere venster gewijzigd, en dus overgenomen: " + ", ".join(choice.also) + "."
            )
            also.setWordWrap(True)
            grid.addWidget(also, len(choice.fields) + 1, 0, 1, 3)
        return box

    def _option(self, title: str, value: str, where: str) -> _Option:
        return _Option(title, value, where, self)

    def _choose_all(self, buttons: dict[Key, QRadioButton]) -> None:
        for button in buttons.values():
            button.setChecked(True)

    def keep_ours(self) -> set[Key]:
        """(kind, id, field) whose typed value stays; every other field takes the other version."""
        return {key for key, button in self.mine.items() if button.isChecked()}


class _Option(QFrame):
    """A radio button with the value it stands for, in full and wrapped, under it."""

    def __init__(self, title: str, value: str, where: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.button = QRadioButton(title)
        self.button.setAccessibleName(f"{where}: {title}")
        self.button.setAccessibleDescription(value)
        self.value = QLabel(_escape(value).replace("\n", "<br>"))
        self.value.setWordWrap(True)
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.button)
        layout.addWidget(self.value)

    def mousePressEvent(self, event: object) -> None:  # a click on the value chooses it too
        self.button.setChecked(True)
        self.button.setFocus()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ask_about_conflict(parent: QWidget, session: HouseholdSession, error: ConflictError) -> bool:
    """Show the dialog for `error`; the choice goes to the session, which saves again.
    False when the professional chose later (nothing is saved until they are asked again)."""
    dialog = ConflictDialog(choices_of(error, session.elsewhere.context()), parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        session.elsewhere.resolve(dialog.keep_ours())
        return True
    session.elsewhere.postpone()
    return False


class DecidedElsewhereDialog(QDialog):
    """Says that the plan was decided elsewhere, and shows in full what could not be saved."""

    def __init__(self, notice: DecidedElsewhere, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan is ergens anders vastgesteld")
        self.setObjectName("DecidedElsewhereDialog")
        message = QLabel(notice.message)
        message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        self.lost = QPlainTextEdit(notice.lost_text())
        self.lost.setReadOnly(True)
        self.lost.setAccessibleName("Niet opgeslagen wijzigingen aan het plan")
        self.lost.setVisible(bool(notice.lost))
        layout.addWidget(self.lost, 1)
        buttons = QDialogButtonBox()
        if notice.lost:
            copy = buttons.addButton("Kopiëren", QDialogButtonBox.ButtonRole.ActionRole)
            copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(notice.lost_text()))
        ok = buttons.addButton("Begrepen", QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(640, 420 if notice.lost else 200)


def tell_decided_elsewhere(parent: QWidget, notice: DecidedElsewhere) -> None:
    DecidedElsewhereDialog(notice, parent).exec()
