"""What a court, an ombudsman or a family would object to in a letter, one test per defect (issue 10).

Built from the demo's Jansen household (domain.md §8) with the real catalogue and reference data,
rendered for real and read back with pypdf: the law per part, the subject, the addressee and the
payer follow the decision; the own contribution follows own_contribution.toml per year; dagdelen
are said with their hours; and each wording defect the issue lists is gone.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.adulthood import split_member_allocations
from planner.catalogue import Catalogue
from planner.demo import build_demo_region
from planner.documents.common import Professional, sentence
from planner.documents.letter import render_letter
from planner.documents.letter_content import build_letters
from planner.documents.plan_content import build_plan_document
from planner.documents.snapshots import LetterSnapshot
from planner.model import (
    Allocation,
    Continuity,
    ContinuityRoute,
    Form,
    Frequency,
    HoursLine,
    Household,
    LineKind,
    Member,
    Plan,
    PlanStatus,
    Role,
    Unit,
)
from planner.postcode import normalise_postcode
from planner.reference import Reference, load_reference
from tests.planner.showcase_documents import page_count, text_of

TODAY = date(2027, 1, 20)  # the demo's plans start on Monday 1 February 2027
SENT = date(2027, 1, 25)
AFTER_BIRTHDAY = date(2027, 6, 15)  # Daan (born 1 June 2009) is 18 by then
PROFESSIONAL = Professional("Sanne de Boer", role="Wmo-consulent")


@dataclasses.dataclass
class Case:
    household: Household
    plan: Plan
    catalogue: Catalogue
    mother: Member
    daan: Member

    def allocation_of(self, member: Member) -> Allocation:
        return next(a for a in self.plan.allocations if a.member_id == member.id)

    def give_daan_an_adaptation(self, **changes: object) -> None:
        """Daan's support becomes one home adaptation (Wmo, also for a child), with `changes`."""
        support = self.allocation_of(self.daan)  # Daan is 17 when this starts
        adaptation = dataclasses.replace(
            support,
            product_code="08B01",  # woningaanpassing: Wmo, also for a child
            volume=2500,
            unit=Unit.EURO,
            frequency=Frequency.TOTAL,
            hours_lines=[],
            continuity=None,
            law=None,
            **changes,
        )
        self.plan.allocations = [adaptation]

    def split(self, ref: Reference) -> None:
        self.plan = split_member_allocations(self.plan, self.daan, self.catalogue, ref)

    def letters(
        self, ref: Reference, sent: date = SENT, professional: Professional = PROFESSIONAL
    ) -> list[LetterSnapshot]:
        return build_letters(self.household, self.plan, self.catalogue, ref, sent, professional, TODAY)

    def daans(self, ref: Reference, sent: date = SENT) -> list[LetterSnapshot]:
        return [x for x in self.letters(ref, sent) if x.about_member == self.daan.full_name]


@pytest.fixture(scope="module")
def ref() -> Reference:
    return load_reference()


@pytest.fixture(scope="module")
def region(ref: Reference):
    return build_demo_region(ref, TODAY)


@pytest.fixture
def jansen(region) -> Case:
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    household = copy.deepcopy(household)
    plan = copy.deepcopy(next(p for p in plans if p.status is PlanStatus.CONCEPT))
    mother, daan = household.members
    assert daan.birth_date == date(2009, 6, 1)
    return Case(household, plan, region.catalogue, mother, daan)


def pdf_text(letter: LetterSnapshot) -> str:
    return text_of(render_letter(letter))


def provider_other_than(case: Case, provider_id: str | None) -> str:
    return next(p for p in sorted(case.catalogue.providers) if p != provider_id)


# --- item 1: law, subject, addressee and payer follow the decision ------------------------------


