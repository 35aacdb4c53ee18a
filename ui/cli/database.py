"""The verbs about the database itself: `demo`, `list`, `check`."""

from __future__ import annotations

import argparse
import json
import sys
import time

from ui.cli.common import CliError, db_path, open_database, today
from ui.shell import root


def cmd_demo(args: argparse.Namespace) -> int:
    db = open_database(db_path(args))
    started = time.perf_counter()
    counts = root.load_demo(db, today=today(args.today), households=args.households, force=args.force)
    took = time.perf_counter() - started
    print(
        f"Demoregio geladen in {db.location}: {counts['municipalities']} gemeenten, "
        f"{counts['providers']} aanbieders, {counts['contracts']} contracten, "
        f"{counts['households']} huishoudens ({took:.1f} s)."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = open_database(db_path(args))
    with db.unit_of_work(write=False) as uow:  # reading only: works on a read-only file too
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
        db = open_database(db_path(args))
    except CliError as exc:  # still the integrity line; why, on stderr as every error
        print(f"Database:       {db_path(args)}")
        print("Integriteit:    niet gecontroleerd: het bestand kan niet worden geopend")
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    report = check_database(db, today=today(args.today))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"Database:       {db.location}")
        print(f"Schemaversie:   {report['schema_version']}")
        print(f"Integriteit:    {report['integrity']}")
        server = report.get("server")
        if server:  # PostgreSQL: the server's own state instead of SQLite's integrity check
            print(
                f"Server:         PostgreSQL {server['version']}, {server['size_mb']} MB, "
                f"{server['connections']} verbinding(en)"
                + (", alleen-lezen kopie" if server["read_only_replica"] else "")
            )
        else:
            print(
                "Versleuteld:    "
                + (
                    "ja (SQLCipher)"
                    if report["encrypted"]
                    else "nee — versleutel met: trajectplanner encrypt"
                )
            )
        if report["read_only"]:
            print(f"Let op:         {report['read_only']}")
        if report["problem"]:
            print(f"Niet gelezen:   {report['problem']}")
        for kind, n in report["counts"].items():
            print(f"  {kind:<16}{n:>8}")
        if report["findings"]:
            print("Bevindingen:    " + ", ".join(f"{n} {sev}" for sev, n in report["findings"].items()))
        for item in report["integrity_findings"]:  # duplicate BSNs, by dossier (issue 11)
            print(f"  fout in dossier {item['case_number']}: {item['message']}")
    return 0 if report["integrity"] == "ok" and not report["problem"] else 1
