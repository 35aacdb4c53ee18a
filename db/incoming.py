"""What reached this window from another writer, and what of this window cannot be saved.

After a save, the window's household and plans are brought up to what is stored (`pull`): a
record this window did not touch since it was read or saved takes what another window or
program stored for it meanwhile (changed, added, deleted). A record edited here is left alone:
its next save meets the other version field by field (db/records.py). Each returns plain
`Incoming` values, so the window can say what came in.

`unsaved` lists what this window changed in a record tree compared with what it read, for a plan
that can no longer be saved (decided elsewhere): the professional is told, value by value.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

from db.errors import FieldConflict, RecordKind
from db.records import (
    ALLOCATION,
    HOUSEHOLD,
    LIFE_AREA,
    MEMBER,
    PLAN,
    POSITION,
    Kind,
    Row,
    Snapshot,
    snapshot_of,
    stored_values,
    values,
)
from planner.model import Household, Plan

_CHILDREN: dict[type, tuple[tuple[Kind, str], ...]] = {
    Household: ((MEMBER, "members"),),
    Plan: ((LIFE_AREA, "life_areas"), (ALLOCATION, "allocations")),
}


@dataclass(frozen=True, slots=True)
class Incoming:
    """One record another writer changed, added or deleted, now shown in this window."""

    kind: RecordKind
    id: str
    change: Literal["changed", "added", "deleted"]
    fields: tuple[str, ...] = ()  # for "changed": the model attributes that differ
    record: Any = None  # the record as it is now (as it was, for "deleted")


def merged_in(saved: Household | Plan) -> list[Incoming]:
    """The fields a save took in from elsewhere into the records it wrote (`saved`: the object
    that was saved, or the copy of it the autosave wrote)."""
    snapshot = snapshot_of(saved)
    if snapshot is None:
        return []
    found = []
    records = {("household" if isinstance(saved, Household) else "plan", saved.id): saved}
    for kind, attribute in _CHILDREN[type(saved)]:
        records |= {(kind.name, r.id): r for r in getattr(saved, attribute)}
    for (kind_name, record_id), fields in snapshot.merged.items():
        if fields:
            record = records.get((kind_name, record_id))
            found.append(Incoming(kind_name, record_id, "changed", tuple(fields), record))  # type: ignore[arg-type]
    return found


def pull(live: Household | Plan, fresh: Household | Plan) -> list[Incoming]:
    """Give `live` what is stored in `fresh` (just read) for every record `live` did not change
    since its base; returns what came in. Edited records and records added here stay as they are."""
    snapshot, stored = snapshot_of(live), snapshot_of(fresh)
    if snapshot is None or stored is None or live.id != fresh.id:
        return []
    rows: dict[str, dict[str, Row]] = {kind: dict(by_id) for kind, by_id in snapshot.rows.items()}
    found: list[Incoming] = []
    root = HOUSEHOLD if isinstance(live, Household) else PLAN
    if _untouched(root, live, snapshot) and fresh.revision != live.revision:
        changed = _differing(root, live, fresh)
        for name in changed:
            setattr(live, name, copy.deepcopy(getattr(fresh, name)))
        live.revision = fresh.revision
        rows.setdefault(root.name, {})[live.id] = dict(stored.rows[root.name][live.id])
        if changed:
            found.append(Incoming(root.name, live.id, "changed", changed, live))
    for kind, attribute in _CHILDREN[type(live)]:
        mine: list[Any] = getattr(live, attribute)
        theirs = {r.id: r for r in getattr(fresh, attribute)}
        known = snapshot.rows.get(kind.name, {})
        for record in list(mine):
            if record.id not in known or not _untouched(kind, record, snapshot):
                continue
            now = theirs.get(record.id)
            if now is None:  # deleted elsewhere, untouched here
                mine[:] = [r for r in mine if r is not record]
                rows.get(kind.name, {}).pop(record.id, None)
                found.append(Incoming(kind.name, record.id, "deleted", (), record))
            elif now.revision != record.revision:
                changed = _differing(kind, record, now)
                for name in changed:
                    setattr(record, name, copy.deepcopy(getattr(now, name)))
                record.revision = now.revision
                rows.setdefault(kind.name, {})[record.id] = dict(stored.rows[kind.name][record.id])
                if changed:
                    found.append(Incoming(kind.name, record.id, "changed", changed, record))
        here = {r.id for r in mine}
        for position, record in enumerate(getattr(fresh, attribute)):
            if record.id in here or record.id in known:
                continue  # shown here, or removed here (its deletion is still to be saved)
            added = copy.deepcopy(record)
            mine.insert(min(position, len(mine)), added)
            rows.setdefault(kind.name, {})[record.id] = dict(stored.rows[kind.name][record.id])
            found.append(Incoming(kind.name, record.id, "added", (), added))
    live.base = Snapshot(live.id, rows)
    return found


def unsaved(root: Household | Plan) -> list[tuple[RecordKind, Any, tuple[FieldConflict, ...]]]:
    """What this window changed in `root` and its records since it read or saved them: per
    record (kind, the record, the fields with `ours` and `base`); a record added here lists its
    filled-in fields with base None."""
    snapshot = snapshot_of(root)
    found: list[tuple[RecordKind, Any, tuple[FieldConflict, ...]]] = []
    root_kind = HOUSEHOLD if isinstance(root, Household) else PLAN
    pairs: list[tuple[Kind, Any]] = [(root_kind, root)]
    for kind, attribute in _CHILDREN[type(root)]:
        pairs += [(kind, r) for r in getattr(root, attribute)]
    for kind, record in pairs:
        row = snapshot.row(kind, record.id) if snapshot else None
        ours = _own_values(record)
        before = _without_position(stored_values(kind, row)) if row is not None else None
        fields = tuple(
            FieldConflict(name, stored=None, ours=value, base=None if before is None else before[name])
            for name, value in ours.items()
            if (before is None and value not in (None, "", [], {}, False))
            or (before and value != before[name])
        )
        if fields:
            found.append((kind.name, record, fields))
    return found


def _own_values(record: Any) -> dict[str, Any]:
    return values(record, None)


def _without_position(found: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in found.items() if k != POSITION}


def _untouched(kind: Kind, record: Any, snapshot: Snapshot) -> bool:
    row = snapshot.row(kind, record.id)
    return (
        row is not None
        and row["revision"] == record.revision
        and _own_values(record) == _without_position(stored_values(kind, row))
    )


def _differing(kind: Kind, mine: Any, theirs: Any) -> tuple[str, ...]:
    ours, now = _own_values(mine), _own_values(theirs)
    return tuple(name for name in ours if ours[name] != now[name])
