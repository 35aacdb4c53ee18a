"""The office's catalogue as an exchange document of kind `catalogue`, with its own version and
date (docs/exchange.md): municipalities, segments, products with their tariffs, providers with
their waiting times, contracts and closed product groups."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from planner.catalogue import Catalogue
from planner.exchange.document import FORMAT, KIND_CATALOGUE, VERSION, now_text
from planner.model import (
    ClosedGroup,
    Contract,
    Distance,
    Frequency,
    Law,
    Municipality,
    Product,
    Provider,
    Segment,
    Unit,
)


def catalogue_document(catalogue: Catalogue, version: str, day: date) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "kind": KIND_CATALOGUE,
        "version": VERSION,
        "created": now_text(),
        "catalogue_version": version,
        "catalogue_date": day.isoformat(),
        "municipalities": [{"code": m.code, "name": m.name} for m in catalogue.municipalities.values()],
        "segments": [{"code": s.code, "name": s.name} for s in catalogue.segments.values()],
        "products": [_product(p) for p in catalogue.products.values()],
        "providers": [_provider(p) for p in catalogue.providers.values()],
        "contracts": [_contract(c) for c in catalogue.contracts],
        "closed_groups": [
            {"municipality_code": g.municipality_code, "segment": g.segment}
            for g in sorted(catalogue.closed_groups, key=lambda g: (g.municipality_code, g.segment))
        ],
    }


def _product(p: Product) -> dict[str, Any]:
    return {
        "code": p.code,
        "category": p.category,
        "name": p.name,
        "segment": p.segment,
        "laws": sorted(law.value for law in p.laws),
        "unit": p.unit.value,
        "frequencies": [f.value for f in p.frequencies],
        "tariff": str(p.tariff),
        "tariff_year": p.tariff_year,
        "max_months": p.max_months,
        "volume_min": p.volume_min,
        "volume_max": p.volume_max,
        "bandwidth": p.bandwidth,
        "adult_product": p.adult_product,
    }


def _provider(p: Provider) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "agb": p.agb,
        "municipality_code": p.municipality_code,
        "size": p.size,
        "self_employed": p.self_employed,
        "expertise": list(p.expertise),
        "waiting_weeks": dict(p.waiting_weeks),
        "accepts_pgb": p.accepts_pgb,
    }


def _contract(c: Contract) -> dict[str, Any]:
    return {
        "id": c.id,
        "provider_id": c.provider_id,
        "municipality_code": c.municipality_code,
        "start": c.start.isoformat(),
        "end": c.end.isoformat() if c.end else None,
        "product_code": c.product_code,
        "cell": {"life_area": c.cell[0], "distance": c.cell[1].value} if c.cell else None,
    }


def catalogue_from(document: dict[str, Any]) -> Catalogue:
    """The catalogue of a checked document (document.loads with KIND_CATALOGUE)."""
    return Catalogue(
        municipalities={m["code"]: Municipality(m["code"], m["name"]) for m in document["municipalities"]},
        segments={s["code"]: Segment(s["code"], s["name"]) for s in document["segments"]},
        products={
            p["code"]: Product(
                code=p["code"],
                category=p["category"],
                name=p["name"],
                segment=p["segment"],
                laws=frozenset(Law(v) for v in p["laws"]),
                unit=Unit(p["unit"]),
                frequencies=tuple(Frequency(v) for v in p["frequencies"]),
                tariff=Decimal(p["tariff"]),
                tariff_year=p["tariff_year"],
                max_months=p["max_months"],
                volume_min=p["volume_min"],
                volume_max=p["volume_max"],
                bandwidth=p["bandwidth"],
                adult_product=p["adult_product"],
            )
            for p in document["products"]
        },
        providers={
            p["id"]: Provider(
                id=p["id"],
                name=p["name"],
                agb=p["agb"],
                municipality_code=p["municipality_code"],
                size=p["size"],
                self_employed=p["self_employed"],
                expertise=tuple(p["expertise"]),
                waiting_weeks={k: int(v) for k, v in p["waiting_weeks"].items()},
                accepts_pgb=p["accepts_pgb"],
            )
            for p in document["providers"]
        },
        contracts=[
            Contract(
                id=c["id"],
                provider_id=c["provider_id"],
                municipality_code=c["municipality_code"],
                start=date.fromisoformat(c["start"]),
                end=date.fromisoformat(c["end"]) if c["end"] else None,
                product_code=c["product_code"],
                cell=(c["cell"]["life_area"], Distance(c["cell"]["distance"])) if c["cell"] else None,
            )
            for c in document["contracts"]
        ],
        closed_groups={ClosedGroup(g["municipality_code"], g["segment"]) for g in document["closed_groups"]},
    )
