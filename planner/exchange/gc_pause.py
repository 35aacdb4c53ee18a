"""Cyclic garbage collection paused while a large file is read or imported.

Reading a 1,000-plan file builds a few hundred thousand small, acyclic objects (the parsed JSON,
the records) while the whole parsed document is alive; every full collection the allocations set
off walks all of it again, for nothing: a third of an import (bench_exchange.py). Reference
counting still frees everything; the collector runs as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
