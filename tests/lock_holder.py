"""Another program holding the database's write lock: a real second process, for as long as a
test wants. Used as `with holding_the_lock(path) as release: ...`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from tests.db.raw import raw_connect  # keyed like the program's own connections
    con = raw_connect(Path(sys.argv[1]), isolation_level=None, timeout=5)
    con.execute("BEGIN EXCLUSIVE")  # as another program mid-transaction would
    print("LOCKED", flush=True)
    sys.stdin.readline()  # until the test lets go, or its end of the pipe closes
    con.execute("ROLLBACK")
    con.close()
    print("RELEASED", flush=True)
    """
)


@contextmanager
def holding_the_lock(path: Path) -> Iterator[Callable[[], None]]:
    """Yields `release()`; the lock is released at the end of the block in any case."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    line = child.stdout.readline()
    assert line.strip() == "LOCKED", child.stderr.read() if child.stderr else line

    def release() -> None:
        if child.poll() is None and child.stdin is not None and not child.stdin.closed:
            child.stdin.write("\n")
            child.stdin.close()
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "RELEASED"
            child.wait(10)

    try:
        yield release
    finally:
        release()
        if child.poll() is None:
            child.kill()
            child.wait(10)


OPENER = (
    "import sys; from db.database import Database; "
    "db = Database.open(sys.argv[1], encrypt=sys.argv[2] == '1'); db.unit_of_work(write=False).__enter__(); "
    "print('open', flush=True); sys.stdin.read()"
)


@contextmanager
def open_in_another_program(path: Path, *, encrypt: bool = True) -> Iterator[None]:
    """Another program has the database open (a read transaction) while the block runs."""
    root = Path(__file__).resolve().parents[1]
    holder = subprocess.Popen(
        [sys.executable, "-c", OPENER, str(path), "1" if encrypt else "0"],
        cwd=root,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        yield
    finally:
        holder.communicate("", timeout=30)
