"""Entry point: `trajectplanner` with no verb opens the window; verbs run headless."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from ui.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    import multiprocessing

    # The built program is its own second process (planner/services/ingest.py `_opening`): started
    # so, it runs the task it was started for and nothing of the program.
    multiprocessing.freeze_support()
    sys.exit(main())
