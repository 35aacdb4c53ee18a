"""The installable build (PyInstaller, one folder): built once per session with scripts/build.sh,
copied to a folder outside the checkout and run with a clean environment — no Python, no
virtualenv on PATH, no variable of ours — as a municipality's laptop would run it.

Marked `build` (about 1½ minutes to build on CI's two cores): `-m 'not build'` leaves it out
locally; TRAJECTPLANNER_BUILT=DIR uses a folder built before instead of building.
"""

from __future__ import annotations

import os
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


def _first_window(
    command: list[str], env: dict[str, str], cwd: Path
) -> tuple[float, subprocess.Popen[bytes], str]:
    """Start the program; seconds until its main window is visible, the process, the window."""
    started = time.monotonic()
    program = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    search = ["xdotool", "search", "--sync", "--onlyvisible", "--pid", str(program.pid)]
    try:
        found = subprocess.run(
            [*search, "--name", "^Trajectplanner$"], env=env, capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        program.kill()
        _, err = program.communicate()
        raise AssertionError(f"no window after 60 s: {command[0]}: {err.decode()[-2000:]}") from None
    assert found.returncode == 0, found.stderr
    return time.monotonic() - started, program, found.stdout.split()[0]


def _quit(program: subprocess.Popen[bytes], window: str, env: dict[str, str]) -> int:
    time.sleep(0.5)  # the database is attached just after the first frame
    for step in (["windowactivate", "--sync", window], ["key", "--window", window, "ctrl+q"]):
        subprocess.run(["xdotool", *step], env=env, capture_output=True, timeout=5)
    try:
        return program.wait(timeout=15)
    finally:
        if program.poll() is None:
            program.kill()
            program.wait()


@pytest.mark.skipif(
    not (shutil.which("Xvfb") and shutil.which("openbox") and shutil.which("xdotool")),
    reason="Xvfb, openbox en xdotool zijn niet geïnstalleerd (bash scripts/system-packages.sh --test)",
)
def test_the_built_program_shows_its_window_sooner_or_as_soon_as_the_virtualenv(
    installed: Path, demo_db: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, db = demo_db
    for xenv in _x_server("1366x768", tmp_path):
        env = clean_env(home, DISPLAY=xenv["DISPLAY"], QT_QPA_PLATFORM="xcb")
        built_seconds, program, window = _first_window(
            [str(installed), "--db", str(db), "--today", TODAY], env, home
        )
        assert _quit(program, window, env) == 0
        # The same program from the virtualenv, in the same clean environment and X server.
        venv_seconds, program, window = _first_window(
            [sys.executable, "main.py", "--db", str(db), "--today", TODAY], env, ROOT
        )
        assert _quit(program, window, env) == 0
        with capsys.disabled():
            print(f"\nfirst window: built {built_seconds:.2f} s, virtualenv {venv_seconds:.2f} s")
        assert built_seconds < 20
