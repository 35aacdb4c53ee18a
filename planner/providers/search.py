"""Type-to-filter over providers: name, AGB code and expertise, accents ignored."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence

from planner.catalogue import Catalogue
from planner.model import Provider

__all__ = ["ProviderIndex", "fold"]


def fold(text: str) -> str:
    """Lower case without accents, so "Zorggroep Ëlan" is found by typing "elan"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


class ProviderIndex:
    """Built once per catalogue; filters providers by a typed query over name, AGB code and expertise.

    Every word of the query must occur somewhere in the provider's text (in any order).
    """

    __slots__ = ("_rows", "_text")

    def __init__(self, providers: Iterable[Provider]) -> None:
        self._text: dict[str, str] = {}
        for p in sorted(providers, key=lambda p: fold(p.name)):
            self._text[p.id] = fold(" ".join((p.name, p.agb, *p.expertise)))
        self._rows = list(self._text.items())  # (id, folded text), by name

    @classmethod
    def from_catalogue(cls, catalogue: Catalogue) -> ProviderIndex:
        return cls(catalogue.providers.values())

    def __len__(self) -> int:
        return len(self._rows)

    def filter(self, query: str, among: Sequence[str] | None = None) -> list[str]:
        """Ids of the providers matching `query`, in the order of `among` (default: by name).

        `among` is typically the ranked list of the picker; ids unknown to the index are dropped.
        """
        if among is None:
            rows = self._rows
        else:
            text = self._text
            rows = [(i, text[i]) for i in among if i in text]
        for word in fold(query).split():  # narrow per word: each pass is one tight comprehension
            rows = [row for row in rows if word in row[1]]
        return [i for i, _ in rows]

    def matches(self, provider_id: str, query: str) -> bool:
        t = self._text.get(provider_id)
        return t is not None and all(w in t for w in fold(query).split())
