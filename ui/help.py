"""Short Dutch explanations of the terms on screen, used as tooltips and "What's this" texts.

The texts live in resources/texts.toml, section [uitleg], so a term they name ("binnen 2 weken")
follows terms.toml like every other text. Life areas and ladder rungs explain themselves from
their own reference data.
"""

from __future__ import annotations

from planner.reference import Reference, load_reference


def tip(key: str, reference: Reference | None = None) -> str:
    """The explanation for `key` (texts.toml [uitleg]); the product's reference data by default."""
    return (reference or load_reference()).text(f"uitleg.{key}")
