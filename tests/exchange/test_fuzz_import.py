"""The importer fuzzed with hypothesis (issue 14.3): whatever the bytes, the database stays exactly
as it was, and a refusal is an ExchangeError with a Dutch sentence, never another exception.

Five kinds of input: a valid signed file and a valid encrypted file with bytes flipped, cut,
inserted or dropped; a document changed in its structure (a value replaced by random JSON, a key
removed or added, a record doubled, ids swapped, deep nesting) or in its text, then signed again by
the trusted sender (so it gets past the signature to the format, schema and merge checks); and
random bytes, bare or behind the signed or the age header. What is accepted is imported as a dry
run (decided and written, then rolled back), so it must not fail either. A file whose records
clash with this database's (ids swapped or doubled) is refused by the import's ConstraintError.

tests/exchange/test_refusals.py names each kind of refusal; this file throws volume at them. The
default run does ~50 cases; `pytest -m stress` does 10,000.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from db.errors import ConstraintError
from planner.exchange.document import dumps
from planner.exchange.envelope import MAGIC, encrypt, sign
from planner.exchange.errors import ExchangeError
from planner.services import exchange
from tests.exchange.helpers import Side, dump, file_bytes
from tests.planner.showcase_documents import demo_database

CASES = ["DEMO-0001", "DEMO-0002", "DEMO-0003"]
# Cases per kind: the default run and the dedicated stress run (10,000 together).
QUICK = {"signed": 12, "encrypted": 8, "structure": 14, "text": 8, "random": 8}
STRESS = {"signed": 2500, "encrypted": 1500, "structure": 3500, "text": 1500, "random": 1000}
DUTCH = {"het", "de", "een", "niet", "bestand", "is", "van", "er", "geen", "dit"}
ENGLISH = {"the", "error", "traceback", "exception", "invalid", "failed", "codec", "expecting", "none"}


@dataclass
class Fuzz:
    a: Side
    office: Side
    document: dict[str, Any]
    signed: bytes
    encrypted: bytes
    cases: int = 0
    refused: int = 0

    def check(self, data: bytes) -> None:
        """Import `data`; the database must not change and a refusal must be a Dutch sentence."""
        before = file_bytes(self.office.path)
        rows = dump(self.office.path)
        try:
            incoming = exchange.read_households(data, self.office.trusted, [str(self.office.identity)])
            exchange.import_households(self.office.db, incoming, dry_run=True)
        except (ExchangeError, ConstraintError) as exc:  # a file that does not fit this database
            self.refused += 1
            _assert_dutch(str(exc))
            assert file_bytes(self.office.path) == before
        assert dump(self.office.path) == rows
        self.cases += 1


def _assert_dutch(message: str) -> None:
    words = set(re.findall(r"[a-zà-ÿ]+", message.lower()))
    assert words & DUTCH and not words & ENGLISH, message
    assert message.rstrip().endswith((".", ")", "'")), message


@pytest.fixture(scope="module")
def fuzz(tmp_path_factory: pytest.TempPathFactory) -> Fuzz:
    folder = tmp_path_factory.mktemp("fuzz")
    a = Side(folder / "a.db", "Laptop A", demo_database(folder / "a.db"))
    office = Side(folder / "kantoor.db", "Kantoor")
    office.trust(a)
    office.import_(a.export(to=office))  # the office holds them: a mutation is an update or a conflict
    document = exchange.export_households(a.db, CASES).document
    signed = sign(dumps(document), a.signing)
    return Fuzz(a, office, document, signed, encrypt(signed, [office.recipient]))


# --- the five kinds of input -------------------------------------------------------------------


def _mutate_bytes(data: bytes, draw: st.DataObject) -> bytes:
    out = bytearray(data)
    for _ in range(draw.draw(st.integers(1, 4), label="mutations")):
        i = draw.draw(st.integers(0, max(len(out) - 1, 0)), label="where")
        how = draw.draw(st.sampled_from(["flip", "cut", "insert", "drop", "bytes"]), label="how")
        if how == "flip" and out:
            out[i] ^= 1 << draw.draw(st.integers(0, 7), label="bit")
        elif how == "cut":
            del out[i:]
        elif how == "insert":
            out[i:i] = draw.draw(st.binary(min_size=1, max_size=8), label="inserted")
        elif how == "drop":
            del out[i : i + draw.draw(st.integers(1, 64), label="dropped")]
        else:
            chunk = draw.draw(st.binary(min_size=1, max_size=16), label="overwritten")
            out[i : i + len(chunk)] = chunk
    return bytes(out)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _paths(value, (*path, i))
    return found


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


def _records(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for h in doc.get("households", []):
        out += [h, *h["members"]]
        for p in h["plans"]:
            out += [p, *p["life_areas"], *p["allocations"]]
    return out


def _structure(fuzz: Fuzz, draw: st.DataObject) -> bytes:
    """A re-signed document whose content is broken (or, by chance, still valid)."""
    doc = copy.deepcopy(fuzz.document)
    how = draw.draw(
        st.sampled_from(["replace", "remove", "add", "double", "swap ids", "same id", "nest"]), label="how"
    )
    paths = _paths(doc)
    path = draw.draw(st.sampled_from(paths[1:]), label="path")
    parent, last = _at(doc, path[:-1]), path[-1]
    if how == "replace":
        parent[last] = draw.draw(JSON, label="value")
    elif how == "remove":
        del parent[last]
    elif how == "add":
        target = _at(doc, path)
        if isinstance(target, dict):
            target[draw.draw(st.text(max_size=8), label="key")] = draw.draw(JSON, label="value")
        elif isinstance(target, list):
            target.append(draw.draw(JSON, label="value"))
        else:
            parent[last] = [target]
    elif how == "double":  # the same record twice in its list
        lists = [p for p in paths if isinstance(_at(doc, p), list) and _at(doc, p)]
        where = _at(doc, draw.draw(st.sampled_from(lists), label="list"))
        where.append(copy.deepcopy(where[draw.draw(st.integers(0, len(where) - 1), label="item")]))
    elif how in ("swap ids", "same id"):
        records = _records(doc)
        one = draw.draw(st.sampled_from(records), label="one")
        other = draw.draw(st.sampled_from(records), label="other")
        if how == "swap ids":
            one["id"], other["id"] = other["id"], one["id"]
        else:
            one["id"] = other["id"]
    else:  # deep nesting, far beyond what the parser's recursion allows
        depth = draw.draw(st.sampled_from([50, 1000, 100_000]), label="depth")
        nested = b"[" * depth + b"]" * depth
        if draw.draw(st.booleans(), label="in the signature line"):
            return MAGIC + nested + b"\n{}"
        return sign(nested, fuzz.a.signing)
    return sign(dumps(doc), fuzz.a.signing)


def _text(fuzz: Fuzz, draw: st.DataObject) -> bytes:
    """The document's JSON text with bytes changed, then signed again."""
    return sign(_mutate_bytes(dumps(fuzz.document), draw), fuzz.a.signing)


