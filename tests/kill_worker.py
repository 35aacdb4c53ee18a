"""A process that works on a database until it is killed (tests/db/test_kill_during_work.py).

`python -m tests.kill_worker OPERATION DB [ARG]` prints `READY` once the database is open, then
`DONE n` after every commit it completes; the test kills it with SIGKILL at a random moment.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import time
from pathlib import Path

from db.backup import backup
from db.database import Database
from planner.reference import load_reference
from planner.services.deciding import decide
from planner.services.storage import open_household, save_household
from tests.planner.showcase_documents import PROFESSIONAL, SENT, TODAY, concept_of, split_at_adulthood


def _say(line: str) -> None:
    print(line, flush=True)


def keep_saving(db: Database, case_number: str) -> None:
    """Autosave's write, over and over: the street of one household gets a new number each time."""
    with db.unit_of_work(write=False) as uow:
        found = uow.households.by_case_number(case_number)
        assert found is not None
        household_id = found.id
    _say("READY")
    n = 0
    while True:
        household, _plans = open_household(db, household_id)
        save_household(db, dataclasses.replace(household, street=f"Killstraat {n}"), ())
        _say(f"DONE {n}")
        n += 1


def keep_backing_up(db: Database, out: str) -> None:
    _say("READY")
    n = 0
    while True:
        backup(db, Path(out))
        _say(f"DONE {n}")
        n += 1


def decide_once(db: Database, case_number: str) -> None:
    """Decide the walk-through household's plan (split at the 18th birthday, warnings seen)."""
    reference = load_reference()
    with db.unit_of_work(write=False) as uow:
        household = uow.households.by_case_number(case_number)
        assert household is not None
        plans = uow.plans.for_household(household.id)
        catalogue = uow.catalogue.load()
    daan = next(m for m in household.members if m.given_names == "Daan")
    plan = split_at_adulthood(concept_of(plans), daan, catalogue, reference)
    _say("READY")
    args = (db, household, plans, plan, catalogue, reference, SENT, PROFESSIONAL, TODAY)
    first = decide(*args)
    done = first if first.outcome.decided else decide(*args, first.outcome.warnings)
    assert done.outcome.decided, [f.code for f in done.outcome.errors]
    _say("DONE 0")
    while True:  # wait to be killed, like the other operations
        time.sleep(1)


EXPORT_KEY = bytes(range(32))  # a fixed test key, so the test can verify what was written


def export_signer() -> dict[str, str]:
    """The trusted-sender map that verifies the export worker's files."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from planner.exchange.envelope import signing_public_text

    public = Ed25519PrivateKey.from_private_bytes(EXPORT_KEY).public_key()
    return {signing_public_text(public): "Exportproces"}


def keep_exporting(db: Database, out: str) -> None:
    """The `export` verb's work, over and over: read, sign, write atomically, remember what was sent."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from planner.exchange.document import dumps
    from planner.exchange.envelope import sign
    from planner.services.exchange import export_households, remember_export
    from ui.cli.common import write

    signing = Ed25519PrivateKey.from_private_bytes(EXPORT_KEY)
    _say("READY")
    n = 0
    while True:
        made = export_households(db)
        write(Path(out), sign(dumps(made.document), signing))
        remember_export(db, "onversleuteld", made)
        _say(f"DONE {n}")
        n += 1


def import_once(db: Database, job: str) -> None:
    """Import one large signed file (`job` is a JSON file naming it and its trusted signer)."""
    from planner.services.exchange import import_households, read_households

    spec = json.loads(Path(job).read_text(encoding="utf-8"))
    incoming = read_households(Path(spec["file"]).read_bytes(), spec["trusted"])
    _say("READY")
    import_households(db, incoming)
    _say("DONE 0")
    while True:
        time.sleep(1)


def ingest_folder(db: Database, job: str) -> None:
    """The office's ingest of a folder (`job` is a JSON file naming it and its trusted signer),
    a file at a time as `ingest` does, saying DONE after each."""
    from planner.services.ingest import Keys, files_in, ingest_file

    spec = json.loads(Path(job).read_text(encoding="utf-8"))
    keys = Keys(spec["trusted"])
    _say("READY")
    for n, path in enumerate(files_in([Path(spec["folder"])])):
        ingest_file(db, path, keys)
        _say(f"DONE {n}")
    while True:
        time.sleep(1)


def ingest_at_once(db: Database, job: str) -> None:
    """The office's ingest of the whole folder in one call, its files opened in a second process
    as for a large folder (planner/services/ingest.py), saying DONE when all are in."""
    from planner.services import ingest as ingest_module

    spec = json.loads(Path(job).read_text(encoding="utf-8"))
    ingest_module.ELSEWHERE_FILES = 1
    _say("READY")
    results = ingest_module.ingest(db, [Path(spec["folder"])], ingest_module.Keys(spec["trusted"]))
    _say(f"DONE {len(results) - 1}")
    while True:
        time.sleep(1)


OPERATIONS = {
    "save": keep_saving,
    "backup": keep_backing_up,
    "decide": decide_once,
    "export": keep_exporting,
    "import": import_once,
    "ingest": ingest_folder,
    "ingest_at_once": ingest_at_once,
}

if __name__ == "__main__":
    operation, path, argument = sys.argv[1], sys.argv[2], sys.argv[3]
    with Database.open(path) as database:
        OPERATIONS[operation](database, argument)
