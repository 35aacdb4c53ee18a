"""Telling this window's changes from changes made elsewhere, one record at a time.

A household or plan read from the database carries in its `base` a Snapshot: the stored rows of
itself and of its children (members; life areas and allocations) as last read or saved here. A
save compares three versions of every record, field by field: the base (where this window
started), ours, and what is stored now (read in the same write transaction):

- a field only we changed is written; a field only the other writer changed is kept (and taken
  into our object when we write that record anyway); a field both changed to different values is
  a conflict, and then nothing at all is written;
- a child in the snapshot but no longer in our list was removed here; a stored child the snapshot
  does not know was added elsewhere and is left alone.

Without a usable base (an object built by hand, or one whose revision no longer matches its base)
a record whose stored revision equals ours counts as the base; otherwise every field that differs
is a conflict, because we cannot tell who changed it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table

from db import convert
from db import schema as s
from db.errors import FieldConflict, RecordKind

Row = dict[str, Any]

# Not fields of the record itself: identity, bookkeeping, and children with their own records.
_NOT_FIELDS = frozenset({"id", "revision", "base", "members", "life_areas", "allocations"})
# The order within the parent's list; both sides moving a record is no loss, so ours wins.
POSITION = "position"
# Model attributes stored in more than one column.
_COLUMNS = {"coordinator": ("coordinator_kind", "coordinator_provider_id")}


@dataclass(frozen=True, slots=True)
class Kind:
    """How one kind of record is stored."""

    name: RecordKind
    table: Table
    parent: str  # column naming the parent; "id" for a household or plan itself
    load: Callable[[Mapping[str, Any]], Any]  # stored row -> model object (without children)
    dump: Callable[[Any, str, int], Row]  # (object, parent id, position) -> row


HOUSEHOLD = Kind("household", s.households, "id", lambda r: convert.household_from(r, []),
                 lambda h, _p, _i: convert.household_row(h))  # fmt: skip
MEMBER = Kind("member", s.members, "household_id", convert.member_from, convert.member_row)
PLAN = Kind(
    "plan", s.plans, "id", lambda r: convert.plan_from(r, [], []), lambda p, _p, _i: convert.plan_row(p)
)
LIFE_AREA = Kind("life_area", s.life_area_results, "plan_id", convert.life_area_from, convert.life_area_row)
ALLOCATION = Kind("allocation", s.allocations, "plan_id", convert.allocation_from, convert.allocation_row)


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The stored rows of one household or plan and its children, as last read or saved."""

    root_id: str
    rows: Mapping[str, Mapping[str, Row]]  # kind name -> record id -> stored row
    # What the save that made this snapshot took in from elsewhere, per (kind, record id):
    # field -> (our value before, the stored value taken), for `db.conflicts.carry_over`.
    merged: Mapping[tuple[str, str], Mapping[str, tuple[Any, Any]]] = dataclasses.field(default_factory=dict)

    def row(self, kind: Kind, record_id: str) -> Row | None:
        return self.rows.get(kind.name, {}).get(record_id)


def snapshot_of(obj: Any) -> Snapshot | None:
    """The object's snapshot, if it is one of this very object (a copy with a new id has none)."""
    base = obj.base
    return base if isinstance(base, Snapshot) and base.root_id == obj.id else None


def values(obj: Any, position: int | None) -> dict[str, Any]:
    """The record's own fields as model values, with its position in the parent's list."""
    found = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj) if f.name not in _NOT_FIELDS}
    if position is not None:
        found[POSITION] = position
    return found


def stored_values(kind: Kind, row: Mapping[str, Any]) -> dict[str, Any]:
    return values(kind.load(row), row.get(POSITION) if kind.parent != "id" else None)


def columns(attributes: list[str]) -> list[str]:
    return [c for a in attributes for c in _COLUMNS.get(a, (a,))]


@dataclass(slots=True)
class Comparison:
    write: list[str]  # attributes changed here, to write
    take: dict[str, Any]  # attributes changed only elsewhere: their stored value
    conflicts: list[FieldConflict]


def compare(ours: dict[str, Any], base: dict[str, Any] | None, stored: dict[str, Any]) -> Comparison:
    """Three-way comparison of one record; `base` None means where we started is unknown."""
    result = Comparison([], {}, [])
    for name, mine in ours.items():
        theirs = stored[name]
        if mine == theirs:
            continue
        if base is None:
            if name == POSITION:
                result.write.append(name)
            else:
                result.conflicts.append(FieldConflict(name, stored=theirs, ours=mine))
            continue
        started = base[name]
        if mine == started:
            result.take[name] = theirs
        elif theirs == started or name == POSITION:
            result.write.append(name)
        else:
            result.conflicts.append(FieldConflict(name, stored=theirs, ours=mine, base=started))
    return result


def changed_fields(
    now: dict[str, Any], before: dict[str, Any], *, now_is_ours: bool
) -> tuple[FieldConflict, ...]:
    """The fields of a record deleted on one side that the other side changed."""
    return tuple(
        FieldConflict(
            name,
            stored=None if now_is_ours else value,
            ours=value if now_is_ours else None,
            base=before[name],
        )
        for name, value in now.items()
        if name != POSITION and value != before[name]
    )
