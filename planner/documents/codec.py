"""Snapshots as JSON: stable, plain, and read back into the frozen types without pickling.

Field order is the declaration order, so the same snapshot always gives the same text and stored
JSON compares. Reading looks up each dataclass's type hints once per class: a stored bundle holds
hundreds of nested snapshots, and `typing.get_type_hints` re-evaluates every annotation string.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def to_json(snapshot: Any) -> str:
    return json.dumps(_encode(snapshot), ensure_ascii=False, indent=1)


@functools.cache
def _field_types(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) of a dataclass, in declaration order."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _decode(tp: Any, raw: Any) -> Any:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        present = [a for a in typing.get_args(tp) if a is not type(None)]
        return None if raw is None else _decode(present[0], raw)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in raw)
        return tuple(_decode(a, v) for a, v in zip(args, raw, strict=True))
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            # A field missing from older stored JSON takes its default (new fields always have one).
            return tp(**{name: _decode(hint, raw[name]) for name, hint in _field_types(tp) if name in raw})
        if issubclass(tp, Enum):
            return tp(raw)
        if tp is date:
            return date.fromisoformat(raw)
        if tp is Decimal:
            return Decimal(raw)
    return raw


def from_json(cls: type[T], text: str) -> T:
    result: T = _decode(cls, json.loads(text))
    return result
