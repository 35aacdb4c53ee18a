"""Common short words are read in name order off the prefix index (db.name_search); the first
page must be exactly the one sorting every match would give, before and after a rename."""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

import pytest

from db.database import Database
from db.name_search import NARROW
from db.search import name_words, words
from planner.model import Household, Member, Role
from tests.pg import server_or_skip

GIVEN = ["Jan", "Johan", "Jet", "Sara", "Sem", "Daan", "Demi", "Ayşe", "Vera", "Quinten"]
SURNAMES = [
    ("", "Jansen"),
    ("de", "Jong"),
    ("van der", "Linden"),
    ("van", "Dijk"),
    ("", "Smit"),
    ("de", "Vries"),
]


def _households(n: int) -> list[Household]:
    rng = random.Random(11)
    found = []
    for i in range(n):
        prefix, surname = rng.choice(SURNAMES)
        members = [
            Member(rng.choice(GIVEN), surname, None, Role.PARENT, surname_prefix=prefix)
            for _ in range(rng.randint(1, 3))
        ]
        found.append(
            Household(case_number=f"2027-{i:06d}", municipality_code="GM0200", postcode="", members=members)
        )
    return found


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def many(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, list[Household]]]:
    server = server_or_skip() if request.param == "postgresql" else None
    target: Any = server.fresh_database() if server else tmp_path_factory.mktemp("order") / "t.db"
    db = Database.open(target)
    households = _households(3 * NARROW)
    with db.unit_of_work() as uow:
        uow.bulk_insert_households(households)
    yield db, households
    db.close()
    if server:
        server.drop(target)


def _expected(households: list[Household], text: str) -> list[str]:
    typed = words(text)
    hits = [h for h in households if all(any(w.startswith(t) for w in name_words(h)) for t in typed)]
    return [h.case_number for h in sorted(hits, key=lambda h: (h.name, h.case_number))][:50]


def _found(db: Database, text: str) -> list[str]:
    with db.unit_of_work(write=False) as uow:
        return [s.case_number for s in uow.households.search(text)]


@pytest.mark.parametrize(
    "text", ["j", "d", "de", "van", "de j", "van der", "van der s", "ja", "jansen", "sem de"]
)
def test_first_page_is_the_sorted_one(many: tuple[Database, list[Household]], text: str) -> None:
    db, households = many
    expected = _expected(households, text)
    assert len(expected) == 50  # common enough to be walked, not sorted
    assert _found(db, text) == expected


def test_a_rename_moves_the_household_in_the_walk(many: tuple[Database, list[Household]]) -> None:
    db, households = many
    last = households[-1]
    assert _found(db, "j")[0] != last.case_number
    renamed = Household(
        case_number=last.case_number,
        municipality_code=last.municipality_code,
        postcode="",
        members=[Member("Jet", "Aalders", None, Role.PARENT)],
        id=last.id,
    )
    with db.unit_of_work() as uow:
        stored = uow.households.get(last.id)
        assert stored is not None
        stored.members[:] = renamed.members
        uow.households.save(stored)
    assert _found(db, "j")[0] == last.case_number
    assert last.case_number not in _found(db, "van der")


def test_prefix_rows_follow_saves_and_deletion(db: Database) -> None:
    """The prefix rows have no foreign key: a save with a new name or case number and a delete
    must leave exactly the rows of what is stored."""
    from sqlalchemy import select

    from db import schema as s
    from db.search import household_prefix_rows

    h = Household(
        case_number="A-1", municipality_code="GM0200", postcode="", members=[Member("Jan", "Smit", None)]
    )
    with db.unit_of_work() as uow:
        uow.households.save(h)
    with db.unit_of_work() as uow:
        stored = uow.households.get(h.id)
        assert stored is not None
        stored.case_number = "A-2"
        stored.members[0].surname = "Bakker"
        uow.households.save(stored)
        rows = {tuple(r) for r in uow.connection.execute(select(s.household_prefixes))}
        assert rows == {tuple(r.values()) for r in household_prefix_rows(stored)}
        assert ("sm", "Smit", "A-1", h.id) not in rows and ("ba", "Bakker", "A-2", h.id) in rows
    with db.unit_of_work() as uow:
        uow.households.delete(h.id)
        assert uow.connection.execute(select(s.household_prefixes)).all() == []
