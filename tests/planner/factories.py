"""A tiny hand-made region for rule tests: 2 municipalities, a few products, providers, contracts.

Not the demo region: every fact a test relies on is visible here. Life-area codes are those of
resources/life_areas.toml (the rules look their names up in the reference data).

The story (domain.md §8, simplified): the Jansen household lives in Noordstad (GM9001). Mother
Petra (born 2 March 1985) and son Daan (born 10 June 2009, so 18 on 10 June 2027). The plan runs
from 1 February 2027 for 12 months.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.catalogue import Catalogue
from planner.model import (
    Allocation,
    ClosedGroup,
    Contract,
    Coordinator,
    CoordinatorKind,
    Distance,
    Form,
    Frequency,
    Household,
    Law,
    LifeAreaResult,
    Member,
    Municipality,
    Plan,
    Product,
    Provider,
    Role,
    Rung,
    Segment,
    Unit,
)

NOORD = "GM9001"
ZUID = "GM9002"

# Products
BEGELEIDING = "10A01"  # Begeleiding individueel: Wmo and Jeugdwet
HUISHOUDEN = "02A02"  # Hulp bij het huishouden: Wmo only
JEUGD = "45A01"  # Jeugdhulp ambulant: Jeugdwet only
LOGEREN = "03A01"  # Logeren: in etmalen

# Providers
BRUG = "p-brug"  # De Brug: contracts for everything, coordinates every cell in Noordstad
OUDE_HOEVE = "p-oude-hoeve"  # Daan's old provider: Begeleiding contract ends 30 June 2027
ELAN = "p-elan"  # Zorggroep Ëlan, Zuiddorp: Begeleiding, coordinates all but Financiën – midden
THUIS = "p-thuis"  # Thuiszorg Samen: household help
NIEUW = "p-nieuw"  # Nieuwkomer: no contracts; household help is closed to newcomers in Noordstad
ZZP = "p-zzp"  # a self-employed carer without contracts (pgb only)

LIFE_AREAS = ("financien", "werk_dagbesteding", "geestelijke_gezondheid", "huishouden_adl", "wonen")

PLAN_START = date(2027, 2, 1)
PLAN_END = date(2028, 1, 31)
TODAY = date(2027, 1, 5)
# Valid test BSNs (elfproef, 9999xxxxx range; facts.md §6).
BSN_PETRA = "999990019"
BSN_DAAN = "999990020"


def _product(code: str, name: str, segment: str, laws: set[Law], unit: Unit, freqs, **kw) -> Product:
    return Product(
        code=code,
        category=code[:2],
        name=name,
        segment=segment,
        laws=frozenset(laws),
        unit=unit,
        frequencies=tuple(freqs),
        tariff=kw.pop("tariff", Decimal("1.00")),
        tariff_year=2027,
        max_months=kw.pop("max_months", 12),
        **kw,
    )


def products() -> dict[str, Product]:
    ps = [
        _product(
            BEGELEIDING,
            "Begeleiding individueel",
            "BEG",
            {Law.WMO, Law.JEUGDWET},
            Unit.MINUTE,
            [Frequency.PER_WEEK],
            volume_min=15,
            volume_max=1200,
            bandwidth=True,
        ),
        _product(
            HUISHOUDEN,
            "Hulp bij het huishouden",
            "HH",
            {Law.WMO},
            Unit.MINUTE,
            [Frequency.PER_WEEK],
            max_months=60,
            volume_min=30,
            volume_max=600,
        ),
        _product(JEUGD, "Jeugdhulp ambulant", "BEG", {Law.JEUGDWET}, Unit.MINUTE, [Frequency.PER_WEEK]),
        _product(
            LOGEREN,
            "Logeren",
            "DAG",
            {Law.WMO, Law.JEUGDWET},
            Unit.ETMAAL,
            [Frequency.PER_DAY, Frequency.PER_MONTH],
            volume_max=10,
        ),
    ]
    return {p.code: p for p in ps}


def providers() -> dict[str, Provider]:
    ps = [
        Provider(
            BRUG,
            "De Brug",
            "12345678",
            NOORD,
            "groot",
            expertise=("jeugd", "schulden"),
            waiting_weeks={BEGELEIDING: 4, HUISHOUDEN: 1},
        ),
        Provider(
            OUDE_HOEVE,
            "Oude Hoeve",
            "22345678",
            NOORD,
            "klein",
            expertise=("jongeren",),
            waiting_weeks={BEGELEIDING: 0},
        ),
        Provider(
            ELAN,
            "Zorggroep Ëlan",
            "32345678",
            ZUID,
            "groot",
            expertise=("autisme", "jeugd"),
            waiting_weeks={BEGELEIDING: 2},
        ),
        Provider(THUIS, "Thuiszorg Samen", "42345678", NOORD, "groot", waiting_weeks={HUISHOUDEN: 0}),
        Provider(NIEUW, "Nieuwkomer Hulp", "52345678", NOORD, "klein", waiting_weeks={HUISHOUDEN: 0}),
        Provider(ZZP, "J. de Zorg (zzp)", "62345678", NOORD, "klein", self_employed=True, accepts_pgb=True),
    ]
    return {p.id: p for p in ps}


def contracts() -> list[Contract]:
    y26, y27 = date(2026, 1, 1), date(2027, 1, 1)
    out = [
        # De Brug: back-to-back yearly contracts, together covering 2026–2028.
        Contract("c1", BRUG, NOORD, y26, date(2026, 12, 31), product_code=BEGELEIDING),
        Contract("c2", BRUG, NOORD, y27, date(2028, 12, 31), product_code=BEGELEIDING),
        Contract("c3", BRUG, NOORD, y26, None, product_code=HUISHOUDEN),
        Contract("c4", BRUG, NOORD, y26, None, product_code=JEUGD),
        Contract("c5", BRUG, NOORD, y26, None, product_code=LOGEREN),
        # Oude Hoeve loses its contract mid-2027.
        Contract("c6", OUDE_HOEVE, NOORD, y26, date(2027, 6, 30), product_code=BEGELEIDING),
        # Ëlan: contracted in both municipalities.
        Contract("c7", ELAN, NOORD, y26, None, product_code=BEGELEIDING),
        Contract("c8", ELAN, ZUID, y26, None, product_code=BEGELEIDING),
        Contract("c9", THUIS, NOORD, y26, None, product_code=HUISHOUDEN),
        Contract("c10", NIEUW, ZUID, y26, None, product_code=HUISHOUDEN),
    ]
    n = 100
    for area in LIFE_AREAS:
        for dist in Distance:
            out.append(Contract(f"c{n}", BRUG, NOORD, y26, None, cell=(area, dist)))
            n += 1
            if (area, dist) != ("financien", Distance.MEDIUM):
                out.append(Contract(f"c{n}", ELAN, NOORD, y26, None, cell=(area, dist)))
                n += 1
    return out


def catalogue() -> Catalogue:
    return Catalogue(
        municipalities={NOORD: Municipality(NOORD, "Noordstad"), ZUID: Municipality(ZUID, "Zuiddorp")},
        segments={
            "BEG": Segment("BEG", "Begeleiding"),
            "HH": Segment("HH", "Praktische ondersteuning thuis"),
            "DAG": Segment("DAG", "Dagbesteding en logeren"),
        },
        products=products(),
        providers=providers(),
        contracts=contracts(),
        closed_groups={ClosedGroup(NOORD, "HH")},
    )


def household() -> Household:
    petra = Member(
        "Petra", "Jansen", date(1985, 3, 2), Role.PARENT, bsn=BSN_PETRA, initials="P.", id="m-petra"
    )
    daan = Member("Daan", "Jansen", date(2009, 6, 10), Role.CHILD, bsn=BSN_DAAN, initials="D.", id="m-daan")
    return Household("2027-0001", NOORD, members=[petra, daan], id="h-jansen")


FULL_LADDER = {
    Rung.CLIENT: "Petra doet wat ze kan na haar operatie.",
    Rung.NETWORK: "Haar zus doet de boodschappen.",
    Rung.VOLUNTEERS: "Niets, omdat er geen vrijwilliger beschikbaar is.",
    Rung.COMMUNITY: "De schuldhulp in de wijk neemt de schulden op.",
    Rung.COLLECTIVE: "Niets, omdat er geen collectieve voorziening past.",
}


def area(code: str, distance: Distance | None = Distance.MEDIUM, **kw) -> LifeAreaResult:
    kw.setdefault("ladder", dict(FULL_LADDER))
    return LifeAreaResult(code, "Situatie", "Resultaat", distance, id=f"la-{code}", **kw)


def allocation(**kw) -> Allocation:
    """Hulp bij het huishouden for Petra, 195 minutes a week, for the whole plan: clean."""
    values = dict(
        member_id="m-petra",
        product_code=HUISHOUDEN,
        start=PLAN_START,
        end=PLAN_END,
        volume=195,
        unit=Unit.MINUTE,
        frequency=Frequency.PER_WEEK,
        form=Form.IN_KIND,
        provider_id=THUIS,
        life_area="huishouden_adl",
        id="a-hh",
    )
    values.update(kw)
    return Allocation(**values)


def daan_allocations() -> list[Allocation]:
    """Begeleiding for Daan, already split at his 18th birthday: clean."""
    common = dict(
        member_id="m-daan",
        product_code=BEGELEIDING,
        volume=180,
        unit=Unit.MINUTE,
        frequency=Frequency.PER_WEEK,
        provider_id=BRUG,
        life_area="geestelijke_gezondheid",
    )
    return [
        Allocation(start=PLAN_START, end=date(2027, 6, 9), law=Law.JEUGDWET, id="a-daan-jw", **common),
        Allocation(start=date(2027, 6, 10), end=PLAN_END, law=Law.WMO, id="a-daan-wmo", **common),
    ]


def plan(**kw) -> Plan:
    """A clean concept plan: no findings with TODAY."""
    values = dict(
        household_id="h-jansen",
        report_date=date(2027, 1, 2),
        application_date=date(2027, 1, 4),
        start=PLAN_START,
        months=12,
        life_areas=[
            area("financien"),
            area("werk_dagbesteding"),
            area("geestelijke_gezondheid"),
            area("huishouden_adl", Distance.LIGHT),
        ],
        coordinator=Coordinator(CoordinatorKind.PROVIDER, BRUG),
        allocations=[allocation(), *daan_allocations()],
        id="plan-1",
    )
    values.update(kw)
    return Plan(**values)


def reference():
    """The real reference data (life-area names, ladder rungs, terms)."""
    from planner.reference import load_reference

    return load_reference()
