"""Contract status, own provider first, continuity routes, ranking and type-to-filter (domain.md §4.7)."""

from __future__ import annotations

import time
from datetime import date

from planner.model import Continuity, ContinuityRoute, Contract, Form, Provider
from planner.providers import (
    ContractKind,
    ProviderIndex,
    contract_status,
    fold,
    own_provider_status,
    rank_providers,
)
from planner.rules.continuity import continuity_findings
from tests.planner import factories as f

JUNE_30 = date(2027, 6, 30)


def status(pid, product=f.BEGELEIDING, muni=f.NOORD, start=f.PLAN_START, end=f.PLAN_END):
    return contract_status(pid, product, muni, start, end, f.catalogue())


def test_back_to_back_contracts_are_valid_together():
    assert status(f.BRUG, start=date(2026, 6, 1), end=date(2027, 5, 31)).kind is ContractKind.VALID


def test_contract_ending_inside_the_period_names_its_last_day():
    s = status(f.OUDE_HOEVE)
    assert s.kind is ContractKind.ENDS_EARLY
    assert s.until == JUNE_30
    assert "30 juni 2027" in s.label
    assert status(f.OUDE_HOEVE, end=JUNE_30).is_valid


def test_a_gap_between_contracts_ends_the_coverage():
    cat = f.catalogue()
    cat.contracts.append(
        Contract("gap", f.OUDE_HOEVE, f.NOORD, date(2027, 7, 2), None, product_code=f.BEGELEIDING)
    )
    cat.reindex()
    s = contract_status(f.OUDE_HOEVE, f.BEGELEIDING, f.NOORD, f.PLAN_START, f.PLAN_END, cat)
    assert s.kind is ContractKind.ENDS_EARLY and s.until == JUNE_30
    cat.contracts.append(
        Contract(
            "fill", f.OUDE_HOEVE, f.NOORD, date(2027, 7, 1), date(2027, 7, 1), product_code=f.BEGELEIDING
        )
    )
    cat.reindex()
    assert contract_status(f.OUDE_HOEVE, f.BEGELEIDING, f.NOORD, f.PLAN_START, f.PLAN_END, cat).is_valid


def test_no_contract_and_closed_segment():
    assert status(f.THUIS, product=f.LOGEREN).kind is ContractKind.NONE
    # Household help is closed to new providers in Noordstad; Nieuwkomer only has Zuiddorp.
    assert status(f.NIEUW, product=f.HUISHOUDEN).kind is ContractKind.CLOSED
    assert status(f.NIEUW, product=f.HUISHOUDEN, muni=f.ZUID).is_valid
    # A contract in another municipality does not count here.
    assert status(f.ELAN, muni=f.ZUID).is_valid
    assert status(f.OUDE_HOEVE, muni=f.ZUID).kind is ContractKind.NONE


def test_own_provider_status():
    cat, hh = f.catalogue(), f.household()
    daan = hh.member("m-daan")
    wmo_part = f.daan_allocations()[1]
    assert own_provider_status(daan, wmo_part, cat, hh) is None
    daan.own_provider_id = f.OUDE_HOEVE
    own = own_provider_status(daan, wmo_part, cat, hh)
    assert own is not None and own.provider is not None and own.provider.name == "Oude Hoeve"
    assert not own.keep and own.status.until == JUNE_30 and own.offers_product
    assert own_provider_status(daan, f.daan_allocations()[0], cat, hh).keep


def _route(**kw):
    cat, hh = f.catalogue(), f.household()
    daan = hh.member("m-daan")
    daan.own_provider_id = f.OUDE_HOEVE
    alloc = f.daan_allocations()[1]
    alloc.continuity = Continuity(own_provider_id=f.OUDE_HOEVE, **kw)
    return alloc, daan, cat, hh


def codes(findings):
    return sorted(x.code for x in findings)


def test_bridging_needs_an_until_date_on_or_after_the_start():
    alloc, daan, cat, hh = _route(route=ContinuityRoute.BRIDGING)
    alloc.provider_id = f.OUDE_HOEVE
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.bridging_no_until"]
    alloc.continuity.until = date(2027, 6, 1)
    (finding,) = continuity_findings(alloc, daan, cat, hh)
    assert finding.code == "continuity.bridging_before_start" and "1 juni 2027" in finding.message
    alloc.continuity.until = date(2027, 12, 31)
    assert continuity_findings(alloc, daan, cat, hh) == []
    alloc.provider_id = f.BRUG  # bridging means the own provider delivers
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.bridging_other_provider"]


def test_subcontracting_needs_a_contracted_main_provider():
    alloc, daan, cat, hh = _route(route=ContinuityRoute.SUBCONTRACTING)
    alloc.provider_id = f.OUDE_HOEVE
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.no_main_provider"]
    alloc.continuity.main_provider_id = f.THUIS  # no Begeleiding contract
    (finding,) = continuity_findings(alloc, daan, cat, hh)
    assert finding.code == "continuity.main_not_contracted" and "Thuiszorg Samen" in finding.message
    alloc.continuity.main_provider_id = "gone"
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.main_provider_unknown"]
    alloc.continuity.main_provider_id = f.BRUG
    assert continuity_findings(alloc, daan, cat, hh) == []


