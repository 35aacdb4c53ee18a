"""The household, its plan and everything the plan decides (domain.md §4).

Plain mutable dataclasses: the UI edits them through commands, `db` persists them, the rules
read them. Nothing here knows about Qt or SQL. Codes of life areas, products and activities
refer to reference data in `resources/`; no such fact is written here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

# The routes are defined with their registry; imported here so `planner.model` names every type.
from planner.continuity import ContinuityRoute


def new_id() -> str:
    """A stable id that survives export and import (domain.md §7)."""
    return str(uuid.uuid4())


class Law(StrEnum):
    WMO = "wmo"
    JEUGDWET = "jeugdwet"


class Role(StrEnum):
    PARENT = "ouder"
    PARTNER = "partner"
    CHILD = "kind"
    OTHER = "overig"


class Distance(StrEnum):
    LIGHT = "licht"
    MEDIUM = "midden"
    HEAVY = "zwaar"


class PlanStatus(StrEnum):
    CONCEPT = "concept"
    DECIDED = "vastgesteld"
    CLOSED = "afgesloten"


class CoordinatorKind(StrEnum):
    HOUSEHOLD = "huishouden"  # zelfcoördinatie
    ACCESS_TEAM = "toegangsteam"
    PROVIDER = "zorgaanbieder"


class Form(StrEnum):
    IN_KIND = "zin"
    PGB = "pgb"


class Unit(StrEnum):
    """iWmo/iJw 3.2 code list WJ756 (facts.md §3)."""

    MINUTE = "01"
    HOUR = "04"
    ETMAAL = "14"
    DAYPART = "16"
    PIECE_OUTPUT = "82"
    EURO = "83"
    PIECE_EFFORT = "84"


class Frequency(StrEnum):
    """iWmo/iJw 3.2 code list WMO757 (facts.md §3)."""

    PER_DAY = "1"
    PER_WEEK = "2"
    PER_MONTH = "4"
    TOTAL = "6"


class Rung(StrEnum):
    """The responsibility ladder (domain.md §4.6), in order."""

    CLIENT = "eigen_kracht"
    NETWORK = "netwerk"
    VOLUNTEERS = "vrijwilligers"
    COMMUNITY = "algemene_voorzieningen"
    COLLECTIVE = "collectieve_voorzieningen"
    PAID = "maatwerk"


class ResultReached(StrEnum):
    FULLY = "volledig"
    PARTLY = "gedeeltelijk"
    NOT = "niet"


class Outcome(StrEnum):
    """What a decision does with the request it answers (domain.md §6, Awb 1:3, 4:1)."""

    GRANTED = "toegekend"
    PARTLY = "gedeeltelijk toegekend"
    REFUSED = "afgewezen"


class LineKind(StrEnum):
    """A line of the hours explanation (domain.md §4.8)."""

    STANDARD = "normtijd"  # activity from the municipality's standard times
    FREE = "vrij"  # free activity with a reason
    CUSTOMARY_HELP = "gebruikelijke_hulp"  # deducted
    NETWORK = "netwerk"  # deducted

    @property
    def deducts(self) -> bool:
        return self in (LineKind.CUSTOMARY_HELP, LineKind.NETWORK)


# --- household -------------------------------------------------------------------------------


@dataclass(slots=True)
class Member:
    given_names: str
    surname: str
    birth_date: date | None
    role: Role = Role.OTHER
    bsn: str | None = None  # optional only for a newborn without one yet
    initials: str = ""
    surname_prefix: str = ""
    salutation: str = ""  # aanhef, e.g. "Geachte mevrouw De Vries"
    receives_letters: bool = False
    own_provider_id: str | None = None  # provider already giving care (own provider first)
    moved_out_on: date | None = None  # household composition is dated
    revision: int = 0  # of this record alone, as last read or saved (domain.md §7)
    id: str = field(default_factory=new_id)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def formal_name(self) -> str:
        """Initials and surname as on an envelope: "M.J. de Vries"."""
        parts = (self.initials or self.given_names, self.surname_prefix, self.surname)
        return " ".join(p for p in parts if p)


@dataclass(slots=True)
class Household:
    case_number: str
    municipality_code: str
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    members: list[Member] = field(default_factory=list)
    safety_signal: bool = False
    safety_note: str = ""
    revision: int = 0  # of the household's own fields; each member has its own
    id: str = field(default_factory=new_id)
    # What the store held when this object was last read or saved, so a save can tell its own
    # changes from changes made elsewhere. Opaque here: only the persistence layer reads it.
    base: object = field(default=None, compare=False, repr=False)

    def member(self, member_id: str) -> Member:
        for m in self.members:
            if m.id == member_id:
                return m
        raise KeyError(member_id)

    @property
    def name(self) -> str:
        """How people refer to the household: the first adult's surname (or the first member's)."""
        if not self.members:
            return ""
        first = next((m for m in self.members if m.role in (Role.PARENT, Role.PARTNER)), self.members[0])
        name = " ".join(p for p in (first.surname_prefix, first.surname) if p)
        # Without a given name before it, a Dutch surname prefix is capitalised: "Van den Berg".
        return name[:1].upper() + name[1:]


# --- plan ------------------------------------------------------------------------------------


@dataclass(slots=True)
class Goal:
    text: str
    target_date: date | None = None
    who: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class LifeAreaResult:
    life_area: str  # code from resources/life_areas
    current_situation: str = ""
    desired_result: str = ""
    distance: Distance | None = None
    member_ids: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    # What each rung of the ladder contributes; "niets, omdat ..." is an answer too.
    ladder: dict[Rung, str] = field(default_factory=dict)
    score_before: int | None = None  # self-reliance 1–5
    score_after: int | None = None
    reached: ResultReached | None = None  # at re-assessment
    reached_reason: str = ""
    revision: int = 0  # of this result with its goals and ladder, as last read or saved
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Coordinator:
    kind: CoordinatorKind
    provider_id: str | None = None  # only with kind PROVIDER


@dataclass(slots=True)
class HoursLine:
    kind: LineKind
    label: str
    minutes_per_week: int  # the line's own minutes; deducted when kind.deducts
    activity_code: str | None = None  # for STANDARD lines: the standard-times activity
    factors: dict[str, int] = field(default_factory=dict)  # factor code -> count applied
    reason: str = ""
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Continuity:
    """What happened to the member's own provider when it could not simply be kept."""

    route: ContinuityRoute  # see planner.continuity for what each route needs
    own_provider_id: str
    until: date | None = None  # bridging agreement end
    main_provider_id: str | None = None  # subcontracting: the contracted main provider
    reason: str = ""
    client_consent: bool = False


