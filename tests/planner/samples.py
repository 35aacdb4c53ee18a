"""Hand-made example snapshots of the kitchen-table walk-through (domain.md §8).

Test data for the renderer tests: the words are typed out here, independent of the builders, so a
test of the layout does not depend on the arithmetic.
Every figure below is example data, not reference data.
"""

from __future__ import annotations

from datetime import date

from planner.documents.snapshots import (
    Addressee,
    AllocationDecision,
    AreaPlan,
    Contact,
    GoalRow,
    HoursRow,
    LadderRow,
    LetterSnapshot,
    LifeAreaSupport,
    MatrixCell,
    MemberRow,
    MemberSupport,
    Outcome,
    PlanDocumentSnapshot,
    Section,
    Sender,
    Signature,
    SupportRow,
    TimelineItem,
)

SENDER = Sender(
    municipality="Gemeente Zutphen",
    team="Sociaal Team Zutphen",
    street="'s-Gravenhof 2",
    postcode_city="7201 DN Zutphen",
    phone="0575 - 00 00 00",
    email="sociaalteam@example.nl",
    website="www.example.nl",
    return_address="Postbus 15, 7200 AA Zutphen",
)
CONTACT = Contact(name="Sanne de Boer", phone="0575 - 00 00 01", email="s.deboer@example.nl")
SIGNATURE = Signature(
    closing="Met vriendelijke groet,",
    on_behalf="namens het college van burgemeester en wethouders van Zutphen,",
    name="Sanne de Boer",
    role="Wmo-consulent",
)
ADDRESS = ("Lange Hofstraat 12", "7201 HT Zutphen")


def _common_sections(name: str, last_day: str) -> dict[str, Section]:
    return {
        "objection": Section(
            "Bent u het niet eens met dit besluit?",
            (
                "Dan kunt u bezwaar maken. Dat moet binnen 6 weken na de verzenddatum van deze brief. "
                f"Uw bezwaar moet uiterlijk op {last_day} bij ons binnen zijn.",
                "Stuur uw bezwaar naar: het college van burgemeester en wethouders van Zutphen, "
                "Postbus 15, 7200 AA Zutphen.",
                "Zet in uw bezwaar: uw naam en adres, de datum, het kenmerk van deze brief, waarom u het "
                "niet eens bent met het besluit, en uw handtekening.",
                "Is er haast? Dan kunt u de voorzieningenrechter van de rechtbank vragen om een "
                "voorlopige voorziening. U moet dan wel ook bezwaar maken.",
                "Wilt u eerst met ons praten? Bel dan uw contactpersoon. Vaak lossen we het samen op.",
            ),
        ),
        "client_support": Section(
            "Gratis hulp van een cliëntondersteuner",
            (
                "Wilt u hulp bij het lezen van deze brief of bij een bezwaar? Een onafhankelijke "
                "cliëntondersteuner helpt u gratis. Bel ons, dan brengen wij u in contact.",
            ),
        ),
        "plan": Section(
            "Uw ondersteuningsplan",
            (
                "Het ondersteuningsplan van uw huishouden hoort bij dit besluit. Daarin staat wat u "
                "samen met ons wilt bereiken en wie wat doet.",
                "De coördinator van het plan is De Brug. De Brug houdt het overzicht voor het hele "
                f"huishouden, ook voor {name}.",
            ),
        ),
    }


