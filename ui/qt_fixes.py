"""Work-arounds for bugs in the Qt binding, applied once when `ui` is imported.

PySide6 6.12.0: every `SignalInstance.emit()` called from Python returns `True` without taking a
reference, so each emit lowers the reference count of `True` by one. After a few hundred emits
CPython frees `True` and the process aborts ("Fatal Python error: bool_dealloc"). A
long conversation emits thousands of signals. We measure whether the running binding has the bug
and, if so, give `True` (and `False`, for safety) a very large reference count once. An extra
reference to these two singletons can never do harm; when the binding is fixed, the probe finds
nothing and nothing is changed.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # emits this process can survive


def _emit_leaks_true() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    return sys.getrefcount(True) < before


def apply() -> bool:
    """Apply the fix where needed; returns whether it was needed."""
    if sys.implementation.name != "cpython" or not _emit_leaks_true():
        return False
    for singleton in (True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    return True


NEEDED = apply()
