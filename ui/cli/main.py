"""The parser of every verb and the dispatch: Dutch errors, exit code ≠ 0 on failure."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable

from ui.cli import backup, exchange
from ui.cli.common import CliError
from ui.cli.dutch_argparse import DutchParser
from ui.cli.monitor import add_arguments as add_monitor_arguments
from ui.cli.window import cmd_window
from ui.shell import root

log = logging.getLogger(__name__)


def _later(module: str, name: str) -> Callable[[argparse.Namespace], int]:
    """A verb's function, imported when that verb runs: the window's start imports none of the
    other verbs (the caseload, documents, checks; issue 11.8)."""

    def run(args: argparse.Namespace) -> int:
        func: Callable[[argparse.Namespace], int] = getattr(importlib.import_module(module), name)
        return func(args)

    run.__name__ = name
    return run


cmd_due = _later("ui.cli.caseload", "cmd_due")
cmd_check, cmd_demo, cmd_list = (_later("ui.cli.database", n) for n in ("cmd_check", "cmd_demo", "cmd_list"))
cmd_letter, cmd_letters, cmd_plan_pdf, cmd_print = (
    _later("ui.cli.documents", n) for n in ("cmd_letter", "cmd_letters", "cmd_plan_pdf", "cmd_print")
)
cmd_shot = _later("ui.cli.shot", "cmd_shot")
cmd_monitor = _later("ui.cli.monitor", "cmd_monitor")


def build_parser() -> argparse.ArgumentParser:
    common = DutchParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PAD",
        help="het databasebestand, of een PostgreSQL-adres postgresql+psycopg://… (standaard: "
        "TRAJECTPLANNER_DB, anders uw gegevensmap)",
    )
    common.add_argument("--today", metavar="DATUM", help=argparse.SUPPRESS)  # fixed date for tests
    backup.add_key_file_option(common)

    parser = DutchParser(
        prog="trajectplanner",
        description="Trajectplanner: één huishouden, één plan, één coördinator. "
        "Zonder opdracht opent het programmavenster.",
        parents=[common],
    )
    parser.add_argument(
        "--demo", action="store_true", help="start op een aparte demodatabase met de demoregio"
    )
    parser.set_defaults(func=cmd_window)
    verbs = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", parser_class=DutchParser)

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
    p = verb(
        "due",
        cmd_due,
        "toon de werkvoorraad: termijnen, aflopende plannen en overbruggingen, wie volwassen wordt",
    )
    p.add_argument("--json", action="store_true", help="uitvoer als JSON")
    p.add_argument(
        "--within",
        type=int,
        metavar="DAGEN",
        help="alleen wat binnen zoveel dagen afloopt (en wat al verlopen is)",
    )
    p = verb("monitor", cmd_monitor, "schrijf de regionale monitor over een periode (PDF of CSV)")
    add_monitor_arguments(p)
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
    p = verb(
        "print",
        cmd_print,
        "druk alle brieven en het ondersteuningsplan van een huishouden af, in één opdracht",
    )
    p.add_argument("case", metavar="DOSSIERNUMMER", help="het dossiernummer, bijvoorbeeld DEMO-0001")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--printer", metavar="NAAM", help="deze printer (standaard: de standaardprinter)")
    where.add_argument(
        "--pdf", metavar="BESTAND", help="de afdruk als PDF-bestand, precies zoals de printer hem krijgt"
    )
    backup.add_verbs(verb)
    exchange.add_verbs(verb)  # keys, export, import, conflicts, catalogue
    p = verb("shot", cmd_shot, "maak schermafbeeldingen (PNG) van de vensters")
    p.add_argument("--out", required=True, metavar="MAP", help="map voor de PNG-bestanden")
    return parser


def run(argv: list[str]) -> int:
    root.start_process()
    args = build_parser().parse_args(argv)
    backup.apply_key_file(args)
    if getattr(args, "households", 0) < 0:
        print("Fout: het aantal huishoudens kan niet negatief zijn.", file=sys.stderr)
        return 2
    from db.errors import DatabaseError  # here: the window verb shows its window before the db loads

    try:
        func: Callable[[argparse.Namespace], int] = args.func  # set by each verb's parser
        return func(args)
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
