"""The exchange document, format version 1 (docs/exchange.md): JSON, checked against the JSON Schema
in resources/exchange before anything of it is used.

The format and version are checked first, so a file of a newer program says so instead of failing
the schema; then the whole document is validated against the schema (which is also the contract for
the municipality's other systems): by `jsonschema-rs`, compiled once per process, which checks a
1,000-plan file in about 10 ms (`fastjsonschema` took 90 ms), and, when that finds a fault, by
`jsonschema` (which also checks the schema itself) to say where. `jsonschema` alone takes seconds
for such a file (bench_exchange.py); both read the same schema file. The JSON is parsed by `orjson`
(twice as fast as `json` on such a file, and stricter: invalid UTF-8, lone surrogates, NaN and
integers beyond 64 bits are refused as damage).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
import orjson
from jsonschema import Draft202012Validator

from planner.exchange.errors import DamagedFileError, FormatVersionError, SchemaError
from planner.exchange.records import HouseholdTree, PlanTree, Record, json_digest

FORMAT = "trajectplanner-exchange"
KIND_HOUSEHOLDS = "households"
KIND_CATALOGUE = "catalogue"
VERSION = 1
_SCHEMAS = {KIND_HOUSEHOLDS: "household-v1.schema.json", KIND_CATALOGUE: "catalogue-v1.schema.json"}


@cache
def _schema(kind: str) -> dict[str, Any]:
    text = resources.files("resources").joinpath("exchange", _SCHEMAS[kind]).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def validator(kind: str) -> Draft202012Validator:
    """The reference validator (`jsonschema`), which also names where a document is wrong; built
    only then (and in tests): checking the schema itself takes `jsonschema` half a second, which
    every import would pay (the compiled check refuses a broken schema too)."""
    schema = _schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@cache
def _fast(kind: str) -> Callable[[Any], bool]:
    """The compiled check (`jsonschema-rs`, draft 2020-12 as the schema says), once per process."""
    checker: Callable[[Any], bool] = jsonschema_rs.validator_for(_schema(kind)).is_valid
    return checker


def schema_error(document: Any, kind: str) -> str | None:
    """Where the document breaks the schema ("households/0/fields/..."), or None when it is valid."""
    if _fast(kind)(document):
        return None
    error = next(iter(validator(kind).iter_errors(document)), None)
    if error is None:  # the two libraries disagree: take the stricter reading
        return "het document"
    return "/".join(str(p) for p in error.absolute_path) or "het document"


def dumps(document: dict[str, Any]) -> bytes:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def households_document(trees: list[HouseholdTree], changed_by: str, device: str) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "kind": KIND_HOUSEHOLDS,
        "version": VERSION,
        "created": now_text(),
        "sender": {"changed_by": changed_by, "device": device},
        "households": [_household_json(t) for t in trees],
    }


def _household_json(tree: HouseholdTree) -> dict[str, Any]:
    return {
        **tree.record.to_json(),
        "members": [m.to_json() for m in tree.members],
        "plans": [_plan_json(p) for p in tree.plans],
    }


def _plan_json(tree: PlanTree) -> dict[str, Any]:
    return {
        **tree.record.to_json(),
        "life_areas": [r.to_json() for r in tree.life_areas],
        "allocations": [r.to_json() for r in tree.allocations],
        "decision": tree.decision.to_json() if tree.decision else None,
    }


def loads(data: bytes | memoryview, kind: str, *, checked: bool = False) -> dict[str, Any]:
    """The checked document of `kind` in `data` (the payload of a verified envelope); `checked`:
    these bytes were checked so already (by this function, in the process that opened the file)."""
    try:
        document = orjson.loads(data)  # the bytes as they are: no decoded copy of a large file
    except (orjson.JSONDecodeError, RecursionError):  # RecursionError: nested past the parser's depth
        raise DamagedFileError(
            "De inhoud van het bestand is geen leesbaar uitwisselingsbestand. "
            "Vraag de afzender het bestand opnieuw te maken."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise FormatVersionError(
            "Dit is geen uitwisselingsbestand van de Trajectplanner. Controleer of u het goede bestand koos."
        )
    if document.get("kind") != kind:
        wanted = "huishoudens" if kind == KIND_HOUSEHOLDS else "catalogus"
        raise FormatVersionError(
            f"Dit bestand bevat geen {wanted}. Kies een bestand met {wanted} "
            "(huishoudens: 'import', de catalogus: 'catalogue import')."
        )
    if checked:
        return document
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FormatVersionError(
            "Het bestand heeft een onbekende formaatversie. Vraag de afzender het bestand opnieuw te maken."
        )
    if version > VERSION:
        raise FormatVersionError(
            f"Het bestand is gemaakt door een nieuwere Trajectplanner (formaatversie {version}; "
            f"deze versie leest versie {VERSION}). "
            "Werk de Trajectplanner bij en lees het bestand dan opnieuw in."
        )
    where = schema_error(document, kind)
    if where is not None:
        raise SchemaError(
            f"Het bestand klopt niet met het uitwisselingsformaat (bij {where}). "
            "Er is niets ingelezen; vraag de afzender het bestand opnieuw te maken."
        )
    return document


def record_digests(document: dict[str, Any]) -> bytes:
    """The `content_digest` of every record of a checked households document but the decisions
    (compared by their fields), 32 bytes each, in the order `households_from` reads them."""
    found = []
    for h in document["households"]:
        found.append(json_digest(h))
        found += [json_digest(m) for m in h["members"]]
        for p in h["plans"]:
            found.append(json_digest(p))
            found += [json_digest(r) for r in p["life_areas"]]
            found += [json_digest(r) for r in p["allocations"]]
    return b"".join(found)


def households_from(document: dict[str, Any], digests: bytes | None = None) -> list[HouseholdTree]:
    """The households of a checked document; with `digests` (`record_digests` of the same
    document) each record keeps its digest, so that an import need not work it out."""
    trees = []
    for h in document["households"]:
        plans = [
            PlanTree(
                Record.from_json(p),
                [Record.from_json(r) for r in p["life_areas"]],
                [Record.from_json(r) for r in p["allocations"]],
                Record.from_json(p["decision"]) if p["decision"] else None,
            )
            for p in h["plans"]
        ]
        trees.append(HouseholdTree(Record.from_json(h), [Record.from_json(m) for m in h["members"]], plans))
    if digests is not None:
        _attach(trees, digests)
    return trees


def _attach(trees: list[HouseholdTree], digests: bytes) -> None:
    records: list[Record] = []
    for t in trees:
        records += (t.record, *t.members)
        for p in t.plans:
            records += (p.record, *p.life_areas, *p.allocations)
    if len(digests) != 32 * len(records):
        raise ValueError("digests of another document")  # a fault of ours, never of the file
    for i, record in enumerate(records):
        record.digest = digests[32 * i : 32 * i + 32]
