"""Ages and terms on screen follow terms.toml: the Qt code writes none of them out, and the words that
name one (the 18th-birthday banner, the timeline mark, the decide dialog's frozen-plan sentence) come
from texts.toml."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from pathlib import Path

from db.database import Database
from planner.reference import Reference
from planner.services.documents import signer
from tests.ui.support_setup import YOUTH, member, open_session
from ui.decide_dialog import DecideDialog
from ui.support.support_tab import SupportTab
from ui.support.timeline_data import MarkKind, mark_legend, mark_words

UI = Path(__file__).resolve().parents[2] / "ui"
# A number and a unit of time or age, or an ordinal age ("18e verjaardag").
WRITTEN = re.compile(r"\b(\d+)\s*(dagen|dag|weken|week|maanden|maand|jaar)\b|\b(\d+)e\s+verjaardag", re.I)


def _configured(reference: Reference) -> set[tuple[str, int]]:
    t = reference.terms
    days = {t.own_plan_days, t.investigation_days, t.decision_days, t.objection_days, t.deadline_warning_days}
    return (
        {("dagen", d) for d in days}
        | {("jaar", a) for a in (t.adult_age, t.extended_youth_care_age)}
        | {("maanden", m) for m in (t.default_plan_months, t.max_plan_months)}
    )


def _as_configured(match: re.Match[str]) -> tuple[str, int]:
    if match.group(3):
        return ("jaar", int(match.group(3)))
    unit = match.group(2).lower()
    n = int(match.group(1))
    if unit.startswith("we"):
        return ("dagen", 7 * n)
    return ({"dag": "dagen", "maand": "maanden"}.get(unit, unit), n)


def test_no_configured_term_is_written_out_in_the_qt_code(reference: Reference) -> None:
    configured = _configured(reference)
    found = []
    for path in sorted(UI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                for m in WRITTEN.finditer(node.value):
                    if _as_configured(m) in configured:
                        found.append(f"{path.relative_to(UI.parent)}:{node.lineno}: {m.group(0)}")
    assert found == []


def test_the_birthday_words_follow_the_adult_age(qtbot, db: Database, reference: Reference) -> None:
    at_21 = replace(
        reference,
        terms=replace(reference.terms, adult_age=21),
        term_words={**reference.term_words, "adult_age": "21"},
    )
    session = open_session(db, at_21)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.select_member(member(session, "Daan").id)
    tab.add_button.click()
    banner = tab.editor.banner
    assert banner.mark.text() == "21 jaar!"
    assert banner.message.accessibleName() == "21e verjaardag"
    assert mark_words(at_21)[MarkKind.BIRTHDAY] == "21 jaar"
    assert mark_legend(at_21)[MarkKind.BIRTHDAY].startswith("21e verjaardag")
    assert mark_words(reference)[MarkKind.BIRTHDAY] == "18 jaar"  # as before, from the configured 18


def test_the_split_is_undone_by_its_name(qtbot, db: Database, reference: Reference) -> None:
    session = open_session(db, reference)
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.select_member(member(session, "Daan").id)
    tab.add_button.click()
    tab.editor.form.product.activated.emit(tab.editor.form._product_codes.index(YOUTH))
    tab.editor.banner.split_button.click()
    assert session.undo_stack.undoText() == "Splitsen bij de 18e verjaardag"


def test_the_decide_dialog_words_the_frozen_plan_once(qtbot, db: Database, reference: Reference) -> None:
    session = open_session(db, reference)
    dialog = DecideDialog(session, signer(db))
    qtbot.addWidget(dialog)
    intro = dialog.intro.text()
    assert intro == reference.text("messages.plan_will_freeze")
    # The same sentence and the same way out as the frozen plan itself (messages.plan_frozen).
    frozen = reference.text("messages.plan_frozen", status="vastgesteld")
    assert "kan dit plan niet meer worden gewijzigd" in intro
    assert frozen.split("? ", 1)[1] in intro  # "Maak dan een nieuwe versie van het plan: …"