def test_wmo_only_letter_for_someone_turning_18_on_the_start_date_is_a_wmo_letter_to_him(
    jansen: Case, ref: Reference
) -> None:
    jansen.daan.birth_date = date(2009, 2, 1)  # 18 on the plan's start, after the sending date
    support = jansen.allocation_of(jansen.daan)
    support.product_code, support.continuity = "02A01", None  # begeleiding individueel (Wmo only)
    (letter,) = jansen.daans(ref)
    text = pdf_text(letter)
    assert letter.addressee.name == "D. Jansen"  # the adult it is for, not his mother
    assert "Onderwerp: Besluit over uw aanvraag voor ondersteuning (Wmo 2015)" in text
    assert "jeugdhulp voor" not in text and "(Jeugdwet)" not in text
    assert "(Wmo 2015): toegekend" in text and "U krijgt begeleiding individueel" in text
    assert "U wordt op 1 februari 2027 18 jaar." in text
    assert "Deze brief gaat over" not in text and "M. Jansen" not in text


def test_wmo_provision_for_a_child_goes_to_the_parent(jansen: Case, ref: Reference) -> None:
    jansen.give_daan_an_adaptation()
    (letter,) = jansen.daans(ref)
    assert letter.addressee.name == "M. Jansen"
    assert "Deze brief gaat over Daan Jansen." in pdf_text(letter)


def test_split_gives_the_jeugdwet_part_to_the_parent_and_the_wmo_part_to_the_young_adult(
    jansen: Case, ref: Reference
) -> None:
    jansen.split(ref)
    youth, adult = jansen.daans(ref)
    youth_text, adult_text = pdf_text(youth), pdf_text(adult)
    # Law per part, on paper.
    assert "(Jeugdwet): toegekend" in youth_text and "(Wmo 2015): toegekend" not in youth_text
    assert "(Wmo 2015): toegekend" in adult_text and "(Jeugdwet): toegekend" not in adult_text
    # Subject and addressee per letter.
    assert "Onderwerp: Besluit over jeugdhulp voor Daan Jansen" in youth_text
    assert youth.addressee.name == "M. Jansen" and "Geachte mevrouw Jansen" in youth_text
    assert "Onderwerp: Besluit over uw aanvraag voor ondersteuning (Wmo 2015)" in adult_text
    assert adult.addressee.name == "D. Jansen" and "D. Jansen" in adult_text
    # Legal grounds per letter: the Wmo ground never in the Jeugdwet letter.
    assert "Jeugdwet (artikel 2.3)" in youth_text and "Wet maatschappelijke ondersteuning" not in youth_text
    assert (
        "Wet maatschappelijke ondersteuning 2015" in adult_text and "Jeugdwet (artikel 2.3)" not in adult_text
    )


def test_own_contribution_speaks_to_the_adult_who_pays_never_to_his_parent(
    jansen: Case, ref: Reference
) -> None:
    jansen.split(ref)
    youth, adult = jansen.daans(ref)
    youth_text = pdf_text(youth)
    assert youth.contribution.paragraphs == (ref.text("letter.own_contribution_jeugdwet"),)
    assert "CAK" not in youth_text and "betaalt u een eigen bijdrage" not in youth_text
    # The Wmo part's letter is addressed to Daan, and its contribution paragraph speaks to him.
    (paragraph,) = adult.contribution.paragraphs
    assert adult.addressee.name == "D. Jansen"
    assert "Voor uw ondersteuning onder de Wmo 2015 betaalt u een eigen bijdrage" in paragraph
    assert "Het CAK stuurt u daarvoor de rekening" in pdf_text(adult)
    assert "Voor deze ondersteuning" not in paragraph  # never an unclear "deze"


def test_young_adults_contribution_is_his_own_not_his_parents_partner_exemption(
    jansen: Case, ref: Reference
) -> None:
    # Marieke lives with a partner below state-pension age: her own Wmo support has no contribution.
    partner = Member("Kees", "Jansen", date(1978, 3, 3), Role.PARTNER, initials="K.")
    jansen.household.members.append(partner)
    jansen.split(ref)
    letters = jansen.letters(ref)
    mother = next(x for x in letters if x.about_member == jansen.mother.full_name)
    assert mother.contribution.paragraphs == (ref.text("letter.own_contribution_partner"),)
    # Daan is not in that couple: his Wmo letter tells him that he pays, collected by the CAK.
    (adult,) = [x for x in jansen.daans(ref) if x.addressee.name == "D. Jansen"]
    (paragraph,) = adult.contribution.paragraphs
    assert "Het CAK stuurt u daarvoor de rekening" in paragraph and "partner" not in paragraph


