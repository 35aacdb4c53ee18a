"""The real program in a real X window: Xvfb with a window manager (openbox), not offscreen.

Skipped where Xvfb or openbox is not installed; CI installs them (`.ci/run`:
`scripts/system-packages.sh --test`). This is the test that sees what offscreen cannot: Qt's xcb
plugin loading, a window manager's frame and maximising, and a layout that fits the screen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2027-01-18"
pytestmark = pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("openbox")),
    reason="Xvfb en openbox zijn niet geïnstalleerd (bash scripts/system-packages.sh --test)",
)


def _x_server(size: str, tmp: Path) -> Iterator[dict[str, str]]:
    """Xvfb on a free display (it picks one and tells us) with openbox on it; the environment
    a program needs to show its window there, its own home so no user file is touched."""
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{size}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        display = ":" + pipe.readline().strip()
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp))
    env.update(XDG_DATA_HOME=str(tmp / "data"), XDG_CONFIG_HOME=str(tmp / "config"))
    env.update(XDG_CACHE_HOME=str(tmp / "cache"), XDG_STATE_HOME=str(tmp / "state"))
    wm = subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.3)  # openbox takes the screen before the first window maps
    try:
        yield env
    finally:
        for process in (wm, xvfb):
            process.terminate()
            process.wait(timeout=5)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    subprocess.run(
        [sys.executable, "main.py", "demo", "--db", str(path), "--today", TODAY],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return path


@pytest.mark.skipif(not shutil.which("xdotool"), reason="xdotool is niet geïnstalleerd")
def test_the_real_program_opens_its_window_and_quits_on_ctrl_q(demo_db: Path, tmp_path: Path) -> None:
    for env in _x_server("1366x768", tmp_path):
        program = subprocess.Popen(
            [sys.executable, "main.py", "--db", str(demo_db), "--today", TODAY],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            found = subprocess.run(
                ["xdotool", "search", "--sync", "--onlyvisible", "--name", "^Trajectplanner$"],
                env=env,
                capture_output=True,
                text=True,
                timeout=15,
            )
            window = found.stdout.split()[0]
            geometry = subprocess.run(
                ["xdotool", "getwindowgeometry", "--shell", window], env=env, capture_output=True, text=True
            ).stdout
            values = dict(line.split("=") for line in geometry.split())
            assert int(values["WIDTH"]) <= 1366 and int(values["HEIGHT"]) <= 768
            time.sleep(0.5)  # the database is attached just after the first frame
            subprocess.run(["xdotool", "windowactivate", "--sync", window], env=env, timeout=5)
            subprocess.run(["xdotool", "key", "--window", window, "ctrl+q"], env=env, timeout=5)
            assert program.wait(timeout=10) == 0, program.stderr.read() if program.stderr else ""
        finally:
            if program.poll() is None:
                program.kill()
                program.wait()


@pytest.mark.parametrize("size", ["1366x768", "1920x1080"])
def test_every_page_fits_the_screen_and_nothing_is_cut_off(demo_db: Path, tmp_path: Path, size: str) -> None:
    shots = Path(os.environ.get("TRAJECTPLANNER_SHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    for env in _x_server(size, tmp_path):
        done = subprocess.run(
            [sys.executable, "-m", "tests.ui.fit_probe", str(demo_db), str(shots), TODAY],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        report = json.loads(done.stdout.strip().splitlines()[-1])
        width, height = (int(n) for n in size.split("x"))
        assert report["screen"][2:] == [width, height]
        assert len(report["pages"]) >= 8  # the search page and every tab of the household
        problems = {page: seen["problems"] for page, seen in report["pages"].items() if seen["problems"]}
        assert problems == {}
        assert report["matrix"]["columns"] >= 4 and report["matrix"]["hidden"] == []
        assert (shots / f"{size}-leefgebieden.png").stat().st_size > 10_000
