"""Request and outcome (domain.md §6): the rules, the letter and plan document read back with pypdf,
the frozen decision round-tripping the new fields, and an older stored bundle still decoding."""

from __future__ import annotations

import dataclasses
import json
from datetime import date

import pytest

from planner import money
from planner.deciding import DecisionBundle, decide_plan
from planner.demo import build_demo_region
from planner.documents.letter import render_letter
from planner.documents.plan_document import render_plan_document
from planner.model import Allocation, Frequency, HoursLine, LineKind, Outcome, Unit
from planner.reference import Reference, load_reference
from planner.rules.outcome import outcome_findings
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY, text_of

START, END = date(2027, 2, 1), date(2028, 1, 31)


def _a(start: date = START, end: date = END, **kw: object) -> Allocation:
    return Allocation("m", "01A01", start, end, 150, Unit.MINUTE, Frequency.PER_WEEK, **kw)  # type: ignore[arg-type]


def _codes(a: Allocation) -> set[str]:
    return {f.code for f in outcome_findings(a, "Hulp bij het huishouden")}


def _errors(a: Allocation) -> set[str]:
    return {f.code for f in outcome_findings(a, "Hulp") if f.is_error}


# --- rules ------------------------------------------------------------------------------------


def test_a_grant_as_asked_has_no_outcome_findings() -> None:
    assert _codes(_a()) == set()  # the defaults: every plan recorded before outcomes existed


@pytest.mark.parametrize("outcome", [Outcome.PARTLY, Outcome.REFUSED])
def test_a_partial_grant_or_refusal_needs_its_motivation_before_deciding(outcome: Outcome) -> None:
    a = _a(outcome=outcome, requested_volume=240)
    assert "outcome.motivation_missing" in _errors(a)
    assert "outcome.motivation_missing" not in _codes(dataclasses.replace(a, motivation="Omdat ..."))
    assert "outcome.motivation_missing" not in _codes(dataclasses.replace(a, outcome=Outcome.GRANTED))


def test_a_partial_grant_gives_less_than_asked_never_as_much_or_more() -> None:
    ok = _a(outcome=Outcome.PARTLY, requested_volume=240, motivation="Normtijd.")
    assert _codes(ok) == set()
    assert "outcome.partly_not_less" in _errors(dataclasses.replace(ok, requested_volume=None))
    assert "outcome.partly_not_less" in _errors(dataclasses.replace(ok, requested_volume=150))
    assert "outcome.partly_more_than_asked" in _errors(dataclasses.replace(ok, requested_volume=120))
    # a shorter period than asked is a partial grant too; a longer one is more than asked
    shorter = dataclasses.replace(ok, requested_volume=None, requested_end=date(2028, 7, 31))
    assert _codes(shorter) == set()
    longer = dataclasses.replace(ok, requested_volume=None, requested_end=date(2027, 7, 31))
    assert "outcome.partly_more_than_asked" in _errors(longer)


def test_a_refusal_carries_no_hours_and_no_budget() -> None:
    refused = _a(outcome=Outcome.REFUSED, motivation="Het netwerk helpt al.")
    assert _codes(refused) == set()
    line = HoursLine(LineKind.FREE, "Schoonmaken", 150, reason="nodig")
    assert "outcome.refused_with_hours" in _errors(dataclasses.replace(refused, hours_lines=[line]))
    assert "outcome.refused_with_budget" in _errors(dataclasses.replace(refused, pgb_budget=100))


def test_a_grant_that_differs_from_the_request_is_a_warning() -> None:
    assert "outcome.granted_less_than_asked" in _codes(_a(requested_volume=240))
    assert "outcome.granted_more_than_asked" in _codes(_a(requested_volume=60))
    assert not _errors(_a(requested_volume=240))
    assert "outcome.requested_period_invalid" in _errors(_a(requested_start=END, requested_end=START))
    assert "outcome.requested_volume_not_positive" in _errors(_a(requested_volume=-1))


# --- the showcases, decided, printed and read back --------------------------------------------


@pytest.fixture(scope="module")
def reference() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def bundles(reference: Reference) -> dict[str, DecisionBundle]:
    region = build_demo_region(reference, TODAY)
    out = {}
    for case in ("DEMO-0011", "DEMO-0012"):
        household, plans = next((h, p) for h, p in region.showcase if h.case_number == case)
        args = (household, plans, plans[-1], region.catalogue, reference, SENT, PROFESSIONAL, TODAY)
        outcome = decide_plan(*args, decide_plan(*args).warnings)
        assert outcome.bundle is not None and outcome.plan is not None, [f.code for f in outcome.findings]
        out[case] = outcome.bundle
        costs = money.plan_costs(outcome.plan, region.catalogue.products)
        if case == "DEMO-0012":
            assert costs.total == 0  # a refusal costs nothing
    return out


