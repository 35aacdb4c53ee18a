"""No verb: open the program window (the one verb, with `shot`, that imports Qt)."""

from __future__ import annotations

import argparse

from ui.cli.common import today
from ui.shell import root


def cmd_window(args: argparse.Namespace) -> int:
    # The data layer (SQLAlchemy) is not imported here: the window loads it after its first frame.
    from ui.pyside_imports import skip_feature_scan

    skip_feature_scan()  # Qt is loaded only here
    from ui.app import run_app

    path = root.database_path(args.db, demo=args.demo)
    return run_app(path, today=today(args.today), demo=args.demo)
