"""How long each free-text field may be: one table, enforced by the edit operations and shown
while typing (ui/fields.py).

Generous for real notes (a situation or a desired result of a long conversation fits in 4,000
characters, about a page) and short enough that every document still prints in a few pages.
A field not in the table is not free text (a date, a code, an amount). Lengths count characters
(code points), as a professional counts them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from planner.dutch import number


@dataclass(frozen=True, slots=True)
class TextLimit:
    maximum: int  # characters
    label: str  # the field as the professional knows it, for the message


NOTE = 4000  # a note, a situation, a desired result
REASON = 2000  # a reason or an explanation
LINE = 200  # a name, a label, one line of text

# (record type name, field name) -> limit; the ladder's rungs share one limit ("ladder").
LIMITS: dict[tuple[str, str], TextLimit] = {
    ("Household", "street"): TextLimit(100, "Straat"),
    ("Household", "house_number"): TextLimit(20, "Huisnummer"),
    ("Household", "postcode"): TextLimit(10, "Postcode"),
    ("Household", "city"): TextLimit(80, "Woonplaats"),
    ("Household", "safety_note"): TextLimit(NOTE, "Notitie over de veiligheid"),
    ("Member", "given_names"): TextLimit(120, "Voornamen"),
    ("Member", "initials"): TextLimit(30, "Voorletters"),
    ("Member", "surname_prefix"): TextLimit(30, "Tussenvoegsel"),
    ("Member", "surname"): TextLimit(120, "Achternaam"),
    ("Member", "salutation"): TextLimit(LINE, "Aanhef"),
    ("Plan", "participants"): TextLimit(1000, "Wie waren bij het gesprek"),
    ("Plan", "safety_assessment"): TextLimit(NOTE, "Beoordeling van de veiligheid"),
    ("LifeAreaResult", "current_situation"): TextLimit(NOTE, "Huidige situatie"),
    ("LifeAreaResult", "desired_result"): TextLimit(NOTE, "Wat wij willen bereiken"),
    ("LifeAreaResult", "reached_reason"): TextLimit(REASON, "Toelichting bij het resultaat"),
    ("LifeAreaResult", "ladder"): TextLimit(REASON, "Wie helpt (ladder)"),
    ("Goal", "text"): TextLimit(1000, "Doel"),
    ("Goal", "who"): TextLimit(LINE, "Wie doet het"),
    ("HoursLine", "label"): TextLimit(LINE, "Activiteit"),
    ("HoursLine", "reason"): TextLimit(1000, "Reden bij de uren"),
    ("Continuity", "reason"): TextLimit(REASON, "Reden voor de zorgaanbieder"),
    ("Allocation", "extended_youth_care_reason"): TextLimit(REASON, "Reden voor verlengde jeugdhulp"),
    ("Allocation", "request_text"): TextLimit(1000, "Wat er gevraagd is"),
    ("Allocation", "motivation"): TextLimit(NOTE, "Motivering"),
}


class TextTooLong(ValueError):
    """A text longer than its field allows (message in Dutch: which field, how long, what to do)."""


def limit_of(record: type | object, name: str) -> TextLimit | None:
    kind = record if isinstance(record, type) else type(record)
    return LIMITS.get((kind.__name__, name))


def message(limit: TextLimit, length: int) -> str:
    return (
        f"{limit.label} is te lang: {number(length)} tekens, er passen er ten hoogste "
        f"{number(limit.maximum)}. Maak de tekst korter; de rest kan in een ander veld of een doel."
    )


def check(record: type | object, values: Mapping[str, Any], old: Mapping[str, str] | None = None) -> None:
    """Refuse (TextTooLong) a value longer than its field of `record` allows; records inside a
    value (the hours lines, the continuity of an allocation) are checked field by field.

    A text stored before the limits existed may be longer: it may be shortened step by step, so a
    value is refused only when it is over the limit and longer than the one it replaces (`old`,
    by default the record's current value)."""
    for name, value in values.items():
        limit = limit_of(record, name)
        if limit is not None and isinstance(value, str) and len(value) > limit.maximum:
            before = old.get(name) if old is not None else getattr(record, name, None)
            if not isinstance(before, str) or len(value) > len(before):
                raise TextTooLong(message(limit, len(value)))
        for item in value if isinstance(value, list | tuple) else (value,):
            if dataclasses.is_dataclass(item) and not isinstance(item, type):
                check_record(item)


def check_record(record: object) -> None:
    """Every text field of a record (a new hours line, a continuity agreement)."""
    assert dataclasses.is_dataclass(record) and not isinstance(record, type)
    check(type(record), {f.name: getattr(record, f.name) for f in dataclasses.fields(record)})
