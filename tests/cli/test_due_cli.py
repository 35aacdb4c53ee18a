"""`trajectplanner due`: the caseload on the command line, as a real subprocess on a demo file."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from dateutil.relativedelta import relativedelta

from tests.cli.test_cli import TODAY, run


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo region built on the same --today the verbs run with (its dates follow that day)."""
    tmp = tmp_path_factory.mktemp("due")
    db = tmp / "demo.db"
    run(tmp, "demo", "--db", str(db), "--households", "10")
    return db


def test_due_json_lists_daans_18th_birthday_and_his_bridging_agreement(demo_db: Path, tmp_path: Path) -> None:
    items = json.loads(run(tmp_path, "due", "--db", str(demo_db), "--json").stdout)
    jansen = {i["kind"]: i for i in items if i["case_number"] == "DEMO-0001"}
    # showcase.toml: Daan turns 18 four months after the plans' start (the 1st of next month),
    # and his bridging agreement runs until the day before five months after it.
    start = (date.fromisoformat(TODAY) + relativedelta(months=1)).replace(day=1)
    birthday = jansen["volwassen"]
    assert birthday["due"] == (start + relativedelta(months=4)).isoformat()
    assert birthday["description"].startswith("Daan Jansen wordt 18 op ")
    assert birthday["name"] == "Jansen" and birthday["municipality"] == "Zutphen"
    bridging = jansen["overbrugging"]
    assert bridging["due"] == (start + relativedelta(months=5) - relativedelta(days=1)).isoformat()
    assert "Daan Jansen" in bridging["description"] and bridging["urgency"] == "later"
    assert {"besluit", "onderzoek"} <= set(jansen)  # the concept's procedure deadlines
    assert set(items[0]) == {
        "household_id", "case_number", "name", "municipality", "municipality_code",
        "kind", "kind_label", "due", "urgency", "description",
    }  # fmt: skip
    assert [i["due"] for i in items if i["urgency"] != "verlopen"] == sorted(
        i["due"] for i in items if i["urgency"] != "verlopen"
    )


def test_within_narrows_the_list_and_the_text_form_reads(demo_db: Path, tmp_path: Path) -> None:
    soon = json.loads(run(tmp_path, "due", "--db", str(demo_db), "--json", "--within", "14").stdout)
    last = (date.fromisoformat(TODAY) + relativedelta(days=14)).isoformat()
    assert soon and all(i["due"] <= last or i["urgency"] == "verlopen" for i in soon)
    assert not [i for i in soon if i["kind"] in ("volwassen", "overbrugging")]
    text = run(tmp_path, "due", "--db", str(demo_db), "--within", "14").stdout
    assert "DEMO-0001" in text and "Uiterste datum besluit" in text
    assert text.strip().splitlines()[-1].endswith("in de werkvoorraad, tot en met " + _words(soon) + ".")


def _words(items: list[dict[str, str]]) -> str:
    from planner.dutch import date_words

    return date_words(date.fromisoformat(max(i["due"] for i in items)))


def test_a_negative_window_and_an_empty_database_are_said_in_dutch(tmp_path: Path) -> None:
    empty = str(tmp_path / "leeg.db")
    result = run(tmp_path, "due", "--db", empty, "--within", "-1", check=False)
    assert result.returncode == 1 and "--within kan niet negatief zijn" in result.stderr
    assert "Er is niets te doen" in run(tmp_path, "due", "--db", empty).stdout
    assert json.loads(run(tmp_path, "due", "--db", empty, "--json").stdout) == []
