"""Repositories over one open transaction; `Database.unit_of_work()` hands out a `UnitOfWork`.

All reads and writes are SQLAlchemy Core statements on one connection, so everything done in
a unit of work commits or rolls back together. Bulk paths use executemany (one statement, many
parameter sets), which is what keeps 29,000 rows well under a second.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Date, Table, case, delete, func, insert, select, union, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from db import convert
from db import schema as s
from db.caseload import CaseloadQuery
from db.errors import ConstraintError
from db.search import household_word_rows, parse_query, word_range
from planner.catalogue import Catalogue
from planner.errors import FrozenPlanError
from planner.model import Household, Plan, PlanStatus
from planner.plans import active_plan


@dataclass(frozen=True, slots=True)
class HouseholdSummary:
    """One line of a household list or search result."""

    id: str
    case_number: str
    name: str
    municipality_code: str
    municipality_name: str  # the code itself when the catalogue does not know it
    postcode: str
    plan_status: PlanStatus | None  # of the active plan: concept before vastgesteld before afgesloten
    member_names: tuple[str, ...]


def _insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows with one driver-level executemany in the current transaction.

    SQLAlchemy's per-row parameter processing costs more than SQLite itself on large imports,
    so rows go to the driver as tuples; dates are stored as ISO text, as SQLAlchemy's Date does.
    """
    if not rows:
        return
    names = [c.name for c in table.columns]
    dates = [c.name for c in table.columns if isinstance(c.type, Date)]
    for row in rows:
        for name in dates:
            value = row[name]
            if value is not None:
                row[name] = value.isoformat()
    columns = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" * len(names))
    pick = itemgetter(*names)
    conn.exec_driver_sql(f'INSERT INTO "{table.name}" ({columns}) VALUES ({marks})', [pick(r) for r in rows])


def _chunks(ids: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    """SQLite limits bound parameters per statement; IN lists go in slices."""
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


# --- households ------------------------------------------------------------------------------


class HouseholdRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def get(self, household_id: str) -> Household | None:
        row = self._conn.execute(select(s.households).where(s.households.c.id == household_id)).first()
        return self._assemble(row._mapping) if row else None

    def by_case_number(self, case_number: str) -> Household | None:
        row = self._conn.execute(
            select(s.households).where(s.households.c.case_number == case_number)
        ).first()
        return self._assemble(row._mapping) if row else None

    def _assemble(self, row: Any) -> Household:
        members = [
            convert.member_from(r._mapping)
            for r in self._conn.execute(
                select(s.members).where(s.members.c.household_id == row["id"]).order_by(s.members.c.position)
            )
        ]
        return convert.household_from(row, members)

    def exists(self, household_id: str) -> bool:
        return self._revision(household_id) is not None

    def _revision(self, household_id: str) -> int | None:
        return self._conn.execute(
            select(s.households.c.revision).where(s.households.c.id == household_id)
        ).scalar()

    def save(self, household: Household, *, bump_revision: bool = True) -> None:
        """Insert or update the household and its members; members no longer listed are deleted.

        The stored revision goes up by one and is written back to `household.revision`.
        `bump_revision=False` keeps the given revision (for sync import).
        """
        stored = self._revision(household.id)
        if bump_revision:
            household.revision = (stored if stored is not None else household.revision) + 1
        row = convert.household_row(household)
        try:
            if stored is None:
                self._conn.execute(insert(s.households), row)
            else:
                self._conn.execute(update(s.households).where(s.households.c.id == household.id), row)
            self._save_members(household)
            self._save_words(household)
        except IntegrityError as exc:
            raise _household_constraint(household, exc) from exc

    def _save_words(self, household: Household) -> None:
        w = s.household_words
        self._conn.execute(delete(w).where(w.c.household_id == household.id))
        rows = household_word_rows(household)
        if rows:
            self._conn.execute(insert(w), rows)

    def _save_members(self, household: Household) -> None:
        m = s.members
        keep = [member.id for member in household.members]
        self._conn.execute(delete(m).where(m.c.household_id == household.id, m.c.id.not_in(keep)))
        if not household.members:
            return
        rows = [convert.member_row(member, household.id, i) for i, member in enumerate(household.members)]
        stmt = sqlite_insert(m)
        stmt = stmt.on_conflict_do_update(
            index_elements=[m.c.id], set_={c.name: stmt.excluded[c.name] for c in m.c if c.name != "id"}
        )
        self._conn.execute(stmt, rows)

    def delete(self, household_id: str) -> bool:
        """Delete the household with its members, plans and decisions. False if it did not exist."""
        result = self._conn.execute(delete(s.households).where(s.households.c.id == household_id))
        return result.rowcount > 0

    # --- lists and search ---------------------------------------------------------------------

    def _summary_select(self) -> Any:
        h, p, mu = s.households, s.plans, s.municipalities
        rank = case(
            (p.c.status == PlanStatus.CONCEPT.value, 0),
            (p.c.status == PlanStatus.DECIDED.value, 1),
            else_=2,
        )
        status = (
            select(p.c.status).where(p.c.household_id == h.c.id).order_by(rank).limit(1).scalar_subquery()
        )
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
        )

    def summaries(self) -> list[HouseholdSummary]:
        """Every household, sorted by name then case number."""
        return [self._summary(r) for r in self._conn.execute(self._summary_select())]

    def search(self, text: str, limit: int = 50) -> list[HouseholdSummary]:
        """Households whose case number or postcode starts with the text, whose member has the
        text as BSN, or where every typed word starts a word of a member's name (case and
        accents ignored). An empty text finds nothing."""
        query = parse_query(text)
        if query is None:
            return []
        # One indexed look-up per way the text can be meant, united: each uses its own index,
        # where one OR over the columns would scan every household.
        h, w = s.households, s.household_words
        matches = [
            select(h.c.id).where(h.c.case_key.between(*word_range(query.compact))),
            select(h.c.id).where(h.c.postcode_key.between(*word_range(query.compact))),
        ]
        if query.bsn:
            matches.append(select(s.members.c.household_id).where(s.members.c.bsn == query.bsn))
        if query.name_words:
            # Every typed word must start a name word (SQLite takes no nested INTERSECT here).
            first, *rest = query.name_words
            named = select(w.c.household_id).where(w.c.word.between(*word_range(first)))
            for word in rest:
                other = w.alias()
                also = select(other.c.household_id).where(other.c.word.between(*word_range(word)))
                named = named.where(w.c.household_id.in_(also))
            matches.append(named)
        # Pick the first `limit` matches by name before the summary's per-row plan look-up runs.
        first = (
            select(h.c.id)
            .where(h.c.id.in_(union(*matches)))
            .order_by(h.c.display_name, h.c.case_number)
            .limit(limit)
        )
        stmt = self._summary_select().where(h.c.id.in_(first))
        return [self._summary(r) for r in self._conn.execute(stmt)]


