"""Two windows (two Database objects, each its own connection) on one real file: every save
compares per record with what its window read, so changes to different records, or to different
fields of one record, both survive; the same field changed in both is a ConflictError that names
it with both values and writes nothing; a plan decided elsewhere is its own error."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from db.conflicts import carry_over, resolve
from db.database import Database
from db.errors import ConflictError, FieldConflict, PlanDecidedElsewhereError
from planner.errors import FrozenPlanError
from planner.model import Household, Member, Plan, PlanStatus, Role
from tests.db import factories


@pytest.fixture
def two(db_path: Path) -> Iterator[tuple[Database, Database]]:
    first = Database.open(db_path)
    second = Database.open(db_path)
    yield first, second
    first.close()
    second.close()


@pytest.fixture
def stored(two: tuple[Database, Database]) -> tuple[Household, Plan]:
    h = factories.household()
    plan = factories.plan(h)
    with two[0].unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
    return h, plan


def _read(db: Database, household_id: str) -> tuple[Household, Plan]:
    """What a window holds after opening the household."""
    with db.unit_of_work(write=False) as uow:
        h = uow.households.get(household_id)
        plans = uow.plans.for_household(household_id)
    assert h is not None
    return h, plans[0]


def _save(db: Database, *records: Household | Plan) -> None:
    with db.unit_of_work() as uow:
        for r in records:
            if isinstance(r, Household):
                uow.households.save(r)
            else:
                uow.plans.save(r)


# --- different records, or different fields of one record, both survive ----------------------


def test_street_here_postcode_elsewhere_merge_per_field(two, stored) -> None:
    """Decision: different fields of one record merge (three-way, against what each window
    read); the window that saves second takes the other's field into its object."""
    a, b = (_read(db, stored[0].id)[0] for db in two)
    a.street = "Kerkstraat"
    b.postcode = "7201 AB"
    _save(two[0], a)
    _save(two[1], b)
    now = _read(two[0], a.id)[0]
    assert (now.street, now.postcode) == ("Kerkstraat", "7201 AB")
    assert (b.street, b.postcode, b.revision) == ("Kerkstraat", "7201 AB", now.revision)
    b.city = "Zutphen"  # the window that merged saves again without conflicting with itself
    _save(two[1], b)
    assert _read(two[0], a.id)[0] == b


def test_street_here_name_elsewhere_both_survive_and_search_follows(two, stored) -> None:
    a, b = (_read(db, stored[0].id)[0] for db in two)
    a.street = "Kerkstraat"
    b.members[0].surname = "Bakker"
    b.members[0].surname_prefix = ""
    _save(two[1], b)
    _save(two[0], a)  # a still shows the old name: it did not change it, so it keeps "Bakker"
    now = _read(two[0], a.id)[0]
    assert (now.street, now.members[0].surname) == ("Kerkstraat", "Bakker")
    with two[0].unit_of_work(write=False) as uow:
        (found,) = uow.households.search("bakker")
        assert found.name == "Bakker" and found.member_names[0] == "Anneke Bakker"


@pytest.mark.parametrize("street_first", [True, False])
def test_member_added_elsewhere_and_street_here_both_survive(two, stored, street_first: bool) -> None:
    a, b = (_read(db, stored[0].id)[0] for db in two)
    a.street = "Kerkstraat"
    b.members.append(Member("Daan", "Vries", date(2020, 5, 1), Role.CHILD, surname_prefix="de"))
    for db, h in [(two[0], a), (two[1], b)][:: 1 if street_first else -1]:
        _save(db, h)
    now = _read(two[0], a.id)[0]
    assert now.street == "Kerkstraat"
    assert [m.given_names for m in now.members] == ["Anneke", "Jeroen Élie", "Zoë", "Daan"]
    _save(two[0], a)  # saving the window that never saw Daan again does not delete him
    assert len(_read(two[0], a.id)[0].members) == 4


