"""The open household next to another writer (another window, another program): the session's
part of it, without Qt widgets.

- After every save, what is stored is read back in the same background job (`read_stored`) and
  taken in (`take_in`): fields merged from elsewhere and records another writer changed, added or
  deleted that this window did not touch. The views refresh (`notify(..., stored=True)`) and the
  session says in one Dutch sentence what came in (`came_in`).
- A save that meets a real clash (`ConflictError`) writes nothing and is not retried: the session
  emits `conflict_found` and waits (`waiting`) until the window answers with `resolve` (the
  professional's choice per field, db.conflicts.resolve, then saved again) or `postpone` (asked
  again at the next edit or on closing).
- A plan decided elsewhere (`PlanDecidedElsewhereError`) can never be saved: the stored, decided
  plan replaces it (read-only), the household's own edits are saved, and `decided_elsewhere`
  carries what of the plan could not be saved, value by value, so nothing is lost unseen.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from db.conflicts import Choice, resolve
from db.errors import ConflictError, PlanDecidedElsewhereError
from db.incoming import Incoming, merged_in, pull, unsaved
from planner.model import Household, Plan
from planner.services.changes import PLAN_DATA, Changes, Kind
from planner.services.storage import open_household
from ui.conflict_words import Context, incoming_words, record_title, value_words
from ui.labels import field_label

if TYPE_CHECKING:
    from ui.session import HouseholdSession

log = logging.getLogger(__name__)

_KINDS = {
    "household": Kind.HOUSEHOLD,
    "member": Kind.MEMBERS,
    "plan": Kind.PLAN | Kind.COORDINATOR,
    "life_area": Kind.LIFE_AREAS,
    "allocation": Kind.ALLOCATIONS,
}


@dataclass(frozen=True, slots=True)
class DecidedElsewhere:
    """What `decided_elsewhere` tells the window."""

    message: str  # Dutch: what happened and what to do
    lost: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (record title, ((field, typed), ...))

    def lost_text(self) -> str:
        """What was typed and could not be saved, as plain text to read or copy."""
        blocks = []
        for title, fields in self.lost:
            lines = [title] + [f"  {label}: {typed}".replace("\n", "\n    ") for label, typed in fields]
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks)


def changes_of(kinds: Iterable[str], *, decided: bool = False) -> Changes:
    found = Kind.NONE
    for kind in kinds:
        found |= _KINDS[kind]
    if decided:
        found |= Kind.PLANS | Kind.DECISION
    return Changes(found)


class Elsewhere:
    """One session's dealings with other writers (see the module text)."""

    def __init__(self, session: HouseholdSession) -> None:
        self._session = session
        self.pending: ConflictError | None = None
        self._answered = False  # a choice was made while a save_now waited for it
        self._asking = False

    @property
    def waiting(self) -> bool:
        """A clash waits for the professional's choice: the session does not save meanwhile."""
        return self.pending is not None

    def context(self) -> Context:
        s = self._session
        return Context(s.household, s.plans, s.reference, s.catalogue)

    # --- after a save -------------------------------------------------------------------------

    def read_stored(self, household_id: str) -> list[Household | Plan]:
        """On the worker, right after the write: the household and its plans as stored now."""
        if not household_id:
            return []
        try:
            household, plans = open_household(self._session.db, household_id)
        except Exception:  # the save itself succeeded; the next one reads again
            log.warning("reading back after a save failed", exc_info=True)
            return []
        return [household, *plans]

    def take_in(
        self, saved_household: Household | None, saved_plans: Iterable[Plan], stored: Iterable[object]
    ) -> None:
        """On the GUI thread, after `carry_over`: show what came in from elsewhere, and say so."""
        s = self._session
        incoming: list[Incoming] = merged_in(saved_household) if saved_household is not None else []
        for plan in saved_plans:
            incoming += merged_in(plan)
        fresh = {getattr(o, "id", None): o for o in stored}
        found = fresh.get(s.household.id)
        if isinstance(found, Household):
            incoming += pull(s.household, found)
        for plan in s.plans:
            found = fresh.get(plan.id)
            if isinstance(found, Plan):
                incoming += pull(plan, found)
        if not incoming:
            return
        decided = any(i.kind == "plan" and "status" in i.fields for i in incoming)
        s.notify(changes_of((i.kind for i in incoming), decided=decided), stored=True)
        words = incoming_words(incoming, self.context())
        if words:
            s.came_in.emit(words)

    # --- a save that could not be written -------------------------------------------------------

    def met(self, exc: ConflictError | PlanDecidedElsewhereError) -> None:
        if isinstance(exc, PlanDecidedElsewhereError):
            self._decided(exc)
            return
        self.pending = exc
        self._answered = False
        if self._asking:
            return  # the dialog for it is open already
        self._asking = True
        try:
            self._session.conflict_found.emit(exc)
        finally:
            self._asking = False

    def resolve(self, keep_ours: Collection[Choice]) -> None:
        """The professional's choice: `keep_ours` holds (kind, id, field) whose typed value stays
        (field "" for a whole record: keep it / leave it out); every other clashing field takes
        the other version. Then the views refresh and the session saves again."""
        error = self.pending
        if error is None:
            return
        s = self._session
        resolve(s.household, error, keep_ours)
        for plan in s.plans:
            resolve(plan, error, keep_ours)
        self.pending = None
        self._answered = True
        s.notify(changes_of(c.kind for c in error.conflicts))  # marks it dirty: saved again
        s.save_soon()

    def postpone(self) -> None:
        """No choice now: nothing is saved until the next edit (or closing) asks again."""
        self.pending = None

    def retry_after_answer(self, exc: BaseException) -> bool:
        """For `save_now`: write again once, now that the clash is answered (or the plan decided
        elsewhere is out of the save)."""
        if isinstance(exc, PlanDecidedElsewhereError) or (isinstance(exc, ConflictError) and self._answered):
            self._answered = False
            return True
        return False

    def _decided(self, exc: PlanDecidedElsewhereError) -> None:
        s = self._session
        plan = next((p for p in s.plans if p.id == exc.plan_id), None)
        if plan is None:
            return
        context = self.context()
        lost = tuple(
            (
                record_title(kind, record.id, context),
                tuple(
                    (field_label(kind, f.field), value_words(kind, f.field, f.ours, context))
                    for f in fields
                    if f.field != "position"
                ),
            )
            for kind, record, fields in unsaved(plan)
        )
        try:
            _household, stored_plans = open_household(s.db, s.household.id)
        except Exception:
            log.warning("reading the plan decided elsewhere failed", exc_info=True)
            stored_plans = []
        stored = {p.id: p for p in stored_plans}
        if plan.id in stored:
            s.plans = [stored[p.id] if p.id == plan.id else p for p in s.plans]
        else:  # cannot be read now: at least never save it again
            plan.status = exc.stored_status
        for other in s.plans:
            if other.id != plan.id and other.id in stored:
                pull(other, stored[other.id])
        s._dirty_plans.discard(plan.id)
        s.undo_stack.clear()  # its steps are about the plan that is gone
        s.notify(Changes(PLAN_DATA | Kind.DECISION), stored=True)
        version = f"versie {plan.version} van het plan"
        if lost:
            what = (
                "Wat u daarna in het plan typte, kon niet meer worden opgeslagen; het staat hieronder, "
                "zodat u het kunt overnemen (Kopiëren). Wilt u het plan nog veranderen, start dan een "
                "herbeoordeling: die begint vanaf het vastgestelde plan."
            )
        else:
            what = "U had niets in het plan gewijzigd dat nu verloren gaat."
        message = (
            f"Dit plan ({version}) is intussen in een ander venster of op een andere computer "
            f"{exc.stored_status.value}. Het venster toont nu het {exc.stored_status.value} plan; dat "
            f"kan niet meer worden gewijzigd. {what} Uw wijzigingen aan het huishouden zelf worden "
            "gewoon opgeslagen."
        )
        s.decided_elsewhere.emit(DecidedElsewhere(message, lost))
        if s._dirty_household:
            s.save_soon()
