"""Implausible dates become findings: through check_household, as the panel and deciding see them."""

from __future__ import annotations

from datetime import date

import pytest

from planner.findings import Severity
from planner.model import PlanStatus
from planner.plausibility import MAX_AGE_YEARS, check_dates
from planner.rules import check_household
from tests.planner import factories as f


@pytest.fixture(scope="module")
def ref():
    return f.reference()


def findings(ref, household=None, plan=None):
    return check_household(household or f.household(), [plan or f.plan()], f.catalogue(), ref, f.TODAY)


def test_a_birth_more_than_110_years_ago_is_a_warning_naming_the_member(ref):
    hh = f.household()
    hh.members[0].birth_date = date(1900, 1, 2)  # what an arrow-up on an empty field used to give
    found = [x for x in findings(ref, hh) if x.code == "member.birth_implausible"]
    assert len(found) == 1
    assert found[0].severity is Severity.WARNING
    assert found[0].subject_kind == "member" and found[0].subject_id == "m-petra"
    assert "Petra Jansen" in found[0].message and "2 januari 1900" in found[0].message
    assert f"{MAX_AGE_YEARS} jaar" in found[0].message


def test_exactly_110_years_is_still_plausible(ref):
    hh = f.household()
    hh.members[0].birth_date = f.TODAY.replace(year=f.TODAY.year - MAX_AGE_YEARS)
    assert check_dates(hh, [], f.TODAY) == []
    hh.members[0].birth_date = hh.members[0].birth_date.replace(day=hh.members[0].birth_date.day - 1)
    assert [x.code for x in check_dates(hh, [], f.TODAY)] == ["member.birth_implausible"]


@pytest.mark.parametrize(
    ("field", "code"),
    [("report_date", "plan.report_in_future"), ("application_date", "plan.application_in_future")],
)
def test_a_report_or_application_in_the_future_is_an_error(ref, field, code):
    plan = f.plan(**{field: date(2027, 1, 6)})  # the day after TODAY
    found = [x for x in findings(ref, plan=plan) if x.code == code]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert found[0].subject_kind == "plan" and "6 januari 2027" in found[0].message
    assert "toekomst" in found[0].message


def test_today_is_not_the_future_and_decided_plans_are_history(ref):
    assert check_dates(f.household(), [f.plan(report_date=f.TODAY, application_date=f.TODAY)], f.TODAY) == []
    decided = f.plan(report_date=date(2030, 1, 1), status=PlanStatus.DECIDED)
    assert check_dates(f.household(), [decided], f.TODAY) == []
