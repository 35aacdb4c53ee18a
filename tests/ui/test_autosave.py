"""Autosave on the worker: copies are written, edits made meanwhile stay dirty, closing waits."""

from __future__ import annotations

import threading

from db.database import Database
from planner.services.changes import Changes, Kind
from planner.services.edits import set_fields
from planner.services.fields import HouseholdField, set_field
from planner.services.plans import add_plan
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.session import HouseholdSession
from ui.worker import shared_worker


def _session(db: Database, reference) -> HouseholdSession:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    return HouseholdSession.create(db, reference, catalogue, TODAY, ZUTPHEN)


def _stored(db: Database, household_id: str):
    with db.unit_of_work(write=False) as uow:
        return uow.households.get(household_id)


def _case_number(session: HouseholdSession, number: str):
    """No screen edits the case number; the test sets it to provoke the database's refusal."""
    changes = Changes.of(Kind.HOUSEHOLD, session.household.id)
    return set_fields(session.household, {"case_number": number}, changes, "Dossiernummer")


def test_an_edit_made_while_a_save_is_under_way_stays_dirty_and_goes_next(
    qtbot, db: Database, reference
) -> None:
    session = _session(db, reference)
    gate = threading.Event()
    shared_worker().submit(gate.wait)  # something slow ahead of the save on the worker
    session.apply(set_field(session.household, HouseholdField.STREET, "Kerkstraat", "Straat"))
    session.save_soon()
    assert session.saving and not session.is_saved
    # Typed while the first save waits: the copy on its way does not have it.
    session.apply(set_field(session.household, HouseholdField.CITY, "Zutphen", "Plaats"))
    gate.set()
    qtbot.waitUntil(lambda: not session.saving, timeout=3000)
    stored = _stored(db, session.household.id)
    assert (stored.street, stored.city) == ("Kerkstraat", "")
    assert not session.is_saved  # the later edit is still to be written
    assert session.household.revision == stored.revision  # the database's bookkeeping came back
    qtbot.waitUntil(lambda: session.is_saved, timeout=3000)  # the next autosave takes it
    assert _stored(db, session.household.id).city == "Zutphen"


def test_save_now_waits_for_the_save_under_way_then_writes_the_rest(qtbot, db: Database, reference) -> None:
    session = _session(db, reference)
    gate = threading.Event()
    shared_worker().submit(gate.wait)
    session.apply(set_field(session.household, HouseholdField.STREET, "Kerkstraat", "Straat"))
    session.save_soon()
    session.apply(set_field(session.household, HouseholdField.CITY, "Zutphen", "Plaats"))
    threading.Timer(0.2, gate.set).start()
    assert session.save_now()  # as on close: blocks until everything is in the database
    assert session.is_saved and not session.saving
    stored = _stored(db, session.household.id)
    assert (stored.street, stored.city) == ("Kerkstraat", "Zutphen")


def test_a_failed_save_keeps_the_edit_and_says_so(qtbot, db: Database, reference) -> None:
    other = _session(db, reference)
    session = _session(db, reference)
    taken = other.household.case_number  # the database refuses a second household with it
    session.apply(_case_number(session, taken))
    with qtbot.waitSignal(session.save_failed, timeout=3000) as failed:
        session.save_soon()
    assert "niet gelukt" in failed.args[0]
    assert not session.is_saved and not session.saving  # the edit is still there, marked unsaved
    session.apply(_case_number(session, "2027-09999"))
    assert session.save_now()
    assert _stored(db, session.household.id).case_number == "2027-09999"


def test_undoing_an_added_plan_while_its_save_is_under_way_deletes_it(qtbot, db: Database, reference) -> None:
    from planner.plans import reassessment_plan

    session = _session(db, reference)
    first = session.plan
    assert first is not None
    gate = threading.Event()
    shared_worker().submit(gate.wait)
    new = reassessment_plan(first, None)
    session.apply(add_plan(session.plans, new))
    session.save_soon()  # writes the new plan ...
    session.undo_stack.undo()  # ... which the professional takes back before it lands
    gate.set()
    assert session.save_now()
    with db.unit_of_work(write=False) as uow:
        assert [p.id for p in uow.plans.for_household(session.household.id)] == [first.id]


def test_the_worker_and_the_gui_thread_each_get_their_own_connection(qtbot, db: Database, reference) -> None:
    """A unit of work open on the worker does not lend its connection to the GUI thread."""
    inside, gate = threading.Event(), threading.Event()

    def write_and_wait() -> None:
        with db.unit_of_work() as uow:
            uow.settings.set("probe", "worker")
            inside.set()
            gate.wait(5)

    shared_worker().submit(write_and_wait)
    assert inside.wait(5)
    with db.unit_of_work(write=False) as uow:  # while the worker's transaction is open
        # Its uncommitted write is invisible here: this is another connection, another transaction.
        assert uow.settings.get("probe") is None
    gate.set()
    assert shared_worker().finish(timeout_s=5)
    with db.unit_of_work(write=False) as uow:
        assert uow.settings.get("probe") == "worker"


def test_a_conflict_is_told_once_with_its_own_sentence_and_not_retried(
    qtbot, db: Database, reference
) -> None:
    """A ConflictError is no damage and no passing trouble: the session keeps it for the conflict
    dialog (`conflict_found`, kept as `elsewhere.pending`) and does not retry the same save for ever."""
    from db.errors import ConflictError

    session = _session(db, reference)
    other = HouseholdSession.open(db, reference, session.catalogue, TODAY, session.household.id)
    other.apply(set_field(other.household, HouseholdField.STREET, "Dorpsstraat", "Straat"))
    assert other.save_now()
    session.apply(set_field(session.household, HouseholdField.STREET, "Kerkstraat", "Straat"))
    failures: list[str] = []
    session.save_failed.connect(failures.append)
    with qtbot.waitSignal(session.conflict_found, timeout=3000) as conflict:
        session.save_soon()
    assert isinstance(conflict.args[0], ConflictError) and session.elsewhere.pending is conflict.args[0]
    assert failures and "ergens anders gewijzigd" in failures[0]
    assert "over een minuut" not in failures[0] and "beschadigd" not in failures[0]
    assert not session._retry_timer.isActive() and not session._timer.isActive()
    assert not session.is_saved  # the edit stays in the window, marked unsaved
    assert _stored(db, session.household.id).street == "Dorpsstraat"  # nothing overwritten
