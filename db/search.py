"""Search keys kept on each household row, and how a typed query is read.

Name words are stored casefolded without accents, one row each (table household_words), so an
index range finds "Özdemir" by typing "ozd" and "De Vries" by "vries"; case numbers and postcodes
are stored without spaces so "1234 ab" and "1234AB" both match.

Each name word also keeps a forgiving key (`sound`): "Janssen" and "Jansen", "Meijer" and "Meyer",
"Claassen" and "Klaasen" share one, so a misspelt name is still found by an index range — after
the exact matches. A surname with its prefix is kept glued as well ("vandenberg").
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from planner.model import Household

_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Casefold and strip accents: "Çelik-Öztürk" -> "celik-ozturk"."""
    if text.isascii():  # nothing to decompose or strip (most names): a tenth of an import's time
        return text.casefold()
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def compact(text: str) -> str:
    """Normalised and without any whitespace, for case numbers and postcodes."""
    return "".join(normalise(text).split())


def words(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(normalise(text)) if w]


# Spellings Dutch names are written in interchangeably, rewritten to one (in this order).
_SOUNDS = (("ij", "y"), ("ph", "f"), ("ck", "k"), ("c", "k"), ("dt", "t"), ("z", "s"))
_DOUBLED = re.compile(r"(.)\1+")
# Surname prefixes ("tussenvoegsels"): typed or left out, a tolerant search does not require them.
NAME_PREFIXES = frozenset(
    {"van", "de", "der", "den", "het", "ter", "ten", "te", "la", "le", "du", "da", "di", "von", "op", "in"}
)


@lru_cache(maxsize=65536)
def sound(word: str) -> str:
    """The forgiving key of a normalised word: ij/y, ph/f, c/k, dt/t, z/s alike, doubled letters once."""
    for written, said in _SOUNDS:
        word = word.replace(written, said)
    return _DOUBLED.sub(r"\1", word)


def name_words(h: Household) -> list[str]:
    """The words of all member names, in order, as the search matches them; a surname with a
    prefix also glued ("van den Berg" -> "vandenberg")."""
    found: list[str] = []
    for m in h.members:
        found += words(f"{m.given_names} {m.initials} {m.surname_prefix} {m.surname}")
        if m.surname_prefix:
            found.append("".join(words(f"{m.surname_prefix} {m.surname}")))
    return found


def household_word_rows(h: Household) -> list[dict[str, str]]:
    """Rows of the household_words table: each distinct name word once, with its sound."""
    return [{"word": w, "sound": sound(w), "household_id": h.id} for w in dict.fromkeys(name_words(h))]


# Typed words this short match so many households that their first page is read in name order
# from the household_prefixes table (db.schema) rather than sorted.
SHORT_WORD = 3


def household_prefix_rows(h: Household) -> list[dict[str, str]]:
    """Rows of the household_prefixes table: the first one to SHORT_WORD letters of every name
    word, each once, with the household's sort keys."""
    return prefix_rows(list(dict.fromkeys(name_words(h))), h.name, h.case_number, h.id)


def prefix_rows(
    name_words: list[str], display_name: str, case_number: str, household_id: str
) -> list[dict[str, str]]:
    prefixes = sorted({w[:n] for w in name_words for n in range(1, SHORT_WORD + 1)})
    return [
        {"prefix": p, "display_name": display_name, "case_number": case_number, "household_id": household_id}
        for p in prefixes
    ]


def word_range(prefix: str) -> tuple[str, str]:
    """Bounds of every word starting with `prefix`, for an index range scan."""
    return prefix, prefix + "\U0010ffff"


_names_json = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(..., ensure_ascii=False)
SEARCH_COLUMNS = ("display_name", "member_names", "case_key", "postcode_key")


def household_search_fields(h: Household) -> dict[str, str]:
    """The derived columns of a household row; recomputed on every save."""
    return dict(zip(SEARCH_COLUMNS, _search_values(h), strict=True))


def _search_values(h: Household) -> tuple[str, str, str, str]:
    return (
        h.name,
        _names_json([m.full_name for m in h.members]),
        compact(h.case_number),
        compact(h.postcode),
    )


def household_search_rows(
    h: Household,
) -> tuple[tuple[str, ...], list[tuple[str, str, str]], list[tuple[str, str, str, str]]]:
    """All that is derived from a new household at once, as values: its derived columns (in
    SEARCH_COLUMNS order), its word rows (word, sound, household_id) and its prefix rows
    (prefix, display_name, case_number, household_id) — the same as the three functions above."""
    found = list(dict.fromkeys(name_words(h)))
    derived = _search_values(h)
    word_rows = [(w, sound(w), h.id) for w in found]
    shown = derived[0]
    prefix_rows = [
        (p, shown, h.case_number, h.id)
        for p in sorted({w[:n] for w in found for n in range(1, SHORT_WORD + 1)})
    ]
    return derived, word_rows, prefix_rows


@dataclass(frozen=True, slots=True)
class Query:
    """What the user typed, read in every way it could be meant."""

    compact: str  # for case number and postcode prefixes
    bsn: str | None  # exactly nine digits
    name_words: tuple[str, ...]  # each must start a word of some member's name
    sounds: tuple[str, ...]  # the tolerant reading: each must start a word's sound


def parse_query(text: str) -> Query | None:
    squeezed = compact(text)
    if not squeezed:
        return None
    bsn = squeezed if len(squeezed) == 9 and squeezed.isdigit() else None
    typed = tuple(words(text))
    # Prefixes are optional in the tolerant reading, unless nothing else was typed.
    kept = tuple(w for w in typed if w not in NAME_PREFIXES) or typed
    return Query(compact=squeezed, bsn=bsn, name_words=typed, sounds=tuple(sound(w) for w in kept))
