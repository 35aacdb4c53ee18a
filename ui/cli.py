"""The command line on the `trajectplanner` entry point. Dutch messages, exit code ≠ 0 on error.

Qt is imported only by the verbs that need it, so headless verbs start fast and run anywhere.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from db.errors import DatabaseError
from db.paths import default_database_path, demo_database_path

if TYPE_CHECKING:
    from db.database import Database

log = logging.getLogger(__name__)


class CliError(Exception):
    """A problem to tell the user in one Dutch sentence."""


class _DutchHelpFormatter(argparse.HelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse with its own words in Dutch (usage, options, --help)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _DutchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", help="toon deze uitleg en stop")

    def error(self, message: str) -> None:
        for english, dutch in _ARGPARSE_WORDS:
            message = message.replace(english, dutch)
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout: {message}\nGebruik --help voor uitleg.\n")


_ARGPARSE_WORDS = (
    ("unrecognized arguments", "onbekende argumenten"),
    ("the following arguments are required", "deze argumenten zijn verplicht"),
    ("invalid choice", "onbekende opdracht"),
    ("choose from", "kies uit"),
    ("invalid int value", "geen geheel getal"),
    ("expected one argument", "verwacht een waarde"),
)


def _today(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"'{value}' is geen geldige datum; gebruik de vorm JJJJ-MM-DD.") from None


def _open(path: Path) -> Database:
    # Imported here: the window verb shows its window before SQLAlchemy is loaded.
    from db.database import Database, DatabaseError

    try:
        return Database.open(path)
    except DatabaseError as exc:
        raise CliError(str(exc)) from None


def _db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if args.db else default_database_path()


# --- verbs -----------------------------------------------------------------------------------


def cmd_window(args: argparse.Namespace) -> int:
    from ui.app import run_app

    path = demo_database_path() if args.demo else _db_path(args)
    return run_app(path, today=_today(args.today), demo=args.demo)


def _ensure_demo(path: Path, today: date) -> None:
    db = _open(path)
    with db.unit_of_work() as uow:
        empty = uow.counts().get("providers", 0) == 0
    if empty:
        from db.demo_loader import load_demo

        load_demo(db, today=today, households=0)


def cmd_demo(args: argparse.Namespace) -> int:
    from db.demo_loader import load_demo

    db = _open(_db_path(args))
    started = time.perf_counter()
    counts = load_demo(db, today=_today(args.today), households=args.households, force=args.force)
    took = time.perf_counter() - started
    print(
        f"Demoregio geladen in {db.path}: {counts['municipalities']} gemeenten, "
        f"{counts['providers']} aanbieders, {counts['contracts']} contracten, "
        f"{counts['households']} huishoudens ({took:.1f} s)."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = _open(_db_path(args))
    with db.unit_of_work() as uow:
        rows = uow.households.summaries()
    if args.json:
        data = [
            {
                "case_number": r.case_number,
                "name": r.name,
                "municipality": r.municipality_name,
                "municipality_code": r.municipality_code,
                "plan_status": r.plan_status or "geen plan",
            }
            for r in rows
        ]
        from ui.terminal import escape_c1

        print(escape_c1(json.dumps(data, ensure_ascii=False, indent=1)))
        return 0
    if not rows:
        print("Er staan nog geen huishoudens in deze database. Laad de demo met: trajectplanner demo")
        return 0
    from ui.terminal import printable

    names = [printable(r.name) for r in rows]  # a name may carry escape sequences: never raw to a terminal
    width = max(len(name) for name in names)
    for r, name in zip(rows, names, strict=True):
        status = r.plan_status or "geen plan"
        print(
            f"{printable(r.case_number):<14} {name:<{width}}  {printable(r.municipality_name):<10}  {status}"
        )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from db.health import check_database

    try:
        db = _open(_db_path(args))
    except CliError as exc:  # still the integrity line; why, on stderr as every error
        print(f"Database:       {_db_path(args)}")
        print("Integriteit:    niet gecontroleerd: het bestand kan niet worden geopend")
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    report = check_database(db, today=_today(args.today))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"Database:       {db.path}")
        print(f"Schemaversie:   {report['schema_version']}")
        print(f"Integriteit:    {report['integrity']}")
        if report["read_only"]:
            print(f"Let op:         {report['read_only']}")
        if report["problem"]:
            print(f"Niet gelezen:   {report['problem']}")
        for kind, n in report["counts"].items():
            print(f"  {kind:<16}{n:>8}")
        if report["findings"]:
            print("Bevindingen:    " + ", ".join(f"{n} {sev}" for sev, n in report["findings"].items()))
    return 0 if report["integrity"] == "ok" and not report["problem"] else 1


def cmd_shot(args: argparse.Namespace) -> int:
    from ui.shots import render_shots

    path = Path(args.db) if args.db else demo_database_path()
    today = _today(args.today)
    if not args.db:
        _ensure_demo(path, today)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for file in render_shots(_open(path), out, today=today):
        print(file)
    return 0


# --- printing --------------------------------------------------------------------------------


def _documents_context(args: argparse.Namespace):  # -> (db, reference, professional, today)
    from planner.reference import load_reference
    from ui.documents import professional_from_settings

    db = _open(_db_path(args))
    return db, load_reference(), professional_from_settings(db), _today(args.today)


def _case_bundle(args: argparse.Namespace):  # -> DecisionBundle
    from ui.documents import DocumentError, bundle_for, load_case

    db, reference, professional, today = _documents_context(args)
    try:
        household, plan = load_case(db, args.case)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
    return bundle_for(db, household, plan, reference, professional, today)


def _out_dir(value: str) -> Path:
    from db.tempfiles import remove_stale_temp_files

    out = Path(value)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"De map {out} kan niet worden gemaakt: {exc.strerror}.") from None
    remove_stale_temp_files([out])  # half-written letters of a run that was killed
    return out


def _write(path: Path, data: bytes) -> Path:
    from ui.atomic import write_atomic

    try:
        return write_atomic(path, data)
    except OSError as exc:
        raise CliError(f"Het bestand {path} kan niet worden geschreven: {exc.strerror}.") from None


def cmd_letter(args: argparse.Namespace) -> int:
    from ui.documents import letter_documents

    bundle = _case_bundle(args)
    docs = letter_documents(bundle)
    if not docs:
        raise CliError(
            f"In het plan van {bundle.case_number} staat nog geen ondersteuning; er zijn geen brieven."
        )
    out = _out_dir(args.out)
    for doc in docs:
        print(_write(out / doc.filename, doc.pdf))
    if any(doc.concept for doc in docs):
        print("Let op: het plan is nog niet vastgesteld; de brieven zijn concepten.", file=sys.stderr)
    return 0


def cmd_plan_pdf(args: argparse.Namespace) -> int:
    from ui.documents import plan_document

    doc = plan_document(_case_bundle(args))
    target = Path(args.out)
    if target.is_dir():
        target = target / doc.filename
    _out_dir(str(target.parent))
    print(_write(target, doc.pdf))
    return 0


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = width * done // total if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def cmd_letters(args: argparse.Namespace) -> int:
    from db.decisions import decided_since, stored_bundle
    from ui.documents import letter_documents

    since = _today(args.decided_since)
    db = _open(_db_path(args))
    with db.unit_of_work(write=False) as uow:
        decided = decided_since(uow, since)
    if not decided:
        print(f"Er zijn geen plannen vastgesteld sinds {since:%d-%m-%Y}.", file=sys.stderr)
        return 0
    out = _out_dir(args.out)
    written = 0
    show = sys.stderr.isatty() or args.progress
    for n, item in enumerate(decided, start=1):
        with db.unit_of_work(write=False) as uow:
            bundle = stored_bundle(uow, item.plan_id)
        assert bundle is not None  # decided_since joins on stored decisions
        for doc in letter_documents(bundle):
            print(_write(out / doc.filename, doc.pdf))
            written += 1
        if show:
            end = "\n" if n == len(decided) else ""
            print(f"\r{progress_bar(n, len(decided))}", end=end, file=sys.stderr, flush=True)
    print(f"{written} brieven van {len(decided)} besluiten geschreven naar {out}.", file=sys.stderr)
    return 0


# --- parser ----------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PAD", help="het databasebestand (standaard: uw gegevensmap)")
    common.add_argument("--today", metavar="DATUM", help=argparse.SUPPRESS)  # fixed date for tests

    parser = _Parser(
        prog="trajectplanner",
        description="Trajectplanner: één huishouden, één plan, één coördinator. "
        "Zonder opdracht opent het programmavenster.",
        parents=[common],
    )
    parser.add_argument(
        "--demo", action="store_true", help="start op een aparte demodatabase met de demoregio"
    )
    parser.set_defaults(func=cmd_window)
    verbs = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", parser_class=_Parser)

    def verb(name: str, func: Callable[[argparse.Namespace], int], help_text: str) -> argparse.ArgumentParser:
        p = verbs.add_parser(name, help=help_text, description=help_text, parents=[common])
        p.set_defaults(func=func)
        return p

    p = verb("demo", cmd_demo, "laad de demoregio (gemeenten, aanbieders, contracten, voorbeeldhuishoudens)")
    p.add_argument(
        "--households", type=int, default=0, metavar="N", help="voeg N gegenereerde huishoudens toe"
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="ook in een database met echte huishoudens (vervangt de catalogus)",
    )
    p = verb("list", cmd_list, "toon de huishoudens: dossiernummer, naam, gemeente, planstatus")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p = verb("check", cmd_check, "controleer de database: schemaversie, integriteit, aantallen, bevindingen")
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p = verb("letter", cmd_letter, "schrijf de brieven (PDF) van het huidige plan van een huishouden")
    p.add_argument("case", metavar="DOSSIERNUMMER", help="het dossiernummer, bijvoorbeeld DEMO-0001")
    p.add_argument("--out", required=True, metavar="MAP", help="map voor de PDF-bestanden")
    p = verb("plan-pdf", cmd_plan_pdf, "schrijf het ondersteuningsplan (PDF) van een huishouden")
    p.add_argument("case", metavar="DOSSIERNUMMER", help="het dossiernummer, bijvoorbeeld DEMO-0001")
    p.add_argument("--out", required=True, metavar="BESTAND", help="het PDF-bestand (of een map)")
    p = verb(
        "letters", cmd_letters, "schrijf de brieven van alle plannen die sinds een datum zijn vastgesteld"
    )
    p.add_argument("--decided-since", required=True, metavar="DATUM", help="vanaf deze datum (JJJJ-MM-DD)")
    p.add_argument("--out", required=True, metavar="MAP", help="map voor de PDF-bestanden")
    p.add_argument("--progress", action="store_true", help="toon de voortgangsbalk ook buiten een terminal")
    p = verb("shot", cmd_shot, "maak schermafbeeldingen (PNG) van de vensters")
    p.add_argument("--out", required=True, metavar="MAP", help="map voor de PNG-bestanden")
    return parser


def run(argv: list[str]) -> int:
    from db.logging_setup import setup_logging

    setup_logging()
    args = build_parser().parse_args(argv)
    if getattr(args, "households", 0) < 0:
        print("Fout: het aantal huishoudens kan niet negatief zijn.", file=sys.stderr)
        return 2
    try:
        return args.func(args)
    except (CliError, DatabaseError) as exc:  # a DatabaseError is a Dutch sentence too
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`trajectplanner list | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception:
        log.exception("unexpected error in command %s", getattr(args.func, "__name__", "?"))
        print(
            "Fout: er ging iets onverwachts mis. Er is niets half opgeslagen. "
            "Details staan in het logbestand.",
            file=sys.stderr,
        )
        return 1
