"""Export and import of households as exchange files, as operations (domain.md §7).

An import is verified (envelope, format version, schema) before storage is touched, then decided
and written in one unit of work: it returns what it did (the summary) and what changed (`Changes`)
— or, refused, leaves storage exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from planner.errors import PlannerError
from planner.exchange import catalogue_file, document, merge
from planner.exchange.envelope import Opened, encrypt, is_encrypted, open_file, sign, verify
from planner.exchange.errors import DamagedFileError, UnknownSignerError
from planner.exchange.gc_pause import gc_paused
from planner.exchange.merge import ImportPlan, Write
from planner.exchange.records import HouseholdTree, Record, RecordKind, Stamp, StoredConflict, fingerprint
from planner.services.changes import NOTHING, Changes, Kind
from planner.services.port import ExchangeStorage

Progress = Callable[[int, int], None]
_BATCH = 200  # households read per step of an export (the progress bar moves per batch)


class ExchangeRequestError(PlannerError):
    """An export or import that cannot be done as asked (a case number not here, ...)."""


@dataclass(frozen=True, slots=True)
class Export:
    document: dict[str, Any]
    households: int
    fingerprints: dict[str, str]  # household id → versions, to remember per recipient


def export_households(
    storage: ExchangeStorage,
    case_numbers: Sequence[str] | None = None,
    *,
    since_last: str | None = None,
    progress: Progress | None = None,
) -> Export:
    """The households (all, or those with these case numbers) as an exchange document; with
    `since_last` a recipient, only those changed since the last export to it (`remember_export`)."""
    with storage.unit_of_work(write=False) as uow:
        ex = uow.exchange
        if case_numbers is not None:
            missing = sorted(set(case_numbers) - ex.case_numbers(case_numbers))
            if missing:
                raise ExchangeRequestError(
                    f"Dossiernummer {', '.join(missing)} staat niet in deze database. "
                    "Er is niets geëxporteerd."
                )
        ids = ex.household_ids(case_numbers)
        sent = ex.sent(since_last) if since_last is not None else {}
        trees: list[HouseholdTree] = []
        prints: dict[str, str] = {}
        for start in range(0, len(ids), _BATCH):
            batch = ex.trees(ids[start : start + _BATCH])
            for hid, tree in batch.items():
                print_ = fingerprint(tree)
                if since_last is not None and sent.get(hid) == print_:
                    continue
                trees.append(tree)
                prints[hid] = print_
            if progress is not None:
                progress(min(start + _BATCH, len(ids)), len(ids))
        name, device = ex.author()
    return Export(document.households_document(trees, name, device), len(trees), prints)


def remember_export(storage: ExchangeStorage, recipient: str, export: Export) -> None:
    """After the file is written: what `recipient` now has, for the next `--since-last`."""
    with storage.unit_of_work() as uow:
        uow.exchange.mark_sent(recipient, export.fingerprints)


@dataclass(frozen=True, slots=True)
class Incoming:
    """A verified file's contents: who signed it and the households in it."""

    signer: Opened
    households: list[HouseholdTree]


def read_households(
    data: bytes, trusted: Mapping[str, str], identities: Sequence[str] = (), passphrase: str | None = None
) -> Incoming:
    """Decrypt, verify and check a households file (ExchangeError with a Dutch sentence if not)."""
    with gc_paused():
        return households_in(open_file(data, trusted, identities, passphrase))


