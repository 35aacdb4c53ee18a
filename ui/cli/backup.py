"""Verbs `backup`, `restore` and `encrypt`, and the `--key-file` option (db/backup.py, db/cipher.py).

Kept apart from ui/cli.py so they can move with it into the ui/cli/ package as they are.

A plain (unencrypted) database is converted only when asked: in the window by a question, on the
command line by `trajectplanner encrypt`. Other verbs never ask (scripts must not hang on a
question) and never convert; `check` says whether the file is encrypted.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from ui.cli.common import CliError, db_path, file_path, open_database
from ui.shell.paths import backups_dir

Verb = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_key_file_option(common: argparse.ArgumentParser) -> None:
    common.add_argument(
        "--key-file",
        metavar="BESTAND",
        help="het bestand met de databasesleutel (standaard: de sleutelkluis van het systeem)",
    )


def apply_key_file(args: argparse.Namespace) -> None:
    """`--key-file` wins over the key store, for this process and the ones it starts."""
    from db.cipher import ENV_KEY_FILE

    if getattr(args, "key_file", None):
        os.environ[ENV_KEY_FILE] = str(Path(args.key_file).resolve())


def add_verbs(verb: Verb) -> None:
    p = verb("backup", cmd_backup, "maak een reservekopie van de database (veilig, ook terwijl hij open is)")
    p.add_argument(
        "--out", metavar="BESTAND", help="bestand voor de kopie (standaard: map backups in de gegevensmap)"
    )
    p = verb("restore", cmd_restore, "zet een reservekopie terug; de huidige database wordt apart bewaard")
    p.add_argument("file", metavar="BESTAND", help="de reservekopie")
    verb("encrypt", cmd_encrypt, "versleutel een onversleutelde database (SQLCipher)")


def cmd_backup(args: argparse.Namespace) -> int:
    from db.backup import BackupError, backup, default_backup_name

    db = open_database(db_path(args))
    out = Path(args.out) if args.out else backups_dir() / default_backup_name(db.path)
    if out.is_dir():
        out = out / default_backup_name(db.path)
    try:
        backup(db, out)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    finally:
        db.close()
    print(out)
    print(
        f"Reservekopie gemaakt{' (versleuteld)' if db.encrypted else ''}. "
        f"Terugzetten met: trajectplanner restore {out}",
        file=sys.stderr,
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from db.backup import restore
    from db.database import DatabaseError

    target = file_path(args)
    try:
        done = restore(Path(args.file), target)
    except DatabaseError as exc:  # BackupError, or a key that is missing
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"De reservekopie kon niet worden teruggezet: {exc.strerror}.") from None
    print(f"De reservekopie {args.file} is teruggezet in {done.target}.")
    if done.aside is not None:
        print(f"De vervangen database is bewaard als {done.aside}.")
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from db.cipher import database_key, describe_key_location, encrypt_file
    from db.database import DatabaseError

    path = file_path(args)
    db = open_database(path)  # checks that it is ours and current before anything is converted
    encrypted = db.encrypted
    db.close()
    if encrypted:
        print(f"De database {path} is al versleuteld.")
        return 0
    try:
        encrypt_file(path, database_key())
    except DatabaseError as exc:
        raise CliError(str(exc)) from None
    open_database(path).close()
    print(f"De database {path} is versleuteld. De sleutel staat in {describe_key_location()}.")
    return 0
