"""Unique, elfproef-valid BSNs for generated members, one fixed number per (household, member) slot.

facts.md §6 reserves 999900006–999999990 for tests: about 9,000 valid numbers, too few for a large
region (100,000 households hold some 280,000 members). The numbers are therefore drawn from 7-digit
stems: a stem followed by an eighth digit 0–9 and its check digit gives at least nine valid BSNs.
Generated members take the test range's stems above the showcase's (9999100–9999999) first and
then continue downwards, just below the test range (9998999, 9998998, …). A slot's number depends
on the slot only, so regions generated in several runs, or with another seed, never collide.
Beyond the test range the numbers are valid but not reserved: they are for generated demo data only.
"""

from __future__ import annotations

import functools

from planner.bsn import check_digit

__all__ = ["PER_STEM", "demo_bsn", "member_slot"]

PER_STEM = 9  # every stem has at least nine eighth digits with a check digit (2·H mod 11 misses one)
_FIRST_STEM = 9999100  # 999910000: the showcase's hand-written numbers lie below it
_TEST_STEMS = 9999999 - _FIRST_STEM + 1
_BELOW_TEST = 9998999  # 999899990…: the first stem below the reserved test range
_LOWEST_STEM = 1000000  # nine digits without a leading zero


def member_slot(household_number: int, member_index: int, members_max: int) -> int:
    """The slot of member `member_index` (0-based) of generated household `household_number` (1-based)."""
    if not 0 <= member_index < members_max or household_number < 1:
        raise ValueError("member_slot: household numbers start at 1, member indexes below members_max")
    return (household_number - 1) * members_max + member_index


def demo_bsn(slot: int) -> str:
    """The BSN of `slot`: different for every slot, and valid by the elfproef."""
    stem_index, rank = divmod(slot, PER_STEM)
    return _stem_bsns(stem_index)[rank]


@functools.lru_cache(maxsize=64)  # consecutive slots share a stem: ten elfproef sums per nine members
def _stem_bsns(stem_index: int) -> tuple[str, ...]:
    stem = _stem(stem_index)
    found: list[str] = []
    for eighth in range(10):
        digit = check_digit(f"{stem}{eighth}")
        if digit is not None:
            found.append(f"{stem}{eighth}{digit}")
    return tuple(found[:PER_STEM])


def _stem(index: int) -> int:
    if index < 0:
        raise ValueError("demo_bsn: slots start at 0")
    stem = _FIRST_STEM + index if index < _TEST_STEMS else _BELOW_TEST - (index - _TEST_STEMS)
    if stem < _LOWEST_STEM:
        raise ValueError("demo_bsn: no generated BSNs left for this many members")
    return stem
