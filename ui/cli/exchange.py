"""The exchange verbs: `keys`, `export`, `import`, `conflicts`, `catalogue` (docs/exchange.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.cli.common import CliError, db_path, open_database, write

if TYPE_CHECKING:
    from ui.shell.keys import KeyStore

Verb = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]

KEY_OFFICE_RECIPIENT = "exchange.office_recipient"


def add_verbs(verb: Verb) -> None:
    p = verb("keys", cmd_keys, "sleutels voor het uitwisselen van bestanden: maken, tonen, vertrouwen")
    p.add_argument(
        "action",
        choices=["init", "show", "trust", "office"],
        help="init: maak uw sleutels; show: toon uw openbare sleutels; trust SLEUTEL --name NAAM: "
        "vertrouw een afzender; office SLEUTEL: de openbare sleutel (age1...) van het kantoor",
    )
    p.add_argument("key", nargs="?", metavar="SLEUTEL", help="de sleutel (bij trust en office)")
    p.add_argument("--name", metavar="NAAM", help="de naam van de afzender (bij trust)")
    p.add_argument(
        "--office",
        action="store_true",
        help="de afzender is het kantoor: mag de catalogus sturen (bij trust)",
    )
    p = verb("export", cmd_export, "exporteer huishoudens naar een ondertekend, versleuteld bestand")
    p.add_argument("--out", required=True, metavar="BESTAND", help="het uitwisselingsbestand")
    p.add_argument(
        "--case", action="append", metavar="DOSSIERNUMMER", help="alleen dit huishouden (herhaalbaar)"
    )
    p.add_argument(
        "--since-last",
        action="store_true",
        help="alleen wat veranderde sinds de vorige export naar deze ontvanger",
    )
    p.add_argument(
        "--to", action="append", metavar="SLEUTEL", help="versleutel voor deze openbare sleutel (age1...)"
    )
    p.add_argument(
        "--passphrase-file", metavar="BESTAND", help="versleutel met het wachtwoord in dit bestand"
    )
    p.add_argument("--plain", action="store_true", help="niet versleutelen (alleen voor testen)")
    p.add_argument("--progress", action="store_true", help="toon de voortgangsbalk ook buiten een terminal")
    p = verb(
        "import",
        cmd_import,
        "lees uitwisselingsbestanden in: één bestand, of een map (elk bestand alles of niets)",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="BESTAND|MAP",
        help="het uitwisselingsbestand, of een map / meer bestanden: elk apart ingelezen, "
        "een al ingelezen bestand overgeslagen",
    )
    p.add_argument(
        "--identity", metavar="BESTAND", help="uw age-identiteit (standaard: uit de configuratiemap)"
    )
    p.add_argument(
        "--passphrase-file", metavar="BESTAND", help="het wachtwoord van het bestand, in dit bestand"
    )
    p.add_argument("--dry-run", action="store_true", help="laat zien wat er zou gebeuren; verander niets")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p = verb("conflicts", cmd_conflicts, "toon de conflicten die een import liet staan, of los er een op")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--resolve",
        metavar="ID",
        help="los dit conflict op (met --take); nog eens met de andere --take draait de keuze terug",
    )
    p.add_argument(
        "--take", choices=["file", "here"], help="file: de versie uit het bestand; here: die van hier"
    )
    p = verb(
        "catalogue", cmd_catalogue, "de catalogus als ondertekend bestand: exporteren (kantoor) of inlezen"
    )
    p.add_argument("action", choices=["export", "import"])
    p.add_argument("file", nargs="?", metavar="BESTAND", help="het catalogusbestand (bij import)")
    p.add_argument("--out", metavar="BESTAND", help="het catalogusbestand (bij export)")
    p.add_argument("--sign", metavar="SLEUTELBESTAND", help="de ondertekeningssleutel van het kantoor (PEM)")
    p.add_argument("--version", dest="catalogue_version", metavar="VERSIE", help="de versie van de catalogus")


def _keys() -> KeyStore:
    from ui.shell.keys import KeyStore

    return KeyStore()


def _keys_error(exc: Exception) -> CliError:
    return CliError(str(exc))


def cmd_keys(args: argparse.Namespace) -> int:
    from planner.exchange.envelope import is_recipient
    from ui.shell.keys import KeysError

    store = _keys()
    try:
        if args.action == "init":
            public = store.init()
            print(f"Sleutels gemaakt in {store.folder}.", file=sys.stderr)
            _print_public(public.recipient, public.signing)
        elif args.action == "show":
            public = store.public()
            _print_public(public.recipient, public.signing)
        elif args.action == "trust":
            if not args.key:
                raise CliError(
                    "Geef de ondertekeningssleutel van de afzender: keys trust ed25519:... --name NAAM."
                )
            store.trust(args.key, args.name or "", office=args.office)
            print(
                f"Afzender '{args.name.strip()}' vertrouwd{' (kantoor)' if args.office else ''}.",
                file=sys.stderr,
            )
        else:
            if not args.key or not is_recipient(args.key):
                raise CliError(
                    "Geef de openbare sleutel van het kantoor, die begint met 'age1' "
                    "(het kantoor ziet hem met 'trajectplanner keys show')."
                )
            db = open_database(db_path(args))
            with db.unit_of_work() as uow:
                uow.settings.set(KEY_OFFICE_RECIPIENT, args.key)
            print(
                "De sleutel van het kantoor is opgeslagen; "
                "exports worden voortaan voor het kantoor versleuteld."
            )
    except KeysError as exc:
        raise _keys_error(exc) from None
    return 0


def _print_public(recipient: str, signing: str) -> None:
    print(f"versleutelen voor u (age):   {recipient}")
    print(f"ondertekening (ed25519):     {signing}")


def _read(path_text: str, what: str) -> bytes:
    path = Path(path_text)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise CliError(f"{what} {path} bestaat niet. Controleer de naam en de map.") from None
    except OSError as exc:
        raise CliError(f"{what} {path} kan niet worden gelezen: {exc.strerror}.") from None


def _passphrase(path_text: str) -> str:
    text = _read(path_text, "Het wachtwoordbestand").decode("utf-8", errors="replace").strip("\r\n")
    if not text:
        raise CliError(f"Het wachtwoordbestand {path_text} is leeg. Zet het wachtwoord op de eerste regel.")
    return text


def cmd_export(args: argparse.Namespace) -> int:
    from planner.exchange.document import dumps
    from planner.exchange.envelope import encrypt, is_recipient, sign
    from planner.services.exchange import ExchangeRequestError, export_households, remember_export
    from ui.cli.documents import progress_bar
    from ui.shell.keys import KeysError

    if args.plain and (args.to or args.passphrase_file):
        raise CliError("--plain gaat niet samen met --to of --passphrase-file: kies versleutelen of niet.")
    db = open_database(db_path(args))
    recipients: list[str] = list(args.to or [])
    passphrase = _passphrase(args.passphrase_file) if args.passphrase_file else None
    if not args.plain and passphrase is None and not recipients:
        with db.unit_of_work(write=False) as uow:
            office = uow.settings.get(KEY_OFFICE_RECIPIENT)
        if not office:
            raise CliError(
                "Er is geen ontvanger: geef --to met een openbare sleutel (age1...), --passphrase-file, "
                "of sla de sleutel van het kantoor op met 'trajectplanner keys office age1...'."
            )
        recipients = [office]
    bad = [r for r in recipients if not is_recipient(r)]
    if bad:
        raise CliError(
            f"'{bad[0]}' is geen openbare sleutel (die begint met 'age1'). Er is niets geëxporteerd."
        )
    try:
        signing = _keys().signing_key()
    except KeysError as exc:
        raise _keys_error(exc) from None
    label = "onversleuteld" if args.plain else ("wachtwoord" if passphrase else ",".join(sorted(recipients)))
    show = sys.stderr.isatty() or args.progress

    def progress(done: int, total: int) -> None:
        if show:
            end = "\n" if done == total else ""
            print(f"\r{progress_bar(done, total)}", end=end, file=sys.stderr, flush=True)

    try:
        made = export_households(
            db, args.case, since_last=label if args.since_last else None, progress=progress
        )
    except ExchangeRequestError as exc:
        raise CliError(str(exc)) from None
    signed = sign(dumps(made.document), signing)
    data = signed if args.plain else encrypt(signed, recipients, passphrase)
    out = Path(args.out)
    print(write(out, data))
    remember_export(db, label, made)
    how = {
        "onversleuteld": "onversleuteld (alleen voor testen)",
        "wachtwoord": "versleuteld met het wachtwoord",
    }
    print(
        f"{made.households} huishoudens geëxporteerd, ondertekend en "
        f"{how.get(label, f'versleuteld voor {len(recipients)} ontvanger(s)')}.",
        file=sys.stderr,
    )
    return 0


def _import_keys(args: argparse.Namespace) -> Any:
    """The trusted senders and this user's identity (or the passphrase) for reading files."""
    from planner.services.ingest import Keys
    from ui.shell.keys import KeysError, read_identity

    if args.identity and args.passphrase_file:
        raise CliError("Geef --identity of --passphrase-file, niet allebei.")
    store = _keys()
    try:
        trusted = store.trusted()
        passphrase = _passphrase(args.passphrase_file) if args.passphrase_file else None
        identities: list[str] = []
        if args.identity:
            identities = [read_identity(Path(args.identity))]
        elif passphrase is None and store.identity_path.exists():
            identities = [store.identity()]
    except KeysError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(f"De identiteit kan niet worden gelezen: {exc.strerror}.") from None
    return Keys(trusted, identities, passphrase)


