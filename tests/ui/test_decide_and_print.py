"""Besluit vaststellen in the window, then preview, print (to a PDF file) and save as PDF."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

from db.database import Database
from planner.documents.service import all_documents
from planner.model import PlanStatus
from planner.reference import Reference
from planner.services.changes import Changes, Kind
from planner.services.documents import printable_bundle, signer
from tests.planner.showcase_documents import TODAY, demo_database, split_at_adulthood, text_of
from ui.decide_dialog import DecideDialog
from ui.decision_bar import PREVIEW_TEXT, DecisionBar
from ui.preview_dialog import PreviewDialog
from ui.printing import pdf_printer
from ui.session import HouseholdSession
from ui.settings import KEY_NAME, KEY_ROLE
from ui.views.household_view import HouseholdView
from ui.worker import shared_worker


@pytest.fixture
def demo(tmp_path: Path) -> Database:
    db = demo_database(tmp_path / "demo.sqlite")
    with db.unit_of_work() as uow:
        uow.settings.set(KEY_NAME, "Sanne de Boer")
        uow.settings.set(KEY_ROLE, "Wmo-consulent")
    return db


def open_case(db: Database, reference: Reference, case: str) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case)
        catalogue = uow.catalogue.load()
    return HouseholdSession.open(db, reference, catalogue, TODAY, household.id)


def test_errors_block_the_decision(qtbot, demo: Database, reference: Reference) -> None:
    session = open_case(demo, reference, "DEMO-0001")  # Daan turns 18: the split is not accepted yet
    dialog = DecideDialog(session, signer(demo))
    qtbot.addWidget(dialog)
    assert not dialog.decide_button.isEnabled()
    assert dialog.error_list.count() >= 1 and "18" in dialog.error_list.item(0).text()
    assert session.plan.status is PlanStatus.CONCEPT


def test_decide_with_acknowledged_warning_makes_the_plan_read_only(
    qtbot, demo: Database, reference: Reference
) -> None:
    session = open_case(demo, reference, "DEMO-0001")
    view = HouseholdView(session)
    qtbot.addWidget(view)
    daan = next(m for m in session.household.members if m.given_names == "Daan")
    session.plan.allocations = split_at_adulthood(
        session.plan, daan, session.catalogue, reference
    ).allocations
    session.notify(Changes.of(Kind.ALLOCATIONS))
    assert view.decision_bar.decide_button.isEnabled()

    dialog = DecideDialog(session, signer(demo), view)
    qtbot.addWidget(dialog)
    assert dialog.errors == [] and dialog.warning_list.count() == 1  # the bridging agreement ends
    assert dialog.name.text() == "Sanne de Boer"
    assert dialog.sending_date() == TODAY
    assert not dialog.decide_button.isEnabled()
    dialog.acknowledge.setChecked(True)
    assert dialog.decide_button.isEnabled()
    dialog.decide_button.click()

    assert dialog.result() == dialog.DialogCode.Accepted
    assert session.plan.status is PlanStatus.DECIDED and not session.editable
    assert session.undo_stack.count() == 0
    assert not view.decision_bar.decide_button.isEnabled()
    assert "vastgesteld" in view.header.text()
    with demo.unit_of_work(write=False) as uow:
        assert uow.plans.get(session.plan.id).status is PlanStatus.DECIDED
        assert uow.decisions.get(session.plan.id) is not None
    docs = view.decision_bar.documents()
    # Marieke's letter, Daan's Jeugdwet part (to her), Daan's own Wmo letter, the plan document.
    assert [d.concept for d in docs] == [False, False, False, False]
    with demo.unit_of_work(write=False) as uow:  # the window shows the files stored as sent
        assert [d.pdf for d in docs] == [r.pdf for r in uow.decisions.documents(session.plan.id)]


def test_preview_print_to_pdf_and_save(qtbot, demo: Database, reference: Reference, tmp_path: Path) -> None:
    session = open_case(demo, reference, "DEMO-0003")
    bundle = printable_bundle(demo, session.household, session.plan, reference, signer(demo), TODAY)
    docs = all_documents(bundle)
    assert [d.kind for d in docs] == ["letter", "plan"]
    assert all(d.concept for d in docs) and "CONCEPT" in text_of(docs[0].pdf)  # not decided: watermarked

    dialog = PreviewDialog(docs)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.shown is docs[0], timeout=10000)  # rasterised on the worker
    pages = len(PdfReader(io.BytesIO(docs[0].pdf)).pages)
    assert dialog.pages_layout.count() == pages
    assert dialog.view.currentIndex() == 0 and "concept" in dialog.note.text()

    printed = tmp_path / "printed.pdf"
    assert dialog.print_to(pdf_printer(printed))
    assert len(PdfReader(printed).pages) == pages

    saved = tmp_path / "brief"  # ".pdf" is added
    assert dialog.save_to(saved)
    target = tmp_path / "brief.pdf"
    assert target.read_bytes() == docs[0].pdf
    assert oct(target.stat().st_mode & 0o777) == "0o600"

    dialog.list.setCurrentRow(1)  # the plan document
    qtbot.waitUntil(lambda: dialog.shown is docs[1], timeout=10000)
    assert dialog.pages_layout.count() == len(PdfReader(io.BytesIO(docs[1].pdf)).pages)


def test_bar_has_shortcuts_and_disables_preview_without_plan(
    qtbot, demo: Database, reference: Reference
) -> None:
    session = open_case(demo, reference, "DEMO-0002")
    bar = DecisionBar(session)
    qtbot.addWidget(bar)
    assert "Ctrl+Shift+D" in bar.decide_button.toolTip() and "Ctrl+P" in bar.preview_button.toolTip()
    assert bar.preview_button.isEnabled() and bar.decide_button.isEnabled()


def test_preview_is_built_on_the_worker_and_saved_as_pdf_there(
    qtbot, demo: Database, reference: Reference, tmp_path: Path, monkeypatch
) -> None:
    session = open_case(demo, reference, "DEMO-0003")
    view = HouseholdView(session)
    qtbot.addWidget(view)
    bar = view.decision_bar
    gate = threading.Event()
    shared_worker().submit(gate.wait)  # holds the worker, so the building state can be seen
    bar.preview_button.click()
    assert bar.building and not bar.preview_button.isEnabled()
    assert bar.preview_button.text() == "Documenten worden gemaakt…"
    bar.preview()  # a second press while building starts nothing more
    gate.set()
    qtbot.waitUntil(lambda: bar.dialog is not None and bar.dialog.isVisible(), timeout=10000)
    dialog = bar.dialog
    assert isinstance(dialog, PreviewDialog)
    assert [d.kind for d in dialog.documents] == ["letter", "plan"]
    assert bar.preview_button.isEnabled() and bar.preview_button.text() == PREVIEW_TEXT
    qtbot.waitUntil(lambda: dialog.shown is dialog.documents[0], timeout=10000)

    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "brief"), ""))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "Opgeslagen: brief.pdf" in dialog.note.text(), timeout=5000)
    assert target.read_bytes() == dialog.documents[0].pdf
    assert "CONCEPT" in text_of(target.read_bytes())
    dialog.close()


def test_printing_makes_its_pages_on_the_worker(
    qtbot, demo: Database, reference: Reference, tmp_path: Path
) -> None:
    session = open_case(demo, reference, "DEMO-0003")
    docs = all_documents(
        printable_bundle(demo, session.household, session.plan, reference, signer(demo), TODAY)
    )
    dialog = PreviewDialog(docs)
    qtbot.addWidget(dialog)
    printed = tmp_path / "printed.pdf"
    dialog.start_printing(pdf_printer(printed))
    assert "af te drukken" in dialog.note.text()  # under way; the window goes on meanwhile
    qtbot.waitUntil(lambda: dialog.note.text() == "Naar de printer gestuurd.", timeout=10000)
    assert len(PdfReader(printed).pages) == len(PdfReader(io.BytesIO(docs[0].pdf)).pages)
