"""Opening a file: create private, WAL and FKs on, upgrade, and refuse without touching."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.database import Database, DatabaseError, NewerSchemaError, head_revision
from db.dialect import driver_sql
from db.schema import metadata
from tests.db.raw import blank_engine, raw_connect, raw_rows


def _mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.sqlite_only("bestandsrechten en WAL")
def test_new_file_is_private_wal_with_foreign_keys(db: Database, db_path: Path) -> None:
    with db.unit_of_work() as uow:
        uow.settings.set("k", "v")  # forces the -wal/-shm files into existence
        conn = uow.connection
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert _mode(db_path) == 0o600
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        assert side.exists()
        assert _mode(side) & 0o077 == 0, suffix


@pytest.mark.sqlite_only("een leeg bestand; een lege serverdatabase: tests/db/test_postgres.py")
def test_empty_file_is_migrated_to_head(db_path: Path) -> None:
    os.close(os.open(db_path, os.O_CREAT | os.O_WRONLY, 0o644))
    with Database.open(db_path) as db:
        assert db.schema_version == head_revision() == "0016"
        assert db.integrity_check() == "ok"
    assert _mode(db_path) == 0o600  # tightened on open


def test_migrated_schema_matches_schema_module(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_reopen_keeps_data_and_version(db_path: Path) -> None:
    with Database.open(db_path) as db, db.unit_of_work() as uow:
        uow.settings.set("region", "Noord-Veluwe")
    with Database.open(db_path) as db, db.unit_of_work(write=False) as uow:
        assert uow.settings.get("region") == "Noord-Veluwe"
        assert db.schema_version == head_revision()


@pytest.mark.sqlite_only("het bestand blijft byte voor byte gelijk; de server: tests/db/test_postgres.py")
def test_newer_schema_is_refused_and_file_unchanged(db_path: Path) -> None:
    Database.open(db_path).close()
    con = raw_connect(db_path)
    con.execute("UPDATE alembic_version SET version_num = '0099_future'")
    con.commit()
    con.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(NewerSchemaError) as info:
        Database.open(db_path)
    message = str(info.value)
    assert "nieuwere versie van Trajectplanner" in message
    assert "0099_future" in message
    assert "de database is niet gewijzigd" in message
    assert isinstance(info.value, DatabaseError)
    assert _snapshot(db_path.parent) == before


@pytest.mark.parametrize(
    "content",
    [
        b"Dit is een tekstbestand, geen database.\n" * 20,
        b"SQLite format 3\x00" + b"\xff" * 4000,  # right header, garbage after it
    ],
    ids=["text", "damaged"],
)
@pytest.mark.sqlite_only("een bestand dat geen database is")
def test_non_database_is_refused_and_unchanged(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    before = _snapshot(db_path.parent)
    with pytest.raises(DatabaseError) as info:
        Database.open(db_path)
    assert "geen bruikbare Trajectplanner-database" in str(info.value)
    assert _snapshot(db_path.parent) == before


@pytest.mark.sqlite_only("een bestand dat geen database is")
def test_truncated_database_is_refused_and_unchanged(db_path: Path, tmp_path: Path) -> None:
    Database.open(db_path).close()
    data = db_path.read_bytes()
    broken = tmp_path / "kapot.db"
    broken.write_bytes(data[:100] + b"\x00" * 20 + data[120:1500])
    before = _snapshot(tmp_path)
    with pytest.raises(DatabaseError):
        Database.open(broken)
    assert _snapshot(tmp_path) == before


@pytest.mark.sqlite_only("een bestand dat geen database is")
def test_sqlite_file_of_another_program_is_refused_and_unchanged(db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
    con.commit()
    con.close()
    before = _snapshot(db_path.parent)
    with pytest.raises(DatabaseError):
        Database.open(db_path)
    assert _snapshot(db_path.parent) == before


def test_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nieuw" / "map" / "t.db"
    with Database.open(path) as db:
        assert db.schema_version == head_revision()
    assert _mode(path) == 0o600


def test_revisions_read_from_files_agree_with_alembic():
    from alembic.script import ScriptDirectory

    from db.database import _alembic_config, known_revisions

    script = ScriptDirectory.from_config(_alembic_config())
    assert head_revision() == script.get_current_head()
    assert known_revisions() == {s.revision for s in script.walk_revisions()}


def test_an_older_file_with_households_is_upgraded_on_open_and_found_by_name(db_path: Path) -> None:
    """A file written by the first release (schema 0001) upgrades in place and keeps its data."""
    from alembic import command

    from db.database import _alembic_config
    from planner.model import Household, Member

    engine = blank_engine(db_path)
    with engine.begin() as conn:
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
        household = Household("OUD-1", "GM0301", members=[Member("Zoë", "Çelik", None)])
        conn.exec_driver_sql(
            driver_sql(
                conn,
                "INSERT INTO households (id, case_number, municipality_code, street, house_number, postcode,"
                " city, safety_signal, safety_note, revision, display_name, member_names, search_names,"
                " case_key, postcode_key)"
                " VALUES (?, 'OUD-1', 'GM0301', '', '', '', '', FALSE, '', 1, ?, ?, ?, ?, ?)",
            ),
            (household.id, "Çelik", '["Zoë Çelik"]', " zoe celik ", "oud-1", ""),
        )
        conn.exec_driver_sql(
            driver_sql(
                conn,
                "INSERT INTO members (id, household_id, position, bsn, given_names, initials, surname_prefix,"
                " surname, role, salutation, receives_letters) VALUES (?, ?, 0, '999900018', 'Zoë', 'Z.', '',"
                " 'Çelik', 'ouder', '', TRUE)",
            ),
            (household.members[0].id, household.id),
        )
    engine.dispose()

    with Database.open(db_path) as db:
        assert db.schema_version == head_revision() != "0001"
        with db.unit_of_work(write=False) as uow:
            assert [h.case_number for h in uow.households.search("cel")] == ["OUD-1"]
            assert [h.case_number for h in uow.households.search("zoe celik")] == ["OUD-1"]
            kept = uow.households.get(household.id)
            assert kept.case_number == "OUD-1" and kept.members[0].surname == "Çelik"


def test_a_0003_file_with_plans_upgrades_to_record_revisions_and_keeps_everything(db_path: Path) -> None:
    """0004 adds a revision to members, life areas and allocations with plain ALTER TABLE: a batch
    rebuild of a table would cascade-delete the rows that refer to it."""
    from alembic import command
    from sqlalchemy import MetaData, insert

    from db import convert
    from db.database import _alembic_config
    from db.search import household_word_rows
    from planner.model import Allocation, PlanStatus
    from tests.db import factories

    h = factories.household()
    decided, concept = factories.plan(h, PlanStatus.DECIDED), factories.plan(h)
    engine = blank_engine(db_path)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0003")
        old = MetaData()
        old.reflect(conn)
        assert "revision" not in old.tables["members"].c
        batches = {
            "households": [convert.household_row(h)],
            "members": [convert.member_row(m, h.id, i) for i, m in enumerate(h.members)],
            "household_words": household_word_rows(h),
            "plans": [convert.plan_row(p) for p in (decided, concept)],
            "life_area_results": [
                convert.life_area_row(a, p.id, i)
                for p in (decided, concept)
                for i, a in enumerate(p.life_areas)
            ],
            "allocations": [
                convert.allocation_row(a, p.id, i)
                for p in (decided, concept)
                for i, a in enumerate(p.allocations)
            ],
            "decisions": [{"plan_id": decided.id, "snapshot": "{}", "created": "2027-01-25T10:00:00+00:00"}],
        }
        for name, rows in batches.items():
            table = old.tables[name]
            conn.execute(insert(table), [{k: v for k, v in r.items() if k in table.c} for r in rows])
    engine.dispose()

    with Database.open(db_path) as db:
        assert db.schema_version == head_revision()
        with db.unit_of_work(write=False) as uow:
            counts = uow.counts()
            household = uow.households.get(h.id)
            plans = {p.id: p for p in uow.plans.for_household(h.id)}
    assert {name: counts[name] for name in batches} == {name: len(rows) for name, rows in batches.items()}
    for record in (*h.members, *(r for p in (decided, concept) for r in (*p.life_areas, *p.allocations))):
        record.revision = 1  # rows from before 0004 count as saved once
    for a in (a for p in (decided, concept) for a in p.allocations):
        # rows from before 0008 read as granted as asked
        fresh = Allocation(a.member_id, a.product_code, a.start, a.end, a.volume, a.unit, a.frequency)
        for name in (
            "outcome",
            "requested_volume",
            "requested_start",
            "requested_end",
            "request_text",
            "motivation",
        ):
            setattr(a, name, getattr(fresh, name))
    assert household == h
    assert plans == {decided.id: decided, concept.id: concept}
    # and they save record by record like any other
    loaded = plans[concept.id]
    loaded.life_areas[0].desired_result = "Rust in huis en op school."
    with Database.open(db_path) as db:
        with db.unit_of_work() as uow:
            uow.plans.save(loaded)
        with db.unit_of_work(write=False) as uow:
            again = uow.plans.get(concept.id)
    assert again == loaded and again is not None
    assert [a.revision for a in again.life_areas] == [2, 1]


def test_a_0005_file_with_households_upgrades_to_word_sounds_and_keeps_everything(db_path: Path) -> None:
    """0006 adds the forgiving key to every stored name word (plain ALTER TABLE plus a backfill)
    and the glued surname with its prefix, so an old file finds "Janssen" by "Jansen" at once."""
    from alembic import command
    from sqlalchemy import MetaData, insert

    from db import convert
    from db.database import _alembic_config
    from db.search import household_word_rows
    from tests.db import factories

    h = factories.household(surname="Janssen")
    engine = blank_engine(db_path)
    with engine.begin() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
        config = _alembic_config()
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
        old = MetaData()
        old.reflect(conn)
        assert "sound" not in old.tables["household_words"].c
        conn.execute(insert(old.tables["households"]), [convert.household_row(h)])
        conn.execute(
            insert(old.tables["members"]), [convert.member_row(m, h.id, i) for i, m in enumerate(h.members)]
        )
        # the words as 0005 wrote them: no glued surname, no sound
        old_words = [{"word": r["word"], "household_id": h.id} for r in household_word_rows(h)]
        old_words = [r for r in old_words if r["word"] != "dejanssen"]
        conn.execute(insert(old.tables["household_words"]), old_words)
    engine.dispose()

    with Database.open(db_path) as db:
        assert db.schema_version == head_revision()
        with db.unit_of_work(write=False) as uow:
            assert uow.households.get(h.id) == h
            assert uow.counts()["members"] == len(h.members)
            for text in ("jansen", "Janssen", "dejanssen", "van janssen"):
                assert [s.case_number for s in uow.households.search(text)] == [h.case_number], text
    stored = dict(
        raw_rows(db_path, "SELECT word, sound FROM household_words WHERE household_id = ?", (h.id,))
    )
    assert stored == {r["word"]: r["sound"] for r in household_word_rows(h)}
