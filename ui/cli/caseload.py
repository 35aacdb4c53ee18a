"""The verb `due`: Mijn werkvoorraad on the command line (headless, no Qt)."""

from __future__ import annotations

import argparse
import json

from planner.caseload import DueItem
from planner.dutch import count_words, date_words
from ui.cli.common import CliError, db_path, open_database, today
from ui.shell import root


def item_json(item: DueItem) -> dict[str, str]:
    return {
        "household_id": item.household_id,
        "case_number": item.case_number,
        "name": item.name,
        "municipality": item.municipality_name,
        "municipality_code": item.municipality_code,
        "kind": item.kind.value,
        "kind_label": item.kind.label,
        "due": item.due.isoformat(),
        "urgency": item.urgency.value,
        "description": item.description,
    }


def cmd_due(args: argparse.Namespace) -> int:
    from planner.services.caseload import caseload

    if args.within is not None and args.within < 0:
        raise CliError("--within kan niet negatief zijn; geef een aantal dagen, bijvoorbeeld --within 14.")
    db = open_database(db_path(args))
    items = caseload(db, root.reference().terms, today(args.today), args.within)
    if args.json:
        print(json.dumps([item_json(i) for i in items], ensure_ascii=False, indent=1))
        return 0
    if not items:
        print("Er is niets te doen in deze periode: geen termijnen, aflopende plannen of overbruggingen.")
        return 0
    case_width = max(len(i.case_number) for i in items)
    name_width = min(24, max(len(i.name) for i in items))
    kind_width = max(len(i.kind.label) for i in items)
    for i in items:
        print(
            f"{i.due.isoformat()}  {i.urgency.value:<9}  {i.case_number:<{case_width}}  "
            f"{i.name[:name_width]:<{name_width}}  {i.kind.label:<{kind_width}}  {i.description}"
        )
    last = max(i.due for i in items)
    print(f"{count_words(len(items), 'punt', 'punten')} in de werkvoorraad, tot en met {date_words(last)}.")
    return 0
