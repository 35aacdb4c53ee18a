"""A file that is damaged, truncated, tampered with, for another key, from an unknown signer, of an
unknown or newer format, or not valid against the schema is refused with a Dutch sentence, and
the database stays byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.exchange import envelope
from planner.exchange.document import dumps, validator
from planner.exchange.envelope import MAGIC, encrypt, sign
from planner.exchange.errors import (
    DamagedFileError,
    ExchangeError,
    FormatVersionError,
    SchemaError,
    SignatureError,
    UnknownSignerError,
    WrongKeyError,
)
from planner.services import exchange
from tests.exchange.helpers import Side, dump, edit_household, file_bytes, three_sides


@pytest.fixture(scope="module")
def sides(tmp_path_factory: pytest.TempPathFactory, module_office_path: Path) -> tuple[Side, Side, Side]:
    a, office, b = three_sides(tmp_path_factory.mktemp("weigering"), module_office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Gewijzigde straat"))
    return a, office, b


def _document(a: Side) -> dict:  # type: ignore[type-arg]
    return exchange.export_households(a.db).document


def _refused(office: Side, data: bytes, error: type[ExchangeError], passphrase: str | None = None) -> str:
    before, rows = file_bytes(office.path), dump(office.path)
    with pytest.raises(error) as info:
        incoming = exchange.read_households(data, office.trusted, [str(office.identity)], passphrase)
        exchange.import_households(office.db, incoming)
    assert file_bytes(office.path) == before and dump(office.path) == rows
    return str(info.value)


def test_truncated_file(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    data = a.export(to=office)
    message = _refused(office, data[: len(data) // 2], DamagedFileError)
    assert "beschadigd of onvolledig" in message


def test_a_damaged_byte_in_the_encrypted_file(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    data = bytearray(a.export(to=office))
    data[len(data) - 40] ^= 0x01
    _refused(office, bytes(data), DamagedFileError)


def test_tampered_after_signing(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    signed = sign(dumps(_document(a)), a.signing)
    tampered = signed.replace(b"Gewijzigde straat", b"Andere straat")
    message = _refused(office, encrypt(tampered, [office.recipient]), SignatureError)
    assert "handtekening" in message


def test_encrypted_for_someone_else(sides: tuple[Side, Side, Side]) -> None:
    a, office, b = sides
    message = _refused(office, a.export(to=b), WrongKeyError)
    assert "niet voor uw sleutel" in message


def test_wrong_passphrase(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    data = encrypt(sign(dumps(_document(a)), a.signing), passphrase="geheim wachtwoord")
    assert "wachtwoord" in _refused(office, data, WrongKeyError, passphrase="verkeerd")
    assert "wachtwoord" in _refused(office, data, WrongKeyError)  # tried with the identity


def test_unknown_signer(sides: tuple[Side, Side, Side], tmp_path: Path) -> None:
    a, office, _ = sides
    stranger = Side(tmp_path / "vreemd.db", "Onbekend")
    data = encrypt(sign(dumps(_document(a)), stranger.signing), [office.recipient])
    message = _refused(office, data, UnknownSignerError)
    assert "onbekende afzender" in message and stranger.public in message


def _signed(a: Side, office: Side, change: Callable[[dict], None]) -> bytes:  # type: ignore[type-arg]
    doc = _document(a)
    change(doc)
    return encrypt(sign(dumps(doc), a.signing), [office.recipient])


def test_newer_format_version(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    message = _refused(office, _signed(a, office, lambda d: d.update(version=2)), FormatVersionError)
    assert "nieuwere Trajectplanner" in message and "Werk de Trajectplanner bij" in message


@pytest.mark.parametrize("version", [0, "1", None, 1.5, True])
def test_unknown_format_version(sides: tuple[Side, Side, Side], version: object) -> None:
    a, office, _ = sides
    _refused(office, _signed(a, office, lambda d: d.update(version=version)), FormatVersionError)


def test_another_kind_of_document(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    _refused(office, _signed(a, office, lambda d: d.update(kind="catalogue")), FormatVersionError)
    _refused(office, _signed(a, office, lambda d: d.update(format="iets anders")), FormatVersionError)


def test_content_that_fails_the_schema(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides

    def bad_date(d: dict) -> None:  # type: ignore[type-arg]
        d["households"][0]["members"][0]["fields"]["birth_date"] = "15 maart 1985"

    message = _refused(office, _signed(a, office, bad_date), SchemaError)
    assert "households/0/members/0/fields/birth_date" in message
    assert "15 maart" not in message  # no client data in the message


def test_not_an_exchange_file(sides: tuple[Side, Side, Side]) -> None:
    _a, office, _ = sides
    _refused(office, b"%PDF-1.7 geen uitwisselingsbestand", DamagedFileError)
    _refused(office, MAGIC + b"{niet json}\n{}", DamagedFileError)


# --- random corruptions of valid files -------------------------------------------------------


@pytest.fixture(scope="module")
def valid(sides: tuple[Side, Side, Side]) -> tuple[bytes, bytes]:
    a, office, _ = sides
    signed = sign(dumps(_document(a)), a.signing)
    return signed, encrypt(signed, [office.recipient])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.sampled_from(["signed", "encrypted"]),
    where=st.floats(min_value=0, max_value=1, exclude_max=True),
    how=st.sampled_from(["flip", "cut", "insert", "drop"]),
    value=st.integers(min_value=1, max_value=255),
)
def test_random_corruptions_never_change_the_database(
    sides: tuple[Side, Side, Side], valid: tuple[bytes, bytes], which: str, where: float, how: str, value: int
) -> None:
    _a, office, _ = sides
    data = bytearray(valid[0] if which == "signed" else valid[1])
    i = int(where * len(data))
    if how == "flip":
        data[i] ^= value
    elif how == "cut":
        del data[i:]
    elif how == "insert":
        data[i:i] = bytes([value])
    else:
        del data[i]
    before = file_bytes(office.path)
    with pytest.raises(ExchangeError):
        incoming = exchange.read_households(bytes(data), office.trusted, [str(office.identity)])
        exchange.import_households(office.db, incoming)
    assert file_bytes(office.path) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_signed_documents_with_a_broken_record_are_refused_by_the_schema(
    sides: tuple[Side, Side, Side], data: st.DataObject
) -> None:
    """Signed by a trusted sender but not valid: a required key missing or a value of another type."""
    a, office, _ = sides
    doc = _document(a)
    household = data.draw(st.sampled_from(doc["households"]))
    record = data.draw(
        st.sampled_from([household, *household["members"], *household["plans"]]), label="record"
    )
    key = data.draw(st.sampled_from(sorted(record["fields"])), label="field")
    if data.draw(st.booleans(), label="remove"):
        del record["fields"][key]
    else:
        record["fields"][key] = data.draw(st.sampled_from([{"x": 1}, [1, 2]]), label="value")
    assert not validator("households").is_valid(doc)  # jsonschema agrees with the fast check
    before = file_bytes(office.path)
    with pytest.raises(SchemaError):
        exchange.read_households(sign(dumps(doc), a.signing), office.trusted)
    assert file_bytes(office.path) == before


def test_the_envelope_reads_back(sides: tuple[Side, Side, Side]) -> None:
    a, office, _ = sides
    opened = envelope.open_file(a.export(to=office), office.trusted, [str(office.identity)])
    assert opened.signer_name == "Laptop A" and json.loads(opened.payload)["version"] == 1
