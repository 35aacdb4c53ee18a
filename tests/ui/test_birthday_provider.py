"""The 18th-birthday banner names who delivers the Wmo part (issue 10 item 6), on the demo's Jansen
household: Daan's coach has no adult contract, so the banner lists the providers in Zutphen that hold
both the youth and the adult contract, and after the split the continuity route is asked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from db.database import Database
from planner.adulthood import birthday_proposal
from planner.demo import stable_id
from planner.model import ContinuityRoute, Law
from planner.providers import wmo_part_provider
from planner.reference import Reference
from tests.planner.showcase_documents import TODAY, demo_database
from tests.ui.typing_helper import type_text
from ui.session import HouseholdSession
from ui.support.commands import set_allocation
from ui.support.support_tab import SupportTab

HOFSTEDE = stable_id("provider", "98000002")
BRUG = stable_id("provider", "98000001")  # holds youth and adult begeleiding in Zutphen


@pytest.fixture
def session(tmp_path: Path, reference: Reference) -> HouseholdSession:
    db: Database = demo_database(tmp_path / "demo.sqlite")
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number("DEMO-0001")
        catalogue = uow.catalogue.load()
    assert household is not None
    return HouseholdSession.open(db, reference, catalogue, TODAY, household.id)


def _daan_youth(tab: SupportTab, session: HouseholdSession):
    daan = next(m for m in session.household.members if m.given_names == "Daan")
    youth = next(a for a in session.plan.allocations if a.member_id == daan.id)
    tab.select_allocation(youth.id)
    return daan, youth


def test_banner_lists_providers_with_both_contracts_and_asks_the_route(qtbot, session) -> None:
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.show()
    daan, youth = _daan_youth(tab, session)
    banner = tab.editor.banner
    assert banner.isVisible() and youth.provider_id == HOFSTEDE
    text = banner.wmo_provider.text()
    assert text.startswith(
        "Jongerencoach Ruben Hofstede heeft geen contract voor Begeleiding individueel (Wmo) in Zutphen"
    )
    assert "Het programma kiest niet zelf een andere aanbieder" in text
    assert banner.both_list.isVisible()
    shown = [banner.both_list.item(i).text() for i in range(banner.both_list.count())]
    # The same providers, in the same order, as the domain's answer (ranked as the picker ranks).
    parts = birthday_proposal(youth, daan, session.catalogue, session.reference).parts
    advice = wmo_part_provider(parts[0], parts[1], daan, session.household, session.catalogue, session.plans)
    assert advice is not None and len(advice.both) == 5
    assert [s.split(" — ")[0] for s in shown] == [c.provider.name for c in advice.both]
    assert shown[0].startswith("De Brug Gezinsondersteuning — Helpt dit huishouden al")

    # Pick the second one as the proposal for the route, then split.
    banner.both_list.setCurrentRow(1)
    chosen = advice.both[1].provider.id
    banner.split_button.click()

    wmo = tab.editor.allocation()
    assert wmo is not None and wmo.law is Law.WMO and wmo.product_code == "02A01"
    assert tab.tree.currentItem() is tab._find(wmo.id)  # the list follows the editor
    assert wmo.provider_id == HOFSTEDE  # nothing substituted: the route decides
    dialog = tab.editor.provider.continuity_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.own_id == HOFSTEDE
    assert dialog.other_provider.currentData() == chosen  # the provider picked in the banner
    dialog.choose_route(ContinuityRoute.OTHER_PROVIDER)
    type_text(dialog.reason, "Hofstede heeft geen contract voor begeleiding van volwassenen.")
    dialog.consent.setChecked(True)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled(), dialog.problem.text()
    ok.click()
    wmo = tab.editor.allocation()
    assert wmo.provider_id == chosen and wmo.continuity.route is ContinuityRoute.OTHER_PROVIDER
    youth_part = next(a for a in session.plan.allocations if a.law is Law.JEUGDWET and a.member_id == daan.id)
    assert youth_part.provider_id == HOFSTEDE  # the youth part keeps its provider and bridging


def test_a_provider_with_the_adult_contract_is_kept_without_asking(qtbot, session) -> None:
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.show()
    _, youth = _daan_youth(tab, session)
    set_allocation(session, youth, {"provider_id": BRUG, "continuity": None}, "Aanbieder kiezen")
    banner = tab.editor.banner
    assert banner.wmo_provider.text() == (
        "De Brug Gezinsondersteuning heeft ook een contract voor Begeleiding individueel (Wmo) en blijft "
        "de aanbieder van het Wmo-deel."
    )
    assert not banner.both_list.isVisible()
    banner.split_button.click()
    assert tab.editor.provider.continuity_dialog is None
    assert [a.provider_id for a in session.plan.allocations if a.product_code in ("45A01", "02A01")] == [
        BRUG,
        BRUG,
    ]
