"""Temporary files of killed runs are removed at the next start; a live run's are not."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from db.tempfiles import MIN_AGE_S, remove_stale_temp_files


def _aged(path: Path, seconds: float) -> Path:
    then = time.time() - seconds
    os.utime(path, (then, then))
    return path


def test_stale_atomic_writes_and_page_folders_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_temp = tmp_path / "systeem"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    out = tmp_path / "brieven"
    out.mkdir()
    killed = out / ".brief-2027-000123.pdf.k3j_9xq2.tmp"
    killed.write_bytes(b"%PDF half")
    _aged(killed, MIN_AGE_S + 60)
    live = out / ".brief-2027-000124.pdf.ab12cd34.tmp"
    live.write_bytes(b"%PDF being written")
    letter = out / "brief-2027-000123.pdf"  # a finished letter: never touched
    letter.write_bytes(b"%PDF whole")
    _aged(letter, MIN_AGE_S + 60)
    pages = system_temp / "tp-pages-x8f2"
    pages.mkdir()
    (pages / "doc.pdf").write_bytes(b"%PDF client")
    _aged(pages, MIN_AGE_S + 60)
    other = system_temp / "iets-anders"
    other.mkdir()
    _aged(other, MIN_AGE_S + 60)

    assert remove_stale_temp_files([out, tmp_path / "bestaat-niet"]) == 2
    assert not killed.exists() and not pages.exists()
    assert live.exists() and letter.exists() and other.exists()
