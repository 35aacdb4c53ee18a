"""One open household: its plans, the undo stack, change notification and autosave.

Data flows one way: a widget pushes a command -> the command mutates planner objects and calls
`notify` -> views refresh from `changed` -> autosave writes everything touched in one transaction,
at most `AUTOSAVE_MS` after the last command. Text fields register a pending commit while the
user types, so `save_now` (on close) never loses what is in a field.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from db.errors import DatabaseError
from planner.catalogue import Catalogue
from planner.errors import PlannerError
from planner.model import Household, LifeAreaResult, Plan, PlanStatus, ResultReached

if TYPE_CHECKING:
    from db.database import Database
    from planner.findings import Finding
    from planner.reference import Reference

log = logging.getLogger(__name__)

AUTOSAVE_MS = 300
HOUSEHOLD_KINDS = frozenset({"household", "members"})
PLAN_KINDS = frozenset({"plan", "life_areas", "coordinator", "allocations", "plans"})
ALL_KINDS = frozenset(HOUSEHOLD_KINDS | PLAN_KINDS)


def current_plan(plans: list[Plan]) -> Plan | None:
    """The plan being worked on: the concept if there is one, else the newest version."""
    if not plans:
        return None
    concept = [p for p in plans if p.status is PlanStatus.CONCEPT]
    return max(concept or plans, key=lambda p: p.version)


class HouseholdSession(QObject):
    """Everything the household view needs; the only place that talks to the database."""

    changed = Signal(object)  # set[str] of kinds, see ALL_KINDS
    saved_changed = Signal(bool)  # True = everything is in the database
    save_failed = Signal(str)  # Dutch message

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
        self._pending: dict[object, Callable[[], None]] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

    # --- loading ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls, db: Database, reference: Reference, catalogue: Catalogue, today: date, household_id: str
    ) -> HouseholdSession:
        with db.unit_of_work(write=False) as uow:  # reading only: works on a read-only file too
            household = uow.households.get(household_id)
            plans = list(uow.plans.for_household(household_id))
        if household is None:
            raise KeyError(household_id)
        return cls(db, reference, catalogue, today, household, plans)

    @classmethod
    def create(
        cls, db: Database, reference: Reference, catalogue: Catalogue, today: date, municipality_code: str
    ) -> HouseholdSession:
        """A new household with an empty concept plan, saved at once."""
        with db.unit_of_work() as uow:
            case_number = _next_case_number(uow, today)
            household = Household(case_number=case_number, municipality_code=municipality_code)
            plan = Plan(household_id=household.id, start=None)
            uow.households.save(household)
            uow.plans.save(plan)
        return cls(db, reference, catalogue, today, household, [plan])

    # --- editing ------------------------------------------------------------------------------

    @property
    def editable(self) -> bool:
        return self.plan is not None and not self.plan.is_frozen

    def push(self, command: Any) -> None:
        """Every edit goes through here: undoable, and autosaved within a second.

        Text still being typed in other fields is committed first, so the undo order is the order
        in which the user did things.
        """
        if self._pending:
            self.flush_pending()
        self.undo_stack.push(command)

    def notify(self, kinds: set[str]) -> None:
        """Called by commands after they mutated something (also on undo/redo)."""
        if kinds & HOUSEHOLD_KINDS:
            self._dirty_household = True
        if kinds & PLAN_KINDS and self.plan is not None and not self.plan.is_frozen:
            self._dirty_plans.add(self.plan.id)
        self.saved_changed.emit(False)
        self._timer.start()
        self.changed.emit(kinds)

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
        return not (self._dirty_household or self._dirty_plans or self._deleted_plans or self._pending)

    def save_now(self) -> bool:
        """Write everything changed in one transaction. Returns False (and signals) on failure."""
        self.flush_pending()
        self._timer.stop()
        if not (self._dirty_household or self._dirty_plans or self._deleted_plans):
            self.saved_changed.emit(True)
            return True
        try:
            with self.db.unit_of_work() as uow:
                if self._dirty_household:
                    uow.households.save(self.household)
                for plan in self.plans:
                    if plan.id in self._dirty_plans:
                        uow.plans.save(plan)
                for plan_id in self._deleted_plans:
                    uow.plans.delete(plan_id)
        except Exception as exc:  # the user gets a sentence, the log gets the traceback (no client data)
            log.exception("autosave failed")
            self.save_failed.emit(_save_failure(exc))
            if getattr(exc, "retry", not isinstance(exc, (DatabaseError, PlannerError))):
                self._timer.start(5000)  # a full disk or a lock may pass; a read-only file will not
            return False
        self._dirty_household = False
        self._dirty_plans.clear()
        self._deleted_plans.clear()
        self.saved_changed.emit(True)
        return True

    # --- plans --------------------------------------------------------------------------------

    def add_plan(self, plan: Plan) -> None:
        """Used by AddPlan: make `plan` the current one."""
        self._deleted_plans.discard(plan.id)
        self.plans.append(plan)
        self.plan = plan
        self._dirty_plans.add(plan.id)

    def drop_plan(self, plan: Plan) -> None:
        """Used by AddPlan.undo: forget a plan that was just created."""
        self.plans.remove(plan)
        self._dirty_plans.discard(plan.id)
        self._deleted_plans.add(plan.id)
        self.plan = current_plan(self.plans)

    # --- rules --------------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        from planner.rules import check_household

        return check_household(self.household, self.plans, self.catalogue, self.reference, self.today)


def _save_failure(exc: Exception) -> str:
    """What the professional reads when an autosave failed: the database's or the domain's own
    sentence (a full disk, a read-only file, a plan decided elsewhere), else a general one."""
    if isinstance(exc, (DatabaseError, PlannerError)):
        return f"Niet opgeslagen: {exc} Uw wijzigingen staan nog in het venster."
    return (
        "Opslaan is niet gelukt. Uw wijzigingen staan nog in het venster; "
        "sluit het programma niet en probeer het over een minuut opnieuw."
    )


def _next_case_number(uow: Any, today: date) -> str:
    n = int(uow.counts().get("households", 0)) + 1
    while True:
        number = f"{today.year}-{n:05d}"
        if uow.households.by_case_number(number) is None:
            return number
        n += 1


def reassessment_plan(previous: Plan, start: date | None) -> Plan:
    """A new concept version that starts from the previous plan (domain.md §4.2).

    Life areas, goals and the ladder are copied with fresh ids; whether each result was reached is
    asked afresh; allocations and the coordinator carry over as a starting point.
    """
    areas: list[LifeAreaResult] = []
    for old in previous.life_areas:
        new = copy.deepcopy(old)
        new.id = LifeAreaResult(life_area=old.life_area).id
        for goal in new.goals:
            goal.id = type(goal)(text="").id
        new.score_before = old.score_after if old.score_after is not None else old.score_before
        new.score_after = None
        new.reached = None
        new.reached_reason = ""
        areas.append(new)
    plan = Plan(
        household_id=previous.household_id,
        version=previous.version + 1,
        previous_plan_id=previous.id,
        start=start,
        months=previous.months,
        life_areas=areas,
        coordinator=copy.deepcopy(previous.coordinator),
        participants=previous.participants,
    )
    return plan


REACHED_WORDS: dict[ResultReached, str] = {
    ResultReached.FULLY: "volledig bereikt",
    ResultReached.PARTLY: "gedeeltelijk bereikt",
    ResultReached.NOT: "niet bereikt",
}
