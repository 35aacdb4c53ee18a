"""The household editor stores a postcode the way it is written on an envelope: "7201dn" -> "7201 DN"."""

from __future__ import annotations

from db.database import Database
from tests.ui.conftest import TODAY, ZUTPHEN
from tests.ui.typing_helper import type_text
from ui.session import HouseholdSession
from ui.views.household_tab import HouseholdTab


def test_postcode_typed_without_space_is_stored_normalised(qtbot, db: Database, reference) -> None:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    session = HouseholdSession.create(db, reference, catalogue, TODAY, ZUTPHEN)
    tab = HouseholdTab(session)
    qtbot.addWidget(tab)
    type_text(tab.postcode, "7201dn")
    tab.postcode.editingFinished.emit()
    assert session.household.postcode == "7201 DN"
    session.save_soon()
    qtbot.waitUntil(lambda: session.is_saved, timeout=3000)
    with db.unit_of_work(write=False) as uow:
        stored = uow.households.get(session.household.id)
    assert stored is not None and stored.postcode == "7201 DN"
