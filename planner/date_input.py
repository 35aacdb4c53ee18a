"""Reading a date the way a professional types it at the kitchen table.

Accepted (spaces around the text are ignored, case does not matter):

- eight digits `15031985` (day, month, year) or six digits `150385` (two-digit year);
- day, month and year separated by `-` (or a dash pasted from a letter), `/`, `.` or spaces:
  `15-3-1985`, `15/03/1985`, `15.3.85`; without a year (`15-3`) the date falls in this year;
- the year first with four digits: `1985-03-15` (what other programs export);
- a month name or its start: `15 maart 1985`, `15 mrt 85`, `vrijdag 15 maart 1985` (the weekday,
  as the program itself writes dates, is ignored);
- the words *vandaag*, *morgen*, *overmorgen*, *gisteren* and *eergisteren*.

Two-digit years. By default the year is the one nearest to today: from 50 years back up to 49
years ahead (in 2026: `85` is 1985, `30` is 2030, `76` is 1976, `75` is 2075). For a date that
cannot lie in the future, such as a birth date, `past=True` takes the latest year that is not
after this year (in 2026: `26` is 2026, `27` is 1927). Four digits are always taken as typed.

Years before 1900 or after 2199 are refused: at the kitchen table they are typing errors.
Whether a readable date is plausible (a birth 120 years ago, a report date in the future) is not
decided here; that is a finding (`planner.plausibility`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from planner.dutch import MONTHS, WEEKDAYS

FIRST_YEAR = 1900
LAST_YEAR = 2199
NEAR_YEARS_BACK = 50  # a two-digit year lies at most this many years back, else ahead

EXAMPLE = "Typ dag-maand-jaar, bijvoorbeeld 15-03-1985 of 15031985, of 'vandaag'."

_WORDS = {"eergisteren": -2, "gisteren": -1, "vandaag": 0, "morgen": 1, "overmorgen": 2}
_MONTH_ABBREVIATIONS = {"mrt": 3, "sept": 9}
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015/.,]+")  # hyphens and dashes a word processor makes


class DateInputError(ValueError):
    """The text is not a date; `message` says why in Dutch and how to type it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def format_date(d: date) -> str:
    """How a date field shows a date: `15-03-1985`."""
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"


def full_year(two_digits: int, today: date, *, past: bool = False) -> int:
    """The four-digit year a two-digit year stands for (the rule in the module text)."""
    if not 0 <= two_digits <= 99:
        raise ValueError(two_digits)
    if past:
        year = today.year - (today.year - two_digits) % 100
    else:
        first = today.year - NEAR_YEARS_BACK
        year = first + (two_digits - first) % 100
    return year


def parse_date(text: str, today: date, *, past: bool = False) -> date | None:
    """The date `text` stands for; None for an empty text. Raises `DateInputError` otherwise."""
    s = text.strip().lower()
    if not s:
        return None
    if s in _WORDS:
        return today + timedelta(days=_WORDS[s])
    if s.isdigit():
        if len(s) == 8:
            return _make(s[0:2], s[2:4], s[4:8], today, past)
        if len(s) == 6:
            return _make(s[0:2], s[2:4], s[4:6], today, past)
        raise DateInputError(
            f"'{text.strip()}' heeft {len(s)} cijfers. Typ acht cijfers (15031985), zes (150385) "
            "of zet streepjes: 15-3-1985."
        )
    parts = [p for p in _SEPARATORS.split(s) if p]
    if parts and parts[0] in WEEKDAYS:
        parts = parts[1:]
    if len(parts) in (2, 3) and not parts[1].isdigit():
        month = _month_number(parts[1])
        if month is not None:
            parts[1] = str(month)
    if not all(p.isdigit() for p in parts) or len(parts) not in (2, 3):
        raise DateInputError(f"'{text.strip()}' is geen datum. {EXAMPLE}")
    if len(parts) == 2:
        return _make(parts[0], parts[1], str(today.year), today, past)
    if len(parts[0]) == 4:  # 1985-03-15
        return _make(parts[2], parts[1], parts[0], today, past)
    return _make(parts[0], parts[1], parts[2], today, past)


def _month_number(word: str) -> int | None:
    if word in _MONTH_ABBREVIATIONS:
        return _MONTH_ABBREVIATIONS[word]
    if len(word) < 3:
        return None
    matches = [i + 1 for i, name in enumerate(MONTHS) if name.startswith(word)]
    return matches[0] if len(matches) == 1 else None


def _make(day_s: str, month_s: str, year_s: str, today: date, past: bool) -> date:
    if len(day_s) > 2 or len(month_s) > 2:
        raise DateInputError(f"De dag en de maand hebben elk één of twee cijfers. {EXAMPLE}")
    if len(year_s) == 2:
        year = full_year(int(year_s), today, past=past)
    elif len(year_s) == 4:
        year = int(year_s)
    else:
        raise DateInputError(
            f"Het jaar '{year_s}' kan niet kloppen. Typ het jaar met vier cijfers (1985) of twee (85)."
        )
    day, month = int(day_s), int(month_s)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateInputError(
            f"Het jaar {year} kan niet kloppen. Typ een jaar tussen {FIRST_YEAR} en {LAST_YEAR}."
        )
    if not 1 <= month <= 12:
        raise DateInputError(f"Maand {month} bestaat niet. Eerst de dag, dan de maand: 15-03-1985.")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateInputError(
            f"Dag {day} bestaat niet: {MONTHS[month - 1]} {year} heeft {last} dagen. Controleer de dag."
        )
    return date(year, month, day)
