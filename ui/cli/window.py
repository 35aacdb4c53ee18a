"""No verb: open the program window (the one verb, with `shot`, that imports Qt)."""

from __future__ import annotations

import argparse

from ui.cli.common import today
from ui.shell import root


def cmd_window(args: argparse.Namespace) -> int:
    from ui.app import run_app  # Qt is loaded only here

    path = root.database_path(args.db, demo=args.demo)
    return run_app(path, today=today(args.today), demo=args.demo)
