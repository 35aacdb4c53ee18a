"""Dutch postcodes as people write them: four digits, a space, two capitals ("7201 AB").

Normalised where the postcode is typed (the household editor) and again where it is printed (the
letter's address block), so an address stored before this rule still prints the right way.
"""

from __future__ import annotations

import re

__all__ = ["normalise_postcode"]

# 4 digits (the first not 0), optional spaces, 2 letters; anything else is left as typed.
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def normalise_postcode(text: str) -> str:
    """ "7201ab" -> "7201 AB"; a text that is not a Dutch postcode is only stripped (and kept)."""
    match = _POSTCODE.match(text)
    if match is None:
        return text.strip()
    return f"{match.group(1)} {match.group(2).upper()}"