def test_member_removed_here_while_another_added_elsewhere(two, stored) -> None:
    a, b = (_read(db, stored[0].id)[0] for db in two)
    removed = a.members.pop(2)
    b.members.append(Member("Daan", "Vries", None, Role.CHILD))
    _save(two[1], b)
    _save(two[0], a)
    ids = [m.id for m in _read(two[0], a.id)[0].members]
    assert removed.id not in ids and b.members[-1].id in ids and len(ids) == 3


def test_two_life_areas_edited_in_two_windows_both_survive(two, stored) -> None:
    (_, a), (_, b) = (_read(db, stored[0].id) for db in two)
    a.life_areas[0].current_situation = "Minder ruzie sinds de zomer."
    b.life_areas[1].desired_result = "Een eigen kamer voor Jeroen."
    b.allocations[1].volume = 6
    _save(two[0], a)
    _save(two[1], b)
    now = _read(two[0], a.household_id)[1]
    assert now.life_areas[0].current_situation == "Minder ruzie sinds de zomer."
    assert now.life_areas[1].desired_result == "Een eigen kamer voor Jeroen."
    assert now.allocations[1].volume == 6
    _save(two[0], a)  # a's stale copy of the other records writes nothing over them
    assert _read(two[1], a.household_id)[1] == now


# --- the same field in both: a conflict that names it, and nothing written ------------------


def test_same_life_area_field_in_both_is_a_conflict_with_both_values(two, stored) -> None:
    (ha, a), (_, b) = (_read(db, stored[0].id) for db in two)
    area = a.life_areas[0]
    area.current_situation = "Tekst van venster A"
    b.life_areas[0].current_situation = "Tekst van venster B"
    b.life_areas[0].score_after = 5  # only B changes this: it clashes with nothing
    a.participants = "Moeder en consulent"  # another record of the same save
    ha.city = "Deventer"
    _save(two[1], b)
    after_b = _read(two[0], a.household_id)
    with pytest.raises(ConflictError) as caught:
        _save(two[0], ha, a)  # household first: its write is rolled back with the plan's
    (conflict,) = caught.value.conflicts
    assert (conflict.kind, conflict.id, conflict.parent_id, conflict.change) == (
        "life_area",
        area.id,
        a.id,
        "changed",
    )
    assert conflict.stored_revision == conflict.our_revision + 1
    assert conflict.fields == (
        FieldConflict(
            "current_situation",
            stored="Tekst van venster B",
            ours="Tekst van venster A",
            base="Veel ruzie thuis.",
        ),
    )
    assert [(f.field, f.stored) for f in conflict.elsewhere] == [("score_after", 5)]
    assert "niets opgeslagen" in str(caught.value)
    assert _read(two[0], a.household_id) == after_b  # nothing of that save was written
    # the in-memory objects kept what was typed, and their revisions: a retry conflicts again
    assert area.current_situation == "Tekst van venster A" and ha.city == "Deventer"
    with pytest.raises(ConflictError):
        _save(two[0], ha, a)

    resolve(a, caught.value, keep_ours={("life_area", area.id, "current_situation")})
    _save(two[0], ha, a)
    now_h, now = _read(two[1], a.household_id)
    assert now.life_areas[0].current_situation == "Tekst van venster A"
    assert now.life_areas[0].score_after == 5 and now.participants == "Moeder en consulent"
    assert now_h.city == "Deventer"


def test_same_street_in_both_is_a_conflict_and_taking_theirs_keeps_their_value(two, stored) -> None:
    a, b = (_read(db, stored[0].id)[0] for db in two)
    a.street = "Kerkstraat"
    b.street = "Molenweg"
    _save(two[1], b)
    with pytest.raises(ConflictError) as caught:
        _save(two[0], a)
    (conflict,) = caught.value.conflicts
    assert conflict.kind == "household" and conflict.fields[0].field == "street"
    assert (conflict.fields[0].stored, conflict.fields[0].ours) == ("Molenweg", "Kerkstraat")
    resolve(a, caught.value)  # take theirs
    assert a.street == "Molenweg"
    _save(two[0], a)
    assert _read(two[1], a.id)[0].street == "Molenweg"


