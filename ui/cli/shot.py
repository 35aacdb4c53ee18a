"""`shot`: screenshots of the windows, rendered offscreen (imports Qt, lazily)."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from ui.cli.common import CliError, open_database, today
from ui.shell import root


def _ensure_demo(path: Path, day: date) -> None:
    db = open_database(path)
    with db.unit_of_work() as uow:
        empty = uow.counts().get("providers", 0) == 0
    if empty:
        root.load_demo(db, today=day)


def cmd_shot(args: argparse.Namespace) -> int:
    from ui.shots import render_shots  # Qt is loaded only here

    path = root.database_path(args.db, demo=True)
    day = today(args.today)
    if not args.db and isinstance(path, Path):
        _ensure_demo(path, day)
    out = Path(args.out)
    try:
        files = render_shots(open_database(path), out, today=day)
    except OSError as exc:
        reason = exc.strerror or "schrijven mislukt"
        raise CliError(
            f"De schermafbeeldingen konden niet worden geschreven in {out}: {reason}. "
            "Kies een andere map of maak ruimte vrij; er is geen half bestand achtergebleven."
        ) from None
    for file in files:
        print(file)
    return 0