def cmd_import(args: argparse.Namespace) -> int:
    targets = [Path(f) for f in args.files]
    if len(targets) > 1 or targets[0].is_dir():
        return _ingest(args, targets)
    import hashlib

    from planner.exchange.errors import ExchangeError
    from planner.services.exchange import import_households, read_households, taken_before

    keys = _import_keys(args)
    data = _read(args.files[0], "Het bestand")
    try:
        incoming = read_households(data, keys.trusted, keys.identities, keys.passphrase)
    except ExchangeError as exc:
        raise CliError(str(exc)) from None
    db = open_database(db_path(args))
    # A file named on its own is read again when asked (a no-op when nothing changed there); it is
    # remembered as taken in, so that a folder with it skips it.
    sha = hashlib.sha256(data).hexdigest()
    remember = None if args.dry_run or taken_before(db, sha) else sha
    result = import_households(
        db, incoming, dry_run=args.dry_run, file_sha256=remember, file_name=targets[0].name
    )
    s = result.summary
    if args.json:
        print(json.dumps(s.as_json(), ensure_ascii=False))
        return 0
    lead = "Proef (er is niets veranderd): " if s.dry_run else ""
    print(f"{lead}{_counts(s)}.")
    if s.conflicts:
        print("Bekijk de conflicten met 'trajectplanner conflicts' en los ze op.", file=sys.stderr)
    return 0