def test_member_edited_here_deleted_elsewhere_and_removed_here_edited_elsewhere(two, stored) -> None:
    a, b = (_read(db, stored[0].id)[0] for db in two)
    a.members[1].given_names = "Jeroen"
    del b.members[1]
    b.members[0].initials = "A.M."
    a.members.pop(0)
    _save(two[1], b)
    with pytest.raises(ConflictError) as caught:
        _save(two[0], a)
    changes = {(c.id, c.change) for c in caught.value.conflicts}
    assert changes == {
        (stored[0].members[1].id, "deleted_elsewhere"),
        (stored[0].members[0].id, "removed_here"),
    }
    by_change = {c.change: c for c in caught.value.conflicts}
    assert by_change["deleted_elsewhere"].fields == (
        FieldConflict("given_names", stored=None, ours="Jeroen", base="Jeroen Élie"),
    )
    assert by_change["removed_here"].fields == (
        FieldConflict("initials", stored="A.M.", ours=None, base="A."),
    )
    # keep ours for both: Jeroen comes back as edited here, Anneke goes although she was edited
    resolve(a, caught.value, keep_ours={("member", c.id, "") for c in caught.value.conflicts})
    _save(two[0], a)
    assert [m.given_names for m in _read(two[1], a.id)[0].members] == ["Jeroen", "Zoë"]


# --- plans decided elsewhere ---------------------------------------------------------------------


def test_saving_a_concept_decided_elsewhere_is_its_own_error(two, stored) -> None:
    (_, a), (_, b) = (_read(db, stored[0].id) for db in two)
    b.status, b.decided_on = PlanStatus.DECIDED, date(2027, 1, 25)
    _save(two[1], b)
    a.participants = "Later getypt"
    with pytest.raises(PlanDecidedElsewhereError) as caught:
        _save(two[0], a)
    assert isinstance(caught.value, FrozenPlanError)
    assert "intussen ergens anders vastgesteld" in str(caught.value)
    assert caught.value.plan_id == a.id and caught.value.stored_status is PlanStatus.DECIDED
    assert _read(two[0], a.household_id)[1] == b


def test_deciding_a_plan_changed_elsewhere_is_a_conflict(two, stored) -> None:
    """The decision is about what this window shows; a change elsewhere must be seen first."""
    (_, a), (_, b) = (_read(db, stored[0].id) for db in two)
    b.life_areas[1].current_situation = "Intussen aangevuld"
    b.allocations.append(copy.deepcopy(b.allocations[0]))
    b.allocations[-1].id = "nieuw"
    _save(two[1], b)
    a.status, a.decided_on = PlanStatus.DECIDED, date(2027, 1, 25)
    with pytest.raises(ConflictError) as caught:
        _save(two[0], a)
    changes = {(c.kind, c.change) for c in caught.value.conflicts}
    assert changes == {("life_area", "changed"), ("allocation", "added_elsewhere")}
    assert _read(two[0], a.household_id)[1].status is PlanStatus.CONCEPT


# --- revisions in memory -------------------------------------------------------------------------


