"""The citizen service number (BSN): elfproef check, typing feedback, masking (facts.md §6).

A BSN has 9 digits; the sum of the digits times 9, 8, 7, 6, 5, 4, 3, 2 and -1 must be divisible
by 11, and 000000000 is not a BSN. Spaces and dots people type for readability are ignored.
Never log a BSN: use `mask_bsn` wherever one must be shown outside the member's own screen.
"""

from __future__ import annotations

import functools
import operator

__all__ = ["bsn_problem", "check_digit", "clean_bsn", "is_valid_bsn", "mask_bsn", "uncached_bsn_problem"]

_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_LENGTH = len(_WEIGHTS)
_SEPARATORS = " .-\u00a0"


def clean_bsn(text: str) -> str:
    """The text without the spaces, dots and dashes people type between groups of digits."""
    text = text.strip()
    if text.isascii() and text.isdigit():  # the usual, stored form: nothing to take out
        return text
    return "".join(ch for ch in text.strip() if ch not in _SEPARATORS)


_ZERO_WEIGHT = ord("0") * sum(_WEIGHTS)


def _elfproef(digits: str) -> bool:
    """`digits`: ASCII digits. Their character codes are weighted, less the weighted code of "0":
    no int() per digit (`check` tests every member's BSN, 280,000 at 100,000 households)."""
    total: int = sum(map(operator.mul, _WEIGHTS, digits.encode("ascii"))) - _ZERO_WEIGHT
    return total % 11 == 0


def check_digit(first_eight: str) -> int | None:
    """The last digit that makes `first_eight` digits a BSN that passes the elfproef, or None when
    no digit does (a weighted sum of 10 modulo 11). For generating test numbers, not for checking."""
    if len(first_eight) != _LENGTH - 1 or not _is_digits(first_eight):
        raise ValueError("check_digit takes the first eight digits of a BSN")
    digit = sum(map(operator.mul, _WEIGHTS, map(int, first_eight))) % 11
    return digit if digit < 10 and first_eight + str(digit) != "0" * _LENGTH else None


def _is_digits(text: str) -> bool:
    # str.isdigit accepts superscripts and other scripts' digits; a BSN is ASCII 0-9 only.
    return text.isascii() and text.isdigit()


@functools.lru_cache(maxsize=65536)  # `check` and the window test the same stored BSNs again and again
def is_valid_bsn(text: str) -> bool:
    digits = clean_bsn(text)
    return len(digits) == _LENGTH and _is_digits(digits) and digits != "0" * _LENGTH and _elfproef(digits)


@functools.lru_cache(maxsize=65536)  # the window asks again for the text being typed
def bsn_problem(text: str) -> str | None:
    """What is wrong with a typed BSN, in Dutch, or None when it is valid.

    Usable while typing: an empty field gives None (the BSN is optional for a newborn; whether one
    is required is a rule elsewhere).
    """
    return uncached_bsn_problem(text)


def uncached_bsn_problem(text: str) -> str | None:
    """`bsn_problem` without its cache, for many different BSNs tested once each (the rules over
    every member at `check`: past the cache's size every look-up misses, and a miss in a full
    cache costs as much as the test itself)."""
    digits = text
    # The stored form (nine ASCII digits) has nothing to clean: `check` tests every member's.
    if len(text) != _LENGTH or not (text.isascii() and text.isdigit()):
        digits = clean_bsn(text)
        if not digits:
            return None
        if not _is_digits(digits):
            return "Een BSN bestaat alleen uit cijfers."
        if len(digits) != _LENGTH:
            return f"Een BSN heeft {_LENGTH} cijfers; u typte er {len(digits)}."
    if digits == "0" * _LENGTH or not _elfproef(digits):
        return "Dit BSN klopt niet (elfproef). Controleer de cijfers."
    return None


def mask_bsn(text: str) -> str:
    """Only the last three digits visible ("******782"), to minimise the BSN on screen and paper.

    Logs get no BSN at all, not even masked.
    """
    digits = clean_bsn(text)
    if len(digits) <= 3:
        return "*" * len(digits)
    return "*" * (len(digits) - 3) + digits[-3:]
