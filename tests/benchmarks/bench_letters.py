"""Benchmark: one household's decision letters (2 members, 6 allocations), in-process.

Not part of the test run. Prints a table: median build+render time against reportlab's own
minimal 2-page document measured in the same run (the floor). Budget: ≤ 100 ms. The budget row is
measured with the renderer's parse cache emptied before every run (a household whose sentences
the process has not printed before); the warm figure is shown beside it.

    .venv/bin/python tests/benchmarks/bench_letters.py [--profile [cumulative|tottime]]
"""

from __future__ import annotations

import cProfile
import dataclasses
import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dateutil.relativedelta import relativedelta
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from planner.demo import build_demo_region
from planner.documents.base import clear_caches, register_fonts
from planner.documents.common import Professional
from planner.documents.letter import render_letter
from planner.documents.letter_content import build_letters
from planner.model import PlanStatus, new_id
from planner.reference import load_reference
from tests.benchmarks.results import Result, report
from tests.planner.showcase_documents import split_at_adulthood

TODAY = date(2027, 1, 20)
SENT = date(2027, 3, 25)
RUNS = 30
BUDGET_MS = 100.0


def household_with_six_allocations():
    ref = load_reference()
    region = build_demo_region(ref, TODAY)
    household, plans = next((h, p) for h, p in region.showcase if h.case_number == "DEMO-0001")
    daan = next(m for m in household.members if m.given_names == "Daan")
    plan = next(p for p in plans if p.status is PlanStatus.CONCEPT)
    plan = split_at_adulthood(plan, daan, region.catalogue, ref)  # 3 allocations
    extra = []
    for a in plan.allocations:  # the same support again for the following year: 6 allocations
        shift = relativedelta(years=1)
        extra.append(dataclasses.replace(a, id=new_id(), start=a.start + shift, end=a.end + shift))
    plan = dataclasses.replace(plan, allocations=[*plan.allocations, *extra])
    assert len(plan.allocations) == 6 and len({a.member_id for a in plan.allocations}) == 2
    return household, plan, region.catalogue, ref


def letters_once(household, plan, catalogue, ref) -> list[bytes]:
    letters = build_letters(
        household, plan, catalogue, ref, SENT, Professional("Sanne de Boer", "Wmo-consulent"), TODAY
    )
    return [render_letter(letter) for letter in letters]


def floor_once(font: str | None = None) -> bytes:
    """reportlab's own minimal 2-page document; with `font`, the same embedded TTF as the letters."""
    style = getSampleStyleSheet()["Normal"]
    if font is not None:
        style = style.clone("TTF", fontName=font)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, initialFontName=font or "Helvetica")
    text = "Geachte mevrouw Jansen, dit is een korte brief met een paar regels tekst. " * 6
    doc.build([Paragraph(text, style), PageBreak(), Paragraph(text, style)])
    return buffer.getvalue()


def medians_ms(measures: dict[str, Callable[[], object]], runs: int = RUNS) -> dict[str, tuple[float, float]]:
    """Median wall and CPU time of each measure in ms, the measures taken in turn within every
    round: on this shared machine the load drifts, and interleaving puts the floor and the
    letters under the same load, so their ratio holds even when the absolute figures move."""
    for fn in measures.values():
        fn()  # warm-up: font registration, imports, caches
    wall: dict[str, list[float]] = {name: [] for name in measures}
    cpu: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, fn in measures.items():
            c0, t0 = time.process_time(), time.perf_counter()
            fn()
            wall[name].append((time.perf_counter() - t0) * 1000)
            cpu[name].append((time.process_time() - c0) * 1000)
    return {name: (statistics.median(wall[name]), statistics.median(cpu[name])) for name in measures}


def main() -> None:
    args = household_with_six_allocations()
    pages = sum(len(__import__("pypdf").PdfReader(io.BytesIO(p)).pages) for p in letters_once(*args))
    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            letters_once(*args)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(*(sys.argv[2:3] or ["cumulative"])).print_stats(40)
        return
    m = medians_ms(
        {
            "reportlab: minimal 2-page document (floor)": floor_once,
            "  the same with embedded DejaVu Sans (TTF)": lambda: floor_once(register_fonts()[0]),
            "one household (2 members, 6 allocations)": lambda: (clear_caches(), letters_once(*args)),
            "  the same, its sentences parsed before (warm)": lambda: letters_once(*args),
        }
    )
    floor = m["reportlab: minimal 2-page document (floor)"][0]
    letters = m["one household (2 members, 6 allocations)"][0]
    print(f"{'measure':<52}{'median':>11}{'ratio':>8}{'CPU time':>12}")
    for name, (wall, cpu) in m.items():
        print(f"{name:<52}{wall:>8.1f} ms{wall / floor:>7.1f}×{cpu:>9.1f} ms")
    print(f"{pages} pages")
    report(
        Result(
            "letters of one household (2 members, 6 allocations)",
            letters,
            "ms",
            BUDGET_MS,
            floor,
            "minimal 2-page reportlab document",
        )
    )


if __name__ == "__main__":
    main()
