"""Bringing the window's own objects up to date with the database: after a save made on copies of
them (`carry_over`), and after a ConflictError with the professional's choice (`resolve`), so that
the next save writes exactly what the window changed and keeps what the other writer stored."""

from __future__ import annotations

import copy
from collections.abc import Collection
from typing import Any

from db.errors import ConflictError, RecordConflict
from db.records import Snapshot, snapshot_of
from planner.model import Household, Plan

# (kind, record id, field) whose value from this window is kept; for a record deleted on one side
# the field is "" and keeping ours means: this window's version of the record stands (a record
# deleted elsewhere is written again, one removed here is deleted anyway).
Choice = tuple[str, str, str]

_LISTS = {"member": "members", "life_area": "life_areas", "allocation": "allocations"}


def carry_over(saved: Household | Plan, live: Household | Plan) -> None:
    """`saved` is a copy of `live`, taken before it was saved: give `live` what the save gave the
    copy (revisions, base, fields merged in from elsewhere), keeping edits made to `live` since.

    A record whose merged field was edited here meanwhile keeps its old revision: its next save
    then compares it in full with what is stored, so the edit and the other writer's value meet
    as a conflict instead of one silently replacing the other.
    """
    snapshot = snapshot_of(saved)
    if snapshot is None or saved.id != live.id:
        return
    kind = "household" if isinstance(saved, Household) else "plan"
    pairs: list[tuple[str, Any, Any]] = [(kind, saved, live)]
    for name, attribute in _LISTS.items():
        if hasattr(saved, attribute):
            here = {r.id: r for r in getattr(live, attribute)}
            pairs += [(name, r, here[r.id]) for r in getattr(saved, attribute) if r.id in here]
    for name, record, mine in pairs:
        merged = snapshot.merged.get((name, record.id), {})
        if any(getattr(mine, f) != before for f, (before, _after) in merged.items()):
            continue
        for f, (_before, after) in merged.items():
            setattr(mine, f, copy.deepcopy(after))
        mine.revision = record.revision
    live.base = snapshot


def resolve(root: Household | Plan, error: ConflictError, keep_ours: Collection[Choice] = ()) -> None:
    """Take the stored value of every conflicting field except those in `keep_ours`.

    Only the conflicts of `root` and its children are applied (one save raises for one root).
    A record added elsewhere while deciding ("added_elsewhere") is not resolvable here: read the
    plan again and decide again.
    """
    snapshot = snapshot_of(root)
    rows = {kind: dict(by_id) for kind, by_id in snapshot.rows.items()} if snapshot else {}
    for conflict in error.conflicts:
        if root.id not in (conflict.id, conflict.parent_id):
            continue
        ours = (conflict.kind, conflict.id, "") in keep_ours
        if conflict.change == "changed":
            _take_stored(_find(root, conflict), conflict, keep_ours)
        elif conflict.change == "deleted_elsewhere":
            if ours:  # written again as a new record
                rows.get(conflict.kind, {}).pop(conflict.id, None)
            else:
                records = getattr(root, _LISTS[conflict.kind])
                records[:] = [r for r in records if r.id != conflict.id]
        elif conflict.change == "removed_here":
            known = rows.get(conflict.kind, {})
            if ours and conflict.id in known:  # delete it, changes elsewhere seen
                known[conflict.id] = {**known[conflict.id], "revision": conflict.stored_revision}
            else:  # it stays in the database; this window forgets it (it shows on reading again)
                known.pop(conflict.id, None)
    if snapshot is not None:
        root.base = Snapshot(root.id, rows)


def _take_stored(record: Any, conflict: RecordConflict, keep_ours: Collection[Choice]) -> None:
    for f in conflict.elsewhere:
        setattr(record, f.field, f.stored)
    for f in conflict.fields:
        if f.field != "position" and (conflict.kind, conflict.id, f.field) not in keep_ours:
            setattr(record, f.field, f.stored)
    assert conflict.stored_revision is not None
    # Based on the stored version now: the next save writes only what still differs from it.
    record.revision = conflict.stored_revision


def _find(root: Household | Plan, conflict: RecordConflict) -> Any:
    if conflict.id == root.id and conflict.kind in ("household", "plan"):
        return root
    return next(r for r in getattr(root, _LISTS[conflict.kind]) if r.id == conflict.id)
