"""What an import derives equals what a save here derives: the search columns, name words and
name prefixes, and the listed plan status — for households new here (written whole, their plan
status worked out in Python) and for households the file changed (refreshed a chunk at a time):
a re-assessment begun on the laptop lists its household as a concept at the office too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db.demo_loader import load_demo
from planner.model import PlanStatus, Role
from planner.plans import previous_plan, reassessment_block, reassessment_plan, reassessment_start
from tests.exchange.helpers import Side, dump, edit_household, three_sides

DERIVED = ("households", "household_words", "household_prefixes")


def _rename(household: object) -> None:
    adult = next(m for m in household.members if m.role in (Role.PARENT, Role.PARTNER))  # type: ignore[attr-defined]
    adult.surname_prefix, adult.surname, adult.given_names = "van der", "Çelik", "Zoë"
    household.postcode = "9999 zz"  # type: ignore[attr-defined]


def test_derived_rows_of_an_import_equal_those_of_a_save(tmp_path: Path, office_path: Path) -> None:
    a, office, b = three_sides(tmp_path, office_path)  # the office and B took A's households whole
    want = dump(a.path, DERIVED)
    assert any(row for row in want["households"])
    assert dump(office.path, DERIVED) == want and dump(b.path, DERIVED) == want

    edit_household(a, "DEMO-0002", _rename)
    edit_household(a, "DEMO-0003", lambda h: setattr(h, "street", "Nieuwstraat"))  # no search key
    edit_household(a, "DEMO-0004", lambda h: setattr(h, "postcode", "1111 AA"))  # the household's own
    result = office.import_(a.export(to=office))
    assert result.summary.updated >= 4 and result.summary.conflicts == 0
    assert dump(office.path, DERIVED) == dump(a.path, DERIVED)


def _begin_reassessments(side: Side, wanted: int) -> list[str]:
    """A re-assessment (a new concept plan) saved for `wanted` households with a decided plan and
    no concept, as the window saves it; their case numbers."""
    begun: list[str] = []
    with side.db.unit_of_work() as uow:
        for household in uow.households.summaries():
            plans = uow.plans.for_household(household.id)
            previous = previous_plan(plans)
            if reassessment_block(plans) is None and previous is not None and previous.life_areas:
                uow.plans.save(reassessment_plan(previous, reassessment_start(previous)))
                begun.append(household.case_number)
                if len(begun) == wanted:
                    break
    return begun


def test_a_reassessment_begun_on_a_laptop_is_listed_as_concept_at_the_office(
    tmp_path: Path, office_path: Path
) -> None:
    laptop = Side(tmp_path / "a.db", "Laptop A")
    load_demo(laptop.db, today=date(2027, 1, 20), households=40)
    office = Side(office_path, "Kantoor")
    office.trust(laptop)
    office.import_(laptop.export(to=office))  # new there: written whole
    begun = _begin_reassessments(laptop, 3)
    assert len(begun) == 3

    result = office.import_(laptop.export(to=office, since_last=True))  # changed there
    assert result.summary.added >= 3 and result.summary.conflicts == 0
    assert dump(office.path, DERIVED) == dump(laptop.path, DERIVED)
    with office.db.unit_of_work(write=False) as uow:
        listed = {h.case_number: h.plan_status for h in uow.households.summaries()}
    assert [listed[case] for case in begun] == [PlanStatus.CONCEPT] * 3
