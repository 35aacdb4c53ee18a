"""Exporteren en inlezen in the window: the whole database to a file for the office, a file read
in, and the conflicts it left shown side by side (here / in the file, per field) in the conflict
dialog the two-window saves use (ui/conflict_dialog.py).

The work is the operations of `planner.services.exchange`; the open household is closed (and
saved) first, so no autosave meets what the import wrote, and opened again afterwards.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from planner.dutch import date_words
from planner.exchange.records import StoredConflict
from ui.conflict_dialog import ConflictDialog
from ui.conflict_words import EMPTY, FieldChoice, RecordChoice
from ui.labels import RECORD_WORDS, field_label

INTRO = (
    "Deze gegevens zijn zowel hier als in het ingelezen bestand gewijzigd, op dezelfde plaatsen. "
    "Er is niets overschreven: hieronder staat per veld wat hier staat en wat in het bestand staat.\n\n"
    "Kies per veld welke versie blijft. Alles wat maar aan één kant is gewijzigd, is al verwerkt."
)
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _words(value: Any) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, str) and _ISO.match(value):
        from datetime import date

        return date_words(date.fromisoformat(value))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


def conflict_choices(conflicts: list[StoredConflict]) -> list[RecordChoice]:
    """What the conflict dialog shows for stored import conflicts: "mijn versie" is the one here."""
    found = []
    for c in conflicts:
        word = RECORD_WORDS.get(c.kind.value, c.kind.value)
        fields = tuple(
            FieldChoice(name, field_label(c.kind.value, name), _words(theirs), _words(here))
            for name, here, theirs in c.fields()
            if name != "position"
        )
        found.append(
            RecordChoice(
                c.kind.value,
                c.id,  # the conflict's id: what the choice is handed back with
                f"{word}, dossier {c.case_number}",
                "changed",
                f"Hier gewijzigd en in het bestand van {c.sender} ook.",
                fields,
            )
        )
    return found


def resolve_in_dialog(window: Any, parent: QWidget | None = None) -> int:
    """Show the open conflicts; the chosen versions are stored. Returns how many were resolved."""
    from planner.services.exchange import open_conflicts, resolve_conflict

    conflicts = open_conflicts(window.db)
    if not conflicts:
        QMessageBox.information(
            parent or window, "Conflicten", "Er zijn geen conflicten uit ingelezen bestanden."
        )
        return 0
    dialog = ConflictDialog(
        conflict_choices(conflicts), parent or window, intro=INTRO, elsewhere="uit het bestand"
    )
    dialog.setWindowTitle("Conflicten uit een ingelezen bestand")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return 0
    kept = dialog.keep_ours()
    text = confirmation_text(conflicts, conflict_choices(conflicts), kept)
    answer = QMessageBox.question(
        parent or window,
        "Keuze bevestigen",
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        window.statusBar().showMessage(
            "Er is niets opgelost; de conflicten blijven staan tot u opnieuw kiest.", 10000
        )
        return 0
    for c in conflicts:
        resolve_conflict(window.db, c.id, keep_here={f for kind, cid, f in kept if cid == c.id})
    return len(conflicts)


def confirmation_text(
    conflicts: list[StoredConflict], choices: list[RecordChoice], kept: set[tuple[str, str, str]]
) -> str:
    """Exactly what stays, per record and field, and how to reverse it afterwards.

    Resolving writes to the database beside the open household's undo stack (which holds
    in-memory edits of one household), so it is confirmed here and reversible with the command.
    """
    lines = ["Dit blijft staan:"]
    for c, choice in zip(conflicts, choices, strict=True):
        lines.append("")
        lines.append(f"{choice.title} (conflict {c.id}):")
        for f in choice.fields:
            if (c.kind.value, c.id, f.field) in kept:
                lines.append(f"  • {f.label}: {f.ours} (van hier)")
            else:
                lines.append(f"  • {f.label}: {f.theirs} (uit het bestand)")
    lines.append("")
    lines.append(
        "De andere versie blijft bewaard bij het conflict. Terugdraaien kan met "
        "'trajectplanner conflicts --resolve NUMMER --take here' (de versie van hier) of "
        "'--take file' (die uit het bestand). Doorgaan?"
    )
    return "\n".join(lines)


def import_file(window: Any, path: Path | None = None) -> str:
    """Read a file in (asked for when `path` is None); returns the summary shown, or ""."""
    from db.errors import DatabaseError
    from planner.exchange.errors import ExchangeError
    from planner.services.exchange import import_households, read_households
    from ui.shell.keys import KeysError, KeyStore

    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Bestand inlezen", "", "Uitwisselingsbestand (*)")
        if not chosen:
            return ""
        path = Path(chosen)
    store = KeyStore()
    try:
        data = path.read_bytes()
        identities = [store.identity()] if store.identity_path.exists() else []
        incoming = read_households(data, store.trusted(), identities)
    except (ExchangeError, KeysError) as exc:
        QMessageBox.warning(window, "Bestand niet ingelezen", str(exc))
        return ""
    except OSError as exc:
        QMessageBox.warning(
            window, "Bestand niet ingelezen", f"Het bestand kan niet worden gelezen: {exc.strerror}."
        )
        return ""
    reopen = window.session.household.id if window.session is not None else None
    window.close_household()
    try:
        s = import_households(window.db, incoming).summary
    except DatabaseError as exc:  # records that clash with this database's: nothing was imported
        QMessageBox.warning(window, "Bestand niet ingelezen", str(exc))
        if reopen is not None:
            window.open_household(reopen)
        return ""
    summary = (
        f"{s.households} huishoudens van {s.sender}: {s.added} toegevoegd, {s.updated} bijgewerkt, "
        f"{s.unchanged} ongewijzigd, {s.conflicts} conflicten."
    )
    window.statusBar().showMessage(summary, 15000)
    if s.conflicts:
        resolve_in_dialog(window)
    if reopen is not None:
        window.open_household(reopen)
    return summary


def export_file(window: Any, path: Path | None = None) -> str:
    """Every household, signed and encrypted for the office, to a file (asked for when None)."""
    from planner.services.exchange import office_recipient, sealed_export
    from ui.shell.atomic import write_atomic
    from ui.shell.keys import KeysError, KeyStore

    office = office_recipient(window.db)
    if office is None:
        QMessageBox.warning(
            window,
            "Exporteren",
            "De sleutel van het kantoor is nog niet ingesteld. Vraag het kantoor om zijn openbare sleutel "
            "en sla die op met 'trajectplanner keys office age1...'.",
        )
        return ""
    try:
        key = KeyStore().signing_key()
    except KeysError as exc:
        QMessageBox.warning(window, "Exporteren", str(exc))
        return ""
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(window, "Exporteren voor het kantoor", "trajectplanner.tpx")
        if not chosen:
            return ""
        path = Path(chosen)
    if window.session is not None:
        window.session.save_now()  # what is being typed goes along
    data, made = sealed_export(window.db, key, [office])
    try:
        write_atomic(path, data)
    except OSError as exc:
        QMessageBox.warning(
            window, "Exporteren", f"Het bestand {path} kan niet worden geschreven: {exc.strerror}."
        )
        return ""
    message = f"{made.households} huishoudens geëxporteerd naar {path.name}, versleuteld voor het kantoor."
    window.statusBar().showMessage(message, 15000)
    return message
