"""No verb: open the program window (the one verb, with `shot`, that imports Qt)."""

from __future__ import annotations

import argparse

from ui.cli.common import today
from ui.shell import root


def cmd_window(args: argparse.Namespace) -> int:
    # The database layer before Qt: once PySide6 is imported it reads the source of every module
    # imported after it (its __feature__ import hook), which doubled SQLAlchemy's import (issue 11.8).
    import db.database  # noqa: F401  (with its repositories)
    from ui.app import run_app  # Qt is loaded only here

    path = root.database_path(args.db, demo=args.demo)
    return run_app(path, today=today(args.today), demo=args.demo)