def sample_wmo_letter(*, concept: bool = False) -> LetterSnapshot:
    """Mrs. Jansen: household help, 225 minutes minus 30 minutes customary help = 195."""
    common = _common_sections("u", "maandag 15 maart 2027")
    decision = AllocationDecision(
        outcome=Outcome.GRANTED,
        product="Hulp bij het huishouden",
        law="Wmo 2015",
        form_text="in natura via Thuiszorg Oost",
        amount_figures="195 minuten per week",
        amount_words="195 minuten per week, dat is 3 uur en 15 minuten per week",
        start=date(2027, 2, 1),
        end=date(2028, 1, 31),
        period_words="van 1 februari 2027 tot en met 31 januari 2028",
        length_words="12 maanden",
        total_words="10.168 minuten, dat is 169 uur en 28 minuten",
        cost_words="€ 5.846,60",
        provider="Thuiszorg Oost",
        hours_rows=(
            HoursRow("Schoonmaken van de woning (basis)", 180, False),
            HoursRow("Extra kamer in gebruik (1)", 18, False),
            HoursRow("Wasverzorging", 27, False),
            HoursRow("Gebruikelijke hulp van Daan (17 jaar)", 30, True),
        ),
        hours_total_minutes=195,
        hours_total_words="195 minuten per week (3 uur en 15 minuten)",
        hours_standard="Wij gebruiken de normtijden van de gemeente Zutphen (demo-normenkader 2027).",
    )
    return LetterSnapshot(
        title="Beschikking 2027-0001-1 Hulp bij het huishouden",
        sender=SENDER,
        contact=CONTACT,
        letter_date=date(2027, 2, 1),
        letter_date_words="1 februari 2027",
        reference="2027-0001-1",
        addressee=Addressee("Mevrouw M. Jansen", ADDRESS, "Geachte mevrouw Jansen,"),
        subject="Besluit over uw aanvraag voor hulp bij het huishouden",
        about_member="Maria Jansen",
        request=Section(
            "",
            (
                "U heeft ons op 4 januari 2027 laten weten dat u hulp nodig heeft in het huishouden. "
                "Op 11 januari 2027 hebben wij met u gesproken bij u thuis. Op 18 januari 2027 heeft u "
                "de aanvraag ondertekend. In deze brief leest u wat wij hebben besloten.",
            ),
        ),
        decision_intro=Section(
            "Ons besluit", ("U krijgt hulp bij het huishouden. Hieronder staat hoeveel.",)
        ),
        decisions=(decision,),
        plan=common["plan"],
        life_areas=(
            LifeAreaSupport(
                "Huishouden en zelfzorg",
                "Het huis is schoon en leefbaar.",
                ("Mevrouw Jansen doet de lichte taken zelf (uiterlijk 1 juli 2027, mevrouw Jansen)",),
            ),
        ),
        motivation=Section(
            "Waarom wij zo besluiten",
            (
                "In het gesprek bleek dat u na uw rugoperatie het zware schoonmaakwerk niet kunt doen.",
                "Uw zus doet de boodschappen. Uw zoon Daan (17) kan 30 minuten per week helpen; dat is "
                "gebruikelijke hulp en die tijd trekken wij af.",
                "Voor de rest is er geen gratis hulp in de buurt. Daarom krijgt u hulp van de gemeente.",
                "Wij besluiten op grond van artikel 2.3.5 van de Wmo 2015 en artikel 3:46 van de "
                "Algemene wet bestuursrecht.",
            ),
        ),
        contribution=Section(
            "Eigen bijdrage",
            (
                "Voor deze hulp betaalt u een eigen bijdrage per maand. Het CAK stuurt u daarvoor een "
                "rekening. In 2027 is dat ten hoogste € 21,00 per maand.",
            ),
        ),
        objection=common["objection"],
        objection_last_day=date(2027, 3, 15),
        client_support=common["client_support"],
        signature=SIGNATURE,
        concept=concept,
    )


