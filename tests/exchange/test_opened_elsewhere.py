"""A file opened in an ingest's second process (planner/exchange/elsewhere.py) is checked there
too, and its records' digests are worked out there: the importing process takes them as they
come. Those digests are the records' own, a record made from one is hashed anew, and a file that
breaks the schema is refused from there as from here, with nothing written."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import orjson
import pytest

from planner.exchange import document
from planner.exchange.document import dumps, households_from, record_digests
from planner.exchange.envelope import encrypt, sign
from planner.exchange.records import Record, content_digest
from planner.services import exchange
from planner.services import ingest as ingest_module
from planner.services.ingest import Keys, Outcome, ingest
from tests.exchange.helpers import Side, dump, edit_household, file_bytes, three_sides


def _records(trees: list) -> list[Record]:  # type: ignore[type-arg]
    found: list[Record] = []
    for t in trees:
        found += (t.record, *t.members)
        for p in t.plans:
            found += (p.record, *p.life_areas, *p.allocations)
    return found


def test_the_digests_worked_out_ahead_are_those_of_the_records(tmp_path: Path) -> None:
    from tests.planner.showcase_documents import demo_database

    side = Side(tmp_path / "laptop.db", "Laptop", demo_database(tmp_path / "laptop.db"))
    checked = document.loads(dumps(exchange.export_households(side.db).document), document.KIND_HOUSEHOLDS)
    records = _records(households_from(checked, record_digests(checked)))
    assert len(records) > 50 and all(r.digest is not None for r in records)
    for r in records:  # worked out anew, from a record without it
        assert r.digest == content_digest(Record(r.id, r.stamp, r.fields))
    assert len({r.digest for r in records}) == len(records)

    changed = dataclasses.replace(records[0], fields={**records[0].fields, "street": "Nieuwe straat"})
    assert changed.digest is None and content_digest(changed) != records[0].digest
    with pytest.raises(ValueError):  # digests of another document are never taken
        households_from(checked, record_digests(checked)[32:])


def test_a_file_that_breaks_the_schema_is_refused_where_it_is_opened(
    tmp_path: Path, office_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_module, "ELSEWHERE_FILES", 1)  # opened in the second process
    a, office, _ = three_sides(tmp_path, office_path)
    edit_household(a, "DEMO-0002", lambda h: setattr(h, "street", "Straat van A"))
    doc = orjson.loads(dumps(exchange.export_households(a.db).document))
    doc["households"][0]["members"][0]["fields"]["birth_date"] = "15 maart 1985"
    folder = tmp_path / "binnen"
    folder.mkdir()
    (folder / "01-schema.tpx").write_bytes(encrypt(sign(dumps(doc), a.signing), [office.recipient]))
    (folder / "02-goed.tpx").write_bytes(a.export(to=office))
    keys = Keys(office.trusted, [str(office.identity)])

    before = dump(office.path)
    refused, taken = ingest(office.db, [folder], keys)
    assert refused.outcome is Outcome.REFUSED and "uitwisselingsformaat" in refused.reason
    assert taken.outcome is Outcome.TAKEN and taken.summary is not None and taken.summary.updated == 1
    after = dump(office.path)
    changed = [t for t in before if before[t] != after[t]]
    assert set(changed) <= {"households", "settings"}  # the street, and the file remembered
    now = file_bytes(office.path)
    assert [r.outcome for r in ingest(office.db, [folder], keys)] == [Outcome.REFUSED, Outcome.SKIPPED]
    assert file_bytes(office.path) == now


def _niceness() -> int:
    return os.nice(0)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_opening_processes_run_below_the_importing_one() -> None:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from planner.exchange.elsewhere import NICENESS, start_second_process

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context, initializer=start_second_process) as pool:
        theirs = pool.submit(_niceness).result()
    assert theirs == min(os.nice(0) + NICENESS, 19)
