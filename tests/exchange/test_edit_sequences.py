"""A property over random edit sequences on two laptops that started from the same file: after
A's file reaches B, B resolves its conflicts and B's file returns to A, both hold the same data;
the conflicts are exactly the records both changed to different values, and nothing typed on either
side is lost (what was not kept stands in the resolved conflict)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from db import schema as s
from planner.services import exchange
from tests.db import factories
from tests.exchange.helpers import RECORD_TABLES, Side, dump, edit_household, edit_plan

CASES = ("2027-000001", "2027-000002")
# (what is edited, the record it lives in): a field of the household, a member, the plan, a life area.
TARGETS = ("street", "member_name", "participants", "desired_result")


def _apply(side: Side, case: str, target: str, value: str) -> None:
    if target == "street":
        edit_household(side, case, lambda h: setattr(h, "street", value))
    elif target == "member_name":
        edit_household(side, case, lambda h: setattr(h.members[0], "given_names", value))
    elif target == "participants":
        edit_plan(side, case, lambda p: setattr(p, "participants", value))
    else:
        edit_plan(side, case, lambda p: setattr(p.life_areas[0], "desired_result", value))


def _current(side: Side, case: str, target: str) -> str:
    with side.db.unit_of_work(write=False) as uow:
        h = uow.households.by_case_number(case)
        assert h is not None
        plan = next(p for p in uow.plans.for_household(h.id))
    return {
        "street": h.street,
        "member_name": h.members[0].given_names,
        "participants": plan.participants,
        "desired_result": plan.life_areas[0].desired_result,
    }[target]


edits = st.lists(
    st.tuples(
        st.sampled_from("AB"),
        st.sampled_from(CASES),
        st.sampled_from(TARGETS),
        st.sampled_from(["Één", "twee", "drie ë", "vier"]),
    ),
    max_size=8,
)


@settings(max_examples=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(steps=edits, take_file=st.lists(st.booleans(), min_size=8, max_size=8))
def test_two_laptops_converge_and_nothing_typed_is_lost(steps: list[Any], take_file: list[bool]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        a, b = Side(tmp / "a.db", "Laptop A"), Side(tmp / "b.db", "Laptop B")
        a.trust(b)
        b.trust(a)
        households = [factories.household(case) for case in CASES]
        with a.db.unit_of_work() as uow:
            for h in households:
                uow.households.save(h)
                uow.plans.save(factories.plan(h))
        b.import_(a.export(to=b))
        assert dump(a.path, RECORD_TABLES) == dump(b.path, RECORD_TABLES)

        for side, case, target, value in steps:
            _apply(a if side == "A" else b, case, target, value)
        typed = {
            "A": {(c, t): _current(a, c, t) for c in CASES for t in TARGETS},
            "B": {(c, t): _current(b, c, t) for c in CASES for t in TARGETS},
        }
        edited = {x: {(c, t) for side, c, t, _v in steps if side == x} for x in "AB"}
        # A conflict per record both changed to different values (a household's street and a
        # plan's participants are in the record itself; the others in their own record).
        expected = {(c, t) for c, t in edited["A"] & edited["B"] if typed["A"][(c, t)] != typed["B"][(c, t)]}

        result = b.import_(a.export(to=b))
        conflicts = exchange.open_conflicts(b.db)
        found = {(k.case_number, _target(k)) for k in conflicts}
        assert result.summary.conflicts == len(conflicts) == len(found)
        assert found == expected

        for conflict, take in zip(conflicts, take_file, strict=False):
            exchange.resolve_conflict(b.db, conflict.id, take_file=take)
        back = a.import_(b.export(to=a))
        assert back.summary.conflicts == 0
        assert b.import_(a.export(to=b)).summary.updated == 0
        assert dump(a.path, RECORD_TABLES) == dump(b.path, RECORD_TABLES)

        # Nothing typed is lost: each side's last value stands, or is in a resolved conflict.
        kept = _conflict_values(b)
        for x in "AB":
            for key in edited[x]:
                value = typed[x][key]
                assert _current(a, *key) == value or value in kept.get(key, set())


def _target(conflict: exchange.StoredConflict) -> str:
    (name,) = [n for n, _here, _file in conflict.fields()]
    return {"given_names": "member_name"}.get(name, name)


def _conflict_values(side: Side) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    conn = side.db.engine.connect()
    try:
        t, h = s.exchange_conflicts, s.households
        rows = conn.execute(t.select().add_columns(h.c.case_number).join(h, h.c.id == t.c.household_id)).all()
    finally:
        conn.close()
    for row in rows:
        for record in (row.here, row.incoming):
            fields = json.loads(record)["fields"]
            for name, target in (
                ("street", "street"),
                ("given_names", "member_name"),
                ("participants", "participants"),
                ("desired_result", "desired_result"),
            ):
                if name in fields:
                    found.setdefault((row.case_number, target), set()).add(fields[name])
    return found
