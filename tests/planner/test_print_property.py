"""Nothing the editor accepts can fail to print: any plan whose texts the edit operations accept
(up to the field limits, with non-ASCII and reportlab markup characters), with any number of
allocations and goals, decides and prints every document (domain.md §5.9).

Texts are put in through the real operations (set_field, set_ladder_rung, add_goal), so a text
the editor would refuse never reaches the renderer here either. The default run keeps the
examples few (each renders a letter and the plan document); HYPOTHESIS_PRINT_EXAMPLES raises it.
"""

from __future__ import annotations

import copy
import dataclasses
import io
import os
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from planner.deciding import decide_plan
from planner.demo import build_demo_region
from planner.model import Household, Plan, PlanStatus, Rung, new_id
from planner.reference import load_reference
from planner.services.fields import GoalField, LifeAreaField, MemberField, PlanField, set_field
from planner.services.life_areas import add_goal, set_ladder_rung
from planner.text_limits import limit_of
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY

EXAMPLES = int(os.environ.get("HYPOTHESIS_PRINT_EXAMPLES", "30"))
REF = load_reference()
REGION = build_demo_region(REF, TODAY)
CASES = ("DEMO-0002", "DEMO-0003")  # a youth and an adult plan that decide as they are

# Dutch text, other scripts, and what reportlab's Paragraph markup would read as tags or entities.
MARKUP = "<>&;/\"'=#%{}[]\\"
ALPHABET = st.one_of(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    st.sampled_from(MARKUP + "ëéèïöüçñß€–—‘’“”\n\t "),
)


def text(record: type, field: str) -> st.SearchStrategy[str]:
    """A text for the field: short and random, or a random piece repeated up to the limit."""
    limit = limit_of(record, field)
    assert limit is not None, field
    short = st.text(ALPHABET, max_size=60)
    long = st.builds(
        lambda piece, length: (piece * (length // len(piece) + 1))[:length],
        st.text(ALPHABET, min_size=1, max_size=40),
        st.integers(min_value=1, max_value=limit.maximum),
    )
    return st.one_of(short, long)


def record_text(record: str, field: str) -> st.SearchStrategy[str]:
    from planner import model

    return text(getattr(model, record), field)


@st.composite
def edited_plans(draw: st.DrawFn) -> tuple[Household, list[Plan], Plan]:
    case = draw(st.sampled_from(CASES))
    household, plans = copy.deepcopy(next((h, p) for h, p in REGION.showcase if h.case_number == case))
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)

    def put(target: object, field, value: str) -> None:
        set_field(target, field, value, "test").apply()

    member = draw(st.sampled_from(household.members))
    put(member, MemberField.GIVEN_NAMES, draw(record_text("Member", "given_names")).strip() or "A")
    put(member, MemberField.SURNAME, draw(record_text("Member", "surname")).strip() or "B")
    put(member, MemberField.SALUTATION, draw(record_text("Member", "salutation")))
    put(plan, PlanField.PARTICIPANTS, draw(record_text("Plan", "participants")))
    for area in plan.life_areas:
        put(area, LifeAreaField.CURRENT_SITUATION, draw(record_text("LifeAreaResult", "current_situation")))
        put(area, LifeAreaField.DESIRED_RESULT, draw(record_text("LifeAreaResult", "desired_result")))
        for rung in draw(st.lists(st.sampled_from(list(Rung)), max_size=3, unique=True)):
            answer = draw(record_text("LifeAreaResult", "ladder")).strip() or "Niets, omdat het niet kan."
            set_ladder_rung(area, rung, answer, "test").apply()  # a rung left blank is a rule's error
        for _ in range(draw(st.integers(min_value=0, max_value=6))):
            add_goal(plan, area.id).apply()
            goal = area.goals[-1]
            put(goal, GoalField.TEXT, draw(record_text("Goal", "text")).strip() or "Doel")
            put(goal, GoalField.WHO, draw(record_text("Goal", "who")))
    # Any number of allocations: the first one cut into consecutive parts over the same period.
    first = plan.allocations[0]
    parts = draw(st.integers(min_value=1, max_value=6))
    days = (first.end - first.start).days + 1
    cuts = [first.start + timedelta(days=days * i // parts) for i in range(parts)]
    cuts.append(first.end + timedelta(days=1))
    plan.allocations[0:1] = [
        dataclasses.replace(
            copy.deepcopy(first), id=new_id(), start=cuts[i], end=cuts[i + 1] - timedelta(days=1)
        )
        for i in range(parts)
    ]
    for line in (line for a in plan.allocations for line in a.hours_lines):
        line.reason = draw(record_text("HoursLine", "reason"))
    return household, plans, plan


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(edited_plans())
def test_any_plan_the_editor_accepts_decides_and_prints(case: tuple[Household, list[Plan], Plan]) -> None:
    household, plans, plan = case
    args = (household, plans, plan, REGION.catalogue, REF, SENT, PROFESSIONAL, TODAY)
    first = decide_plan(*args)
    outcome = decide_plan(*args, first.warnings) if first.warnings and not first.errors else first
    assert outcome.decided, [(f.code, f.message[:80]) for f in outcome.findings if f.is_error]
    assert outcome.bundle is not None
    assert [d.kind for d in outcome.documents] == ["letter"] * len(outcome.bundle.letters) + ["plan"]
    for doc in outcome.documents:
        assert len(PdfReader(io.BytesIO(doc.pdf)).pages) >= 1
