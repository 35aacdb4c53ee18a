"""Explicit conversion between planner dataclasses and table rows (dicts), both ways.

Every column is named here once in each direction, so a new model field that is forgotten
shows up as a failing round-trip test rather than as silently lost data.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from json.encoder import c_encode_basestring, c_make_encoder  # type: ignore[attr-defined]
from typing import Any

import orjson
from sqlalchemy import RowMapping

from db.search import household_search_fields
from planner.model import (
    Allocation,
    ClosedGroup,
    Continuity,
    ContinuityRoute,
    Contract,
    Coordinator,
    CoordinatorKind,
    Distance,
    Form,
    Frequency,
    Goal,
    HoursLine,
    Household,
    Law,
    LifeAreaResult,
    LineKind,
    Member,
    Municipality,
    Outcome,
    Plan,
    PlanStatus,
    Product,
    Provider,
    ResultReached,
    Role,
    Rung,
    Segment,
    Unit,
)

Row = dict[str, Any]
# A row read back: SQLAlchemy's RowMapping (whose keys may also be columns) or a plain mapping.
StoredRow = RowMapping | Mapping[str, Any]

# Enum members go into rows as they are: they are StrEnums, so SQLite and JSON store their text
# value, and skipping `.value` saves a tenth of a large import.


def _make_dumps() -> Callable[[Any], str]:
    """Compact JSON. json.dumps builds a new C encoder on every call, which was a third of the
    time of a 29,000-row import; one C encoder is reused instead, where the runtime has one."""
    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    if c_make_encoder is None:  # pragma: no cover - pure-Python json
        return encoder.encode
    # (markers, default, encode_str, indent, key_sep, item_sep, sort_keys, skipkeys, allow_nan)
    iterencode = c_make_encoder(
        None, encoder.default, c_encode_basestring, None, ":", ",", False, False, True
    )
    return lambda value: "".join(iterencode(value, 0))


_dumps = _make_dumps()
compact_json = _dumps  # for the exchange's rows: the same text
# The stored JSON (written by _dumps) read back by orjson: the same values as json.loads, at a
# quarter of the time (`check` reads 76,000 of them at 100,000 households); its JSONDecodeError
# is json's.
_loads = orjson.loads


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _decimal(value: str | None) -> Decimal | None:
    return Decimal(value) if value is not None else None


# --- catalogue -------------------------------------------------------------------------------


def municipality_row(m: Municipality) -> Row:
    return {"code": m.code, "name": m.name}


def municipality_from(r: StoredRow) -> Municipality:
    return Municipality(code=r["code"], name=r["name"])


def segment_row(s: Segment) -> Row:
    return {"code": s.code, "name": s.name}


def segment_from(r: StoredRow) -> Segment:
    return Segment(code=r["code"], name=r["name"])


def product_row(p: Product) -> Row:
    return {
        "code": p.code,
        "category": p.category,
        "name": p.name,
        "segment": p.segment,
        "laws": _dumps(sorted(law.value for law in p.laws)),
        "unit": p.unit,
        "frequencies": _dumps(list(p.frequencies)),
        "tariff": str(p.tariff),
        "tariff_year": p.tariff_year,
        "max_months": p.max_months,
        "volume_min": p.volume_min,
        "volume_max": p.volume_max,
        "bandwidth": p.bandwidth,
        "adult_product": p.adult_product,
    }


def product_from(r: StoredRow) -> Product:
    return Product(
        code=r["code"],
        category=r["category"],
        name=r["name"],
        segment=r["segment"],
        laws=frozenset(Law(v) for v in _loads(r["laws"])),
        unit=Unit(r["unit"]),
        frequencies=tuple(Frequency(v) for v in _loads(r["frequencies"])),
        tariff=Decimal(r["tariff"]),
        tariff_year=r["tariff_year"],
        max_months=r["max_months"],
        volume_min=r["volume_min"],
        volume_max=r["volume_max"],
        bandwidth=bool(r["bandwidth"]),
        adult_product=r["adult_product"],
    )


def provider_row(p: Provider) -> Row:
    return {
        "id": p.id,
        "name": p.name,
        "agb": p.agb,
        "municipality_code": p.municipality_code,
        "size": p.size,
        "self_employed": p.self_employed,
        "expertise": _dumps(list(p.expertise)),
        "waiting_weeks": _dumps(p.waiting_weeks),
        "accepts_pgb": p.accepts_pgb,
    }


def provider_from(r: StoredRow) -> Provider:
    return Provider(
        id=r["id"],
        name=r["name"],
        agb=r["agb"],
        municipality_code=r["municipality_code"],
        size=r["size"],
        self_employed=bool(r["self_employed"]),
        expertise=tuple(_loads(r["expertise"])),
        waiting_weeks={k: int(v) for k, v in _loads(r["waiting_weeks"]).items()},
        accepts_pgb=bool(r["accepts_pgb"]),
    )


def contract_row(c: Contract, position: int) -> Row:
    return {
        "id": c.id,
        "position": position,
        "provider_id": c.provider_id,
        "municipality_code": c.municipality_code,
        "start": c.start,
        "end": c.end,
        "product_code": c.product_code,
        "cell_life_area": c.cell[0] if c.cell else None,
        "cell_distance": c.cell[1] if c.cell else None,
    }


def contract_from(r: StoredRow) -> Contract:
    cell = (r["cell_life_area"], Distance(r["cell_distance"])) if r["cell_life_area"] is not None else None
    return Contract(
        id=r["id"],
        provider_id=r["provider_id"],
        municipality_code=r["municipality_code"],
        start=r["start"],
        end=r["end"],
        product_code=r["product_code"],
        cell=cell,
    )


def closed_group_row(g: ClosedGroup) -> Row:
    return {"municipality_code": g.municipality_code, "segment": g.segment}


def closed_group_from(r: StoredRow) -> ClosedGroup:
    return ClosedGroup(municipality_code=r["municipality_code"], segment=r["segment"])


# --- household -------------------------------------------------------------------------------


def household_row(h: Household) -> Row:
    row: Row = {
        "id": h.id,
        "case_number": h.case_number,
        "municipality_code": h.municipality_code,
        "street": h.street,
        "house_number": h.house_number,
        "postcode": h.postcode,
        "city": h.city,
        "safety_signal": h.safety_signal,
        "safety_note": h.safety_note,
        "revision": h.revision,
    }
    row.update(household_search_fields(h))
    return row


def household_from(r: StoredRow, members: list[Member]) -> Household:
    return Household(
        id=r["id"],
        case_number=r["case_number"],
        municipality_code=r["municipality_code"],
        street=r["street"],
        house_number=r["house_number"],
        postcode=r["postcode"],
        city=r["city"],
        members=members,
        safety_signal=bool(r["safety_signal"]),
        safety_note=r["safety_note"],
        revision=r["revision"],
    )


# A bulk read (`trajectplanner check`) takes the columns by position: a mapping per row costs
# as much as the read itself. The order is the model's own, so the values go in as they are.
HOUSEHOLD_COLUMNS = (
    "case_number",
    "municipality_code",
    "street",
    "house_number",
    "postcode",
    "city",
    "safety_signal",
    "safety_note",
    "revision",
    "id",
)


def household_from_values(v: Sequence[Any], members: list[Member]) -> Household:
    """`household_from` for the values of HOUSEHOLD_COLUMNS, in that order."""
    return Household(v[0], v[1], v[2], v[3], v[4], v[5], members, bool(v[6]), v[7], v[8], v[9])


def member_row(m: Member, household_id: str, position: int) -> Row:
    return {
        "id": m.id,
        "household_id": household_id,
        "position": position,
        "bsn": m.bsn,
        "given_names": m.given_names,
        "initials": m.initials,
        "surname_prefix": m.surname_prefix,
        "surname": m.surname,
        "birth_date": m.birth_date,
        "role": m.role,
        "salutation": m.salutation,
        "receives_letters": m.receives_letters,
        "own_provider_id": m.own_provider_id,
        "moved_out_on": m.moved_out_on,
        "revision": m.revision,
    }


def member_from(r: StoredRow) -> Member:
    return Member(
        id=r["id"],
        given_names=r["given_names"],
        surname=r["surname"],
        birth_date=r["birth_date"],
        role=Role(r["role"]),
        bsn=r["bsn"],
        initials=r["initials"],
        surname_prefix=r["surname_prefix"],
        salutation=r["salutation"],
        receives_letters=bool(r["receives_letters"]),
        own_provider_id=r["own_provider_id"],
        moved_out_on=r["moved_out_on"],
        revision=r["revision"],
    )


MEMBER_COLUMNS = (
    "given_names",
    "surname",
    "birth_date",
    "role",
    "bsn",
    "initials",
    "surname_prefix",
    "salutation",
    "receives_letters",
    "own_provider_id",
    "moved_out_on",
    "revision",
    "id",
)
_ROLES = {role.value: role for role in Role}  # a dict look-up: calling the enum costs a microsecond


def member_from_values(v: Sequence[Any]) -> Member:
    """`member_from` for the values of MEMBER_COLUMNS, in that order (more may follow)."""
    role = _ROLES.get(v[3]) or Role(v[3])  # an unknown role fails as in member_from
    return Member(v[0], v[1], v[2], role, v[4], v[5], v[6], v[7], bool(v[8]), v[9], v[10], v[11], v[12])


# --- plan ------------------------------------------------------------------------------------


def plan_row(p: Plan) -> Row:
    return {
        "id": p.id,
        "household_id": p.household_id,
        "version": p.version,
        "status": p.status,
        "previous_plan_id": p.previous_plan_id,
        "report_date": p.report_date,
        "application_date": p.application_date,
        "conversation_date": p.conversation_date,
        "participants": p.participants,
        "client_support_offered": p.client_support_offered,
        "client_support_present": p.client_support_present,
        "own_plan_submitted": p.own_plan_submitted,
        "start": p.start,
        "months": p.months,
        "coordinator_kind": p.coordinator.kind if p.coordinator else None,
        "coordinator_provider_id": p.coordinator.provider_id if p.coordinator else None,
        "safety_assessment": p.safety_assessment,
        "decided_on": p.decided_on,
        "revision": p.revision,
    }


def plan_from(r: StoredRow, life_areas: list[LifeAreaResult], allocations: list[Allocation]) -> Plan:
    coordinator = (
        Coordinator(CoordinatorKind(r["coordinator_kind"]), r["coordinator_provider_id"])
        if r["coordinator_kind"] is not None
        else None
    )
    return Plan(
        id=r["id"],
        household_id=r["household_id"],
        version=r["version"],
        status=PlanStatus(r["status"]),
        previous_plan_id=r["previous_plan_id"],
        report_date=r["report_date"],
        application_date=r["application_date"],
        conversation_date=r["conversation_date"],
        participants=r["participants"],
        client_support_offered=bool(r["client_support_offered"]),
        client_support_present=bool(r["client_support_present"]),
        own_plan_submitted=bool(r["own_plan_submitted"]),
        start=r["start"],
        months=r["months"],
        life_areas=life_areas,
        coordinator=coordinator,
        allocations=allocations,
        safety_assessment=r["safety_assessment"],
        decided_on=r["decided_on"],
        revision=r["revision"],
    )


def _goal_json(g: Goal) -> dict[str, Any]:
    return {"id": g.id, "text": g.text, "target_date": _iso(g.target_date), "who": g.who}


def _goal_from(d: Mapping[str, Any]) -> Goal:
    return Goal(id=d["id"], text=d["text"], target_date=_date(d["target_date"]), who=d["who"])


def life_area_row(lr: LifeAreaResult, plan_id: str, position: int) -> Row:
    return {
        "id": lr.id,
        "plan_id": plan_id,
        "position": position,
        "life_area": lr.life_area,
        "current_situation": lr.current_situation,
        "desired_result": lr.desired_result,
        "distance": lr.distance,
        "member_ids": _dumps(lr.member_ids),
        "goals": _dumps([_goal_json(g) for g in lr.goals]),
        "ladder": _dumps(lr.ladder),
        "score_before": lr.score_before,
        "score_after": lr.score_after,
        "reached": lr.reached,
        "reached_reason": lr.reached_reason,
        "revision": lr.revision,
    }


def life_area_from(r: StoredRow) -> LifeAreaResult:
    return LifeAreaResult(
        id=r["id"],
        life_area=r["life_area"],
        current_situation=r["current_situation"],
        desired_result=r["desired_result"],
        distance=Distance(r["distance"]) if r["distance"] else None,
        member_ids=list(_loads(r["member_ids"])),
        goals=[_goal_from(d) for d in _loads(r["goals"])],
        ladder={Rung(k): v for k, v in _loads(r["ladder"]).items()},
        score_before=r["score_before"],
        score_after=r["score_after"],
        reached=ResultReached(r["reached"]) if r["reached"] else None,
        reached_reason=r["reached_reason"],
        revision=r["revision"],
    )


def _line_json(line: HoursLine) -> dict[str, Any]:
    return {
        "id": line.id,
        "kind": line.kind,
        "label": line.label,
        "minutes_per_week": line.minutes_per_week,
        "activity_code": line.activity_code,
        "factors": line.factors,
        "reason": line.reason,
    }


def _line_from(d: Mapping[str, Any]) -> HoursLine:
    return HoursLine(
        id=d["id"],
        kind=LineKind(d["kind"]),
        label=d["label"],
        minutes_per_week=int(d["minutes_per_week"]),
        activity_code=d["activity_code"],
        factors={k: int(v) for k, v in d["factors"].items()},
        reason=d["reason"],
    )


def _continuity_json(c: Continuity) -> dict[str, Any]:
    return {
        "route": c.route,
        "own_provider_id": c.own_provider_id,
        "until": _iso(c.until),
        "main_provider_id": c.main_provider_id,
        "reason": c.reason,
        "client_consent": c.client_consent,
    }


def _continuity_from(d: Mapping[str, Any]) -> Continuity:
    return Continuity(
        route=ContinuityRoute(d["route"]),
        own_provider_id=d["own_provider_id"],
        until=_date(d["until"]),
        main_provider_id=d["main_provider_id"],
        reason=d["reason"],
        client_consent=bool(d["client_consent"]),
    )


def allocation_row(a: Allocation, plan_id: str, position: int) -> Row:
    return {
        "id": a.id,
        "plan_id": plan_id,
        "position": position,
        "member_id": a.member_id,
        "product_code": a.product_code,
        "form": a.form,
        "provider_id": a.provider_id,
        "volume": a.volume,
        "volume_max": a.volume_max,
        "unit": a.unit,
        "frequency": a.frequency,
        "start": a.start,
        "end": a.end,
        "law": a.law,
        "life_area": a.life_area,
        "goal_id": a.goal_id,
        "hours_lines": _dumps([_line_json(line) for line in a.hours_lines]),
        "continuity": _dumps(_continuity_json(a.continuity)) if a.continuity else None,
        "pgb_budget": str(a.pgb_budget) if a.pgb_budget is not None else None,
        "extended_youth_care": a.extended_youth_care,
        "extended_youth_care_reason": a.extended_youth_care_reason,
        "revision": a.revision,
        "outcome": a.outcome,
        "requested_volume": a.requested_volume,
        "requested_start": a.requested_start,
        "requested_end": a.requested_end,
        "request_text": a.request_text,
        "motivation": a.motivation,
    }


def allocation_from(r: StoredRow) -> Allocation:
    return Allocation(
        id=r["id"],
        member_id=r["member_id"],
        product_code=r["product_code"],
        start=r["start"],
        end=r["end"],
        volume=r["volume"],
        unit=Unit(r["unit"]),
        frequency=Frequency(r["frequency"]),
        form=Form(r["form"]),
        provider_id=r["provider_id"],
        law=Law(r["law"]) if r["law"] else None,
        life_area=r["life_area"],
        goal_id=r["goal_id"],
        hours_lines=[_line_from(d) for d in _loads(r["hours_lines"])],
        continuity=_continuity_from(_loads(r["continuity"])) if r["continuity"] else None,
        pgb_budget=_decimal(r["pgb_budget"]),
        volume_max=r["volume_max"],
        extended_youth_care=bool(r["extended_youth_care"]),
        extended_youth_care_reason=r["extended_youth_care_reason"],
        revision=r["revision"],
        outcome=Outcome(r["outcome"]),
        requested_volume=r["requested_volume"],
        requested_start=r["requested_start"],
        requested_end=r["requested_end"],
        request_text=r["request_text"],
        motivation=r["motivation"],
    )
