"""Who is saving, and on which device: stamped on every record a save writes (domain.md §7).

The device id is made once per database (migration 0010, or here for a file without one) and kept
in the settings; the professional is the name saved in Instellingen. Both are read once per
transaction, on its first write.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import Connection, insert, select

from db import schema as s

KEY_DEVICE = "exchange.device"
KEY_PROFESSIONAL = "professional.name"  # planner.services.settings.KEY_NAME

_CACHE = "trajectplanner.author"


def device_id(conn: Connection) -> str:
    """This database's device id, made on first use."""
    found = conn.execute(select(s.settings.c.value).where(s.settings.c.key == KEY_DEVICE)).scalar()
    if found:
        return str(found)
    made = str(uuid.uuid4())
    conn.execute(insert(s.settings), {"key": KEY_DEVICE, "value": made})
    return made


def author(conn: Connection) -> tuple[str, str]:
    """(professional, device) of the transaction on `conn`."""
    cached: tuple[str, str] | None = conn.info.get(_CACHE)
    if cached is None:
        c = s.settings.c  # both in one read
        stmt = select(c.key, c.value).where(c.key.in_((KEY_PROFESSIONAL, KEY_DEVICE)))
        found: dict[str, str] = {r.key: r.value for r in conn.execute(stmt)}
        cached = (str(found.get(KEY_PROFESSIONAL) or ""), found.get(KEY_DEVICE) or device_id(conn))
        conn.info[_CACHE] = cached
    return cached


def known(conn: Connection) -> bool:
    """Whether the author of the transaction on `conn` was read already."""
    return _CACHE in conn.info


def remember(conn: Connection, found: dict[str, str]) -> None:
    """The author, from the settings `found` read in this transaction (by a read that asked for
    KEY_PROFESSIONAL and KEY_DEVICE too): one round trip less. Nothing when the device id is not
    made yet (`author` makes it)."""
    if found.get(KEY_DEVICE):
        conn.info[_CACHE] = (str(found.get(KEY_PROFESSIONAL) or ""), found[KEY_DEVICE])


def forget(conn: Connection) -> None:
    """Drop the cached author (the transaction ended; the settings may change before the next)."""
    conn.info.pop(_CACHE, None)


def lineage(prior: str | None, device: str, revision: int) -> str:
    """The lineage of a version `revision` made on `device` from one with lineage `prior` (JSON)."""
    known: dict[str, int] = json.loads(prior) if prior else {}
    known[device] = revision
    return json.dumps(known, separators=(",", ":"), sort_keys=True)


def stamp(conn: Connection, prior: Any | None, revision: int) -> dict[str, Any]:
    """The stamp columns of version `revision` made here from `prior` (the stored row, None: a new
    record).

    The base stays the last version made elsewhere: a run of edits here builds on what came in."""
    name, device = author(conn)
    columns: dict[str, Any] = {
        "changed_by": name,
        "changed_device": device,
        "lineage": lineage(prior["lineage"] if prior is not None else None, device, revision),
    }
    if prior is None:
        columns.update(base_revision=0, base_device="")
    elif prior["changed_device"] in ("", device):
        columns.update(base_revision=prior["base_revision"], base_device=prior["base_device"])
    else:
        columns.update(base_revision=prior["revision"], base_device=prior["changed_device"])
    return columns
