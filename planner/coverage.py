"""How far a set of contracts covers a period without a gap.

Regions renew contracts per year, so one provider often holds back-to-back contracts for the same
product; together they cover a period that neither covers alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from planner.model import Contract

OPEN_END = date.max


def covered_until(contracts: Iterable[Contract], start: date) -> date | None:
    """The last day up to which the contracts cover `start` onwards without a gap.

    None when `start` itself is not covered; `OPEN_END` when an open-ended contract takes over.
    """
    spans = sorted((c.start, c.end or OPEN_END) for c in contracts)
    reach: date | None = None  # last covered day of the chain that contains `start`
    for s, e in spans:
        if reach is None:
            if s <= start <= e:
                reach = e
        elif reach == OPEN_END or s > reach + timedelta(days=1):
            break
        else:
            reach = max(reach, e)
        if reach == OPEN_END:
            break
    if reach is None:
        return None
    return reach


def covers(contracts: Iterable[Contract], start: date, end: date) -> bool:
    until = covered_until(contracts, start)
    return until is not None and until >= end
