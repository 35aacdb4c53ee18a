"""The reference data loads, is internally consistent, and a broken file is refused clearly."""

from __future__ import annotations

import re
import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import resources
from planner.model import Distance, Frequency, Law, Rung, Unit
from planner.reference import (
    ReferenceDataError,
    load_provider_names,
    load_reference,
    load_reference_from,
    parse_provider_names,
)

REF = load_reference()
RESOURCES = Path(resources.__file__).parent


def test_loads_once_with_version() -> None:
    assert load_reference() is REF
    assert REF.version
    assert set(REF.file_versions) >= {"catalogue.toml", "holidays.json", "texts.toml"}


def test_life_areas_scales_and_ladder() -> None:
    assert len(REF.life_areas) == 11
    assert len({a.code for a in REF.life_areas}) == 11
    assert REF.life_area("financien").name == "Financiën"
    assert [lv.score for lv in REF.self_reliance_levels] == [1, 2, 3, 4, 5]
    assert REF.self_reliance_levels[0].name == "Acute problematiek"
    assert [r.rung for r in REF.ladder_rungs] == list(Rung)
    with pytest.raises(KeyError):
        REF.life_area("bestaat_niet")


def test_terms() -> None:
    t = REF.terms
    assert (t.own_plan_days, t.investigation_days, t.decision_days, t.objection_days) == (7, 42, 14, 42)
    assert (t.adult_age, t.extended_youth_care_age) == (18, 23)
    assert (t.default_plan_months, t.max_plan_months) == (12, 60)
    assert t.deadline_warning_days > 0
    assert t.informal_care_max_per_month == Decimal("141.00")
    assert "Awb 6:7" in t.sources["objection_days"]


def test_municipalities_have_real_cbs_codes_and_letterheads() -> None:
    codes = {m.code: m.name for m in REF.municipalities}
    assert codes == {
        "GM0200": "Apeldoorn", "GM0213": "Brummen", "GM0232": "Epe", "GM0243": "Hattem",
        "GM0246": "Heerde", "GM0262": "Lochem", "GM0285": "Voorst", "GM0301": "Zutphen",
    }  # fmt: skip
    for code, name in codes.items():
        head = REF.letterhead(code)
        assert name in head.name and name in head.objection_address and head.demo


@pytest.mark.parametrize("product", REF.products, ids=lambda p: p.code)
def test_products_obey_iwmo_code_rules(product) -> None:
    assert re.fullmatch(r"\d{2}[0-9A-Z]{3}", product.code) and product.code.startswith(product.category)
    if product.unit in (Unit.ETMAAL, Unit.DAYPART, Unit.EURO, Unit.PIECE_EFFORT):
        assert set(product.frequencies) <= {Frequency.PER_WEEK, Frequency.PER_MONTH, Frequency.TOTAL}
    assert product.segment in {s.code for s in REF.segments}
    assert product.tariff > 0 and product.laws
    assert 1 <= product.volume_min <= (product.volume_max or product.volume_min)
    assert product.max_months <= REF.terms.max_plan_months
    if product.adult_product:
        assert Law.JEUGDWET in product.laws and Law.WMO in REF.product(product.adult_product).laws


def test_catalogue_covers_both_laws() -> None:
    household_help = REF.product("01A01")
    assert (household_help.unit, household_help.frequencies) == (Unit.MINUTE, (Frequency.PER_WEEK,))
    individual = [p for p in REF.products if p.name.startswith("Begeleiding individueel")]
    assert {law for p in individual for law in p.laws} == {Law.WMO, Law.JEUGDWET}
    assert all(
        p.unit == Unit.MINUTE and Frequency.PER_WEEK in p.frequencies and p.bandwidth for p in individual
    )
    names = " ".join(p.name.lower() for p in REF.products)
    for word in ("crisis", "behandeling", "respijtopvang", "verblijf", "vervoer", "zorgcoördinatie",
                 "dagbesteding", "logeervoorziening", "beschermd wonen", "begeleiding groep"):  # fmt: skip
        assert word in names
    assert not REF.product("01A01").bandwidth


