"""Settings: the window's own (QSettings) and the professional's (in the database).

Window geometry, splitter state and recent households live in QSettings under one organisation /
application name; recent households are stored as ids only, never names (privacy). The
professional's name, role and team (signature block) and the default municipality are stored in
the database (`uow.settings`), so headless letter printing finds them too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from db.database import Database

ORGANISATION = "Trajectplanner"
APPLICATION = "Trajectplanner"
MAX_RECENT = 8

# Keys in the database settings table.
KEY_NAME = "professional.name"
KEY_ROLE = "professional.role"
KEY_TEAM = "professional.team"
KEY_MUNICIPALITY = "default_municipality"


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


@dataclass(slots=True)
class Professional:
    name: str = ""
    role: str = ""
    team: str = ""
    default_municipality: str = ""


def load_professional(db: Database) -> Professional:
    with db.unit_of_work(write=False) as uow:
        get = uow.settings.get
        return Professional(
            name=get(KEY_NAME) or "",
            role=get(KEY_ROLE) or "",
            team=get(KEY_TEAM) or "",
            default_municipality=get(KEY_MUNICIPALITY) or "",
        )


def save_professional(db: Database, p: Professional) -> None:
    with db.unit_of_work() as uow:
        uow.settings.set(KEY_NAME, p.name.strip())
        uow.settings.set(KEY_ROLE, p.role.strip())
        uow.settings.set(KEY_TEAM, p.team.strip())
        uow.settings.set(KEY_MUNICIPALITY, p.default_municipality)
