"""The one rule every monitor figure passes before it is shown: a small count is no count.

A count of 1 to 4 is shown as "< 5", so that no household can be recognised in a small
municipality; a figure derived from so few (an average, a median, a cost) is not shown at all.
A zero is shown: it points at nobody.
"""

from __future__ import annotations

SMALL = 5  # counts below this are hidden
HIDDEN = f"< {SMALL}"


def is_small(n: int) -> bool:
    return 0 < n < SMALL


def shown(n: int) -> str:
    """A count as a report may print it."""
    return HIDDEN if is_small(n) else str(n)


def plotted(n: int) -> int:
    """A count as a chart may draw it: a hidden one as nothing."""
    return 0 if is_small(n) else n