def test_contribution_that_depends_on_an_unknown_partner_age_is_not_said_as_fact(
    jansen: Case, ref: Reference
) -> None:
    jansen.household.members.append(Member("Kees", "Jansen", None, Role.PARTNER, initials="K."))
    (paragraph,) = _household_help_starting(jansen, ref, 2025).contribution.paragraphs
    assert paragraph.startswith(
        "Of u een eigen bijdrage betaalt, hangt af van de leeftijd van u en uw partner."
    )


def test_exempt_product_names_what_is_exempt(jansen: Case, ref: Reference) -> None:
    help_ = jansen.allocation_of(jansen.mother)
    chair = dataclasses.replace(
        help_,
        product_code="08A01",
        volume=1,
        unit=Unit.PIECE_OUTPUT,
        frequency=Frequency.TOTAL,
        hours_lines=[],
    )
    jansen.plan.allocations = [chair]
    (letter,) = jansen.letters(ref)
    assert letter.contribution.paragraphs == ("Voor rolstoel in bruikleen betaalt u geen eigen bijdrage.",)


def _household_help_starting(case: Case, ref: Reference, year: int) -> LetterSnapshot:
    help_ = case.allocation_of(case.mother)
    help_.start, help_.end = date(year, 2, 1), date(year, 12, 31)
    case.plan.allocations = [help_]
    (letter,) = case.letters(ref, date(year, 1, 25))
    return letter


def test_contribution_2025_says_the_fixed_maximum_of_the_table(jansen: Case, ref: Reference) -> None:
    entry = ref.own_contribution_for(2025)
    assert entry is not None and entry.verified and not entry.income_dependent
    (paragraph,) = _household_help_starting(jansen, ref, 2025).contribution.paragraphs
    assert "In 2025 is de eigen bijdrage ten hoogste €\u00a021,00 per maand." in paragraph
    assert "vast" not in paragraph


def test_contribution_2026_without_a_figure_says_it_is_not_known(jansen: Case, ref: Reference) -> None:
    entry = ref.own_contribution_for(2026)
    assert entry is not None and entry.max_per_month is None and not entry.verified
    letter = _household_help_starting(jansen, ref, 2026)
    (paragraph,) = letter.contribution.paragraphs
    assert "Het bedrag voor 2026 is nog niet bekend" in paragraph
    assert "€" not in paragraph and "ten hoogste" not in paragraph


def test_contribution_2027_is_an_unverified_income_dependent_range_never_a_fact(
    jansen: Case, ref: Reference
) -> None:
    entry = ref.own_contribution_for(2027)
    assert entry is not None and entry.income_dependent and not entry.verified
    letter = _household_help_starting(jansen, ref, 2027)
    (paragraph,) = letter.contribution.paragraphs
    assert "afhangen van uw inkomen" in paragraph
    assert "van €\u00a023,60 tot €\u00a0328,00 per maand" in paragraph and "nog niet zeker" in paragraph
    assert "vast" not in paragraph and "ten hoogste" not in paragraph
    text = pdf_text(letter)
    assert "€ 328,00" in text and "ten hoogste € 328,00" not in text


def test_vast_and_ten_hoogste_never_together(ref: Reference) -> None:
    for key, text in ref.texts.items():
        if key.startswith("letter.own_contribution"):
            assert not ("vast" in text and "ten hoogste" in text), key


def test_pgb_paragraph_follows_the_law_jeugdwet_pgb_has_no_wmo_tariff(jansen: Case, ref: Reference) -> None:
    support = jansen.allocation_of(jansen.daan)
    support.form, support.provider_id, support.continuity = Form.PGB, None, None
    support.pgb_budget = support.pgb_budget or 5000
    (letter,) = jansen.daans(ref)
    assert letter.pgb is not None
    text = pdf_text(letter)
    assert "artikel 8.1.1 van de Jeugdwet" in text and "artikel 2.3.6 van de Wmo 2015" not in text
    assert ref.text("letter.pgb_informal_tariff", amount="€ 141,00") not in letter.pgb.paragraphs


# --- item 3: units a reader can check ----------------------------------------------------------


