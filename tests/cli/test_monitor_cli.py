"""`trajectplanner monitor` and the office's PostgreSQL URL, as real subprocesses."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.cli.test_cli import run
from tests.pg import server_or_skip


@pytest.fixture(scope="module")
def region(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("monitor")
    db = tmp / "regio.db"
    run(tmp, "demo", "--db", str(db), "--households", "60")
    return db


def test_monitor_writes_a_pdf_with_charts_and_tables_and_a_csv(region: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "rapport.pdf"
    out = run(
        tmp_path,
        "monitor",
        "--db",
        str(region),
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--out",
        str(pdf),
    )
    assert "Monitor geschreven" in out.stdout and "8 gemeenten" in out.stdout
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    text = "".join(p.extract_text() for p in reader.pages)
    for words in (
        "Regionale monitor",
        "Toewijzingen per gemeente",
        "Stroom per maand",
        "Apeldoorn",
        "Wachttijden",
    ):
        assert words in text
    csv = tmp_path / "rapport.csv"
    run(
        tmp_path, "monitor", "--db", str(region), "--from", "2026-01-01", "--to", "2026-12-31",
        "--municipality", "GM0301", "--out", str(csv),
    )  # fmt: skip
    lines = csv.read_text("utf-8-sig").splitlines()
    assert lines[1] == "onderdeel;gemeente;segment_of_product;maat;waarde"
    towns = {line.split(";")[1] for line in lines[2:] if line.startswith("stroom;")}
    assert towns == {"Zutphen", "Regio"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--from", "2026-13-01", "--to", "2026-12-31", "--out", "r.pdf"), "geen geldige datum voor --from"),
        (("--from", "2026-12-01", "--to", "2026-01-31", "--out", "r.pdf"), "ligt vóór het begin"),
        (("--from", "2026-01-01", "--to", "2026-12-31", "--out", "r.docx"), "moet eindigen op .pdf of .csv"),
        (
            ("--from", "2026-01-01", "--to", "2026-12-31", "--municipality", "GM0001", "--out", "r.csv"),
            "GM0001",
        ),
    ],
)
def test_monitor_mistakes_are_said_in_dutch(
    region: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run(tmp_path, "monitor", "--db", str(region), *args, check=False)
    assert result.returncode == 1 and message in result.stderr


def test_the_office_runs_on_a_postgresql_url(tmp_path: Path) -> None:
    server = server_or_skip()
    url = server.fresh_database()
    try:
        run(tmp_path, "demo", "--db", url, "--households", "30")
        check = run(tmp_path, "check", "--db", url)
        assert "Server:         PostgreSQL" in check.stdout and "Integriteit:    ok" in check.stdout
        assert "Versleuteld" not in check.stdout
        csv = tmp_path / "kantoor.csv"
        run(tmp_path, "monitor", "--db", url, "--from", "2026-01-01", "--to", "2026-12-31", "--out", str(csv))
        assert "stroom;Regio;;doorstroom_lopend;" in csv.read_text("utf-8-sig")
        backup = run(tmp_path, "backup", "--db", url, check=False)
        assert backup.returncode == 1 and "pg_dump" in backup.stderr
    finally:
        server.drop(url)
