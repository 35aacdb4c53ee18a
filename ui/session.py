"""One open household: its plans, the undo stack, change notification and autosave.

Data flows one way: a widget asks an operation (`planner.services`) for an `Edit` and hands it to
`apply` -> the session pushes it as one undo command, which applies it and calls `notify` -> the
session emits `(Changes, initiator)` on its one private signal -> views refresh from that (see
`connect_changes`) -> autosave writes everything touched in one transaction, at most
`AUTOSAVE_MS` after the last edit, on the background worker (`save_soon`: copies are taken here,
written there, marked saved back here). Direct writes (deciding, settings, the catalogue) are
operations over the unit-of-work port; the session announces their `Changes` the same way.
Nothing else emits the signal. Text fields register a pending commit while the user types, so
`save_now` (on close, blocking) never loses what is in a field.

Navigation is one signal too: `navigate(kind, id)` asks the household view to show a subject.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from db.conflicts import carry_over
from db.errors import ConflictError, DatabaseError, PlanDecidedElsewhereError, is_busy
from planner.catalogue import Catalogue
from planner.documents.common import Professional
from planner.errors import PlannerError
from planner.model import Household, Plan
from planner.plans import current_plan
from planner.services.catalogue import load_catalogue
from planner.services.changes import HOUSEHOLD_DATA, PLAN_DATA, Changes, Kind
from planner.services.deciding import decide
from planner.services.edits import Edit
from planner.services.storage import create_household, open_household, save_household
from ui.commands import EditCommand
from ui.elsewhere import Elsewhere
from ui.worker import shared_worker

if TYPE_CHECKING:
    from db.database import Database
    from planner.deciding import DecisionOutcome
    from planner.findings import Finding
    from planner.reference import Reference

ChangeSlot = Callable[[Changes, object], None]

log = logging.getLogger(__name__)

AUTOSAVE_MS = 300
SAVE_BUSY_WAIT_S = 0.25  # one autosave waits this long for another program's lock, then retries
BUSY_RETRY_MS = 500
FAILED_RETRY_MS = 5000
BUSY_MESSAGE = (
    "De database is even bezet door een ander programma; uw wijzigingen worden bewaard zodra dat kan."
)


@dataclass(frozen=True, slots=True)
class _Snapshot:
    """What one save writes: copies made on the GUI thread, so the worker never reads live objects."""

    household: Household | None
    plans: list[Plan]
    deleted: frozenset[str]
    household_id: str = ""
    # What is stored after the write, read in the same job (ui/elsewhere.py: what came in).
    stored: list[object] = field(default_factory=list)


class HouseholdSession(QObject):
    """Everything the household view needs; the only place that talks to the database."""

    _changes = Signal(object, object)  # (Changes, initiator); emitted by `notify` only
    navigate = Signal(str, object)  # subject kind ("member", "life_area", ...), id or None
    saved_changed = Signal(bool)  # True = everything is in the database
    save_failed = Signal(str)  # Dutch message
    save_waiting = Signal(str)  # Dutch message: the database is locked; the save will retry
    # --- another writer (ui/elsewhere.py) ---
    conflict_found = Signal(object)  # ConflictError: nothing saved; answer with resolve_conflict
    decided_elsewhere = Signal(object)  # ui.elsewhere.DecidedElsewhere: that plan is read-only now
    came_in = Signal(str)  # Dutch: what a save took in from another window

    def __init__(
        self,
        db: Database,
        reference: Reference,
        catalogue: Catalogue,
        today: date,
        household: Household,
        plans: list[Plan],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.db = db
        self.reference = reference
        self.catalogue = catalogue
        self.today = today
        self.household = household
        self.plans = sorted(plans, key=lambda p: p.version)
        self.plan: Plan | None = current_plan(self.plans)
        self.undo_stack = QUndoStack(self)
        self._dirty_household = False
        self._dirty_plans: set[str] = set()
        self._deleted_plans: set[str] = set()
        self._stored_plans = {p.id for p in self.plans}
        self._pending: dict[object, Callable[[], None]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_soon)
        self._retry_timer = QTimer(self)  # apart, so a retry never stretches the autosave delay
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(self.save_soon)
        self._in_flight: _Snapshot | None = None
        self.elsewhere = Elsewhere(self)  # conflicts and changes from another writer

    # --- loading ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, db: Database, reference: Reference, catalogue: Catalogue, today: date, household_id: str
    ) -> HouseholdSession:
        household, plans = open_household(db, household_id)
        return cls(db, reference, catalogue, today, household, plans)

    @classmethod
    def create(
        cls, db: Database, reference: Reference, catalogue: Catalogue, today: date, municipality_code: str
    ) -> HouseholdSession:
        """A new household with an empty concept plan, saved at once."""
        household, plan = create_household(db, municipality_code, today)
        return cls(db, reference, catalogue, today, household, [plan])

    # --- editing ------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self.plan is not None and not self.plan.is_frozen

    def apply(self, edit: Edit | None, initiator: object = None) -> None:
        """Every edit goes through here: one undo step, announced, and autosaved within a second.

        `initiator` is the widget that made the edit (it already shows the new value); views
        may skip a notice they initiated. An empty edit (nothing would change) is dropped.
        """
        if not edit:
            return
        self.push(EditCommand(self, edit, initiator))

    def push(self, command: QUndoCommand) -> None:
        """Push an undo command (`EditCommand`); text still being typed in other fields is
        committed first, so the undo order is the order in which the user did things."""
        if self._pending:
            self.flush_pending()
        self.undo_stack.push(command)

    def connect_changes(self, slot: ChangeSlot) -> None:
        """Call `slot(changes, initiator)` after every change."""
        self._changes.connect(slot)

    def disconnect_changes(self, slot: ChangeSlot) -> None:
        self._changes.disconnect(slot)

    def notify(self, changes: Changes, initiator: object = None, *, stored: bool = False) -> None:
        """The one place that announces a change: called by undo commands (also on undo/redo)
        and after a direct write (deciding, settings, the catalogue). `stored`: what changed is
        what the database holds already (taken in from another writer): nothing to save."""
        if stored:
            if changes.touches(Kind.PLANS):
                self.plan = current_plan(self.plans)
        else:
            if changes.touches(HOUSEHOLD_DATA):
                self._dirty_household = True
            if changes.touches(Kind.PLANS):
                self._track_plans()
            if changes.touches(PLAN_DATA) and self.plan is not None and not self.plan.is_frozen:
                self._dirty_plans.add(self.plan.id)
            if self._dirty_household or self._dirty_plans or self._deleted_plans:
                self.saved_changed.emit(False)
                self._timer.start()
        self._changes.emit(changes, initiator)

    def _track_plans(self) -> None:
        """Plans added or taken away (a re-assessment and its undo): the current plan follows,
        new plans get saved, stored plans no longer listed get deleted."""
        ids = {p.id for p in self.plans}
        self._deleted_plans = self._stored_plans - ids
        self._dirty_plans = {i for i in self._dirty_plans if i in ids} | (ids - self._stored_plans)
        self.plan = current_plan(self.plans)

    def set_pending(self, owner: object, commit: Callable[[], None] | None) -> None:
        """A field with typed text not yet committed registers its commit; None clears it."""
        if commit is None:
            self._pending.pop(owner, None)
        else:
            self._pending[owner] = commit

    def flush_pending(self) -> None:
        while self._pending:
            _owner, commit = self._pending.popitem()
            commit()

    @property
    def is_saved(self) -> bool:
        return not (
            self._dirty_household
            or self._dirty_plans
            or self._deleted_plans
            or self._pending
            or self._in_flight is not None
        )

    def save_now(self) -> bool:
        """Write everything changed, and wait for it (closing, deciding). False on failure.

        An autosave still on the worker lands first; then the rest is written here, waiting the
        full busy timeout for another program's lock, so closing never loses an edit.
        """
        self.flush_pending()
        self._timer.stop()
        self._retry_timer.stop()
        shared_worker().finish()
        snapshot = self._take_snapshot()
        if snapshot is None:
            self.saved_changed.emit(True)
            return True
        try:
            self._write(snapshot)
        except Exception as exc:
            self._save_failed(snapshot, exc)
            if self.elsewhere.retry_after_answer(exc):  # the professional chose in the dialog
                return self.save_now()
            return False
        self._saved(snapshot)
        return True

    def save_soon(self) -> None:
        """Autosave: copy what changed here, write it on the worker, mark it saved back here.

        Edits made while a save is on the worker stay dirty and go in the next one. When another
        program holds the database, the save says so and tries again a moment later.
        """
        self.flush_pending()
        self._timer.stop()
        if self._in_flight is not None:
            return  # `_saved` starts the next round for what changed meanwhile
        if self.elsewhere.waiting:
            return  # a clash with another window waits for the professional's choice
        snapshot = self._take_snapshot()
        if snapshot is None:
            self.saved_changed.emit(not self._pending)
            return
        self._in_flight = snapshot
        shared_worker().submit(
            lambda: self._write(snapshot, busy_timeout_s=SAVE_BUSY_WAIT_S),
            self._saved,
            lambda exc: self._save_failed(snapshot, exc),
            owner=self,
            name="autosave",
        )

    def _take_snapshot(self) -> _Snapshot | None:
        """Deep copies of what is dirty, taken on the GUI thread; the dirty marks move onto it."""
        if not (self._dirty_household or self._dirty_plans or self._deleted_plans):
            return None
        snapshot = _Snapshot(
            household=copy.deepcopy(self.household) if self._dirty_household else None,
            plans=[copy.deepcopy(p) for p in self.plans if p.id in self._dirty_plans],
            deleted=frozenset(self._deleted_plans),
            household_id=self.household.id,
        )
        self._dirty_household = False
        self._dirty_plans.clear()
        self._deleted_plans.clear()
        return snapshot

    def _write(self, snapshot: _Snapshot, busy_timeout_s: float | None = None) -> _Snapshot:
        """One transaction; runs on the worker (autosave) or the caller (save_now). No Qt here."""
        save_household(
            self.db, snapshot.household, snapshot.plans, snapshot.deleted, busy_timeout_s=busy_timeout_s
        )
        snapshot.stored.extend(self.elsewhere.read_stored(snapshot.household_id))
        return snapshot

    def _saved(self, snapshot: _Snapshot) -> None:
        # The revisions the database gave the copies belong to the objects being edited.
        self._in_flight = None
        # Revisions of every record, the new base and fields merged in from another window.
        if snapshot.household is not None:
            carry_over(snapshot.household, self.household)
        revisions = {p.id: p.revision for p in snapshot.plans}
        saved = {p.id: p for p in snapshot.plans}
        for plan in self.plans:
            if plan.id in saved:
                carry_over(saved[plan.id], plan)
        self._stored_plans = (self._stored_plans | revisions.keys()) - snapshot.deleted
        # A plan taken away while its first save was on the worker is stored now: delete it next.
        self._deleted_plans |= self._stored_plans - {p.id for p in self.plans}
        self.elsewhere.take_in(snapshot.household, snapshot.plans, snapshot.stored)
        if self._dirty_household or self._dirty_plans or self._deleted_plans:
            self._timer.start()  # edited while this save was on its way
        else:
            self.saved_changed.emit(not self._pending)

    def _save_failed(self, snapshot: _Snapshot, exc: BaseException) -> None:
        """Put the dirty marks back (unless newer edits overtook them) and try again later."""
        self._in_flight = None
        live = {p.id for p in self.plans}
        if snapshot.household is not None:
            self._dirty_household = True
        self._dirty_plans |= {p.id for p in snapshot.plans if p.id in live} - self._deleted_plans
        self._deleted_plans |= snapshot.deleted - live
        if isinstance(exc, ConflictError | PlanDecidedElsewhereError):
            # Saving the same again can never succeed: no retry; the professional is asked (a
            # conflict) or told (decided elsewhere) by ui/elsewhere.py.
            log.info("save refused: %s", type(exc).__name__)
            self.save_failed.emit(_save_failure(exc))
            self.elsewhere.met(exc)
            return
        if is_busy(exc):
            log.info("save waits: the database is locked by another connection")
            self.save_waiting.emit(BUSY_MESSAGE)
            self._retry_timer.start(BUSY_RETRY_MS)
            return
        # The user gets a sentence; the log's formatter keeps the driver's message and the frames,
        # never the SQL, its parameters or other client text (ui/shell/logging_setup.py).
        log.error("autosave failed", exc_info=exc)
        self.save_failed.emit(_save_failure(exc))
        if getattr(exc, "retry", not isinstance(exc, DatabaseError | PlannerError)):
            self._retry_timer.start(FAILED_RETRY_MS)  # a full disk may pass; a read-only file will not

    @property
    def saving(self) -> bool:
        """An autosave is on the worker."""
        return self._in_flight is not None

    # --- direct writes -------------------------------------------------------------------------

    def decide(
        self, sent_on: date, signer: Professional, acknowledged: Iterable[Finding] = ()
    ) -> DecisionOutcome:
        """Decide the current plan (operation `planner.services.deciding.decide`), then make the
        session's plans match what was stored and announce it. A storage error propagates and
        nothing changed. Earlier edits of a decided plan can no longer be undone."""
        assert self.plan is not None
        self.save_now()
        done = decide(
            self.db,
            self.household,
            self.plans,
            self.plan,
            self.catalogue,
            self.reference,
            sent_on,
            signer,
            self.today,
            acknowledged,
        )
        outcome = done.outcome
        if not outcome.decided:
            return outcome
        assert outcome.plan is not None
        stored = {p.id: p for p in (outcome.plan, *outcome.closed)}
        for plan in self.plans:
            if plan.id in stored:
                plan.status = stored[plan.id].status
                plan.decided_on = stored[plan.id].decided_on
                plan.revision = stored[plan.id].revision
        self.undo_stack.clear()
        self.notify(done.changes)
        return outcome

    def reload_catalogue(self, initiator: object = None) -> None:
        """Read the catalogue again (after the office's catalogue file was loaded)."""
        self.catalogue = load_catalogue(self.db)
        self.notify(Changes.of(Kind.CATALOGUE), initiator)

    # --- rules --------------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        from planner.rules import check_household
        from planner.services.household_records import bsn_elsewhere

        # One indexed look-up per BSN: the other dossiers holding it (the rules do no I/O).
        elsewhere = bsn_elsewhere(self.db, self.household)
        return check_household(
            self.household, self.plans, self.catalogue, self.reference, self.today, elsewhere
        )


def _save_failure(exc: BaseException) -> str:
    """What the professional reads when a save failed: the database's or the domain's own
    sentence (a full disk, a read-only file, a change made elsewhere), else a general one."""
    if isinstance(exc, DatabaseError | PlannerError):
        return f"Opslaan is niet gelukt: {exc} Uw wijzigingen staan nog in het venster."
    return (
        "Opslaan is niet gelukt. Uw wijzigingen staan nog in het venster; "
        "sluit het programma niet en probeer het over een minuut opnieuw."
    )