def sample_split_letter() -> LetterSnapshot:
    """Daan (born 10 June 2009): support split at his 18th birthday; own provider bridged."""
    common = _common_sections("Daan", "maandag 15 maart 2027")
    shared = {
        "product": "Begeleiding individueel",
        "form_text": "in natura via Jeugdzorg De Linde",
        "amount_figures": "180 minuten per week",
        "amount_words": "180 minuten per week, dat is 3 uur per week",
        "provider": "Jeugdzorg De Linde",
        "own_provider_text": (
            "Daan krijgt al hulp van Jeugdzorg De Linde. Deze aanbieder heeft sinds 1 januari 2027 geen "
            "contract meer met de gemeente. Wij hebben met De Linde afgesproken dat Daan tot en met "
            "30 juni 2027 bij hen blijft (overbruggingsovereenkomst). Zo hoeft Daan niet meteen te "
            "wisselen. Voor 30 juni 2027 kijken wij samen met u hoe het daarna verder gaat."
        ),
    }
    youth = AllocationDecision(
        outcome=Outcome.GRANTED,
        law="Jeugdwet",
        start=date(2027, 2, 1),
        end=date(2027, 6, 9),
        period_words="van 1 februari 2027 tot en met 9 juni 2027",
        length_words="4 maanden en 9 dagen",
        total_words="3.318 minuten, dat is 55 uur en 18 minuten",
        cost_words="",
        split_text=(
            "Daan wordt op 10 juni 2027 18 jaar. Tot die dag valt zijn hulp onder de Jeugdwet. "
            "Daarom bestaat dit besluit uit twee delen: Jeugdwet tot en met 9 juni 2027 en Wmo 2015 "
            "vanaf 10 juni 2027. De hulp zelf blijft hetzelfde."
        ),
        **shared,
    )
    # The own-provider paragraph is told once, with the first part.
    adult = AllocationDecision(
        outcome=Outcome.GRANTED,
        law="Wmo 2015",
        start=date(2027, 6, 10),
        end=date(2028, 1, 31),
        period_words="van 10 juni 2027 tot en met 31 januari 2028",
        length_words="7 maanden en 22 dagen",
        total_words="6.069 minuten, dat is 101 uur en 9 minuten",
        cost_words="",
        split_text=(
            "Dit is het tweede deel. Vanaf 10 juni 2027 is Daan volwassen en valt zijn hulp onder de "
            "Wmo 2015."
        ),
        **{**shared, "own_provider_text": ""},
    )
    return LetterSnapshot(
        title="Beschikking 2027-0001-2 Begeleiding individueel",
        sender=SENDER,
        contact=CONTACT,
        letter_date=date(2027, 2, 1),
        letter_date_words="1 februari 2027",
        reference="2027-0001-2",
        addressee=Addressee("Mevrouw M. Jansen", ADDRESS, "Geachte mevrouw Jansen,"),
        subject="Besluit over begeleiding voor Daan Jansen",
        about_member="Daan Jansen",
        request=Section(
            "",
            (
                "U heeft ons op 4 januari 2027 gevraagd om hulp voor uw zoon Daan Jansen. Op 11 januari "
                "2027 hebben wij met u en Daan gesproken. Op 18 januari 2027 heeft u de aanvraag "
                "ondertekend. Deze brief gaat over Daan.",
            ),
        ),
        decision_intro=Section("Ons besluit", ("Daan krijgt begeleiding. Hieronder staat hoeveel.",)),
        decisions=(youth, adult),
        plan=common["plan"],
        life_areas=(
            LifeAreaSupport(
                "Werk en opleiding / Dagbesteding",
                "Daan gaat weer elke dag naar school.",
                ("Daan gaat weer naar school (uiterlijk 1 april 2027, Daan en De Brug)",),
            ),
            LifeAreaSupport(
                "Geestelijke gezondheid",
                "Daan voelt zich beter en weet wie hij kan bellen.",
                ("Wekelijks gesprek met de begeleider (uiterlijk 1 juni 2027, De Linde)",),
            ),
        ),
        motivation=Section(
            "Waarom wij zo besluiten",
            (
                "In het gesprek bleek dat Daan vaak niet naar school gaat en somber is.",
                "Wij besluiten op grond van artikel 2.3 van de Jeugdwet en, vanaf 10 juni 2027, "
                "artikel 2.3.5 van de Wmo 2015.",
            ),
        ),
        contribution=Section(
            "Eigen bijdrage",
            (
                "Voor hulp onder de Jeugdwet betaalt u geen eigen bijdrage.",
                "Vanaf 10 juni 2027 valt de hulp onder de Wmo 2015. Dan betaalt uw huishouden een "
                "eigen bijdrage per maand via het CAK. In 2027 is dat ten hoogste € 21,00 per maand.",
            ),
        ),
        objection=common["objection"],
        objection_last_day=date(2027, 3, 15),
        client_support=common["client_support"],
        signature=SIGNATURE,
    )


