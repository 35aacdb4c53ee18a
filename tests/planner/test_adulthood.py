"""The one definition of the law of an allocation, and the split at the 18th birthday."""

from __future__ import annotations

import dataclasses
from datetime import date

from planner.adulthood import allocation_law, member_law, needs_split, required_law, split_allocation
from planner.model import Frequency, Law, Unit
from tests.planner import factories as f

ADULT_AGE = 18
BIRTHDAY = date(2027, 6, 10)  # Daan, born 10 June 2009


def _daan(**kw):
    base = f.allocation(member_id="m-daan", product_code=f.BEGELEIDING, id="a-daan")
    return dataclasses.replace(base, **kw)


def test_a_product_under_one_law_decides_the_law() -> None:
    cat, daan = f.catalogue(), f.household().member("m-daan")
    youth, wmo_only = cat.products[f.JEUGD], cat.products[f.HUISHOUDEN]
    # Even where the member's situation calls for the other law (the rules say so then).
    late = _daan(product_code=f.JEUGD, start=BIRTHDAY, end=f.PLAN_END)
    assert required_law(late, daan, ADULT_AGE) is Law.WMO
    assert allocation_law(late, daan, ADULT_AGE, youth) is Law.JEUGDWET
    early = _daan(product_code=f.HUISHOUDEN, end=date(2027, 6, 9))
    assert allocation_law(early, daan, ADULT_AGE, wmo_only) is Law.WMO
    assert allocation_law(early, None, ADULT_AGE, wmo_only) is Law.WMO  # no birth date needed


def test_a_product_under_both_laws_follows_the_split_extension_or_start_date() -> None:
    cat, daan = f.catalogue(), f.household().member("m-daan")
    both = cat.products[f.BEGELEIDING]
    assert both.laws == {Law.WMO, Law.JEUGDWET}
    # Unsplit across the birthday: youth care (from its start) until it is split.
    crossing = _daan()
    assert allocation_law(crossing, daan, ADULT_AGE, both) is Law.JEUGDWET
    assert needs_split(crossing, daan, ADULT_AGE)
    # Starting on the birthday: Wmo; extended youth care stays Jeugdwet, also after 18.
    adult = _daan(start=BIRTHDAY)
    assert allocation_law(adult, daan, ADULT_AGE, both) is Law.WMO
    extended = _daan(start=date(2027, 7, 1), extended_youth_care=True)
    assert allocation_law(extended, daan, ADULT_AGE, both) is Law.JEUGDWET
    assert not needs_split(extended, daan, ADULT_AGE)
    # A split fixes the law of each part.
    jw, wmo = split_allocation(crossing, daan, ADULT_AGE)
    assert [allocation_law(p, daan, ADULT_AGE, both) for p in (jw, wmo)] == [Law.JEUGDWET, Law.WMO]
    assert not needs_split(jw, daan, ADULT_AGE) and not needs_split(wmo, daan, ADULT_AGE)
    # Unknown birth date: unknown law.
    assert allocation_law(crossing, dataclasses.replace(daan, birth_date=None), ADULT_AGE, both) is None
    assert member_law(daan, date(2027, 6, 9), ADULT_AGE) is Law.JEUGDWET


def test_the_wmo_part_moves_to_the_adult_product_in_its_unit() -> None:
    cat, daan = f.catalogue(), f.household().member("m-daan")
    youth = dataclasses.replace(cat.products[f.JEUGD], adult_product=f.BEGELEIDING)
    hourly = dataclasses.replace(cat.products[f.BEGELEIDING], unit=Unit.HOUR)
    products = {**cat.products, youth.code: youth, hourly.code: hourly}
    region = dataclasses.replace(cat, products=products)
    a = _daan(product_code=f.JEUGD, volume=195, unit=Unit.MINUTE, frequency=Frequency.PER_WEEK)
    jw, wmo = split_allocation(a, daan, ADULT_AGE, region)
    assert (jw.product_code, jw.end, jw.volume) == (f.JEUGD, date(2027, 6, 9), 195)
    # 195 minutes is not a whole number of hours: it stays in minutes (iWmo/iJw), never rounded down.
    assert (wmo.product_code, wmo.start, wmo.volume, wmo.unit) == (f.BEGELEIDING, BIRTHDAY, 195, Unit.MINUTE)
    a.volume = 180
    _, wmo = split_allocation(a, daan, ADULT_AGE, region)
    assert (wmo.volume, wmo.unit, wmo.frequency) == (3, Unit.HOUR, Frequency.PER_WEEK)