def households_in(opened: Opened, digests: bytes | None = None) -> Incoming:
    """The households of a decrypted and verified file, checked (ExchangeError if not); with the
    `digests` of its records, its document was checked where they were worked out (elsewhere.py)."""
    with gc_paused():
        checked = document.loads(opened.view, document.KIND_HOUSEHOLDS, checked=digests is not None)
        return Incoming(opened, document.households_from(checked, digests))


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0  # records in conflict (new and already open)
    new_conflicts: int = 0
    households: int = 0
    sender: str = ""
    dry_run: bool = False
    skipped: bool = False  # the file (by its SHA-256) was taken in before: nothing done

    def as_json(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "conflicts": self.conflicts,
            "new_conflicts": self.new_conflicts,
            "households": self.households,
            "sender": self.sender,
            "dry_run": self.dry_run,
            "skipped": self.skipped,
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    summary: ImportSummary
    changes: Changes = field(default=NOTHING)


class _DryRun(Exception):
    """Rolls the unit of work of a dry run back."""


class _TakenBefore(Exception):
    """The file was taken in before (found inside the writing unit of work: another ingest may
    have taken it a moment ago)."""


KEY_TAKEN_PREFIX = "ingest.taken."  # + the file's SHA-256: when and from whom it was taken in


def taken_before(storage: ExchangeStorage, file_sha256: str) -> bool:
    return bool(taken_among(storage, [file_sha256]))


def taken_among(storage: ExchangeStorage, file_sha256s: Sequence[str]) -> set[str]:
    """Those of these files (by SHA-256) taken in before, looked up at once."""
    with storage.unit_of_work(write=False) as uow:
        found = uow.settings.get_many([KEY_TAKEN_PREFIX + sha for sha in file_sha256s])
    return {key.removeprefix(KEY_TAKEN_PREFIX) for key in found}


_IMPORT_KINDS = (
    (Kind.HOUSEHOLD | Kind.MEMBERS | Kind.PLAN | Kind.PLANS | Kind.LIFE_AREAS | Kind.COORDINATOR)
    | Kind.ALLOCATIONS
    | Kind.DECISION
)


def import_households(
    storage: ExchangeStorage,
    incoming: Incoming,
    *,
    dry_run: bool = False,
    file_sha256: str | None = None,
    file_name: str = "",
) -> ImportResult:
    """Import verified households in one unit of work (nothing of it when it fails); a dry run
    decides and writes the same, then rolls back. With `file_sha256` the file is remembered as
    taken in, in the same unit of work, and one taken in before is skipped (`summary.skipped`)."""
    plan: ImportPlan | None = None
    new = 0
    try:
        with gc_paused(), storage.unit_of_work() as uow:
            if file_sha256 is not None and uow.settings.get(KEY_TAKEN_PREFIX + file_sha256) is not None:
                raise _TakenBefore
            ids = [t.record.id for t in incoming.households]
            here = uow.exchange.trees(ids, incoming.households)
            plan = merge.plan_import(here, incoming.households)
            new = uow.exchange.apply(plan, incoming.signer.signer_name)
            if file_sha256 is not None:
                taken = {"file": file_name, "sender": incoming.signer.signer_name, "at": _now()}
                uow.settings.set(KEY_TAKEN_PREFIX + file_sha256, json.dumps(taken, ensure_ascii=False))
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except _TakenBefore:
        sender = incoming.signer.signer_name
        return ImportResult(ImportSummary(households=len(incoming.households), sender=sender, skipped=True))
    assert plan is not None
    c = plan.counts
    summary = ImportSummary(
        added=c["added"],
        updated=c["updated"],
        unchanged=c["unchanged"],
        conflicts=c["conflicts"],
        new_conflicts=new,
        households=len(incoming.households),
        sender=incoming.signer.signer_name,
        dry_run=dry_run,
    )
    if dry_run or not plan.households:
        return ImportResult(summary)
    return ImportResult(summary, Changes.of(_IMPORT_KINDS, *sorted(plan.households)))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- conflicts -------------------------------------------------------------------------------


def open_conflicts(storage: ExchangeStorage) -> list[StoredConflict]:
    with storage.unit_of_work(write=False) as uow:
        return uow.exchange.open_conflicts()


def resolve_conflict(
    storage: ExchangeStorage,
    conflict_id: str,
    *,
    take_file: bool = True,
    keep_here: Collection[str] | None = None,
) -> Changes:
    """Settle a conflict: the file's version or the one here stands (`take_file`), or, per field,
    the file's except the fields in `keep_here`; as a new version made here that builds on both (so
    the sender takes it when it comes back, and nothing is asked twice).

    The version here just before the first resolution is kept in the conflict record, so running
    it again (`conflicts --resolve ID --take here|file`) reverses a choice: "here" is that version,
    "file" the file's, however often it is run."""
    with storage.unit_of_work() as uow:
        ex = uow.exchange
        found = ex.conflict(conflict_id)
        if found is None:
            raise ExchangeRequestError("Dit conflict bestaat niet; controleer het nummer met 'conflicts'.")
        now = ex.current(found.kind, found.record_id, found.parent_id)
        first = found.resolved is None
        if first:
            ex.keep_here(conflict_id, now)  # what "here" was, for a later reversal
        here = now if first else found.here
        frozen = found.kind is RecordKind.PLAN and now is not None and now.fields.get("status") != "concept"
        taking = take_file if keep_here is None else any(k not in keep_here for k, _h, _f in found.fields())
        if frozen and (taking or not first):
            raise ExchangeRequestError(
                "Dit plan is hier vastgesteld en wordt niet meer veranderd. Neem de wijzigingen uit het "
                "bestand over in een nieuwe versie van het plan."
            )
        name, device = ex.author()
        st = found.incoming.stamp
        if keep_here is not None:
            take_file = True
            mine = dict(here.fields) if here else {}
            chosen: Mapping[str, Any] = {
                k: (mine[k] if k in keep_here and k in mine else v) for k, v in found.incoming.fields.items()
            }
        else:
            chosen = found.incoming.fields if take_file or here is None else here.fields
        revision = max(st.revision, now.stamp.revision if now else 0) + 1
        lineage = {**(now.stamp.merged(st) if now else st.known()), device: revision}
        stamp = Stamp(revision, name, device, st.revision, st.changed_device, lineage)
        record = Record(found.record_id, stamp, chosen)
        if found.kind is RecordKind.DECISION:
            record = found.incoming if take_file else (here or found.incoming)
        write = Write(found.kind, found.parent_id, record, insert=now is None)
        if not (found.kind is RecordKind.DECISION and not take_file and first):
            ex.apply(ImportPlan(writes=[write]), found.sender)
        ex.mark_resolved(conflict_id)
    return Changes.of(_IMPORT_KINDS, found.household_id)


# --- the catalogue file (signed by the office) -----------------------------------------------

KEY_CATALOGUE_VERSION = "catalogue.version"
KEY_CATALOGUE_DATE = "catalogue.date"


@dataclass(frozen=True, slots=True)
class CatalogueInfo:
    version: str
    date: str
    signer: str


def export_catalogue(
    storage: ExchangeStorage, key: Ed25519PrivateKey, version: str | None = None, day: date | None = None
) -> tuple[bytes, str]:
    """The stored catalogue as a signed file (not encrypted: it holds no personal data)."""
    day = day or date.today()
    with storage.unit_of_work(write=False) as uow:
        catalogue = uow.catalogue.load()
        version = version or uow.settings.get(KEY_CATALOGUE_VERSION) or day.isoformat()
    doc = catalogue_file.catalogue_document(catalogue, version, day)
    return sign(document.dumps(doc), key), version


def import_catalogue(storage: ExchangeStorage, data: bytes, offices: Mapping[str, str]) -> CatalogueInfo:
    """Verify (signed by a sender trusted as the office), check, then replace the catalogue and store
    its version and date, in one unit of work."""
    if is_encrypted(data):
        raise DamagedFileError(
            "Dit bestand is versleuteld; een catalogusbestand is alleen ondertekend. "
            "Lees huishoudens in met 'import', de catalogus met 'catalogue import'."
        )
    try:
        opened = verify(data, offices)
    except UnknownSignerError:
        raise UnknownSignerError(
            "De catalogus is niet ondertekend door het kantoor. Er is niets ingelezen. Vertrouw de sleutel "
            "van het kantoor met 'keys trust ed25519:... --name Kantoor --office'."
        ) from None
    checked = document.loads(opened.view, document.KIND_CATALOGUE)
    catalogue = catalogue_file.catalogue_from(checked)
    info = CatalogueInfo(checked["catalogue_version"], checked["catalogue_date"], opened.signer_name)
    with storage.unit_of_work() as uow:
        uow.catalogue.replace(catalogue)
        uow.settings.set(KEY_CATALOGUE_VERSION, info.version)
        uow.settings.set(KEY_CATALOGUE_DATE, info.date)
    return info


# --- for the window: the office's key and a sealed export ------------------------------------

KEY_OFFICE_RECIPIENT = "exchange.office_recipient"


def office_recipient(storage: ExchangeStorage) -> str | None:
    """The office's public key (age1...) from the settings (`trajectplanner keys office`)."""
    with storage.unit_of_work(write=False) as uow:
        return uow.settings.get(KEY_OFFICE_RECIPIENT) or None


def sealed_export(
    storage: ExchangeStorage,
    key: Ed25519PrivateKey,
    recipients: Sequence[str],
    case_numbers: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> tuple[bytes, Export]:
    """The households signed with `key` and encrypted for `recipients`, ready to be written."""
    made = export_households(storage, case_numbers, progress=progress)
    return encrypt(sign(document.dumps(made.document), key), recipients), made


class OfficeKeyError(PlannerError):
    """Not an office key (age1...): said in Dutch, nothing stored."""


def set_office_recipient(storage: ExchangeStorage, recipient: str) -> Changes:
    """Store the office's public key (age1...), as `trajectplanner keys office` does; "" clears it."""
    from planner.exchange.envelope import is_recipient

    recipient = recipient.strip()
    if recipient and not is_recipient(recipient):
        raise OfficeKeyError(
            "Dit is geen openbare sleutel van het kantoor: die begint met 'age1' en is 62 tekens lang. "
            "Plak de sleutel die het kantoor met 'trajectplanner keys show' ziet."
        )
    with storage.unit_of_work() as uow:
        uow.settings.set(KEY_OFFICE_RECIPIENT, recipient)
    return NOTHING


def catalogue_info(storage: ExchangeStorage) -> CatalogueInfo | None:
    """The version and date of the catalogue file last read in (None: none read in yet)."""
    with storage.unit_of_work(write=False) as uow:
        version = uow.settings.get(KEY_CATALOGUE_VERSION)
        day = uow.settings.get(KEY_CATALOGUE_DATE)
    return CatalogueInfo(version, day or "", "") if version else None
