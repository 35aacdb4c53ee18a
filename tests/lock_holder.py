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
