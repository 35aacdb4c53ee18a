"""The three-way decision of an import, per record, on the version each side was based on.

For every record in the file, against the same record here:

- not here → **added**;
- the same fields → **unchanged** (whatever the stamps say);
- the file's version descends from the one here → **taken** (changed only in the file);
- the version here descends from the file's → **kept** (changed only here, or an older file);
- neither → **conflict**: kept aside for a person, nothing of it written.

A decided or closed plan here is never changed: what the file changed in it becomes a new concept
version beside it (when the household has no concept here yet, else a conflict); only closing it
is taken. A plan the file brings decided is taken whole or not at all. Records only here are left
alone: a deletion does not travel (docs/exchange.md).

The storage may give a record stored exactly as the file has it (fields and stamp) as the file's
record itself (db/exchange.py `trees`): most of a file's records are, and such a record, or a plan
tree of them, is unchanged at a glance, without comparing its fields again.
"""

from __future__ import annotations

import operator
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from planner.exchange.records import HouseholdTree, PlanTree, Record, RecordKind
from planner.model import PlanStatus, new_id


class Outcome(StrEnum):
    ADDED = "added"
    TAKEN = "taken"
    KEPT = "kept"
    UNCHANGED = "unchanged"
    CONFLICT = "conflict"


def decide(here: Record | None, incoming: Record) -> Outcome:
    if here is None:
        return Outcome.ADDED
    if here is incoming or here.fields == incoming.fields:
        return Outcome.UNCHANGED
    if incoming.stamp.descends_from(here.stamp):
        return Outcome.TAKEN
    if here.stamp.descends_from(incoming.stamp):
        return Outcome.KEPT
    return Outcome.CONFLICT


def adopted(here: Record | None, incoming: Record) -> Record | None:
    """For the same fields under another stamp, the stamp both sides settle on: the file's when it
    names a later version (a conflict resolved there as it is here), and for the same edit made on
    both sides the higher of the two with both lineages — the same choice on either side, so their
    records end up equal. None: keep the stamp here."""
    if here is None or here is incoming or here.fields != incoming.fields or here.stamp == incoming.stamp:
        return None
    if incoming.stamp.descends_from(here.stamp):
        return incoming
    if here.stamp.descends_from(incoming.stamp):
        return None
    mine, theirs = here.stamp, incoming.stamp
    winner = max(mine, theirs, key=lambda x: (x.revision, x.changed_device))
    return Record(here.id, replace(winner, lineage=mine.merged(theirs)), here.fields)


@dataclass(frozen=True, slots=True)
class Write:
    kind: RecordKind
    parent_id: str  # the household of a member or plan, the plan of a child; "" for a household
    record: Record
    insert: bool  # False: replace the stored record's fields and stamp
    # For a replacement: the record as stored, read in the same unit of work (None: not known),
    # so that only the fields that differ need be written.
    here: Record | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: RecordKind
    household_id: str
    parent_id: str
    here: Record | None
    incoming: Record


@dataclass(slots=True)
class ImportPlan:
    writes: list[Write] = field(default_factory=list)
    # Households not here at all: every record of them is added, so they are written whole,
    # without a decision and a Write per record (most of a first import).
    new_trees: list[HouseholdTree] = field(default_factory=list)
    # Plans not here in households that are (household id, plan): written whole the same way
    # (most of an office's ingest of re-assessments).
    new_plans: list[tuple[str, PlanTree]] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)  # added, updated, unchanged, conflicts
    households: set[str] = field(default_factory=set)  # ids of households written to

    def count(self, outcome: Outcome) -> None:
        self.counts[_COUNTED[outcome]] += 1


_COUNTED = {
    Outcome.ADDED: "added",
    Outcome.TAKEN: "updated",
    Outcome.KEPT: "unchanged",
    Outcome.UNCHANGED: "unchanged",
    Outcome.CONFLICT: "conflicts",
}


_FROZEN = (PlanStatus.DECIDED.value, PlanStatus.CLOSED.value)


def plan_import(here: dict[str, HouseholdTree], incoming: list[HouseholdTree]) -> ImportPlan:
    """What importing `incoming` does to what is `here` (household id → tree)."""
    result = ImportPlan()
    for tree in incoming:
        found = here.get(tree.record.id)
        if found is None:
            _new(result, tree)
        else:
            _household(result, found, tree)
    return result


def _new(result: ImportPlan, tree: HouseholdTree) -> None:
    """A household not here: what `_household` decides for it without a record here — every
    record added (a plan new here meets no other plan of the household) — counted at once."""
    records = 1 + len(tree.members)
    for p in tree.plans:
        records += 1 + len(p.life_areas) + len(p.allocations) + (p.decision is not None)
    result.new_trees.append(tree)
    result.counts["added"] += records
    result.households.add(tree.record.id)


