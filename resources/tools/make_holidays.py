"""Generate resources/holidays.json: the days on which no legal term can end.

Run from the repository root:  .venv/bin/python resources/tools/make_holidays.py

The generated JSON is the truth the program reads; this script documents how it was made.

Sources:
- Algemene termijnenwet art. 3 lid 1: Nieuwjaarsdag, Tweede Paasdag, Tweede Pinksterdag, both
  Christmas days, Hemelvaartsdag, the day the King's birthday is celebrated, and 5 May (every year);
  art. 3 lid 2: Goede Vrijdag. King's Day is 27 April, or 26 April when the 27th is a Sunday
  (Wet van 2013 on the King's birthday).
- Art. 3 lid 3: days equated by decree, published in the Staatscourant for about three years:
  "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en
  30 mei 2025 met een algemeen erkende feestdag" and "Besluit gelijkstelling van 2 januari 2026,
  15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag".
  Every published decree day is the Friday after a holiday that falls on a Thursday. For years
  without a published decree the same pattern is applied and the day is marked unconfirmed.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from dateutil.easter import easter

FIRST_YEAR, LAST_YEAR = 2025, 2032
DECREED: dict[int, tuple[date, ...]] = {
    2025: (date(2025, 5, 30),),
    2026: (date(2026, 1, 2), date(2026, 5, 15)),
    2027: (date(2027, 5, 7),),
    2028: (date(2028, 4, 28), date(2028, 5, 26)),
}
DECREE_SOURCE = {
    2025: "Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 "
    "en 30 mei 2025",
    2026: "Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028",
}
DECREE_SOURCE[2027] = DECREE_SOURCE[2028] = DECREE_SOURCE[2026]
OUT = Path(__file__).resolve().parents[1] / "holidays.json"


def legal_holidays(year: int) -> list[tuple[date, str]]:
    e = easter(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:  # Sunday
        kings_day = date(year, 4, 26)
    return [
        (date(year, 1, 1), "Nieuwjaarsdag"),
        (e - timedelta(days=2), "Goede Vrijdag"),
        (e + timedelta(days=1), "Tweede Paasdag"),
        (kings_day, "Koningsdag"),
        (date(year, 5, 5), "Bevrijdingsdag (5 mei)"),
        (e + timedelta(days=39), "Hemelvaartsdag"),
        (e + timedelta(days=50), "Tweede Pinksterdag"),
        (date(year, 12, 25), "Eerste Kerstdag"),
        (date(year, 12, 26), "Tweede Kerstdag"),
    ]


def pattern_days(holidays: list[tuple[date, str]]) -> list[date]:
    """The Friday after every Thursday holiday, unless that Friday is a holiday itself."""
    days = {d for d, _ in holidays}
    return [
        d + timedelta(days=1) for d in sorted(days) if d.weekday() == 3 and d + timedelta(days=1) not in days
    ]


def build() -> dict[str, object]:
    rows: list[dict[str, object]] = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        holidays = legal_holidays(year)
        for d, name in holidays:
            rows.append(
                {
                    "date": d.isoformat(),
                    "name": name,
                    "kind": "feestdag",
                    "confirmed": True,
                    "source": "Algemene termijnenwet art. 3",
                }
            )
        decreed = DECREED.get(year)
        expected = pattern_days(holidays)
        if decreed is not None:
            assert set(decreed) == set(expected), (year, decreed, expected)  # the pattern holds
        names = dict(holidays)
        for d in decreed if decreed is not None else expected:
            rows.append(
                {
                    "date": d.isoformat(),
                    "name": f"Vrijdag na {names[d - timedelta(days=1)]} (gelijkgesteld)",
                    "kind": "gelijkgesteld",
                    "confirmed": decreed is not None,
                    "source": DECREE_SOURCE.get(
                        year, "verwacht volgens het vaste patroon; besluit nog niet gepubliceerd"
                    ),
                }
            )
    rows.sort(key=lambda r: str(r["date"]))
    return {
        "version": "2025.1",
        "source": "Algemene termijnenwet art. 1 en 3; besluiten gelijkstelling (Staatscourant)",
        "note": "Gegenereerd door resources/tools/make_holidays.py. Dagen met confirmed=false zijn "
        "verwacht maar nog niet bij besluit vastgesteld: controleer bij elk nieuw besluit.",
        "first_year": FIRST_YEAR,
        "last_year": LAST_YEAR,
        "days": rows,
    }


if __name__ == "__main__":
    OUT.write_text(json.dumps(build(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUT} geschreven")