def test_pgb_route_needs_form_pgb():
    alloc, daan, cat, hh = _route(route=ContinuityRoute.PGB)
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.pgb_form"]
    alloc.form = Form.PGB
    assert continuity_findings(alloc, daan, cat, hh) == []


def test_other_provider_needs_reason_and_consent():
    alloc, daan, cat, hh = _route(route=ContinuityRoute.OTHER_PROVIDER)
    assert codes(continuity_findings(alloc, daan, cat, hh)) == [
        "continuity.no_consent",
        "continuity.no_reason",
    ]
    alloc.continuity.reason = "De Brug heeft plek en kent de school."
    alloc.continuity.client_consent = True
    assert continuity_findings(alloc, daan, cat, hh) == []
    alloc.provider_id = f.OUDE_HOEVE
    assert codes(continuity_findings(alloc, daan, cat, hh)) == ["continuity.other_is_own"]


def test_ranking_own_provider_first_then_serving_then_waiting_time():
    cat, hh = f.catalogue(), f.household()
    daan = hh.member("m-daan")
    daan.own_provider_id = f.OUDE_HOEVE
    ranked = rank_providers(f.BEGELEIDING, f.PLAN_START, f.PLAN_END, hh, cat, member=daan, plans=[f.plan()])
    assert [c.provider.id for c in ranked] == [f.OUDE_HOEVE, f.BRUG, f.ELAN]
    own, brug, elan = ranked
    assert own.is_own_provider and own.status.kind is ContractKind.ENDS_EARLY
    assert brug.serves_household and "Helpt dit huishouden al" in brug.reasons
    assert not elan.same_municipality and elan.waiting_weeks == 2
    # Without the plan De Brug serves nobody here; Ëlan's shorter waiting time wins.
    ranked = rank_providers(f.BEGELEIDING, f.PLAN_START, f.PLAN_END, f.household(), cat)
    assert [c.provider.id for c in ranked] == [f.ELAN, f.BRUG, f.OUDE_HOEVE]


def test_ranking_same_municipality_then_expertise():
    cat, hh = f.catalogue(), f.household()
    cat.providers[f.ELAN] = Provider(
        f.ELAN,
        "Zorggroep Ëlan",
        "32345678",
        f.ZUID,
        "groot",
        expertise=("autisme",),
        waiting_weeks={f.BEGELEIDING: 4},
    )
    ranked = rank_providers(f.BEGELEIDING, f.PLAN_START, f.PLAN_END, hh, cat)
    assert [c.provider.id for c in ranked][:2] == [f.BRUG, f.ELAN]  # equal wait: Noordstad first
    cat.providers[f.ELAN] = Provider(
        f.ELAN,
        "Zorggroep Ëlan",
        "32345678",
        f.NOORD,
        "groot",
        expertise=("Autisme",),
        waiting_weeks={f.BEGELEIDING: 4},
    )
    ranked = rank_providers(f.BEGELEIDING, f.PLAN_START, f.PLAN_END, hh, cat, expertise=["autisme"])
    assert [c.provider.id for c in ranked][:2] == [f.ELAN, f.BRUG]
    assert ranked[0].expertise_matches == ("Autisme",)


def test_ranking_leaves_out_providers_without_a_contract_here():
    cat, hh = f.catalogue(), f.household()
    ranked = rank_providers(f.HUISHOUDEN, f.PLAN_START, f.PLAN_END, hh, cat)
    assert [c.provider.id for c in ranked] == [f.THUIS, f.BRUG]
    everyone = rank_providers(f.HUISHOUDEN, f.PLAN_START, f.PLAN_END, hh, cat, contracted_only=False)
    assert everyone[-1].provider.id == f.NIEUW and everyone[-1].status.kind is ContractKind.CLOSED


def test_filter_by_name_agb_and_expertise_ignoring_accents_and_case():
    index = ProviderIndex.from_catalogue(f.catalogue())
    assert index.filter("elan") == [f.ELAN]
    assert index.filter("ËLAN") == [f.ELAN]
    assert index.filter("3234") == [f.ELAN]
    assert index.filter("autisme") == [f.ELAN]
    assert index.filter("brug de") == [f.BRUG]
    assert index.filter("jeugd") == [f.BRUG, f.ELAN]
    assert index.filter("zzz") == []
    assert len(index.filter("  ")) == len(index) == 6
    assert index.filter("jeugd", among=[f.ELAN, f.THUIS, f.BRUG, "gone"]) == [f.ELAN, f.BRUG]
    assert index.matches(f.THUIS, "samen thuis") and not index.matches(f.THUIS, "brug")
    assert fold("Zorggroep Ëlan Café") == "zorggroep elan cafe"


def test_filter_is_quick_over_300_providers():
    """Sanity check, not a benchmark: one keystroke must stay far below a frame (16 ms)."""
    providers = [
        Provider(
            f"p{i}",
            f"Zorgaanbieder {i} Ëxpertisecentrum",
            f"{i:08d}",
            f.NOORD,
            "klein",
            expertise=("jeugd", "ggz"),
        )
        for i in range(300)
    ]
    index = ProviderIndex(providers)
    queries = ["z", "zo", "zor", "zorg", "zorga", "ex", "exp", "12", "123", "ggz je"] * 20
    started = time.perf_counter()
    for q in queries:
        index.filter(q)
    per_keystroke = (time.perf_counter() - started) / len(queries)
    assert per_keystroke < 0.005, per_keystroke