def _new_plan(result: ImportPlan, hid: str, tree: PlanTree) -> None:
    """A plan not here: what `take_all` decides for it (every record added), counted at once."""
    result.new_plans.append((hid, tree))
    result.counts["added"] += 1 + len(tree.life_areas) + len(tree.allocations) + (tree.decision is not None)
    result.households.add(hid)


def _household(result: ImportPlan, here: HouseholdTree | None, incoming: HouseholdTree) -> None:
    hid = incoming.record.id
    _one(result, RecordKind.HOUSEHOLD, hid, "", here.record if here else None, incoming.record)
    members = {m.id: m for m in here.members} if here else {}
    for member in incoming.members:
        _one(result, RecordKind.MEMBER, hid, hid, members.get(member.id), member)
    plans = {p.record.id: p for p in here.plans} if here else {}
    for plan in incoming.plans:
        _plan(result, hid, plans, plan)


def _one(
    result: ImportPlan, kind: RecordKind, household_id: str, parent_id: str, here: Record | None, rec: Record
) -> Outcome:
    outcome = decide(here, rec)
    result.count(outcome)
    if outcome in (Outcome.ADDED, Outcome.TAKEN):
        result.writes.append(Write(kind, parent_id, rec, outcome is Outcome.ADDED, here))
        result.households.add(household_id)
    elif outcome is Outcome.UNCHANGED:  # only the same fields can settle on another stamp
        if (stamped := adopted(here, rec)) is not None:
            result.writes.append(Write(kind, parent_id, stamped, False, here))
    elif outcome is Outcome.CONFLICT:
        result.conflicts.append(Conflict(kind, household_id, parent_id, here, rec))
    return outcome


def _children(here: PlanTree | None, incoming: PlanTree) -> list[tuple[RecordKind, Record | None, Record]]:
    """Every record of the incoming plan tree paired with the same record here."""
    areas = {r.id: r for r in here.life_areas} if here else {}
    allocs = {r.id: r for r in here.allocations} if here else {}
    pairs: list[tuple[RecordKind, Record | None, Record]] = [
        (RecordKind.PLAN, here.record if here else None, incoming.record)
    ]
    pairs += [(RecordKind.LIFE_AREA, areas.get(r.id), r) for r in incoming.life_areas]
    pairs += [(RecordKind.ALLOCATION, allocs.get(r.id), r) for r in incoming.allocations]
    if incoming.decision is not None:
        pairs.append((RecordKind.DECISION, here.decision if here else None, incoming.decision))
    return pairs


def _plan(result: ImportPlan, hid: str, here_plans: dict[str, PlanTree], incoming: PlanTree) -> None:
    pid = incoming.record.id
    here = here_plans.get(pid)
    if here is not None and _alike(here, incoming):
        # Every record the file's own (stored as the file has it: `decide`): what the rules below
        # decide for such a plan, whatever its status, without deciding each.
        result.counts["unchanged"] += 1 + len(incoming.life_areas) + len(incoming.allocations)
        return
    pairs = _children(here, incoming)
    outcomes = [decide(h, r) for _k, h, r in pairs]
    moving = any(o in (Outcome.ADDED, Outcome.TAKEN, Outcome.CONFLICT) for o in outcomes)
    others = [p for p in here_plans.values() if p.record.id != pid]

    def take_all() -> None:
        for (kind, h, rec), outcome in zip(pairs, outcomes, strict=True):
            result.count(outcome)
            parent = hid if kind is RecordKind.PLAN else pid
            if outcome in (Outcome.ADDED, Outcome.TAKEN):
                result.writes.append(Write(kind, parent, rec, outcome is Outcome.ADDED, h))
                result.households.add(hid)
            elif outcome is Outcome.UNCHANGED:
                if (stamped := adopted(h, rec)) is not None:
                    result.writes.append(Write(kind, parent, stamped, False, h))
            elif outcome is Outcome.CONFLICT:
                result.conflicts.append(Conflict(kind, hid, hid if kind is RecordKind.PLAN else pid, h, rec))

    def conflict_whole(which: list[Outcome]) -> None:
        """Nothing of the tree is taken: the records that moved on both sides are conflicts,
        or, when only the tree as a whole cannot be taken, its plan record is."""
        found = False
        for (kind, h, rec), outcome in zip(pairs, outcomes, strict=True):
            if outcome in which:
                found = True
                result.count(Outcome.CONFLICT)
                result.conflicts.append(Conflict(kind, hid, hid if kind is RecordKind.PLAN else pid, h, rec))
            else:
                result.count(Outcome.UNCHANGED if outcome is not Outcome.KEPT else outcome)
        if not found:
            result.counts["conflicts"] += 1
            result.conflicts.append(
                Conflict(RecordKind.PLAN, hid, hid, here.record if here else None, incoming.record)
            )

    if here is None:
        # A plan new here; the household holds at most one concept and one decided plan.
        clash = any(p.status == incoming.status for p in others if p.status != PlanStatus.CLOSED.value)
        if clash:
            conflict_whole([])
        else:
            _new_plan(result, hid, incoming)
        return
    if here.status in _FROZEN:
        if not moving:
            take_all()  # counts only
            return
        if _only_closed(here, incoming, pairs, outcomes):
            take_all()
            return
        if any(_is_beside(p, incoming, pid) for p in others):
            result.counts["unchanged"] += len(pairs)  # added beside it by an earlier import of this
            return
        if incoming.status == PlanStatus.CONCEPT.value and not any(
            p.status == PlanStatus.CONCEPT.value for p in others
        ):
            _beside(result, hid, here_plans, incoming, here)
            return
        conflict_whole([Outcome.TAKEN, Outcome.CONFLICT])
        return
    if incoming.status in _FROZEN:
        # Decided there: taken whole when nothing of it changed here, else a person decides.
        here_only = {r.id for r in [*here.life_areas, *here.allocations]} - {
            r.id for r in [*incoming.life_areas, *incoming.allocations]
        }
        if any(o in (Outcome.KEPT, Outcome.CONFLICT) for o in outcomes) or here_only:
            conflict_whole([Outcome.KEPT, Outcome.CONFLICT])
        else:
            take_all()
        return
    take_all()


