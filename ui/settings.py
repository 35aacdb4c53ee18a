"""Settings: the window's own (QSettings) and the professional's (in the database).

Window geometry, splitter state and recent households live in QSettings under one organisation /
application name; recent households are stored as ids only, never names (privacy). The
professional's name, role and team (signature block) and the default municipality are stored in
the database through the operations in `planner.services.settings`, so headless letter printing
finds them too.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from planner.services import settings as settings_ops

if TYPE_CHECKING:
    from db.database import Database

ORGANISATION = "Trajectplanner"
APPLICATION = "Trajectplanner"
MAX_RECENT = 8

# The professional's settings are planner's (operations over the port); re-exported here.
KEY_NAME, KEY_ROLE, KEY_TEAM, KEY_MUNICIPALITY = (
    settings_ops.KEY_NAME,
    settings_ops.KEY_ROLE,
    settings_ops.KEY_TEAM,
    settings_ops.KEY_MUNICIPALITY,
)
Professional = settings_ops.ProfessionalSettings


class WindowSettings:
    """QSettings wrapper; pass `path` (an .ini file) in tests to stay out of the user's settings."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self.qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
            )
        else:
            self.qs = QSettings(str(path), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self.qs.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qs.setValue(key, value)

    def recent(self) -> list[str]:
        value = self.qs.value("recent/households", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in value or []]

    def add_recent(self, household_id: str) -> None:
        ids = [household_id, *(i for i in self.recent() if i != household_id)][:MAX_RECENT]
        self.qs.setValue("recent/households", ids)

    def remove_recent(self, household_id: str) -> None:
        self.qs.setValue("recent/households", [i for i in self.recent() if i != household_id])

    def sync(self) -> None:
        self.qs.sync()


def load_professional(db: Database) -> Professional:
    return settings_ops.load_settings(db)


def save_professional(db: Database, p: Professional) -> None:
    """Store without announcing (no window open); the window uses `MainWindow.change_settings`."""
    settings_ops.change_settings(db, p)
