"""The serial background worker, run for real: order, threads, superseded results, errors."""

from __future__ import annotations

import functools
import threading

from PySide6.QtCore import QObject, QThread

from ui.worker import Worker


def test_runs_in_order_off_the_gui_thread_and_calls_back_on_it(qtbot) -> None:
    worker = Worker()
    ran: list[tuple[int, str]] = []
    delivered: list[tuple[int, bool]] = []
    gui = QThread.currentThread()

    def job(n: int) -> int:
        ran.append((n, threading.current_thread().name))
        return n

    def back(value: int) -> None:
        delivered.append((value, QThread.currentThread() is gui))

    for n in range(5):
        worker.submit(functools.partial(job, n), back)
    assert not worker.idle
    qtbot.waitUntil(lambda: worker.idle, timeout=2000)  # delivered through the event loop
    assert [n for n, _ in ran] == [0, 1, 2, 3, 4]
    assert {name for _, name in ran} == {ran[0][1]} and ran[0][1] != threading.current_thread().name
    assert delivered == [(n, True) for n in range(5)]


def test_a_newer_task_with_the_same_key_supersedes_the_older(qtbot) -> None:
    worker = Worker()
    gate = threading.Event()
    ran: list[str] = []
    shown: list[str] = []

    def search(text: str) -> str:
        ran.append(text)
        return text

    worker.submit(gate.wait)  # holds the worker, as a slow save would
    worker.submit(lambda: search("Jan"), shown.append, key="search")
    worker.submit(lambda: search("Jansen"), shown.append, key="search")
    worker.submit(lambda: "other", shown.append, key="pages")
    gate.set()
    assert worker.finish(timeout_s=5)
    assert ran == ["Jansen"]  # the superseded search did not even run
    assert shown == ["Jansen", "other"]


def test_a_result_that_arrives_after_a_newer_request_is_dropped(qtbot) -> None:
    worker = Worker()
    started, gate = threading.Event(), threading.Event()
    shown: list[str] = []

    def slow() -> str:
        started.set()
        gate.wait(5)
        return "old"

    worker.submit(slow, shown.append, key="search")
    assert started.wait(5)  # running already, so it cannot be skipped
    worker.submit(lambda: "new", shown.append, key="search")
    gate.set()
    assert worker.finish(timeout_s=5)
    assert shown == ["new"]


def test_an_exception_reaches_on_error_on_the_gui_thread(qtbot) -> None:
    worker = Worker()
    errors: list[tuple[str, bool]] = []
    gui = QThread.currentThread()
    worker.submit(
        lambda: 1 / 0,
        lambda _v: errors.append(("done", False)),
        lambda exc: errors.append((type(exc).__name__, QThread.currentThread() is gui)),
    )
    worker.submit(lambda: "next", lambda v: errors.append((v, True)))  # the worker carries on
    assert worker.finish(timeout_s=5)
    assert errors == [("ZeroDivisionError", True), ("next", True)]


def test_without_on_error_the_failure_is_logged_without_its_message(qtbot, caplog) -> None:
    worker = Worker()

    def fails() -> None:
        raise ValueError("Jansen 123456782")  # an error message may quote client data

    worker.submit(fails, name="probe")
    assert worker.finish(timeout_s=5)
    logged = caplog.text
    assert "probe" in logged and "ValueError" in logged
    assert "Jansen" not in logged and "123456782" not in logged


def test_a_deleted_owner_gets_no_callback(qtbot) -> None:
    worker = Worker()
    gate = threading.Event()
    owner = QObject()
    shown: list[str] = []
    worker.submit(gate.wait)
    worker.submit(lambda: "late", shown.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner), timeout=2000)
    gate.set()
    assert worker.finish(timeout_s=5)
    assert shown == []


def test_finish_waits_for_work_a_callback_submits(qtbot) -> None:
    worker = Worker()
    seen: list[str] = []

    def first_done(value: str) -> None:
        seen.append(value)
        worker.submit(lambda: "second", seen.append)

    worker.submit(lambda: "first", first_done)
    assert worker.finish(timeout_s=5)
    assert seen == ["first", "second"] and worker.idle


def test_finish_gives_up_at_its_timeout(qtbot) -> None:
    worker = Worker()
    gate = threading.Event()
    worker.submit(gate.wait)
    assert not worker.finish(timeout_s=0.05)
    gate.set()
    assert worker.finish(timeout_s=5)


def _alive(obj: QObject) -> bool:
    from shiboken6 import isValid

    return isValid(obj)


def test_a_broken_callback_does_not_stop_the_next_one(qtbot, monkeypatch) -> None:
    import sys

    worker = Worker()
    hooked: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, exc, tb: hooked.append(kind.__name__))
    seen: list[str] = []

    def broken(_value: object) -> None:
        raise KeyError("bug")

    worker.submit(lambda: 1, broken, name="first")
    worker.submit(lambda: "second", seen.append)
    assert worker.finish(timeout_s=5)
    assert seen == ["second"] and hooked == ["KeyError"]
