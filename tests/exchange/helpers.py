"""Shared pieces of the exchange tests: keys, databases, a full dump to compare."""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from db import schema as s
from db.database import Database
from db.dialect import is_url
from planner.exchange.envelope import encrypt, sign, signing_public_text
from planner.services import exchange
from planner.services.exchange import ImportResult
from tests.db.raw import raw_connect

# The record tables whose every row must travel; the rest is per device (settings, the conflicts
# an import left, what was sent to whom) or derived from them (name words).
RECORD_TABLES = (
    "households",
    "members",
    "plans",
    "life_area_results",
    "allocations",
    "decisions",
    "decision_documents",
)
# Columns that are this database's own bookkeeping: when it last saved a plan, and whether it
# knows the digest of the plan's children (a laptop may, where the office does not).
LOCAL_COLUMNS = {"plans": {"changed_on", "children_digest"}}


def _plain(value: Any) -> Any:
    """A value as SQLite's driver gives it, whichever engine stored it: dates as ISO text, a
    boolean as 0/1, bytes as bytes (psycopg gives date, bool and memoryview)."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def dump(path: Path, tables: tuple[str, ...] | None = None) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (or of `tables`), sorted: equal dumps are equal data."""
    conn = raw_connect(path)
    try:
        names = tables or (*tuple(t.name for t in s.metadata.sorted_tables), "alembic_version")
        out = {}
        for name in names:
            cursor = conn.execute(f'SELECT * FROM "{name}"')
            columns = [c[0] for c in cursor.description]
            keep = [i for i, c in enumerate(columns) if c not in LOCAL_COLUMNS.get(name, ())]
            rows = (tuple(_plain(r[i]) for i in keep) for r in cursor.fetchall())
            out[name] = sorted(rows, key=repr)
        return out
    finally:
        conn.close()


def file_bytes(path: Path) -> bytes:
    """The database file with its -wal, as bytes: unchanged means byte for byte. On a server
    (a URL) every row of every table, which is what unchanged means there."""
    if is_url(path):
        return repr(dump(path)).encode()
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


class Side:
    """One laptop or the office: a database, a signing key and an age identity."""

    def __init__(self, path: Path, name: str, db: Database | None = None) -> None:
        import pyrage

        self.path = path
        self.name = name
        self.db = db if db is not None else Database.open(path)
        self.signing = Ed25519PrivateKey.generate()
        self.identity = pyrage.x25519.Identity.generate()
        self.trusted: dict[str, str] = {self.public: name}

    @property
    def public(self) -> str:
        return signing_public_text(self.signing.public_key())

    @property
    def recipient(self) -> str:
        return str(self.identity.to_public())

    def trust(self, other: Side) -> None:
        self.trusted[other.public] = other.name

    def export(
        self, to: Side | None = None, cases: list[str] | None = None, since_last: bool = False
    ) -> bytes:
        recipient = to.recipient if to else "plain"
        made = exchange.export_households(self.db, cases, since_last=recipient if since_last else None)
        from planner.exchange.document import dumps

        signed = sign(dumps(made.document), self.signing)
        data = encrypt(signed, [to.recipient]) if to else signed
        exchange.remember_export(self.db, recipient, made)
        return data

    def import_(self, data: bytes, dry_run: bool = False) -> ImportResult:
        incoming = exchange.read_households(data, self.trusted, [str(self.identity)])
        return exchange.import_households(self.db, incoming, dry_run=dry_run)


def sqlite_dump_rows(path: Path) -> sqlite3.Connection:  # pragma: no cover - debugging aid
    return raw_connect(path)


def edit_household(side: Side, case: str, change: Any) -> None:
    """Change a household the way the window saves it (a revision-checked save)."""
    with side.db.unit_of_work() as uow:
        household = uow.households.by_case_number(case)
        assert household is not None
        change(household)
        uow.households.save(household)


def edit_plan(side: Side, case: str, change: Any) -> None:
    """Change the household's concept plan the way the window saves it."""
    with side.db.unit_of_work() as uow:
        household = uow.households.by_case_number(case)
        assert household is not None
        plan = next(p for p in uow.plans.for_household(household.id) if p.status.value == "concept")
        change(plan)
        uow.plans.save(plan)


def three_sides(tmp_path: Path, office_path: Path | None = None) -> tuple[Side, Side, Side]:
    """Laptop A with the demo region, the office (at `office_path`: a file or a server URL) and
    laptop B holding what A sent (through the office), each trusting the others."""
    from tests.planner.showcase_documents import demo_database

    a = Side(tmp_path / "a.db", "Laptop A", demo_database(tmp_path / "a.db"))
    office = Side(office_path or tmp_path / "office.db", "Kantoor")
    b = Side(tmp_path / "b.db", "Laptop B")
    for x in (a, office, b):
        for y in (a, office, b):
            if x is not y:
                x.trust(y)
    office.import_(a.export(to=office))
    b.import_(office.export(to=b))
    return a, office, b


def stale_digests(path: Path) -> list[tuple[str, str, bool]]:
    """(table, id, digest is NULL) of every stored record whose digest is not the one of what its
    row holds now (db/exchange.py): a NULL one counts too, since every write stores one."""
    from db.authorship import KEY_DEVICE
    from db.exchange import CODECS
    from planner.exchange.records import RecordKind, children_digest, content_digest

    conn = raw_connect(path)
    mark = "%s" if is_url(path) else "?"
    children: defaultdict[str, tuple[list[bytes | None], list[bytes | None]]] = defaultdict(lambda: ([], []))
    try:
        found = conn.execute(f"SELECT value FROM settings WHERE key = {mark}", (KEY_DEVICE,)).fetchone()
        device = found[0] if found else ""
        stale = []
        for kind in RecordKind:
            if kind is RecordKind.DECISION:
                continue
            codec = CODECS[kind]
            for row in conn.execute(codec.select).fetchall():
                digest = row[codec.digest_at]
                record = codec.stored(row, device, not is_url(path))
                if digest is None or bytes(digest) != content_digest(record):
                    stale.append((codec.table.name, row[codec.id_at], digest is None))
                if kind in (RecordKind.LIFE_AREA, RecordKind.ALLOCATION):
                    at = int(kind is RecordKind.ALLOCATION)
                    children[row[codec.parent_at]][at].append(content_digest(record))
        # A plan's children digest may be unknown (NULL); a known one is that of its children now.
        for plan_id, known in conn.execute("SELECT id, children_digest FROM plans").fetchall():
            if known is not None and bytes(known) != children_digest(*children[plan_id]):
                stale.append(("plans.children_digest", plan_id, False))
        return stale
    finally:
        conn.close()


def unknown_children_digests(path: Path) -> list[str]:
    """The plans whose children digest is not known (NULL): their results are read on import."""
    conn = raw_connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM plans WHERE children_digest IS NULL ORDER BY id")]
    finally:
        conn.close()
