"""What the demo generators share: stable ids, relative dates and the data files they read."""

from __future__ import annotations

import re
import tomllib
import uuid
from datetime import date
from functools import cache
from importlib import resources as importlib_resources
from typing import Any

from dateutil.relativedelta import relativedelta

from planner.model import Product
from planner.reference import Reference

_NAMESPACE = uuid.UUID("6f1c7f0e-4a55-4c1e-9a1e-2d1f0b7c9a10")
_OFFSET = re.compile(r"([+-])(\d+)([ymwd])")
_EXPR = re.compile(r"^(today|start)((?:[+-]\d+[ymwd])*)$")


def stable_id(*parts: str) -> str:
    """Ids that are the same on every load, so a reloaded demo matches exported files."""
    return str(uuid.uuid5(_NAMESPACE, "/".join(parts)))


def plan_start(today: date) -> date:
    """New demo plans start on the first day of next month."""
    return (today + relativedelta(months=1)).replace(day=1)


def resolve_date(expr: str, today: date) -> date:
    """'today-41y-3m', 'start+4m-18y': an anchor followed by offsets (see showcase.toml)."""
    match = _EXPR.match(expr.replace(" ", ""))
    if not match:
        raise ValueError(f"showcase.toml: cannot read date expression {expr!r}")
    result = today if match.group(1) == "today" else plan_start(today)
    for sign, amount, unit in _OFFSET.findall(match.group(2)):
        n = int(amount) * (1 if sign == "+" else -1)
        result += {
            "y": relativedelta(years=n),
            "m": relativedelta(months=n),
            "w": relativedelta(weeks=n),
            "d": relativedelta(days=n),
        }[unit]
    return result


def demo_data(name: str) -> dict[str, Any]:
    """One TOML file of `resources/demo/` (showcase.toml, names.toml, generated.toml)."""
    text = importlib_resources.files("resources.demo").joinpath(name).read_text("utf-8")
    return tomllib.loads(text)


@cache
def generated() -> dict[str, Any]:
    """The fixed values of the generators (generated.toml), read once."""
    return demo_data("generated.toml")


def reference_product(reference: Reference, code: str) -> Product:
    return next(p for p in reference.products if p.code == code)
