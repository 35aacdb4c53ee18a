"""One serial background worker: slow work runs off the GUI thread, its result comes back on it.

Modelled on Picard's `run_task`/`to_main` and Anki's serial collection executor. A plain function
runs on the worker's single thread, in the order submitted; its result (or exception) is handed
to a callback on the GUI thread. A task given a `key` supersedes the earlier tasks with that key:
one that has not started yet is skipped, one that has finished is not delivered, so an older
search never overwrites a newer one.

What runs on the worker touches no widget and shares no database connection with the GUI thread:
it opens its own unit of work, and the engine's pool gives each unit of work a connection of its
own for as long as it lasts.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sys
import threading
import time
import traceback
import weakref
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from shiboken6 import isValid

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(eq=False)
class _Task(Generic[T]):
    fn: Callable[[], T]
    on_done: Callable[[T], object] | None
    on_error: Callable[[BaseException], object] | None
    key: str | None
    generation: int
    owner: QObject | None
    name: str
    skipped: bool = False
    value: Any = None
    error: BaseException | None = field(default=None, repr=False)


class _Bridge(QObject):
    """Carries "results are waiting" from the worker thread to the GUI thread.

    It lives as long as the application, so the worker thread never emits on an object that is
    being deleted; the worker itself is a plain Python object, which may be released on any thread
    (a QObject released on its background thread — the thread that held the last reference —
    crashed the process)."""

    posted = Signal(object)  # weakref.ref(Worker)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.posted.connect(self._call, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _call(self, ref: weakref.ref[Worker]) -> None:
        worker = ref()
        if worker is not None:
            worker._deliver()


_bridge: _Bridge | None = None


def _the_bridge() -> _Bridge:
    global _bridge
    if _bridge is None or not isValid(_bridge):
        _bridge = _Bridge(QCoreApplication.instance())
    return _bridge


class Worker:
    """Runs plain functions one at a time on one background thread; callbacks on the GUI thread.

    Create it on the GUI thread."""

    def __init__(self) -> None:
        self._bridge = _the_bridge()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="trajectplanner-worker")
        self._lock = threading.Lock()
        self._ran = threading.Condition(self._lock)
        self._outbox: deque[_Task[Any]] = deque()
        self._latest: dict[str, int] = {}
        self._generations = itertools.count(1)
        self._running = 0  # submitted and not yet run (guarded by _lock)
        self._undelivered = 0  # submitted and not yet delivered (GUI thread only)

    # --- the GUI thread's side ------------------------------------------------------------

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], object] | None = None,
        on_error: Callable[[BaseException], object] | None = None,
        *,
        key: str | None = None,
        owner: QObject | None = None,
        name: str = "",
    ) -> None:
        """Run `fn()` on the worker; then `on_done(result)` or `on_error(exception)` here.

        `key`: a later task with the same key supersedes this one. `owner`: a widget or object
        whose deletion (a dialog closed meanwhile) drops the callback.
        """
        with self._lock:
            generation = next(self._generations)
            if key is not None:
                self._latest[key] = generation
            self._running += 1
        self._undelivered += 1
        task = _Task(fn, on_done, on_error, key, generation, owner, name or getattr(fn, "__name__", "task"))
        self._executor.submit(self._run, task)

    @property
    def idle(self) -> bool:
        """Nothing waiting, running, or waiting to be delivered."""
        return self._undelivered == 0

    def finish(self, timeout_s: float | None = None) -> bool:
        """Block until every task submitted has run and its callback has been called.

        For the few places that must be synchronous, such as saving when the window closes. A
        callback may submit more work; that is waited for too. False when `timeout_s` ran out.
        """
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            with self._ran:
                if not self._ran.wait_for(lambda: self._running == 0, timeout=remaining):
                    return False
            self._deliver()
            with self._lock:
                if self._running == 0 and not self._outbox:
                    return True

    def _deliver(self) -> None:
        while True:
            with self._lock:
                if not self._outbox:
                    return
                task = self._outbox.popleft()
                current = task.key is None or self._latest.get(task.key) == task.generation
            self._undelivered -= 1
            if task.skipped or not current:
                continue  # superseded: a newer task with this key has or will have its say
            if task.owner is not None and not isValid(task.owner):
                continue  # whoever asked is gone
            try:
                if task.error is not None:
                    if task.on_error is not None:
                        task.on_error(task.error)
                    else:
                        _log_failure(task.name, task.error)
                elif task.on_done is not None:
                    task.on_done(task.value)
            except Exception as exc:  # one broken callback must not stop the others ...
                _log_failure(f"{task.name} (callback)", exc)
                sys.excepthook(type(exc), exc, exc.__traceback__)  # ... nor go unnoticed (tests)

    # --- the worker thread's side ---------------------------------------------------------

    def _run(self, task: _Task[Any]) -> None:
        with self._lock:
            task.skipped = task.key is not None and self._latest.get(task.key) != task.generation
        if not task.skipped:
            try:
                task.value = task.fn()
            except BaseException as exc:  # handed to the GUI thread, never lost in this one
                task.error = exc
        with self._ran:
            self._outbox.append(task)
            with contextlib.suppress(RuntimeError):  # the application has shut down
                self._bridge.posted.emit(weakref.ref(self))
            self._running -= 1
            self._ran.notify_all()


def failure_text(exc: BaseException) -> str:
    """An exception for the log: its type and where it happened, never its message (which may
    quote SQL parameters, i.e. client data)."""
    frames = traceback.extract_tb(exc.__traceback__)
    return type(exc).__name__ + "".join(f"\n  {f.filename}:{f.lineno} in {f.name}" for f in frames)


def _log_failure(name: str, exc: BaseException) -> None:
    log.error("background task %s failed: %s", name, failure_text(exc))


_shared: Worker | None = None


def shared_worker() -> Worker:
    """The application's one worker (created on first use, for the QApplication's lifetime)."""
    global _shared
    if _shared is None or _shared._bridge is not _the_bridge():
        _shared = Worker()
    return _shared
