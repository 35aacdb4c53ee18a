"""The Wmo part of an 18th-birthday split: keep the youth provider only with the adult contract;
otherwise list who holds both contracts, ranked as the picker ranks (domain.md §4.7, issue 10 item 6)."""

from __future__ import annotations

from datetime import date

import pytest

from planner.adulthood import split_allocation
from planner.catalogue import Catalogue
from planner.demo import build_demo_region, stable_id
from planner.model import Allocation, Form, Frequency, Household, Member, Role, Unit
from planner.providers import contract_status, rank_providers, wmo_part_provider
from planner.reference import Reference, load_reference

TODAY = date(2027, 1, 20)
START, END = date(2027, 2, 1), date(2028, 1, 31)
BIRTH = date(2009, 6, 10)  # 18 on 10 June 2027, inside the period
YOUTH, ADULT = "45A01", "02A01"
HOFSTEDE = stable_id("provider", "98000002")  # the showcase's coach: an ended youth contract only
BRUMMEN, LOCHEM, ZUTPHEN = "GM0213", "GM0262", "GM0301"


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def catalogue(ref: Reference) -> Catalogue:
    return build_demo_region(ref, TODAY).catalogue


def _case(municipality: str, provider_id: str | None, form: Form = Form.IN_KIND):
    member = Member("Daan", "Jansen", BIRTH, Role.CHILD, own_provider_id=HOFSTEDE)
    household = Household("T-1", municipality, members=[member])
    allocation = Allocation(
        member.id, YOUTH, START, END, 180, Unit.MINUTE, Frequency.PER_WEEK, form=form, provider_id=provider_id
    )
    return member, household, allocation


def _parts(ref: Reference, catalogue: Catalogue, member: Member, allocation: Allocation):
    youth, wmo = split_allocation(allocation, member, ref.terms.adult_age, catalogue, ref)
    assert (youth.product_code, wmo.product_code) == (YOUTH, ADULT)
    return youth, wmo


def _holds_both(pid: str, muni: str, youth: Allocation, wmo: Allocation, catalogue: Catalogue) -> bool:
    return (
        contract_status(pid, YOUTH, muni, youth.start, youth.end, catalogue).is_valid
        and contract_status(pid, ADULT, muni, wmo.start, wmo.end, catalogue).is_valid
    )


@pytest.mark.parametrize(("municipality", "count"), [(BRUMMEN, 4), (LOCHEM, 5)])
def test_without_the_adult_contract_the_providers_with_both_are_listed(
    ref: Reference, catalogue: Catalogue, municipality: str, count: int
) -> None:
    member, household, allocation = _case(municipality, HOFSTEDE)
    youth, wmo = _parts(ref, catalogue, member, allocation)
    advice = wmo_part_provider(youth, wmo, member, household, catalogue)
    assert advice is not None and not advice.keep and advice.provider_id == HOFSTEDE
    ids = [c.provider.id for c in advice.both]
    # Exactly the providers of the region holding both contracts here ...
    assert set(ids) == {p for p in catalogue.providers if _holds_both(p, municipality, youth, wmo, catalogue)}
    assert len(ids) == count
    # ... in the picker's order for the adult product (one ranking, not a second one).
    picker = [
        c.provider.id for c in rank_providers(ADULT, wmo.start, wmo.end, household, catalogue, member=member)
    ]
    assert ids == [p for p in picker if p in ids]
    assert HOFSTEDE not in ids  # the own provider is never among the alternatives it lacks


def test_a_provider_with_the_adult_contract_is_kept(ref: Reference, catalogue: Catalogue) -> None:
    member, household, allocation = _case(LOCHEM, None)
    youth, wmo = _parts(ref, catalogue, member, allocation)
    holder = next(p for p in catalogue.providers if _holds_both(p, LOCHEM, youth, wmo, catalogue))
    member, household, allocation = _case(LOCHEM, holder)
    youth, wmo = _parts(ref, catalogue, member, allocation)
    advice = wmo_part_provider(youth, wmo, member, household, catalogue)
    assert advice is not None and advice.keep and advice.provider_id == holder and advice.both == ()
    assert wmo.provider_id == holder  # the split itself keeps the provider: never a substitution


def test_the_own_provider_counts_when_no_provider_is_chosen_yet(ref: Reference, catalogue: Catalogue) -> None:
    member, household, allocation = _case(ZUTPHEN, None)
    youth, wmo = _parts(ref, catalogue, member, allocation)
    advice = wmo_part_provider(youth, wmo, member, household, catalogue)
    assert advice is not None and advice.provider_id == HOFSTEDE and not advice.keep
    assert advice.both and all(
        _holds_both(c.provider.id, ZUTPHEN, youth, wmo, catalogue) for c in advice.both
    )


def test_a_pgb_has_no_provider_to_keep(ref: Reference, catalogue: Catalogue) -> None:
    member, household, allocation = _case(BRUMMEN, None, Form.PGB)
    youth, wmo = _parts(ref, catalogue, member, allocation)
    assert wmo_part_provider(youth, wmo, member, household, catalogue) is None
