"""The one loader of the reference data in `resources/` (life areas, terms, holidays, tariffs, ...).

Every file is read through importlib.resources and checked on load: a missing or wrong field gives
a `ReferenceDataError` that names the file and the field. Nothing domain-specific is written in
this module; it only knows the shape of the files.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import string
import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from dateutil.relativedelta import relativedelta

from planner.continuity import (
    CHECKS,
    ContinuityRoute,
    ContractLift,
    Deliverer,
    FindingText,
    Need,
    RouteRegistry,
    RouteSpec,
)
from planner.dutch import count_words
from planner.model import Distance, Frequency, Law, Municipality, Product, Rung, Segment, Unit
from planner.providers.contracts import ContractKind

# facts.md §3: these units only go with per week, per month or total.
_UNITS_WITHOUT_PER_DAY = frozenset({Unit.ETMAAL, Unit.DAYPART, Unit.EURO, Unit.PIECE_EFFORT})
_MUNICIPALITY_CODE = re.compile(r"GM\d{4}")
_PRODUCT_CODE = re.compile(r"\d{2}[0-9A-Z]{3}")


class ReferenceDataError(ValueError):
    """A reference file is missing, unreadable, or has a missing or wrong field."""

    def __init__(self, file: str, field: str, problem: str) -> None:
        self.file, self.field, self.problem = file, field, problem
        where = f", veld '{field}'" if field else ""
        super().__init__(f"Fout in referentiebestand {file}{where}: {problem}.")


# --- the data ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LifeArea:
    code: str
    name: str
    description: str
    price_column: str


@dataclass(frozen=True, slots=True)
class SelfRelianceLevel:
    score: int
    name: str


@dataclass(frozen=True, slots=True)
class RungInfo:
    rung: Rung
    name: str
    description: str


@dataclass(frozen=True, slots=True)
class Terms:
    own_plan_days: int
    investigation_days: int
    decision_days: int
    objection_days: int
    adult_age: int
    extended_youth_care_age: int
    default_plan_months: int
    max_plan_months: int
    deadline_warning_days: int
    caseload_months: int  # the caseload looks this far ahead (who turns 18, what ends)
    stale_concept_days: int  # a concept plan untouched this long is on the caseload
    informal_care_max_per_month: Decimal
    sources: Mapping[str, str]  # field name -> legal source, for the letter's grounds


@dataclass(frozen=True, slots=True)
class Holiday:
    date: date
    name: str
    equated: bool  # a day equated by decree (Algemene termijnenwet art. 3 lid 3)
    confirmed: bool  # False: expected by the fixed pattern, decree not yet published


@dataclass(frozen=True, slots=True)
class OwnContributionYear:
    year: int
    max_per_month: Decimal | None  # None: not known yet
    verified: bool
    note: str
    min_per_month: Decimal | None = None
    income_dependent: bool = False


@dataclass(frozen=True, slots=True)
class StatePensionAge:
    year: int  # calendar year in which the age is reached
    years: int
    months: int
    verified: bool
    source: str


@dataclass(frozen=True, slots=True)
class StatePensionTable:
    entries: tuple[StatePensionAge, ...]  # ascending years, no gaps

    def pension_date(self, birth: date) -> date:
        """The day someone born on `birth` reaches state-pension (AOW) age.

        The first table year Y with birth + age(Y) in or before Y decides. Beyond the table the
        last age is assumed (`verified_for` then says False).
        """
        for entry in self.entries:
            reached = birth + relativedelta(years=entry.years, months=entry.months)
            if reached.year <= entry.year:
                return reached
        last = self.entries[-1]
        return birth + relativedelta(years=last.years, months=last.months)

    def verified_for(self, birth: date) -> bool:
        year = self.pension_date(birth).year
        entry = next((e for e in self.entries if e.year == year), None)
        return entry is not None and entry.verified

    def below_on(self, birth: date, on: date) -> bool:
        return on < self.pension_date(birth)


@dataclass(frozen=True, slots=True)
class CellPrices:
    period: str  # "week" | "maand"
    columns: Mapping[str, Mapping[Distance, Decimal]]
    column_of: Mapping[str, str]  # life area code -> column

    def price(self, life_area: str, distance: Distance) -> Decimal:
        return self.columns[self.column_of[life_area]][Distance(distance)]


@dataclass(frozen=True, slots=True)
class Factor:
    code: str
    name: str
    minutes_per_week: int  # added per count
    basis: str = ""


@dataclass(frozen=True, slots=True)
class Activity:
    code: str
    name: str
    product_code: str
    minutes_per_week: int
    factors: tuple[Factor, ...] = ()
    also_for: tuple[str, ...] = ()  # other products the activity applies to
    basis: str = ""  # how the figure was derived

    def applies_to(self, product_code: str) -> bool:
        return product_code == self.product_code or product_code in self.also_for

    def factor(self, code: str) -> Factor:
        for f in self.factors:
            if f.code == code:
                return f
        raise KeyError(code)


@dataclass(frozen=True, slots=True)
class CustomaryHelpRule:
    """What a housemate of this age is expected to do in the household."""

    code: str
    name: str
    min_age: int
    max_age: int | None
    minutes_per_week: int | None  # None: expected to take over the household as a whole
    note: str

    @property
    def takes_over_all(self) -> bool:
        return self.minutes_per_week is None

    def applies_to_age(self, age: int) -> bool:
        return age >= self.min_age and (self.max_age is None or age <= self.max_age)


@dataclass(frozen=True, slots=True)
class StandardExample:
    name: str
    total: int
    lines: tuple[tuple[str, Mapping[str, int]], ...]  # (activity code, factor code -> count)


@dataclass(frozen=True, slots=True)
class StandardTable:
    key: str  # municipality code or "default"
    name: str
    year: int
    demo: bool
    source: str
    activities: tuple[Activity, ...]
    customary_help: tuple[CustomaryHelpRule, ...]
    examples: tuple[StandardExample, ...] = ()

    def activity(self, code: str) -> Activity:
        for a in self.activities:
            if a.code == code:
                return a
        raise KeyError(code)

    def activities_for(self, product_code: str) -> tuple[Activity, ...]:
        return tuple(a for a in self.activities if a.applies_to(product_code))

    def customary_help_for(self, age: int) -> CustomaryHelpRule | None:
        return next((r for r in self.customary_help if r.applies_to_age(age)), None)

    def example_minutes(self, example: StandardExample) -> int:
        """The standard minutes of a worked example: base plus factors × count, per line."""
        total = 0
        for code, counts in example.lines:
            activity = self.activity(code)
            total += activity.minutes_per_week
            total += sum(activity.factor(f).minutes_per_week * n for f, n in counts.items())
        return total


@dataclass(frozen=True, slots=True)
class RegionSettings:
    name: str
    default_plan_months: int
    max_plan_months: int
    cell_price_period: str
    bandwidth_products: frozenset[str]


@dataclass(frozen=True, slots=True)
class Letterhead:
    municipality_code: str
    name: str  # "Gemeente Zutphen"
    team: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str
    objection_address: str
    return_address: str
    signer_role: str
    signer_mandate: str  # "Namens het college van burgemeester en wethouders van Zutphen,"
    demo: bool


@dataclass(frozen=True, slots=True)
class ProviderName:
    """A fictional demo provider (resources/demo/provider_names.csv)."""

    name: str
    agb: str
    size: str  # "klein" | "groot"
    self_employed: bool
    municipality: str  # CBS code
    expertise: tuple[str, ...]
    accepts_pgb: bool


@dataclass(frozen=True)
class Reference:
    version: str
    file_versions: Mapping[str, str]
    life_areas: tuple[LifeArea, ...]
    self_reliance_levels: tuple[SelfRelianceLevel, ...]
    ladder_rungs: tuple[RungInfo, ...]
    terms: Terms
    holidays: tuple[Holiday, ...]
    non_working_days: frozenset[date]
    holiday_years: tuple[int, int]  # first and last year the holiday table covers
    own_contribution: Mapping[int, OwnContributionYear]
    own_contribution_exempt_products: frozenset[str]
    state_pension_age: StatePensionTable
    cell_prices: CellPrices
    standard_times: Mapping[str, StandardTable]
    segments: tuple[Segment, ...]
    products: tuple[Product, ...]
    municipalities: tuple[Municipality, ...]
    region: RegionSettings
    letterheads: Mapping[str, Letterhead]
    texts: Mapping[str, str]  # "letter.objection_clause", "plan.intro", ...
    text_placeholders: Mapping[str, str]
    # Every term in words, filled into any text that names it: "objection_term" -> "6 weken".
    term_words: Mapping[str, str]
    continuity_routes: RouteRegistry

    def life_area(self, code: str) -> LifeArea:
        for a in self.life_areas:
            if a.code == code:
                return a
        raise KeyError(code)

    def product(self, code: str) -> Product:
        for p in self.products:
            if p.code == code:
                return p
        raise KeyError(code)

    def municipality(self, code: str) -> Municipality:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise KeyError(code)

    def holidays_by_year(self, year: int) -> list[Holiday]:
        return [h for h in self.holidays if h.date.year == year]

    def own_contribution_for(self, year: int) -> OwnContributionYear | None:
        return self.own_contribution.get(year)

    def standard_table(self, municipality_code: str) -> StandardTable:
        return self.standard_times.get(municipality_code) or self.standard_times["default"]

    def letterhead(self, municipality_code: str) -> Letterhead:
        return self.letterheads[municipality_code]

    def text(self, key: str, **values: object) -> str:
        """A text fragment with its {placeholders} filled in; terms ({objection_term}) fill themselves."""
        return self.texts[key].format_map({**self.term_words, **values})


# --- reading and checking ----------------------------------------------------------------------

_MISSING = object()


def _to_str(v: Any) -> str:
    if not isinstance(v, str) or not v.strip():
        raise TypeError("moet een tekst zijn die niet leeg is")
    return v


def _to_int(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise TypeError("moet een geheel getal zijn")
    return v


def _to_bool(v: Any) -> bool:
    if not isinstance(v, bool):
        raise TypeError("moet true of false zijn")
    return v


def _to_decimal(v: Any) -> Decimal:
    if isinstance(v, bool) or not isinstance(v, str | int):
        raise TypeError('moet een bedrag als tekst zijn, bijvoorbeeld "12.50"')
    try:
        return Decimal(str(v))
    except InvalidOperation:
        raise TypeError(f"'{v}' is geen bedrag") from None


def _to_date(v: Any) -> date:
    try:
        return date.fromisoformat(_to_str(v))
    except ValueError:
        raise TypeError(f"'{v}' is geen datum (JJJJ-MM-DD)") from None


def _enum(cls: type[Enum]) -> Callable[[Any], Any]:
    def convert(v: Any) -> Any:
        try:
            return cls(v)
        except ValueError:
            allowed = ", ".join(str(m.value) for m in cls)
            raise TypeError(f"'{v}' is niet toegestaan (kies uit: {allowed})") from None

    return convert


def _list_of(convert: Callable[[Any], Any]) -> Callable[[Any], tuple[Any, ...]]:
    def convert_all(v: Any) -> tuple[Any, ...]:
        if not isinstance(v, list):
            raise TypeError("moet een lijst zijn")
        return tuple(convert(x) for x in v)

    return convert_all


class _Node:
    """A table from a reference file that knows where it came from, for clear errors."""

    def __init__(self, data: Any, file: str, path: str = "") -> None:
        if not isinstance(data, Mapping):
            raise ReferenceDataError(file, path, "moet een tabel zijn")
        self.data, self.file, self.path = data, file, path

    def where(self, key: str) -> str:
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> ReferenceDataError:
        return ReferenceDataError(self.file, self.where(key), problem)

    def get(self, key: str, convert: Callable[[Any], Any] = _to_str, default: Any = _MISSING) -> Any:
        if key not in self.data:
            if default is _MISSING:
                raise self.error(key, "ontbreekt")
            return default
        try:
            return convert(self.data[key])
        except TypeError as e:
            raise self.error(key, str(e)) from None

    def node(self, key: str) -> _Node:
        return _Node(self.get(key, lambda v: v), self.file, self.where(key))

    def nodes(self, key: str, *, required: bool = True) -> list[_Node]:
        items = self.get(key, lambda v: v, default=_MISSING if required else [])
        if not isinstance(items, list) or (required and not items):
            raise self.error(key, "moet een lijst met minstens één regel zijn")
        return [_Node(item, self.file, f"{self.where(key)}[{i}]") for i, item in enumerate(items)]


def _unique(nodes: Iterable[_Node], key: str) -> None:
    seen: set[Any] = set()
    for n in nodes:
        value = n.get(key, lambda v: v)
        if value in seen:
            raise n.error(key, f"'{value}' komt dubbel voor")
        seen.add(value)


def _read(root: Traversable, name: str) -> _Node:
    try:
        text = root.joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        raise ReferenceDataError(name, "", "het bestand ontbreekt of is niet leesbaar") from None
    try:
        data = json.loads(text) if name.endswith(".json") else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        raise ReferenceDataError(
            name, "", f"het bestand is geen geldige {name.rsplit('.', 1)[1].upper()} ({e})"
        ) from None
    node = _Node(data, name)
    node.get("version")
    return node


# --- per file ----------------------------------------------------------------------------------


def _life_areas(n: _Node) -> tuple[LifeArea, ...]:
    rows = n.nodes("life_areas")
    _unique(rows, "code")
    return tuple(
        LifeArea(r.get("code"), r.get("name"), r.get("description"), r.get("price_column")) for r in rows
    )


def _scales(n: _Node) -> tuple[tuple[SelfRelianceLevel, ...], tuple[RungInfo, ...]]:
    levels = tuple(
        SelfRelianceLevel(r.get("score", _to_int), r.get("name")) for r in n.nodes("self_reliance_levels")
    )
    if [lv.score for lv in levels] != [1, 2, 3, 4, 5]:
        raise n.error("self_reliance_levels", "moet de niveaus 1 tot en met 5 op volgorde bevatten")
    rungs = tuple(
        RungInfo(r.get("rung", _enum(Rung)), r.get("name"), r.get("description"))
        for r in n.nodes("ladder_rungs")
    )
    if [r.rung for r in rungs] != list(Rung):
        raise n.error("ladder_rungs", "moet elke trede precies één keer bevatten, op volgorde")
    return levels, rungs


_TERM_FIELDS = (
    "own_plan_days",
    "investigation_days",
    "decision_days",
    "objection_days",
    "adult_age",
    "extended_youth_care_age",
    "deadline_warning_days",
    "caseload_months",
    "stale_concept_days",
)


# How a text may write a term out: a number (digits or a Dutch number word) and a unit of time.
_NUMBER_WORDS = (
    "nul één twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien "
    "zeventien achttien negentien twintig"
)
_NUMBER_VALUES = {w: i for i, w in enumerate(_NUMBER_WORDS.split(" "))}
_DURATION = re.compile(
    r"(?<![\w.:,{])(\d+|" + "|".join(_NUMBER_VALUES) + r")\s+(dagen|dag|weken|week|maanden|maand|jaar)\b",
    re.IGNORECASE,
)
# unit as written -> (dimension, factor): weeks are compared as days.
_UNITS = {
    "dag": ("dagen", 1),
    "dagen": ("dagen", 1),
    "week": ("dagen", 7),
    "weken": ("dagen", 7),
    "maand": ("maanden", 1),
    "maanden": ("maanden", 1),
    "jaar": ("jaar", 1),
}
_SAID_IN = {"dagen": ("dag", "dagen", 1), "weken": ("week", "weken", 7)}
_MONTHS_SAID_IN = "maanden"  # a term in calendar months (key ends in _months): never in days


def _durations(text: str) -> list[tuple[str, str, int]]:
    """Every term written out in `text`: (as written, dimension, amount), "6 weken" -> ("dagen", 42)."""
    found = []
    for m in _DURATION.finditer(text):
        amount = int(m.group(1)) if m.group(1).isdigit() else _NUMBER_VALUES[m.group(1).lower()]
        dimension, factor = _UNITS[m.group(2).lower()]
        found.append((m.group(0), dimension, amount * factor))
    return found


@dataclass(frozen=True, slots=True)
class _TermWord:
    placeholder: str  # "objection_term"
    words: str  # "6 weken"
    dimension: str  # "dagen" | "maanden" | "jaar"
    amount: int  # in the dimension: 42


def _term_words(n: _Node, region: RegionSettings) -> tuple[_TermWord, ...]:
    """Each term as a text placeholder, worded the way the law words it (`said_in`).

    A term's own `source` may say the term in words ("Awb 6:7 (6 weken)"); it must say the number
    in `value`, so a changed value cannot sit next to an old explanation.
    """
    terms = n.node("terms")
    out: list[_TermWord] = []
    for key in _TERM_FIELDS:
        node = terms.node(key)
        value = node.get("value", _to_int)
        if key.endswith("_age"):
            out.append(_TermWord(key, str(value), "jaar", value))  # the text says "{adult_age} jaar"
            dimension = "jaar"
        elif key.endswith("_months"):
            said_in = node.get("said_in", default=_MONTHS_SAID_IN)
            if said_in != _MONTHS_SAID_IN:
                raise node.error("said_in", f"'{said_in}' is niet toegestaan (een termijn in maanden)")
            # No text placeholder: the texts speak of months only as plan periods, and the check
            # of written-out terms must keep refusing "zes maanden" there.
            dimension = "maanden"
        else:
            said_in = node.get("said_in", default="dagen")
            if said_in not in _SAID_IN:
                raise node.error("said_in", f"'{said_in}' is niet toegestaan (kies uit: dagen, weken)")
            singular, plural, per = _SAID_IN[said_in]
            if value % per:
                raise node.error("value", f"{value} dagen is geen heel aantal {plural}")
            placeholder = key.removesuffix("_days") + "_term"
            out.append(_TermWord(placeholder, count_words(value // per, singular, plural), "dagen", value))
            dimension = "dagen"
        for written, dim, amount in _durations(node.get("source")):
            if dim == dimension and amount != value:
                raise node.error("source", f"de bron noemt '{written}', maar de waarde is {value}")
    for key, months in (
        ("default_plan_term", region.default_plan_months),
        ("max_plan_term", region.max_plan_months),
    ):
        out.append(_TermWord(key, count_words(months, "maand", "maanden"), "maanden", months))
    return tuple(out)


def _check_terms_in(node: _Node, key: str, text: str, terms: tuple[_TermWord, ...]) -> None:
    """Refuse a term written out in a text with a number no configured term has (terms.toml)."""
    for written, dimension, amount in _durations(text):
        if any(t.dimension == dimension and t.amount == amount for t in terms):
            continue
        same = [t for t in terms if t.dimension == dimension] or list(terms)
        listing = ", ".join(f"{{{t.placeholder}}} = {t.words}" for t in same)
        raise node.error(
            key,
            f"'{written}' staat uitgeschreven en klopt niet met de termijnen in terms.toml ({listing}). "
            "Schrijf een termijn als invulplek, dan volgt de tekst het ingestelde getal",
        )


def _terms(n: _Node, region: RegionSettings) -> Terms:
    terms, amounts = n.node("terms"), n.node("amounts")
    values = {k: terms.node(k).get("value", _to_int) for k in _TERM_FIELDS}
    sources = {k: terms.node(k).get("source") for k in _TERM_FIELDS}
    care = amounts.node("informal_care_max_per_month")
    sources["informal_care_max_per_month"] = care.get("source")
    return Terms(
        **values,
        default_plan_months=region.default_plan_months,
        max_plan_months=region.max_plan_months,
        informal_care_max_per_month=care.get("value", _to_decimal),
        sources=MappingProxyType(sources),
    )


def _holidays(n: _Node) -> tuple[tuple[Holiday, ...], tuple[int, int]]:
    first, last = n.get("first_year", _to_int), n.get("last_year", _to_int)
    days: list[Holiday] = []
    for r in n.nodes("days"):
        kind = r.get("kind")
        if kind not in ("feestdag", "gelijkgesteld"):
            raise r.error("kind", f"'{kind}' is niet toegestaan (kies uit: feestdag, gelijkgesteld)")
        d = r.get("date", _to_date)
        if not first <= d.year <= last:
            raise r.error("date", f"{d} valt buiten {first}–{last}")
        days.append(Holiday(d, r.get("name"), kind == "gelijkgesteld", r.get("confirmed", _to_bool)))
    for year in range(first, last + 1):
        if sum(1 for h in days if h.date.year == year and not h.equated) != 9:
            raise n.error("days", f"{year} moet precies 9 wettelijke feestdagen hebben")
    return tuple(sorted(days, key=lambda h: h.date)), (first, last)


def _own_contribution(
    n: _Node,
) -> tuple[dict[int, OwnContributionYear], frozenset[str], StatePensionTable]:
    years: dict[int, OwnContributionYear] = {}
    for r in n.nodes("years"):
        year = r.get("year", _to_int)
        if year in years:
            raise r.error("year", f"{year} komt dubbel voor")
        years[year] = OwnContributionYear(
            year=year,
            max_per_month=r.get("max_per_month", _to_decimal, None),
            verified=r.get("verified", _to_bool),
            note=r.get("note"),
            min_per_month=r.get("min_per_month", _to_decimal, None),
            income_dependent=r.get("income_dependent", _to_bool, False),
        )
    exempt = frozenset(n.get("exempt_product_codes", _list_of(_to_str)))
    ages = tuple(
        StatePensionAge(
            r.get("year", _to_int),
            r.get("years", _to_int),
            r.get("months", _to_int),
            r.get("verified", _to_bool),
            r.get("source"),
        )
        for r in n.nodes("state_pension_age")
    )
    if [a.year for a in ages] != list(range(ages[0].year, ages[0].year + len(ages))):
        raise n.error("state_pension_age", "de jaren moeten oplopen zonder gaten")
    return years, exempt, StatePensionTable(ages)


def _region(n: _Node) -> tuple[RegionSettings, tuple[Municipality, ...]]:
    period = n.get("cell_price_period")
    if period not in ("week", "maand"):
        raise n.error("cell_price_period", f"'{period}' is niet toegestaan (kies uit: week, maand)")
    settings = RegionSettings(
        name=n.get("name"),
        default_plan_months=n.get("default_plan_months", _to_int),
        max_plan_months=n.get("max_plan_months", _to_int),
        cell_price_period=period,
        bandwidth_products=frozenset(n.get("bandwidth_products", _list_of(_to_str))),
    )
    rows = n.nodes("municipalities")
    _unique(rows, "code")
    for r in rows:
        if not _MUNICIPALITY_CODE.fullmatch(r.get("code")):
            raise r.error("code", "moet de vorm GM gevolgd door 4 cijfers hebben")
    return settings, tuple(Municipality(r.get("code"), r.get("name")) for r in rows)


def _cell_prices(n: _Node, life_areas: tuple[LifeArea, ...], period: str) -> CellPrices:
    columns_node = n.node("columns")
    columns: dict[str, Mapping[Distance, Decimal]] = {}
    for name in columns_node.data:
        col = columns_node.node(name)
        columns[name] = MappingProxyType({d: col.get(d.value, _to_decimal) for d in Distance})
    for area in life_areas:
        if area.price_column not in columns:
            raise ReferenceDataError(
                "life_areas.toml",
                f"{area.code}.price_column",
                f"kolom '{area.price_column}' staat niet in cell_prices.toml",
            )
    return CellPrices(
        period, MappingProxyType(columns), MappingProxyType({a.code: a.price_column for a in life_areas})
    )


def _catalogue(n: _Node, region: RegionSettings) -> tuple[tuple[Segment, ...], tuple[Product, ...]]:
    seg_rows = n.nodes("segments")
    _unique(seg_rows, "code")
    segments = tuple(Segment(r.get("code"), r.get("name")) for r in seg_rows)
    segment_codes = {s.code for s in segments}
    rows = n.nodes("products")
    _unique(rows, "code")
    products: list[Product] = []
    for r in rows:
        code, category = r.get("code"), r.get("category")
        if not _PRODUCT_CODE.fullmatch(code) or not code.startswith(category):
            raise r.error("code", f"'{code}' moet 5 tekens zijn die beginnen met de categorie '{category}'")
        unit = r.get("unit", _enum(Unit))
        frequencies = r.get("frequencies", _list_of(_enum(Frequency)))
        if not frequencies:
            raise r.error("frequencies", "moet minstens één frequentie bevatten")
        if unit in _UNITS_WITHOUT_PER_DAY and Frequency.PER_DAY in frequencies:
            raise r.error("frequencies", f"eenheid {unit.value} mag niet met frequentie 1 (per dag)")
        if r.get("segment") not in segment_codes:
            raise r.error("segment", f"segment '{r.get('segment')}' bestaat niet")
        product = Product(
            code=code,
            category=category,
            name=r.get("name"),
            segment=r.get("segment"),
            laws=frozenset(r.get("laws", _list_of(_enum(Law)))),
            unit=unit,
            frequencies=frequencies,
            tariff=r.get("tariff", _to_decimal),
            tariff_year=r.get("tariff_year", _to_int),
            max_months=r.get("max_months", _to_int),
            volume_min=r.get("volume_min", _to_int, 1),
            volume_max=r.get("volume_max", _to_int, None),
            bandwidth=code in region.bandwidth_products,
            adult_product=r.get("adult_product", _to_str, None),
        )
        if not product.laws:
            raise r.error("laws", "moet minstens één wet bevatten")
        if product.volume_min < 1 or (
            product.volume_max is not None and product.volume_max < product.volume_min
        ):
            raise r.error("volume_max", "volumegrenzen kloppen niet (1 ≤ minimum ≤ maximum)")
        if not 1 <= product.max_months <= region.max_plan_months:
            raise r.error("max_months", f"moet tussen 1 en {region.max_plan_months} liggen")
        products.append(product)
    by_code = {p.code: p for p in products}
    for r, p in zip(rows, products, strict=True):
        if p.adult_product is not None and Law.WMO not in getattr(by_code.get(p.adult_product), "laws", ()):
            raise r.error("adult_product", f"'{p.adult_product}' is geen Wmo-product uit deze catalogus")
    if missing := sorted(region.bandwidth_products - by_code.keys()):
        raise ReferenceDataError("region.toml", "bandwidth_products", f"product '{missing[0]}' bestaat niet")
    return segments, tuple(products)


def _standard_times(n: _Node, product_codes: set[str]) -> dict[str, StandardTable]:
    tables: dict[str, StandardTable] = {}
    for t in n.nodes("tables"):
        activities: list[Activity] = []
        act_rows = t.nodes("activities")
        _unique(act_rows, "code")
        for a in act_rows:
            for code in (a.get("product_code"), *a.get("also_for", _list_of(_to_str), ())):
                if code not in product_codes:
                    raise a.error("product_code", f"product '{code}' staat niet in catalogue.toml")
            factor_rows = a.nodes("factors", required=False)
            _unique(factor_rows, "code")
            activities.append(
                Activity(
                    code=a.get("code"),
                    name=a.get("name"),
                    product_code=a.get("product_code"),
                    minutes_per_week=a.get("minutes_per_week", _to_int),
                    factors=tuple(
                        Factor(
                            f.get("code"),
                            f.get("name"),
                            f.get("minutes_per_week", _to_int),
                            f.get("basis", _to_str, ""),
                        )
                        for f in factor_rows
                    ),
                    also_for=a.get("also_for", _list_of(_to_str), ()),
                    basis=a.get("basis", _to_str, ""),
                )
            )
        rules = tuple(
            CustomaryHelpRule(
                r.get("code"),
                r.get("name"),
                r.get("min_age", _to_int),
                r.get("max_age", _to_int, None),
                r.get("minutes_per_week", _to_int, None),
                r.get("note"),
            )
            for r in t.nodes("customary_help")
        )
        examples = tuple(
            StandardExample(
                e.get("name"),
                e.get("total", _to_int),
                tuple(
                    (ln.get("activity"), MappingProxyType(dict(ln.get("factors", lambda v: dict(v), {}))))
                    for ln in e.nodes("lines")
                ),
            )
            for e in t.nodes("examples", required=False)
        )
        table = StandardTable(
            key=t.get("key"),
            name=t.get("name"),
            year=t.get("year", _to_int),
            demo=t.get("demo", _to_bool),
            source=t.get("source"),
            activities=tuple(activities),
            customary_help=rules,
            examples=examples,
        )
        for e, node in zip(examples, t.nodes("examples", required=False), strict=True):
            try:
                minutes = table.example_minutes(e)
            except KeyError as missing:
                raise node.error("lines", f"activiteit of factor {missing} bestaat niet") from None
            if minutes != e.total:
                raise node.error("total", f"de regels geven {minutes} minuten, niet {e.total}")
        if table.key in tables:
            raise t.error("key", f"'{table.key}' komt dubbel voor")
        tables[table.key] = table
    if "default" not in tables:
        raise n.error("tables", "er moet een tabel met key 'default' zijn")
    return tables


def _letterheads(n: _Node, municipalities: tuple[Municipality, ...]) -> dict[str, Letterhead]:
    demo = n.get("demo", _to_bool)
    fields = [f for f in Letterhead.__dataclass_fields__ if f != "demo"]
    heads = {
        h.municipality_code: h
        for h in (Letterhead(**{f: r.get(f) for f in fields}, demo=demo) for r in n.nodes("letterheads"))
    }
    for m in municipalities:
        if m.code not in heads:
            raise n.error("letterheads", f"geen briefhoofd voor {m.code} ({m.name})")
    return heads


_ROUTE_PLACEHOLDERS = frozenset(
    {"own_provider", "main_provider", "provider", "until", "start", "end", "detail", "label"}
)


def _route_text(n: _Node, key: str) -> str:
    text: str = n.get(key)  # the default conversion: a non-empty text
    for _, name, _, _ in string.Formatter().parse(text):
        if name is not None and name not in _ROUTE_PLACEHOLDERS:
            raise n.error(key, f"onbekende invulplek {{{name}}}")
    return text


def _continuity_routes(n: _Node, texts: Mapping[str, str]) -> RouteRegistry:
    """The registry of continuity routes: one entry per `ContinuityRoute`, each complete."""
    rows = n.nodes("routes")
    _unique(rows, "code")
    specs = []
    for r in rows:
        findings_node = r.node("findings")
        findings = {}
        for check in findings_node.data:
            if check not in CHECKS:
                raise findings_node.error(check, f"onbekende bevinding (kies uit: {', '.join(CHECKS)})")
            f = findings_node.node(check)
            findings[check] = FindingText(f.get("code"), _route_text(f, "text"))
        mark = r.get("timeline_mark", default="")
        spec = RouteSpec(
            route=r.get("code", _enum(ContinuityRoute)),
            label=r.get("label"),
            name=r.get("name"),
            remedies=r.get("remedies", _list_of(_enum(ContractKind))),
            undo=r.get("undo"),
            needs=r.get("needs", _list_of(_enum(Need))),
            deliverer=r.get("deliverer", _enum(Deliverer)),
            pgb=r.get("pgb", _to_bool),
            contract=r.get("contract", _enum(ContractLift)),
            keeps_reason=r.get("keeps_reason", _to_bool),
            letter_text=r.get("letter_text"),
            timeline_mark=_route_text(r, "timeline_mark") if mark else "",
            plan_end_text=r.get("plan_end_text", default=""),
            findings=MappingProxyType(findings),
        )
        for key in ("letter_text", "plan_end_text"):
            if (value := getattr(spec, key)) and value not in texts:
                raise r.error(key, f"'{value}' staat niet in texts.toml")
        if missing := [c for c in CHECKS if spec.applies(c) and c not in findings]:
            raise findings_node.error(missing[0], "ontbreekt voor deze route")
        specs.append(spec)
    if missing_routes := [route for route in ContinuityRoute if route not in {s.route for s in specs}]:
        raise n.error("routes", f"route '{missing_routes[0].value}' ontbreekt")
    choose = n.get("choose_route")
    return RouteRegistry(tuple(specs), choose)


# letter and plan: the documents; law: names of the laws; messages: the interface's sentences;
# uitleg: the glossary shown as tooltips (ui/help.py); scherm: words on screen; help: the help
# page of each tab (F1).
_TEXT_SECTIONS = ("letter", "plan", "law", "messages", "scherm", "uitleg", "help")


def _texts(n: _Node, terms: tuple[_TermWord, ...]) -> tuple[dict[str, str], dict[str, str]]:
    placeholders = {k: n.node("placeholders").get(k) for k in n.node("placeholders").data}
    known = set(placeholders) | {t.placeholder for t in terms}
    texts: dict[str, str] = {}
    for section in _TEXT_SECTIONS:
        node = n.node(section)
        for key in node.data:
            text = node.get(key)
            for _, name, _, _ in string.Formatter().parse(text):
                if name is not None and name not in known:
                    raise node.error(key, f"onbekende invulplek {{{name}}} (zet hem in [placeholders])")
            _check_terms_in(node, key, text, terms)
            texts[f"{section}.{key}"] = text
    if missing := [law.value for law in Law if f"law.{law.value}" not in texts]:
        raise n.error("law", f"de naam van de wet '{missing[0]}' ontbreekt")
    return texts, placeholders


def load_reference_from(root: Traversable | Path) -> Reference:
    """Read and check every reference file under `root` (uncached; tests point it at a copy)."""
    files = {
        name: _read(root, name)
        for name in (
            "manifest.toml",
            "life_areas.toml",
            "scales.toml",
            "terms.toml",
            "holidays.json",
            "own_contribution.toml",
            "cell_prices.toml",
            "catalogue.toml",
            "standard_times.toml",
            "region.toml",
            "letterheads.toml",
            "texts.toml",
            "continuity_routes.toml",
        )
    }
    region, municipalities = _region(files["region.toml"])
    life_areas = _life_areas(files["life_areas.toml"])
    levels, rungs = _scales(files["scales.toml"])
    holidays, holiday_years = _holidays(files["holidays.json"])
    contributions, exempt, pension = _own_contribution(files["own_contribution.toml"])
    segments, products = _catalogue(files["catalogue.toml"], region)
    product_codes = {p.code for p in products}
    if missing := sorted(exempt - product_codes):
        raise ReferenceDataError(
            "own_contribution.toml", "exempt_product_codes", f"product '{missing[0]}' bestaat niet"
        )
    terms = _terms(files["terms.toml"], region)
    term_words = _term_words(files["terms.toml"], region)
    texts, placeholders = _texts(files["texts.toml"], term_words)
    return Reference(
        version=files["manifest.toml"].get("version"),
        file_versions=MappingProxyType({name: node.get("version") for name, node in files.items()}),
        life_areas=life_areas,
        self_reliance_levels=levels,
        ladder_rungs=rungs,
        terms=terms,
        holidays=holidays,
        non_working_days=frozenset(h.date for h in holidays),
        holiday_years=holiday_years,
        own_contribution=MappingProxyType(contributions),
        own_contribution_exempt_products=exempt,
        state_pension_age=pension,
        cell_prices=_cell_prices(files["cell_prices.toml"], life_areas, region.cell_price_period),
        standard_times=MappingProxyType(_standard_times(files["standard_times.toml"], product_codes)),
        segments=segments,
        products=products,
        municipalities=municipalities,
        region=region,
        letterheads=MappingProxyType(_letterheads(files["letterheads.toml"], municipalities)),
        texts=MappingProxyType(texts),
        text_placeholders=MappingProxyType(placeholders),
        term_words=MappingProxyType({t.placeholder: t.words for t in term_words}),
        continuity_routes=_continuity_routes(files["continuity_routes.toml"], texts),
    )


@functools.cache
def load_reference() -> Reference:
    """The product's reference data, read once per process."""
    return load_reference_from(resources.files("resources"))


