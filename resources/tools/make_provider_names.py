"""Generate resources/demo/provider_names.csv: fictional care providers for the demo region.

Run from the repository root:  .venv/bin/python resources/tools/make_provider_names.py

The names are composed from generic Dutch words, places and common first and family names, with a
fixed random seed, so the CSV is reproducible. Any word that names a known real care organisation
is refused (see REAL). The committed CSV is what the program reads.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "demo" / "provider_names.csv"
COUNT_SELF_EMPLOYED, COUNT_SMALL, COUNT_LARGE = 120, 170, 45

# Real organisations (in this region or national) whose names must not appear, even in part.
REAL = (
    "pluryn",
    "lindenhout",
    "karakter",
    "zozijn",
    "sensire",
    "iriszorg",
    "tactus",
    "ggnet",
    "lelie",
    "humanitas",
    "leger des heils",
    "youké",
    "entrea",
    "timon",
    "ambiq",
    "estinea",
    "heeren loo",
    "philadelphia",
    "abrona",
    "amerpoort",
    "cordaan",
    "accare",
    "yorneo",
    "vilente",
    "buurtzorg",
    "aafje",
    "fivoor",
    "dimence",
    "mediant",
    "lentis",
    "pro persona",
    "kwintes",
    "siza",
    "driestroom",
    "elver",
    "ipse",
    "reinaerde",
    "hoenderloo",
    "vitalis",
    "markenheem",
    "viattence",
    "trimenzo",
    "passerel",
    "interakt",
    "cardea",
    "kenter",
    "prisma",
    "daelzicht",
    "riwis",
    "ijsselheem",
    "zorggroep apeldoorn",
    "sint maarten",
    "wijdezorg",
    "de kapel",
    "zorggroep veluwe",
    "ijsselland",
    "hanzehof",
    "gelre",
    "careander",
    "het baken",
    "de zorggroep",
)

# Municipality codes weighted roughly by population (Apeldoorn is by far the largest).
MUNICIPALITIES = {
    "GM0200": 40,
    "GM0213": 5,
    "GM0232": 8,
    "GM0243": 3,
    "GM0246": 5,
    "GM0262": 9,
    "GM0285": 7,
    "GM0301": 12,
}
# Towns and villages with the municipality they belong to.
TOWNS = {
    "Apeldoorn": "GM0200",
    "Ugchelen": "GM0200",
    "Beekbergen": "GM0200",
    "Brummen": "GM0213",
    "Eerbeek": "GM0213",
    "Epe": "GM0232",
    "Vaassen": "GM0232",
    "Emst": "GM0232",
    "Hattem": "GM0243",
    "Heerde": "GM0246",
    "Wapenveld": "GM0246",
    "Lochem": "GM0262",
    "Gorssel": "GM0262",
    "Twello": "GM0285",
    "Klarenbeek": "GM0285",
    "Zutphen": "GM0301",
    "Warnsveld": "GM0301",
}

FIRST = (
    "Anouk",
    "Sanne",
    "Lotte",
    "Fleur",
    "Iris",
    "Marieke",
    "Joyce",
    "Petra",
    "Ingrid",
    "Esther",
    "Yvonne",
    "Nicole",
    "Linda",
    "Wendy",
    "Saskia",
    "Miriam",
    "Hanneke",
    "Femke",
    "Noor",
    "Eva",
    "Ilse",
    "Karin",
    "Jeroen",
    "Mark",
    "Bas",
    "Thijs",
    "Ruben",
    "Martijn",
    "Erik",
    "Johan",
    "Sander",
    "Wouter",
    "Pieter",
    "Dennis",
    "Marco",
    "Rik",
    "Koen",
    "Youssef",
    "Fatima",
    "Samira",
    "Mehmet",
    "Aylin",
    "Priya",
    "Dewi",
)
LAST = (
    "Verbeek",
    "Jansen",
    "de Boer",
    "Mulder",
    "Bosch",
    "Kuipers",
    "van Dijk",
    "Brouwer",
    "Hendriks",
    "Smit",
    "Meijer",
    "van den Berg",
    "Kok",
    "Vos",
    "Peters",
    "Dekker",
    "Wolters",
    "Scholten",
    "Hofman",
    "Bruggink",
    "Lubbers",
    "Nijhof",
    "ter Haar",
    "Wiegman",
    "Klein Gunnewiek",
    "Oosterink",
    "Hulshof",
    "Rouwenhorst",
    "Stegeman",
    "Mensink",
    "Wesselink",
    "Bijl",
    "Koster",
    "Aydın",
    "El Amrani",
    "Sahin",
    "Baas",
    "van Ommen",
    "Teunissen",
    "Veldhuis",
    "Brinkman",
    "Haverkamp",
    "Zwiers",
    "Groothuis",
)
SELF_EMPLOYED_FORMS = (
    "Begeleiding {f} {l}",
    "{f} {l} Coaching",
    "Praktijk {f} {l}",
    "Gezinscoach {f} {l}",
    "Ambulante begeleiding {i}. {l}",
    "{L} Begeleiding en Coaching",
    "Jeugdcoach {f} {l}",
    "Thuisbegeleiding {f} {l}",
    "Zorg met aandacht – {f} {l}",
    "Levenskunst {f} {l}",
)
DE_ADJ = ("De Hoge", "De Oude", "De Groene", "De Stille", "De Brede", "De Zonnige", "De Kleine", "De Lange")
HET_ADJ = (
    "Het Hoge",
    "Het Oude",
    "Het Groene",
    "Het Stille",
    "Het Brede",
    "Het Zonnige",
    "Het Kleine",
    "Het Lange",
)
DE_NOUN = (
    "Linde",
    "Hoeve",
    "Kamp",
    "Weide",
    "Akker",
    "Beek",
    "Marke",
    "Enk",
    "Boomgaard",
    "Wilg",
    "Brink",
    "Heide",
    "Es",
    "Haverkist",
    "Zwaluw",
    "Vlinder",
    "Kastanje",
    "Appelhof",
    "Notenboom",
    "Berk",
)
HET_NOUN = ("Erf", "Veld", "Goor", "Broek", "Spijker", "Hof", "Wilgenerf", "Eikenhof", "Klaverveld", "Schot")
SMALL_FORMS = (
    "Zorgboerderij {n}",
    "Dagbesteding {n}",
    "Woonvorm {n}",
    "Logeerhuis {n}",
    "Zorgerf {n}",
    "Kleinschalig wonen {n}",
    "Ontmoetingsplek {n}",
    "Gezinshuis {n}",
    "Leerwerkplek {n}",
    "Thuishulp {t}",
    "Huishoudelijke hulp {t} e.o.",
    "Jeugdpraktijk {t}",
    "Wijkbegeleiding {t}",
    "Gezinshuis Familie {L}",
    "Dagbesteding {n} {t}",
)
LARGE_FIRST = (
    "IJssel",
    "Veluwe",
    "Berkel",
    "Grift",
    "Hanze",
    "Voorster",
    "Apelvallei",
    "Salland",
    "Achterhoek",
    "Rivierzone",
    "Oostvallei",
    "Kanaal",
    "Heuvelrand",
    "Uiterwaard",
)
LARGE_SECOND = (
    "zorg Groep",
    "hulp",
    "stroom Zorggroep",
    "kracht",
    "poort Jeugdhulp",
    "wijk Zorg",
    "dal Welzijn",
    "linde Zorg",
    "haven Wonen en Zorg",
    "brug Jeugd en Gezin",
)
LARGE_FORMS = ("Stichting {a}{b}", "{a}{b}")

TAGS_SELF = ("jeugd", "gezin", "ggz", "autisme", "lvb", "trauma", "schulden", "ouderen", "nah", "verslaving")
TAGS_SMALL = {
    "Zorgboerderij": ("dagbesteding", "lvb", "autisme", "ouderen", "dementie"),
    "Dagbesteding": ("dagbesteding", "ouderen", "dementie", "nah", "ggz"),
    "Woonvorm": ("wonen", "lvb", "ggz", "autisme"),
    "Logeerhuis": ("logeren", "jeugd", "lvb", "autisme"),
    "Zorgerf": ("dagbesteding", "lvb", "jeugd"),
    "Kleinschalig": ("wonen", "dementie", "ouderen"),
    "Ontmoetingsplek": ("dagbesteding", "ouderen", "ggz"),
    "Gezinshuis": ("jeugd", "wonen", "trauma"),
    "Leerwerkplek": ("dagbesteding", "jeugd", "lvb"),
    "Thuishulp": ("huishouden", "ouderen"),
    "Huishoudelijke": ("huishouden", "ouderen", "nah"),
    "Jeugdpraktijk": ("jeugd", "gezin", "behandeling", "trauma"),
    "Wijkbegeleiding": ("ggz", "schulden", "gezin", "verslaving"),
}
TAGS_LARGE = (
    "jeugd",
    "gezin",
    "ggz",
    "lvb",
    "autisme",
    "ouderen",
    "dementie",
    "verslaving",
    "wonen",
    "dagbesteding",
    "crisis",
    "behandeling",
    "huishouden",
    "schulden",
    "nah",
    "logeren",
)


def _is_real(name: str) -> bool:
    low = name.lower()
    return any(word in low for word in REAL)


def _municipality(rng: random.Random) -> str:
    return rng.choices(list(MUNICIPALITIES), weights=list(MUNICIPALITIES.values()))[0]


def _place_name(rng: random.Random) -> str:
    if rng.random() < 0.65:
        return f"{rng.choice(DE_ADJ)} {rng.choice(DE_NOUN)}"
    return f"{rng.choice(HET_ADJ)} {rng.choice(HET_NOUN)}"


def build(seed: int = 2025) -> list[dict[str, str]]:
    rng = random.Random(seed)
    rows: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(
        name: str, size: str, self_employed: bool, tags: tuple[str, ...], pgb_share: float, home: str = ""
    ) -> bool:
        if name in seen or _is_real(name):
            return False
        seen.add(name)
        rows.append(
            {
                "name": name,
                "size": size,
                "self_employed": "ja" if self_employed else "nee",
                "municipality_code": home or _municipality(rng),
                "expertise": ";".join(sorted(tags)),
                "accepts_pgb": "ja" if rng.random() < pgb_share else "nee",
            }
        )
        return True

    made = 0
    while made < COUNT_SELF_EMPLOYED:
        f, last = rng.choice(FIRST), rng.choice(LAST)
        name = rng.choice(SELF_EMPLOYED_FORMS).format(f=f, l=last, L=last[0].upper() + last[1:], i=f[0])
        made += add(name, "klein", True, tuple(rng.sample(TAGS_SELF, rng.randint(1, 3))), 0.85)
    made = 0
    while made < COUNT_SMALL:
        form = rng.choice(SMALL_FORMS)
        last = rng.choice(LAST)
        town = rng.choice(list(TOWNS))
        name = form.format(n=_place_name(rng), t=town, L=last[0].upper() + last[1:])
        pool = next(v for k, v in TAGS_SMALL.items() if name.startswith(k))
        tags = tuple(rng.sample(pool, rng.randint(1, min(3, len(pool)))))
        made += add(name, "klein", False, tags, 0.6, TOWNS[town] if "{t}" in form else "")
    made = 0
    bases: set[str] = set()
    while made < COUNT_LARGE:
        a, b = rng.choice(LARGE_FIRST), rng.choice(LARGE_SECOND)
        if a + b in bases:  # no "X" next to "Stichting X"
            continue
        bases.add(a + b)
        name = rng.choice(LARGE_FORMS).format(a=a, b=b)
        made += add(name, "groot", False, tuple(rng.sample(TAGS_LARGE, rng.randint(3, 6))), 0.4)
    rows.sort(key=lambda r: r["name"].lower())
    # Fictional 8-digit AGB codes, numbered in name order (demo only).
    return [
        {"name": r["name"], "agb": f"98{900001 + i:06d}", **{k: v for k, v in r.items() if k != "name"}}
        for i, r in enumerate(rows)
    ]


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        fh.write(
            "# version=2025.1; demo: fictieve zorgaanbieders, gegenereerd door "
            "resources/tools/make_provider_names.py\n"
        )
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{OUT}: {len(rows)} aanbieders")


if __name__ == "__main__":
    main()