def test_holidays() -> None:
    days = REF.non_working_days
    assert date(2027, 5, 6) in days  # Ascension
    assert date(2027, 5, 7) in days  # Friday after, by decree
    assert date(2027, 3, 26) in days and date(2025, 4, 18) in days  # Good Friday
    assert date(2025, 4, 26) in days and date(2025, 4, 27) not in days  # King's Day on Saturday 26th
    assert date(2026, 1, 2) in days  # decree: Friday after New Year's Day
    assert REF.holiday_years == (2025, 2032)
    for year in range(2025, 2033):
        assert date(year, 5, 5) in days
        assert len([h for h in REF.holidays_by_year(year) if not h.equated]) == 9
        assert any(h.equated for h in REF.holidays_by_year(year))
    equated_2027 = [h for h in REF.holidays_by_year(2027) if h.equated]
    assert [(h.date, h.confirmed) for h in equated_2027] == [(date(2027, 5, 7), True)]
    assert all(not h.confirmed for h in REF.holidays_by_year(2030) if h.equated)


def test_cell_prices_for_every_life_area_and_distance() -> None:
    assert REF.cell_prices.period in ("week", "maand")
    for area in REF.life_areas:
        for distance in Distance:
            assert isinstance(REF.cell_prices.price(area.code, distance), Decimal)
        assert REF.cell_prices.price(area.code, Distance.LIGHT) == 0
    assert REF.cell_prices.price("financien", Distance.HEAVY) == Decimal("60")
    assert REF.cell_prices.price("geestelijke_gezondheid", Distance.MEDIUM) == Decimal("40")


def test_household_help_standard_gives_225_minus_30_customary_help() -> None:
    table = REF.standard_table("GM0301")  # falls back to the default table
    assert table.key == "default" and table.demo
    clean = table.activity("schoon_huis")
    laundry = table.activity("wasverzorging")
    standard = (
        clean.minutes_per_week
        + clean.factor("beperking_ernstig").minutes_per_week
        + clean.factor("kamer_in_gebruik").minutes_per_week
        + laundry.minutes_per_week
    )
    assert standard == 225
    help_17 = table.customary_help_for(17)
    assert help_17 is not None and help_17.minutes_per_week == 30
    assert standard - help_17.minutes_per_week == 195
    adult = table.customary_help_for(41)
    assert adult is not None and adult.takes_over_all
    for example in table.examples:
        assert table.example_minutes(example) == example.total
    assert {a.code for a in table.activities_for("45A01")} >= {"dagstructuur", "school_werk"}


def test_kpmg_hours_per_year_are_never_rounded_down() -> None:
    clean = REF.standard_table("default").activity("schoon_huis")
    hours_per_year = {"schoon_huis": 108, "beperking_matig": 26, "beperking_ernstig": 52, "samenstelling": 26,
                      "kamer_in_gebruik": 16, "kamer_niet_in_gebruik": 4}  # fmt: skip
    figures = {"schoon_huis": clean.minutes_per_week} | {f.code: f.minutes_per_week for f in clean.factors}
    for code, hours in hours_per_year.items():
        assert figures[code] * 52 >= hours * 60 > (figures[code] - 1) * 52


def test_own_contribution_and_state_pension_age() -> None:
    oc = REF.own_contribution
    assert oc[2024].max_per_month == Decimal("20.60") and oc[2025].max_per_month == Decimal("21.00")
    assert oc[2026].max_per_month is None and not oc[2026].verified
    assert oc[2027].income_dependent and not oc[2027].verified
    assert REF.own_contribution_exempt_products <= {p.code for p in REF.products}
    spa = REF.state_pension_age
    assert spa.pension_date(date(1960, 12, 15)) == date(2027, 12, 15)  # 67 years
    assert spa.pension_date(date(1961, 1, 15)) == date(2028, 4, 15)  # 67 years and 3 months
    assert spa.below_on(date(1985, 6, 1), date(2027, 1, 1))
    assert not spa.verified_for(date(1985, 6, 1))


def test_texts_have_only_declared_placeholders() -> None:
    dummy = dict.fromkeys(REF.text_placeholders, "X")
    for key in REF.texts:
        assert REF.text(key, **dummy)
    assert "15 maart 2027" in REF.text(
        "letter.objection_clause", last_day="15 maart 2027", objection_address="A"
    )


