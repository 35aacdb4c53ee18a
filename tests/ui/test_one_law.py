"""One law per allocation, everywhere: in the findings, the costs, the concept letter and on screen.

Each test is one of the cases where the three former definitions of "the law of an allocation"
disagreed (issue 8): the rules raised `allocation.law_mismatch` on an allocation that the costs
treated as Jeugdwet, or a concept letter printed a Jeugdwet-only product as "(Wmo 2015)" with the
Wmo legal ground and a CAK paragraph. Real database, real widgets, the real letter PDF read back.
"""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from db.database import Database
from planner import money
from planner.deciding import decide_plan
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.letter_content import build_letters
from planner.model import Allocation, Frequency, Household, Plan, Unit
from planner.reference import Reference
from tests.ui.support_setup import BRUG, DAAN_BIRTH, PLAN_START, TODAY, YOUTH, catalogue, jansen
from ui.session import HouseholdSession
from ui.support.support_tab import SupportTab

PROFESSIONAL = Professional("Sanne de Boer", role="Jeugdconsulent")
SENT = date(2027, 1, 25)
LAW_CODES = {"allocation.law_mismatch", "allocation.wmo_minor", "allocation.youth_care_adult"}


def _youth_allocation(daan_id: str, start: date, end: date, **kw: object) -> Allocation:
    """Begeleiding individueel basis (45A01, Jeugdwet only) from De Brug, which holds a contract."""
    return Allocation(
        daan_id,
        YOUTH,
        start,
        end,
        180,
        Unit.MINUTE,
        Frequency.PER_WEEK,
        provider_id=BRUG,
        life_area="geestelijke_gezondheid",
        **kw,  # type: ignore[arg-type]
    )


def _open(db: Database, reference: Reference, household: Household, plan: Plan) -> HouseholdSession:
    with db.unit_of_work() as uow:
        uow.catalogue.replace(catalogue(reference))
        uow.households.save(household)
        uow.plans.save(plan)
    with db.unit_of_work() as uow:
        cat = uow.catalogue.load()
    return HouseholdSession.open(db, reference, cat, TODAY, household.id)


def _text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _assert_jeugdwet_everywhere(
    qtbot, db: Database, reference: Reference, allocation: Allocation
) -> tuple[HouseholdSession, str]:
    """The allocation is Jeugdwet in the findings, the costs, the concept letter and the support tab.

    Returns the session and the codes of the findings on it, for the case's own assertions."""
    household, plan = jansen()
    daan = next(m for m in household.members if m.given_names == "Daan")
    allocation.member_id = daan.id
    plan.allocations = [allocation]
    session = _open(db, reference, household, plan)
    household, plan, cat = session.household, session.plan, session.catalogue
    a = plan.allocations[0]

    # Findings: nothing says the product's law and the member's law differ.
    found = [f for f in session.findings() if f.subject_id == a.id]
    assert not {f.code for f in found} & LAW_CODES, [(f.code, f.message) for f in found]

    # Costs: Jeugdwet support has no own contribution (no Wmo client in the household).
    outcome = money.own_contribution(household, plan, reference, plan.start)
    assert not outcome.applies and "geen Wmo-ondersteuning" in outcome.reason

    # The concept letter: Jeugdwet in the data and on paper, no Wmo ground, no CAK paragraph.
    (letter,) = build_letters(household, plan, cat, reference, SENT, PROFESSIONAL, TODAY)
    assert [d.law for d in letter.decisions] == ["Jeugdwet"]
    assert reference.text("letter.legal_grounds_jeugdwet") in letter.motivation.paragraphs
    assert reference.text("letter.legal_grounds_wmo") not in letter.motivation.paragraphs
    assert letter.contribution.paragraphs == (reference.text("letter.own_contribution_jeugdwet"),)
    text = _text_of(render_letter(letter))
    assert "CONCEPT" in text
    assert "(Wmo 2015)" not in text and "Wet maatschappelijke ondersteuning" not in text
    assert "CAK" not in text and "Jeugdwet (artikel 2.3)" in text

    # On screen: the tree, the editor's title and the cost table of the support tab.
    tab = SupportTab(session)
    qtbot.addWidget(tab)
    tab.select_allocation(a.id)
    item = tab._find(a.id)
    assert item is not None and item.text(0).startswith("[Jeugdwet] ")
    assert tab.editor.title.text().endswith("· Jeugdwet")
    assert tab.money.table.item(0, 1).text().endswith("(Jeugdwet)")
    assert "geen Wmo-ondersteuning" in tab.money.summary_text()
    return session, " ".join(sorted(f.code for f in found))


def test_an_unsplit_allocation_across_the_18th_birthday_is_jeugdwet_until_split(
    qtbot, db: Database, reference: Reference
) -> None:
    # Daan turns 18 on 10 June 2027; the allocation runs the whole plan year and is not split yet.
    a = _youth_allocation("", PLAN_START, date(2028, 1, 31))
    _session, codes = _assert_jeugdwet_everywhere(qtbot, db, reference, a)
    assert "allocation.past_18" in codes  # the rules ask for the split, and the banner offers it


def test_extended_youth_care_starting_after_18_is_jeugdwet(qtbot, db: Database, reference: Reference) -> None:
    assert date(2009, 6, 10) == DAAN_BIRTH
    a = _youth_allocation(
        "",
        date(2027, 7, 1),
        date(2028, 1, 31),
        extended_youth_care=True,
        extended_youth_care_reason="Daan zit midden in zijn behandeling; wisselen zou die onderbreken.",
    )
    _session, codes = _assert_jeugdwet_everywhere(qtbot, db, reference, a)
    assert "allocation.past_18" not in codes and "allocation.extended_no_reason" not in codes


def test_a_refused_concept_with_a_jeugdwet_only_product_prints_no_wmo(
    qtbot, db: Database, reference: Reference
) -> None:
    a = _youth_allocation("", PLAN_START, date(2028, 1, 31))
    s, _codes = _assert_jeugdwet_everywhere(qtbot, db, reference, a)
    # Deciding is refused while the split is open, so the letter checked above stays a concept.
    outcome = decide_plan(s.household, s.plans, s.plan, s.catalogue, reference, SENT, PROFESSIONAL, TODAY)
    assert outcome.bundle is None and "allocation.past_18" in {f.code for f in outcome.errors}
    assert not {f.code for f in outcome.findings} & LAW_CODES
