"""What a search must show, found by brute force: the tests' oracle for the indexed walks."""

from __future__ import annotations

from collections.abc import Sequence

from db.search import name_words, parse_query, sound
from planner.model import Household


def expected_page(kept: Sequence[Household], text: str) -> list[str]:
    """The case numbers of the first page (50) a search for `text` shows of `kept`, which are
    in name order: the households whose words start with every typed word, then the tolerant
    matches (by sound) after them."""
    query = parse_query(text)
    assert query is not None

    def starts(typed: tuple[str, ...], keys: list[str]) -> bool:
        return all(any(k.startswith(t) for k in keys) for t in typed)

    exact = [h.case_number for h in kept if starts(query.name_words, name_words(h))]
    tolerant = [
        h.case_number
        for h in kept
        if h.case_number not in exact and starts(query.sounds, [sound(w) for w in name_words(h)])
    ]
    return (exact + tolerant)[:50]
