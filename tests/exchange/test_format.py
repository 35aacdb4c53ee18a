"""The exchange format's contract: the JSON Schema names exactly the columns that travel, a real
export validates, and the format is documented."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from db.exchange import field_columns
from planner.exchange.document import validator
from planner.exchange.records import RecordKind

ROOT = Path(__file__).resolve().parents[2]


def _schema(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads(resources.files("resources").joinpath("exchange", name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("kind", list(RecordKind))
def test_the_schema_names_every_column_that_travels(kind: RecordKind) -> None:
    """A column added to a record's table (migrations 0007, 0008, ...) must be added to the schema."""
    fields = _schema("household-v1.schema.json")["$defs"][f"{kind.value}_fields"]
    # A decision's stored letters come from their own table (decision_documents) and may be absent.
    extra = ["documents"] if kind is RecordKind.DECISION else []
    assert sorted(fields["properties"]) == sorted([*field_columns(kind), *extra])
    assert sorted(fields["required"]) == sorted(field_columns(kind))
    assert fields["additionalProperties"] is False


@pytest.mark.parametrize("name", ["household-v1.schema.json", "catalogue-v1.schema.json"])
def test_the_schemas_are_valid_json_schema(name: str) -> None:
    Draft202012Validator.check_schema(_schema(name))


def test_the_validator_is_the_one_in_resources() -> None:
    assert validator("households").schema["$id"].endswith("household-v1.schema.json")


def test_the_format_is_documented() -> None:
    text = (ROOT / "docs" / "exchange.md").read_text(encoding="utf-8")
    for word in ("base_revision", "lineage", "changed_device", "--plain", "conflict", "0007", "0008"):
        assert word in text, word


def test_the_database_implements_the_exchange_port(tmp_path: Path) -> None:
    """planner.services.exchange runs on the port; db's unit of work is one (mypy checks the
    callers statically: ui/cli/exchange.py hands a Database to the operations)."""
    from db.database import Database
    from planner.services.port import ExchangeStore, ExchangeUnitOfWork

    db = Database.open(tmp_path / "x.db")
    try:
        with db.unit_of_work(write=False) as uow:
            assert isinstance(uow, ExchangeUnitOfWork) and isinstance(uow.exchange, ExchangeStore)
    finally:
        db.close()
