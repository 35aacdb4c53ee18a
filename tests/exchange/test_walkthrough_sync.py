"""domain.md §8 ends: "At the office the file is imported; nothing was typed twice." The kitchen
table's household (the showcase Jansen household), decided on the laptop with its letters, travels
in one encrypted, signed file to an office database that never saw it."""

from __future__ import annotations

from pathlib import Path

from planner.documents.service import letter_documents, stored_bundle
from planner.model import PlanStatus
from planner.services import exchange
from tests.exchange.helpers import RECORD_TABLES, Side, dump
from tests.exchange.test_roundtrip import decide_jansen
from tests.planner.showcase_documents import demo_database, text_of


def _letters(side: Side, plan_id: str) -> list[bytes]:
    with side.db.unit_of_work(write=False) as uow:
        bundle = stored_bundle(uow.decisions, plan_id)
    assert bundle is not None
    return [doc.pdf for doc in letter_documents(bundle, invariant=True)]


def _rows_of(path: Path, household_id: str, plan_ids: set[str]) -> dict[str, list[tuple[object, ...]]]:
    rows = dump(path, RECORD_TABLES)
    keep = {household_id, *plan_ids}
    return {t: [r for r in found if keep & set(r)] for t, found in rows.items()}


def test_at_the_office_the_file_is_imported_nothing_was_typed_twice(tmp_path: Path) -> None:
    laptop = Side(tmp_path / "laptop.db", "Consulent Zutphen", demo_database(tmp_path / "laptop.db"))
    office = Side(tmp_path / "kantoor.db", "Kantoor")
    office.trust(laptop)
    decide_jansen(laptop)
    with laptop.db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number("DEMO-0001")
        assert household is not None
        plans = uow.plans.for_household(household.id)
    decided = next(p for p in plans if p.status is PlanStatus.DECIDED)
    letters = _letters(laptop, decided.id)
    assert len(letters) == 3  # Mrs. Jansen's, Daan's Jeugdwet part to her, his own Wmo letter

    # Only this household goes, encrypted for the office and signed by the laptop.
    made = exchange.export_households(laptop.db, ["DEMO-0001"])
    assert made.households == 1
    result = office.import_(laptop.export(to=office, cases=["DEMO-0001"]))
    assert result.summary.conflicts == 0 and result.summary.sender == "Consulent Zutphen"

    with office.db.unit_of_work(write=False) as uow:
        there = uow.households.by_case_number("DEMO-0001")
        assert there is not None
        assert [(m.given_names, m.bsn, m.birth_date) for m in there.members] == [
            (m.given_names, m.bsn, m.birth_date) for m in household.members
        ]
        assert uow.plans.for_household(there.id) == plans  # every field of every plan version
        assert uow.households.search("Jansen")[0].case_number == "DEMO-0001"
    # Every stored row of the household is the laptop's, and the letters reprint exactly as sent.
    ids = {p.id for p in plans}
    assert _rows_of(office.path, household.id, ids) == _rows_of(laptop.path, household.id, ids)
    again = _letters(office, decided.id)
    assert again == letters
    with office.db.unit_of_work(write=False) as uow:  # stored as sent, not re-rendered there
        assert [d.pdf for d in uow.decisions.documents(decided.id) if d.kind == "letter"] == letters
    assert "Daan" in text_of(again[1]) or "Daan" in text_of(again[0])
