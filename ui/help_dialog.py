"""F1: the help page of what is on screen; Ctrl+/: every shortcut of the window.

The pages are the `[help]` section of resources/texts.toml (Markdown; terms as placeholders, so
they follow terms.toml like every other text). The glossary page is the `[uitleg]` section that
the tooltips show, so nothing needs a mouse to hover. The shortcut overview is read from the
window's own QActions and QShortcuts each time it is shown, so it cannot drift from the keys that
work; a QShortcut says what it does in its `whatsThis`.

Which page F1 opens: the page of the main window's stack, or the current tab of its `tabs`, may
name its page in a `HELP_TOPIC` attribute; otherwise a tab's title is its page ("Coördinator"
-> `coordinator`); anything else opens the search page, and a page that does not exist the first.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ui.date_input import DATE_KEYS

if TYPE_CHECKING:  # read with the database, after the window's first frame
    from planner.reference import Reference

HELP_KEYS = "F1"
SHORTCUT_KEYS = "Ctrl+/"
GLOSSARY = "begrippen"
SHORTCUTS = "sneltoetsen"
SEARCH_TOPIC = "zoeken"
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
# The glossary's keys are plain identifiers; these words are spelt otherwise on screen.
GLOSSARY_WORDS = {
    "bsn": "BSN",
    "clientondersteuning": "Cliëntondersteuning",
    "coordinator": "Coördinator",
    "coordinator_aanbieder": "Zorgaanbieder als coördinator",
}


@dataclass(frozen=True, slots=True)
class Shortcut:
    keys: str  # "Ctrl+Shift+Z of Ctrl+Y"
    what: str  # "Opnieuw"


def topic_key(title: str) -> str:
    """ "Coördinator" -> "coordinator", "Mijn werkvoorraad" -> "mijn_werkvoorraad"."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", plain.lower()).strip("_")


def help_pages(reference: Reference) -> dict[str, str]:
    """Every help page (key -> Markdown), in the order of texts.toml."""
    return {
        key.removeprefix("help."): reference.text(key) for key in reference.texts if key.startswith("help.")
    }


def glossary_markdown(reference: Reference) -> str:
    lines = ["# Begrippen", "", "Wat de woorden op het scherm betekenen.", ""]
    for key in reference.texts:
        if key.startswith("uitleg."):
            name = key.removeprefix("uitleg.")
            word = GLOSSARY_WORDS.get(name) or name.replace("_", " ").capitalize()
            lines.append(f"- **{word}**: {reference.text(key)}")
    return "\n".join(lines)


