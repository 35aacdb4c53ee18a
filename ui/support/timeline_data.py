"""What the trajectory timeline shows, computed without Qt: rows, bars and dated marks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from planner import periods
from planner.adulthood import allocation_law
from planner.catalogue import Catalogue
from planner.dutch import date_words
from planner.model import Form, Household, Law, Outcome, Plan
from planner.providers import ContractKind, contract_status, provider_name
from planner.reference import Reference
from ui.labels import FREQUENCY_WORDS, UNIT_WORDS


class MarkKind(StrEnum):
    BIRTHDAY = "verjaardag"
    EVALUATION = "evaluatie"
    BRIDGING_UNTIL = "overbrugging t/m"
    CONTRACT_END = "contract eindigt"


def mark_words(reference: Reference) -> dict[MarkKind, str]:
    """The short label of each kind of mark on the timeline; the birthday's names the adult age."""
    words = {kind: kind.value for kind in MarkKind}
    words[MarkKind.BIRTHDAY] = reference.text("scherm.timeline_birthday")
    return words


def mark_legend(reference: Reference) -> dict[MarkKind, str]:
    return {
        MarkKind.BIRTHDAY: reference.text("scherm.timeline_birthday_legend"),
        MarkKind.EVALUATION: "Evaluatie: streefdatum van een doel",
        MarkKind.BRIDGING_UNTIL: "Einde overbruggingsovereenkomst",
        MarkKind.CONTRACT_END: "Einde contract van de aanbieder",
    }


@dataclass(frozen=True, slots=True)
class Mark:
    kind: MarkKind
    day: date
    text: str  # Dutch tooltip / legend text


@dataclass(frozen=True, slots=True)
class Bar:
    allocation_id: str
    start: date
    end: date
    label: str  # product name
    detail: str  # amount and provider
    law: Law | None
    pgb: bool


@dataclass(slots=True)
class Row:
    member_id: str
    name: str
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)


@dataclass(slots=True)
class TimelineData:
    first: date
    last: date
    plan_start: date | None
    plan_end: date | None
    rows: list[Row]
    plan_marks: list[Mark]  # marks of the whole household (goals without a member)
    mark_words: dict[MarkKind, str] = field(default_factory=dict)  # label under each mark
    legend: dict[MarkKind, str] = field(default_factory=dict)

    def months(self) -> list[date]:
        """First days of the months from `first` to `last`."""
        out = []
        d = self.first.replace(day=1)
        while d <= self.last:
            out.append(d)
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return out


def build_timeline(
    household: Household, plan: Plan | None, catalogue: Catalogue, reference: Any, today: date
) -> TimelineData:
    plan_start = plan.start if plan else None
    plan_last = (
        periods.plan_end(plan.start, plan.months) if plan and plan.start and plan.months >= 1 else None
    )
    rows: list[Row] = []
    allocations = plan.allocations if plan else []
    adult_age = reference.terms.adult_age
    routes = reference.continuity_routes
    for m in household.members:
        row = Row(m.id, m.full_name or "(nog geen naam)")
        for a in allocations:
            if a.member_id != m.id or a.end < a.start or a.outcome is Outcome.REFUSED:
                continue  # a refusal gives no support to show in time
            p = catalogue.products.get(a.product_code)
            law = allocation_law(a, m, adult_age, p)
            who = "pgb" if a.form is Form.PGB else provider_name(a.provider_id, catalogue)
            amount = f"{a.volume} {UNIT_WORDS[a.unit]} {FREQUENCY_WORDS[a.frequency]}"
            row.bars.append(
                Bar(
                    a.id,
                    a.start,
                    a.end,
                    p.name if p else a.product_code,
                    f"{amount} · {who}",
                    law,
                    a.form is Form.PGB,
                )
            )
            c = a.continuity
            mark = routes[c.route].timeline_mark if c is not None else ""
            if c is not None and mark and c.until is not None:
                own = provider_name(c.own_provider_id, catalogue)
                text = mark.format(own_provider=own, until=date_words(c.until))
                row.marks.append(Mark(MarkKind.BRIDGING_UNTIL, c.until, text))
            if a.provider_id and a.form is Form.IN_KIND:
                st = contract_status(
                    a.provider_id, a.product_code, household.municipality_code, a.start, a.end, catalogue
                )
                if st.kind is ContractKind.ENDS_EARLY and st.until is not None:
                    row.marks.append(
                        Mark(
                            MarkKind.CONTRACT_END,
                            st.until,
                            f"Contract van {provider_name(a.provider_id, catalogue)} loopt tot en met "
                            f"{date_words(st.until)}",
                        )
                    )
        if m.birth_date is not None:
            bday = periods.eighteenth_birthday(m.birth_date, adult_age)
            row.marks.append(
                Mark(
                    MarkKind.BIRTHDAY,
                    bday,
                    f"{m.given_names or m.full_name} wordt {adult_age} op {date_words(bday)}",
                )
            )
        rows.append(row)

    plan_marks: list[Mark] = []
    if plan is not None:
        by_id = {r.member_id: r for r in rows}
        for area in plan.life_areas:
            for g in area.goals:
                if g.target_date is None:
                    continue
                mark = Mark(
                    MarkKind.EVALUATION, g.target_date, f"Evaluatie {date_words(g.target_date)}: {g.text}"
                )
                targets = [by_id[i] for i in area.member_ids if i in by_id]
                if targets:
                    for r in targets:
                        r.marks.append(mark)
                else:
                    plan_marks.append(mark)

    days = [d for d in (plan_start, plan_last) if d is not None]
    days += [d for r in rows for b in r.bars for d in (b.start, b.end)]
    if not days:
        days = [today, periods.plan_end(today, 12)]
    first, last = min(days), max(days)
    if last <= first:
        last = periods.plan_end(first, 1)
    # Only marks inside the shown period (an 18th birthday years away would only stretch the picture).
    for r in rows:
        # Both parts of a split carry the same bridging date: one mark is enough.
        unique = {(mk.kind, mk.day): mk for mk in r.marks if first <= mk.day <= last}
        r.marks = sorted(unique.values(), key=lambda mk: mk.day)
    plan_marks = [mk for mk in plan_marks if first <= mk.day <= last]
    return TimelineData(
        first,
        last,
        plan_start,
        plan_last,
        rows,
        plan_marks,
        mark_words=mark_words(reference),
        legend=mark_legend(reference),
    )
