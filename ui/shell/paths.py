"""Where the program keeps its files: per user, private (folders 0700, database 0600)."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs

_DIRS = PlatformDirs(appname="Trajectplanner", appauthor=False)


def _private_dir(path: Path) -> Path:
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)  # mkdir's mode is filtered by the umask and ignored for existing dirs
    return path


def data_dir() -> Path:
    return _private_dir(Path(_DIRS.user_data_dir))


def log_dir() -> Path:
    return _private_dir(Path(_DIRS.user_log_dir))


def backups_dir() -> Path:
    """The automatic daily backups (the folder is made private when a backup is written)."""
    return data_dir() / "backups"


def default_database_path() -> Path:
    return data_dir() / "trajectplanner.db"


def demo_database_path() -> Path:
    return data_dir() / "demo.db"


def log_path() -> Path:
    return log_dir() / "trajectplanner.log"


def config_dir() -> Path:
    """Settings and keys of this user (the exchange identity, the trusted senders)."""
    return _private_dir(Path(_DIRS.user_config_dir))
