"""`backup`, `restore`, `encrypt` and `check`'s encryption line, as real subprocesses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from db import cipher
from tests.cli.test_cli import ROOT, run
from tests.db.test_backup import dump


def test_backup_to_the_data_folder_then_restore(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run(tmp_path, "demo", "--db", str(db))
    before = dump(db)
    made = Path(run(tmp_path, "backup", "--db", str(db)).stdout.strip())
    assert made.parent == tmp_path / "data" / "Trajectplanner" / "backups"
    assert (made.stat().st_mode & 0o777, made.parent.stat().st_mode & 0o777) == (0o600, 0o700)
    assert cipher.is_encrypted(made)

    result = run(tmp_path, "restore", str(made), "--db", str(db))
    assert "is teruggezet" in result.stdout and "bewaard als" in result.stdout
    assert dump(db) == before
    assert len(list(tmp_path.glob("t.db.voor-terugzetten-*"))) == 1


def test_restore_of_a_non_backup_says_so_in_dutch(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    run(tmp_path, "demo", "--db", str(db))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"geen reservekopie" * 100)
    before = db.read_bytes()
    result = run(tmp_path, "restore", str(junk), "--db", str(db), check=False)
    assert result.returncode == 1 and result.stderr.startswith("Fout: Het bestand junk.db is geen bruikbare")
    assert db.read_bytes() == before


def test_encrypt_converts_a_plain_file_and_check_says_so(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    code = "import sys; from db.database import Database; Database.open(sys.argv[1], encrypt=False).close()"
    subprocess.run([sys.executable, "-c", code, str(plain)], cwd=ROOT, check=True)
    run(tmp_path, "demo", "--db", str(plain))
    assert not cipher.is_encrypted(plain)
    assert "Versleuteld:    nee" in run(tmp_path, "check", "--db", str(plain)).stdout
    assert json.loads(run(tmp_path, "check", "--db", str(plain), "--json").stdout)["encrypted"] is False

    result = run(tmp_path, "encrypt", "--db", str(plain))
    assert "is versleuteld" in result.stdout
    assert cipher.is_encrypted(plain)
    assert "Versleuteld:    ja" in run(tmp_path, "check", "--db", str(plain)).stdout
    assert "al versleuteld" in run(tmp_path, "encrypt", "--db", str(plain)).stdout


def test_key_file_option_and_a_wrong_key(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    mine = tmp_path / "mijn.key"
    run(tmp_path, "demo", "--db", str(db), "--key-file", str(mine))
    assert mine.is_file()
    assert json.loads(run(tmp_path, "check", "--db", str(db), "--json", "--key-file", str(mine)).stdout)[
        "encrypted"
    ]
    other = tmp_path / "ander.key"
    run(tmp_path, "demo", "--db", str(tmp_path / "ander.db"), "--key-file", str(other))
    before = db.read_bytes()
    result = run(tmp_path, "list", "--db", str(db), "--key-file", str(other), check=False)
    assert result.returncode == 1 and "andere sleutel" in result.stderr and "niet gewijzigd" in result.stderr
    assert "hmac" not in result.stderr.lower()  # SQLCipher's own log line is silenced
    assert db.read_bytes() == before
