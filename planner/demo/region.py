"""The demo region's catalogue: generated providers and contracts, plus the showcase's own."""

from __future__ import annotations

import random
from datetime import date

from planner.catalogue import Catalogue
from planner.demo.common import demo_data, generated, stable_id
from planner.model import ClosedGroup, Contract, Distance, Provider
from planner.reference import Reference, load_provider_names


def _contract_years(today: date) -> tuple[date, date, date]:
    """Current contracts run from two years ago to two years ahead; ended ones stopped last year."""
    return date(today.year - 2, 1, 1), date(today.year + 2, 12, 31), date(today.year - 1, 12, 31)


def build_catalogue(reference: Reference, today: date, seed: int = 2026) -> Catalogue:
    rng = random.Random(seed)
    fixed = generated()["catalogue"]
    waiting_choices = tuple(fixed["waiting_weeks"])
    ended_share = 1 / fixed["ended_one_in"]
    start, end, ended = _contract_years(today)
    municipalities = [m.code for m in reference.municipalities]
    products = list(reference.products)
    cells = [(a.code, d) for a in reference.life_areas for d in Distance]
    providers: dict[str, Provider] = {}
    contracts: list[Contract] = []
    own_work = set(demo_data("names.toml")["self_employed_segments"])  # what a self-employed carer offers

    def add_contract(
        provider_id: str,
        municipality: str,
        *,
        product: str | None = None,
        cell: tuple[str, Distance] | None = None,
        until: date | None = end,
    ) -> None:
        key = f"{product}{cell}{municipality}{until}"
        contracts.append(
            Contract(
                id=stable_id("contract", provider_id, key),
                provider_id=provider_id,
                municipality_code=municipality,
                start=start,
                end=until,
                product_code=product,
                cell=cell,
            )
        )

    for row in load_provider_names():
        pid = stable_id("provider", row.agb)
        large = row.size == "groot"
        if row.self_employed:
            offered = rng.sample([p for p in products if p.segment in own_work], k=rng.randint(1, 2))
            places = [row.municipality, *rng.sample(municipalities, k=rng.randint(0, 1))]
        elif large:
            offered = rng.sample(products, k=rng.randint(5, 10))
            places = rng.sample(municipalities, k=rng.randint(4, len(municipalities)))
        else:
            offered = rng.sample(products, k=rng.randint(2, 4))
            places = [row.municipality, *rng.sample(municipalities, k=rng.randint(0, 2))]
        places = list(dict.fromkeys(places))
        waiting = {p.code: rng.choice(waiting_choices) for p in offered}
        providers[pid] = Provider(
            id=pid,
            name=row.name,
            agb=row.agb,
            municipality_code=row.municipality,
            size=row.size,
            self_employed=row.self_employed,
            expertise=tuple(row.expertise),
            waiting_weeks=waiting,
            accepts_pgb=row.accepts_pgb,
        )
        for product in offered:
            for place in places:
                add_contract(
                    pid, place, product=product.code, until=ended if rng.random() < ended_share else end
                )
        if large and rng.random() < fixed["large_coordinates_share"]:
            for cell in cells:
                add_contract(pid, row.municipality, cell=cell)

    showcase = demo_data("showcase.toml")
    for spec in showcase["providers"]:
        pid = stable_id("provider", spec["agb"])
        products_here = spec.get("products", []) + spec.get("ended_products", [])
        providers[pid] = Provider(
            id=pid,
            name=spec["name"],
            agb=spec["agb"],
            municipality_code=spec["municipality"],
            size=spec["size"],
            self_employed=spec.get("self_employed", False),
            expertise=tuple(spec.get("expertise", ())),
            accepts_pgb=spec.get("accepts_pgb", False),
            waiting_weeks={code: 1 for code, _ in products_here},
        )
        for code, place in spec.get("products", []):
            add_contract(pid, place, product=code)
        for code, place in spec.get("ended_products", []):
            add_contract(pid, place, product=code, until=ended)
        skip = {(a, Distance(d), m) for a, d, m in spec.get("coordinates_except", [])}
        for place in spec.get("coordinates", []):
            for cell in cells:
                if (cell[0], cell[1], place) not in skip:
                    add_contract(pid, place, cell=cell)

    return Catalogue(
        municipalities={m.code: m for m in reference.municipalities},
        segments={s.code: s for s in reference.segments},
        products={p.code: p for p in reference.products},
        providers=providers,
        contracts=contracts,
        closed_groups={ClosedGroup(g["municipality"], g["segment"]) for g in showcase["closed_groups"]},
    )
