"""The verbs about the database itself: `demo`, `list`, `check`."""

from __future__ import annotations

import argparse
import json
import time

from ui.cli.common import db_path, open_database, today
from ui.shell import root


def cmd_demo(args: argparse.Namespace) -> int:
    db = open_database(db_path(args))
    started = time.perf_counter()
    counts = root.load_demo(db, today=today(args.today), households=args.households)
    took = time.perf_counter() - started
    print(
        f"Demoregio geladen in {db.path}: {counts['municipalities']} gemeenten, "
        f"{counts['providers']} aanbieders, {counts['contracts']} contracten, "
        f"{counts['households']} huishoudens ({took:.1f} s)."
    )
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    db = open_database(db_path(args))
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
        print(json.dumps(data, ensure_ascii=False, indent=1))
        return 0
    if not rows:
        print("Er staan nog geen huishoudens in deze database. Laad de demo met: trajectplanner demo")
        return 0
    width = max(len(r.name) for r in rows)
    for r in rows:
        status = r.plan_status or "geen plan"
        print(f"{r.case_number:<14} {r.name:<{width}}  {r.municipality_name:<10}  {status}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from db.health import check_database

    db = open_database(db_path(args))
    report = check_database(db, today=today(args.today))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"Database:       {db.path}")
        print(f"Schemaversie:   {report['schema_version']}")
        print(f"Integriteit:    {report['integrity']}")
        print(
            "Versleuteld:    "
            + ("ja (SQLCipher)" if report["encrypted"] else "nee — versleutel met: trajectplanner encrypt")
        )
        for kind, n in report["counts"].items():
            print(f"  {kind:<16}{n:>8}")
        print("Bevindingen:    " + ", ".join(f"{n} {sev}" for sev, n in report["findings"].items()))
        for item in report["integrity_findings"]:  # duplicate BSNs, by dossier (issue 11)
            print(f"  fout in dossier {item['case_number']}: {item['message']}")
    return 0 if report["integrity"] == "ok" else 1
