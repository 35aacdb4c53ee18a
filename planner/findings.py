"""What a rule check reports: one finding per problem, in plain Dutch, naming what it concerns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "fout"  # blocks deciding the plan
    WARNING = "waarschuwing"  # worth attention; does not block


SUBJECT_KINDS = frozenset({"household", "member", "plan", "life_area", "allocation", "coordinator"})


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # stable per rule, e.g. "allocation.past_18"; the UI and tests key on it
    severity: Severity
    message: str  # Dutch: what is wrong and what to do
    subject_kind: str  # one of SUBJECT_KINDS
    subject_id: str | None = None  # id of the household, member, plan, life-area result or allocation;
    # for "coordinator" the plan id (a coordinator has no id of its own)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first; otherwise keep the order in which the rules found them."""
    return sorted(findings, key=lambda f: 0 if f.severity is Severity.ERROR else 1)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)