def _household_constraint(household: Household, exc: IntegrityError) -> ConstraintError:
    if "case_number" in str(exc.orig):
        return ConstraintError(
            f"Dossiernummer {household.case_number} is al in gebruik bij een ander huishouden. "
            "Kies een ander dossiernummer."
        )
    return ConstraintError("Het huishouden kon niet worden opgeslagen omdat de gegevens niet kloppen.")


# --- plans -----------------------------------------------------------------------------------


class PlanRepository:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

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
        rows = [r._mapping for r in self._conn.execute(stmt)]
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        areas: dict[str, list[Any]] = defaultdict(list)
        allocs: dict[str, list[Any]] = defaultdict(list)
        for chunk in _chunks(ids):
            for r in self._conn.execute(
                select(s.life_area_results)
                .where(s.life_area_results.c.plan_id.in_(chunk))
                .order_by(s.life_area_results.c.position)
            ):
                areas[r.plan_id].append(convert.life_area_from(r._mapping))
            for r in self._conn.execute(
                select(s.allocations)
                .where(s.allocations.c.plan_id.in_(chunk))
                .order_by(s.allocations.c.position)
            ):
                allocs[r.plan_id].append(convert.allocation_from(r._mapping))
        return [convert.plan_from(r, areas[r["id"]], allocs[r["id"]]) for r in rows]

    def save(self, plan: Plan, *, bump_revision: bool = True) -> None:
        """Insert or update the plan with its life areas and allocations (children replaced).

        A stored plan that is no longer a concept is frozen: the only change accepted is closing
        a decided plan; anything else raises FrozenPlanError. Saving it unchanged does nothing.
        """
        row = self._conn.execute(
            select(s.plans.c.status, s.plans.c.revision).where(s.plans.c.id == plan.id)
        ).first()
        if row is not None and PlanStatus(row.status) is not PlanStatus.CONCEPT:
            self._save_frozen(plan, PlanStatus(row.status), row.revision, bump_revision)
            return
        if bump_revision:
            plan.revision = (row.revision if row is not None else plan.revision) + 1
        try:
            if row is None:
                self._conn.execute(insert(s.plans), convert.plan_row(plan))
            else:
                self._conn.execute(update(s.plans).where(s.plans.c.id == plan.id), convert.plan_row(plan))
                for child in (s.life_area_results, s.allocations):
                    self._conn.execute(delete(child).where(child.c.plan_id == plan.id))
            _insert_children(self._conn, [plan])
        except IntegrityError as exc:
            raise _plan_constraint(plan, exc) from exc

    def _save_frozen(self, plan: Plan, stored_status: PlanStatus, stored_revision: int, bump: bool) -> None:
        stored = self.get(plan.id)
        assert stored is not None
        same_content = dataclasses.replace(plan, status=stored_status, revision=stored_revision) == stored
        if same_content and plan.status is stored_status:
            plan.revision = stored_revision
            return
        if same_content and stored_status is PlanStatus.DECIDED and plan.status is PlanStatus.CLOSED:
            plan.revision = stored_revision + 1 if bump else plan.revision
            self._conn.execute(
                update(s.plans)
                .where(s.plans.c.id == plan.id)
                .values(status=plan.status.value, revision=plan.revision)
            )
            return
        raise FrozenPlanError.of(stored_status)

    def delete(self, plan_id: str) -> bool:
        """Delete a concept plan. A decided or closed plan is kept as history (FrozenPlanError)."""
        status = self._conn.execute(select(s.plans.c.status).where(s.plans.c.id == plan_id)).scalar()
        if status is None:
            return False
        if PlanStatus(status) is not PlanStatus.CONCEPT:
            raise FrozenPlanError(
                f"Dit plan is {status} en wordt bewaard als geschiedenis; u kunt het niet verwijderen."
            )
        self._conn.execute(delete(s.plans).where(s.plans.c.id == plan_id))
        return True


