"""The records an exchange document carries, as plain values.

A record is its stable id, the stamp naming its version, and its fields as JSON values (dates as
ISO text, money as decimal text, structured parts as lists and objects). A version is named by
(revision, device): a device numbers its own versions of a record upwards, and the base names the
last version made elsewhere that this one was built on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

import orjson

JsonObject = Mapping[str, Any]


class RecordKind(StrEnum):
    HOUSEHOLD = "household"
    MEMBER = "member"
    PLAN = "plan"
    LIFE_AREA = "life_area"
    ALLOCATION = "allocation"
    DECISION = "decision"


# Stamps and records are values, never changed in place (`dataclasses.replace` makes another), but
# not frozen: a file holds tens of thousands and a frozen dataclass's __init__ takes four times as
# long (a twentieth of a large import). Neither is hashable (their lineage and fields are dicts).
@dataclass(slots=True)
class Stamp:
    revision: int
    changed_by: str  # the professional
    changed_device: str
    base_revision: int = 0
    base_device: str = ""
    # Per device, its latest version among this one's ancestors (this one included). A device
    # numbers its versions of a record upwards, so every earlier one of it is an ancestor too.
    lineage: Mapping[str, int] = field(default_factory=dict)

    def known(self) -> dict[str, int]:
        found = dict(self.lineage)
        for device, revision in (
            (self.base_device, self.base_revision),
            (self.changed_device, self.revision),
        ):
            if device and found.get(device, -1) < revision:
                found[device] = revision
        return found

    def descends_from(self, older: Stamp) -> bool:
        """Whether the version `older` is this one or one of its ancestors."""
        return bool(older.changed_device) and older.revision <= self.known().get(older.changed_device, -1)

    def merged(self, other: Stamp) -> dict[str, int]:
        """The lineage of a version built on both (a conflict resolved)."""
        found = self.known()
        for device, revision in other.known().items():
            found[device] = max(found.get(device, -1), revision)
        return found


@dataclass(slots=True)
class Record:
    id: str
    stamp: Stamp
    fields: JsonObject
    # Its `content_digest`, when worked out ahead (document.households_from): not an argument, so
    # a record made from this one (`dataclasses.replace`) has none and is hashed anew.
    digest: bytes | None = field(default=None, init=False, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        s = self.stamp
        return {
            "id": self.id,
            "revision": s.revision,
            "base_revision": s.base_revision,
            "base_device": s.base_device,
            "changed_by": s.changed_by,
            "changed_device": s.changed_device,
            "lineage": dict(s.lineage),
            "fields": dict(self.fields),
        }

    @classmethod
    def from_json(cls, data: JsonObject) -> Record:
        """From a document checked against the schema (types as the schema says; not copied)."""
        stamp = Stamp(
            data["revision"],
            data["changed_by"],
            data["changed_device"],
            data["base_revision"],
            data["base_device"],
            data["lineage"],
        )
        return cls(data["id"], stamp, data["fields"])


@dataclass(slots=True)
class PlanTree:
    """A plan with its life-area results, allocations and (once decided) its decision.

    The decision is a record too (id: the plan's), holding what the decisions table holds; its
    stored letters go in its fields when the documents table exists (docs/exchange.md)."""

    record: Record
    life_areas: list[Record] = field(default_factory=list)
    allocations: list[Record] = field(default_factory=list)
    decision: Record | None = None

    @property
    def status(self) -> str:
        return str(self.record.fields["status"])


@dataclass(slots=True)
class HouseholdTree:
    record: Record
    members: list[Record] = field(default_factory=list)
    plans: list[PlanTree] = field(default_factory=list)

    @property
    def case_number(self) -> str:
        return str(self.record.fields["case_number"])


def fingerprint(tree: HouseholdTree) -> str:
    """The versions of every record of a household, hashed: equal when nothing changed since."""
    records = [tree.record, *tree.members]
    for p in tree.plans:
        records += [p.record, *p.life_areas, *p.allocations, *([p.decision] if p.decision else [])]
    text = ";".join(f"{r.id}:{r.stamp.revision}:{r.stamp.changed_device}" for r in records)
    return hashlib.sha256(text.encode()).hexdigest()


def content_digest(record: Record) -> bytes | None:
    """The record's id, stamp and fields, as it travels, hashed (BLAKE2b, 32 bytes): records with
    the same digest hold the same values. Stored beside each record (db/exchange.py), so that an
    import knows the records a file brings unchanged by their digest alone. None for a value that
    is not plain JSON (such a record is compared field by field)."""
    if record.digest is not None:
        return record.digest
    s = record.stamp
    stamp = (s.revision, s.changed_by, s.changed_device, s.base_revision, s.base_device, s.lineage)
    return _digest(record.id, stamp, record.fields)


_STAMP_KEYS = ("revision", "changed_by", "changed_device", "base_revision", "base_device", "lineage")


def json_digest(data: JsonObject) -> bytes:
    """`content_digest` of the record a document's record object (`Record.from_json`) makes, from
    the object itself: worked out while a file is opened, in the process that opens it."""
    stamp = tuple(data[k] for k in _STAMP_KEYS)
    found = _digest(data["id"], stamp, data["fields"])
    assert found is not None  # a parsed document holds plain JSON only
    return found


def _digest(record_id: str, stamp: tuple[Any, ...], fields: JsonObject) -> bytes | None:
    try:
        text = orjson.dumps((record_id, stamp, fields), option=orjson.OPT_SORT_KEYS)
    except TypeError:
        return None
    return hashlib.blake2b(text, digest_size=32).digest()


def children_digest(areas: Iterable[bytes | None], allocations: Iterable[bytes | None]) -> bytes | None:
    """The content digests of a plan's life-area results and of its allocations hashed together
    (their order aside: each one's position is among its fields), None when one is not known.
    Stored beside each plan (db/exchange.py), so that an import knows a plan whose results and
    allocations a file brings unchanged without reading them."""
    found = []
    for digests in (areas, allocations):
        listed = list(digests)
        if any(d is None for d in listed):
            return None
        found.append(len(listed).to_bytes(4, "big") + b"".join(sorted(cast(list[bytes], listed))))
    return hashlib.blake2b(b"".join(found), digest_size=32).digest()


def tree_children_digest(tree: PlanTree) -> bytes | None:
    """`children_digest` of the records of a plan tree."""
    return children_digest(map(content_digest, tree.life_areas), map(content_digest, tree.allocations))


@dataclass(frozen=True, slots=True)
class StoredConflict:
    """A conflict an import left for a person: the record here and the file's version of it."""

    id: str
    household_id: str
    case_number: str
    kind: RecordKind
    record_id: str
    parent_id: str
    here: Record | None
    incoming: Record
    sender: str
    created: str
    resolved: str | None = None  # ISO timestamp of the (last) resolution; None: still open

    def fields(self) -> list[tuple[str, Any, Any]]:
        """(field, here, in the file) of every field that differs."""
        mine = dict(self.here.fields) if self.here else {}
        theirs = dict(self.incoming.fields)
        return [(k, mine.get(k), theirs.get(k)) for k in theirs if mine.get(k) != theirs.get(k)]