def test_the_partial_grant_letter_says_what_was_asked_what_is_granted_and_why(bundles) -> None:
    (letter,) = bundles["DEMO-0011"].letters
    (d,) = letter.decisions
    assert d.outcome is Outcome.PARTLY
    text = text_of(render_letter(letter, invariant=True))
    assert "In uw aanvraag vroeg u om: hulp bij het huishouden, 300 minuten per week" in text
    assert "Hulp bij het huishouden (Wmo 2015): gedeeltelijk toegekend" in text
    assert (
        "U vroeg om 300 minuten per week. Wij kennen 155 minuten per week toe. Dat is minder dan u vroeg."
        in text
    )
    assert "155 minuten per week, dat is 2 uur en 35 minuten per week" in text
    assert "Dit is de reden: Volgens de vaste tijden van de gemeente" in text
    assert "artikel 2.3.5, derde lid, van de Wmo 2015" in text
    assert "bezwaar" in text


def test_the_refusal_letter_refuses_with_motivation_and_legal_ground_and_grants_nothing(bundles) -> None:
    (letter,) = bundles["DEMO-0012"].letters
    text = text_of(render_letter(letter, invariant=True))
    assert "Begeleiding individueel (Wmo 2015): afgewezen" in text
    assert "Wij wijzen uw aanvraag voor begeleiding bij de administratie af." in text
    assert "In uw aanvraag vroeg u om: begeleiding bij de administratie, 240 minuten per week" in text
    assert "Dit is de reden: Wat u nodig hebt, is hulp bij uw post" in text
    assert "Wettelijke grond artikel 2.3.5, derde lid, van de Wmo 2015" in text
    assert "Dat staat in artikel 2.3.5, derde lid, van de Wmo 2015." in text
    # nothing granted: no amount, total, cost, provider, own contribution; still an objection clause
    for absent in (
        "Kosten voor de gemeente",
        "Totaal over de periode",
        "Zorgaanbieder",
        "CAK",
        "U krijgt begeleiding",
        "waar de ondersteuning aan werkt",
    ):
        assert absent not in text, absent
    assert "wie daaraan werkt zonder ondersteuning van de gemeente" in text
    assert "De laatste dag om bezwaar te maken is" in text


def test_the_plan_document_shows_the_outcome_and_what_was_asked(bundles) -> None:
    partly = text_of(render_plan_document(bundles["DEMO-0011"].plan_document, invariant=True))
    assert "Hulp bij het huishouden: gedeeltelijk toegekend" in partly
    assert "Gevraagd: hulp bij het huishouden, 300 minuten per week" in partly
    refused = text_of(render_plan_document(bundles["DEMO-0012"].plan_document, invariant=True))
    assert "Begeleiding individueel: afgewezen" in refused and "Niets. Gevraagd:" in refused


def test_a_decided_bundle_round_trips_request_and_outcome(bundles) -> None:
    for bundle in bundles.values():
        again = DecisionBundle.from_json(bundle.to_json())
        assert again == bundle
    d = DecisionBundle.from_json(bundles["DEMO-0012"].to_json()).letters[0].decisions[0]
    assert d.outcome is Outcome.REFUSED and d.legal_ground and d.request_words and d.outcome_words
    row = bundles["DEMO-0011"].plan_document.support[0].rows[0]
    assert row.outcome is Outcome.PARTLY and "300 minuten" in row.requested


def test_an_older_stored_bundle_without_the_new_fields_still_decodes(bundles) -> None:
    raw = json.loads(bundles["DEMO-0011"].to_json())
    for letter in raw["letters"]:
        for d in letter["decisions"]:
            for name in ("request_words", "outcome_words", "legal_ground"):
                del d[name]
            d["outcome"] = "toegekend"
    for member in raw["plan_document"]["support"]:
        for row in member["rows"]:
            del row["outcome"], row["requested"]
    old = DecisionBundle.from_json(json.dumps(raw))
    d = old.letters[0].decisions[0]
    assert (d.outcome, d.request_words, d.outcome_words, d.legal_ground) == (Outcome.GRANTED, "", "", "")
    assert old.plan_document.support[0].rows[0].outcome is Outcome.GRANTED
    assert text_of(render_letter(old.letters[0], invariant=True))  # and it still prints


def test_the_parts_of_a_split_answer_their_share_of_the_asked_period() -> None:
    from planner.model import Law

    birthday = date(2027, 6, 10)
    asked = {"requested_start": START, "requested_end": END}
    youth = _a(end=birthday.replace(day=9), law=Law.JEUGDWET, **asked)
    adult = _a(start=birthday, law=Law.WMO, **asked)
    assert _codes(youth) == set() and _codes(adult) == set()
    # a whole-period allocation ending at the birthday does shorten what was asked
    assert "outcome.granted_less_than_asked" in _codes(_a(end=birthday.replace(day=9), **asked))
