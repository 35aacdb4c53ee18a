"""Short Dutch explanations of the terms on screen, used as tooltips and "What's this" texts.

The texts live in resources/texts.toml, section [uitleg], so a term they name ("binnen 2 weken")
follows terms.toml like every other text. Life areas and ladder rungs explain themselves from
their own reference data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from planner.reference import Reference


def tip(key: str, reference: Reference | None = None) -> str:
    """The explanation for `key` (texts.toml [uitleg]); the product's reference data by default."""
    if reference is None:
        from planner.reference import load_reference  # here: the window's first frame reads none

        reference = load_reference()
    return reference.text(f"uitleg.{key}")