def test_dagdelen_are_said_with_their_hours_and_the_total_in_the_same_unit(
    jansen: Case, ref: Reference
) -> None:
    help_ = jansen.allocation_of(jansen.mother)
    day = dataclasses.replace(
        help_,
        id="dagbesteding",
        product_code="03A01",  # dagbesteding, counted in dagdelen
        volume=2,
        unit=Unit.DAYPART,
        frequency=Frequency.PER_WEEK,
        hours_lines=[
            HoursLine(LineKind.FREE, "Dagbesteding op de zorgboerderij", 450, reason="Twee ochtenden"),
            HoursLine(LineKind.NETWORK, "Haar zus neemt haar een ochtend mee", 30),
        ],
        continuity=None,
    )
    jansen.plan.allocations = [day]
    (letter,) = jansen.letters(ref)
    (d,) = letter.decisions
    assert d.amount_words == "2 dagdelen per week, dat is 8 uur per week"
    assert d.total_words == "105 dagdelen, dat is 420 uur"  # 2 × 365 ÷ 7 = 104.3 → 105, of 4 hours
    text = pdf_text(letter)
    assert "2 dagdelen per week, dat is 8 uur per week" in text
    # The hours explanation: 420 minutes converts up to 2 dagdelen (8 hours), never down.
    assert (
        "Totaal: 420 minuten per week (7 uur), naar boven afgerond 2 dagdelen per week, dat is 8 uur" in text
    )
    # The explanation of the total matches the unit.
    assert "het aantal dagdelen per week keer het aantal dagen" in text
    assert "hele dagdelen" in text and "hele minuten" not in text


def test_hours_conversion_of_a_dagdeel_product_rounds_up(jansen: Case, ref: Reference) -> None:
    help_ = jansen.allocation_of(jansen.mother)
    day = dataclasses.replace(
        help_,
        product_code="03A01",
        volume=1,
        unit=Unit.DAYPART,
        frequency=Frequency.PER_WEEK,
        hours_lines=[HoursLine(LineKind.FREE, "Dagbesteding", 241, reason="Iets meer dan een ochtend")],
    )
    jansen.plan.allocations = [day]
    (d,) = jansen.letters(ref)[0].decisions
    assert "naar boven afgerond 2 dagdelen per week, dat is 8 uur per week" in d.hours_total_words


def test_etmalen_are_said_with_their_hours(jansen: Case, ref: Reference) -> None:
    help_ = jansen.allocation_of(jansen.mother)
    stay = dataclasses.replace(
        help_, product_code="07A01", volume=2, unit=Unit.ETMAAL, frequency=Frequency.PER_WEEK, hours_lines=[]
    )
    jansen.plan.allocations = [stay]
    (d,) = jansen.letters(ref)[0].decisions
    assert d.amount_words == "2 etmalen per week, dat is 48 uur per week"


# --- item 7: wording, one test per defect --------------------------------------------------------


def test_help_carries_on_only_when_the_provider_stays(jansen: Case, ref: Reference) -> None:
    jansen.allocation_of(jansen.daan).continuity = None  # the own provider holds both contracts
    jansen.split(ref)
    same = [pdf_text(x) for x in jansen.daans(ref)]
    assert all("De hulp zelf loopt gewoon door" in t for t in same)
    # Another provider for the Wmo part: the help does not simply carry on.
    adult = next(a for a in jansen.plan.allocations if a.member_id == jansen.daan.id and a.start.month == 6)
    adult.provider_id = provider_other_than(jansen, adult.provider_id)
    assert not any("loopt gewoon door" in pdf_text(x) for x in jansen.daans(ref))


def test_help_does_not_carry_on_under_a_bridging_agreement(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)  # the demo's bridging agreement for Daan's own provider
    assert not any("loopt gewoon door" in pdf_text(x) for x in jansen.daans(ref))


def test_no_begeleiding_individueel_en_begeleiding_individueel_basis(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)
    (letter,) = jansen.daans(ref, AFTER_BIRTHDAY)  # both parts in one letter to Daan, now adult
    assert len(letter.decisions) == 2
    text = pdf_text(letter)
    assert "begeleiding individueel en begeleiding individueel basis" not in text
    assert "begeleiding individueel basis en begeleiding individueel" not in text
    assert "U krijgt begeleiding individueel." in text


