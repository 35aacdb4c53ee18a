"""The monitor's figures as rows of text: what the CSV holds and the PDF's tables show.

Every count passes `privacy.shown`; a mean, median or cost of fewer than five is left out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from decimal import Decimal

from planner.money import to_cents
from planner.monitor.compute import Figures, Flow, MonitorReport
from planner.monitor.privacy import HIDDEN, is_small, shown

# (section, municipality, segment or product, measure, value)
Line = tuple[str, str, str, str, str]

HEADER = ("onderdeel", "gemeente", "segment_of_product", "maat", "waarde")


def months_text(value: float | None, n: int) -> str:
    if value is None:
        return ""
    return HIDDEN if is_small(n) else f"{value:.1f}".replace(".", ",")


def money_text(amount: Decimal, n: int) -> str:
    if is_small(n):
        return HIDDEN
    return f"{to_cents(amount):.2f}".replace(".", ",")


def flow_lines(section: str, town: str, segment: str, flow: Flow) -> Iterator[Line]:
    running = len(flow.durations_days)
    yield section, town, segment, "instroom_toewijzingen", shown(flow.started)
    if not segment:
        yield section, town, segment, "instroom_nieuwe_huishoudens", shown(flow.new_households)
    yield section, town, segment, "doorstroom_lopend", shown(flow.running)
    yield section, town, segment, "doorstroom_huishoudens", shown(flow.households)
    yield section, town, segment, "duur_gemiddeld_maanden", months_text(flow.mean_months, running)
    yield section, town, segment, "duur_mediaan_maanden", months_text(flow.median_months, running)
    yield section, town, segment, "uitstroom", shown(flow.ended)
    yield section, town, segment, "uitstroom_plan_afgesloten", shown(flow.ended_closed)
    yield section, town, segment, "uitstroom_periode_verstreken", shown(flow.ended_period)


def figure_lines(f: Figures, segments: dict[str, str]) -> Iterator[Line]:
    yield from flow_lines("stroom", f.name, "", f.flow)
    for code, flow in sorted(f.by_segment.items()):
        yield from flow_lines("stroom_per_segment", f.name, segments.get(code, code), flow)
    r = f.reassessments
    yield "herbeoordeling", f.name, "", "plannen", shown(r.plans)
    for result, n in r.results.items():
        yield "herbeoordeling", f.name, "", f"resultaat_{result}", shown(n)
    yield "herbeoordeling", f.name, "", "resultaat_niet_vastgelegd", shown(r.not_recorded)
    t = f.transitions
    yield "18-/18+", f.name, "", "werd_18", shown(t.turning_adult)
    yield "18-/18+", f.name, "", "verlengde_jeugdhulp", shown(t.extended_youth_care)
    yield "18-/18+", f.name, "", "door_in_wmo", shown(t.continued_wmo)
    yield "18-/18+", f.name, "", "gestopt", shown(t.stopped)
    o = f.own_providers
    yield "eigen_aanbieder", f.name, "", "met_eigen_aanbieder", shown(o.with_own_provider)
    yield "eigen_aanbieder", f.name, "", "behouden", shown(o.kept)
    yield "eigen_aanbieder", f.name, "", "continuiteitsroute", shown(o.route_used)
    yield "eigen_aanbieder", f.name, "", "vervangen", shown(o.substituted)
    c = f.costs
    yield "kosten", f.name, "", "kosten_toewijzingen_euro", money_text(c.allocations, f.flow.households)
    yield "kosten", f.name, "", "budget_matrixcellen_euro", money_text(c.budget, c.plans)
    yield "kosten", f.name, "", "plannen_met_budget", shown(c.plans)
    yield "kosten", f.name, "", "toewijzingen_zonder_tarief", shown(c.unpriced)


def lines(report: MonitorReport) -> Iterator[Line]:
    for f in (*report.municipalities, report.region):
        yield from figure_lines(f, report.segments)
    for m in report.months:
        month = m.month.strftime("%Y-%m")
        yield "per_maand", report.region.name, month, "gestart", shown(m.started)
        yield "per_maand", report.region.name, month, "beeindigd", shown(m.ended)
        yield "per_maand", report.region.name, month, "lopend", shown(m.running)
    for w in report.waiting:
        product = f"{w.product_code} {w.product_name}"
        yield "wachttijd", "", product, "aanbieders_met_wachttijd", str(w.providers)
        median = "" if w.median_weeks is None else f"{w.median_weeks:.1f}".replace(".", ",")
        yield "wachttijd", "", product, "wachttijd_mediaan_weken", median
        yield "wachttijd", "", product, "wachttijd_max_weken", "" if w.max_weeks is None else str(w.max_weeks)


def csv_bytes(report: MonitorReport) -> bytes:
    """The CSV: one figure per line, `;`-separated, UTF-8 with a byte-order mark (as Excel reads it)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        ("periode_van", report.period.start.isoformat(), "periode_tot_en_met", report.period.end.isoformat())
    )
    writer.writerow(HEADER)
    writer.writerows(lines(report))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