@dataclass(slots=True)
class Allocation:
    member_id: str
    product_code: str
    start: date
    end: date  # inclusive
    volume: int
    unit: Unit
    frequency: Frequency
    form: Form = Form.IN_KIND
    provider_id: str | None = None
    law: Law | None = None  # fixed when split at the 18th birthday; else follows age
    life_area: str | None = None
    goal_id: str | None = None
    hours_lines: list[HoursLine] = field(default_factory=list)
    continuity: Continuity | None = None
    pgb_budget: Decimal | None = None  # euros, for the whole period
    volume_max: int | None = None  # upper bound of a bandwidth, where the region allows one
    extended_youth_care: bool = False  # verlengde jeugdhulp up to 23
    extended_youth_care_reason: str = ""  # why; the letter must say it
    # Request and outcome (domain.md §6). The allocation answers what was asked in the application;
    # the defaults are "granted as asked", so plans recorded before these fields keep meaning that.
    # For a refusal, volume/unit/frequency/start/end describe what was asked (nothing is granted).
    outcome: Outcome = Outcome.GRANTED
    requested_volume: int | None = None  # asked amount (same unit and frequency); None: as granted
    requested_start: date | None = None  # asked period; None: as granted
    requested_end: date | None = None  # inclusive
    request_text: str = ""  # what was asked in the application's words (product or need), optional
    motivation: str = ""  # why partly granted or refused: required then; the letter says it
    revision: int = 0  # of this allocation with its hours lines, as last read or saved
    id: str = field(default_factory=new_id)


@dataclass(slots=True)
class Plan:
    household_id: str
    version: int = 1
    status: PlanStatus = PlanStatus.CONCEPT
    previous_plan_id: str | None = None
    report_date: date | None = None
    application_date: date | None = None
    conversation_date: date | None = None
    participants: str = ""
    client_support_offered: bool = False
    client_support_present: bool = False
    own_plan_submitted: bool = False
    start: date | None = None
    months: int = 12
    life_areas: list[LifeAreaResult] = field(default_factory=list)
    coordinator: Coordinator | None = None
    allocations: list[Allocation] = field(default_factory=list)
    safety_assessment: str = ""
    decided_on: date | None = None
    revision: int = 0  # of the plan's own fields; each life area and allocation has its own
    id: str = field(default_factory=new_id)
    base: object = field(default=None, compare=False, repr=False)  # as Household.base

    @property
    def is_frozen(self) -> bool:
        return self.status is not PlanStatus.CONCEPT

    def life_area(self, code: str) -> LifeAreaResult | None:
        return next((r for r in self.life_areas if r.life_area == code), None)


# --- catalogue (replaced by the office's catalogue file) -------------------------------------


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # CBS, "GM0200"
    name: str


@dataclass(frozen=True, slots=True)
class Segment:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class Product:
    code: str  # 5 characters, e.g. "07A03"
    category: str  # 2 digits
    name: str
    segment: str
    laws: frozenset[Law]
    unit: Unit
    frequencies: tuple[Frequency, ...]
    tariff: Decimal  # euros per unit, for `tariff_year`
    tariff_year: int
    max_months: int
    volume_min: int = 1
    volume_max: int | None = None
    bandwidth: bool = False  # a range (e.g. 2–4 hours a week) is allowed
    adult_product: str | None = None  # youth product: the Wmo product that continues it at 18


@dataclass(frozen=True, slots=True)
class Provider:
    id: str
    name: str
    agb: str  # 8 digits
    municipality_code: str  # where it is located
    size: str  # "klein" | "groot"
    self_employed: bool = False
    expertise: tuple[str, ...] = ()
    waiting_weeks: dict[str, int] = field(default_factory=dict)  # product code -> weeks
    accepts_pgb: bool = False


@dataclass(frozen=True, slots=True)
class Contract:
    """Permission to deliver a product (or coordinate a matrix cell) in a municipality."""

    id: str
    provider_id: str
    municipality_code: str
    start: date
    end: date | None  # inclusive; None = open-ended
    product_code: str | None = None
    cell: tuple[str, Distance] | None = None  # coordination contract: (life area, distance)

    def covers(self, start: date, end: date) -> bool:
        return self.start <= start and (self.end is None or end <= self.end)


@dataclass(frozen=True, slots=True)
class ClosedGroup:
    """A segment closed to new providers in one municipality."""

    municipality_code: str
    segment: str
