"""The continuity-route registry: complete for every route, refused when incomplete, and the one
source of the letter's sentence, the allocation's fields and the dialog's checks."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from planner.allocations import RouteInput, route_changes
from planner.continuity import ContinuityRoute, Deliverer, Need, letter_paragraph
from planner.documents.common import Professional
from planner.documents.letter_content import build_letters
from planner.dutch import date_words
from planner.model import Continuity, Form
from planner.providers import provider_name
from planner.reference import ReferenceDataError, load_reference_from
from planner.rules.continuity import continuity_findings
from tests.planner import factories as f


@pytest.fixture(scope="module")
def ref():
    return f.reference()


def test_every_route_is_registered_once_in_the_dialog_order(ref) -> None:
    routes = ref.continuity_routes
    assert [s.route for s in routes] == list(ContinuityRoute)
    assert all(s.label and s.undo and s.letter_text in ref.texts for s in routes)
    assert routes[ContinuityRoute.BRIDGING].needs == (Need.UNTIL,)
    assert routes[ContinuityRoute.PGB].deliverer is Deliverer.CLIENT and routes[ContinuityRoute.PGB].pgb


def _copy_resources(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    with resources.as_file(resources.files("resources")) as src:
        shutil.copytree(src, root, ignore=shutil.ignore_patterns("__pycache__", "demo", "fonts"))
    return root


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('until_ends = { code = "allocation.bridging_ends"', 'until_endz = { code = "x"', "until_endz"),
        ('deliverer = { code = "continuity.subcontracting_other_provider"', 'x = { code = "y"', "x"),
        ('code = "pgb"\n', 'code = "lening"\n', "lening"),
        ('letter_text = "letter.own_provider_pgb"', 'letter_text = "letter.gibt_es_nicht"', "gibt_es_nicht"),
    ],
)
def test_an_incomplete_route_is_refused_on_load(tmp_path: Path, old: str, new: str, problem: str) -> None:
    root = _copy_resources(tmp_path)
    path = root / "continuity_routes.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"continuity_routes\.toml") as e:
        load_reference_from(root)
    assert problem in str(e.value)


def _own_provider_case():
    hh, cat = f.household(), f.catalogue()
    daan = hh.member("m-daan")
    daan.own_provider_id = f.OUDE_HOEVE
    plan = f.plan()
    alloc = next(a for a in plan.allocations if a.id == "a-daan-wmo")
    return hh, cat, plan, daan, alloc


@pytest.mark.parametrize("route", list(ContinuityRoute))
def test_route_changes_give_a_complete_route_and_the_letter_says_it(ref, route: ContinuityRoute) -> None:
    hh, cat, plan, daan, alloc = _own_provider_case()
    given = RouteInput(
        route,
        until=date(2027, 12, 31),
        main_provider_id=f.BRUG,
        other_provider_id=f.BRUG,
        reason="De Brug heeft plek en kent de school.",
        consent=True,
    )
    changes = route_changes(alloc, f.OUDE_HOEVE, given, ref.continuity_routes)
    spec = ref.continuity_routes[route]
    assert changes["form"] is (Form.PGB if spec.pgb else Form.IN_KIND)
    for name, value in changes.items():
        setattr(alloc, name, value)
    if alloc.form is Form.PGB:
        alloc.pgb_budget = None
    assert [x for x in continuity_findings(alloc, daan, cat, hh, choosing=True) if x.is_error] == []
    # The letter's sentence about the own provider is the route's text from the registry.
    # (The factories' municipality has no letterhead; the sentence does not depend on it.)
    real = dataclasses.replace(hh, municipality_code=ref.municipalities[0].code)
    letters = build_letters(real, plan, cat, ref, date(2027, 1, 25), Professional("S. de Boer"), f.TODAY)
    # Daan's letters (his Jeugdwet part to his parents, a Wmo part to himself): the one deciding alloc.
    (decision,) = [
        d for x in letters if x.about_member == daan.full_name for d in x.decisions if d.start == alloc.start
    ]
    expected = letter_paragraph(
        ref.continuity_routes, alloc, lambda pid: provider_name(pid, cat), ref.text, date_words
    )
    assert expected and decision.own_provider_text == expected


def test_choosing_asks_for_the_other_provider_the_plan_rules_report_otherwise(ref) -> None:
    hh, cat, _plan, daan, alloc = _own_provider_case()
    alloc.provider_id = None
    alloc.continuity = Continuity(
        ContinuityRoute.OTHER_PROVIDER, f.OUDE_HOEVE, reason="x", client_consent=True
    )
    assert continuity_findings(alloc, daan, cat, hh) == []
    (x,) = continuity_findings(alloc, daan, cat, hh, choosing=True)
    assert x.code == "continuity.no_other_provider" and x.message == "Kies de andere aanbieder met contract."
