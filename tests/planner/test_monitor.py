"""The monitor's computation from plain rows, and its one privacy rule (no database, no Qt)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from planner.monitor.compute import compute
from planner.monitor.privacy import HIDDEN, plotted, shown
from planner.monitor.rows import CellGroup, MonitorAllocation, MonitorData, Period, PlanGroup
from planner.monitor.table import csv_bytes, money_text, months_text
from planner.reference import load_reference
from tests.db import factories

YEAR = Period(date(2027, 1, 1), date(2027, 12, 31))


def test_counts_below_five_are_hidden_and_zero_is_shown() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 120)] == ["0", HIDDEN, HIDDEN, "5", "120"]
    assert [plotted(n) for n in (0, 3, 7)] == [0, 0, 7]
    assert months_text(12.04, 3) == HIDDEN and months_text(12.04, 9) == "12,0" and months_text(None, 0) == ""
    assert money_text(Decimal("10.005"), 2) == HIDDEN and money_text(Decimal("10.005"), 5) == "10,01"


def _row(member: str, start: date, end: date, **kw: object) -> MonitorAllocation:
    values: dict[str, object] = {
        "plan_status": "vastgesteld",
        "household_id": f"h-{member}",
        "municipality_code": "GM0200",
        "member_id": member,
        "product_code": "07A03",
        "start": start,
        "end": end,
        "form": "zin",
        "volume": 60,
        "unit": "01",
        "frequency": "2",
        "pgb_budget": None,
        "provider_id": "prov-1",
        "extended_youth_care": False,
        "route": None,
        "own_provider_id": None,
        "birth_date": None,
        **kw,
    }
    return MonitorAllocation(**values)  # type: ignore[arg-type]


def test_flows_durations_transitions_own_providers_and_costs_from_rows() -> None:
    catalogue = factories.catalogue()
    reference = load_reference()
    rows = [
        _row("a", date(2026, 7, 1), date(2027, 6, 30)),  # running, ends in the year
        _row("b", date(2027, 3, 1), date(2028, 2, 29), plan_status="afgesloten"),  # starts in the year
        _row("c", date(2027, 2, 1), date(2027, 4, 30), plan_status="afgesloten"),  # both, plan closed
        _row("d", date(2025, 1, 1), date(2025, 12, 31)),  # before the year: not counted
        _row("e", date(2027, 1, 1), date(2027, 12, 31), own_provider_id="prov-1"),  # kept
        _row("f", date(2027, 1, 1), date(2027, 12, 31), own_provider_id="prov-2", route="overbrugging"),
        _row("g", date(2027, 1, 1), date(2027, 12, 31), own_provider_id="prov-2"),  # substituted
        # turns 18 on 2027-05-10: youth care up to the day before, then extended youth care
        _row("k", date(2027, 1, 1), date(2027, 5, 9), birth_date=date(2009, 5, 10)),
        _row(
            "k", date(2027, 5, 10), date(2027, 12, 31), birth_date=date(2009, 5, 10), extended_youth_care=True
        ),
        # turns 18 on 2027-08-01 and nothing follows
        _row("m", date(2027, 1, 1), date(2027, 7, 31), birth_date=date(2009, 8, 1)),
    ]
    data = MonitorData(
        rows,
        plans=[PlanGroup("GM0200", date(2027, 1, 1), 12, 2), PlanGroup("GM0200", date(2025, 1, 1), 12, 9)],
        cells=[CellGroup("GM0200", date(2027, 1, 1), 12, "opvoeden", "midden", 2)],
        reassessed={"GM0200": 1},
        results={("GM0200", "volledig"): 2, ("GM0200", None): 1},
        new_households={"GM0200": 3},
    )
    report = compute(data, YEAR, catalogue, reference.cell_prices, reference.terms.adult_age)
    flow = report.region.flow
    assert (flow.running, flow.started, flow.ended) == (9, 8, 8)  # "d" is left out; "b" ends later
    assert (flow.ended_closed, flow.ended_period) == (1, 7)
    assert flow.households == 8 and flow.new_households == 3
    assert report.municipalities[0].flow.running == 9  # the one municipality is the region
    t = report.region.transitions
    assert (t.turning_adult, t.extended_youth_care, t.continued_wmo, t.stopped) == (2, 1, 0, 1)
    o = report.region.own_providers
    assert (o.with_own_provider, o.kept, o.route_used, o.substituted) == (3, 1, 1, 1)
    r = report.region.reassessments
    assert r.plans == 1 and r.results["volledig"] == 2 and r.not_recorded == 1
    # the matrix budget: two plans in force all year, the opvoeden column's midden price per month
    price = reference.cell_prices.price("opvoeden", factories.Distance.MEDIUM)
    assert report.region.costs.plans == 2 and report.region.costs.budget == price * 12 * 2
    # cost of "a" (60 minutes a week, 1.085 per minute): half of its year falls in 2027
    assert report.region.costs.allocations > 0
    assert [m.started for m in report.months][:5] == [5, 1, 1, 0, 1] and len(report.months) == 12
    assert b"GM0200" not in csv_bytes(report) and "h-a" not in csv_bytes(report).decode()
