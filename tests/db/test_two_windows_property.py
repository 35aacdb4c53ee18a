"""Random interleavings of two windows editing, adding, removing and saving on one real file
never lose a committed change silently.

The test keeps its own account of what the database must hold: a save that succeeds commits
exactly the edits its window made since its last save; a ConflictError commits nothing; after a
conflict the window takes ours or theirs at random per field (db.conflicts.resolve) and saves
again. After every step the database must equal that account, field by field.
A longer run: TWO_WINDOWS_EXAMPLES=1000 pytest tests/db/test_two_windows_property.py
"""

from __future__ import annotations

import copy
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from db.conflicts import carry_over, resolve
from db.database import Database
from db.errors import ConflictError
from planner.model import Household, Member, Plan
from tests.db import factories

FIELDS = {
    "household": ("street", "city", "postcode"),
    "member": ("given_names", "surname"),
    "plan": ("participants", "safety_assessment"),
    "life_area": ("current_situation", "desired_result"),
    "allocation": ("extended_youth_care_reason",),
}
Key = tuple[str, str]  # (kind, record id)


def _state(db: Database, household_id: str) -> dict[Key, dict[str, Any]]:
    with db.unit_of_work(write=False) as uow:
        h = uow.households.get(household_id)
        (plan,) = uow.plans.for_household(household_id)
    assert h is not None
    return _records(h, plan)


def _records(h: Household, plan: Plan) -> dict[Key, dict[str, Any]]:
    found: dict[Key, dict[str, Any]] = {("household", h.id): _fields("household", h)}
    found.update({("member", m.id): _fields("member", m) for m in h.members})
    found[("plan", plan.id)] = _fields("plan", plan)
    found.update({("life_area", a.id): _fields("life_area", a) for a in plan.life_areas})
    found.update({("allocation", a.id): _fields("allocation", a) for a in plan.allocations})
    return found


def _fields(kind: str, record: Any) -> dict[str, Any]:
    return {f: getattr(record, f) for f in FIELDS[kind]}