# --- demo provider names -----------------------------------------------------------------------

_YES_NO = {"ja": True, "nee": False}


def parse_provider_names(text: str, file: str = "demo/provider_names.csv") -> tuple[ProviderName, ...]:
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows: list[ProviderName] = []
    for i, row in enumerate(csv.DictReader(io.StringIO("\n".join(lines)))):
        node = _Node(row, file, f"regel {i + 2}")
        for key in ("self_employed", "accepts_pgb"):
            if node.get(key) not in _YES_NO:
                raise node.error(key, "moet 'ja' of 'nee' zijn")
        if node.get("size") not in ("klein", "groot"):
            raise node.error("size", "moet 'klein' of 'groot' zijn")
        if not re.fullmatch(r"\d{8}", node.get("agb")):
            raise node.error("agb", "moet 8 cijfers zijn")
        if not _MUNICIPALITY_CODE.fullmatch(node.get("municipality_code")):
            raise node.error("municipality_code", "moet de vorm GM gevolgd door 4 cijfers hebben")
        rows.append(
            ProviderName(
                name=node.get("name"),
                agb=node.get("agb"),
                size=node.get("size"),
                self_employed=_YES_NO[node.get("self_employed")],
                municipality=node.get("municipality_code"),
                expertise=tuple(t for t in (row.get("expertise") or "").split(";") if t),
                accepts_pgb=_YES_NO[node.get("accepts_pgb")],
            )
        )
    return tuple(rows)


@functools.cache
def load_provider_names() -> tuple[ProviderName, ...]:
    """The 300+ fictional providers the demo region is built from."""
    text = resources.files("resources").joinpath("demo/provider_names.csv").read_text(encoding="utf-8")
    return parse_provider_names(text)
