"""The words of a clash with another window, and of what came in from elsewhere (no Qt here).

`choices_of` turns a `ConflictError` into what the conflict dialog shows: per record a title
("Gezinslid Daan Jansen"), per field its Dutch name with the stored value and the typed value
rendered readably (dates in Dutch, members and providers by name, life areas by their name from
the reference, goals and the ladder line by line). `incoming_words` is the status-bar sentence after
a save that took in changes from elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from db.errors import ConflictError, FieldConflict
from db.incoming import Incoming
from planner.dutch import date_words, euro
from planner.model import Coordinator, Goal, HoursLine, Household, Plan, Rung
from ui.labels import COORDINATOR_WORDS, LAW_WORDS, RECORD_WORDS, ROLE_WORDS, field_label

if TYPE_CHECKING:
    from planner.catalogue import Catalogue
    from planner.reference import Reference

EMPTY = "(leeg)"
KEEP, DROP = "houden", "weglaten"
CAME_IN = "Bijgewerkt vanuit een ander venster"


@dataclass(frozen=True, slots=True)
class Context:
    """What names the values: the open household and plans, the reference, the catalogue."""

    household: Household
    plans: Sequence[Plan]
    reference: Reference | None = None
    catalogue: Catalogue | None = None


@dataclass(frozen=True, slots=True)
class FieldChoice:
    field: str  # the model attribute; "" for keeping or leaving out a whole record
    label: str  # Dutch
    theirs: str  # the other version, readable
    ours: str  # what is typed here, readable


@dataclass(frozen=True, slots=True)
class RecordChoice:
    kind: str
    id: str
    title: str  # "Huishouden", "Gezinslid Daan Jansen", "Leefgebied Financiën"
    change: str  # RecordConflict.change
    explanation: str  # one Dutch sentence on what happened to this record
    fields: tuple[FieldChoice, ...]
    also: tuple[str, ...] = ()  # fields only changed elsewhere: taken in whatever is chosen


def choices_of(error: ConflictError, context: Context) -> list[RecordChoice]:
    found = []
    for c in error.conflicts:
        title = record_title(c.kind, c.id, context, _record_in(c.fields, c.kind))
        if c.change == "changed":
            fields = tuple(
                FieldChoice(
                    f.field,
                    field_label(c.kind, f.field),
                    value_words(c.kind, f.field, f.stored, context),
                    value_words(c.kind, f.field, f.ours, context),
                )
                for f in c.fields
                if f.field != "position"
            )
            also = tuple(field_label(c.kind, f.field) for f in c.elsewhere)
            explanation = "In beide vensters gewijzigd."
        elif c.change == "deleted_elsewhere":
            fields = (_whole(c.kind, c.fields, context, theirs=DROP + " (is daar verwijderd)", ours=KEEP),)
            also = ()
            explanation = "In het andere venster verwijderd; hier nog gewijzigd."
        elif c.change == "removed_here":
            fields = (_whole(c.kind, c.fields, context, theirs=KEEP + " (is daar gewijzigd)", ours=DROP),)
            also = ()
            explanation = "Hier weggehaald; in het andere venster intussen gewijzigd."
        else:  # added_elsewhere: only while deciding, which is not an autosave
            fields = ()
            also = ()
            explanation = "In het andere venster toegevoegd."
        found.append(RecordChoice(c.kind, c.id, title, c.change, explanation, fields, also))
    return found


def _whole(
    kind: str, fields: Iterable[FieldConflict], context: Context, *, theirs: str, ours: str
) -> FieldChoice:
    """The choice for a record deleted on one side: the changed fields on the other side, then
    houden / weglaten."""
    lines = []
    for f in fields:
        value = f.ours if f.stored is None else f.stored
        lines.append(f"{field_label(kind, f.field)}: {value_words(kind, f.field, value, context)}")
    detail = "\n".join(lines)
    return FieldChoice("", "het hele record", f"{theirs}\n{detail}".strip(), f"{ours}\n{detail}".strip())


def _record_in(fields: Iterable[FieldConflict], kind: str) -> dict[str, Any]:
    """The values of a record not in the window any more (removed here): to name it."""
    return {f.field: (f.stored if f.stored is not None else f.ours) for f in fields}


def record_title(kind: str, record_id: str, context: Context, values: dict[str, Any] | None = None) -> str:
    word = RECORD_WORDS.get(kind, kind)
    values = values or {}
    if kind == "member":
        member = next((m for m in context.household.members if m.id == record_id), None)
        name = (
            member.full_name
            if member
            else " ".join(
                v
                for v in (values.get("given_names"), values.get("surname_prefix"), values.get("surname"))
                if v
            )
        )
        return f"{word} {name}".strip()
    if kind == "life_area":
        result = next((r for p in context.plans for r in p.life_areas if r.id == record_id), None)
        code = result.life_area if result else values.get("life_area")
        return f"{word} {_life_area_name(code, context)}".strip()
    if kind == "allocation":
        allocation = next((a for p in context.plans for a in p.allocations if a.id == record_id), None)
        product = allocation.product_code if allocation else values.get("product_code")
        member = allocation.member_id if allocation else values.get("member_id")
        return f"{word} {_product_name(product, context)} voor {_member_name(member, context)}"
    if kind == "plan":
        plan = next((p for p in context.plans if p.id == record_id), None)
        return f"{word} (versie {plan.version})" if plan else word
    return word


def value_words(kind: str, field: str, value: Any, context: Context) -> str:
    """A stored value as the professional reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, date):
        return date_words(value)
    if isinstance(value, Decimal):
        return euro(value)
    if field in ("member_id",):
        return _member_name(value, context)
    if field == "member_ids":
        return ", ".join(_member_name(i, context) for i in value)
    if field in ("provider_id", "own_provider_id"):
        return _provider_name(value, context)
    if field == "life_area":
        return _life_area_name(value, context)
    if field == "product_code":
        return _product_name(value, context)
    if field == "municipality_code":
        names = {m.code: m.name for m in context.reference.municipalities} if context.reference else {}
        return names.get(value, value)
    if field == "goal_id":
        goal = next((g for p in context.plans for r in p.life_areas for g in r.goals if g.id == value), None)
        return goal.text if goal else "(een doel)"
    if isinstance(value, Coordinator):
        words = COORDINATOR_WORDS.get(value.kind, value.kind.value)
        return f"{words}: {_provider_name(value.provider_id, context)}" if value.provider_id else words
    if field == "goals":
        return "\n".join(_goal_words(g) for g in value)
    if field == "ladder":
        return _ladder_words(value, context)
    if field == "hours_lines":
        return "\n".join(_line_words(line) for line in value)
    if field == "continuity":
        routes = context.reference.continuity_routes if context.reference else None
        name = routes[value.route].label if routes is not None else value.route.value
        return f"{name} ({_provider_name(value.own_provider_id, context)})"
    if field == "law":
        return LAW_WORDS.get(value, str(value))
    if field == "role":
        return ROLE_WORDS.get(value, str(value))
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _goal_words(goal: Goal) -> str:
    extra = [w for w in (date_words(goal.target_date) if goal.target_date else "", goal.who) if w]
    return f"• {goal.text}" + (f" ({', '.join(extra)})" if extra else "")


