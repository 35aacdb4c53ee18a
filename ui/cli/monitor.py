"""The verb `monitor`: the regional monitor over a period, as a PDF or a CSV (headless, no Qt)."""

from __future__ import annotations

import argparse
import time
from datetime import date
from pathlib import Path

from ui.cli.common import CliError, db_path, open_database, write
from ui.shell import root


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="start", required=True, metavar="DATUM", help="begin van de periode (JJJJ-MM-DD)"
    )
    p.add_argument(
        "--to", dest="end", required=True, metavar="DATUM", help="einde van de periode, tot en met"
    )
    p.add_argument(
        "--municipality",
        action="append",
        metavar="GM…",
        help="alleen deze gemeente (CBS-code, bijvoorbeeld GM0200); mag vaker",
    )
    p.add_argument("--out", required=True, metavar="BESTAND", help="rapport.pdf of rapport.csv")


def _date(value: str, what: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CliError(f"'{value}' is geen geldige datum voor {what}; gebruik de vorm JJJJ-MM-DD.") from None


def cmd_monitor(args: argparse.Namespace) -> int:
    from planner.monitor.rows import Period
    from planner.services.monitor import UnknownMunicipalityError, monitor

    out = Path(args.out)
    kind = out.suffix.lower()
    if kind not in (".pdf", ".csv"):
        raise CliError(f"Het rapport {out.name} moet eindigen op .pdf of .csv; kies een van beide.")
    period = Period(_date(args.start, "--from"), _date(args.end, "--to"))
    if period.end < period.start:
        raise CliError("Het einde van de periode (--to) ligt vóór het begin (--from); draai de datums om.")
    started = time.perf_counter()
    db = open_database(db_path(args))
    try:
        workspace = root.open_workspace(db)
        try:
            report = monitor(db, workspace.catalogue, workspace.reference, period, args.municipality)
        except UnknownMunicipalityError as exc:
            raise CliError(str(exc)) from None
    finally:
        db.close()
    if kind == ".csv":
        from planner.monitor.table import csv_bytes

        data = csv_bytes(report)
    else:
        from planner.monitor.pdf import monitor_pdf

        data = monitor_pdf(report)
    write(out, data)
    took = time.perf_counter() - started
    towns = len(report.municipalities)
    print(
        f"Monitor geschreven: {out} ({towns} gemeente{'n' if towns != 1 else ''}, "
        f"{period.start.isoformat()} t/m {period.end.isoformat()}, {took:.1f} s)."
    )
    return 0