def _random(fuzz: Fuzz, draw: st.DataObject) -> bytes:
    body = draw.draw(st.binary(max_size=2000), label="bytes")
    prefix = draw.draw(st.sampled_from([b"", MAGIC, fuzz.signed[:200], fuzz.encrypted[:200]]), label="head")
    return prefix + body


KINDS: dict[str, Callable[[Fuzz, st.DataObject], bytes]] = {
    "signed": lambda fuzz, draw: _mutate_bytes(fuzz.signed, draw),
    "encrypted": lambda fuzz, draw: _mutate_bytes(fuzz.encrypted, draw),
    "structure": _structure,
    "text": _text,
    "random": _random,
}


def _run(fuzz: Fuzz, kind: str, examples: int) -> None:
    start = fuzz.cases

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(draw=st.data())
    def run(draw: st.DataObject) -> None:
        fuzz.check(KINDS[kind](fuzz, draw))

    run()
    assert fuzz.cases - start >= examples
    print(f"{kind}: {fuzz.cases - start} cases")


def test_the_fuzz_inputs_start_from_a_file_that_imports(fuzz: Fuzz) -> None:
    """The mutations start from valid files: unchanged, they are accepted (so refusals are earned)."""
    for data in (fuzz.signed, fuzz.encrypted):
        incoming = exchange.read_households(data, fuzz.office.trusted, [str(fuzz.office.identity)])
        assert len(incoming.households) == len(CASES)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzzed_files_never_change_the_database(fuzz: Fuzz, kind: str) -> None:
    _run(fuzz, kind, QUICK[kind])


@pytest.mark.stress
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_fuzzed_files_never_change_the_database_stress(fuzz: Fuzz, kind: str) -> None:
    _run(fuzz, kind, STRESS[kind])


def test_the_stress_run_is_ten_thousand_cases() -> None:
    assert sum(STRESS.values()) >= 10_000 and 40 <= sum(QUICK.values()) <= 60


@pytest.mark.parametrize("where", ["payload", "signature line"])
def test_nesting_past_the_parsers_depth_is_a_damaged_file(fuzz: Fuzz, where: str) -> None:
    """Found by this fuzz run: json's RecursionError came out as a traceback."""
    nested = b"[" * 100_000 + b"]" * 100_000
    data = MAGIC + nested + b"\n{}" if where == "signature line" else sign(nested, fuzz.a.signing)
    before = fuzz.refused
    fuzz.check(data)
    assert fuzz.refused == before + 1
