"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 drops a reference to None
on every void call and to True on every emit, which aborts the program mid-conversation."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    ping = Signal()


def test_calls_and_signals_keep_reference_counts(qapp):
    probe = _Probe()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(200):
        probe.setObjectName("probe")
        probe.ping.emit()
    assert sys.getrefcount(None) >= none_before
    assert sys.getrefcount(True) >= true_before
