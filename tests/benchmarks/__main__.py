"""Run every benchmark script in this folder, each in its own process: `python -m tests.benchmarks`.

Benchmarks are not tests: each measures what the user sees against its budget of
shared/engineering.md and a floor measured in the same run. The combined table goes to
`docs/benchmarks.md` and `docs/benchmarks.json` (with `--write`). Pass names to run a few:
`python -m tests.benchmarks picker letters`.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.results import RESULTS_ENV, Result, markdown, read, row  # noqa: E402


def main(argv: list[str]) -> int:
    write = "--write" in argv
    names = [a for a in argv if not a.startswith("--")]
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    fd, results_file = tempfile.mkstemp(suffix=".jsonl")
    os.close(fd)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        RESULTS_ENV: results_file,
    }
    failed: list[str] = []
    for script in scripts:
        print(f"\n=== {script.stem}", flush=True)
        if subprocess.run([sys.executable, str(script)], env=env, cwd=ROOT).returncode != 0:
            failed.append(script.stem)
    results = read(results_file)
    os.unlink(results_file)
    print("\n=== all budgets")
    for r in results:
        print(row(r))
    over = [r.name for r in results if not r.passed]
    print(f"{len(results)} measures, {len(over)} over budget; scripts failed: {', '.join(failed) or 'none'}")
    if write:
        machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        stamp = time.strftime("%Y-%m-%d %H:%M")
        if names:  # a few scripts again: the other rows of the last full table are kept
            results = _with_earlier(results, ROOT / "docs" / "benchmarks.json")
        (ROOT / "docs" / "benchmarks.md").write_text(
            f"# Benchmarks\n\nLatest run: {stamp} on {machine} (`python -m tests.benchmarks --write`).\n\n"
            + markdown(results),
            encoding="utf-8",
        )
        payload = {"run": stamp, "machine": machine, "results": [asdict(r) for r in results]}
        (ROOT / "docs" / "benchmarks.json").write_text(
            json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    return 1 if failed or over else 0


def _with_earlier(results: list[Result], earlier: Path) -> list[Result]:
    """The earlier table's rows in their order, each replaced by this run's row of that name, and
    this run's new rows after them."""
    if not earlier.exists():
        return results
    now = {r.name: r for r in results}
    before = [Result(**r) for r in json.loads(earlier.read_text(encoding="utf-8"))["results"]]
    kept = [now.pop(r.name, r) for r in before]
    return kept + list(now.values())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