def _what(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").rstrip(".").strip()


def window_shortcuts(window: QWidget) -> list[Shortcut]:
    """The keys of every QAction and QShortcut of `window` (those of hidden tabs included)."""
    found: dict[str, str] = {}
    for action in window.findChildren(QAction):
        sequences = [s for s in action.shortcuts() if not s.isEmpty()]
        if sequences:
            keys = " of ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
            found.setdefault(keys, _what(action.whatsThis() or action.text()))
    for shortcut in window.findChildren(QShortcut):
        bound = shortcut.keys()  # Qt's list of key sequences, not a mapping
        sequences = [s for s in bound if not s.isEmpty()]
        if sequences:
            keys = " of ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences)
            found.setdefault(keys, _what(shortcut.whatsThis()))
    return [Shortcut(k, w) for k, w in found.items()]


def shortcuts_markdown(window: QWidget) -> str:
    rows = [f"| {s.keys} | {s.what} |" for s in window_shortcuts(window)]
    date_rows = [f"| {keys} | {what} |" for keys, what in DATE_KEYS]
    return "\n".join(
        [
            "# Sneltoetsen",
            "",
            "| Toets | Wat het doet |",
            "|---|---|",
            *rows,
            "",
            "In een datumveld:",
            "",
            "| Toets | Wat het doet |",
            "|---|---|",
            *date_rows,
            "",
            "Een onderstreepte letter in een veldnaam of knop: houd **Alt** ingedrukt en druk die letter "
            "om er meteen naartoe te gaan. **Tab** gaat naar het volgende veld, **Shift+Tab** terug.",
        ]
    )


def current_topic(window: QMainWindow) -> str:
    """The page for what the window shows now (see the module text)."""
    page = window.centralWidget()
    if isinstance(page, QStackedWidget):
        page = page.currentWidget()
    if page is None:
        return SEARCH_TOPIC
    topic = getattr(page, "HELP_TOPIC", None)
    if isinstance(topic, str):
        return topic
    tabs = getattr(page, "tabs", None)
    if isinstance(tabs, QTabWidget) and tabs.currentIndex() >= 0:
        topic = getattr(tabs.currentWidget(), "HELP_TOPIC", None)
        return topic if isinstance(topic, str) else topic_key(tabs.tabText(tabs.currentIndex()))
    return SEARCH_TOPIC


class HelpDialog(QDialog):
    """The help pages, the glossary and the shortcut overview; stays open beside the work."""

    def __init__(self, reference: Reference, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)  # `window`: whose shortcuts the overview lists
        self.setWindowTitle("Help bij de Trajectplanner")
        self.window_ = window
        self.reference = reference
        self.pages = help_pages(reference)
        self.topics = QListWidget()
        self.topics.setAccessibleName("Onderwerpen")
        self.topics.setMaximumWidth(190)
        for key, text in [*self.pages.items(), (GLOSSARY, "# Begrippen"), (SHORTCUTS, "# Sneltoetsen")]:
            item = QListWidgetItem(text.strip().splitlines()[0].lstrip("# "))
            item.setData(KEY_ROLE, key)
            self.topics.addItem(item)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Helptekst")
        self.browser.setOpenExternalLinks(False)
        font = self.browser.font()
        font.setPointSizeF(font.pointSizeF() + 1)  # read at arm's length, at the kitchen table
        self.browser.setFont(font)
        self.topics.currentItemChanged.connect(self._topic_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Sluiten")
        buttons.rejected.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.topics)
        row.addWidget(self.browser, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        self.resize(820, 560)

    def topic(self) -> str:
        item = self.topics.currentItem()
        return str(item.data(KEY_ROLE)) if item is not None else ""

    def show_topic(self, key: str) -> None:
        keys = [self.topics.item(i).data(KEY_ROLE) for i in range(self.topics.count())]
        row = keys.index(key) if key in keys else 0
        if self.topics.currentRow() == row:
            self._show(keys[row])
        self.topics.setCurrentRow(row)
        self.show()
        self.raise_()
        self.activateWindow()

    def _topic_changed(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is not None:
            self._show(str(item.data(KEY_ROLE)))

    def _show(self, key: str) -> None:
        if key == GLOSSARY:
            text = glossary_markdown(self.reference)
        elif key == SHORTCUTS:
            text = shortcuts_markdown(self.window_)
        else:
            text = self.pages[key]
        self.browser.setMarkdown(text)


def add_dialog_help(dialog: QDialog, reference: Reference, topic: str) -> QShortcut:
    """F1 in a modal dialog: the help opens beside it (the main window's cannot take input then)."""
    shortcut = QShortcut(QKeySequence(HELP_KEYS), dialog)
    shortcut.setWhatsThis("Help bij dit venster")

    def show() -> None:
        help_dialog = dialog.findChild(HelpDialog)
        if help_dialog is None:
            owner = dialog.parentWidget()
            help_dialog = HelpDialog(reference, owner.window() if owner else dialog, parent=dialog)
        help_dialog.show_topic(topic)

    shortcut.activated.connect(show)
    return shortcut


class WindowHelp(QObject):
    """F1 and Ctrl+/ on a main window, and the help button on its toolbar; one dialog per window."""

    def __init__(self, window: QMainWindow, bar: QToolBar, reference: Reference | None = None) -> None:
        super().__init__(window)
        self.window_ = window
        self.reference = reference
        self._dialog: HelpDialog | None = None
        self.help_action = QAction("Help", window, shortcut=QKeySequence(HELP_KEYS))
        self.help_action.setToolTip(f"Uitleg bij dit scherm ({HELP_KEYS})")
        self.help_action.setWhatsThis("Help bij wat u nu ziet")
        self.help_action.triggered.connect(self.show_current)
        self.keys_action = QAction("Sneltoetsen", window, shortcut=QKeySequence(SHORTCUT_KEYS))
        self.keys_action.setWhatsThis("Dit overzicht van alle sneltoetsen")
        self.keys_action.triggered.connect(lambda: self.dialog().show_topic(SHORTCUTS))
        bar.addAction(self.help_action)
        window.addAction(self.help_action)
        window.addAction(self.keys_action)

    def dialog(self) -> HelpDialog:
        if self._dialog is None:
            from planner.reference import load_reference

            ref = getattr(self.window_, "reference", None) or self.reference or load_reference()
            self._dialog = HelpDialog(ref, self.window_)
        return self._dialog

    def show_current(self) -> None:
        self.dialog().show_topic(current_topic(self.window_))
