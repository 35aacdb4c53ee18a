"""Repositories over one open transaction; `Database.unit_of_work()` hands out a `UnitOfWork`.

All reads and writes are SQLAlchemy Core statements on one connection, so everything done in
a unit of work commits or rolls back together. Bulk paths use executemany (one statement, many
parameter sets), which is what keeps 29,000 rows well under a second.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Date,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.exc import IntegrityError

from db import authorship, convert, dialect, records
from db import schema as s
from db.caseload import CaseloadQuery
from db.errors import ConstraintError, PlanDecidedElsewhereError
from db.exchange import ExchangeRepository, row_digest
from db.monitor import MonitorQuery
from db.name_search import name_matches
from db.plan_status import refresh as refresh_plan_status
from db.records import Row, Snapshot, snapshot_of, values
from db.saving import Journal, RecordSaver
from db.search import (
    Query,
    household_prefix_rows,
    household_search_fields,
    household_word_rows,
    parse_query,
    prefix_rows,
    word_range,
)
from planner.catalogue import Catalogue
from planner.errors import FrozenPlanError
from planner.exchange.records import RecordKind, children_digest
from planner.model import Allocation, Household, LifeAreaResult, Plan, PlanStatus
from planner.plans import active_plan
from planner.summaries import HouseholdSummary

if TYPE_CHECKING:  # the renderers (reportlab) stay out of the window's start (issue 11.8)
    from planner.documents.rendering import StoredDocument
    from planner.documents.service import DecidedPlan


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows (dicts) in the current transaction through `dialect.insert_many`: as
    tuples, straight to the driver; on SQLite dates as ISO text, as SQLAlchemy's Date stores them."""
    if not rows:
        return
    # The columns the rows give: one the model does not write (households.archived_on) stays NULL.
    given = [c for c in table.columns if c.name in rows[0]]
    names = [c.name for c in given]
    dates = [c.name for c in given if isinstance(c.type, Date)] if conn.dialect.name == dialect.SQLITE else []
    for row in rows:
        for name in dates:
            value = row[name]
            if value is not None:
                row[name] = value.isoformat()
    pick = itemgetter(*names)
    dialect.insert_many(conn, table, names, [pick(r) for r in rows])


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """SQLite limits bound parameters per statement; IN lists go in slices."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# --- households ------------------------------------------------------------------------------


# Above this many case number or postcode matches a search walks the households in name order
# instead of sorting them all.
BROAD_SEARCH = 5000


class HouseholdRepository:
    def __init__(self, conn: Connection, journal: Journal | None = None) -> None:
        self._conn = conn
        self._journal = journal if journal is not None else Journal()

    def get(self, household_id: str) -> Household | None:
        row = self._conn.execute(select(s.households).where(s.households.c.id == household_id)).first()
        return self._assemble(row._mapping) if row else None

    def by_case_number(self, case_number: str) -> Household | None:
        row = self._conn.execute(
            select(s.households).where(s.households.c.case_number == case_number)
        ).first()
        return self._assemble(row._mapping) if row else None

    def _assemble(self, row: Any) -> Household:
        member_rows = self._member_rows(row["id"])
        household = convert.household_from(row, [convert.member_from(r) for r in member_rows.values()])
        household.base = Snapshot(row["id"], {"household": {row["id"]: dict(row)}, "member": member_rows})
        return household

    def _member_rows(self, household_id: str) -> dict[str, Row]:
        m = s.members
        stmt = select(m).where(m.c.household_id == household_id).order_by(m.c.position, m.c.id)
        return {r.id: dict(r._mapping) for r in self._conn.execute(stmt)}

    def exists(self, household_id: str) -> bool:
        return self._revision(household_id) is not None

    def _revision(self, household_id: str) -> int | None:
        return self._conn.execute(
            select(s.households.c.revision).where(s.households.c.id == household_id)
        ).scalar()

    def save(self, household: Household, *, bump_revision: bool = True) -> None:
        """Write what changed in the household and its members, record by record.

        Each record (the household's own fields, each member) is compared with the stored one:
        only records changed here are written, each with its revision one up; a member added
        elsewhere is kept, one removed here is deleted. When another writer changed the same
        field, ConflictError says which and nothing is written. Afterwards `household` and its
        members carry their new revisions. `bump_revision=False` writes the revisions as given
        and takes every difference as ours (for the importer, which compares revisions itself).
        """
        row = self._conn.execute(select(s.households).where(s.households.c.id == household.id)).first()
        stored = dict(row._mapping) if row else None
        saver = RecordSaver(
            self._conn, self._journal, snapshot_of(household) if bump_revision else None, bump=bump_revision
        )
        saver.record(records.HOUSEHOLD, household, household.id, 0, stored)
        saver.children(
            records.MEMBER, household.members, household.id, self._member_rows(household.id) if stored else {}
        )
        saver.raise_conflicts()
        try:
            saver.execute()
            if saver.writes_anything:
                self._refresh_search(household.id, stored)
        except IntegrityError as exc:
            raise _household_constraint(household, exc) from exc
        self._journal.set(household, "base", saver.snapshot(household.id))

    def _refresh_search(self, household_id: str, before: dict[str, Any] | None) -> None:
        """Names and keys for lists and search, from the household as now stored (with members
        another window added), written only where they differ. `before`: the household row as
        it was before this save (None for a new household)."""
        merged = self.get(household_id)
        assert merged is not None
        h, w = s.households, s.household_words
        wanted = household_search_fields(merged)
        current = self._conn.execute(select(*(h.c[k] for k in wanted)).where(h.c.id == household_id)).one()
        changes = {k: v for k, v in wanted.items() if current._mapping[k] != v}
        if changes:
            self._conn.execute(update(h).where(h.c.id == household_id).values(changes))
        rows = {r["word"]: r for r in household_word_rows(merged)}
        words = set(rows)
        stored: set[str] = set(
            self._conn.execute(select(w.c.word).where(w.c.household_id == household_id)).scalars()
        )
        if stored - words:
            self._conn.execute(
                delete(w).where(w.c.household_id == household_id, w.c.word.in_(stored - words))
            )
        if words - stored:
            self._conn.execute(insert(w), [rows[x] for x in words - stored])
        old = (
            prefix_rows(sorted(stored), before["display_name"], before["case_number"], household_id)
            if before
            else []
        )
        self._replace_prefixes(old, household_prefix_rows(merged))

    def _replace_prefixes(self, old: list[dict[str, str]], new: list[dict[str, str]]) -> None:
        """Swap the household's household_prefixes rows, each addressed by its full key."""
        p = s.household_prefixes
        key = itemgetter("prefix", "display_name", "case_number", "household_id")
        gone, added = {key(r) for r in old} - {key(r) for r in new}, [r for r in new if r not in old]
        if gone:
            self._conn.execute(
                delete(p).where(
                    p.c.prefix == bindparam("x_prefix"),
                    p.c.display_name == bindparam("x_name"),
                    p.c.case_number == bindparam("x_case"),
                    p.c.household_id == bindparam("x_id"),
                ),
                [{"x_prefix": a, "x_name": b, "x_case": c, "x_id": d} for a, b, c, d in gone],
            )
        if added:
            self._conn.execute(dialect.insert_ignoring_duplicates(self._conn, p), added)

    def delete(self, household_id: str) -> bool:
        """Delete the household with its members, plans and decisions. False if it did not exist."""
        h, w = s.households, s.household_words
        row = self._conn.execute(
            select(h.c.display_name, h.c.case_number).where(h.c.id == household_id)
        ).first()
        if row is not None:  # its prefix rows have no foreign key to cascade along (db.schema)
            stored: list[str] = list(
                self._conn.execute(select(w.c.word).where(w.c.household_id == household_id)).scalars()
            )
            self._replace_prefixes(prefix_rows(stored, row[0], row[1], household_id), [])
        result = self._conn.execute(delete(h).where(h.c.id == household_id))
        return result.rowcount > 0

    # --- integrity and the archive (planner.services.household_records) -------------------------

    def with_bsn(self, bsn: str, except_household_id: str) -> list[str]:
        """Case numbers of the other households with a member holding `bsn` (the members' BSN index)."""
        h, m = s.households, s.members
        stmt = (
            select(h.c.case_number)
            .where(h.c.id.in_(select(m.c.household_id).where(m.c.bsn == bsn)))
            .where(h.c.id != except_household_id)
            .order_by(h.c.case_number)
        )
        return list(self._conn.execute(stmt).scalars())

    def archived_on(self, household_id: str) -> date | None:
        h = s.households
        return self._conn.execute(select(h.c.archived_on).where(h.c.id == household_id)).scalar()

    def set_archived(self, household_id: str, on: date | None) -> bool:
        """Archive (`on` a date) or un-archive (None). Not a record field: no revision, no conflict."""
        h = s.households
        result = self._conn.execute(update(h).where(h.c.id == household_id).values(archived_on=on))
        return result.rowcount > 0

    def any_id(self) -> str | None:
        """One household's id, the first by case number (its unique index): None when there are none."""
        h = s.households
        found: str | None = self._conn.execute(select(h.c.id).order_by(h.c.case_number).limit(1)).scalar()
        return found

    # --- lists and search ---------------------------------------------------------------------

    def _summary_select(self) -> Any:
        h, mu = s.households, s.municipalities
        status = h.c.plan_status  # the status it is listed with, stored (db/plan_status.py)
        return (
            select(
                h.c.id,
                h.c.case_number,
                h.c.display_name,
                h.c.municipality_code,
                func.coalesce(mu.c.name, h.c.municipality_code),
                h.c.postcode,
                status,
                h.c.member_names,
                h.c.archived_on.is_not(None),
            )
            .select_from(h.outerjoin(mu, mu.c.code == h.c.municipality_code))
            .order_by(h.c.display_name, h.c.case_number)
        )

    @staticmethod
    def _summary(row: Any) -> HouseholdSummary:
        return HouseholdSummary(
            id=row[0],
            case_number=row[1],
            name=row[2],
            municipality_code=row[3],
            municipality_name=row[4],
            postcode=row[5],
            plan_status=PlanStatus(row[6]) if row[6] else None,
            member_names=tuple(json.loads(row[7])),
            archived=bool(row[8]),
        )

    def summaries(self, include_archived: bool = False) -> list[HouseholdSummary]:
        """Every household (archived ones only when asked), sorted by name then case number."""
        stmt = self._summary_select()
        if not include_archived:
            stmt = stmt.where(s.households.c.archived_on.is_(None))
        return [self._summary(r) for r in self._conn.execute(stmt)]

    def search(
        self,
        text: str,
        limit: int = 50,
        include_archived: bool = False,
        municipality_code: str | None = None,
        plan_status: PlanStatus | None = None,
    ) -> list[HouseholdSummary]:
        """Households whose case number or postcode starts with the text, whose member has the
        text as BSN, or where every typed word starts a word of a member's name (case and
        accents ignored), then those whose name only sounds alike (db.search.sound). An empty
        text finds nothing; archived households only when asked. `municipality_code` and
        `plan_status` (as listed: the concept's first) narrow the matches."""
        query = parse_query(text)
        if query is None:
            return []
        h = s.households
        filters: list[Any] = [h.c.archived_on.is_(None)] if not include_archived else []
        # The filters are tested on each match, never an index to start from: SQLite would
        # otherwise read a whole municipality (12,500 at 100,000) and sort it (36 ms). A rare
        # plan status is walked on purpose, in name order (db.name_search).
        if municipality_code is not None:
            filters.append(dialect.equals_as_filter(self._conn, h.c.municipality_code, municipality_code))
        status = plan_status.value if plan_status is not None else None
        if status is not None:
            filters.append(dialect.equals_as_filter(self._conn, h.c.plan_status, status))
        found = self._search(query, query.name_words, "word", limit, filters, status)
        if query.sounds and len(found) < limit:
            # Then the forgiving reading, after every exact match.
            exact = {f.id for f in found}
            tolerant = self._search(query, query.sounds, "sound", limit, filters, status)
            found += [f for f in tolerant if f.id not in exact][: limit - len(found)]
        return found

    def _broad(self, ranges: list[Any]) -> bool:
        """Whether the case number or postcode prefix alone matches so many households that
        walking them in name order is faster than sorting: those are spread over the name order.
        Name matches are not — surnames with "van" sort together — so they are always sorted
        (walking took 0.8 s for "van" at 100,000; measured with bench_search.py)."""
        total = 0
        for r in ranges:
            capped = select(s.households.c.id).where(r).limit(BROAD_SEARCH).subquery()
            total += self._conn.execute(select(func.count()).select_from(capped)).scalar_one()
            if total >= BROAD_SEARCH:
                return True
        return False

    def _search(
        self,
        query: Query,
        name_words: tuple[str, ...],
        column: str,
        limit: int,
        filters: list[Any],
        status: str | None = None,
    ) -> list[HouseholdSummary]:
        h, w, m = s.households, s.household_words, s.members
        ranges = [
            h.c.case_key.between(*word_range(query.compact)),
            h.c.postcode_key.between(*word_range(query.compact)),
        ]
        bsn = m.c.bsn == query.bsn if query.bsn else None
        named = [w.c[column].between(*word_range(word)) for word in name_words]
        if self._broad(ranges):
            # Many matches: walk the households in name order and stop at `limit`, testing each
            # (sorting tens of thousands of matches first costs more than the look-ups).
            ways: list[Any] = [*ranges]
            if bsn is not None:
                ways.append(exists().where(m.c.household_id == h.c.id, bsn))
            if named:
                ways.append(and_(*(exists().where(w.c.household_id == h.c.id, each) for each in named)))
            chosen = select(h.c.id).where(or_(*ways))
        else:
            # Few matches: one indexed look-up per way the text can be meant, united (one OR over
            # the columns would scan every household), then sorted.
            matches = [select(h.c.id).where(r) for r in ranges]
            if bsn is not None:
                matches.append(select(m.c.household_id).where(bsn))
            if named:
                # Every typed word must start a name word; a common one is walked in name order.
                matches.append(name_matches(self._conn, name_words, column, limit, filters, status))
            chosen = select(h.c.id).where(h.c.id.in_(union(*matches)))
        # Pick the first `limit` matches by name before the summary's per-row plan look-up runs.
        chosen = chosen.where(*filters).order_by(h.c.display_name, h.c.case_number).limit(limit)
        stmt = self._summary_select().where(h.c.id.in_(chosen)).order_by(h.c.display_name, h.c.case_number)
        return [self._summary(r) for r in self._conn.execute(stmt)]


def _household_constraint(household: Household, exc: IntegrityError) -> ConstraintError:
    if "case_number" in dialect.integrity_message(exc.orig):
        return ConstraintError(
            f"Dossiernummer {household.case_number} is al in gebruik bij een ander huishouden. "
            "Kies een ander dossiernummer."
        )
    return ConstraintError("Het huishouden kon niet worden opgeslagen omdat de gegevens niet kloppen.")


# --- plans -----------------------------------------------------------------------------------


class PlanRepository:
    def __init__(self, conn: Connection, journal: Journal | None = None) -> None:
        self._conn = conn
        self._journal = journal if journal is not None else Journal()

    def get(self, plan_id: str) -> Plan | None:
        plans = self._load(s.plans.c.id == plan_id)
        return plans[0] if plans else None

    def for_household(self, household_id: str) -> list[Plan]:
        """All plans of the household, oldest version first."""
        return self._load(s.plans.c.household_id == household_id)

    def active(self, household_id: str) -> Plan | None:
        """The plan being worked on (`planner.plans.active_plan`)."""
        return active_plan(self.for_household(household_id))

    def with_status(self, status: PlanStatus) -> list[Plan]:
        """Every plan with this status, of all households (bulk checks)."""
        return self._load(s.plans.c.status == status.value)

    def _load(self, where: Any) -> list[Plan]:
        stmt = select(s.plans).where(where).order_by(s.plans.c.version)
        rows = [dict(r._mapping) for r in self._conn.execute(stmt)]
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        areas: dict[str, dict[str, Row]] = defaultdict(dict)
        allocs: dict[str, dict[str, Row]] = defaultdict(dict)
        for chunk in _chunks(ids):
            for kind, into in ((records.LIFE_AREA, areas), (records.ALLOCATION, allocs)):
                t = kind.table
                children = select(t).where(t.c.plan_id.in_(chunk)).order_by(t.c.position, t.c.id)
                for child in self._conn.execute(children):
                    into[child.plan_id][child.id] = dict(child._mapping)
        plans = []
        for row in rows:
            a, b = areas[row["id"]], allocs[row["id"]]
            plan = convert.plan_from(
                row,
                [convert.life_area_from(x) for x in a.values()],
                [convert.allocation_from(x) for x in b.values()],
            )
            plan.base = Snapshot(row["id"], {"plan": {row["id"]: row}, "life_area": a, "allocation": b})
            plans.append(plan)
        return plans

    def _children(self, plan_id: str) -> tuple[dict[str, Row], dict[str, Row]]:
        found = []
        for kind in (records.LIFE_AREA, records.ALLOCATION):
            t = kind.table
            found.append(
                {r.id: dict(r._mapping) for r in self._conn.execute(select(t).where(t.c.plan_id == plan_id))}
            )
        return found[0], found[1]

    def save(self, plan: Plan, *, bump_revision: bool = True) -> None:
        """Write what changed in the plan and its life areas and allocations, record by record
        (as `HouseholdRepository.save`: ConflictError when another writer changed the same field).

        Deciding (saving a stored concept as decided) requires that nothing of the plan changed
        elsewhere since it was read, since the decision must be about what is stored. A stored plan
        that is no longer a concept is frozen: the only change accepted is closing a decided plan;
        anything else raises FrozenPlanError, or PlanDecidedElsewhereError when it was decided or
        closed after this object was read. Saving it unchanged does nothing.
        """
        found = self._conn.execute(select(s.plans).where(s.plans.c.id == plan.id)).first()
        stored = dict(found._mapping) if found else None
        if stored is not None and PlanStatus(stored["status"]) is not PlanStatus.CONCEPT:
            self._save_frozen(plan, stored, bump_revision)
            return
        deciding = stored is not None and plan.status is not PlanStatus.CONCEPT
        saver = RecordSaver(
            self._conn,
            self._journal,
            snapshot_of(plan) if bump_revision else None,
            bump=bump_revision,
            strict=deciding,
        )
        saver.record(records.PLAN, plan, plan.id, 0, stored)
        areas, allocs = self._children(plan.id) if stored else ({}, {})
        saver.children(records.LIFE_AREA, plan.life_areas, plan.id, areas)
        saver.children(records.ALLOCATION, plan.allocations, plan.id, allocs)
        saver.raise_conflicts()
        try:
            saver.execute()
        except IntegrityError as exc:
            raise _plan_constraint(plan, exc) from exc
        if saver.writes_anything:
            self._touch(plan.id, children_digest=_children_digest(saver, areas, allocs))
            refresh_plan_status(self._conn, [plan.household_id])
        self._journal.set(plan, "base", saver.snapshot(plan.id))

    def _touch(self, plan_id: str, **also: Any) -> None:
        """The plan was saved now (UTC): the caseload's "concept not touched" (migration 0009)."""
        now = datetime.now(UTC).replace(tzinfo=None)
        self._conn.execute(update(s.plans).where(s.plans.c.id == plan_id).values(changed_on=now, **also))

    def _save_frozen(self, plan: Plan, row: Row, bump: bool) -> None:
        stored = self.get(plan.id)
        assert stored is not None
        stored_status, stored_revision = PlanStatus(row["status"]), row["revision"]
        same_content = _content(plan) == _content(stored)
        if same_content and plan.status is stored_status:
            self._adopt(plan, stored)
            return
        if same_content and stored_status is PlanStatus.DECIDED and plan.status is PlanStatus.CLOSED:
            revision = stored_revision + 1 if bump else plan.revision
            changes = {"status": plan.status.value, "revision": revision}
            changes.update(authorship.stamp(self._conn, row, revision))
            device = authorship.author(self._conn)[1]
            changes["digest"] = row_digest(RecordKind.PLAN, {**row, **changes}, device)
            self._conn.execute(
                update(s.plans)
                .where(s.plans.c.id == plan.id, s.plans.c.revision == stored_revision)
                .values(changes)
            )
            self._touch(plan.id)
            refresh_plan_status(self._conn, [plan.household_id])
            stored.status, stored.revision = plan.status, revision
            assert isinstance(stored.base, Snapshot)
            stored.base.rows["plan"][plan.id].update(status=plan.status.value, revision=revision)
            self._adopt(plan, stored)
            return
        if plan.revision != stored_revision:
            raise PlanDecidedElsewhereError(plan.id, stored_status)
        raise FrozenPlanError.of(stored_status)

    def _adopt(self, plan: Plan, stored: Plan) -> None:
        """Our plan has the stored content: take the stored revisions and base (nothing written)."""
        j = self._journal
        j.set(plan, "revision", stored.revision)
        mine: list[LifeAreaResult | Allocation] = [*plan.life_areas, *plan.allocations]
        theirs: list[LifeAreaResult | Allocation] = [*stored.life_areas, *stored.allocations]
        for record, stored_record in zip(mine, theirs, strict=True):
            j.set(record, "revision", stored_record.revision)
        j.set(plan, "base", stored.base)

    def delete(self, plan_id: str) -> bool:
        """Delete a concept plan. A decided or closed plan is kept as history (FrozenPlanError)."""
        found = self._conn.execute(
            select(s.plans.c.status, s.plans.c.household_id).where(s.plans.c.id == plan_id)
        ).first()
        if found is None:
            return False
        status, household_id = str(found[0]), str(found[1])
        if PlanStatus(status) is not PlanStatus.CONCEPT:
            raise FrozenPlanError(
                f"Dit plan is {status} en wordt bewaard als geschiedenis; u kunt het niet verwijderen."
            )
        self._conn.execute(delete(s.plans).where(s.plans.c.id == plan_id))
        refresh_plan_status(self._conn, [household_id])
        return True


def _children_digest(saver: RecordSaver, *stored: dict[str, Row]) -> bytes | None:
    """The children digest of a saved plan (records.children_digest): its results and allocations
    as stored before the save (`stored`, with their digests), with what the save wrote."""
    found = []
    for kind, rows in zip((records.LIFE_AREA, records.ALLOCATION), stored, strict=True):
        digests = {i: r["digest"] for i, r in rows.items() if i not in saver.deleted[kind.name]}
        found.append((digests | saver.written[kind.name]).values())
    return children_digest(*found)


def _content(plan: Plan) -> Any:
    """Everything of a plan but its status and revisions, to tell whether a frozen plan changed."""
    own = values(plan, None)
    del own["status"]
    return (
        own,
        [(a.id, values(a, i)) for i, a in enumerate(plan.life_areas)],
        [(a.id, values(a, i)) for i, a in enumerate(plan.allocations)],
    )


def _stamped(conn: Connection, kind: RecordKind, row: dict[str, Any]) -> dict[str, Any]:
    """A new row with who made it, on which device (db/authorship.py), as a save stamps it, and
    its content digest (db/exchange.py)."""
    name, device = authorship.author(conn)
    row.update(
        changed_by=name, changed_device=device, lineage=authorship.lineage(None, device, row["revision"])
    )
    row["digest"] = row_digest(kind, row, device)
    return row


def _insert_plans(conn: Connection, plans: Iterable[Plan]) -> None:
    """New plans with their results and allocations, stamped, each with its children digest."""
    plan_rows, area_rows, alloc_rows = [], [], []
    for plan in plans:
        areas = [_stamped(conn, RecordKind.LIFE_AREA, convert.life_area_row(a, plan.id, i))
                 for i, a in enumerate(plan.life_areas)]  # fmt: skip
        allocs = [_stamped(conn, RecordKind.ALLOCATION, convert.allocation_row(a, plan.id, i))
                  for i, a in enumerate(plan.allocations)]  # fmt: skip
        row = _stamped(conn, RecordKind.PLAN, convert.plan_row(plan))
        row["children_digest"] = children_digest((r["digest"] for r in areas), (r["digest"] for r in allocs))
        plan_rows.append(row)
        area_rows += areas
        alloc_rows += allocs
    _insert_many(conn, s.plans, plan_rows)
    _insert_many(conn, s.life_area_results, area_rows)
    _insert_many(conn, s.allocations, alloc_rows)


def _plan_constraint(plan: Plan, exc: IntegrityError) -> ConstraintError:
    message = dialect.integrity_message(exc.orig)
    if "FOREIGN KEY" in message:
        return ConstraintError("Dit plan hoort bij een huishouden dat niet (meer) in de database staat.")
    if "plans.household_id" in message and plan.status is PlanStatus.CONCEPT:
        return ConstraintError(
            "Dit huishouden heeft al een plan in concept. "
            "Werk dat plan bij in plaats van een nieuw plan te maken."
        )
    if "plans.household_id" in message and plan.status is PlanStatus.DECIDED:
        return ConstraintError(
            "Dit huishouden heeft al een vastgesteld plan. "
            "Sluit dat plan eerst af voordat u een nieuw plan vaststelt."
        )
    return ConstraintError("Het plan kon niet worden opgeslagen omdat de gegevens niet kloppen.")


# --- catalogue -------------------------------------------------------------------------------


class CatalogueRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def load(self) -> Catalogue:
        c = self._conn
        return Catalogue(
            municipalities={
                r.code: convert.municipality_from(r._mapping) for r in c.execute(select(s.municipalities))
            },
            segments={r.code: convert.segment_from(r._mapping) for r in c.execute(select(s.segments))},
            products={r.code: convert.product_from(r._mapping) for r in c.execute(select(s.products))},
            providers={r.id: convert.provider_from(r._mapping) for r in c.execute(select(s.providers))},
            contracts=[
                convert.contract_from(r._mapping)
                for r in c.execute(select(s.contracts).order_by(s.contracts.c.position))
            ],
            closed_groups={convert.closed_group_from(r._mapping) for r in c.execute(select(s.closed_groups))},
        )

    def replace(self, catalogue: Catalogue) -> None:
        """Replace the whole catalogue by this one (the office's catalogue file)."""
        for table in s.CATALOGUE_TABLES:
            self._conn.execute(delete(table))
        batches: list[tuple[Table, list[dict[str, Any]]]] = [
            (s.municipalities, [convert.municipality_row(m) for m in catalogue.municipalities.values()]),
            (s.segments, [convert.segment_row(x) for x in catalogue.segments.values()]),
            (s.products, [convert.product_row(p) for p in catalogue.products.values()]),
            (s.providers, [convert.provider_row(p) for p in catalogue.providers.values()]),
            (s.contracts, [convert.contract_row(k, i) for i, k in enumerate(catalogue.contracts)]),
            (s.closed_groups, [convert.closed_group_row(g) for g in catalogue.closed_groups]),
        ]
        for table, rows in batches:
            _insert_many(self._conn, table, rows)


# --- decisions and settings ------------------------------------------------------------------


class DecisionRepository:
    """The snapshot of what was decided, per plan: written once, never changed."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def save(self, plan_id: str, snapshot_json: str) -> None:
        existing = self.get(plan_id)
        if existing == snapshot_json:
            return
        if existing is not None:
            raise FrozenPlanError(
                "Over dit plan is al een besluit vastgelegd. Dat besluit kan niet worden overschreven."
            )
        try:
            self._conn.execute(
                insert(s.decisions),
                {
                    "plan_id": plan_id,
                    "snapshot": snapshot_json,
                    "created": datetime.now(UTC).isoformat(),
                    **dict(zip(("changed_by", "changed_device"), authorship.author(self._conn), strict=True)),
                },
            )
        except IntegrityError as exc:
            raise ConstraintError("Het besluit hoort bij een plan dat niet in de database staat.") from exc

    def get(self, plan_id: str) -> str | None:
        return self._conn.execute(
            select(s.decisions.c.snapshot).where(s.decisions.c.plan_id == plan_id)
        ).scalar()

    def decided_since(self, since: date) -> list[DecidedPlan]:
        """Plans with a stored decision, decided on or after `since`, oldest first."""
        stmt = (
            select(s.households.c.case_number, s.plans.c.household_id, s.plans.c.id, s.plans.c.decided_on)
            .join(s.plans, s.plans.c.household_id == s.households.c.id)
            .join(s.decisions, s.decisions.c.plan_id == s.plans.c.id)
            .where(s.plans.c.decided_on >= since)
            .order_by(s.plans.c.decided_on, s.households.c.case_number)
        )
        from planner.documents.service import DecidedPlan

        return [DecidedPlan(r[0], r[1], r[2], r[3]) for r in self._conn.execute(stmt)]

    def save_documents(self, plan_id: str, documents: Sequence[StoredDocument]) -> None:
        """The decision's PDF files as sent, written once; the same files again change nothing."""
        if not documents:
            return
        existing = self.documents(plan_id)
        if existing == list(documents):
            return
        if existing:
            raise FrozenPlanError(
                "Bij dit besluit zijn de verzonden brieven al vastgelegd. "
                "Die kunnen niet worden overschreven."
            )
        d = s.decision_documents
        rows = [
            {
                "plan_id": plan_id,
                "position": doc.position,
                "kind": doc.kind,
                "title": doc.title,
                "filename": doc.filename,
                "sha256": doc.sha256,
                "pdf": doc.pdf,
            }
            for doc in documents
        ]
        try:
            self._conn.execute(insert(d), rows)
        except IntegrityError as exc:
            raise ConstraintError("De brieven horen bij een besluit dat niet in de database staat.") from exc

    def documents(self, plan_id: str) -> list[StoredDocument]:
        from planner.documents.rendering import StoredDocument

        d = s.decision_documents
        stmt = (
            select(d.c.position, d.c.kind, d.c.title, d.c.filename, d.c.sha256, d.c.pdf)
            .where(d.c.plan_id == plan_id)
            .order_by(d.c.position)
        )
        return [
            StoredDocument(r.position, r.kind, r.title, r.filename, r.sha256, r.pdf)
            for r in self._conn.execute(stmt)
        ]

    def created(self, plan_id: str) -> datetime | None:
        """When the decision was recorded (UTC)."""
        value = self._conn.execute(
            select(s.decisions.c.created).where(s.decisions.c.plan_id == plan_id)
        ).scalar()
        return datetime.fromisoformat(value) if value else None


class SettingsRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, key: str, default: str | None = None) -> str | None:
        if not authorship.known(self._conn):  # read the author with it: most transactions save
            found = self.get_many([key, authorship.KEY_PROFESSIONAL, authorship.KEY_DEVICE])
            authorship.remember(self._conn, found)
            return found.get(key, default)
        value = self._conn.execute(select(s.settings.c.value).where(s.settings.c.key == key)).scalar()
        return default if value is None else value

    # Raw driver SQL, read and written once per file by an ingest: SQLAlchemy's own statements
    # cost a tenth of a millisecond each more (4 % of an ingest's time).
    def get_many(self, keys: Sequence[str]) -> dict[str, str]:
        """The values of those of `keys` that are set (one read per 500 keys)."""
        statements = []
        for chunk in _chunks(keys):
            where, params = dialect.in_ids_sql(self._conn, "key", chunk)
            statements.append((f'SELECT "key", "value" FROM "settings" WHERE {where}', params))
        return {key: value for rows in dialect.fetch_all(self._conn, statements) for key, value in rows}

    def set(self, key: str, value: str) -> None:
        sql = (
            'INSERT INTO "settings" ("key", "value") VALUES (?, ?)'
            ' ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value"'
        )
        self._conn.exec_driver_sql(dialect.driver_sql(self._conn, sql), (key, value))

    def delete(self, key: str) -> None:
        self._conn.execute(delete(s.settings).where(s.settings.c.key == key))


