"""The frozen decision snapshot: everything a letter or plan document shows, already worded.

A decided plan stores these snapshots (as JSON, `planner.documents.codec`) so that the letter that
was sent can be printed again exactly as sent (domain.md §5.9, §6), whatever changes later in the
catalogue, the reference data or the code that words things. The renderers (`letter`,
`plan_document`) only lay a snapshot out; `letter_content` and `plan_content` fill them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Self

from planner.documents.codec import from_json, to_json
from planner.model import Outcome  # the model's enum; its values are what snapshots store

# Bump when a field is renamed or removed; readers of older snapshots can then migrate them.
SNAPSHOT_FORMAT = 1


# --- shared parts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sender:
    """The municipality's letterhead."""

    municipality: str
    team: str
    street: str
    postcode_city: str
    phone: str
    email: str
    website: str = ""
    return_address: str = ""  # small line above the window: "Postbus 15, 7200 AA Zutphen"


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    phone: str
    email: str = ""


@dataclass(frozen=True, slots=True)
class Addressee:
    name: str  # "Mevrouw M.J. Jansen" or "De ouder(s)/verzorger(s) van Daan Jansen"
    address_lines: tuple[str, ...]  # street + number, postcode + city
    salutation: str  # "Geachte mevrouw Jansen,"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading with plain paragraphs; the unit of every worded part of a document."""

    heading: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signature:
    closing: str  # "Met vriendelijke groet,"
    on_behalf: str  # "namens het college van burgemeester en wethouders van Zutphen,"
    name: str
    role: str


# --- the letter -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HoursRow:
    activity: str
    minutes_per_week: int
    deducts: bool  # customary help or network: subtracted from the total


@dataclass(frozen=True, slots=True)
class AllocationDecision:
    outcome: Outcome
    product: str  # product in words: "Hulp bij het huishouden"
    law: str  # "Wmo 2015" / "Jeugdwet"
    form_text: str  # "in natura via Thuiszorg Oost" / "persoonsgebonden budget van € 1.234,00"
    amount_figures: str  # "195 minuten per week"
    amount_words: str  # "195 minuten per week, dat is 3 uur en 15 minuten per week"
    start: date
    end: date  # inclusive
    period_words: str  # "van 1 februari 2027 tot en met 31 januari 2028"
    length_words: str  # "12 maanden"
    total_words: str  # "10.168 minuten, dat is 169 uur en 28 minuten"
    cost_words: str  # "€ 5.491,00" or "" when not shown
    provider: str  # provider name, "" for pgb
    hours_rows: tuple[HoursRow, ...] = ()
    hours_total_minutes: int = 0  # the table's sum, minutes per week
    hours_total_words: str = ""  # "195 minuten per week (3 uur en 15 minuten)"
    hours_standard: str = ""  # which standard table was applied
    own_provider_text: str = ""  # continuity route explained, "" if the own provider was kept
    split_text: str = ""  # 18th-birthday split explained, "" otherwise
    reason_text: str = ""  # why partly granted / refused
    # Request and outcome (domain.md §6); the defaults keep older stored snapshots readable.
    request_words: str = ""  # what was asked: "begeleiding individueel, 4 uur per week, van … tot en met …"
    outcome_words: str = ""  # "U vroeg om …. Wij kennen … toe." / "Wij wijzen uw aanvraag voor … af."
    legal_ground: str = ""  # "artikel 2.3.5, derde lid, van de Wmo 2015"


@dataclass(frozen=True, slots=True)
class LifeAreaSupport:
    """A life area the decided support serves; the plan is expressly part of the decision."""

    area: str
    desired_result: str
    goals: tuple[str, ...]  # worded: "Daan gaat weer naar school (uiterlijk 1 juli 2027, Daan)"


@dataclass(frozen=True, slots=True)
class LetterSnapshot:
    title: str  # PDF metadata title
    sender: Sender
    contact: Contact
    letter_date: date  # the sending date
    letter_date_words: str
    reference: str  # kenmerk
    addressee: Addressee
    subject: str
    about_member: str  # the member the decision is about, by name
    request: Section  # what was requested, with report / conversation / application dates
    decision_intro: Section  # "Wij hebben besloten ..."
    decisions: tuple[AllocationDecision, ...]
    plan: Section  # coordinator and the plan as part of the decision
    life_areas: tuple[LifeAreaSupport, ...]
    motivation: Section
    contribution: Section  # Wmo own contribution (CAK, year's maximum) or Jeugdwet: none
    objection: Section
    objection_last_day: date
    client_support: Section
    signature: Signature
    pgb: Section | None = None  # pgb: amount, what for, SVB
    concept: bool = False  # printed with a CONCEPT watermark
    format: int = SNAPSHOT_FORMAT
    # The child's given name when the letter goes to the parent(s): the support is the child's
    # ("Wat Daan krijgt"), never "Wat u krijgt". Empty in a letter to the one it is for.
    child: str = ""

    def to_json(self) -> str:
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return from_json(cls, text)


# --- the plan document ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MemberRow:
    name: str
    birth_date_words: str
    role: str
    law: str  # law on the plan's start date


@dataclass(frozen=True, slots=True)
class MatrixCell:
    area: str
    result: str  # the desired result in words
    distance: str  # "licht" | "midden" | "zwaar" | "" (the renderer colours by this key)
    distance_label: str  # as printed: "Licht"


@dataclass(frozen=True, slots=True)
class GoalRow:
    text: str
    target: str  # worded date or ""
    who: str


@dataclass(frozen=True, slots=True)
class LadderRow:
    rung: str  # rung name as printed
    contribution: str


@dataclass(frozen=True, slots=True)
class AreaPlan:
    area: str
    members: str  # who it concerns
    current_situation: str
    desired_result: str
    distance_label: str
    goals: tuple[GoalRow, ...]
    ladder: tuple[LadderRow, ...]


@dataclass(frozen=True, slots=True)
class SupportRow:
    product: str
    law: str
    amount: str
    period: str
    provider: str
    outcome: Outcome = Outcome.GRANTED  # a refused row grants nothing (defaults: older snapshots)
    requested: str = ""  # what was asked, when it differs from what is granted


@dataclass(frozen=True, slots=True)
class MemberSupport:
    member: str
    rows: tuple[SupportRow, ...]


@dataclass(frozen=True, slots=True)
class TimelineItem:
    on: date
    on_words: str
    label: str


@dataclass(frozen=True, slots=True)
class PlanDocumentSnapshot:
    title: str
    sender: Sender
    heading: str  # "Ondersteuningsplan huishouden Jansen"
    intro: Section
    household_lines: tuple[tuple[str, str], ...]  # label, value: case number, address, period, ...
    members: tuple[MemberRow, ...]
    matrix: tuple[MatrixCell, ...]
    areas: tuple[AreaPlan, ...]
    coordinator: Section
    support: tuple[MemberSupport, ...]
    timeline: tuple[TimelineItem, ...]
    signature_intro: str
    signatories: tuple[str, ...]  # one signature line each: household members, then the professional
    concept: bool = False
    format: int = SNAPSHOT_FORMAT

    def to_json(self) -> str:
        return to_json(self)

    @classmethod
    def from_json(cls, text: str) -> Self:
        return from_json(cls, text)
