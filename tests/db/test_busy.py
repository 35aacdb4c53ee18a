"""Another process holding the write lock: a unit of work can wait briefly, and says it was busy."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from db.database import Database
from db.errors import ConstraintError, is_busy
from tests.lock_holder import holding_the_lock


@pytest.mark.sqlite_only("PRAGMA busy_timeout; de server: tests/db/test_postgres.py")
def test_a_short_busy_timeout_gives_up_quickly_and_is_recognised_as_busy(db: Database, db_path: Path) -> None:
    with holding_the_lock(db_path):
        t0 = time.perf_counter()
        with pytest.raises(Exception) as caught, db.unit_of_work(busy_timeout_s=0.2) as uow:
            uow.settings.set("probe", "1")
        waited = time.perf_counter() - t0
        assert is_busy(caught.value)
        assert 0.15 <= waited < 2  # not the 10 s a unit of work waits by default
        with db.unit_of_work(write=False) as uow:  # reading is not held up (WAL)
            assert uow.settings.get("probe") is None
    # The connection goes back to the pool with the normal timeout, and writing works again.
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000
    with db.unit_of_work(busy_timeout_s=0.2) as uow:
        uow.settings.set("probe", "1")
    with db.unit_of_work(write=False) as uow:
        assert uow.settings.get("probe") == "1"


def test_other_failures_are_not_busy() -> None:
    assert not is_busy(ValueError("database is locked"))  # the words alone are not enough
    assert not is_busy(ConstraintError("Dossiernummer is al in gebruik"))
    try:
        try:
            raise OSError(28, "No space left on device")
        except OSError as inner:
            raise RuntimeError("wrapped") from inner
    except RuntimeError as outer:
        assert not is_busy(outer)