def _counts(s: Any) -> str:
    return (
        f"{s.households} huishoudens van {s.sender}: {s.added} toegevoegd, {s.updated} bijgewerkt, "
        f"{s.unchanged} ongewijzigd, {s.conflicts} conflicten"
    )


_OUTCOME_WORDS = {"taken": "ingelezen", "refused": "geweigerd", "skipped": "overgeslagen"}


def _ingest(args: argparse.Namespace, targets: list[Path]) -> int:
    """A folder or several files: each file on its own (planner/services/ingest.py), a result per
    file; exit code 1 when a file was refused (the others are taken in all the same)."""
    from db.errors import ConstraintError
    from planner.services.ingest import Outcome, files_in, ingest

    if args.dry_run:
        raise CliError("--dry-run kan alleen bij één bestand. Geef één bestand, of laat --dry-run weg.")
    missing = [t for t in targets if not t.exists()]
    if missing:
        raise CliError(f"{missing[0]} bestaat niet. Controleer de naam en de map. Er is niets ingelezen.")
    if not files_in(targets):
        raise CliError(f"In {targets[0]} staan geen bestanden. Er is niets ingelezen.")
    keys = _import_keys(args)
    db = open_database(db_path(args))
    results = ingest(db, targets, keys, refusals=(ConstraintError,))
    counts = {o.value: sum(r.outcome is o for r in results) for o in Outcome}
    conflicts = sum(r.summary.new_conflicts for r in results if r.summary and r.outcome is Outcome.TAKEN)
    if args.json:
        print(json.dumps({"files": [r.as_json() for r in results], **counts}, ensure_ascii=False))
    else:
        for r in results:
            word = _OUTCOME_WORDS[r.outcome.value]
            detail = _counts(r.summary) + "." if r.outcome is Outcome.TAKEN and r.summary else r.reason
            print(f"{word:<12} {r.file}: {detail}")
        print(
            f"{len(results)} bestanden: {counts['taken']} ingelezen, {counts['refused']} geweigerd, "
            f"{counts['skipped']} overgeslagen; {conflicts} nieuwe conflicten."
        )
    if conflicts:
        print("Bekijk de conflicten met 'trajectplanner conflicts' en los ze op.", file=sys.stderr)
    if counts["refused"]:
        print(
            f"{counts['refused']} bestand(en) geweigerd; er is niets van ingelezen. De reden staat per "
            "bestand hierboven; vraag de afzender om een nieuw bestand.",
            file=sys.stderr,
        )
        return 1
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from planner.services.exchange import ExchangeRequestError, open_conflicts, resolve_conflict

    db = open_database(db_path(args))
    if args.resolve:
        if not args.take:
            raise CliError(
                "Zeg welke versie blijft: --take file (uit het bestand) of --take here (van hier)."
            )
        try:
            resolve_conflict(db, args.resolve, take_file=args.take == "file")
        except ExchangeRequestError as exc:
            raise CliError(str(exc)) from None
        print("Conflict opgelost.", file=sys.stderr)
        return 0
    found = open_conflicts(db)
    rows: list[dict[str, Any]] = [
        {
            "id": c.id,
            "case_number": c.case_number,
            "kind": c.kind.value,
            "record_id": c.record_id,
            "sender": c.sender,
            "created": c.created,
            "fields": [name for name, _here, _file in c.fields()],
        }
        for c in found
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False))
        return 0
    if not rows:
        print("Er zijn geen open conflicten.", file=sys.stderr)
    for r in rows:
        print(
            f"{r['id']}  {r['case_number']}  {r['kind']}  van {r['sender']}  velden: {', '.join(r['fields'])}"
        )
    return 0


def cmd_catalogue(args: argparse.Namespace) -> int:
    from planner.exchange.errors import ExchangeError
    from planner.services.exchange import export_catalogue, import_catalogue
    from ui.shell.keys import KeysError, load_signing_key

    db = open_database(db_path(args))
    if args.action == "export":
        if not args.out or not args.sign:
            raise CliError(
                "Geef --out BESTAND en --sign SLEUTELBESTAND (de ondertekeningssleutel van het kantoor)."
            )
        try:
            key = load_signing_key(Path(args.sign))
        except KeysError as exc:
            raise _keys_error(exc) from None
        data, version = export_catalogue(db, key, args.catalogue_version)
        print(write(Path(args.out), data))
        print(f"Catalogus versie {version} ondertekend geëxporteerd.", file=sys.stderr)
        return 0
    if not args.file:
        raise CliError("Geef het catalogusbestand: catalogue import BESTAND.")
    data = _read(args.file, "Het bestand")
    try:
        offices = _keys().offices()
        info = import_catalogue(db, data, offices)
    except (ExchangeError, KeysError) as exc:
        raise CliError(str(exc)) from None
    print(f"Catalogus versie {info.version} van {info.date} ingelezen (ondertekend door {info.signer}).")
    return 0
