"""The search rows of many changed households refreshed at once (an import, an office ingest).

The same rows HouseholdRepository._refresh_search writes for one household after a save — the
derived columns, the name words, the name prefixes, from the household as now stored — but read
and written a chunk of households at a time: a few statements per chunk instead of six per
household, which on a server were most of an ingest's round trips.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from db import convert, dialect
from db import schema as s
from db.search import SEARCH_COLUMNS, household_search_rows, prefix_rows

_CHUNK = 500


def refresh_many(
    conn: Connection, household_ids: Iterable[str], before: Mapping[str, Mapping[str, Any]]
) -> None:
    """Refresh the search rows of these households; `before`: each one's households row as it was
    before the change (absent for a household new in this unit of work)."""
    ids = sorted(set(household_ids))
    for i in range(0, len(ids), _CHUNK):
        _refresh(conn, ids[i : i + _CHUNK], before)


def _refresh(conn: Connection, ids: list[str], before: Mapping[str, Mapping[str, Any]]) -> None:
    h, m, w, p = s.households, s.members, s.household_words, s.household_prefixes
    rows = {r.id: r._mapping for r in conn.execute(select(h).where(dialect.in_ids(conn, h.c.id, ids)))}
    members: dict[str, list[Any]] = defaultdict(list)
    stmt = (
        select(m)
        .where(dialect.in_ids(conn, m.c.household_id, ids))
        .order_by(m.c.household_id, m.c.position, m.c.id)
    )
    for r in conn.execute(stmt):
        members[r.household_id].append(convert.member_from(r._mapping))
    stored_words: dict[str, set[str]] = defaultdict(set)
    for r in conn.execute(
        select(w.c.household_id, w.c.word).where(dialect.in_ids(conn, w.c.household_id, ids))
    ):
        stored_words[r.household_id].add(r.word)
    fields: list[dict[str, Any]] = []
    gone_words: list[dict[str, str]] = []
    new_words: list[dict[str, str]] = []
    gone_prefixes: list[dict[str, str]] = []
    new_prefixes: list[dict[str, str]] = []
    for hid in ids:
        row = rows.get(hid)
        if row is None:
            continue
        model = convert.household_from(row, members.get(hid, []))
        derived, word_rows, prefixes = household_search_rows(model)
        if any(row[c] != v for c, v in zip(SEARCH_COLUMNS, derived, strict=True)):
            fields.append({"x_id": hid, **dict(zip(SEARCH_COLUMNS, derived, strict=True))})
        wanted = {r[0]: r for r in word_rows}
        stored = stored_words.get(hid, set())
        gone_words += [{"x_id": hid, "x_word": x} for x in sorted(stored - wanted.keys())]
        new_words += [
            {"word": x, "sound": wanted[x][1], "household_id": hid} for x in wanted if x not in stored
        ]
        was = before.get(hid)
        old = (
            {
                tuple(r.values())
                for r in prefix_rows(sorted(stored), was["display_name"], was["case_number"], hid)
            }
            if was
            else set()
        )
        gone_prefixes += [
            {"x_prefix": a, "x_name": b, "x_case": c, "x_id": d} for a, b, c, d in sorted(old - set(prefixes))
        ]
        new_prefixes += [
            {"prefix": a, "display_name": b, "case_number": c, "household_id": d}
            for a, b, c, d in prefixes
            if (a, b, c, d) not in old
        ]
    if fields:
        conn.execute(update(h).where(h.c.id == bindparam("x_id")), fields)
    if gone_words:
        conn.execute(
            delete(w).where(w.c.household_id == bindparam("x_id"), w.c.word == bindparam("x_word")),
            gone_words,
        )
    if new_words:
        conn.execute(insert(w), new_words)
    if gone_prefixes:
        conn.execute(
            delete(p).where(
                p.c.prefix == bindparam("x_prefix"),
                p.c.display_name == bindparam("x_name"),
                p.c.case_number == bindparam("x_case"),
                p.c.household_id == bindparam("x_id"),
            ),
            gone_prefixes,
        )
    if new_prefixes:
        conn.execute(dialect.insert_ignoring_duplicates(conn, p), new_prefixes)
