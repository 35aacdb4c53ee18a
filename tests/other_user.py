"""Acting as another user for a moment, to meet a real permission check (root may do anything)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

NOBODY = 65534


@contextlib.contextmanager
def as_nobody() -> Iterator[None]:
    """As `nobody` while the block runs when we are root; as ourselves otherwise."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)
