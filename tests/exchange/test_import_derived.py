"""What an import derives equals what a save here derives: the search columns, name words and
name prefixes, and the listed plan status — for households new here (written whole, their plan
status worked out in Python) and for households the file changed (refreshed a chunk at a time)."""

from __future__ import annotations

from pathlib import Path

from planner.model import Role
from tests.exchange.helpers import dump, edit_household, three_sides

DERIVED = ("households", "household_words", "household_prefixes")


def _rename(household: object) -> None:
    adult = next(m for m in household.members if m.role in (Role.PARENT, Role.PARTNER))  # type: ignore[attr-defined]
    adult.surname_prefix, adult.surname, adult.given_names = "van der", "Çelik", "Zoë"
    household.postcode = "9999 zz"  # type: ignore[attr-defined]


def test_derived_rows_of_an_import_equal_those_of_a_save(tmp_path: Path, office_path: Path) -> None:
    a, office, b = three_sides(tmp_path, office_path)  # the office and B took A's households whole
    want = dump(a.path, DERIVED)
    assert any(row for row in want["households"])
    assert dump(office.path, DERIVED) == want and dump(b.path, DERIVED) == want

    edit_household(a, "DEMO-0002", _rename)
    edit_household(a, "DEMO-0003", lambda h: setattr(h, "street", "Nieuwstraat"))  # no search key
    edit_household(a, "DEMO-0004", lambda h: setattr(h, "postcode", "1111 AA"))  # the household's own
    result = office.import_(a.export(to=office))
    assert result.summary.updated >= 4 and result.summary.conflicts == 0
    assert dump(office.path, DERIVED) == dump(a.path, DERIVED)
