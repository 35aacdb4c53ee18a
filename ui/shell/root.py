"""The composition root: the one place where a process of ours is put together — logging, the
database file, the reference data and the catalogue — for the window and the command line alike.

The database layer (SQLAlchemy) is imported only when a database is opened, so the window can be
on screen before it is loaded.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from ui.shell.logging_setup import install_excepthook, setup_logging
from ui.shell.paths import default_database_path, demo_database_path

if TYPE_CHECKING:
    from db.database import Database
    from db.opening import Prepared
    from planner.catalogue import Catalogue
    from planner.reference import Reference


@dataclass(frozen=True, slots=True)
class Workspace:
    """What both interfaces work on: the open database with its reference data and catalogue."""

    db: Database
    reference: Reference
    catalogue: Catalogue


def start_process(log_file: Path | None = None) -> Path:
    """The private log, with uncaught exceptions going through it; returns the log file's path.

    The process's umask becomes 0077 first: every file and folder the program (or Qt, for its
    settings file) creates is readable by the user only, without each writer having to remember.
    """
    os.umask(0o077)
    path = setup_logging(log_file)
    install_excepthook(path)
    return path


# The setting an office gives every program on its machines: a PostgreSQL URL (or a file path).
ENV_DATABASE = "TRAJECTPLANNER_DB"


def database_path(given: str | Path | None = None, *, demo: bool = False) -> Path | str:
    """What to open: the file or PostgreSQL URL given (`--db`), else the one the setting
    TRAJECTPLANNER_DB names, else the demo database or the user's own file. A URL stays a str."""
    chosen = given or (None if demo else os.environ.get(ENV_DATABASE))
    if chosen:
        return chosen if _is_url(str(chosen)) else Path(chosen)
    return demo_database_path() if demo else default_database_path()


def _is_url(text: str) -> bool:
    # The same test as db.dialect.is_url, without loading SQLAlchemy before the window shows.
    return text.startswith(("postgresql://", "postgresql+psycopg://", "postgres://"))


def open_database(path: Path | str, prepared: Prepared | None = None) -> Database:
    """Open (create, upgrade) the database; raises `db.errors.DatabaseError` with a Dutch sentence.
    `prepared`: the file as `prepare_file` found it a moment ago."""
    from db.database import Database

    return Database.open(path, prepared=prepared)


def prepare_file(path: Path) -> Prepared:
    """Find out, without the data layer, whether and how the file opens (db/opening.py);
    raises `db.errors.DatabaseError` for a file that cannot be used."""
    from db.opening import prepare

    return prepare(path)


@cache
def reference() -> Reference:
    """The versioned reference data of `resources/`, read once per process."""
    from planner.reference import load_reference

    return load_reference()


def open_workspace(db: Database) -> Workspace:
    with db.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
    return Workspace(db, reference(), catalogue)


def is_empty(db: Database) -> bool:
    """No providers and no households: a fresh file, to which the demo region can be offered."""
    with db.unit_of_work(write=False) as uow:
        return uow.is_empty()


def load_demo(db: Database, today: date, households: int = 0, *, force: bool = False) -> dict[str, int]:
    from db.demo_loader import load_demo as load

    return load(db, today=today, households=households, force=force)
