"""Work-arounds for bugs in the Qt binding, applied once when the UI is imported.

PySide6/shiboken6 6.12.0 on CPython 3.11 returns `None` and `True` from C++ without taking a
reference (it was built for Pythons where those singletons are immortal): every void method call
(`label.setText(...)`) lowers the reference count of `None` by one, and every `Signal.emit()` that
of `True`. After enough calls CPython frees the singleton and the process aborts ("Fatal Python
error: none_dealloc" / "bool_dealloc") — a long conversation makes millions of such calls. We
measure whether the running binding has the bug and, if so, give `None`, `True` and `False` a very
large reference count once. Extra references to these singletons can never do harm; with a fixed
binding (or Python 3.12+, where they are immortal) the probe finds nothing and nothing changes.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # calls this process can survive


def _leaks() -> bool:
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        ping = Signal()

    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(8):
        probe.setObjectName("probe")
        probe.ping.emit()
    return sys.getrefcount(None) < none_before or sys.getrefcount(True) < true_before


def apply() -> bool:
    """Apply the fix where needed; returns whether it was needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12) or not _leaks():
        return False
    for singleton in (None, True, False):
        ctypes.c_ssize_t.from_address(id(singleton)).value += _RESERVE
    return True


NEEDED = apply()
