"""Edits on two laptops meet at the office: exactly the records changed on both sides are
conflicts, everything else merges; conflicts are resolved by a person and then travel."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.services import exchange
from tests.exchange.helpers import (
    RECORD_TABLES,
    dump,
    edit_household,
    edit_plan,
    file_bytes,
    stale_digests,
    three_sides,
)


def test_edits_of_different_records_merge_without_conflicts(tmp_path: Path, office_path: Path) -> None:
    a, office, b = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Nieuwstraat"))
    edit_household(b, "DEMO-0002", lambda h: setattr(h.members[0], "given_names", "Anaïs"))
    edit_plan(b, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Schulden geregeld"))

    first = office.import_(a.export(to=office))
    assert (first.summary.updated, first.summary.conflicts) == (1, 0)
    second = office.import_(b.export(to=office))
    assert (second.summary.updated, second.summary.conflicts) == (2, 0)
    with office.db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number("DEMO-0002")
        assert h is not None and h.street == "Nieuwstraat" and h.members[0].given_names == "Anaïs"

    # Back to both laptops: all three hold the same records.
    a.import_(office.export(to=a))
    b.import_(office.export(to=b))
    want = dump(office.path, RECORD_TABLES)
    assert dump(a.path, RECORD_TABLES) == want and dump(b.path, RECORD_TABLES) == want
    assert [stale_digests(side.path) for side in (a, office, b)] == [[], [], []]


def test_the_same_record_changed_on_both_laptops_is_exactly_one_conflict(
    tmp_path: Path, office_path: Path
) -> None:
    a, office, b = three_sides(tmp_path, office_path)
    edit_plan(a, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op A getypt"))
    edit_plan(b, "DEMO-0001", lambda p: setattr(p.life_areas[0], "desired_result", "Op B getypt"))
    edit_plan(b, "DEMO-0001", lambda p: setattr(p, "participants", "moeder, zoon"))  # only B

    office.import_(a.export(to=office))
    result = office.import_(b.export(to=office))
    assert result.summary.conflicts == 1 and result.summary.updated == 1
    (conflict,) = exchange.open_conflicts(office.db)
    assert conflict.kind.value == "life_area" and conflict.case_number == "DEMO-0001"
    assert conflict.fields() == [("desired_result", "Op A getypt", "Op B getypt")]
    assert conflict.sender == "Laptop B"

    # Nothing typed is lost: A's text stands here, B's is kept in the conflict.
    with office.db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number("DEMO-0001")
        assert h is not None
        plan = uow.plans.active(h.id)
        assert plan is not None and plan.life_areas[0].desired_result == "Op A getypt"
        assert plan.participants == "moeder, zoon"

    # The same file again: no new conflict, no change at all.
    again = b.export(to=office)
    before = dump(office.path)
    office.import_(again)
    assert dump(office.path) == before

    # A person takes B's text; sent back, both laptops take the resolution without a conflict.
    exchange.resolve_conflict(office.db, conflict.id, take_file=True)
    assert exchange.open_conflicts(office.db) == []
    for side in (a, b):
        back = side.import_(office.export(to=side))
        assert back.summary.conflicts == 0
    want = dump(office.path, RECORD_TABLES)
    assert dump(a.path, RECORD_TABLES) == want and dump(b.path, RECORD_TABLES) == want
    # Saved, imported, resolved: every record's digest is the one of its row (db/exchange.py).
    assert [stale_digests(side.path) for side in (a, office, b)] == [[], [], []]


def test_an_older_file_changes_nothing(tmp_path: Path, office_path: Path) -> None:
    a, office, _b = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Eerste"))
    old = a.export(to=office)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Tweede"))
    office.import_(a.export(to=office))
    before = file_bytes(office.path)
    result = office.import_(old)
    assert result.summary.updated == result.summary.conflicts == 0 and not result.changes
    assert file_bytes(office.path) == before


def test_since_last_exports_only_what_changed(tmp_path: Path, office_path: Path) -> None:
    a, office, _b = three_sides(tmp_path, office_path)
    a.export(to=office, since_last=True)
    edit_household(a, "DEMO-0003", lambda h: setattr(h, "city", "Zutphen"))
    made = exchange.export_households(a.db, since_last=office.recipient)
    assert [h["fields"]["case_number"] for h in made.document["households"]] == ["DEMO-0003"]


def test_a_dry_run_changes_nothing(tmp_path: Path, office_path: Path) -> None:
    a, office, _b = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Proefstraat"))
    data = a.export(to=office)
    before = file_bytes(office.path)
    result = office.import_(data, dry_run=True)
    assert result.summary.updated == 1 and result.summary.dry_run and not result.changes
    assert file_bytes(office.path) == before


@pytest.mark.parametrize("take_file", [True, False])
def test_a_resolved_conflict_is_not_asked_again(tmp_path: Path, office_path: Path, take_file: bool) -> None:
    a, office, b = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0004", lambda h: setattr(h, "postcode", "7201 AA"))
    edit_household(b, "DEMO-0004", lambda h: setattr(h, "postcode", "7201 BB"))
    office.import_(a.export(to=office))
    office.import_(b.export(to=office))
    (conflict,) = exchange.open_conflicts(office.db)
    exchange.resolve_conflict(office.db, conflict.id, take_file=take_file)
    for side in (a, b, a, b):
        assert side.import_(office.export(to=side)).summary.conflicts == 0
        assert office.import_(side.export(to=office)).summary.conflicts == 0
    expected = "7201 BB" if take_file else "7201 AA"
    for side in (a, office, b):
        with side.db.unit_of_work(write=False) as uow:
            h = uow.households.by_case_number("DEMO-0004")
            assert h is not None and h.postcode == expected


def test_a_case_number_held_here_by_another_household_is_refused_whole(
    tmp_path: Path, office_path: Path
) -> None:
    from db.errors import ConstraintError
    from tests.db import factories
    from tests.exchange.helpers import Side

    a, b = Side(tmp_path / "a.db", "A"), Side(office_path, "B")
    b.trust(a)
    with a.db.unit_of_work() as uow:
        uow.households.save(factories.household("2027-000777", surname="Bakker"))
        uow.households.save(factories.household("2027-000778", surname="Smit"))
    with b.db.unit_of_work() as uow:  # the same number given to another family on B
        uow.households.save(factories.household("2027-000777", surname="Visser"))
    before = file_bytes(b.path)
    with pytest.raises(ConstraintError, match="Er is niets ingelezen"):
        b.import_(a.export(to=b))
    assert file_bytes(b.path) == before


def test_a_conflict_resolved_field_by_field(tmp_path: Path, office_path: Path) -> None:
    a, office, b = three_sides(tmp_path, office_path)

    def on_a(h: object) -> None:
        h.street, h.city = "Straat van A", "Stad van A"  # type: ignore[attr-defined]

    def on_b(h: object) -> None:
        h.street, h.city = "Straat van B", "Stad van B"  # type: ignore[attr-defined]

    edit_household(a, "DEMO-0005", on_a)
    edit_household(b, "DEMO-0005", on_b)
    office.import_(a.export(to=office))
    office.import_(b.export(to=office))
    (conflict,) = exchange.open_conflicts(office.db)
    assert {name for name, _h, _f in conflict.fields()} == {"street", "city"}
    exchange.resolve_conflict(office.db, conflict.id, keep_here={"street"})
    with office.db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number("DEMO-0005")
        assert h is not None and (h.street, h.city) == ("Straat van A", "Stad van B")
    for side in (a, b):
        assert side.import_(office.export(to=side)).summary.conflicts == 0
