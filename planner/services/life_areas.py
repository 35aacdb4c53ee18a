"""Operations on the life areas of a plan: add and remove areas and goals, the ladder, who is
concerned. Plain field edits go through `planner.services.fields.set_field`."""

from __future__ import annotations

from planner import text_limits
from planner.model import Goal, Household, LifeAreaResult, Plan, Rung
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit, Insert, Remove, SetAttrs, SetKey


def _result(plan: Plan, result_id: str) -> LifeAreaResult:
    for r in plan.life_areas:
        if r.id == result_id:
            return r
    raise KeyError(result_id)


def _changed(*ids: str) -> Changes:
    return Changes.of(Kind.LIFE_AREAS, *ids)


def add_life_area(plan: Plan, life_area: str, text: str = "Leefgebied toevoegen") -> Edit:
    """Add the life area with this code (from resources/life_areas); once per plan."""
    if plan.life_area(life_area) is not None:
        raise ValueError(f"life area {life_area} already in the plan")
    result = LifeAreaResult(life_area=life_area)
    return Edit(text, (Insert(plan.life_areas, result, len(plan.life_areas)),), _changed(result.id))


def remove_life_area(plan: Plan, result_id: str, text: str = "Leefgebied verwijderen") -> Edit:
    return Edit(text, (Remove.of(plan.life_areas, _result(plan, result_id)),), _changed(result_id))


def add_goal(plan: Plan, result_id: str, text: str = "Doel toevoegen") -> Edit:
    r = _result(plan, result_id)
    goal = Goal(text="")
    return Edit(text, (Insert(r.goals, goal, len(r.goals)),), _changed(result_id, goal.id))


def remove_goal(plan: Plan, result_id: str, goal_id: str, text: str = "Doel verwijderen") -> Edit:
    r = _result(plan, result_id)
    goal = next(g for g in r.goals if g.id == goal_id)
    return Edit(text, (Remove.of(r.goals, goal),), _changed(result_id, goal_id))


def set_ladder_rung(
    result: LifeAreaResult, rung: Rung, value: str, text: str, *, typing: bool = False
) -> Edit:
    """What one rung of the ladder contributes; empty removes the rung's answer."""
    text_limits.check(result, {"ladder": value}, {"ladder": result.ladder.get(rung, "")})
    if result.ladder.get(rung, "") == (value or ""):
        return Edit(text, (), _changed(result.id))
    return Edit(
        text,
        (SetKey.on(result.ladder, rung, value),),
        _changed(result.id),
        ("ladder", id(result), rung) if typing else None,
    )


def set_member_concerned(
    household: Household, result: LifeAreaResult, member_id: str, concerned: bool
) -> Edit:
    """Tick a member as concerned by the life area (or untick); ids keep the household's order."""
    ids = [i for i in result.member_ids if i != member_id]
    if concerned:
        order = [m.id for m in household.members]
        ids = sorted([*ids, member_id], key=lambda i: order.index(i) if i in order else len(order))
    text = "Betrokken gezinsleden wijzigen"
    if ids == result.member_ids:
        return Edit(text, (), _changed(result.id))
    return Edit(text, (SetAttrs.on(result, {"member_ids": ids}),), _changed(result.id))