def test_objection_question_is_asked_once(jansen: Case, ref: Reference) -> None:
    for letter in jansen.letters(ref):
        assert pdf_text(letter).count("Bent u het niet eens met dit besluit?") == 1


def test_one_sentence_names_the_legal_grounds(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)
    (letter,) = jansen.daans(ref, AFTER_BIRTHDAY)  # Jeugdwet and Wmo in one letter
    text = pdf_text(letter)
    assert text.count("Wij hebben dit besluit genomen op grond van") == 1
    assert "de Jeugdwet (artikel 2.3), de Wet maatschappelijke ondersteuning 2015" in text
    assert "Onderwerp: Besluit over jeugdhulp en ondersteuning (Wmo 2015) voor Daan Jansen" in text


def test_route_reason_is_its_own_sentence_not_pasted_after_omdat(jansen: Case, ref: Reference) -> None:
    support = jansen.allocation_of(jansen.daan)
    own = support.provider_id
    assert own is not None
    support.provider_id = provider_other_than(jansen, own)
    support.continuity = Continuity(
        ContinuityRoute.OTHER_PROVIDER, own, reason="De wachtlijst bij Ruben is lang", client_consent=True
    )
    (letter,) = jansen.daans(ref)
    text = pdf_text(letter)
    assert "omdat De wachtlijst" not in text and "omdat de wachtlijst" not in text
    assert "kan deze hulp niet leveren. De reden: De wachtlijst bij Ruben is lang. U bent" in text
    assert "Daan krijgt de hulp van" in text  # the letter to his mother speaks of Daan


@pytest.mark.parametrize(
    "reason", ["Hij zit midden in zijn behandeling.", "Hij zit midden in zijn behandeling"]
)
def test_no_doubled_full_stop_after_a_reason(jansen: Case, ref: Reference, reason: str) -> None:
    support = jansen.allocation_of(jansen.daan)
    support.extended_youth_care, support.extended_youth_care_reason = True, reason
    area = jansen.plan.life_area(support.life_area) if support.life_area else None
    if area is not None:
        area.current_situation += "."  # a note that already ends with a full stop
    jansen.plan.status = PlanStatus.DECIDED
    for letter in jansen.letters(ref):
        text = pdf_text(letter).replace("...", "")
        assert ".." not in text and ". ." not in text, letter.reference
    (letter,) = jansen.daans(ref)
    assert "De reden: Hij zit midden in zijn behandeling." in pdf_text(letter)


def test_sentence_ends_in_one_full_stop() -> None:
    assert sentence("Geen plek..") == "Geen plek."
    assert sentence(" geen plek ") == "geen plek."
    assert sentence("Echt?") == "Echt?"
    assert sentence("En dan...") == "En dan..."
    assert sentence("  ") == ""
    assert sentence("Geen plek. .") == "Geen plek."
    assert sentence(" . ") == ""


@given(st.text(alphabet="ab .!?…", max_size=12))
def test_sentence_never_doubles_a_full_stop(text: str) -> None:
    out = sentence(text)
    if out and not out.endswith(("...", "…")):
        assert not out.endswith(("..", ". .")) and out[-1] in ".!?"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [("7201AB", "7201 AB"), ("7201ab", "7201 AB"), (" 7201  ab ", "7201 AB"), ("7201 AB", "7201 AB")],
)
def test_postcode_is_normalised(typed: str, kept: str) -> None:
    assert normalise_postcode(typed) == kept


def test_postcode_that_is_not_dutch_is_kept_as_typed() -> None:
    assert normalise_postcode(" B-1000 ") == "B-1000"
    assert normalise_postcode("0123 AB") == "0123 AB"  # no Dutch postcode starts with 0: left alone


def test_letter_prints_the_postcode_normalised(jansen: Case, ref: Reference) -> None:
    jansen.household.postcode = "7201kl"
    letter = jansen.letters(ref)[0]
    assert letter.addressee.address_lines[-1] == "7201 KL Zutphen"
    assert "7201 KL Zutphen" in pdf_text(letter)


