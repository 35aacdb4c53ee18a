"""Errors the domain raises on purpose; each carries a Dutch sentence for the user."""

from __future__ import annotations


class PlannerError(Exception):
    """Base of the domain's own errors. `str(error)` is a Dutch message fit to show."""


class FrozenPlanError(PlannerError):
    """A decided or closed plan was changed; only closing a decided plan is allowed."""
