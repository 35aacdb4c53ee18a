"""The installable build (PyInstaller, one folder): built once per session with scripts/build.sh,
copied to a folder outside the checkout and run with a clean environment — no Python, no
virtualenv on PATH, no variable of ours — as a municipality's laptop would run it.

Marked `build` (about 1½ minutes to build on CI's two cores): `-m 'not build'` leaves it out
locally; TRAJECTPLANNER_BUILT=DIR uses a folder built before instead of building.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.ui.test_real_window import _x_server

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2027-01-20"
pytestmark = pytest.mark.build


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built folder (dist/trajectplanner), made once per session."""
    given = os.environ.get("TRAJECTPLANNER_BUILT")
    if given:
        return Path(given)
    pytest.importorskip("PyInstaller", reason="PyInstaller is niet geïnstalleerd (setup.sh --test)")
    work = tmp_path_factory.mktemp("build")
    env = dict(os.environ, PYTHON=sys.executable, TRAJECTPLANNER_DIST=str(work / "dist"))
    env["TRAJECTPLANNER_WORK"] = str(work / "work")
    started = time.monotonic()
    done = subprocess.run(
        ["bash", "scripts/build.sh"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    assert done.returncode == 0, done.stderr[-3000:]
    print(f"\nbuild: {time.monotonic() - started:.0f} s; {done.stdout.strip().splitlines()[-1]}")
    return work / "dist" / "trajectplanner"


@pytest.fixture(scope="module")
def installed(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the build in a folder of its own, far from the checkout and the virtualenv."""
    target = tmp_path_factory.mktemp("geinstalleerd") / "Trajectplanner"
    shutil.copytree(built, target, symlinks=True)
    return target / "trajectplanner"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What `env -i` leaves plus HOME and a system PATH: no venv, no PYTHONPATH, no key file."""
    home.mkdir(parents=True, exist_ok=True)
    return {"HOME": str(home), "PATH": "/usr/bin:/bin", **extra}


def run(program: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(program), *args, "--today", TODAY],
        cwd=program.parent.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def demo_db(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("thuis")
    db = home / "demo.db"
    done = run(installed, clean_env(home), "demo", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert "Demoregio geladen" in done.stdout
    return home, db


def test_the_copy_needs_no_python(installed: Path) -> None:
    assert not (installed.parent / "bin" / "python").exists()
    assert str(ROOT) not in str(installed) and ".venv" not in str(installed)
    fonts = list(installed.parent.rglob("DejaVuSans.ttf"))
    plugins = {p.name for p in installed.parent.rglob("*.so") if "plugins" in p.parts}
    assert fonts and {"libqxcb.so", "libqoffscreen.so", "libcupsprintersupport.so"} <= plugins
    assert list(installed.parent.rglob("libpdfium*"))  # PDFium, for the preview and printing


def test_the_built_program_writes_and_prints_a_letter(installed: Path, demo_db: tuple[Path, Path]) -> None:
    home, db = demo_db
    env = clean_env(home)
    out = home / "brieven"
    done = run(installed, env, "letter", "DEMO-0001", "--out", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    letters = [Path(line) for line in done.stdout.split()]
    assert [p.name for p in letters] == ["DEMO-0001-1-1-concept.pdf", "DEMO-0001-1-2-concept.pdf"]
    assert "Geachte mevrouw Jansen" in PdfReader(letters[0]).pages[0].extract_text()

    printed = home / "afdruk.pdf"  # the print job, through PDFium and Qt's print support
    done = run(installed, env, "print", "DEMO-0001", "--pdf", str(printed), "--db", str(db))
    assert done.returncode == 0, done.stderr
    reader = PdfReader(printed)
    pages = sum(len(PdfReader(p).pages) for p in letters)
    assert len(reader.pages) > pages  # the letters and the plan document
    assert "Geachte mevrouw Jansen" in " ".join(reader.pages[0].extract_text().split())


def test_the_built_program_ingests_a_folder_in_two_processes(
    installed: Path, demo_db: tuple[Path, Path]
) -> None:
    """A folder of 16 files is opened in a second process (planner/services/ingest.py): in the
    built program that is the program itself, started for that task only (main.py)."""
    home, db = demo_db
    env = clean_env(home)
    shown = run(installed, env, "keys", "init")
    assert shown.returncode == 0, shown.stderr
    signing = re.search(r"ed25519:\S+", shown.stdout)
    recipient = re.search(r"age1\S+", shown.stdout)
    assert signing and recipient, shown.stdout
    assert run(installed, env, "keys", "trust", signing.group(0), "--name", "Laptop").returncode == 0
    folder = home / "binnen"
    folder.mkdir()
    first = folder / "dag-00.tpx"
    done = run(installed, env, "export", "--out", str(first), "--to", recipient.group(0), "--db", str(db))
    assert done.returncode == 0, done.stderr
    for day in range(1, 16):
        shutil.copy(first, folder / f"dag-{day:02d}.tpx")
    done = run(installed, env, "import", str(folder), "--db", str(home / "kantoor.db"), "--json")
    assert done.returncode == 0, done.stderr
    results = [f["result"] for f in json.loads(done.stdout)["files"]]
    assert results == ["taken"] + ["skipped"] * 15


def test_the_built_program_previews_the_letters(installed: Path, demo_db: tuple[Path, Path]) -> None:
    """`shot` renders the windows offscreen, the preview among them: PDFium's pages on screen."""
    from PySide6.QtGui import QImage

    home, db = demo_db
    out = home / "schermen"
    done = run(
        installed, clean_env(home, QT_QPA_PLATFORM="offscreen"), "shot", "--out", str(out), "--db", str(db)
    )
    assert done.returncode == 0, done.stderr[-2000:]
    shot = QImage(str(out / "1366x768-voorbeeld.png"))
    assert not shot.isNull()
    page = shot.copy(300, 60, 700, 600)  # the first page of the first letter, right of the list
    points = [(x, y) for x in range(0, page.width(), 3) for y in range(0, page.height(), 3)]
    inked = sum(1 for x, y in points if page.pixelColor(x, y).lightness() < 160) / len(points)
    white = sum(1 for x, y in points if page.pixelColor(x, y).lightness() > 245) / len(points)
    assert 0.01 < inked < 0.4 and white > 0.5  # a page with text on it, not blank, not grey


def _first_window(
    command: list[str], env: dict[str, str], cwd: Path, log: Path
) -> tuple[float, subprocess.Popen[bytes], str]:
    """Start the program; seconds until its main window is visible, the process, the window.
    Its output goes to `log` (a pipe nobody reads could fill and stop the program)."""
    started = time.monotonic()
    with log.open("wb") as out:
        program = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    search = ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(program.pid)]
    try:
        found = subprocess.run(
            [*search, "--name", "^Trajectplanner$"], env=env, capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        program.kill()
        program.wait()
        raise AssertionError(f"no window after 60 s: {command[0]}: {log.read_text()[-2000:]}") from None
    assert found.returncode == 0, found.stderr
    return time.monotonic() - started, program, found.stdout.split()[0]


def _quit(program: subprocess.Popen[bytes], window: str, env: dict[str, str]) -> int:
    """Ctrl+Q, as a user ends the program (pressed again if the first came before it listened)."""
    try:
        for wait in (1.0, 3.0):
            time.sleep(wait)  # the database is attached just after the first frame
            for step in (["windowactivate", "--sync", window], ["key", "--window", window, "ctrl+q"]):
                subprocess.run(["xdotool", *step], env=env, capture_output=True, timeout=10)
            try:
                return program.wait(timeout=15)
            except subprocess.TimeoutExpired:
                continue
        return program.wait(timeout=1)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("openbox") and shutil.which("xdotool")),
    reason="Xvfb, openbox en xdotool zijn niet geïnstalleerd (bash scripts/system-packages.sh --test)",
)
def test_the_built_program_shows_its_window_under_xvfb_timed_against_the_virtualenv(
    installed: Path, demo_db: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, db = demo_db
    seconds = {}
    starts = {
        "built": ([str(installed)], home),
        # The same program from the virtualenv, in the same clean environment.
        "virtualenv": ([sys.executable, "main.py"], ROOT),
    }
    for name, (command, cwd) in starts.items():
        for xenv in _x_server("1366x768", tmp_path):  # an X server of its own for each start
            env = clean_env(home, DISPLAY=xenv["DISPLAY"], QT_QPA_PLATFORM="xcb")
            seconds[name], program, window = _first_window(
                [*command, "--db", str(db), "--today", TODAY], env, cwd, tmp_path / f"{name}.log"
            )
            assert _quit(program, window, env) == 0, (tmp_path / f"{name}.log").read_text()[-2000:]
    with capsys.disabled():
        print(f"\nfirst window: built {seconds['built']:.2f} s, virtualenv {seconds['virtualenv']:.2f} s")
    assert seconds["built"] < 20
