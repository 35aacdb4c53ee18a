"""The import reads what is stored beside the file's records (`ExchangeRepository.trees` with the
file's trees): a record stored exactly as the file has it — its stored digest is the file record's
(db/exchange.py) — is given as the file's own record, so the merge knows it unchanged at a glance.
That shortcut must be exact: the trees read are equal in value to those read without it, and a
record that differs in anything — a field of every kind of column (text, date, boolean, JSON), its
stamp, its lineage, a field the row has not — is read from the row, as is one whose digest is not
known. On both engines (their drivers give dates, booleans and JSON differently)."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from planner.exchange.records import HouseholdTree, Record, RecordKind
from planner.services import exchange
from tests.exchange.helpers import Side, edit_plan, stale_digests, three_sides, unknown_children_digests


def _records(trees: list[HouseholdTree]) -> Iterator[tuple[RecordKind, Record]]:
    for tree in trees:
        yield RecordKind.HOUSEHOLD, tree.record
        yield from ((RecordKind.MEMBER, m) for m in tree.members)
        for p in tree.plans:
            yield RecordKind.PLAN, p.record
            yield from ((RecordKind.LIFE_AREA, r) for r in p.life_areas)
            yield from ((RecordKind.ALLOCATION, r) for r in p.allocations)
            if p.decision is not None:
                yield RecordKind.DECISION, p.decision


def _read(office: Side, incoming: list[HouseholdTree]) -> tuple[list[HouseholdTree], list[HouseholdTree]]:
    ids = [t.record.id for t in incoming]
    with office.db.unit_of_work(write=False) as uow:
        plain = list(uow.exchange.trees(ids).values())
        alike = list(uow.exchange.trees(ids, incoming).values())
    return plain, alike


def _own_file(office: Side) -> list[HouseholdTree]:
    return exchange.read_households(office.export(), office.trusted).households


def test_records_stored_as_the_file_has_them_are_the_files_own(tmp_path: Path, office_path: Path) -> None:
    _a, office, _b = three_sides(tmp_path, office_path)
    incoming = _own_file(office)
    plain, alike = _read(office, incoming)
    assert alike == plain  # equal in value to what is read without the file
    sent = {id(r) for _k, r in _records(incoming)}
    kinds = {k for k, r in _records(alike) if id(r) in sent}
    assert kinds == {
        RecordKind.HOUSEHOLD,
        RecordKind.MEMBER,
        RecordKind.PLAN,
        RecordKind.LIFE_AREA,
        RecordKind.ALLOCATION,
    }
    # Every record but the decisions (their letters travel in their fields) is the file's own.
    assert all(id(r) in sent for k, r in _records(alike) if k is not RecordKind.DECISION)
    assert any(k is RecordKind.DECISION for k, _r in _records(alike))


def test_records_whose_digest_is_not_known_are_read_from_their_rows(
    tmp_path: Path, office_path: Path
) -> None:
    from sqlalchemy import update

    from db import schema as s

    _a, office, _b = three_sides(tmp_path, office_path)
    incoming = _own_file(office)
    with office.db.unit_of_work() as uow:  # as a row written by another program would be
        for table in s.EXCHANGED_RECORDS:
            uow.connection.execute(update(table).values(digest=None))
        uow.connection.execute(update(s.plans).values(children_digest=None))
    plain, alike = _read(office, incoming)
    assert alike == plain
    assert not {id(r) for _k, r in _records(alike)} & {id(r) for _k, r in _records(incoming)}
    again = exchange.import_households(office.db, exchange.read_households(office.export(), office.trusted))
    assert again.summary.updated == again.summary.added == again.summary.conflicts == 0


def test_a_plan_whose_children_digest_is_the_files_is_not_read_for_them(
    tmp_path: Path, office_path: Path
) -> None:
    from sqlalchemy import update

    from db import schema as s

    _a, office, _b = three_sides(tmp_path, office_path)
    assert unknown_children_digests(office.path) == []  # every plan came whole, by an import
    incoming = _own_file(office)
    with office.db.unit_of_work() as uow:  # the results' own digests unknown: only the plan's tells
        for table in (s.life_area_results, s.allocations):
            uow.connection.execute(update(table).values(digest=None))
    plain, alike = _read(office, incoming)
    assert alike == plain
    sent = {id(r) for _k, r in _records(incoming)}
    children = [r for k, r in _records(alike) if k in (RecordKind.LIFE_AREA, RecordKind.ALLOCATION)]
    assert children and all(id(r) in sent for r in children)


def test_a_plan_whose_children_an_import_changed_has_them_read_next_time(
    tmp_path: Path, office_path: Path
) -> None:
    a, office, _b = three_sides(tmp_path, office_path)
    edit_plan(a, "DEMO-0002", lambda p: setattr(p.life_areas[0], "desired_result", "Rust in huis"))
    assert office.import_(a.export(to=office)).summary.updated == 1
    assert stale_digests(office.path) == []
    assert len(unknown_children_digests(office.path)) == 1  # that plan's: no longer known
    edit_plan(a, "DEMO-0002", lambda p: setattr(p.life_areas[0], "desired_result", "Rust en regelmaat"))
    assert office.import_(a.export(to=office)).summary.updated == 1  # read, so the change is seen
    again = office.import_(a.export(to=office)).summary
    assert again.updated == again.added == again.conflicts == 0
    assert (
        stale_digests(a.path) == stale_digests(office.path) == [] and unknown_children_digests(a.path) == []
    )


def _changed_fields(change: Callable[[dict[str, Any]], None]) -> Callable[[Record], Record | None]:
    def made(record: Record) -> Record | None:
        fields = copy.deepcopy(dict(record.fields))
        change(fields)
        return None if fields == record.fields else dataclasses.replace(record, fields=fields)

    return made


def _stamp(**values: Any) -> Callable[[Record], Record | None]:
    def made(record: Record) -> Record | None:
        stamp = dataclasses.replace(record.stamp, **values)
        return None if stamp == record.stamp else dataclasses.replace(record, stamp=stamp)

    return made


def _flip(name: str) -> Callable[[dict[str, Any]], None]:
    def change(fields: dict[str, Any]) -> None:
        fields[name] = not fields[name]

    return change


def _later(name: str) -> Callable[[dict[str, Any]], None]:
    def change(fields: dict[str, Any]) -> None:
        if fields[name]:
            year = int(fields[name][:4])
            fields[name] = f"{year + 1}{fields[name][4:]}"

    return change


def _json(name: str) -> Callable[[dict[str, Any]], None]:
    def change(fields: dict[str, Any]) -> None:
        value = fields[name]
        fields[name] = [*value, value[0]] if isinstance(value, list) and value else {"anders": [1]}

    return change


# One change of each sort per kind of record; each must make the record read from its row.
CHANGES: dict[RecordKind, list[Callable[[Record], Record | None]]] = {
    RecordKind.HOUSEHOLD: [
        _changed_fields(_flip("safety_signal")),
        _changed_fields(lambda f: f.update(street=f["street"] + " ")),
        _changed_fields(lambda f: f.update(onbekend="x")),  # a field no column holds
        _stamp(changed_by="Iemand anders"),
    ],
    RecordKind.MEMBER: [
        _changed_fields(_later("birth_date")),
        _changed_fields(_flip("receives_letters")),
        _stamp(base_revision=99),
    ],
    RecordKind.PLAN: [
        _changed_fields(_later("start")),
        _changed_fields(lambda f: f.update(months=f["months"] + 1.5)),
        _stamp(base_device="elders"),
    ],
    RecordKind.LIFE_AREA: [
        _changed_fields(_json("goals")),
        _changed_fields(_json("ladder")),
        _stamp(lineage={"elders": 1}),
    ],
    RecordKind.ALLOCATION: [
        _changed_fields(_json("hours_lines")),
        _changed_fields(_later("end")),
        _changed_fields(_flip("extended_youth_care")),
        _stamp(lineage={}),
    ],
}


def test_a_record_differing_in_anything_is_read_from_its_row(tmp_path: Path, office_path: Path) -> None:
    _a, office, _b = three_sides(tmp_path, office_path)
    incoming = copy.deepcopy(_own_file(office))
    changed: list[Record] = []
    left = {kind: list(changes) for kind, changes in CHANGES.items()}
    for tree in incoming:  # each change made to the next record of its kind it changes
        tree.record = _apply(RecordKind.HOUSEHOLD, tree.record, left, changed)
        tree.members = [_apply(RecordKind.MEMBER, m, left, changed) for m in tree.members]
        for p in tree.plans:
            p.record = _apply(RecordKind.PLAN, p.record, left, changed)
            p.life_areas = [_apply(RecordKind.LIFE_AREA, r, left, changed) for r in p.life_areas]
            p.allocations = [_apply(RecordKind.ALLOCATION, r, left, changed) for r in p.allocations]
    assert not any(left.values()), left  # the demo region has a record for every change
    plain, alike = _read(office, incoming)
    assert alike == plain
    taken = {id(r) for _k, r in _records(alike)}
    assert not any(id(r) in taken for r in changed)
    others = {id(r) for k, r in _records(incoming) if k is not RecordKind.DECISION} - {id(r) for r in changed}
    assert others and others <= taken  # the others are still the file's own


def _apply(
    kind: RecordKind,
    record: Record,
    left: dict[RecordKind, list[Callable[[Record], Record | None]]],
    out: list[Record],
) -> Record:
    if not left[kind]:
        return record
    made = left[kind][0](record)
    if made is None:
        return record  # nothing of this record to change so (an empty date): the next one
    left[kind].pop(0)
    out.append(made)
    return made


def test_an_import_of_changes_in_json_fields_only_takes_them(tmp_path: Path, office_path: Path) -> None:
    """A life area whose goals alone changed in the file (same stamp as here) is still taken."""
    _a, office, _b = three_sides(tmp_path, office_path)
    read = exchange.read_households(office.export(), office.trusted)
    incoming = copy.deepcopy(read.households)
    plan = next(p for t in incoming for p in t.plans if p.status == "concept" and p.life_areas)
    area = plan.life_areas[0]
    goals = [*area.fields["goals"], {"id": "g-nieuw", "text": "Nieuw doel", "target_date": None, "who": ""}]
    plan.life_areas[0] = dataclasses.replace(area, fields={**area.fields, "goals": goals})
    result = exchange.import_households(office.db, exchange.Incoming(read.signer, incoming))
    assert result.summary.updated == 1 and result.summary.conflicts == 0
    plain, _alike = _read(office, incoming)
    stored = next(r for k, r in _records(plain) if r.id == area.id)
    assert stored.fields["goals"] == goals


def test_ids_of_any_text_are_looked_up_as_they_are(tmp_path: Path, office_path: Path) -> None:
    """The stored records are read by id lists written into the statement's one parameter
    (dialect.in_ids_sql: an array's text on PostgreSQL): an id a file may carry with quotes,
    backslashes, commas or braces finds itself and nothing else."""
    from sqlalchemy import insert

    from db import dialect
    from db import schema as s
    from db.database import Database

    odd = ['a"b', "c\\d", "e,f", "{g}", "h i", "j'k", "NULL", ""]
    with Database.open(office_path, encrypt=False) as db, db.unit_of_work() as uow:
        conn = uow.connection
        conn.execute(insert(s.settings), [{"key": f"test.{i}", "value": i} for i in [*odd, "other"]])
        where, params = dialect.in_ids_sql(conn, "value", odd)
        found = conn.exec_driver_sql(f'SELECT "value" FROM "settings" WHERE {where}', params).scalars().all()
        assert sorted(found) == sorted(odd)


def _letters_of(trees: list[HouseholdTree]) -> list[list[dict[str, Any]]]:
    return [
        p.decision.fields["documents"]
        for t in trees
        for p in t.plans
        if p.decision is not None and p.decision.fields.get("documents")
    ]


def test_letters_stored_as_the_file_has_them_are_the_files_own_others_are_read(
    tmp_path: Path, office_path: Path
) -> None:
    """A decision's letters (db/exchange.py `_letters`): their PDFs are not read when the rest of
    the decision and each letter's SHA-256 are as stored; a letter or a decision that differs is
    read from the database, PDF and all."""
    _a, office, _b = three_sides(tmp_path, office_path)
    incoming = copy.deepcopy(_own_file(office))
    sent = _letters_of(incoming)
    assert sent and all(len(letters) >= 2 for letters in sent)  # the demo's decided household
    plain, alike = _read(office, incoming)
    assert alike == plain
    assert all(a is s for a, s in zip(_letters_of(alike), sent, strict=True))

    sent[0][1] = {**sent[0][1], "title": "Een andere brief"}  # a letter differs
    decided = next(p for t in incoming for p in t.plans if p.decision is not None)
    assert decided.decision is not None
    changed = dataclasses.replace(decided.decision, fields={**decided.decision.fields, "documents": sent[0]})
    decided.decision = changed
    plain, alike = _read(office, incoming)
    assert alike == plain
    assert _letters_of(alike)[0] is not sent[0] and _letters_of(alike)[0][1]["title"] != "Een andere brief"

    fields = {**changed.fields, "documents": _letters_of(plain)[0], "snapshot": "{}"}  # the rest differs
    decided.decision = dataclasses.replace(changed, fields=fields)
    plain, alike = _read(office, incoming)
    assert alike == plain and _letters_of(alike)[0] is not fields["documents"]
