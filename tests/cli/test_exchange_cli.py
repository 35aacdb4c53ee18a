"""The exchange verbs as real subprocesses: keys in a private config folder, an encrypted export
read in at the office, refusals with a Dutch sentence and exit code 1 leaving the database as it
was, --json for scripts, the office's signed catalogue."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from tests.cli.test_cli import run  # one side's own config, data and log folders
from tests.exchange.helpers import dump, file_bytes


def _public(home: Path) -> tuple[str, str]:
    lines = run(home, "keys", "show").stdout.splitlines()
    return lines[0].split()[-1], lines[1].split()[-1]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("uitwisseling")
    laptop, office = tmp / "laptop", tmp / "kantoor"
    for home in (laptop, office):
        run(home, "keys", "init")
    run(laptop, "demo", "--db", str(tmp / "laptop.db"))
    office_age, office_sign = _public(office)
    _laptop_age, laptop_sign = _public(laptop)
    run(laptop, "keys", "office", office_age, "--db", str(tmp / "laptop.db"))
    run(office, "keys", "trust", laptop_sign, "--name", "Consulent Zutphen")
    run(laptop, "keys", "trust", office_sign, "--name", "Kantoor", "--office")
    return {"tmp": tmp, "laptop": laptop, "office": office, "laptop_db": tmp / "laptop.db"}


def test_keys_are_private_files_in_the_config_folder(world: dict[str, Path]) -> None:
    folder = world["laptop"] / "config" / "Trajectplanner"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    names = sorted(p.name for p in folder.iterdir())
    assert "uitwisseling-identiteit.age" in names and "uitwisseling-ondertekening.pem" in names
    for p in folder.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o600, p.name
    again = run(world["laptop"], "keys", "init", check=False)
    assert again.returncode == 1 and "niet vervangen" in again.stderr


def test_export_for_the_office_then_import_there(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    out = tmp / "jansen.tpx"
    made = run(
        world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(out), "--case", "DEMO-0001"
    )
    assert "1 huishoudens geëxporteerd" in made.stderr and "versleuteld" in made.stderr
    assert out.read_bytes().startswith(b"age-encryption.org/v1")
    assert b"Jansen" not in out.read_bytes()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    office_db = tmp / "kantoor.db"
    dry = json.loads(
        run(world["office"], "import", str(out), "--db", str(office_db), "--dry-run", "--json").stdout
    )
    assert dry["dry_run"] and dry["added"] > 0
    first = json.loads(run(world["office"], "import", str(out), "--db", str(office_db), "--json").stdout)
    assert (
        first["added"] == dry["added"] and first["conflicts"] == 0 and first["sender"] == "Consulent Zutphen"
    )
    before = file_bytes(office_db)
    second = run(world["office"], "import", str(out), "--db", str(office_db))
    assert "0 toegevoegd, 0 bijgewerkt" in second.stdout and "0 conflicten" in second.stdout
    assert file_bytes(office_db) == before
    listed = json.loads(run(world["office"], "list", "--db", str(office_db), "--json").stdout)
    assert [r["case_number"] for r in listed] == ["DEMO-0001"]
    assert "geen open conflicten" in run(world["office"], "conflicts", "--db", str(office_db)).stderr


def _refused(world: dict[str, Path], data: bytes, *extra: str) -> str:
    tmp = world["tmp"]
    target = tmp / "kantoor-weigering.db"
    if not target.exists():
        good = tmp / "goed.tpx"
        run(world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(good))
        run(world["office"], "import", str(good), "--db", str(target))
    bad = tmp / "slecht.tpx"
    bad.write_bytes(data)
    before, rows = file_bytes(target), dump(target)
    result = run(world["office"], "import", str(bad), "--db", str(target), *extra, check=False)
    assert result.returncode == 1 and result.stderr.startswith("Fout: ")
    assert "Traceback" not in result.stderr
    assert file_bytes(target) == before and dump(target) == rows
    return result.stderr


def test_refusals_say_why_and_change_nothing(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    good = tmp / "alles.tpx"
    run(world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(good))
    data = good.read_bytes()
    assert "beschadigd of onvolledig" in _refused(world, data[: len(data) // 3])
    flipped = bytearray(data)
    flipped[-10] ^= 0xFF
    assert "beschadigd" in _refused(world, bytes(flipped))
    # For the laptop itself (not for the office's key): the office cannot read it.
    laptop_age, _ = _public(world["laptop"])
    mine = tmp / "eigen.tpx"
    run(world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(mine), "--to", laptop_age)
    assert "niet voor uw sleutel" in _refused(world, mine.read_bytes())
    # A passphrase file, and the wrong passphrase.
    (tmp / "ww.txt").write_text("correct paard batterij nietje\n", encoding="utf-8")
    (tmp / "fout.txt").write_text("iets anders\n", encoding="utf-8")
    locked = tmp / "wachtwoord.tpx"
    run(
        world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(locked),
        "--passphrase-file", str(tmp / "ww.txt"),
    )  # fmt: skip
    message = _refused(world, locked.read_bytes(), "--passphrase-file", str(tmp / "fout.txt"))
    assert "wachtwoord past niet" in message
    assert "Geen" not in run(world["office"], "import", str(locked), "--db", str(tmp / "ww.db"),
                             "--passphrase-file", str(tmp / "ww.txt")).stderr  # fmt: skip


def test_an_unknown_signer_is_refused(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    stranger = tmp / "vreemde"
    run(stranger, "keys", "init")
    run(stranger, "demo", "--db", str(tmp / "vreemd.db"))
    office_age, _ = _public(world["office"])
    out = tmp / "vreemd.tpx"
    run(stranger, "export", "--db", str(tmp / "vreemd.db"), "--out", str(out), "--to", office_age)
    message = _refused(world, out.read_bytes())
    assert "onbekende afzender" in message and "keys trust ed25519:" in message


def test_a_plain_export_only_when_asked_and_still_signed(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    out = tmp / "plat.tpx"
    run(world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(out), "--plain")
    assert out.read_bytes().startswith(b"TRAJECTPLANNER-GETEKEND 1\n")
    tampered = out.read_bytes().replace(b"Jansen", b"Janssen", 1)
    assert "handtekening" in _refused(world, tampered)


def test_without_a_recipient_nothing_is_written(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    target = tmp / "x.tpx"
    result = run(world["office"], "export", "--db", str(tmp / "leeg.db"), "--out", str(target), check=False)
    assert result.returncode == 1 and "geen ontvanger" in result.stderr and not target.exists()


def test_the_office_catalogue_is_signed_and_checked(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    office_db = world["laptop_db"]  # the office's own catalogue: the demo region
    key = world["office"] / "config" / "Trajectplanner" / "uitwisseling-ondertekening.pem"
    out = tmp / "catalogus.tpc"
    run(world["office"], "catalogue", "export", "--db", str(office_db), "--out", str(out), "--sign", str(key),
        "--version", "2027.1")  # fmt: skip
    laptop_db = tmp / "laptop-catalogus.db"
    done = run(world["laptop"], "catalogue", "import", str(out), "--db", str(laptop_db))
    assert "versie 2027.1" in done.stdout and "Kantoor" in done.stdout
    check = json.loads(run(world["laptop"], "check", "--db", str(laptop_db), "--json").stdout)
    assert check["counts"]["providers"] >= 250 and check["counts"]["contracts"] >= 3000

    before = file_bytes(laptop_db)
    tampered = tmp / "catalogus-gewijzigd.tpc"
    tampered.write_bytes(out.read_bytes().replace(b'"tariff":"', b'"tariff":"1', 1))
    bad = run(world["laptop"], "catalogue", "import", str(tampered), "--db", str(laptop_db), check=False)
    assert bad.returncode == 1 and "handtekening" in bad.stderr
    laptop_key = world["laptop"] / "config" / "Trajectplanner" / "uitwisseling-ondertekening.pem"
    wrong = tmp / "catalogus-laptop.tpc"
    run(world["laptop"], "catalogue", "export", "--db", str(laptop_db), "--out", str(wrong), "--sign",
        str(laptop_key))  # fmt: skip
    refused = run(world["laptop"], "catalogue", "import", str(wrong), "--db", str(laptop_db), check=False)
    assert refused.returncode == 1 and "niet ondertekend door het kantoor" in refused.stderr
    unsigned = tmp / "catalogus-ongetekend.json"
    unsigned.write_bytes(out.read_bytes().split(b"\n", 2)[2])
    plain = run(world["laptop"], "catalogue", "import", str(unsigned), "--db", str(laptop_db), check=False)
    assert plain.returncode == 1 and "ondertekend" in plain.stderr
    assert file_bytes(laptop_db) == before


def test_a_folder_is_taken_in_file_by_file(world: dict[str, Path]) -> None:
    tmp = world["tmp"]
    folder = tmp / "binnengekomen"
    folder.mkdir()
    good = folder / "1-goed.tpx"
    run(world["laptop"], "export", "--db", str(world["laptop_db"]), "--out", str(good))
    (folder / "2-kapot.tpx").write_bytes(good.read_bytes()[:100])
    office_db = tmp / "kantoor-map.db"
    first = run(world["office"], "import", str(folder), "--db", str(office_db), check=False)
    assert first.returncode == 1 and "Traceback" not in first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("ingelezen") and "1-goed.tpx" in lines[0] and "toegevoegd" in lines[0]
    assert lines[1].startswith("geweigerd") and "beschadigd of onvolledig" in lines[1]
    assert lines[2] == "2 bestanden: 1 ingelezen, 1 geweigerd, 0 overgeslagen; 0 nieuwe conflicten."
    assert "1 bestand(en) geweigerd" in first.stderr
    (folder / "2-kapot.tpx").unlink()
    before = file_bytes(office_db)
    again = json.loads(run(world["office"], "import", str(folder), "--db", str(office_db), "--json").stdout)
    assert [f["result"] for f in again["files"]] == ["skipped"] and again["skipped"] == 1
    assert file_bytes(office_db) == before
    missing = run(
        world["office"], "import", str(folder), str(tmp / "weg.tpx"), "--db", str(office_db), check=False
    )
    assert missing.returncode == 1 and "bestaat niet" in missing.stderr
