"""Two household windows' sessions on one file (two Database objects), autosaving on the worker:
what each changed is kept, and the window that saves later takes in what the other saved."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from db.database import Database
from planner.model import Member
from planner.services.fields import HouseholdField, set_field
from planner.services.household import add_member
from tests.ui.conftest import TODAY, ZUTPHEN
from ui.session import HouseholdSession


def _catalogue(db: Database):
    with db.unit_of_work(write=False) as uow:
        return uow.catalogue.load()


def _autosave(qtbot, session: HouseholdSession) -> None:
    session.save_soon()
    qtbot.waitUntil(lambda: session.is_saved, timeout=3000)


def test_street_here_member_and_postcode_there_all_survive_autosave(
    qtbot, db: Database, db_path: Path, reference
) -> None:
    a = HouseholdSession.create(db, reference, _catalogue(db), TODAY, ZUTPHEN)
    other = Database.open(db_path)
    try:
        b = HouseholdSession.open(other, reference, _catalogue(other), TODAY, a.household.id)
        a.apply(set_field(a.household, HouseholdField.STREET, "Kerkstraat", "Straat"))
        _autosave(qtbot, a)
        b.apply(set_field(b.household, HouseholdField.POSTCODE, "7201 AB", "Postcode"))
        b.apply(add_member(b.household, Member("Daan", "Jansen", date(2020, 5, 1))))
        _autosave(qtbot, b)  # b never saw the street: it keeps a's
        a.apply(set_field(a.household, HouseholdField.CITY, "Zutphen", "Plaats"))
        _autosave(qtbot, a)  # a never saw the member or the postcode: it keeps b's
        with db.unit_of_work(write=False) as uow:
            stored = uow.households.get(a.household.id)
        assert stored is not None
        assert (stored.street, stored.postcode, stored.city) == ("Kerkstraat", "7201 AB", "Zutphen")
        assert [m.given_names for m in stored.members] == ["Daan"]
        assert a.household.postcode == "7201 AB"  # merged into a's record by its save
        a.apply(set_field(a.household, HouseholdField.STREET, "Molenweg", "Straat"))
        _autosave(qtbot, a)  # and a's next save does not conflict with itself
        with db.unit_of_work(write=False) as uow:
            assert uow.households.get(a.household.id).street == "Molenweg"  # type: ignore[union-attr]
    finally:
        other.close()
