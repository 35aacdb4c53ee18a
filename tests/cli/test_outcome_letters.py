"""`trajectplanner letter` for the two outcome showcases of the demo: the partial grant (DEMO-0011)
and the refusal (DEMO-0012), in a real subprocess on a real demo database, read back with pypdf."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from tests.cli.test_cli import run


def _text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_the_partial_grant_and_the_refusal_showcases_print_their_letters(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    run(tmp_path, "demo", "--db", str(db), "--households", "0")
    out = tmp_path / "out"
    texts = {}
    for case in ("DEMO-0011", "DEMO-0012"):
        result = run(tmp_path, "letter", case, "--out", str(out), "--db", str(db))
        (name,) = (line.strip() for line in result.stdout.splitlines() if line.strip().endswith(".pdf"))
        texts[case] = _text(Path(name) if Path(name).is_absolute() else tmp_path / name)
    partly, refused = texts["DEMO-0011"], texts["DEMO-0012"]
    assert "Hulp bij het huishouden (Wmo 2015): gedeeltelijk toegekend" in partly
    assert "U vroeg om 300 minuten per week. Wij kennen 155 minuten per week toe." in partly
    assert "Begeleiding individueel (Wmo 2015): afgewezen" in refused
    assert "Wij wijzen uw aanvraag voor begeleiding bij de administratie af." in refused
    assert "artikel 2.3.5, derde lid, van de Wmo 2015" in refused and "Dit is de reden:" in refused
