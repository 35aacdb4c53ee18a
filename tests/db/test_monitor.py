"""The regional monitor on a stored region, on both engines: its figures agree with direct SQL
counts, and its reports hold no BSN or name and no count below five."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from db.database import Database
from db.demo_loader import load_demo
from planner.model import Household, Plan
from planner.monitor.compute import MonitorReport
from planner.monitor.pdf import monitor_pdf
from planner.monitor.privacy import HIDDEN
from planner.monitor.rows import Period
from planner.monitor.table import csv_bytes
from planner.reference import load_reference
from planner.services.monitor import UnknownMunicipalityError, monitor
from tests.monitor_data import YEAR, monitor_households

PERIOD = Period(*YEAR)
_IN_FORCE = "p.status IN ('vastgesteld', 'afgesloten')"
_JOINS = "FROM allocations a JOIN plans p ON p.id = a.plan_id JOIN households h ON h.id = p.household_id"


def _filled(db: Database, n: int = 240) -> list[tuple[Household, list[Plan]]]:
    load_demo(db, today=date(2026, 1, 15))
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    areas = [a.code for a in load_reference().life_areas]
    made = list(monitor_households(n, catalogue, areas))
    with db.unit_of_work() as uow:
        uow.bulk_insert_households([h for h, _ in made], [p for _, ps in made for p in ps])
    return made


def _report(db: Database, towns: list[str] | None = None) -> MonitorReport:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    return monitor(db, catalogue, load_reference(), PERIOD, towns)


def _by_town(db: Database, sql: str) -> dict[str, int]:
    with db.engine.connect() as conn:
        rows = conn.execute(text(sql), {"start": PERIOD.start, "end": PERIOD.end}).all()
    return {str(code): int(n) for code, n in rows}


def test_monitor_figures_agree_with_direct_sql_counts(db: Database) -> None:
    _filled(db)
    report = _report(db)
    figures = {f.code: f for f in report.municipalities}

    def ours(attribute: str) -> dict[str, int]:
        return {code: getattr(f.flow, attribute) for code, f in figures.items() if getattr(f.flow, attribute)}

    group = " GROUP BY h.municipality_code"
    started = _by_town(
        db,
        f"SELECT h.municipality_code, count(*) {_JOINS} WHERE {_IN_FORCE} AND a.start BETWEEN :start AND :end"
        + group,
    )
    running = _by_town(
        db,
        f"SELECT h.municipality_code, count(*) {_JOINS} "
        f'WHERE {_IN_FORCE} AND a.start <= :end AND a."end" >= :start' + group,
    )
    ended = _by_town(
        db,
        f'SELECT h.municipality_code, count(*) {_JOINS} WHERE {_IN_FORCE} AND a."end" BETWEEN :start AND :end'
        + group,
    )
    households = _by_town(
        db,
        f"SELECT h.municipality_code, count(DISTINCT p.household_id) {_JOINS} "
        f'WHERE {_IN_FORCE} AND a.start <= :end AND a."end" >= :start' + group,
    )
    new = _by_town(
        db,
        "SELECT municipality_code, count(*) FROM"
        " (SELECT h.municipality_code, p.household_id, min(p.start) AS first"
        f" FROM plans p JOIN households h ON h.id = p.household_id WHERE {_IN_FORCE}"
        " GROUP BY h.municipality_code, p.household_id) f WHERE f.first BETWEEN :start AND :end"
        " GROUP BY municipality_code",
    )
    with_own = _by_town(
        db,
        f"SELECT h.municipality_code, count(*) {_JOINS} JOIN members m ON m.id = a.member_id "
        f'WHERE {_IN_FORCE} AND a.start <= :end AND a."end" >= :start AND m.own_provider_id IS NOT NULL'
        + group,
    )
    kept = _by_town(
        db,
        f"SELECT h.municipality_code, count(*) {_JOINS} JOIN members m ON m.id = a.member_id "
        f'WHERE {_IN_FORCE} AND a.start <= :end AND a."end" >= :start'
        " AND a.provider_id = m.own_provider_id AND a.continuity IS NULL" + group,
    )
    reassessed = _by_town(
        db,
        "SELECT h.municipality_code, count(*) FROM plans p JOIN households h ON h.id = p.household_id"
        f" WHERE {_IN_FORCE} AND p.previous_plan_id IS NOT NULL"
        " AND COALESCE(p.decided_on, p.start) BETWEEN :start AND :end" + group,
    )
    assert started and running and ended and households and new  # the data reaches every figure
    assert with_own and kept and reassessed
    assert {
        c: f.own_providers.with_own_provider for c, f in figures.items() if f.own_providers.with_own_provider
    } == (with_own)
    assert {c: f.own_providers.kept for c, f in figures.items() if f.own_providers.kept} == kept
    assert {c: f.reassessments.plans for c, f in figures.items() if f.reassessments.plans} == reassessed
    assert ours("started") == started
    assert ours("running") == running
    assert ours("ended") == ended
    assert ours("households") == households
    assert ours("new_households") == new
    assert report.region.flow.running == sum(running.values())
    for f in report.municipalities:  # the segments add up to the municipality
        assert sum(s.running for s in f.by_segment.values()) == f.flow.running
        assert f.flow.ended == f.flow.ended_closed + f.flow.ended_period
    region = report.region
    assert region.reassessments.plans > 0 and sum(region.reassessments.results.values()) > 0
    t = region.transitions
    assert t.turning_adult == t.extended_youth_care + t.continued_wmo + t.stopped > 0
    assert min(t.extended_youth_care, t.continued_wmo, t.stopped) > 0
    o = region.own_providers
    assert (
        o.with_own_provider == o.kept + o.route_used + o.substituted
        and min(o.kept, o.route_used, o.substituted) > 0
    )
    assert region.costs.allocations > 0 and region.costs.budget > 0
    assert sum(m.started for m in report.months) == region.flow.started
    assert sum(m.ended for m in report.months) == region.flow.ended
    assert report.waiting and all(w.providers >= 0 for w in report.waiting)


def test_one_municipality_and_the_reports_hide_names_bsns_and_small_counts(db: Database) -> None:
    made = _filled(db, n=24)  # three households per municipality: most counts are small
    town = made[0][0].municipality_code
    report = _report(db, [town])
    assert [f.code for f in report.municipalities] == [town]
    csv = csv_bytes(report).decode("utf-8-sig")
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(monitor_pdf(report))).pages)
    assert HIDDEN in csv and HIDDEN in pdf
    for household, _plans in made:
        for member in household.members:
            for secret in (member.surname, household.case_number, household.id, member.id):
                assert secret not in csv and secret not in pdf
    for line in csv.splitlines()[2:]:
        value = line.rsplit(";", 1)[1]
        if value.isdigit():
            assert int(value) == 0 or int(value) >= 5 or line.startswith("wachttijd"), line
    with pytest.raises(UnknownMunicipalityError, match="GM9999 staat niet in de catalogus"):
        _report(db, ["GM9999"])