class Window:
    def __init__(self, name: str, db: Database, household_id: str) -> None:
        self.name, self.db, self.household_id = name, db, household_id
        self.reload()

    def reload(self) -> None:
        with self.db.unit_of_work(write=False) as uow:
            h = uow.households.get(self.household_id)
            (plan,) = uow.plans.for_household(self.household_id)
        assert h is not None
        self.household, self.plan = h, plan
        self.edits: dict[tuple[str, str, str], str] = {}  # (kind, id, field) -> value typed here
        self.added: set[str] = set()
        self.removed: set[str] = set()

    @property
    def pending(self) -> bool:
        return bool(self.edits or self.added or self.removed)

    def records(self, kind: str) -> list[Any]:
        found: dict[str, list[Any]] = {
            "household": [self.household],
            "member": self.household.members,
            "plan": [self.plan],
            "life_area": self.plan.life_areas,
            "allocation": self.plan.allocations,
        }
        return found[kind]

    def edit(self, kind: str, index: int, field: str, value: str) -> None:
        records = self.records(kind)
        if records:
            record = records[index % len(records)]
            setattr(record, field, value)
            self.edits[(kind, record.id, field)] = value

    def add(self, value: str) -> None:
        member = Member(value, value, None)
        self.household.members.append(member)
        self.added.add(member.id)

    def remove(self, index: int) -> None:
        members = self.household.members
        if members:
            member = members.pop(index % len(members))
            self._forget(member.id)
            if member.id in self.added:
                self.added.discard(member.id)
            else:
                self.removed.add(member.id)

    def _forget(self, record_id: str) -> None:
        self.edits = {k: v for k, v in self.edits.items() if k[1] != record_id}

    def save(self, expected: dict[Key, dict[str, Any]], choose: st.DataObject) -> None:
        for _attempt in range(4):
            # as the autosave does: save deep copies, then carry the result over to the live objects
            via_copies = choose.draw(st.booleans(), label=f"{self.name} saves copies")
            household, plan = (
                copy.deepcopy((self.household, self.plan)) if via_copies else (self.household, self.plan)
            )
            try:
                with self.db.unit_of_work() as uow:
                    uow.households.save(household)
                    uow.plans.save(plan)
                if via_copies:
                    carry_over(household, self.household)
                    carry_over(plan, self.plan)
                break
            except ConflictError as error:
                assert _state(self.db, self.household_id) == expected, "a conflict wrote something"
                self._resolve(error, choose)
        else:
            raise AssertionError("a resolved conflict did not save")
        for record_id in self.removed:
            expected.pop(("member", record_id), None)
        members = {m.id: m for m in self.household.members}
        for record_id in self.added:
            expected[("member", record_id)] = _fields("member", members[record_id])
        for (kind, record_id, field), value in self.edits.items():
            expected[(kind, record_id)][field] = value
        self.edits, self.added, self.removed = {}, set(), set()

    def _resolve(self, error: ConflictError, choose: st.DataObject) -> None:
        keep: set[tuple[str, str, str]] = set()
        for c in error.conflicts:
            event(f"conflict: {c.kind} {c.change}")  # --hypothesis-show-statistics shows the mix
            names = [f.field for f in c.fields] if c.change == "changed" else [""]
            for name in names:
                if choose.draw(st.booleans(), label=f"{self.name} keeps ours for {c.kind}.{name}"):
                    keep.add((c.kind, c.id, name))
                elif c.change == "changed":
                    self.edits.pop((c.kind, c.id, name), None)
            ours = (c.kind, c.id, "") in keep
            if c.change == "deleted_elsewhere":
                self._forget(c.id)
                if ours:  # written again whole, as this window has it
                    self.added.add(c.id)
            elif c.change == "removed_here" and not ours:
                self.removed.discard(c.id)
        resolve(self.household, error, keep)
        resolve(self.plan, error, keep)


@contextmanager
def _two_windows() -> Iterator[tuple[Window, Window, dict[Key, dict[str, Any]]]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "trajectplanner.db"
        dbs = [Database.open(path), Database.open(path)]
        try:
            h = factories.household()
            plan = factories.plan(h)
            with dbs[0].unit_of_work() as uow:
                uow.households.save(h)
                uow.plans.save(plan)
            windows = Window("A", dbs[0], h.id), Window("B", dbs[1], h.id)
            yield windows[0], windows[1], _state(dbs[0], h.id)
        finally:
            for db in dbs:
                db.close()


_ACTIONS = ("edit", "edit", "edit", "add", "remove", "save", "save", "reload")


@settings(
    max_examples=int(os.environ.get("TWO_WINDOWS_EXAMPLES", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.data())
def test_random_interleavings_never_lose_a_committed_change(data: st.DataObject) -> None:
    with _two_windows() as (a, b, expected):
        steps = data.draw(st.integers(min_value=4, max_value=30), label="steps")
        for n in range(steps):
            window = data.draw(st.sampled_from([a, b]), label="window")
            action = data.draw(st.sampled_from(_ACTIONS), label="action")
            value = f"{window.name}{n}"
            if action == "edit":
                kind = data.draw(st.sampled_from(sorted(FIELDS)), label="kind")
                field = data.draw(st.sampled_from(FIELDS[kind]), label="field")
                window.edit(kind, data.draw(st.integers(0, 5), label="index"), field, value)
            elif action == "add":
                window.add(value)
            elif action == "remove":
                window.remove(data.draw(st.integers(0, 5), label="index"))
            elif action == "save":
                window.save(expected, data)
            elif not window.pending:
                window.reload()
            assert _state(a.db, a.household_id) == expected
        for window in (a, b):  # both windows end saved: still nothing lost
            window.save(expected, data)
            assert _state(a.db, a.household_id) == expected