def test_provider_names() -> None:
    rows = load_provider_names()
    assert len(rows) >= 300
    assert len({r.name for r in rows}) == len(rows) and len({r.agb for r in rows}) == len(rows)
    assert {r.municipality for r in rows} <= {m.code for m in REF.municipalities}
    assert {r.size for r in rows} == {"klein", "groot"}
    assert any(r.self_employed for r in rows) and any(r.accepts_pgb for r in rows)
    assert all(r.expertise for r in rows)
    real = ("pluryn", "lindenhout", "karakter", "zozijn", "sensire", "iriszorg", "tactus", "buurtzorg")
    assert not [r.name for r in rows if any(w in r.name.lower() for w in real)]


# --- broken files -----------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    root = tmp_path / "resources"
    shutil.copytree(RESOURCES, root, ignore=shutil.ignore_patterns("__pycache__"))
    return root


def _edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_copy_loads_like_the_original(copy: Path) -> None:
    assert load_reference_from(copy) == REF


@pytest.mark.parametrize(
    ("name", "old", "new", "field", "words"),
    [
        ("catalogue.toml", 'tariff = "0.56"\n', "", "products[0].tariff", "ontbreekt"),
        ("catalogue.toml", 'unit = "01"', 'unit = "99"', "products[0].unit", "niet toegestaan"),
        ("catalogue.toml", 'frequencies = ["4"]', 'frequencies = ["1"]', "frequencies", "per dag"),
        ("catalogue.toml", 'tariff = "0.56"', "tariff = 0.56", "products[0].tariff", "bedrag"),
        (
            "life_areas.toml",
            'price_column = "Overlast"',
            'price_column = "Nergens"',
            "price_column",
            "Nergens",
        ),
        ("standard_times.toml", "total = 225", "total = 226", "examples[0].total", "225"),
        ("texts.toml", "{last_day}", "{laatste_dag}", "letter.objection_clause", "laatste_dag"),
        ("region.toml", 'code = "GM0200"', 'code = "0200"', "municipalities[0].code", "GM"),
        ("terms.toml", "value = 42", 'value = "42"', "terms.investigation_days.value", "geheel getal"),
        ("holidays.json", '"date": "2027-05-07"', '"date": "2027-05-32"', "date", "geen datum"),
    ],
)
def test_a_broken_file_names_file_and_field(
    copy: Path, name: str, old: str, new: str, field: str, words: str
) -> None:
    _edit(copy, name, old, new)
    with pytest.raises(ReferenceDataError) as info:
        load_reference_from(copy)
    assert info.value.file == name
    assert field in info.value.field
    assert name in str(info.value) and words in str(info.value)


def test_missing_or_unreadable_file(copy: Path) -> None:
    (copy / "terms.toml").unlink()
    with pytest.raises(ReferenceDataError, match=r"terms\.toml"):
        load_reference_from(copy)
    _edit(copy, "scales.toml", "[[ladder_rungs]]", "[[ladder_rungs]")
    with pytest.raises(ReferenceDataError, match=r"scales\.toml.*geen geldige TOML"):
        load_reference_from(copy)


def test_broken_provider_row() -> None:
    header = "name,agb,size,self_employed,municipality_code,expertise,accepts_pgb\n"
    text = header + "Zorg X,123,klein,ja,GM0200,,ja\n"
    with pytest.raises(ReferenceDataError, match=r"regel 2.*agb"):
        parse_provider_names(text)


# --- terms in texts: placeholders follow terms.toml; a contradicting written-out term is refused ---

DURATION = re.compile(r"\b(\d+|zes|zeven|twee|twaalf|achttien)\s+(dag|dagen|week|weken|maand|maanden|jaar)\b")


