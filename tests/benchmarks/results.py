"""One row per budget, the same way from every benchmark script (issue 14.1).

A script calls `report(...)` for each budget it measures. Run alone, the rows are printed; run by
`python -m tests.benchmarks`, they are also appended as JSON lines to the file named by
RESULTS_ENV, from which the runner writes the combined table (docs/benchmarks.md) and JSON.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass

RESULTS_ENV = "TRAJECTPLANNER_BENCH_RESULTS"


@dataclass(frozen=True, slots=True)
class Result:
    name: str  # what the user does: "zoeken: worst query at 100,000 households"
    median: float
    unit: str  # "ms" | "s"
    budget: float | None  # in `unit`; None: reported for information only
    floor: float | None = None  # the same run's floor, in `unit`
    floor_name: str = ""
    ratio_budget: float | None = None  # a budget as a multiple of the floor ("≤ 2 × bare Qt")

    @property
    def ratio(self) -> float | None:
        return self.median / self.floor if self.floor else None

    @property
    def passed(self) -> bool:
        within = self.budget is None or self.median <= self.budget
        ratio = self.ratio
        return within and (self.ratio_budget is None or ratio is None or ratio <= self.ratio_budget)


def report(*results: Result) -> None:
    """Print the rows and hand them to the runner when there is one."""
    for r in results:
        print(row(r))
    target = os.environ.get(RESULTS_ENV)
    if target:
        with open(target, "a", encoding="utf-8") as out:
            for r in results:
                out.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")


def budget_text(r: Result) -> str:
    parts = [f"≤ {r.budget:g} {r.unit}"] if r.budget is not None else []
    if r.ratio_budget is not None:
        parts.append(f"≤ {r.ratio_budget:g} × floor")
    return " and ".join(parts) or "—"


def row(r: Result) -> str:
    ratio = f"{r.ratio:.1f} ×" if r.ratio is not None else "—"
    verdict = "ok" if r.passed else "OVER BUDGET"
    return f"{r.name:<58} {r.median:>9.2f} {r.unit:<2} {budget_text(r):<24} {ratio:>7}  {verdict}"


def markdown(results: list[Result]) -> str:
    lines = [
        "| measure | median | budget | floor (same run) | ratio | |",
        "|---|---:|---|---|---:|---|",
    ]
    for r in results:
        floor = f"{r.floor_name}: {r.floor:.2f} {r.unit}" if r.floor is not None else "—"
        ratio = f"{r.ratio:.1f} ×" if r.ratio is not None else "—"
        verdict = "ok" if r.passed else "**over budget**"
        lines.append(
            f"| {r.name} | {r.median:.2f} {r.unit} | {budget_text(r)} | {floor} | {ratio} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def read(path: str) -> list[Result]:
    with open(path, encoding="utf-8") as lines:
        return [Result(**json.loads(line)) for line in lines if line.strip()]