def test_unchanged_save_writes_no_rows(two, stored) -> None:
    h, plan = _read(two[0], stored[0].id)
    writes: list[str] = []

    def count(conn, cursor, statement, *args) -> None:  # type: ignore[no-untyped-def]
        if statement.split()[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            writes.append(re.sub(r"%\(\w+\)s(::\w+)?", "?", statement))  # psycopg's placeholders read as ?

    event.listen(two[0].engine, "before_cursor_execute", count)
    _save(two[0], h, plan)
    assert writes == []
    revisions = (h.revision, plan.revision, [m.revision for m in h.members])
    h.members[1].given_names = "Jeroen"
    _save(two[0], h, plan)
    # one record written, and the household's search keys that follow from the name
    assert [w.split(" WHERE")[0] for w in writes] == [
        # with who changed it, where, which versions it builds on (migration 0010), its digest (0015)
        "UPDATE members SET given_names=?, revision=?, "
        "changed_by=?, changed_device=?, base_revision=?, base_device=?, lineage=?, digest=?",
        "UPDATE households SET member_names=?",
        "DELETE FROM household_words",
        "DELETE FROM household_prefixes",  # the old name's first letters (migration 0009)
    ]
    assert (h.revision, plan.revision) == revisions[:2]
    assert [m.revision for m in h.members] == [r + (i == 1) for i, r in enumerate(revisions[2])]


def test_a_transaction_that_does_not_commit_leaves_the_objects_as_they_were(two, stored) -> None:
    h, plan = _read(two[0], stored[0].id)
    h.street = "Kerkstraat"
    plan.life_areas[0].desired_result = "Rust"
    before = (h.revision, plan.life_areas[0].revision, h.base, plan.base)
    with pytest.raises(RuntimeError), two[0].unit_of_work() as uow:
        uow.households.save(h)
        uow.plans.save(plan)
        assert h.revision == before[0] + 1
        raise RuntimeError("stroom uitgevallen")
    assert (h.revision, plan.life_areas[0].revision, h.base, plan.base) == before
    _save(two[0], h, plan)  # the edits are still ours to write, and are written
    now_h, now = _read(two[1], h.id)
    assert now_h.street == "Kerkstraat" and now.life_areas[0].desired_result == "Rust"


def test_a_household_deleted_elsewhere_is_written_again_whole(two, stored) -> None:
    """What the window still shows is never lost: saving it stores it again, members and all."""
    a, _ = _read(two[0], stored[0].id)
    with two[1].unit_of_work() as uow:
        assert uow.households.delete(a.id)
    a.street = "Kerkstraat"
    _save(two[0], a)
    with two[1].unit_of_work(write=False) as uow:
        again = uow.households.get(a.id)
        assert [s.case_number for s in uow.households.search("vries")] == [a.case_number]
    assert again == a and again.street == "Kerkstraat" and len(again.members) == 3


# --- a save made on copies (the autosave writes deep copies on the worker) ----------------------


def test_carry_over_gives_the_live_objects_what_the_save_gave_the_copies(two, stored) -> None:
    live, b = (_read(db, stored[0].id)[0] for db in two)
    b.postcode = "7201 AB"
    _save(two[1], b)
    live.street = "Kerkstraat"
    saved = copy.deepcopy(live)
    _save(two[0], saved)  # merges b's postcode into the copy
    live.city = "Zutphen"  # typed while the save was on its way
    carry_over(saved, live)
    assert (live.postcode, live.revision, live.city) == ("7201 AB", saved.revision, "Zutphen")
    _save(two[0], live)
    now = _read(two[1], live.id)[0]
    assert (now.street, now.postcode, now.city) == ("Kerkstraat", "7201 AB", "Zutphen")


def test_carry_over_leaves_a_record_edited_meanwhile_to_meet_the_other_value_as_a_conflict(
    two, stored
) -> None:
    live, b = (_read(db, stored[0].id)[0] for db in two)
    b.postcode = "7201 AB"
    _save(two[1], b)
    live.street = "Kerkstraat"
    saved = copy.deepcopy(live)
    _save(two[0], saved)
    live.postcode = "1000 AA"  # typed over the field the save merged, before seeing it
    carry_over(saved, live)
    assert live.postcode == "1000 AA"
    with pytest.raises(ConflictError) as caught:
        _save(two[0], live)
    (conflict,) = caught.value.conflicts
    assert [(f.field, f.stored, f.ours) for f in conflict.fields] == [("postcode", "7201 AB", "1000 AA")]
