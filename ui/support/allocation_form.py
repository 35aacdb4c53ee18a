"""Wat en hoeveel: the fields of one allocation — product, form, amount, period, life area, goal —
with the words and the cost that follow them.

What follows an edit (unit and frequency follow the product, the end follows the start) is asked
of `planner.allocations`; every edit is one undo step through the session.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from planner import adulthood, allocations, hours, outcomes, periods
from planner.dutch import date_words, euro
from planner.model import Allocation, Form, Frequency, Member, Outcome, Unit
from planner.money import allocation_cost
from planner.services import allocations as allocation_ops
from planner.services.edits import Edit
from planner.services.fields import AllocationField
from ui.fields import Binding, ComboField, DateField, MultiLineField, SpinField, TextField
from ui.labels import FORM_WORDS, FREQUENCY_WORDS, OUTCOME_WORDS, UNIT_WORDS, law_words, product_label
from ui.session import HouseholdSession
from ui.support.commands import set_allocation

MAX_VOLUME = 100_000
UNKNOWN_LAW = "onbekend (geen geboortedatum)"


def parse_euro(text: str) -> Decimal | None:
    """ "1.234,56", "€ 250", "250.5" -> Decimal; empty -> None; unreadable -> None."""
    t = "".join(text.replace("€", "").split())  # any space, also the no-break space euro() writes
    if not t:
        return None
    if "," in t:
        t = t.replace(".", "").replace(",", ".")
    try:
        return Decimal(t).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


class _PeriodBinding(Binding):
    """The start date: moving it keeps the length in whole months (end follows)."""

    def edit(self, value: Any, typing: bool) -> Edit | None:
        a = self.target()
        if not isinstance(a, Allocation) or value is None:
            return None
        return allocation_ops.set_allocation(a, dict(allocations.start_change(a, value)), self.text)


class _OutcomeBinding(Binding):
    """The outcome: a partial grant or refusal starts from "asked = the amount now filled in"."""

    def edit(self, value: Any, typing: bool) -> Edit | None:
        a = self.target()
        if not isinstance(a, Allocation) or value is None:
            return None
        values: dict[str, Any] = {"outcome": value}
        if value is not Outcome.GRANTED and a.requested_volume is None:
            values["requested_volume"] = a.volume
        return allocation_ops.set_allocation(a, values, self.text)


class AllocationForm(QGroupBox):
    """The fields of the allocation `allocation()`; `refresh(a, m)` shows it."""

    def __init__(
        self,
        session: HouseholdSession,
        allocation: Callable[[], Allocation | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Wat en hoeveel", parent)
        self.session = session
        self.allocation = allocation
        a = allocation
        self._refreshing = False

        # --- product, form ---
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.setAccessibleName("Product")
        completer = self.product.completer()
        if completer is not None:  # an editable combo has one
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.product.activated.connect(self._product_activated)
        self._product_codes: list[str] = []
        self.product_note = QLabel()
        self.product_note.setStyleSheet("color: #555;")
        self.product_note.setWordWrap(True)
        self.delivery_form = ComboField(
            session,
            Binding(a, AllocationField.FORM, "Vorm wijzigen"),
            [(w, f) for f, w in FORM_WORDS.items()],
            plan_field=True,
            accessible_name="Vorm",
        )
        self.pgb_budget = TextField(
            session,
            Binding(
                a,
                AllocationField.PGB_BUDGET,
                "Pgb-budget wijzigen",
                to_model=parse_euro,
                from_model=lambda v: "" if v is None else euro(v),
            ),
            plan_field=True,
            accessible_name="Pgb-budget voor de hele periode",
        )
        self.pgb_budget.setPlaceholderText("€ 0,00 voor de hele periode")

        # --- amount ---
        self.volume = SpinField(
            session,
            Binding(a, AllocationField.VOLUME, "Omvang wijzigen"),
            0,
            MAX_VOLUME,
            plan_field=True,
            accessible_name="Omvang",
        )
        self.unit = ComboField(
            session,
            Binding(a, AllocationField.UNIT, "Eenheid wijzigen"),
            [],
            plan_field=True,
            accessible_name="Eenheid",
        )
        self.frequency = ComboField(
            session,
            Binding(a, AllocationField.FREQUENCY, "Frequentie wijzigen"),
            [],
            plan_field=True,
            accessible_name="Frequentie",
        )
        self.bandwidth = QCheckBox("Bandbreedte tot")
        self.bandwidth.setToolTip(
            "De regio staat voor dit product een bandbreedte toe, bijvoorbeeld 2 tot 4 uur per week."
        )
        self.bandwidth.clicked.connect(self._bandwidth_toggled)
        self.volume_max = QSpinBox()
        self.volume_max.setRange(0, MAX_VOLUME)
        self.volume_max.setKeyboardTracking(False)
        self.volume_max.setAccessibleName("Bovengrens bandbreedte")
        self.volume_max.valueChanged.connect(self._volume_max_changed)
        self.amount_words = QLabel()
        self.amount_words.setWordWrap(True)

        # --- period ---
        self.start = DateField(
            session,
            _PeriodBinding(a, AllocationField.START, "Startdatum wijzigen"),
            plan_field=True,
            accessible_name="Startdatum",
            required=True,
        )
        self.months = QSpinBox()
        self.months.setRange(1, 120)
        self.months.setSuffix(" maanden")
        self.months.setKeyboardTracking(False)
        self.months.setAccessibleName("Duur in maanden")
        self.months.valueChanged.connect(self._months_changed)
        self.end = DateField(
            session,
            Binding(a, AllocationField.END, "Einddatum wijzigen"),
            plan_field=True,
            accessible_name="Einddatum (tot en met)",
            required=True,
        )
        self.length = QLabel()

        # --- life area and goal, cost ---
        self.life_area = ComboField(
            session,
            Binding(a, AllocationField.LIFE_AREA, "Leefgebied wijzigen"),
            [],
            plan_field=True,
            accessible_name="Leefgebied",
        )
        self.goal = ComboField(
            session,
            Binding(a, AllocationField.GOAL, "Doel wijzigen"),
            [],
            plan_field=True,
            accessible_name="Doel",
        )
        self.cost = QLabel()

        # --- request and outcome (domain.md §6) ---
        self.outcome = ComboField(
            session,
            _OutcomeBinding(a, AllocationField.OUTCOME, "Uitkomst wijzigen"),
            [(w, o) for o, w in OUTCOME_WORDS.items()],
            plan_field=True,
            accessible_name="Uitkomst van de aanvraag",
        )
        self.requested_volume = SpinField(
            session,
            Binding(
                a,
                AllocationField.REQUESTED_VOLUME,
                "Gevraagde omvang wijzigen",
                to_model=lambda v: v or None,
                from_model=lambda v: v or 0,
            ),
            0,
            MAX_VOLUME,
            plan_field=True,
            accessible_name="Gevraagde omvang (zelfde eenheid en frequentie)",
        )
        self.requested_volume.setSpecialValueText("zoals toegekend")
        self.requested_end = DateField(
            session,
            Binding(a, AllocationField.REQUESTED_END, "Gevraagde einddatum wijzigen"),
            plan_field=True,
            accessible_name="Gevraagd tot en met (leeg: zoals toegekend)",
        )
        self.request_text = TextField(
            session,
            Binding(a, AllocationField.REQUEST_TEXT, "Aanvraag wijzigen"),
            plan_field=True,
            accessible_name="Wat er gevraagd is, in de woorden van de aanvraag",
        )
        self.request_text.setPlaceholderText("Wat er gevraagd is (leeg: het product)")
        self.motivation = MultiLineField(
            session,
            Binding(a, AllocationField.MOTIVATION, "Motivering wijzigen"),
            plan_field=True,
            accessible_name="Motivering van het besluit",
            lines=3,
        )
        self.motivation.setPlaceholderText(
            "Waarom minder dan gevraagd, of waarom afgewezen? Dit komt in de beschikking."
        )
        self.requested_words = QLabel()
        self.requested_words.setWordWrap(True)

        wf = QFormLayout(self)
        wf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        wf.addRow(_label("&Product:", self.product), self.product)
        wf.addRow("", self.product_note)
        form_row = QHBoxLayout()
        form_row.addWidget(self.delivery_form, 1)
        self.pgb_label = QLabel("pgb-budget:")
        form_row.addWidget(self.pgb_label)
        form_row.addWidget(self.pgb_budget)
        wf.addRow(_label("Vor&m:", self.delivery_form), form_row)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.volume)
        amount_row.addWidget(self.unit)
        amount_row.addWidget(self.frequency)
        amount_row.addWidget(self.bandwidth)
        amount_row.addWidget(self.volume_max)
        amount_row.addStretch(1)
        wf.addRow(_label("&Omvang:", self.volume), amount_row)
        wf.addRow("", self.amount_words)
        period_row = QHBoxLayout()
        period_row.addWidget(self.start)
        period_row.addWidget(QLabel("duur"))
        period_row.addWidget(self.months)
        period_row.addWidget(QLabel("t/m"))
        period_row.addWidget(self.end)
        period_row.addStretch(1)
        wf.addRow(_label("Per&iode:", self.start), period_row)
        wf.addRow("", self.length)
        wf.addRow(_label("&Leefgebied:", self.life_area), self.life_area)
        wf.addRow(_label("&Doel:", self.goal), self.goal)
        wf.addRow("Kosten:", self.cost)
        wf.addRow(_label("&Uitkomst:", self.outcome), self.outcome)
        asked_row = QHBoxLayout()
        asked_row.addWidget(self.requested_volume)
        asked_row.addWidget(QLabel("t/m"))
        asked_row.addWidget(self.requested_end)
        asked_row.addWidget(self.request_text, 1)
        wf.addRow(_label("&Gevraagd:", self.requested_volume), asked_row)
        wf.addRow("", self.requested_words)
        wf.addRow(_label("Motiv&ering:", self.motivation), self.motivation)
        self.fields: list[ComboField | TextField | SpinField | DateField] = [
            self.delivery_form,
            self.pgb_budget,
            self.volume,
            self.unit,
            self.frequency,
            self.start,
            self.end,
            self.life_area,
            self.goal,
            self.outcome,
            self.requested_volume,
            self.requested_end,
            self.request_text,
        ]
        self.text_fields = [self.motivation]

    # --- actions ------------------------------------------------------------------------------

    def _product_activated(self, i: int) -> None:
        if 0 <= i < len(self._product_codes):
            self.choose_product(self._product_codes[i])

    def choose_product(self, code: str) -> None:
        a = self.allocation()
        product = self.session.catalogue.products.get(code)
        if a is None or product is None or not self.session.editable:
            return
        values = dict(allocations.product_change(a, product))
        set_allocation(self.session, a, values, f"Product wijzigen: {product.name}")

    def set_months(self, months: int) -> None:
        self.months.setValue(months)
        self._months_changed(months)

    def _months_changed(self, months: int) -> None:
        a = self.allocation()
        if a is None or self._refreshing:
            return
        set_allocation(self.session, a, {"end": periods.plan_end(a.start, months)}, "Duur wijzigen")

    def _bandwidth_toggled(self, on: bool) -> None:
        a = self.allocation()
        if a is not None:
            set_allocation(self.session, a, {"volume_max": a.volume if on else None}, "Bandbreedte wijzigen")

    def _volume_max_changed(self, value: int) -> None:
        a = self.allocation()
        if a is not None and not self._refreshing and a.volume_max is not None:
            set_allocation(self.session, a, {"volume_max": value}, "Bandbreedte wijzigen")

    # --- refresh ------------------------------------------------------------------------------

    def refresh(self, a: Allocation | None, m: Member | None) -> None:
        self._refreshing = True
        try:
            if a is None or m is None:
                for f in [*self.fields, *self.text_fields]:
                    f.refresh()
            else:
                self._refresh(a, m)
        finally:
            self._refreshing = False

    def _refresh(self, a: Allocation, m: Member) -> None:
        s = self.session
        cat = s.catalogue
        product = cat.products.get(a.product_code)
        pname = product.name if product else f"onbekend product {a.product_code}"

        # products under the law the member's situation calls for (age on the start date, split,
        # extended youth care)
        required = adulthood.required_law(a, m, s.reference.terms.adult_age)
        required_words = law_words(required, UNKNOWN_LAW)
        products = allocations.products_for(cat, required)
        codes = [p.code for p in products]
        labels = [product_label(p) for p in products]
        if a.product_code not in codes:
            codes.insert(0, a.product_code)
            labels.insert(0, f"{pname} ({a.product_code}) — past niet bij de {required_words}")
        if codes != self._product_codes:
            self.product.blockSignals(True)
            self.product.clear()
            self.product.addItems(labels)
            self.product.blockSignals(False)
            self._product_codes = codes
        self.product.blockSignals(True)
        self.product.setCurrentIndex(codes.index(a.product_code))
        self.product.blockSignals(False)
        self.product.setEnabled(s.editable)  # editable (typed into): a decided plan's must not be
        if product is not None:
            allowed = ", ".join(FREQUENCY_WORDS[f] for f in product.frequencies)
            unit_one = (
                "euro" if product.unit is Unit.EURO else hours.unit_words(1, product.unit).split(" ", 1)[-1]
            )
            bw = "; bandbreedte toegestaan" if product.bandwidth else ""
            self.product_note.setText(
                f"Alleen producten van de {required_words} op de startdatum. Dit product: in "
                f"{UNIT_WORDS[product.unit]} {allowed}, tarief {euro(product.tariff)} per "
                f"{unit_one}, "
                f"ten hoogste {product.max_months} maanden{bw}."
            )

        # unit and frequency: the product's own first, the rest marked
        allowed_units = [product.unit] if product else []
        self.unit.set_choices(
            [(UNIT_WORDS[u], u) for u in allowed_units]
            + [(f"{UNIT_WORDS[u]} — past niet bij dit product", u) for u in Unit if u not in allowed_units]
        )
        allowed_freq = list(product.frequencies) if product else []
        self.frequency.set_choices(
            [(FREQUENCY_WORDS[f], f) for f in allowed_freq]
            + [
                (f"{FREQUENCY_WORDS[f]} — past niet bij dit product", f)
                for f in Frequency
                if f not in allowed_freq
            ]
        )
        # life area and goals of the plan
        plan = s.plan
        areas = plan.life_areas if plan else []
        self.life_area.set_choices(
            [("— kies het leefgebied —", None)] + [(self._area_name(r.life_area), r.life_area) for r in areas]
        )
        area = plan.life_area(a.life_area) if plan and a.life_area else None
        goals = area.goals if area else []
        self.goal.set_choices(
            [("— geen bepaald doel —", None)]
            + [
                (g.text + (f" (streefdatum {g.target_date:%d-%m-%Y})" if g.target_date else ""), g.id)
                for g in goals
            ]
        )
        for f in [*self.fields, *self.text_fields]:
            f.refresh()
        pgb = a.form is Form.PGB
        self.pgb_budget.setVisible(pgb)
        self.pgb_label.setVisible(pgb)
        bw_allowed = bool(product and product.bandwidth)
        self.bandwidth.setVisible(bw_allowed or a.volume_max is not None)
        self.volume_max.setVisible(bw_allowed or a.volume_max is not None)
        self.bandwidth.setChecked(a.volume_max is not None)
        self.volume_max.setEnabled(a.volume_max is not None and s.editable)
        self.volume_max.setValue(a.volume_max or 0)
        words = hours.amount_words(a.volume, a.unit, a.frequency) if a.volume > 0 else "Nog geen omvang."
        if a.volume_max is not None:
            words = f"{words} tot {hours.amount_words(a.volume_max, a.unit, a.frequency)}"
        if a.end >= a.start and a.volume > 0:
            words += (
                f". Over de hele periode: {hours.total_words(a.volume, a.unit, a.frequency, a.start, a.end)}"
            )
        self.amount_words.setText(words)
        if a.end >= a.start:
            span = periods.length(a.start, a.end)
            self.months.setValue(max(1, periods.total_months(span)))
            self.length.setText(
                f"Van {date_words(a.start)} tot en met {date_words(a.end)}: "
                f"{periods.length_words(a.start, a.end)}"
            )
        else:
            self.length.setText("De einddatum ligt vóór de startdatum.")
        self.months.setEnabled(s.editable)
        try:
            self.cost.setText(
                f"{euro(allocation_cost(a, product))} over de hele periode"
                if product and a.end >= a.start
                else "—"
            )
        except ValueError:
            self.cost.setText("— (de eenheid past niet bij het product)")
        self._refresh_outcome(a)

    def _refresh_outcome(self, a: Allocation) -> None:
        """One short line: what was asked, and what is granted (nothing, for a refusal)."""
        asked = outcomes.asked_volume(a)
        start, end = outcomes.asked_period(a)
        if a.outcome is Outcome.GRANTED and not outcomes.request_differs(a):
            text = "Toegekend zoals gevraagd."
        else:
            words = _short_amount(asked, a) if asked > 0 else "—"
            if (start, end) != (a.start, a.end):
                words += (
                    f", t/m {date_words(end)}"
                    if start == a.start
                    else f", {date_words(start)} t/m {date_words(end)}"
                )
            granted = (
                "niets (telt niet mee in de kosten)"
                if a.outcome is Outcome.REFUSED
                else _short_amount(a.volume, a)
            )
            text = f"Gevraagd: {words}. Toegekend: {granted}."
        self.requested_words.setText(text)
        if a.outcome is Outcome.REFUSED:
            self.cost.setText("— (afgewezen)")

    def _area_name(self, code: str) -> str:
        try:
            return self.session.reference.life_area(code).name
        except (KeyError, LookupError):
            return code


def _short_amount(volume: int, a: Allocation) -> str:
    """ "240 minuten per week": the outcome line stays one line."""
    return f"{hours.unit_words(volume, a.unit)} {hours.frequency_words(a.frequency)}"


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label
