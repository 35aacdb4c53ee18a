"""`shot` writes screenshots (which show names and a BSN) privately, whole or not at all."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_cli import run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("shot")
    path = tmp / "demo.db"
    run(tmp, "demo", "--db", str(path))
    return path


def test_screenshots_are_private_files_in_a_private_new_folder(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "nieuw" / "schermen"
    result = run(tmp_path, "shot", "--db", str(demo_db), "--out", str(out))
    files = [Path(line) for line in result.stdout.splitlines()]
    assert files and all(f.parent == out and f.stat().st_size > 0 for f in files)
    assert {stat.S_IMODE(f.stat().st_mode) for f in files} == {0o600}
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert sorted(out.iterdir()) == sorted(files)  # no temporary file left behind


def test_a_full_disk_is_an_error_and_leaves_no_half_file(demo_db: Path, tmp_path: Path) -> None:
    disk = tmp_path / "vol"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("a small tmpfs cannot be mounted here (needs root)")
    try:
        result = run(tmp_path, "shot", "--db", str(demo_db), "--out", str(disk), check=False)
        assert result.returncode != 0
        assert "konden niet worden geschreven" in result.stderr and "geen half bestand" in result.stderr
        leftovers = list(disk.iterdir())
        assert all(f.suffix == ".png" and f.stat().st_size > 0 for f in leftovers)  # only whole files
        printed = [line for line in result.stdout.splitlines() if line]
        assert printed == []  # success is not reported
    finally:
        subprocess.run(["umount", str(disk)], check=False)
