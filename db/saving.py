"""Saving one household or plan record by record: compare every record with what is stored now,
then write only the records that changed, each on the condition that its stored revision is still
the one compared with (see db/records.py for the comparison).

All comparisons are done before the first write, so a conflict raises ConflictError with nothing
written. The in-memory objects take their new revisions (and any field merged in from elsewhere)
at once, through a Journal that the unit of work undoes when its transaction does not commit, so
a failed transaction never leaves an object claiming a revision that is not on disk.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import Connection, and_, delete, insert, update

from db import authorship
from db.errors import ConflictError, FieldConflict, RecordConflict
from db.exchange import row_digest
from db.records import (
    POSITION,
    Kind,
    Row,
    Snapshot,
    changed_fields,
    columns,
    compare,
    stored_values,
    values,
)
from planner.exchange.records import RecordKind


class Journal:
    """The attributes a unit of work set on in-memory objects, to put back on rollback."""

    def __init__(self) -> None:
        self._entries: list[tuple[Any, str, Any]] = []

    def set(self, obj: Any, name: str, value: Any) -> None:
        old = getattr(obj, name)
        if old is value:
            return
        self._entries.append((obj, name, old))
        setattr(obj, name, value)

    def undo(self) -> None:
        for obj, name, old in reversed(self._entries):
            setattr(obj, name, old)
        self._entries.clear()


Action = Literal["insert", "update", "delete"]


@dataclass(slots=True)
class _Write:
    kind: Kind
    record_id: str
    parent_id: str
    action: Action
    obj: Any = None  # None for a delete
    position: int = 0
    expected: int | None = None  # the stored revision the write is conditional on
    attributes: list[str] = field(default_factory=list)
    take: dict[str, Any] = field(default_factory=dict)
    prior: Row | None = None  # the stored row an update builds on (for its stamp, db/authorship.py)


def _key(kind: Kind, record_id: str, parent_id: str) -> Any:
    t = kind.table
    if kind.parent == "id":
        return t.c.id == record_id
    return and_(t.c.id == record_id, t.c[kind.parent] == parent_id)


class RecordSaver:
    """Compares, then writes, the records of one household or plan."""

    def __init__(
        self,
        conn: Connection,
        journal: Journal,
        snapshot: Snapshot | None,
        *,
        bump: bool,
        strict: bool = False,
    ) -> None:
        self._conn = conn
        self._journal = journal
        self._snapshot = snapshot
        self._bump = bump
        # Deciding: the decision must be about the stored plan exactly, so anything changed
        # elsewhere is a conflict, even a field we did not touch.
        self._strict = strict
        self._writes: list[_Write] = []
        self._conflicts: list[RecordConflict] = []
        self._adopt: list[tuple[Any, int]] = []  # (object, stored revision) of unchanged records
        self._rows: dict[str, dict[str, Row]] = {}  # the new snapshot
        self._merged: dict[tuple[str, str], dict[str, tuple[Any, Any]]] = {}
        # Per kind, the digest of each record written and the ids deleted: a plan's children digest.
        self.written: dict[str, dict[str, bytes | None]] = defaultdict(dict)
        self.deleted: dict[str, set[str]] = defaultdict(set)

    # --- comparing -------------------------------------------------------------------------

    def record(self, kind: Kind, obj: Any, parent_id: str, position: int, stored: Row | None) -> None:
        """Compare one record of our object with its stored row (None: not stored)."""
        snap_row = self._snapshot.row(kind, obj.id) if self._snapshot else None
        pos = None if kind.parent == "id" else position
        ours = values(obj, pos)
        if stored is None and kind.parent == "id":
            # A new household or plan, or one deleted since it was read (another window, or this
            # one's undo of adding it): written whole, so nothing that is still shown is lost.
            self._writes.append(_Write(kind, obj.id, parent_id, "insert", obj, position))
            self._snapshot = None
            return
        if stored is None:
            if snap_row is None:
                self._writes.append(_Write(kind, obj.id, parent_id, "insert", obj, position))
                return
            before = stored_values(kind, snap_row)
            fields = changed_fields(ours, before, now_is_ours=True)
            if fields or self._strict:  # changed here, deleted elsewhere
                self._conflict(kind, obj.id, parent_id, "deleted_elsewhere", obj.revision, None, fields)
            else:  # deleted elsewhere and untouched here: the deletion stands; we know it as before
                self._keep(kind, obj.id, snap_row)
            return
        theirs = stored_values(kind, stored)
        base: dict[str, Any] | None
        if not self._bump:
            base = theirs  # the importer compared revisions itself: every difference is ours
        elif (
            snap_row is not None
            and snap_row["revision"] == obj.revision
            and not (self._strict and stored["revision"] != obj.revision)
        ):
            base = stored_values(kind, snap_row)
        elif stored["revision"] == obj.revision:
            base = theirs
        else:
            base = None
        result = compare(ours, base, theirs)
        if self._strict and result.take:
            result = compare(ours, None, theirs)
        if result.conflicts:
            elsewhere = tuple(
                FieldConflict(name, stored=value, ours=ours[name], base=ours[name])
                for name, value in result.take.items()
                if name != POSITION
            )
            self._conflict(
                kind,
                obj.id,
                parent_id,
                "changed",
                obj.revision,
                stored["revision"],
                tuple(result.conflicts),
                elsewhere,
            )
        elif result.write:
            self._writes.append(
                _Write(
                    kind,
                    obj.id,
                    parent_id,
                    "update",
                    obj,
                    position,
                    stored["revision"],
                    result.write,
                    result.take,
                    stored,
                )
            )
        elif result.take:  # changed only elsewhere: leave it, and keep knowing it as we read it
            assert snap_row is not None
            self._keep(kind, obj.id, snap_row)
        else:  # the same as stored: nothing to write, and we are at the stored revision
            self._adopt.append((obj, stored["revision"]))
            self._keep(kind, obj.id, stored)

    def children(self, kind: Kind, objs: list[Any], parent_id: str, stored: dict[str, Row]) -> None:
        """Compare a list of child records with the stored ones of the same parent."""
        listed = set()
        for position, obj in enumerate(objs):
            listed.add(obj.id)
            self.record(kind, obj, parent_id, position, stored.get(obj.id))
        for record_id, row in stored.items():
            if record_id in listed:
                continue
            snap_row = self._snapshot.row(kind, record_id) if self._snapshot else None
            if snap_row is not None and (row["revision"] == snap_row["revision"] or not self._bump):
                self._writes.append(_Write(kind, record_id, parent_id, "delete", expected=row["revision"]))
            elif snap_row is not None:  # removed here, changed elsewhere
                fields = changed_fields(
                    stored_values(kind, row), stored_values(kind, snap_row), now_is_ours=False
                )
                self._conflict(
                    kind, record_id, parent_id, "removed_here", snap_row["revision"], row["revision"], fields
                )
            elif self._strict:
                theirs = stored_values(kind, row)
                fields = tuple(
                    FieldConflict(name, stored=value, ours=None)
                    for name, value in theirs.items()
                    if name != POSITION
                )
                self._conflict(kind, record_id, parent_id, "added_elsewhere", 0, row["revision"], fields)
            elif self._snapshot is None:  # an object without a base is taken as the whole record
                self._writes.append(_Write(kind, record_id, parent_id, "delete", expected=row["revision"]))
            # else: added elsewhere; not ours to delete

    def _conflict(
        self,
        kind: Kind,
        record_id: str,
        parent_id: str,
        change: Any,
        our_revision: int,
        stored_revision: int | None,
        fields: tuple[FieldConflict, ...],
        elsewhere: tuple[FieldConflict, ...] = (),
    ) -> None:
        self._conflicts.append(
            RecordConflict(
                kind.name, record_id, parent_id, change, our_revision, stored_revision, fields, elsewhere
            )
        )

    def _keep(self, kind: Kind, record_id: str, row: Row) -> None:
        self._rows.setdefault(kind.name, {})[record_id] = row

    def raise_conflicts(self) -> None:
        if self._conflicts:
            raise ConflictError(self._conflicts)

    # --- writing ---------------------------------------------------------------------------

    @property
    def writes_anything(self) -> bool:
        return bool(self._writes)

    def execute(self) -> None:
        """Write what the comparison found (call `raise_conflicts` first)."""
        assert not self._conflicts
        for obj, revision in self._adopt:
            self._journal.set(obj, "revision", revision)
        for w in self._writes:
            if w.action == "delete":
                self._delete(w)
                self.deleted[w.kind.name].add(w.record_id)
                continue
            obj = w.obj
            taken = {name: (getattr(obj, name), value) for name, value in w.take.items() if name != POSITION}
            for name, (_before, value) in taken.items():
                self._journal.set(obj, name, value)
            if taken:
                self._merged[(w.kind.name, w.record_id)] = taken
            revision = (
                (w.expected if w.expected is not None else obj.revision) + 1 if self._bump else obj.revision
            )
            self._journal.set(obj, "revision", revision)
            row = w.kind.dump(obj, w.parent_id, w.position)
            stamp = authorship.stamp(self._conn, w.prior, revision) if self._bump else {}
            if w.action == "insert":
                whole = {**row, **stamp}
                whole["digest"] = self._digest(w.kind, whole)
                self._conn.execute(insert(w.kind.table), whole)
                self.written[w.kind.name][w.record_id] = whole["digest"]
            else:
                changes = {c: row[c] for c in columns(w.attributes)}
                changes["revision"] = revision
                changes.update(stamp)
                assert w.prior is not None  # an update builds on the stored row
                changes["digest"] = self._digest(w.kind, {**w.prior, **changes})
                self.written[w.kind.name][w.record_id] = changes["digest"]
                result = self._conn.execute(
                    update(w.kind.table)
                    .where(_key(w.kind, w.record_id, w.parent_id), w.kind.table.c.revision == w.expected)
                    .values(changes)
                )
                self._check(w, result.rowcount)
                if w.take:  # what the database holds now is ours merged with theirs
                    row = w.kind.dump(obj, w.parent_id, w.position)
            self._keep(w.kind, w.record_id, row)

    def _digest(self, kind: Kind, row: Row) -> bytes | None:
        """The content digest of the row as it will be stored (db/exchange.py `row_digest`)."""
        return row_digest(RecordKind(kind.name), row, authorship.author(self._conn)[1])

    def _delete(self, w: _Write) -> None:
        t = w.kind.table
        result = self._conn.execute(
            delete(t).where(_key(w.kind, w.record_id, w.parent_id), t.c.revision == w.expected)
        )
        self._check(w, result.rowcount)

    def _check(self, w: _Write, rowcount: int) -> None:
        # Unreachable inside a writing unit of work (BEGIN IMMEDIATE holds the lock since the read),
        # but a reading one could race another writer; then this raises and everything rolls back.
        if rowcount != 1:
            raise ConflictError(
                [RecordConflict(w.kind.name, w.record_id, w.parent_id, "changed", w.expected or 0, None, ())]
            )

    def snapshot(self, root_id: str) -> Snapshot:
        return Snapshot(root_id, self._rows, self._merged)
