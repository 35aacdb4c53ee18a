"""The fields a professional edits, per record, as enums: a widget names `MemberField.SURNAME`,
never the string "surname", and the kind of change follows from the enum."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from planner.model import Allocation, Goal, Household, LifeAreaResult, Member, Plan
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit, set_fields
from planner.text_limits import TextLimit, limit_of


class HouseholdField(StrEnum):
    STREET = "street"
    HOUSE_NUMBER = "house_number"
    POSTCODE = "postcode"
    CITY = "city"
    MUNICIPALITY = "municipality_code"
    SAFETY_SIGNAL = "safety_signal"
    SAFETY_NOTE = "safety_note"


class MemberField(StrEnum):
    GIVEN_NAMES = "given_names"
    INITIALS = "initials"
    SURNAME_PREFIX = "surname_prefix"
    SURNAME = "surname"
    BSN = "bsn"
    BIRTH_DATE = "birth_date"
    ROLE = "role"
    SALUTATION = "salutation"
    RECEIVES_LETTERS = "receives_letters"
    OWN_PROVIDER = "own_provider_id"
    MOVED_OUT_ON = "moved_out_on"


class PlanField(StrEnum):
    REPORT_DATE = "report_date"
    APPLICATION_DATE = "application_date"
    CONVERSATION_DATE = "conversation_date"
    PARTICIPANTS = "participants"
    CLIENT_SUPPORT_OFFERED = "client_support_offered"
    CLIENT_SUPPORT_PRESENT = "client_support_present"
    OWN_PLAN_SUBMITTED = "own_plan_submitted"
    START = "start"
    MONTHS = "months"
    SAFETY_ASSESSMENT = "safety_assessment"


class LifeAreaField(StrEnum):
    CURRENT_SITUATION = "current_situation"
    DESIRED_RESULT = "desired_result"
    DISTANCE = "distance"
    MEMBERS = "member_ids"
    SCORE_BEFORE = "score_before"
    SCORE_AFTER = "score_after"
    REACHED = "reached"
    REACHED_REASON = "reached_reason"


class GoalField(StrEnum):
    TEXT = "text"
    TARGET_DATE = "target_date"
    WHO = "who"


class AllocationField(StrEnum):
    """Plain fields of an allocation. What must follow an edit (the unit after the product, the
    end after the start) is decided by the allocation operations, not here."""

    PRODUCT = "product_code"
    START = "start"
    END = "end"
    VOLUME = "volume"
    VOLUME_MAX = "volume_max"
    UNIT = "unit"
    FREQUENCY = "frequency"
    FORM = "form"
    PROVIDER = "provider_id"
    LAW = "law"
    LIFE_AREA = "life_area"
    GOAL = "goal_id"
    CONTINUITY = "continuity"
    PGB_BUDGET = "pgb_budget"
    EXTENDED_YOUTH_CARE = "extended_youth_care"
    EXTENDED_YOUTH_CARE_REASON = "extended_youth_care_reason"
    OUTCOME = "outcome"
    REQUESTED_VOLUME = "requested_volume"
    REQUESTED_START = "requested_start"
    REQUESTED_END = "requested_end"
    REQUEST_TEXT = "request_text"
    MOTIVATION = "motivation"


Field = HouseholdField | MemberField | PlanField | LifeAreaField | GoalField | AllocationField

# Which record each enum edits and what kind of change that is.
_RECORDS: dict[type[StrEnum], tuple[type, Kind]] = {
    HouseholdField: (Household, Kind.HOUSEHOLD),
    MemberField: (Member, Kind.MEMBERS),
    PlanField: (Plan, Kind.PLAN),
    LifeAreaField: (LifeAreaResult, Kind.LIFE_AREAS),
    GoalField: (Goal, Kind.LIFE_AREAS),
    AllocationField: (Allocation, Kind.ALLOCATIONS),
}


def _id_of(record: Any) -> str:
    return str(record.id)


def kind_of(field: Field) -> Kind:
    return _RECORDS[type(field)][1]


def text_limit(field: Field) -> TextLimit | None:
    """How long a text in this field may be (None: not free text); shown while typing."""
    return limit_of(_RECORDS[type(field)][0], field.value)


def set_field(target: object, field: Field, value: Any, text: str, *, typing: bool = False) -> Edit:
    """Set one field of a household, member, plan, life area, goal or allocation.

    With `typing`, following edits of the same field merge into this one undo step. Empty when
    the value is already there.
    """
    return set_values(target, {field: value}, text, typing=typing)


def set_values(target: object, values: dict[Any, Any], text: str, *, typing: bool = False) -> Edit:
    """Several fields of one record as one undo step (all of one enum)."""
    enums = {type(f) for f in values}
    if len(enums) != 1:
        raise TypeError("set_values takes fields of one record")
    record, kind = _RECORDS[enums.pop()]
    if not isinstance(target, record):
        raise TypeError(f"{type(target).__name__} is no {record.__name__}")
    edit = set_fields(target, {f.value: v for f, v in values.items()}, Changes.of(kind, _id_of(target)), text)
    if typing and edit:
        return Edit(edit.text, edit.steps, edit.changes, (id(target), *sorted(values)))
    return edit