def _ladder_words(ladder: dict[Rung, str], context: Context) -> str:
    names = {r.rung: r.name for r in context.reference.ladder_rungs} if context.reference else {}
    return "\n".join(f"{names.get(rung, rung.value)}: {text}" for rung, text in ladder.items() if text)


def _line_words(line: HoursLine) -> str:
    return f"• {line.label}: {line.minutes_per_week} minuten per week"


def _member_name(member_id: str | None, context: Context) -> str:
    member = next((m for m in context.household.members if m.id == member_id), None)
    return member.full_name if member else "(een gezinslid)"


def _provider_name(provider_id: str | None, context: Context) -> str:
    catalogue = context.catalogue
    provider = catalogue.providers.get(provider_id) if catalogue and provider_id else None
    return provider.name if provider else "(een aanbieder)"


def _product_name(code: str | None, context: Context) -> str:
    catalogue = context.catalogue
    product = catalogue.products.get(code) if catalogue and code else None
    return product.name if product else code or "(een product)"


def _life_area_name(code: str | None, context: Context) -> str:
    if code and context.reference is not None:
        try:
            return context.reference.life_area(code).name
        except KeyError:
            pass
    return code or ""


# --- what came in from elsewhere ---------------------------------------------------------------


def incoming_words(incoming: Iterable[Incoming], context: Context) -> str:
    """ "Bijgewerkt vanuit een ander venster: straat; gezinslid Daan Jansen toegevoegd." """
    parts: list[str] = []
    for item in incoming:
        if item.change == "changed":
            labels = ", ".join(field_label(item.kind, f) for f in item.fields if f != "position")
            if not labels:
                continue
            if item.kind == "household":
                parts.append(labels)
            else:
                parts.append(f"{_lower(record_title(item.kind, item.id, context))}: {labels}")
        else:
            title = _lower(record_title(item.kind, item.id, context, _values(item.record)))
            parts.append(f"{title} {'toegevoegd' if item.change == 'added' else 'verwijderd'}")
    unique = list(dict.fromkeys(parts))
    return f"{CAME_IN}: {'; '.join(unique)}." if unique else ""


def _values(record: Any) -> dict[str, Any]:
    names = ("given_names", "surname_prefix", "surname", "life_area", "product_code", "member_id")
    return {n: getattr(record, n) for n in names if hasattr(record, n)}


def _lower(title: str) -> str:
    return title[:1].lower() + title[1:]
