"""What every verb shares: the Dutch error, the date and database arguments, writing files."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ui.shell import root

if TYPE_CHECKING:
    from db.database import Database


class CliError(Exception):
    """A problem to tell the user in one Dutch sentence."""


def today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"'{value}' is geen geldige datum; gebruik de vorm JJJJ-MM-DD.") from None


def db_path(args: argparse.Namespace) -> Path | str:
    """The file, or the PostgreSQL URL, `--db` (or the setting TRAJECTPLANNER_DB) names."""
    return root.database_path(args.db)


def file_path(args: argparse.Namespace) -> Path:
    """The database file, for a verb that works on the file itself (restore, encrypt)."""
    target = db_path(args)
    if isinstance(target, str):
        raise CliError(
            "Dit kan alleen met een databasebestand; een database op een PostgreSQL-server heeft er "
            "eigen voorzieningen voor (pg_dump en pg_restore, versleuteling van de serverschijf)."
        )
    return target


def open_database(path: Path | str) -> Database:
    # Imported here: the window verb shows its window before SQLAlchemy is loaded.
    from db.errors import DatabaseError

    try:
        return root.open_database(path)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None


def out_dir(value: str) -> Path:
    from db.tempfiles import remove_stale_temp_files
    from ui.shell.atomic import make_private_dirs

    out = Path(value)
    try:
        make_private_dirs(out)
    except OSError as exc:
        raise CliError(f"De map {out} kan niet worden gemaakt: {exc.strerror}.") from None
    remove_stale_temp_files([out])  # half-written letters of a run that was killed
    return out


def write(path: Path, data: bytes) -> Path:
    from ui.shell.atomic import write_atomic

    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise CliError(f"Het bestand {path} kan niet worden geschreven: {exc.strerror}.") from None
