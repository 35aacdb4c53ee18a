"""The three-way decision per record, as plain values (planner/exchange/merge.py)."""

from __future__ import annotations

from planner.exchange.merge import Outcome, decide, plan_import
from planner.exchange.records import HouseholdTree, PlanTree, Record, RecordKind, Stamp

A, B, OFFICE = "laptop-a", "laptop-b", "kantoor"


def rec(revision: int, device: str, base: tuple[int, str] = (0, ""), **fields: object) -> Record:
    return Record("r1", Stamp(revision, "x", device, *base), {"v": 1, **fields})


def test_new_record_is_added() -> None:
    assert decide(None, rec(1, A)) is Outcome.ADDED


def test_equal_fields_are_unchanged_whatever_the_stamps() -> None:
    assert decide(rec(3, A), rec(7, B)) is Outcome.UNCHANGED


def test_changed_only_in_the_file_is_taken() -> None:
    here = rec(4, A)
    assert decide(here, rec(6, A, v=2)) is Outcome.TAKEN  # later version of the same device
    assert decide(here, rec(5, B, (4, A), v=2)) is Outcome.TAKEN  # built on the version here


def test_changed_only_here_or_an_older_file_is_kept() -> None:
    here = rec(5, B, (4, A), v=2)
    assert decide(here, rec(4, A)) is Outcome.KEPT
    assert decide(rec(6, A, v=3), rec(4, A)) is Outcome.KEPT


def test_changed_on_both_sides_is_a_conflict() -> None:
    # Both built on A's version 4: here the office took A's 5, the file is B's edit of 4.
    assert decide(rec(5, A, v=2), rec(5, B, (4, A), v=3)) is Outcome.CONFLICT
    # Same revision number, other devices: not the same version.
    assert decide(rec(2, OFFICE, (1, A), v=2), rec(2, B, (1, A), v=3)) is Outcome.CONFLICT


def _plan(pid: str, status: str, revision: int, device: str, **fields: object) -> PlanTree:
    return PlanTree(Record(pid, Stamp(revision, "x", device), {"status": status, "version": 1, **fields}))


def _household(*plans: PlanTree) -> HouseholdTree:
    return HouseholdTree(Record("h1", Stamp(1, "x", A), {"case_number": "1"}), [], list(plans))


def test_a_decided_plan_is_never_changed_the_file_s_concept_goes_beside_it() -> None:
    here = _household(_plan("p1", "vastgesteld", 3, A))
    incoming = _household(_plan("p1", "concept", 3, B, note="typed on B"))
    result = plan_import({"h1": here}, [incoming])
    (write,) = [w for w in result.writes if w.kind is RecordKind.PLAN]
    assert write.insert and write.record.id != "p1"
    assert write.record.fields["previous_plan_id"] == "p1" and write.record.fields["version"] == 2
    assert write.record.fields["note"] == "typed on B" and not result.conflicts
    # Imported again: the version beside it is recognised, nothing is added.
    after = _household(here.plans[0], PlanTree(write.record))
    again = plan_import({"h1": after}, [incoming])
    assert again.writes == [] and again.conflicts == []


def test_closing_a_decided_plan_is_taken() -> None:
    here = _household(_plan("p1", "vastgesteld", 3, A))
    incoming = _household(_plan("p1", "afgesloten", 4, A))
    result = plan_import({"h1": here}, [incoming])
    assert [(w.kind, w.insert) for w in result.writes] == [(RecordKind.PLAN, False)]


def test_a_plan_decided_in_the_file_is_not_taken_over_edits_made_here() -> None:
    base = Record("a1", Stamp(1, "x", A), {"text": "start"})
    here_plan = _plan("p1", "concept", 1, A)
    here_plan.life_areas = [Record("a1", Stamp(2, "x", OFFICE, 1, A), {"text": "here"})]
    incoming_plan = _plan("p1", "vastgesteld", 2, A, decided_on="2027-02-01")
    incoming_plan.life_areas = [base]
    result = plan_import({"h1": _household(here_plan)}, [_household(incoming_plan)])
    assert result.writes == []  # nothing of the decided plan is taken
    assert [c.kind for c in result.conflicts] == [RecordKind.LIFE_AREA]
