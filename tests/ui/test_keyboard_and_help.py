"""Keyboard first: every control in the Tab order, unique Alt letters, F1 help per tab, the shortcut
overview and Ctrl+Q, in the real main window with a real household."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTabBar,
    QTextEdit,
    QWidget,
)

from db.database import Database
from planner.services.documents import signer
from planner.services.storage import open_household
from tests.ui.support_setup import TODAY as SUPPORT_TODAY
from tests.ui.support_setup import YOUTH, member, open_session
from tests.ui.typing_helper import type_text
from ui.app import MainWindow
from ui.decide_dialog import DecideDialog
from ui.help_dialog import SHORTCUTS, HelpDialog, help_pages, shortcuts_markdown, topic_key, window_shortcuts
from ui.settings import WindowSettings
from ui.settings_dialog import SettingsDialog

INPUTS = (
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractButton,
    QAbstractItemView,
)
MAX_STEPS = 300


@pytest.fixture
def window(qtbot, db: Database, reference, tmp_path: Path) -> MainWindow:
    session = open_session(db, reference)
    household_id = session.household.id
    session.deleteLater()
    w = MainWindow(db, reference, SUPPORT_TODAY, WindowSettings(tmp_path / "settings.ini"))
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    w.open_household(household_id)
    return w


def _prepare(window: MainWindow, title: str, who: str = "Marieke") -> QWidget:
    """Show the tab `title` in the state a professional works in (something selected)."""
    view = window.view
    assert view is not None
    page = view.tab(title)
    view.tabs.setCurrentWidget(page)
    if title == "Leefgebieden":
        page.select_life_area("huishouden_adl")
    if title == "Ondersteuning":
        page.select_member(member(window.session, who).id)
        page.add_button.click()
        if who == "Daan":
            i = page.editor._product_codes.index(YOUTH)
            page.editor.product.setCurrentIndex(i)
            page.editor.product.activated.emit(i)
    QApplication.processEvents()
    return page


def _inputs(page: QWidget) -> list[QWidget]:
    """The enabled, visible controls a keyboard user must be able to reach on `page`."""
    out = []
    for w in page.findChildren(QWidget):
        if not (isinstance(w, INPUTS) and w.isVisibleTo(page.window()) and w.isEnabled()):
            continue
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # the text part of a spin box or combo: reached with it
        out.append(w)
    return out


def _chain_from(page: QWidget) -> list[QWidget]:
    chain, w = [], page.nextInFocusChain()
    while w is not page and len(chain) < 5000:
        chain.append(w)
        w = w.nextInFocusChain()
    return chain


def _walk(first: QWidget, page: QWidget) -> list[QWidget]:
    """Press Tab from `first` until the focus leaves `page`; the widgets it passed on the way."""
    first.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    visited: list[QWidget] = []
    for _ in range(MAX_STEPS):
        focus = QApplication.focusWidget()
        if focus is None or not page.isAncestorOf(focus):
            return visited
        visited.append(focus)
        QTest.keyClick(focus, Qt.Key.Key_Tab)
        QApplication.processEvents()
    raise AssertionError(f"Tab stays inside the page after {MAX_STEPS} presses (at {visited[-1]!r})")


def _reached(w: QWidget, visited: list[QWidget]) -> bool:
    if any(v is w or w.isAncestorOf(v) or v.isAncestorOf(w) for v in visited):
        return True
    if isinstance(w, QRadioButton):  # Tab reaches a group of radio buttons once; arrows choose
        group = w.group()
        peers = group.buttons() if group is not None else w.parent().findChildren(QRadioButton)
        return any(p in visited for p in peers)
    return False


TABS = [
    "Huishouden",
    "Gesprek",
    "Leefgebieden",
    "Coördinator",
    "Ondersteuning",
    "Tijdlijn",
    "Plangeschiedenis",
]


@pytest.mark.parametrize("title", TABS)
def test_tab_reaches_every_control_of_the_tab_before_leaving_it(window, title) -> None:
    page = _prepare(window, title)
    inputs = _inputs(page)
    assert inputs, title
    first = next(w for w in _chain_from(page) if w in inputs)
    visited = _walk(first, page)
    missing = [w.accessibleName() or type(w).__name__ for w in inputs if not _reached(w, visited)]
    assert not missing, f"{title}: Tab does not reach {missing}"


def test_the_life_area_editor_tabs_in_reading_order(window) -> None:
    page = _prepare(window, "Leefgebieden")
    editor = page.editor
    visited = _walk(editor.distance, page)
    names = [w.accessibleName() for w in visited]
    start = names.index("Afstand tot resultaat")
    assert names[start : start + 5] == [
        "Afstand tot resultaat",
        "Betrokken: Marieke",
        "Betrokken: Daan",
        "Zelfredzaamheid bij begin",
        "Zelfredzaamheid aan het eind",
    ]
    assert names[start + 5 : start + 9] == [
        "Doel",
        "Streefdatum van het doel",
        "Wie doet het",
        "Doel verwijderen",
    ]


# --- mnemonics ----------------------------------------------------------------------------------


def _mnemonic(text: str) -> str | None:
    m = re.search(r"&([^&\s])", text.replace("&&", ""))
    return m.group(1).lower() if m else None


def mnemonics(window: QWidget) -> dict[str, list[str]]:
    """Every Alt letter shown in `window` now: labels with a buddy, buttons, checkable group boxes, tabs."""
    found: dict[str, list[str]] = defaultdict(list)
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        texts = []
        if (isinstance(w, QLabel) and w.buddy() is not None) or isinstance(w, QAbstractButton):
            texts = [w.text()]
        elif isinstance(w, QGroupBox) and w.isCheckable():
            texts = [w.title()]
        elif isinstance(w, QTabBar):
            texts = [w.tabText(i) for i in range(w.count())]
        for text in texts:
            if (key := _mnemonic(text)) is not None:
                found[key].append(text)
    return found


def _duplicates(window: QWidget) -> dict[str, list[str]]:
    return {k: v for k, v in mnemonics(window).items() if len(v) > 1}


@pytest.mark.parametrize(
    ("title", "who"),
    [(t, "Marieke") for t in TABS] + [("Ondersteuning", "Daan")],
    ids=[*TABS, "Ondersteuning-Daan"],
)
def test_alt_letters_are_unique_in_the_window(window, title, who) -> None:
    _prepare(window, title, who)
    assert mnemonics(window), "the window has Alt letters at all"
    assert _duplicates(window) == {}


def test_alt_letters_are_unique_in_the_dialogs(qtbot, window, db: Database, reference) -> None:
    dialogs = [
        DecideDialog(window.session, signer(db), window),
        SettingsDialog(window.professional, reference, window),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert _duplicates(dialog) == {}, dialog.windowTitle()
        dialog.close()


def test_an_alt_letter_goes_to_its_field(window) -> None:
    page = _prepare(window, "Huishouden")
    QTest.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # Geboorte&datum
    assert QApplication.focusWidget() is page.birth.edit
    QTest.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &BSN
    assert QApplication.focusWidget() is page.bsn


# --- help -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", TABS)
def test_f1_opens_the_help_of_the_current_tab(qtbot, window, title) -> None:
    page = _prepare(window, title)
    focus = QApplication.focusWidget() or page
    QTest.keyClick(focus, Qt.Key.Key_F1)
    dialog = window.help.dialog()
    qtbot.waitUntil(dialog.isVisible, timeout=1000)
    assert dialog.topic() == topic_key(title)
    text = dialog.browser.toPlainText()
    assert text.startswith(title)  # the page's heading
    assert "{" not in text and len(text) > 100


def test_f1_on_the_search_page_explains_searching(qtbot, window) -> None:
    window.show_search()
    QTest.keyClick(window.start.search, Qt.Key.Key_F1)
    dialog = window.help.dialog()
    assert dialog.isVisible() and dialog.topic() == "zoeken"
    assert "zoekveld" in dialog.browser.toPlainText()


def test_every_tab_has_a_help_page_and_every_key_it_names_exists(window, reference) -> None:
    view = window.view
    pages = help_pages(reference)
    for i in range(view.tabs.count()):
        assert topic_key(view.tabs.tabText(i)) in pages, view.tabs.tabText(i)
    bound = {k for s in window_shortcuts(window) for k in s.keys.split(" of ")}
    named = {k for text in pages.values() for k in re.findall(r"Ctrl\+(?:Shift\+)?\S", text)}
    assert named and named <= bound, named - bound


def test_the_shortcut_overview_lists_every_key_of_the_window(window) -> None:
    text = shortcuts_markdown(window)
    keys: list[QKeySequence] = []
    for action in window.findChildren(QAction):
        keys += [s for s in action.shortcuts() if not s.isEmpty()]
    for shortcut in window.findChildren(QShortcut):
        bound = shortcut.keys()  # Qt's list of key sequences
        keys += [s for s in bound if not s.isEmpty()]
    assert len(keys) >= 15
    for k in keys:
        assert f"| {k.toString(QKeySequence.SequenceFormat.NativeText)}" in text or (
            f" of {k.toString(QKeySequence.SequenceFormat.NativeText)} |" in text
        ), k.toString()
    for s in window_shortcuts(window):
        assert s.what, f"{s.keys} says what it does"
    for key in ("F1", "Ctrl+/", "Ctrl+Q", "Ctrl+1", "Ctrl+Shift+D", "Alt+Pijl omlaag of F4"):
        assert f"| {key} |" in text, key


def test_ctrl_slash_opens_the_overview(window) -> None:
    QTest.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    dialog = window.help.dialog()
    assert dialog.isVisible() and dialog.topic() == SHORTCUTS
    assert "Besluit vaststellen" in dialog.browser.toPlainText()


def test_help_screenshot(qtbot, window, tmp_path: Path) -> None:
    _prepare(window, "Gesprek")
    window.help.help_action.trigger()
    dialog = window.help.dialog()
    shot = tmp_path / "help.png"
    assert dialog.grab().save(str(shot)) and shot.stat().st_size > 10_000


# --- quitting -----------------------------------------------------------------------------------


def test_ctrl_q_saves_what_is_being_typed_and_quits(qtbot, window, db: Database) -> None:
    page = _prepare(window, "Huishouden")
    page.city.setFocus(Qt.FocusReason.TabFocusReason)  # selects what is there, as Tab does
    type_text(page.city, "Zutphen-Noord")  # still being typed: not yet committed by the idle timer
    household_id = window.session.household.id
    QTest.keyClick(page.city, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=2000)
    household, _plans = open_household(db, household_id)
    assert household.city == "Zutphen-Noord"


def test_f1_in_the_decide_dialog_explains_deciding(qtbot, window, db: Database) -> None:
    dialog = DecideDialog(window.session, signer(db), window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    QTest.keyClick(dialog.name, Qt.Key.Key_F1)
    help_dialog = dialog.findChild(HelpDialog)
    assert help_dialog is not None and help_dialog.isVisible()
    assert help_dialog.topic() == "besluit" and "bezwaar" in help_dialog.browser.toPlainText()