def test_standard_public_name_without_demo_marker_or_year_in_a_decided_letter(
    jansen: Case, ref: Reference
) -> None:
    jansen.plan.status = PlanStatus.DECIDED
    table = ref.standard_table(jansen.household.municipality_code)
    assert table.demo and "(demo)" in table.name  # the data keeps its marker
    text = pdf_text(jansen.letters(ref)[0])
    assert "Normenkader hulp bij het huishouden en begeleiding." in text
    assert "(demo)" not in text and f"({table.year})" not in text


def test_notes_from_the_conversation_are_quoted(jansen: Case, ref: Reference) -> None:
    letter = jansen.letters(ref)[0]
    text = pdf_text(letter)
    assert "Eigen kracht: „Mevrouw doet de lichte taken zelf.”" in text
    assert "Wat wij in het gesprek hebben genoteerd over huishouden en zelfzorg (ADL): „Sinds" in text
    # Never unquoted, as if the letter itself said "Mevrouw doet ..." to "u".
    assert "Eigen kracht: Mevrouw" not in text


def test_unsigned_concept_names_more_than_the_role(jansen: Case, ref: Reference) -> None:
    letter = jansen.letters(ref, professional=Professional(""))[0]
    assert letter.concept
    text = pdf_text(letter)
    assert "(nog niet ondertekend)" in text
    assert "consulent Wmo en Jeugd, Sociaal Wijkteam Zutphen" in text


def test_unsigned_concept_plan_document_names_more_than_the_role(jansen: Case, ref: Reference) -> None:
    snapshot = build_plan_document(
        jansen.household, jansen.plan, jansen.catalogue, ref, Professional(""), TODAY
    )
    assert (
        snapshot.signatories[-1] == "(nog niet ondertekend) consulent Wmo en Jeugd, Sociaal Wijkteam Zutphen"
    )


def _padded_letters(case: Case, ref: Reference) -> Iterator[bytes]:
    """The mother's letter with ever longer participants lines: page breaks fall everywhere."""
    base = case.plan.participants
    for n in range(0, 400, 8):
        case.plan.participants = base + ", buurvrouw" * n
        yield render_letter(case.letters(ref)[0])


def test_last_page_never_holds_only_the_signature(jansen: Case, ref: Reference) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    pages_seen = set()
    for pdf in _padded_letters(jansen, ref):
        reader = PdfReader(BytesIO(pdf))
        pages_seen.add(page_count(pdf))
        last = " ".join(reader.pages[-1].extract_text().split())
        assert "Met vriendelijke groet" in last
        assert "Noem daarbij het kenmerk" in last  # the closing paragraph stays with the signature
    assert len(pages_seen) >= 2  # the padding did move the page breaks


# --- the plan document: one law per member -------------------------------------------------------


def test_plan_document_calls_a_member_by_one_law(jansen: Case, ref: Reference) -> None:
    jansen.split(ref)
    snapshot = build_plan_document(jansen.household, jansen.plan, jansen.catalogue, ref, PROFESSIONAL, TODAY)
    rows = {m.name: m.law for m in snapshot.members}
    assert rows["Daan Jansen"] == "Jeugdwet, vanaf 1 juni 2027 Wmo 2015"
    support = next(s for s in snapshot.support if s.member == "Daan Jansen")
    assert [r.law for r in support.rows] == ["Jeugdwet", "Wmo 2015"]


def test_plan_document_jeugdwet_only_product_for_an_adult_is_jeugdwet_in_both_tables(
    jansen: Case, ref: Reference
) -> None:
    jansen.daan.birth_date = date(2008, 1, 1)  # adult during the whole plan
    support = jansen.allocation_of(jansen.daan)
    support.extended_youth_care, support.extended_youth_care_reason = True, "Behandeling loopt door."
    snapshot = build_plan_document(jansen.household, jansen.plan, jansen.catalogue, ref, PROFESSIONAL, TODAY)
    rows = {m.name: m.law for m in snapshot.members}
    support_rows = next(s for s in snapshot.support if s.member == "Daan Jansen").rows
    assert rows["Daan Jansen"] == "Jeugdwet" == support_rows[0].law