def _insert_children(conn: Connection, plans: Iterable[Plan]) -> None:
    area_rows: list[dict[str, Any]] = []
    alloc_rows: list[dict[str, Any]] = []
    for plan in plans:
        area_rows += [convert.life_area_row(a, plan.id, i) for i, a in enumerate(plan.life_areas)]
        alloc_rows += [convert.allocation_row(a, plan.id, i) for i, a in enumerate(plan.allocations)]
    _insert_many(conn, s.life_area_results, area_rows)
    _insert_many(conn, s.allocations, alloc_rows)


def _plan_constraint(plan: Plan, exc: IntegrityError) -> ConstraintError:
    message = str(exc.orig)
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
                {"plan_id": plan_id, "snapshot": snapshot_json, "created": datetime.now(UTC).isoformat()},
            )
        except IntegrityError as exc:
            raise ConstraintError("Het besluit hoort bij een plan dat niet in de database staat.") from exc

    def get(self, plan_id: str) -> str | None:
        return self._conn.execute(
            select(s.decisions.c.snapshot).where(s.decisions.c.plan_id == plan_id)
        ).scalar()

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
        value = self._conn.execute(select(s.settings.c.value).where(s.settings.c.key == key)).scalar()
        return default if value is None else value

    def set(self, key: str, value: str) -> None:
        stmt = sqlite_insert(s.settings).values(key=key, value=value)
        self._conn.execute(stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value}))

    def delete(self, key: str) -> None:
        self._conn.execute(delete(s.settings).where(s.settings.c.key == key))


# --- the unit of work ------------------------------------------------------------------------


class UnitOfWork:
    """Everything one transaction can do. Obtain with `Database.unit_of_work()`."""

    def __init__(self, conn: Connection) -> None:
        self.connection = conn
        self.households = HouseholdRepository(conn)
        self.plans = PlanRepository(conn)
        self.catalogue = CatalogueRepository(conn)
        self.decisions = DecisionRepository(conn)
        self.settings = SettingsRepository(conn)
        self.caseload = CaseloadQuery(conn)

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
        member_rows: list[dict[str, Any]] = []
        for h in households:
            member_rows += [convert.member_row(m, h.id, i) for i, m in enumerate(h.members)]
        try:
            _insert_many(self.connection, s.households, [convert.household_row(h) for h in households])
            _insert_many(self.connection, s.members, member_rows)
            _insert_many(
                self.connection, s.household_words, [r for h in households for r in household_word_rows(h)]
            )
            _insert_many(self.connection, s.plans, [convert.plan_row(p) for p in plans])
            _insert_children(self.connection, plans)
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
