"""Short Dutch explanations of the terms on screen, used as tooltips and "What's this" texts.

Life areas and ladder rungs explain themselves from reference data (their descriptions live in
resources/); this module only holds the interface's own glossary of procedure terms. When the
reference data carries a text for a key (`Reference.texts["uitleg.<key>"]`), that one wins.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

GLOSSARY: dict[str, str] = {
    "huishouden": "De mensen die op één adres wonen en samen één plan hebben.",
    "dossiernummer": "Het nummer waarmee u en uw collega's naar dit huishouden verwijzen.",
    "gemeente": "De gemeente waar het huishouden woont. Die gemeente betaalt de ondersteuning; "
    "contracten met zorgaanbieders kunnen per gemeente verschillen.",
    "bsn": "Burgerservicenummer: 9 cijfers die de elfproef moeten doorstaan. Mag leeg blijven voor "
    "een pasgeborene die nog geen BSN heeft.",
    "aanhef": "Hoe deze persoon in brieven wordt aangesproken, bijvoorbeeld 'Geachte mevrouw Jansen'.",
    "rol": "De plaats van deze persoon in het huishouden: ouder, partner, kind of overig.",
    "ontvangt_brieven": "Aangevinkt: deze persoon krijgt de brieven (beschikkingen) over het plan.",
    "veiligheid": "Zet dit aan bij zorgen over de veiligheid van iemand in het huishouden. "
    "Het plan kan dan pas worden vastgesteld als de veiligheidstaxatie is ingevuld.",
    "veiligheidstaxatie": "Wat u over de veiligheid heeft vastgesteld en welke afspraken zijn gemaakt.",
    "melding": "De datum waarop het huishouden om hulp vroeg. Hieruit volgen de termijnen voor het "
    "persoonlijk plan (7 dagen) en het onderzoek (6 weken).",
    "aanvraag": "De datum van de formele aanvraag. Binnen 2 weken daarna moet het besluit er zijn.",
    "keukentafelgesprek": "Het gesprek bij het huishouden thuis: wanneer, en wie er bij waren.",
    "clientondersteuning": "Gratis, onafhankelijke ondersteuning voor de cliënt tijdens het gesprek "
    "en de aanvraag. U moet de cliënt hierop wijzen.",
    "persoonlijk_plan": "Een plan dat de cliënt zelf mag schrijven en binnen 7 dagen na de melding "
    "mag inleveren.",
    "planperiode": "De periode waarin de resultaten bereikt moeten worden, meestal 12 maanden.",
    "leefgebied": "Een deel van het dagelijks leven, zoals wonen, financiën of gezondheid. "
    "Per leefgebied legt u de situatie, het gewenste resultaat en de afstand vast.",
    "huidige_situatie": "Hoe het nu gaat op dit leefgebied, in de woorden van het huishouden.",
    "gewenst_resultaat": "Wat er aan het eind van de planperiode anders moet zijn.",
    "afstand": "Afstand tot resultaat: hoeveel ondersteuning nodig is om het resultaat te halen. "
    "Licht = kleine stap, midden = duidelijke ondersteuning nodig, zwaar = intensieve ondersteuning.",
    "betrokken_gezinsleden": "Voor welke gezinsleden dit leefgebied speelt.",
    "celprijs": "Het bedrag dat de regio voor deze combinatie van leefgebied en afstand betaalt "
    "aan de coördinator.",
    "budget": "Het budget van het plan: de som van de celprijzen over de planperiode.",
    "doel": "Een concrete stap op weg naar het resultaat, met een streefdatum en wie het doet.",
    "ladder": "De verantwoordelijkheidsladder: eerst wat het huishouden zelf kan (eigen kracht), "
    "dan het netwerk, vrijwilligers, de sociale basis (gratis voorzieningen), collectieve "
    "voorzieningen, en pas daarna betaalde ondersteuning (maatwerk). Vul elke trede in; "
    "'niets, omdat ...' mag ook.",
    "eigen_kracht": "Wat het huishouden zelf kan doen.",
    "sociale_basis": "Gratis voorzieningen in de wijk, zoals schuldhulp, inloop of buurtwerk, "
    "waarvoor geen beschikking nodig is.",
    "gebruikelijke_hulp": "Hulp die huisgenoten elkaar normaal geven. Die gaat af van de betaalde uren.",
    "zelfredzaamheid": "Hoe zelfredzaam het huishouden op dit leefgebied is, van 1 (acute problemen) "
    "tot 5 (volledig zelfredzaam). Alleen invullen als de vraag over dit leefgebied gaat.",
    "herbeoordeling": "Bij een nieuw plan kijkt u per leefgebied of het resultaat van het vorige plan "
    "is bereikt (volledig, gedeeltelijk of niet) en waarom.",
    "coordinator": "Eén partij voert het hele plan uit: het huishouden zelf, het toegangsteam of "
    "één gecontracteerde zorgaanbieder. Coördinatie wordt nooit verdeeld.",
    "coordinator_aanbieder": "Een zorgaanbieder mag alleen coördineren met een coördinatiecontract "
    "voor elk leefgebied en elke afstand van dit plan, in deze gemeente, voor de hele planperiode.",
    "overbruggingsovereenkomst": "Tijdelijke toestemming om de eigen zorgaanbieder van de cliënt te "
    "houden, ook al heeft die geen contract meer, tot een vaste datum.",
    "bevindingen": "Wat nog niet klopt of aandacht vraagt. Fouten moeten weg voordat het plan "
    "kan worden vastgesteld. Dubbelklik of druk Enter om naar de plek te gaan.",
    "plangeschiedenis": "Eerdere, vastgestelde plannen. Die kunt u alleen lezen. Een nieuw plan begint "
    "vanuit het vorige plan.",
}


def tip(key: str, reference: Any | None = None) -> str:
    """The explanation for `key`; reference data overrides the built-in text when it has one."""
    texts = getattr(reference, "texts", None) if reference is not None else None
    if isinstance(texts, Mapping):
        override = texts.get(f"uitleg.{key}")
        if override:
            return str(override)
    return GLOSSARY[key]
