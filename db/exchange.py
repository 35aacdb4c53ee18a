"""Records of the exchange format read from and written to the tables (domain.md §7).

Table-driven: every column of a record's table travels as a field, except its id, its parent,
its revision and stamp (sent beside the fields) and the columns derived on every save (search
keys) or kept per device (the archive). A column added to a table travels without code here; the
JSON Schema names it (docs/exchange.md). Portable SQLAlchemy Core only (SQLite and PostgreSQL).
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import operator
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, cast

import orjson
from sqlalchemy import Boolean, Connection, Date, Table, delete, insert, inspect, select, update
from sqlalchemy.exc import IntegrityError

from db import authorship, convert, dialect
from db import schema as s
from db.errors import ConstraintError
from db.plan_status import listed_status_of
from db.plan_status import refresh as refresh_plan_status
from db.search import SEARCH_COLUMNS, household_search_rows
from db.search_refresh import refresh_many as refresh_search
from planner.exchange.merge import Conflict, ImportPlan, Write
from planner.exchange.records import (
    HouseholdTree,
    PlanTree,
    Record,
    RecordKind,
    Stamp,
    StoredConflict,
    children_digest,
    content_digest,
    tree_children_digest,
)

# Columns that are not fields: identity and bookkeeping, derived search columns, the local archive.
_NOT_FIELDS = frozenset(
    {
        "id",
        "revision",
        *s.STAMP_COLUMNS,
        "display_name",
        "member_names",
        "case_key",
        "postcode_key",
        "archived_on",
        "plan_status",  # derived from the plans on every write (db/plan_status.py)
        "changed_on",  # when this database last saved the plan: local, like the archive
        "digest",  # the record's content hashed, kept on every write (`row_digest`)
        "children_digest",  # a plan's results and allocations hashed (records.children_digest)
    }
)
# Text columns holding JSON, sent as structured values.
_JSON_COLUMNS = {
    "life_area_results": frozenset({"member_ids", "goals", "ladder"}),
    "allocations": frozenset({"hours_lines", "continuity"}),
}
_TABLES: dict[RecordKind, tuple[Table, str]] = {
    RecordKind.HOUSEHOLD: (s.households, ""),
    RecordKind.MEMBER: (s.members, "household_id"),
    RecordKind.PLAN: (s.plans, "household_id"),
    RecordKind.LIFE_AREA: (s.life_area_results, "plan_id"),
    RecordKind.ALLOCATION: (s.allocations, "plan_id"),
    RecordKind.DECISION: (s.decisions, "plan_id"),
}


# The same text db.convert writes, so a record that travels is stored byte for byte as it was; one
# encoder each, reused (json.dumps builds a new one per call: a fifth of a large import).
_dumps = convert.compact_json
_dumps_sorted = json.JSONEncoder(separators=(",", ":"), sort_keys=True).encode


@lru_cache(maxsize=4096)
def _lineage_text(items: tuple[tuple[str, int], ...]) -> str:
    """A stamp's lineage as stored; the same few lineages recur across a file's records."""
    return _dumps_sorted(dict(items))


@lru_cache(maxsize=4096)
def _lineage_of(text: str) -> dict[str, int]:
    """A stored lineage read (shared between the records that carry the same one: never changed
    in place, a stamp's lineage is replaced whole)."""
    found: dict[str, int] = orjson.loads(text)
    return found


def field_columns(kind: RecordKind) -> list[str]:
    table, parent = _TABLES[kind]
    skip = _NOT_FIELDS | {parent} | ({"plan_id"} if kind is RecordKind.DECISION else set())
    return [str(c.name) for c in table.columns if c.name not in skip]  # plain str: a JSON key (orjson)


_DOCUMENT_KEYS = ("position", "kind", "title", "filename", "sha256")


def _document_field(row: Any) -> dict[str, Any]:
    """A stored letter (decision_documents row) as it travels: its PDF in base64."""
    return {**{k: row[k] for k in _DOCUMENT_KEYS}, "pdf": base64.b64encode(row["pdf"]).decode("ascii")}


class _Codec:
    """Row ↔ record for one kind, with the conversions worked out once."""

    def __init__(self, kind: RecordKind) -> None:
        self.kind = kind
        self.table, self.parent = _TABLES[kind]
        self.fields = field_columns(kind)
        self.dates = frozenset(c for c in self.fields if isinstance(self.table.c[c].type, Date))
        self.json = _JSON_COLUMNS.get(self.table.name, frozenset())
        # The columns of `values`, in order: the fields, the stamp, the id (and parent), the digest.
        stamp = ("changed_by", "changed_device")
        if kind is RecordKind.DECISION:
            self.columns: tuple[str, ...] = (*self.fields, *stamp, "plan_id")
        else:
            parent = (self.parent,) if self.parent else ()
            self.columns = (*self.fields, *stamp, "id", *parent, *_VERSION, "digest")
        getter = operator.itemgetter(*self.fields)
        self._get = getter if len(self.fields) > 1 else lambda fields: (getter(fields),)
        self._json_at = frozenset(i for i, c in enumerate(self.fields) if c in self.json)
        self._convert_at = tuple(i for i, c in enumerate(self.fields) if c in self.json or c in self.dates)
        # A row read through the driver (`stored`) gets what SQLAlchemy's types would make of it:
        # sqlite3 gives dates as ISO text already and booleans as 0/1, psycopg dates and booleans.
        booleans = {c for c in self.fields if isinstance(self.table.c[c].type, Boolean)}
        self._raw_at = {
            sqlite: tuple(
                (i, _JSON if c in self.json else _DATE if c in self.dates else _BOOL)
                for i, c in enumerate(self.fields)
                if c in self.json or (c in self.dates and not sqlite) or (c in booleans and sqlite)
            )
            for sqlite in (True, False)
        }
        at = {c: i for i, c in enumerate(self.columns)}
        self._by_at, self._device_at = at["changed_by"], at["changed_device"]
        self.id_at = at["plan_id" if kind is RecordKind.DECISION else "id"]
        self.parent_at = at.get(self.parent, -1)  # -1: a household (no parent)
        self._revision_at = at.get("revision")
        self.digest_at = at.get("digest", -1)  # -1: a decision (no digest)
        names = ", ".join(f'"{c}"' for c in self.columns)
        self.select = f'SELECT {names} FROM "{self.table.name}"'

    def stored(self, row: Sequence[Any], device: str, sqlite: bool) -> Record:
        """The record of a row of `columns` read through the driver (`sqlite`: sqlite3's values)."""
        fields: dict[str, Any] = dict(zip(self.fields, row, strict=False))  # the first values
        for i, how in self._raw_at[sqlite]:
            value = row[i]
            if value is not None:
                fields[self.fields[i]] = (
                    orjson.loads(value)
                    if how is _JSON
                    else value.isoformat()
                    if how is _DATE
                    else bool(value)
                )
        changed_device = row[self._device_at] or device  # rows from before stamps: made here
        v = self._revision_at
        if v is None:
            stamp = Stamp(1, row[self._by_at], changed_device)
        else:
            stamp = Stamp(
                row[v], row[self._by_at], changed_device, row[v + 1], row[v + 2], _lineage_of(row[v + 3])
            )
        return Record(row[self.id_at], stamp, fields)

    def from_row(self, row: Mapping[str, Any], device: str) -> Record | None:
        """The record of a row as SQLAlchemy's types give it (dates as `date`, JSON as its text),
        written or about to be; the stamp columns a new row leaves to their defaults taken as
        those. None when a column is missing or a value is not of its column's type."""
        try:
            found = tuple(row[c] if c in row else _DEFAULTS[c] for c in self.columns[: self.digest_at])
            return self.stored(found, device, sqlite=False)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def values(self, record: Record, parent_id: str, *, iso_dates: bool = False) -> tuple[Any, ...]:
        """The row of a record as values in `columns` order; `iso_dates` keeps dates as ISO text
        (for the SQLite driver). Built as a tuple at once: a dict per row was a tenth of an import."""
        got: tuple[Any, ...] = self._get(record.fields)
        convert_at = self._json_at if iso_dates else self._convert_at
        if convert_at:
            found = list(got)
            for i in convert_at:
                value = found[i]
                if value is not None:
                    found[i] = _dumps(value) if i in self._json_at else date.fromisoformat(value)
            got = tuple(found)
        st = record.stamp
        if self.kind is RecordKind.DECISION:
            return (*got, st.changed_by, st.changed_device, record.id)
        lineage = _lineage_text(tuple(st.lineage.items()))
        version = (st.revision, st.base_revision, st.base_device, lineage, content_digest(record))
        if self.parent:
            return (*got, st.changed_by, st.changed_device, record.id, parent_id, *version)
        return (*got, st.changed_by, st.changed_device, record.id, *version)


_VERSION = ("revision", "base_revision", "base_device", "lineage")
# A new row's stamp columns left to their defaults (db/schema.py): a record made here, on no base.
_DEFAULTS = {"changed_by": "", "changed_device": "", "base_revision": 0, "base_device": "", "lineage": "{}"}
_JSON, _DATE, _BOOL = "json", "date", "bool"  # how a column read through the driver is converted
CODECS = {kind: _Codec(kind) for kind in RecordKind}


def fill_digests(conn: Connection, batch: int = 2000) -> bool:
    """Work out and store the digest of every stored record (for a database from before the
    digests, migration 0015), a batch at a time in key order. False, and nothing done, when the
    tables lack a column this program reads (a migration after 0015 adds it, and fills again)."""
    inspector = inspect(conn)
    for kind in _ALIKE:
        codec = CODECS[kind]
        if not set(codec.columns) <= {c["name"] for c in inspector.get_columns(codec.table.name)}:
            return False
    if conn.exec_driver_sql("SELECT 1 FROM households LIMIT 1").first() is None:
        return True  # a new file: nothing stored yet (and its device id is made by the first save)
    device = authorship.device_id(conn)
    sqlite = conn.dialect.name == dialect.SQLITE
    for kind in _ALIKE:
        codec = CODECS[kind]
        key = (codec.parent, "id") if codec.parent == "plan_id" else ("id",)
        key_at = [codec.columns.index(c) for c in key]
        names = ", ".join(f'"{c}"' for c in key)
        match = " AND ".join(f'"{c}" = ?' for c in key)
        update_sql = dialect.driver_sql(conn, f'UPDATE "{codec.table.name}" SET "digest" = ? WHERE {match}')
        last: tuple[Any, ...] = ()
        while True:
            after = f" WHERE ({names}) > ({', '.join('?' * len(key))})" if last else ""
            sql = dialect.driver_sql(conn, f"{codec.select}{after} ORDER BY {names} LIMIT {int(batch)}")
            rows = conn.exec_driver_sql(sql, last).all()
            if not rows:
                break
            keys = [tuple(r[i] for i in key_at) for r in rows]
            digests = [content_digest(codec.stored(tuple(r), device, sqlite)) for r in rows]
            conn.exec_driver_sql(update_sql, [(d, *k) for d, k in zip(digests, keys, strict=True)])
            last = keys[-1]
    if "children_digest" in {c["name"] for c in inspector.get_columns("plans")}:
        fill_children_digests(conn, batch)  # worked out from the digests just stored
    return True


def fill_children_digests(conn: Connection, batch: int = 2000) -> None:
    """Work out and store the children digest of every stored plan (migration 0016) from its
    results' and allocations' stored digests, a batch of plans at a time in id order."""
    update_sql = dialect.driver_sql(conn, 'UPDATE "plans" SET "children_digest" = ? WHERE "id" = ?')
    last: tuple[str, ...] = ()
    while True:
        after = ' WHERE "id" > ?' if last else ""
        sql = dialect.driver_sql(conn, f'SELECT "id" FROM "plans"{after} ORDER BY "id" LIMIT {int(batch)}')
        ids = [r[0] for r in conn.exec_driver_sql(sql, last).all()]
        if not ids:
            return
        digests: dict[str, tuple[list[Any], list[Any]]] = {i: ([], []) for i in ids}
        where, params = dialect.in_ids_sql(conn, "plan_id", ids)
        for at, table in enumerate(("life_area_results", "allocations")):
            for plan_id, digest in conn.exec_driver_sql(
                f'SELECT "plan_id", "digest" FROM "{table}" WHERE {where}', params
            ):
                digests[str(plan_id)][at].append(digest)
        rows = [(children_digest(*_as_bytes(areas, allocs)), i) for i, (areas, allocs) in digests.items()]
        conn.exec_driver_sql(update_sql, rows)
        last = (ids[-1],)


def _as_bytes(*lists: list[Any]) -> tuple[list[bytes | None], ...]:
    """Digests as read through a driver (bytes, or memoryview) as bytes."""
    return tuple([None if d is None else bytes(d) for d in found] for found in lists)


def row_digest(kind: RecordKind, row: Mapping[str, Any], device: str) -> bytes | None:
    """The digest to store with a row a save writes whole (as SQLAlchemy's types give it, see
    `_Codec.from_row`): the `content_digest` of the record the exchange reads from it. None
    (compared field by field on import) when it cannot be worked out."""
    record = CODECS[kind].from_row(row, device)
    return content_digest(record) if record is not None else None


# A new household's row: its record's columns, then the columns derived from it (db/search.py) and
# its listed plan status (db/plan_status.py).
_HOUSEHOLD_COLUMNS = (*CODECS[RecordKind.HOUSEHOLD].columns, *SEARCH_COLUMNS, "plan_status")
# The columns of a new row where they are more than its record's: a plan's children digest.
_INSERTED_COLUMNS = {
    RecordKind.HOUSEHOLD: _HOUSEHOLD_COLUMNS,
    RecordKind.PLAN: (*CODECS[RecordKind.PLAN].columns, "children_digest"),
}
_WORD_COLUMNS = ("word", "sound", "household_id")
# The household's own fields its search rows are made of (with its members': db/search.py).
_SEARCHED_HOUSEHOLD = ("case_number", "postcode")
_PREFIX_COLUMNS = ("prefix", "display_name", "case_number", "household_id")


# What the search rows of a household stored here were made of (db/search_refresh.py `before`).
_SEARCH_KEYS = ("case_number", "postcode", "display_name")
_ALIKE = (
    RecordKind.HOUSEHOLD,
    RecordKind.MEMBER,
    RecordKind.PLAN,
    RecordKind.LIFE_AREA,
    RecordKind.ALLOCATION,
)
# The records of a file per kind by id, for `trees` to give where stored so (`_same`).
Known = dict[RecordKind, dict[str, Record]]


def _known(trees: Sequence[HouseholdTree]) -> Known:
    """The records of these trees per kind by id (a decision is never taken as stored so: its
    letters travel in its fields)."""
    found: Known = {kind: {} for kind in _ALIKE}
    households, members, plans, areas, allocations = (found[kind] for kind in _ALIKE)
    for tree in trees:
        households[tree.record.id] = tree.record
        for m in tree.members:
            members[m.id] = m
        for p in tree.plans:
            plans[p.record.id] = p.record
            for r in p.life_areas:
                areas[r.id] = r
            for r in p.allocations:
                allocations[r.id] = r
    return found


def _same(record: Record | None, digest: bytes | None) -> bool:
    """Whether the stored row with this digest holds the file's `record`. Its digest is worked out
    here only for the records stored; a new record's, as it is written."""
    return record is not None and digest is not None and digest == content_digest(record)


def _same_letters(here: Record | None, theirs: Record | None, letters: list[dict[str, Any]]) -> bool:
    """Whether the stored decision `here` (read without its letters) with these stored `letters`
    (without their PDFs) is the file's decision: its other fields, and every letter but for the
    PDF, which its SHA-256 stands for."""
    if here is None or theirs is None:
        return False
    sent = theirs.fields.get("documents")
    if not sent or len(sent) != len(letters):
        return False
    rest = {k: v for k, v in theirs.fields.items() if k != "documents"}
    return rest == dict(here.fields) and all(
        {k: doc.get(k) for k in _DOCUMENT_KEYS} == letter for doc, letter in zip(sent, letters, strict=True)
    )


def _in_order(records: list[Record]) -> list[Record]:
    """A plan's results or allocations in the order `trees` reads them: by position, then id."""
    return sorted(records, key=lambda r: (r.fields["position"], r.id))


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


class ExchangeRepository:
    """The exchange's reads and writes inside one unit of work."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        # Household id → what `trees` read of it in this unit of work, for `apply`: its search
        # keys, its listed plan status and the status of each of its plans (db/plan_status.py).
        self._search_keys: dict[str, dict[str, Any]] = {}
        self._listed: dict[str, str | None] = {}
        self._plan_statuses: dict[str, dict[str, str]] = {}

    def author(self) -> tuple[str, str]:
        return authorship.author(self._conn)

    # --- reading ----------------------------------------------------------------------------

    def household_ids(self, case_numbers: Sequence[str] | None = None) -> list[str]:
        """Ids of the households with these case numbers (all when None), in case number order;
        a case number not stored is left out (the caller says which)."""
        h = s.households
        stmt = select(h.c.id, h.c.case_number).order_by(h.c.case_number)
        if case_numbers is None:
            return [r.id for r in self._conn.execute(stmt)]
        found: list[Any] = []
        for chunk in _chunks(list(case_numbers)):
            found += self._conn.execute(stmt.where(h.c.case_number.in_(chunk))).all()
        return [r.id for r in sorted(found, key=lambda r: r.case_number)]

    def case_numbers(self, case_numbers: Sequence[str]) -> set[str]:
        h = s.households
        found: set[str] = set()
        for chunk in _chunks(list(case_numbers)):
            found |= set(
                self._conn.execute(select(h.c.case_number).where(h.c.case_number.in_(chunk))).scalars()
            )
        return found

    def trees(
        self, household_ids: Sequence[str], incoming: Sequence[HouseholdTree] = ()
    ) -> dict[str, HouseholdTree]:
        """The stored households with these ids, whole: members, every plan with its children and
        decision, as exchange records (children in their list order).

        A record stored as one of `incoming` (its digest, db/schema.py, is that record's) is given
        as that record itself: most of a file's records are, and the import then knows them
        unchanged at a glance. Of those, only the key, order and digest are read; the others are
        read whole, in one more round trip. A stored plan whose children digest is its file
        plan's has the file's results and allocations, which are not read at all. The households'
        search keys as stored are kept for `apply` in the same unit of work (db/search_refresh.py)."""
        _, device = self.author()
        sqlite = self._conn.dialect.name == dialect.SQLITE
        known = _known(incoming)
        theirs_plans = {p.record.id: p for t in incoming for p in t.plans}
        ids = list(dict.fromkeys(household_ids))
        trees: dict[str, HouseholdTree] = {}
        plans: dict[str, PlanTree] = {}
        household, member, plan = (
            CODECS[k] for k in (RecordKind.HOUSEHOLD, RecordKind.MEMBER, RecordKind.PLAN)
        )
        keys, mine = len(household.columns), known[RecordKind.HOUSEHOLD]
        as_sent: set[str] = set()  # plans whose results and allocations are stored as the file has them
        decision = CODECS[RecordKind.DECISION]
        decision_rows: list[Any] = []
        for chunk in _chunks(ids):
            (households, decisions), (members, plan_rows), (_, stored_children) = self._records(
                known,
                device,
                sqlite,
                [
                    self._select(household, "id", chunk, (*_SEARCH_KEYS, "plan_status")),
                    self._decisions(chunk),
                ],
                [
                    (member, "household_id", chunk, "position", ""),
                    (plan, "household_id", chunk, "version", "children_digest"),
                ],
            )
            decision_rows += decisions
            for row in households:
                hid = row[household.id_at]
                found = mine.get(hid)
                if found is not None and _same(found, row[household.digest_at]):
                    trees[hid] = HouseholdTree(found)
                else:
                    trees[hid] = HouseholdTree(household.stored(row, device, sqlite))
                self._search_keys[hid] = dict(zip(_SEARCH_KEYS, row[keys:-1], strict=True))
                self._listed[hid] = row[-1]
                self._plan_statuses[hid] = {}
            for hid, record in members:
                trees[hid].members.append(record)
            for hid, record in plan_rows:
                tree = PlanTree(record)
                plans[record.id] = tree
                trees[hid].plans.append(tree)
                self._plan_statuses[hid][record.id] = tree.status
                sent = theirs_plans.get(record.id)
                stored = stored_children.get(record.id)
                if sent is not None and stored is not None and bytes(stored) == tree_children_digest(sent):
                    tree.life_areas = _in_order(sent.life_areas)
                    tree.allocations = _in_order(sent.allocations)
                    as_sent.add(record.id)
        # The results and allocations of the other plans (one more round trip, when there are any).
        for chunk in _chunks([pid for pid in plans if pid not in as_sent]):
            _, (areas, allocations), _ = self._records(
                known,
                device,
                sqlite,
                [],
                [
                    (CODECS[RecordKind.LIFE_AREA], "plan_id", chunk, "position", ""),
                    (CODECS[RecordKind.ALLOCATION], "plan_id", chunk, "position", ""),
                ],
            )
            for pid, record in areas:
                plans[pid].life_areas.append(record)
            for pid, record in allocations:
                plans[pid].allocations.append(record)
        decided: list[str] = []
        for row in decision_rows:
            plans[row[decision.id_at]].decision = decision.stored(row, device, sqlite)
            decided.append(row[decision.id_at])
        theirs = {p.record.id: p.decision for t in incoming for p in t.plans if p.decision is not None}
        for chunk in _chunks(decided):  # the letters as sent travel with their decision
            here = {pid: plans[pid].decision for pid in chunk}
            for plan_id, documents in self._letters(here, theirs).items():
                made = plans[plan_id].decision
                assert made is not None  # read just now
                plans[plan_id].decision = dataclasses.replace(
                    made, fields={**made.fields, "documents": documents}
                )
        return {hid: trees[hid] for hid in ids if hid in trees}

    def _letters(
        self, here: Mapping[str, Record | None], theirs: Mapping[str, Record]
    ) -> dict[str, list[dict[str, Any]]]:
        """The stored letters of these decisions (`here`, as read without them), as they travel.
        Their PDFs are read only where the file's decision differs: where the rest of it and each
        letter's SHA-256 are stored as the file has them, its letters are the file's own (and the
        decision unchanged). Read and put in base64 for every decided plan of a file, the PDFs
        were most of an ingest of files with letters."""
        d = s.decision_documents
        light = (
            select(*(d.c[k] for k in ("plan_id", *_DOCUMENT_KEYS)))
            .where(dialect.in_ids(self._conn, d.c.plan_id, list(here)))
            .order_by(d.c.plan_id, d.c.position)
        )
        stored: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in self._conn.execute(light).all():
            stored[row.plan_id].append({k: row._mapping[k] for k in _DOCUMENT_KEYS})
        found: dict[str, list[dict[str, Any]]] = {}
        unread: list[str] = []
        for plan_id, letters in stored.items():
            if _same_letters(here[plan_id], theirs.get(plan_id), letters):
                found[plan_id] = theirs[plan_id].fields["documents"]
            else:
                unread.append(plan_id)
        if unread:
            whole = select(d).where(dialect.in_ids(self._conn, d.c.plan_id, unread))
            for letter in self._conn.execute(whole.order_by(d.c.plan_id, d.c.position)).all():
                found.setdefault(letter.plan_id, []).append(_document_field(letter._mapping))
        return found

    def _records(
        self,
        known: Known,
        device: str,
        sqlite: bool,
        whole: Sequence[tuple[str, tuple[Any, ...]]],
        children: Sequence[tuple[_Codec, str, Sequence[str], str, str]],
    ) -> tuple[list[list[Any]], list[list[tuple[str, Record]]], list[dict[str, Any]]]:
        """The rows of the `whole` reads (raw SELECTs with their parameters, `_select`) and,
        per `children` read (codec, key column, ids, order column, extra column or ""), its
        records with their key, in order (of the order column, then id): each the file's own
        record when its digest says so, else read whole; and the extra column's values by record
        id (read beside the digests: none for an export). One round trip for the first reads
        (dialect.fetch_all), one more for the records read whole; a kind of which the file has
        none (an export) is read whole at once."""
        statements = list(whole)
        for codec, key, ids, order, extra in children:
            if not known[codec.kind]:  # none of the file's to compare with (an export): read whole
                statements.append(self._select(codec, key, ids, ()))
                continue
            where, params = dialect.in_ids_sql(self._conn, key, ids)
            also = f', "{extra}"' if extra else ""
            sql = f'SELECT "id", "{key}", "{order}", "digest"{also} FROM "{codec.table.name}" WHERE {where}'
            statements.append((sql, params))
        found = dialect.fetch_all(self._conn, statements)
        rows, light = found[: len(whole)], found[len(whole) :]
        extras = [
            {row[0]: row[4] for row in listed} if extra and known[codec.kind] else {}
            for (codec, _, _, _, extra), listed in zip(children, light, strict=True)
        ]
        # Per children read: its records in order, None where one is to be read whole (by key).
        result: list[list[tuple[str, Record | None]]] = []
        wanted: list[tuple[_Codec, str, set[str], list[str]]] = []
        for (codec, key, _, order, _), listed in zip(children, light, strict=True):
            mine = known[codec.kind]
            if not mine:
                listed.sort(key=operator.itemgetter(codec.columns.index(order), codec.id_at))
                result.append([(row[codec.parent_at], codec.stored(row, device, sqlite)) for row in listed])
                wanted.append((codec, key, set(), []))
                continue
            listed.sort(key=operator.itemgetter(2, 0))
            records: list[tuple[str, Record | None]] = []
            parents: set[str] = set()
            record_ids: list[str] = []
            for record_id, parent, _, digest, *_ in listed:
                record = mine.get(record_id)
                if _same(record, digest):
                    records.append((parent, record))
                else:
                    records.append((parent, None))
                    parents.add(parent)
                    record_ids.append(record_id)
            result.append(records)
            wanted.append((codec, key, parents, record_ids))
        statements = []
        for codec, key, parents, record_ids in wanted:
            if record_ids:
                where, params = dialect.in_ids_sql(self._conn, key, sorted(parents))
                also, more = dialect.in_ids_sql(self._conn, "id", record_ids)
                statements.append((f"{codec.select} WHERE {where} AND {also}", params + more))
        read = iter(dialect.fetch_all(self._conn, statements) if statements else [])
        for (codec, _, _, record_ids), records, listed in zip(wanted, result, light, strict=True):
            if not record_ids:
                continue
            at = operator.itemgetter(codec.parent_at, codec.id_at)
            stored = {at(row): codec.stored(row, device, sqlite) for row in next(read)}
            for i, ((parent, record), row) in enumerate(zip(records, listed, strict=True)):
                if record is None:
                    records[i] = (parent, stored[parent, row[0]])
        return rows, cast(list[list[tuple[str, Record]]], result), extras

    def _decisions(self, household_ids: Sequence[str]) -> tuple[str, tuple[Any, ...]]:
        """`_select` of the decisions of these households' plans (read with the households)."""
        where, params = dialect.in_ids_sql(self._conn, "household_id", household_ids)
        plans = f'SELECT "id" FROM "plans" WHERE {where}'
        return f'{CODECS[RecordKind.DECISION].select} WHERE "plan_id" IN ({plans})', params

    def _select(
        self, codec: _Codec, key: str, ids: Sequence[str], extra: Sequence[str]
    ) -> tuple[str, tuple[Any, ...]]:
        """The raw SELECT of `codec.columns` (then the `extra` ones) of the rows whose `key` is one
        of the ids, through the driver: none of SQLAlchemy's per-value processing."""
        where, params = dialect.in_ids_sql(self._conn, key, ids)
        names = "".join(f', "{c}"' for c in extra)
        sql = codec.select.replace(" FROM ", f"{names} FROM ", 1) if extra else codec.select
        return f"{sql} WHERE {where}", params

    # --- what was sent to whom (--since-last) ----------------------------------------------------

    def sent(self, recipient: str) -> dict[str, str]:
        t = s.exchange_sent
        stmt = select(t.c.household_id, t.c.fingerprint).where(t.c.recipient == recipient)
        return {r.household_id: r.fingerprint for r in self._conn.execute(stmt)}

    def mark_sent(self, recipient: str, fingerprints: dict[str, str]) -> None:
        t = s.exchange_sent
        ids = list(fingerprints)
        for chunk in _chunks(ids):
            self._conn.execute(delete(t).where(t.c.recipient == recipient, t.c.household_id.in_(chunk)))
        if ids:
            self._conn.execute(
                insert(t),
                [
                    {"recipient": recipient, "household_id": h, "fingerprint": f}
                    for h, f in fingerprints.items()
                ],
            )

    # --- writing an import ------------------------------------------------------------------------

    def apply(self, plan: ImportPlan, sender: str) -> int:
        """Write what the import decided (new conflicts included); returns the new conflicts.

        A row the database refuses (a case number stored here for another household) raises
        ConstraintError, and with the unit of work nothing of the import is kept."""
        try:
            return self._apply(plan, sender)
        except IntegrityError as exc:
            raise ConstraintError(
                "Het bestand past niet bij deze database: een dossiernummer in het bestand hoort hier bij "
                "een ander huishouden, of een plan of besluit staat hier al anders vast. Er is niets "
                "ingelezen; neem contact op met de afzender om het dossiernummer recht te zetten."
            ) from exc
        finally:
            for read in (self._search_keys, self._listed, self._plan_statuses):
                read.clear()  # written now: no longer what is stored

    def _apply(self, plan: ImportPlan, sender: str) -> int:
        iso = self._conn.dialect.name == "sqlite"
        values: dict[RecordKind, list[tuple[Any, ...]]] = {kind: [] for kind in RecordKind}
        # Households and members inserted, as records, for their search rows.
        households: list[Record] = []
        members: dict[str, list[Record]] = defaultdict(list)
        decisions: list[Record] = []
        statuses: dict[str, str | None] = {}  # listed plan status of a household written whole

        def add_plan(hid: str, p: PlanTree) -> None:  # a plan written whole, with its children digest
            pid = p.record.id
            row = CODECS[RecordKind.PLAN].values(p.record, hid, iso_dates=iso)
            values[RecordKind.PLAN].append((*row, tree_children_digest(p)))
            add = CODECS[RecordKind.LIFE_AREA].values
            values[RecordKind.LIFE_AREA] += [add(r, pid, iso_dates=iso) for r in p.life_areas]
            add = CODECS[RecordKind.ALLOCATION].values
            values[RecordKind.ALLOCATION] += [add(r, pid, iso_dates=iso) for r in p.allocations]
            if p.decision is not None:
                values[RecordKind.DECISION].append(CODECS[RecordKind.DECISION].values(p.decision, pid))
                decisions.append(p.decision)

        for tree in plan.new_trees:
            hid = tree.record.id
            households.append(tree.record)
            members[hid] += tree.members
            add = CODECS[RecordKind.MEMBER].values
            values[RecordKind.MEMBER] += [add(m, hid, iso_dates=iso) for m in tree.members]
            for p in tree.plans:
                add_plan(hid, p)
            statuses[hid] = listed_status_of(p.status for p in tree.plans)
        for hid, p in plan.new_plans:
            add_plan(hid, p)
        updates: list[Write] = []
        new_plans, children = self._children_written(plan.writes)
        for w in plan.writes:
            if not w.insert:
                updates.append(w)
            elif w.kind is RecordKind.HOUSEHOLD:
                households.append(w.record)
            elif w.kind is RecordKind.PLAN:
                row = CODECS[w.kind].values(w.record, w.parent_id, iso_dates=iso)
                values[w.kind].append((*row, children_digest(*children.get(w.record.id, ([], [])))))
            else:
                if w.kind is RecordKind.MEMBER:
                    members[w.parent_id].append(w.record)
                elif w.kind is RecordKind.DECISION:
                    decisions.append(w.record)
                values[w.kind].append(CODECS[w.kind].values(w.record, w.parent_id, iso_dates=iso))
        rows, words, prefixes = self._search_rows(households, members, statuses, iso)
        values[RecordKind.HOUSEHOLD] = rows
        fresh = {r.id for r in households}
        # The search rows of a changed household are refreshed from what they were before: when
        # a member changed, or what the search keeps of the household itself (case number,
        # postcode); a new street or safety note leaves them as they are.
        changed = {w.record.id: w.record.fields for w in updates if w.kind is RecordKind.HOUSEHOLD}
        touched = {w.parent_id for w in plan.writes if w.kind is RecordKind.MEMBER} - fresh
        before = self._household_rows(sorted(changed))
        touched |= {
            hid
            for hid, fields in changed.items()
            if hid not in before or any(before[hid][c] != fields[c] for c in _SEARCHED_HOUSEHOLD)
        }
        before |= self._household_rows(sorted(touched - before.keys()))
        for kind in RecordKind:  # parents before children: the enum is in that order
            columns = _INSERTED_COLUMNS.get(kind, CODECS[kind].columns)
            dialect.insert_many(self._conn, CODECS[kind].table, columns, values[kind])
        dialect.insert_many(self._conn, s.household_words, _WORD_COLUMNS, words)
        dialect.insert_many(self._conn, s.household_prefixes, _PREFIX_COLUMNS, prefixes)
        self._documents(decisions)
        self._update(updates, iso)
        refresh_search(self._conn, touched, before)
        self._refresh_listed(plan.writes, plan.new_plans)
        # A stored plan whose results or allocations were written: its children digest is no
        # longer known (`trees` reads them next time); one added now has its own, as written.
        stale = sorted(set(children) - new_plans)
        for chunk in _chunks(stale):
            where, params = dialect.in_ids_sql(self._conn, "id", chunk)
            self._conn.exec_driver_sql(f'UPDATE "plans" SET "children_digest" = NULL WHERE {where}', params)
        return self._conflicts(plan.conflicts, sender)

    @staticmethod
    def _children_written(
        writes: Sequence[Write],
    ) -> tuple[set[str], dict[str, tuple[list[bytes | None], list[bytes | None]]]]:
        """The plans the writes add, and per plan the digests of the results and allocations
        written (for a plan added now: all of them, since it had none)."""
        new_plans = {w.record.id for w in writes if w.insert and w.kind is RecordKind.PLAN}
        children: dict[str, tuple[list[bytes | None], list[bytes | None]]] = {}
        for w in writes:
            if w.kind in (RecordKind.LIFE_AREA, RecordKind.ALLOCATION):
                at = 0 if w.kind is RecordKind.LIFE_AREA else 1
                children.setdefault(w.parent_id, ([], []))[at].append(content_digest(w.record))
        return new_plans, children

    def _refresh_listed(self, writes: Sequence[Write], new_plans: Sequence[tuple[str, PlanTree]]) -> None:
        """The listed plan status of each household whose plans were written: worked out from its
        plans as `trees` read them with the written ones in their place, and stored where it
        changed. One the import did not read (new here) is worked out by the server. An UPDATE
        with the status subquery per household cost more (0.60 against 0.52 s of an ingest)."""
        written: dict[str, dict[str, str]] = defaultdict(dict)
        for w in writes:
            if w.kind is RecordKind.PLAN:
                written[w.parent_id][w.record.id] = str(w.record.fields["status"])
        for hid, p in new_plans:
            written[hid][p.record.id] = p.status
        changed: dict[str | None, list[str]] = defaultdict(list)  # listed status → households
        unread: list[str] = []
        for hid, statuses in written.items():
            if hid not in self._plan_statuses:
                unread.append(hid)
                continue
            listed = listed_status_of({**self._plan_statuses[hid], **statuses}.values())
            if listed != self._listed[hid]:
                changed[listed].append(hid)
        mark = dialect.placeholder(self._conn)
        for listed, ids in changed.items():  # a statement per status: one per row cost more
            for chunk in _chunks(sorted(ids)):
                where, params = dialect.in_ids_sql(self._conn, "id", chunk)
                sql = f'UPDATE "households" SET "plan_status" = {mark} WHERE {where}'
                self._conn.exec_driver_sql(sql, (listed, *params))
        refresh_plan_status(self._conn, unread)

    def _household_rows(self, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The search keys of these households as stored (those `trees` read in this unit of work
        as it read them: nothing writes a household between reading and applying an import)."""
        found = {hid: self._search_keys[hid] for hid in ids if hid in self._search_keys}
        missing = [hid for hid in ids if hid not in found]
        if missing:
            h = s.households
            stmt = select(h.c.id, *(h.c[c] for c in _SEARCH_KEYS)).where(
                dialect.in_ids(self._conn, h.c.id, missing)
            )
            found |= {r.id: dict(r._mapping) for r in self._conn.execute(stmt).all()}
        return found

    def _update(self, updates: list[Write], iso: bool) -> None:
        """Replace the stored records' fields and stamps: one executemany per kind and set of
        columns (on a server the rows go in one pipeline, not a round trip each), keyed by id and
        parent. Of a record whose stored version the write knows (`here`, read in this unit of
        work), only the fields that differ are written, with its stamp: a column set to the value
        it holds still costs its indexes their update (SQLite), and the server its bytes."""
        # A record written twice (a file holding it twice) is written whole each time, as before.
        twice = {i for i, n in Counter(w.record.id for w in updates).items() if n > 1}
        groups: dict[tuple[RecordKind, tuple[str, ...]], list[Write]] = defaultdict(list)
        for w in updates:
            codec = CODECS[w.kind]
            if w.here is None or w.kind is RecordKind.DECISION or w.record.id in twice:
                columns = tuple(codec.fields)
            else:
                mine, theirs = w.here.fields, w.record.fields
                columns = tuple(c for c in codec.fields if mine.get(c) != theirs.get(c))
            groups[w.kind, columns].append(w)
        for (kind, fields), writes in groups.items():
            codec = CODECS[kind]
            key = (
                ("plan_id",)
                if kind is RecordKind.DECISION
                else ("id", *((codec.parent,) if codec.parent else ()))
            )
            at = [codec.columns.index(c) for c in key]
            chosen = set(fields)
            sets = [
                i
                for i, c in enumerate(codec.columns)
                if c not in key and (c in chosen or c not in codec.fields)
            ]
            assignments = ", ".join(f'"{codec.columns[i]}" = ?' for i in sets)
            where = " AND ".join(f'"{c}" = ?' for c in key)
            rows = []
            for w in writes:
                found = codec.values(w.record, w.parent_id, iso_dates=iso)
                rows.append((*(found[i] for i in sets), *(found[i] for i in at)))
            sql = f'UPDATE "{codec.table.name}" SET {assignments} WHERE {where}'
            self._conn.exec_driver_sql(dialect.driver_sql(self._conn, sql), rows)

    def _documents(self, decisions: list[Record]) -> None:
        """The stored letters of new decisions, exactly as sent; each checked against its SHA-256
        (the file's signature covers it too) before it is written."""
        rows = []
        for record in decisions:
            for doc in record.fields.get("documents", ()):
                pdf = base64.b64decode(doc["pdf"], validate=True)
                if hashlib.sha256(pdf).hexdigest() != doc["sha256"]:
                    raise ConstraintError(
                        "Een brief in het bestand klopt niet met zijn controlecode. Er is niets ingelezen; "
                        "vraag de afzender het bestand opnieuw te maken."
                    )
                rows.append((*(doc[k] for k in _DOCUMENT_KEYS), record.id, pdf))
        dialect.insert_many(self._conn, s.decision_documents, (*_DOCUMENT_KEYS, "plan_id", "pdf"), rows)

    def _search_rows(
        self,
        households: list[Record],
        members: dict[str, list[Record]],
        statuses: dict[str, str | None],
        iso: bool,
    ) -> tuple[list[tuple[Any, ...]], list[tuple[str, ...]], list[tuple[str, ...]]]:
        """The rows of new households with their derived columns (search keys, and the listed plan
        status when the household came whole), their name words and their name prefixes."""
        codec = CODECS[RecordKind.HOUSEHOLD]
        rows: list[tuple[Any, ...]] = []
        words: list[tuple[str, ...]] = []
        prefixes: list[tuple[str, ...]] = []
        for record in households:
            hid = record.id
            ms = sorted(members.get(hid, ()), key=lambda m: (m.fields["position"], m.id))
            model = convert.household_from(
                {**record.fields, "id": hid, "revision": record.stamp.revision},
                [convert.member_from({**m.fields, "id": m.id, "revision": m.stamp.revision}) for m in ms],
            )
            derived, found_words, found_prefixes = household_search_rows(model)
            rows.append((*codec.values(record, "", iso_dates=iso), *derived, statuses.get(hid)))
            words += found_words
            prefixes += found_prefixes
        return rows, words, prefixes

    def _conflicts(self, conflicts: list[Conflict], sender: str) -> int:
        """Queue the conflicts not queued before (the same record's same version from a file read
        again): those stored are read at once per kind, the new ones written in one executemany."""
        t = s.exchange_conflicts
        key = ("record_kind", "record_id", "parent_id", "incoming_revision", "incoming_device")
        known: set[tuple[Any, ...]] = set()
        by_kind: dict[str, set[str]] = defaultdict(set)
        for c in conflicts:
            by_kind[c.kind.value].add(c.incoming.id)
        for kind, record_ids in by_kind.items():
            for chunk in _chunks(sorted(record_ids)):
                where, params = dialect.in_ids_sql(self._conn, "record_id", chunk)
                mark = dialect.placeholder(self._conn)
                sql = f'SELECT {", ".join(key)} FROM "{t.name}" WHERE record_kind = {mark} AND {where}'
                known |= {tuple(r) for r in self._conn.exec_driver_sql(sql, (kind, *params))}
        now = datetime.now(UTC).isoformat()
        rows: list[tuple[Any, ...]] = []
        for c in conflicts:
            st = c.incoming.stamp
            version = (c.kind.value, c.incoming.id, c.parent_id, st.revision, st.changed_device)
            if version in known:
                continue
            known.add(version)
            here = _dumps(c.here.to_json()) if c.here else None
            rows.append(
                (str(uuid.uuid4()), c.household_id, *version, here, _dumps(c.incoming.to_json()), sender, now)
            )
        columns = ("id", "household_id", *key, "here", "incoming", "sender", "created")
        dialect.insert_many(self._conn, t, columns, rows)
        return len(rows)

    # --- conflicts left for a person ------------------------------------------------------------

    def open_conflicts(self) -> list[StoredConflict]:
        return self._stored_conflicts(s.exchange_conflicts.c.resolved.is_(None))

    def conflict(self, conflict_id: str) -> StoredConflict | None:
        found = self._stored_conflicts(s.exchange_conflicts.c.id == conflict_id)
        return found[0] if found else None

    def keep_here(self, conflict_id: str, record: Record | None) -> None:
        t = s.exchange_conflicts
        here = _dumps(record.to_json()) if record else None
        self._conn.execute(update(t).where(t.c.id == conflict_id).values(here=here))

    def _stored_conflicts(self, where: Any) -> list[StoredConflict]:
        t, h = s.exchange_conflicts, s.households
        stmt = (
            select(t, h.c.case_number)
            .select_from(t.outerjoin(h, h.c.id == t.c.household_id))
            .where(where)
            .order_by(h.c.case_number, t.c.created, t.c.id)
        )
        return [
            StoredConflict(
                id=r.id,
                household_id=r.household_id,
                case_number=r.case_number or "",
                kind=RecordKind(r.record_kind),
                record_id=r.record_id,
                parent_id=r.parent_id,
                here=Record.from_json(json.loads(r.here)) if r.here else None,
                incoming=Record.from_json(json.loads(r.incoming)),
                sender=r.sender,
                created=r.created,
                resolved=r.resolved,
            )
            for r in self._conn.execute(stmt)
        ]

    def current(self, kind: RecordKind, record_id: str, parent_id: str) -> Record | None:
        """The record as stored now (None: not stored)."""
        codec = CODECS[kind]
        params: tuple[str, ...]
        if kind is RecordKind.DECISION:
            where, params = '"plan_id" = ?', (record_id,)
        elif codec.parent:
            where, params = f'"id" = ? AND "{codec.parent}" = ?', (record_id, parent_id)
        else:
            where, params = '"id" = ?', (record_id,)
        sql = dialect.driver_sql(self._conn, f"{codec.select} WHERE {where}")
        row = self._conn.exec_driver_sql(sql, params).first()
        sqlite = self._conn.dialect.name == dialect.SQLITE
        return codec.stored(row, self.author()[1], sqlite) if row else None

    def mark_resolved(self, conflict_id: str) -> bool:
        t = s.exchange_conflicts
        result = self._conn.execute(  # again when resolved again (reversed)
            update(t).where(t.c.id == conflict_id).values(resolved=datetime.now(UTC).isoformat())
        )
        return result.rowcount > 0
