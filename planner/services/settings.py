"""The professional's settings, stored through the port so headless printing finds them too."""

from __future__ import annotations

from dataclasses import dataclass

from planner.services.changes import Changes, Kind
from planner.services.port import UnitOfWorkFactory

# Keys in the settings store.
KEY_NAME = "professional.name"
KEY_ROLE = "professional.role"
KEY_TEAM = "professional.team"
KEY_MUNICIPALITY = "default_municipality"


@dataclass(slots=True)
class ProfessionalSettings:
    """Who signs the letters, the team, and the municipality a new household gets."""

    name: str = ""
    role: str = ""
    team: str = ""
    default_municipality: str = ""


def load_settings(storage: UnitOfWorkFactory) -> ProfessionalSettings:
    with storage.unit_of_work(write=False) as uow:
        get = uow.settings.get
        return ProfessionalSettings(
            name=get(KEY_NAME) or "",
            role=get(KEY_ROLE) or "",
            team=get(KEY_TEAM) or "",
            default_municipality=get(KEY_MUNICIPALITY) or "",
        )


def change_settings(storage: UnitOfWorkFactory, settings: ProfessionalSettings) -> Changes:
    """Store the settings (names trimmed) in one unit of work."""
    with storage.unit_of_work() as uow:
        uow.settings.set(KEY_NAME, settings.name.strip())
        uow.settings.set(KEY_ROLE, settings.role.strip())
        uow.settings.set(KEY_TEAM, settings.team.strip())
        uow.settings.set(KEY_MUNICIPALITY, settings.default_municipality)
    return Changes.of(Kind.SETTINGS)
