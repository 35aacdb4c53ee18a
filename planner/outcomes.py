"""Request and outcome of an allocation (domain.md §6): what was asked, and what is granted.

An allocation answers what was asked in the application. Unset request fields mean "as granted",
so every allocation recorded before outcomes existed reads as granted as asked. A refusal grants
nothing: it counts in no total, cost or own contribution, and its amount and period are what was
asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from planner.model import Allocation, Law, Outcome


def asked_volume(a: Allocation) -> int:
    return a.requested_volume if a.requested_volume is not None else a.volume


def asked_period(a: Allocation) -> tuple[date, date]:
    """The period asked for, inclusive; the granted period where none was recorded."""
    return (a.requested_start or a.start, a.requested_end or a.end)


def compared_period(a: Allocation) -> tuple[date, date]:
    """The asked period this allocation answers. A part of an 18th-birthday split answers only its
    share: the Jeugdwet part up to the birthday, the Wmo part from it; that boundary is no
    shortening of what was asked."""
    start, end = asked_period(a)
    if a.law is Law.JEUGDWET and not a.extended_youth_care and end > a.end:
        end = a.end
    elif a.law is Law.WMO and start < a.start:
        start = a.start
    return (start, end)


def is_granted(a: Allocation) -> bool:
    """Granted in full or in part: the allocation gives support (counts in totals and costs)."""
    return a.outcome is not Outcome.REFUSED


def granted(allocations: Iterable[Allocation]) -> list[Allocation]:
    return [a for a in allocations if is_granted(a)]


def needs_motivation(a: Allocation) -> bool:
    """A partial grant or a refusal must say why before the plan is decided (Awb 3:46)."""
    return a.outcome is not Outcome.GRANTED


def less_than_asked(a: Allocation) -> bool:
    """Less amount, or a shorter period, than asked."""
    start, end = compared_period(a)
    return a.volume < asked_volume(a) or a.start > start or a.end < end


def more_than_asked(a: Allocation) -> bool:
    """More amount, or a period reaching beyond what was asked."""
    start, end = compared_period(a)
    return a.volume > asked_volume(a) or a.start < start or a.end > end


def request_differs(a: Allocation) -> bool:
    """Whether anything of the request was recorded apart from the granted amount and period."""
    return less_than_asked(a) or more_than_asked(a)
