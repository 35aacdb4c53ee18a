"""What a catalogue file from the office changes here: the picker's waiting times are the file's,
and an allocation whose provider lost its contract in the new catalogue is flagged by the rules."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

from db.database import Database
from planner.catalogue import Catalogue
from planner.reference import Reference, load_reference
from planner.rules import check_household
from planner.services import exchange
from planner.services.catalogue import load_catalogue
from tests.exchange.helpers import Side
from tests.planner import factories as f


def _office_file(office: Side, catalogue: Catalogue, version: str, day: date) -> bytes:
    with office.db.unit_of_work() as uow:
        uow.catalogue.replace(catalogue)
    data, _version = exchange.export_catalogue(office.db, office.signing, version, day)
    return data


def _import(laptop: Database, office: Side, data: bytes) -> Catalogue:
    exchange.import_catalogue(laptop, data, {office.public: "Kantoor"})
    return load_catalogue(laptop)


def _later_catalogue() -> Catalogue:
    """Thuiszorg Samen loses its household-help contract; Ëlan's waiting time goes from 2 to 6 weeks."""
    cat = f.catalogue()
    providers = dict(cat.providers)
    providers[f.ELAN] = dataclasses.replace(providers[f.ELAN], waiting_weeks={f.BEGELEIDING: 6})
    contracts = [c for c in cat.contracts if c.id != "c9"]
    return dataclasses.replace(cat, providers=providers, contracts=contracts)


def test_the_picker_shows_the_waiting_time_of_the_file(qtbot, tmp_path: Path) -> None:
    from ui.support.provider_picker import ProviderPicker

    office, laptop = Side(tmp_path / "kantoor.db", "Kantoor"), Database.open(tmp_path / "laptop.db")
    try:
        household, petra = f.household(), f.household().members[0]

        def elan(cat: Catalogue) -> tuple[int | None, str]:
            picker = ProviderPicker(cat)
            qtbot.addWidget(picker)
            picker.set_context(f.BEGELEIDING, f.PLAN_START, f.PLAN_END, household, petra, [])
            row = picker.model.ids().index(f.ELAN)
            choice = picker.model.choice(row)
            assert choice is not None
            return choice.waiting_weeks, picker.model.data(picker.model.index(row))

        first = _import(laptop, office, _office_file(office, f.catalogue(), "2027-01", date(2027, 1, 4)))
        assert elan(first)[0] == 2
        later = _import(laptop, office, _office_file(office, _later_catalogue(), "2027-02", date(2027, 2, 1)))
        weeks, text = elan(later)
        assert weeks == 6 and "Wachttijd 6 weken" in text
        assert exchange.catalogue_info(laptop) == exchange.CatalogueInfo("2027-02", "2027-02-01", "")
    finally:
        laptop.close()
        office.db.close()


def test_a_lost_contract_flags_the_allocation(tmp_path: Path) -> None:
    ref: Reference = load_reference()
    office, laptop = Side(tmp_path / "kantoor.db", "Kantoor"), Database.open(tmp_path / "laptop.db")
    try:
        plans = [f.plan(allocations=[f.allocation()])]  # Thuiszorg Samen, household help: clean

        def contract_findings(cat: Catalogue) -> list[str]:
            found = check_household(f.household(), plans, cat, ref, f.TODAY)
            return [x.code for x in found if x.subject_id == "a-hh"]

        before = _import(laptop, office, _office_file(office, f.catalogue(), "2027-01", date(2027, 1, 4)))
        assert contract_findings(before) == []
        after = _import(laptop, office, _office_file(office, _later_catalogue(), "2027-02", date(2027, 2, 1)))
        assert "allocation.no_contract" in contract_findings(after)
    finally:
        laptop.close()
        office.db.close()
