"""Which households every typed word names, read so that no query sorts a large share of them.

A long or rare word matches few households: those are found through the word index and sorted.
A short common word ("j", "de", "van") matches tens of thousands at 100,000 households; sorting
them all before the LIMIT was the cost (41-184 ms). Its first page is read in name order straight
off the household_prefixes key instead, testing each household for the typed words, and the
walk stops after `limit` matches (db.schema, migration 0009; tests/benchmarks/bench_search.py).

Filtered on a plan status few households have ("j" + afgesloten), that walk would pass every "j"
household; then the households with that status are walked in name order instead, off their
stored status index (db/plan_status.py, migration 0012), each tested for the typed words.

PostgreSQL runs the same walk as one statement, as SQLite does, once its planner cannot turn the
probes into joins: each is a subquery per household walked (dialect.per_row), so the walk stops
at its LIMIT (a window of the first 1,000, then the whole walk again, was 46-48 ms for
"van der s"; now 6-12 ms at 100,000: tests/db/test_search_walk.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, exists, func, literal_column, select, true

from db import schema as s
from db.dialect import POSTGRESQL, per_row, per_row_exists
from db.search import SHORT_WORD, word_range

# A word with fewer matches than this is cheap to sort (a few ms); counting stops here.
NARROW = 1000
# Choosing which common word to walk, counting stops here (about 1 ms).
WALK_COUNT = 10000
_OTHER = s.household_words.alias("other_word")


def name_matches(
    conn: Connection,
    typed: tuple[str, ...],
    column: str,
    limit: int,
    filters: list[Any],
    status: str | None = None,
) -> Any:
    """A select of household ids where every typed word starts a name word (`column` "word") or
    the sound of one ("sound"): either all matches (few), or the first `limit` in name order.
    `filters` narrow the households; `status`, when one of them is the listed plan status, may
    be walked instead of the words."""
    w, p, h = s.household_words, s.household_prefixes, s.households
    distinct = list(dict.fromkeys(typed))
    counts = {word: _count(conn, column, word, NARROW) for word in distinct}
    narrowest = min(distinct, key=lambda word: (counts[word], -len(word)))
    if status is not None and counts[narrowest] >= NARROW:
        # Many name matches: walk the households with the status when they are fewer (the walk
        # then ends after at most that many probes, or after `limit` matches).
        with_status = _count_status(conn, status, WALK_COUNT)
        if with_status < WALK_COUNT and with_status < _count(conn, column, narrowest, WALK_COUNT):
            walk = (
                select(h.c.id)
                .where(h.c.plan_status == status, *filters)
                .where(*(_has(conn, h.c.id, column, word) for word in distinct))
                .order_by(h.c.display_name, h.c.case_number)
                .limit(limit)
                .subquery()
            )
            return select(walk.c.id)
    if column == "word" and counts[narrowest] >= NARROW:
        # Every word is common: walk one in name order, first `limit` only; each candidate is
        # confirmed in household_words (the prefix rows only give the order). The walk goes
        # through the rarest first letters ("der" rather than "van" in "van der", "dij" in
        # "van dijk"), where the other words are likeliest to be found together.
        starts = list(dict.fromkeys(word[:SHORT_WORD] for word in distinct))
        sizes = {start: _count(conn, column, start, WALK_COUNT) if len(starts) > 1 else 0 for start in starts}
        driver = min(reversed(starts), key=sizes.__getitem__)  # a tie: the word typed last
        probes = [_has(conn, p.c.household_id, column, word) for word in distinct]
        if conn.dialect.name == POSTGRESQL:
            # Dialect difference: PostgreSQL reads the household per row too (a LATERAL subquery,
            # dialect.per_row), after the word probes. A plain join its planner may make a hash
            # of every household the filters keep (all concept plans) and sort what the walk
            # meets among them; an EXISTS it may test before the words, on every row walked.
            # (A household with its words exists: their rows go with it, by foreign key.)
            rows = select(p.c.household_id).where(p.c.prefix == driver, *probes)
            if filters:
                kept: Select[Any] = select(literal_column("1")).where(h.c.id == p.c.household_id, *filters)
                rows = rows.select_from(p.join(per_row(conn, kept).lateral("kept"), true()))
        else:
            rows = (
                select(p.c.household_id)
                .join(h, h.c.id == p.c.household_id)
                .where(p.c.prefix == driver, *filters)
                .where(*probes)
            )
        walk = rows.order_by(p.c.display_name, p.c.case_number).limit(limit).subquery()
        return select(walk.c.household_id)
    # Few matches (or the forgiving reading, which comes only after fewer than `limit` exact
    # ones): the narrowest word's households, each tested for the other words, to be sorted.
    # Every match is read, so PostgreSQL may join them as it likes (a hash of a common sound's
    # households beats probing each: there is no index on household_id and sound).
    return (
        select(w.c.household_id)
        .where(w.c[column].between(*word_range(narrowest)))
        .where(*(_has(conn, w.c.household_id, column, word, False) for word in distinct if word != narrowest))
    )


def _has(conn: Connection, household_id: Any, column: str, word: str, walked: bool = True) -> Any:
    """Whether the household has a name word starting with `word`. In a walk (`walked`): one
    index probe per household read, on both engines (dialect.per_row_exists), so that the walk
    stops at its LIMIT."""
    other = _OTHER  # one alias serves every probe: each is its own EXISTS scope
    where = (other.c.household_id == household_id, other.c[column].between(*word_range(word)))
    return per_row_exists(conn, *where) if walked else exists().where(*where)


def _count_status(conn: Connection, status: str, cap: int) -> int:
    """How many households are listed with this plan status, counted up to `cap`."""
    h = s.households
    rows = select(h.c.id).where(h.c.plan_status == status).limit(cap)
    return conn.execute(select(func.count()).select_from(rows.subquery())).scalar_one()


def _count(conn: Connection, column: str, word: str, cap: int) -> int:
    """How many name words start with `word`, counted up to `cap`."""
    w, p = s.household_words, s.household_prefixes
    if column == "word" and len(word) <= SHORT_WORD:
        rows = select(p.c.household_id).where(p.c.prefix == word)
    else:
        rows = select(w.c.household_id).where(w.c[column].between(*word_range(word)))
    return conn.execute(select(func.count()).select_from(rows.limit(cap).subquery())).scalar_one()