def sample_plan_document(*, concept: bool = False) -> PlanDocumentSnapshot:
    ladder = (
        LadderRow("Eigen kracht", "Mevrouw Jansen doet de lichte taken zelf."),
        LadderRow("Netwerk", "Haar zus doet de boodschappen."),
        LadderRow("Algemene voorzieningen", "Niets, omdat er geen gratis hulp in de buurt is."),
    )
    return PlanDocumentSnapshot(
        title="Ondersteuningsplan huishouden Jansen",
        sender=SENDER,
        heading="Ondersteuningsplan huishouden Jansen",
        intro=Section(
            "",
            (
                "In dit plan staat wat u als huishouden wilt bereiken, wat u zelf doet "
                "en welke hulp u krijgt.",
            ),
        ),
        household_lines=(
            ("Dossiernummer", "2027-0001"),
            ("Adres", "Lange Hofstraat 12, 7201 HT Zutphen"),
            ("Planperiode", "van 1 februari 2027 tot en met 31 januari 2028 (12 maanden)"),
            ("Gesprek", "11 januari 2027, met mevrouw Jansen en Daan"),
        ),
        members=(
            MemberRow("Maria Jansen", "3 maart 1985", "ouder", "Wmo 2015"),
            MemberRow("Daan Jansen", "10 juni 2009", "kind", "Jeugdwet"),
        ),
        matrix=(
            MatrixCell("Financiën", "Start schuldhulpverlening", "midden", "Midden"),
            MatrixCell("Werk en opleiding / Dagbesteding", "Daan weer naar school", "midden", "Midden"),
            MatrixCell("Geestelijke gezondheid", "Daan voelt zich beter", "midden", "Midden"),
            MatrixCell("Huishouden en zelfzorg", "Schoon en leefbaar huis", "licht", "Licht"),
        ),
        areas=(
            AreaPlan(
                area="Huishouden en zelfzorg",
                members="Maria Jansen",
                current_situation="Sinds de rugoperatie lukt het zware schoonmaakwerk niet.",
                desired_result="Het huis is schoon en leefbaar.",
                distance_label="Licht",
                goals=(GoalRow("Lichte taken zelf doen", "1 juli 2027", "mevrouw Jansen"),),
                ladder=ladder,
            ),
        ),
        coordinator=Section("Coördinator", ("De Brug houdt het overzicht voor het hele huishouden.",)),
        support=(
            MemberSupport(
                "Maria Jansen",
                (
                    SupportRow(
                        "Hulp bij het huishouden",
                        "Wmo 2015",
                        "3 uur en 15 minuten per week",
                        "1 februari 2027 t/m 31 januari 2028",
                        "Thuiszorg Oost",
                    ),
                ),
            ),
        ),
        timeline=(
            TimelineItem(date(2027, 2, 1), "1 februari 2027", "Start van het plan"),
            TimelineItem(date(2027, 6, 10), "10 juni 2027", "Daan wordt 18: Wmo 2015 in plaats van Jeugdwet"),
            TimelineItem(date(2028, 1, 31), "31 januari 2028", "Einde van het plan"),
        ),
        signature_intro="Wij hebben dit plan samen gemaakt en zijn het eens met de inhoud.",
        signatories=("Maria Jansen", "Daan Jansen", "Sanne de Boer, Wmo-consulent"),
        concept=concept,
    )