def test_terms_fill_the_texts_as_the_law_words_them() -> None:
    assert dict(REF.term_words) == {
        "own_plan_term": "7 dagen",
        "investigation_term": "6 weken",
        "decision_term": "2 weken",
        "objection_term": "6 weken",
        "deadline_warning_term": "3 dagen",
        "stale_concept_term": "2 weken",
        "adult_age": "18",
        "extended_youth_care_age": "23",
        "default_plan_term": "12 maanden",
        "max_plan_term": "60 maanden",
    }
    clause = REF.text("letter.objection_clause", last_day="maandag 15 maart 2027", objection_address="A")
    assert "binnen 6 weken na de verzenddatum" in clause
    assert "wordt op 1 mei 2027 18 jaar." in REF.text(
        "letter.split_adulthood", name="Daan", birthday="1 mei 2027"
    )
    assert "binnen 7 dagen" in REF.text("uitleg.persoonlijk_plan")


def test_the_product_texts_write_no_term_out() -> None:
    """Every term in resources/texts.toml is a placeholder, so changing terms.toml changes every text."""
    raw = (RESOURCES / "texts.toml").read_text(encoding="utf-8")
    assert "{objection_term}" in raw
    assert [(k, m.group(0)) for k, t in REF.texts.items() for m in DURATION.finditer(t)] == []


def test_a_changed_term_changes_letter_and_tooltip(copy: Path) -> None:
    _edit(copy, "terms.toml", "value = 14", "value = 21")
    _edit(copy, "terms.toml", "(2 weken;", "(3 weken;")
    ref = load_reference_from(copy)
    assert ref.terms.decision_days == 21
    assert "Binnen 3 weken daarna" in ref.text("uitleg.aanvraag")
    assert "Binnen 2 weken daarna" in REF.text("uitleg.aanvraag")


def test_a_text_with_a_contradicting_written_out_term_is_refused(copy: Path) -> None:
    _edit(copy, "texts.toml", "binnen {objection_term} na", "binnen 5 weken na")
    with pytest.raises(ReferenceDataError) as info:
        load_reference_from(copy)
    assert (info.value.file, info.value.field) == ("texts.toml", "letter.objection_clause")
    message = str(info.value)
    assert "'5 weken' staat uitgeschreven en klopt niet met de termijnen in terms.toml" in message
    assert "{objection_term} = 6 weken" in message and "invulplek" in message


def test_a_term_written_in_words_is_checked_too(copy: Path) -> None:
    _edit(copy, "texts.toml", "meestal {default_plan_term}.", "meestal zes maanden.")
    with pytest.raises(ReferenceDataError, match=r"uitleg\.planperiode.*'zes maanden'.*12 maanden"):
        load_reference_from(copy)


def test_a_written_out_term_that_agrees_with_terms_toml_is_not_a_contradiction(copy: Path) -> None:
    _edit(copy, "texts.toml", "binnen {objection_term} na", "binnen 6 weken na")
    ref = load_reference_from(copy)
    assert "binnen 6 weken na" in ref.text("letter.objection_clause", last_day="x", objection_address="A")


def test_a_term_whose_source_says_another_number_is_refused(copy: Path) -> None:
    """terms.toml explains 42 days as "(6 weken ...)": a changed value next to the old words is refused."""
    _edit(copy, "terms.toml", 'value = 42\nsource = "Awb', 'value = 35\nsource = "Awb')
    with pytest.raises(ReferenceDataError) as info:
        load_reference_from(copy)
    assert (info.value.file, info.value.field) == ("terms.toml", "terms.objection_days.source")
    assert "'6 weken'" in str(info.value) and "35" in str(info.value)
    _edit(copy, "terms.toml", "(6 weken, vanaf", "(5 weken, vanaf")
    ref = load_reference_from(copy)
    assert "binnen 5 weken na" in ref.text("letter.objection_clause", last_day="x", objection_address="A")


def test_a_term_said_in_weeks_must_be_whole_weeks(copy: Path) -> None:
    _edit(copy, "terms.toml", "value = 14", "value = 15")
    with pytest.raises(
        ReferenceDataError, match=r"terms\.decision_days\.value.*15 dagen is geen heel aantal weken"
    ):
        load_reference_from(copy)


def test_every_law_has_a_name(copy: Path) -> None:
    assert (REF.text("law.wmo"), REF.text("law.jeugdwet")) == ("Wmo 2015", "Jeugdwet")
    _edit(copy, "texts.toml", 'jeugdwet = "Jeugdwet"\n', "")
    with pytest.raises(ReferenceDataError, match="jeugdwet"):
        load_reference_from(copy)
