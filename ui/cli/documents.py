"""The printing verbs: `letter`, `plan-pdf`, `letters --decided-since`, `print`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ui.cli.common import CliError, db_path, open_database, out_dir, today, write
from ui.shell import root

if TYPE_CHECKING:
    from planner.documents.service import Document


def _case_documents(args: argparse.Namespace, kind: str | None = None) -> tuple[str, list[Document]]:
    """The case number and its documents (of one kind, or all): as sent when decided, else concepts."""
    from planner.services.documents import DocumentError, load_case, printable_documents, signer

    db = open_database(db_path(args))
    reference, professional, day = root.reference(), signer(db), today(args.today)
    try:
        household, plan = load_case(db, args.case)
        docs = printable_documents(db, household, plan, reference, professional, day)
    except DocumentError as exc:
        raise CliError(str(exc)) from None
    return household.case_number, [d for d in docs if kind is None or d.kind == kind]


def cmd_letter(args: argparse.Namespace) -> int:
    case_number, docs = _case_documents(args, "letter")
    if not docs:
        raise CliError(f"In het plan van {case_number} staat nog geen ondersteuning; er zijn geen brieven.")
    out = out_dir(args.out)
    for doc in docs:
        print(write(out / doc.filename, doc.pdf))
    if any(doc.concept for doc in docs):
        print("Let op: het plan is nog niet vastgesteld; de brieven zijn concepten.", file=sys.stderr)
    return 0


def cmd_plan_pdf(args: argparse.Namespace) -> int:
    (doc,) = _case_documents(args, "plan")[1]
    target = Path(args.out)
    if target.is_dir():
        target = target / doc.filename
    out_dir(str(target.parent))
    print(write(target, doc.pdf))
    return 0


def cmd_print(args: argparse.Namespace) -> int:
    """Every letter and the plan document of the case, in one print job (Qt is loaded here)."""
    from ui.print_jobs import print_now, print_to_pdf_file, system_printer
    from ui.printing import PrintError

    case_number, docs = _case_documents(args)
    try:
        if args.pdf:
            target = Path(args.pdf)
            if target.is_dir():
                raise CliError(
                    f"{target} is een map; geef een bestandsnaam, bijvoorbeeld {target}/afdruk.pdf."
                )
            out_dir(str(target.parent if str(target.parent) else "."))
            printed = print_to_pdf_file(docs, target)
            where = str(target)
        else:
            printer = system_printer(args.printer)
            printer.setDocName(f"{case_number}-brieven-en-plan")
            printed = print_now(docs, printer)
            where = f"printer {printer.printerName()}"
    except PrintError as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:
        raise CliError(
            f"De afdruk kon niet worden geschreven: {exc.strerror}. Kies een andere map."
        ) from None
    for doc in docs:
        print(doc.title)
    print(
        f"Afgedrukt naar {where}: {printed.documents} documenten, {printed.pages} pagina's.",
        file=sys.stderr,
    )
    if any(doc.concept for doc in docs):
        print("Let op: het plan is nog niet vastgesteld; dit zijn concepten.", file=sys.stderr)
    return 0


def progress_bar(done: int, total: int, width: int = 30) -> str:
    filled = width * done // total if total else width
    return f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total}"


def cmd_letters(args: argparse.Namespace) -> int:
    from planner.services.documents import DocumentError, decided_documents

    since = today(args.decided_since)
    db = open_database(db_path(args))
    with db.unit_of_work(write=False) as uow:
        decided = uow.decisions.decided_since(since)
    if not decided:
        print(f"Er zijn geen plannen vastgesteld sinds {since:%d-%m-%Y}.", file=sys.stderr)
        return 0
    out = out_dir(args.out)
    written = 0
    show = sys.stderr.isatty() or args.progress
    for n, item in enumerate(decided, start=1):
        try:
            with db.unit_of_work(write=False) as uow:
                docs = decided_documents(uow, item.plan_id)
        except DocumentError as exc:
            raise CliError(f"{item.case_number}: {exc}") from None
        assert docs is not None  # decided_since joins on stored decisions
        for doc in (d for d in docs if d.kind == "letter"):
            print(write(out / doc.filename, doc.pdf))
            written += 1
        if show:
            end = "\n" if n == len(decided) else ""
            print(f"\r{progress_bar(n, len(decided))}", end=end, file=sys.stderr, flush=True)
    print(f"{written} brieven van {len(decided)} besluiten geschreven naar {out}.", file=sys.stderr)
    return 0
