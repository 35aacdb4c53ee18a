"""Benchmark: one household's decision letters (2 members, 6 allocations), in-process.

Not part of the test run. Prints a table: median build+render time against reportlab's own
minimal 2-page document measured in the same run (the floor). Budget: ≤ 100 ms.

    .venv/bin/python tests/benchmarks/bench_letters.py [--profile]
"""

from __future__ import annotations

import cProfile
import dataclasses
import io
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from dateutil.relativedelta import relativedelta
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from planner.demo import build_demo_region
from planner.documents.base import register_fonts
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


def median_ms(fn, runs: int = RUNS) -> float:
    fn()  # warm-up: font registration, imports, caches
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main() -> None:
    args = household_with_six_allocations()
    pages = sum(len(__import__("pypdf").PdfReader(io.BytesIO(p)).pages) for p in letters_once(*args))
    if "--profile" in sys.argv:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            letters_once(*args)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
        return
    floor = median_ms(floor_once)
    floor_ttf = median_ms(lambda: floor_once(register_fonts()[0]))
    letters = median_ms(lambda: letters_once(*args))
    print(f"{'measure':<52}{'median':>10}{'ratio':>8}")
    print(f"{'reportlab: minimal 2-page document (floor)':<52}{floor:>8.1f} ms{1:>7.1f}×")
    print(f"{'  the same with embedded DejaVu Sans (TTF)':<52}{floor_ttf:>8.1f} ms{floor_ttf / floor:>7.1f}×")
    print(f"{'one household (2 members, 6 allocations)':<52}{letters:>8.1f} ms{letters / floor:>7.1f}×")
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