def _alike(here: PlanTree, incoming: PlanTree) -> bool:
    """The plan here is the file's plan tree itself, record for record, in the same order (and
    without a decision: one is never given as the file's own)."""
    return (
        here.record is incoming.record
        and here.decision is None
        and incoming.decision is None
        and len(here.life_areas) == len(incoming.life_areas)
        and len(here.allocations) == len(incoming.allocations)
        and all(map(operator.is_, here.life_areas, incoming.life_areas))
        and all(map(operator.is_, here.allocations, incoming.allocations))
    )


def _only_closed(
    here: PlanTree,
    incoming: PlanTree,
    pairs: list[tuple[RecordKind, Record | None, Record]],
    outcomes: list[Outcome],
) -> bool:
    """The file closed the decided plan here, and changed nothing else in it."""
    if here.status != PlanStatus.DECIDED.value or incoming.status != PlanStatus.CLOSED.value:
        return False
    if outcomes[0] is not Outcome.TAKEN:
        return False
    mine = {**here.record.fields, "status": incoming.status}
    return mine == dict(incoming.record.fields) and all(
        o in (Outcome.UNCHANGED, Outcome.KEPT) for o in outcomes[1:]
    )


def _is_beside(candidate: PlanTree, incoming: PlanTree, frozen_id: str) -> bool:
    """Whether `candidate` is the incoming concept as added beside the frozen plan before."""
    if candidate.record.fields.get("previous_plan_id") != frozen_id:
        return False
    skip = ("version", "previous_plan_id")
    mine = {k: v for k, v in candidate.record.fields.items() if k not in skip}
    theirs = {k: v for k, v in incoming.record.fields.items() if k not in skip}

    def same(a: list[Record], b: list[Record]) -> bool:
        return [(r.id, r.fields) for r in a] == [(r.id, r.fields) for r in b]

    return (
        mine == theirs
        and same(candidate.life_areas, incoming.life_areas)
        and same(candidate.allocations, incoming.allocations)
    )


def _beside(
    result: ImportPlan, hid: str, here_plans: dict[str, PlanTree], incoming: PlanTree, frozen: PlanTree
) -> None:
    """The file's concept of a plan decided here: added as the next version after it."""
    plan_id = new_id()
    version = max(int(p.record.fields["version"]) for p in here_plans.values()) + 1
    fields = {**incoming.record.fields, "version": version, "previous_plan_id": frozen.record.id}
    result.writes.append(
        Write(RecordKind.PLAN, hid, replace(incoming.record, id=plan_id, fields=fields), True)
    )
    for rec in incoming.life_areas:
        result.writes.append(Write(RecordKind.LIFE_AREA, plan_id, rec, True))
    for rec in incoming.allocations:
        result.writes.append(Write(RecordKind.ALLOCATION, plan_id, rec, True))
    result.counts["added"] += 1 + len(incoming.life_areas) + len(incoming.allocations)
    result.households.add(hid)