# --- the unit of work ------------------------------------------------------------------------


class UnitOfWork:
    """Everything one transaction can do. Obtain with `Database.unit_of_work()`."""

    def __init__(self, conn: Connection) -> None:
        self.connection = conn
        authorship.forget(conn)  # a new transaction reads who is saving afresh
        self._journal = Journal()
        self.households = HouseholdRepository(conn, self._journal)
        self.plans = PlanRepository(conn, self._journal)
        self.catalogue = CatalogueRepository(conn)
        self.decisions = DecisionRepository(conn)
        self.settings = SettingsRepository(conn)
        self.caseload = CaseloadQuery(conn)
        self.exchange = ExchangeRepository(conn)
        self.monitor = MonitorQuery(conn)  # the regional monitor's rows (db/monitor.py)

    def rolled_back(self) -> None:
        """The transaction did not commit: objects saved in it get back the revisions (and
        fields merged in from elsewhere) they had before, so their next save writes again."""
        self._journal.undo()

    def is_empty(self) -> bool:
        """No providers and no households (two index probes; `counts` reads every table)."""
        return not any(
            self.connection.execute(select(exists().select_from(t))).scalar()
            for t in (s.providers, s.households)
        )

    def counts(self) -> dict[str, int]:
        """Number of rows per table, e.g. {"households": 20000, ...}."""
        counts: dict[str, int] = {}
        for table in s.metadata.sorted_tables:
            counts[table.name] = self.connection.execute(select(func.count()).select_from(table)).scalar_one()
        return counts

    def bulk_insert_households(self, households: Sequence[Household], plans: Sequence[Plan] = ()) -> None:
        """Insert new households (with members) and new plans in a few executemany statements.

        Revisions are stored as given. For new records only: an id or case number that already
        exists raises ConstraintError and, with the unit of work, nothing is kept.
        """
        # Who made them, on which device (db/authorship.py), as a save stamps them.
        member_rows: list[dict[str, Any]] = []
        for h in households:
            member_rows += [
                _stamped(self.connection, RecordKind.MEMBER, convert.member_row(m, h.id, i))
                for i, m in enumerate(h.members)
            ]
        try:
            _insert_many(
                self.connection,
                s.households,
                [
                    _stamped(self.connection, RecordKind.HOUSEHOLD, convert.household_row(h))
                    for h in households
                ],
            )
            _insert_many(self.connection, s.members, member_rows)
            _insert_many(
                self.connection, s.household_words, [r for h in households for r in household_word_rows(h)]
            )
            _insert_many(
                self.connection,
                s.household_prefixes,
                [r for h in households for r in household_prefix_rows(h)],
            )
            _insert_plans(self.connection, plans)
            refresh_plan_status(self.connection, [p.household_id for p in plans])
            dialect.after_bulk_load(
                self.connection,
                (s.households, s.members, s.household_words, s.household_prefixes, s.plans, s.allocations),
            )
        except IntegrityError as exc:
            raise ConstraintError(
                "De huishoudens konden niet worden toegevoegd: een dossiernummer of plan bestaat al, "
                "of een plan hoort bij een onbekend huishouden. Er is niets opgeslagen."
            ) from exc


__all__ = [
    "CatalogueRepository",
    "DecisionRepository",
    "HouseholdRepository",
    "HouseholdSummary",
    "PlanRepository",
    "SettingsRepository",
    "UnitOfWork",
]
