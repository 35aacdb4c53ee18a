"""Toewijzing bewerken: product, form, amount, period, life area and goal, provider, hours, findings.

Every edit is an undo command through the session. The 18th-birthday proposal is a banner at the
top that cannot be missed; accepting it replaces the allocation by its two parts in one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from planner import adulthood, allocations, hours, periods
from planner.allocations import ProviderOutcome
from planner.dutch import date_words, euro
from planner.model import Allocation, Form, Frequency, Member, Unit
from planner.money import allocation_cost
from planner.providers import ProviderIndex, contract_status, own_provider_status, provider_name
from planner.rules import check_allocation
from planner.services import allocations as allocation_ops
from planner.services.changes import Changes, Kind
from planner.services.edits import Edit
from planner.services.fields import AllocationField
from ui.fields import Binding, ComboField, DateField, SpinField, TextField
from ui.labels import FORM_WORDS, FREQUENCY_WORDS, LAW_WORDS, UNIT_WORDS, product_label
from ui.session import HouseholdSession
from ui.support.commands import replace_allocation, set_allocation
from ui.support.continuity_dialog import ContinuityDialog
from ui.support.hours_widget import HoursWidget
from ui.support.provider_picker import ProviderPicker

MAX_VOLUME = 100_000
BANNER_STYLE = (
    "QFrame#birthday { background: #fff4ce; border: 2px solid #b07d00; border-radius: 4px; }"
    "QFrame#birthday QLabel { color: #3d2b00; }"
)


def parse_euro(text: str) -> Decimal | None:
    """ "1.234,56", "€ 250", "250.5" -> Decimal; empty -> None; unreadable -> None."""
    t = text.replace("€", "").replace(" ", "").strip()
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


class AllocationEditor(QWidget):
    """Edits the allocation with id `allocation_id` of the session's current plan."""

    split_done = Signal(list)  # ids of the parts after a split

    def __init__(
        self, session: HouseholdSession, index: ProviderIndex | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.allocation_id: str | None = None
        # Tests replace this to drive the dialog without a modal loop; the default opens it
        # window-modal with open(), which never blocks the caller.
        self.dialog_factory: Callable[..., ContinuityDialog] = ContinuityDialog
        self.continuity_dialog: ContinuityDialog | None = None
        a = self.allocation

        # --- 18th birthday banner ---
        self.banner = QFrame()
        self.banner.setObjectName("birthday")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner_text = QLabel()
        self.banner_text.setWordWrap(True)
        self.banner_text.setAccessibleName("18e verjaardag")
        self.split_button = QPushButton("&Splitsen")
        self.split_button.setToolTip(
            "Maakt twee toewijzingen: Jeugdwet tot de verjaardag, Wmo vanaf de verjaardag."
        )
        self.split_button.clicked.connect(self.accept_split)
        self.extend_button = QPushButton()
        self.extend_button.clicked.connect(self.choose_extended_youth_care)
        self.extended_reason = TextField(
            session,
            Binding(a, AllocationField.EXTENDED_YOUTH_CARE_REASON, "Reden verlengde jeugdhulp wijzigen"),
            plan_field=True,
            accessible_name="Waarom verlengde jeugdhulp",
        )
        self.extended_reason.setPlaceholderText("Waarom verlengde jeugdhulp? Dit komt in de beschikking.")
        bl = QHBoxLayout()
        icon = QLabel("18 jaar!")
        icon.setStyleSheet("font-weight: 600;")
        bl.addWidget(icon)
        bl.addWidget(self.banner_text, 1)
        bl.addWidget(self.split_button)
        bl.addWidget(self.extend_button)
        banner_layout = QVBoxLayout(self.banner)
        banner_layout.addLayout(bl)
        banner_layout.addWidget(self.extended_reason)

        # --- product, form ---
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 12pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.product = QComboBox()
        self.product.setEditable(True)
        self.product.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.product.setAccessibleName("Product")
        self.product.completer().setFilterMode(Qt.MatchFlag.MatchContains)
        self.product.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.product.activated.connect(self._product_activated)
        self._product_codes: list[str] = []
        self.product_note = QLabel()
        self.product_note.setStyleSheet("color: #555;")
        self.product_note.setWordWrap(True)
        self.form = ComboField(
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

        # --- life area and goal ---
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

        # --- provider ---
        self.provider_now = QLabel()
        self.provider_now.setWordWrap(True)
        self.provider_now.setTextFormat(Qt.TextFormat.RichText)
        self.provider_now.setAccessibleName("Gekozen aanbieder")
        self.route_button = QPushButton("Route eigen aanbieder…")
        self.route_button.clicked.connect(self.open_continuity)
        self.picker = ProviderPicker(session.catalogue, index)
        self.picker.chosen.connect(self.choose_provider)
        self.picker.setMinimumHeight(190)

        # --- hours, findings ---
        self.hours = HoursWidget(session, a)
        self.findings = QLabel()
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setAccessibleName("Bevindingen bij deze toewijzing")
        self.cost = QLabel()

        what = QGroupBox("Wat en hoeveel")
        wf = QFormLayout(what)
        wf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        wf.addRow(self._label("&Product:", self.product), self.product)
        wf.addRow("", self.product_note)
        form_row = QHBoxLayout()
        form_row.addWidget(self.form, 1)
        self.pgb_label = QLabel("pgb-budget:")
        form_row.addWidget(self.pgb_label)
        form_row.addWidget(self.pgb_budget)
        wf.addRow(self._label("Vor&m:", self.form), form_row)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.volume)
        amount_row.addWidget(self.unit)
        amount_row.addWidget(self.frequency)
        amount_row.addWidget(self.bandwidth)
        amount_row.addWidget(self.volume_max)
        amount_row.addStretch(1)
        wf.addRow(self._label("&Omvang:", self.volume), amount_row)
        wf.addRow("", self.amount_words)
        period_row = QHBoxLayout()
        period_row.addWidget(self.start)
        period_row.addWidget(QLabel("duur"))
        period_row.addWidget(self.months)
        period_row.addWidget(QLabel("t/m"))
        period_row.addWidget(self.end)
        period_row.addStretch(1)
        wf.addRow(self._label("Per&iode:", self.start), period_row)
        wf.addRow("", self.length)
        wf.addRow(self._label("&Leefgebied:", self.life_area), self.life_area)
        wf.addRow(self._label("&Doel:", self.goal), self.goal)
        wf.addRow("Kosten:", self.cost)

        prov = QGroupBox("Zorgaanbieder")
        pl = QVBoxLayout(prov)
        pl.addWidget(self.provider_now)
        prow = QHBoxLayout()
        prow.addStretch(1)
        prow.addWidget(self.route_button)
        pl.addLayout(prow)
        pl.addWidget(self.picker, 1)

        checks = QGroupBox("Bevindingen bij deze toewijzing")
        cl = QVBoxLayout(checks)
        cl.addWidget(self.findings)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(checks)
        # What and who side by side when there is room, else stacked (see resizeEvent).
        self.side = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.side.addWidget(what, 3)
        self.side.addWidget(prov, 2)
        layout.addLayout(self.side)
        layout.addWidget(self.hours)
        layout.addStretch(1)
        self._fields = [
            self.extended_reason,
            self.form,
            self.pgb_budget,
            self.volume,
            self.unit,
            self.frequency,
            self.start,
            self.end,
            self.life_area,
            self.goal,
        ]
        self._shrinkable()
        session.connect_changes(self._on_changes)
        self.refresh()

    SIDE_BY_SIDE_MIN_WIDTH = 1000

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self.SIDE_BY_SIDE_MIN_WIDTH
        self.side.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _shrinkable(self) -> None:
        """Combos size to a few characters, not to their longest item, so narrow windows still fit."""
        for combo in self.findChildren(QComboBox):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # --- what is edited -----------------------------------------------------------------------

    def allocation(self) -> Allocation | None:
        plan = self.session.plan
        if plan is None or self.allocation_id is None:
            return None
        return next((x for x in plan.allocations if x.id == self.allocation_id), None)

    def member(self) -> Member | None:
        a = self.allocation()
        if a is None:
            return None
        return next((m for m in self.session.household.members if m.id == a.member_id), None)

    def set_allocation(self, allocation_id: str | None) -> None:
        if allocation_id != self.allocation_id:
            self.session.flush_pending()
            self.allocation_id = allocation_id
            self.continuity_dialog = None
            self.refresh()

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

    def accept_split(self) -> None:
        a, m = self.allocation(), self.member()
        plan = self.session.plan
        if a is None or m is None or plan is None or not self.session.editable:
            return
        proposal = adulthood.birthday_proposal(a, m, self.session.catalogue, self.session.reference)
        if proposal is None:
            return
        parts = list(proposal.parts)
        replace_allocation(self.session, plan, a, parts, "Splitsen bij de 18e verjaardag")
        self.allocation_id = parts[0].id
        self.refresh()
        self.split_done.emit([p.id for p in parts])

    def choose_extended_youth_care(self) -> None:
        a = self.allocation()
        if a is not None:
            set_allocation(
                self.session, a, dict(allocations.extended_youth_care_toggle(a)), "Verlengde jeugdhulp"
            )

    def choose_provider(self, provider_id: str) -> None:
        """The professional picks a provider; the own provider is never dropped silently."""
        a, m = self.allocation(), self.member()
        if a is None or m is None or not self.session.editable:
            return
        cat = self.session.catalogue
        choice = allocations.provider_choice(a, m, provider_id, self.session.household, cat)
        if choice.outcome is ProviderOutcome.NEEDS_ROUTE:
            self.open_continuity(preferred=choice.preferred_provider_id)
            return
        text = (
            "Eigen aanbieder kiezen"
            if choice.outcome is ProviderOutcome.KEEP
            else f"Aanbieder kiezen: {provider_name(provider_id, cat)}"
        )
        set_allocation(self.session, a, dict(choice.changes), text)

    def open_continuity(self, preferred: str | None = None) -> ContinuityDialog | None:
        a, m = self.allocation(), self.member()
        if a is None or m is None or not m.own_provider_id:
            return None
        dialog = self.dialog_factory(
            a,
            m,
            self.session.household,
            self.session.catalogue,
            own_provider_id=m.own_provider_id,
            preferred_provider_id=preferred,
            routes=self.session.reference.continuity_routes,
            today=self.session.today,
            parent=self,
        )
        self.continuity_dialog = dialog
        dialog.accepted.connect(lambda: self.apply_continuity(dialog.result_choice(), dialog.undo_text()))
        dialog.open()
        return dialog

    def apply_continuity(self, changes: allocations.Changes | None, text: str) -> None:
        a = self.allocation()
        if a is None or changes is None:
            return
        set_allocation(self.session, a, dict(changes), text)

    # --- refresh ------------------------------------------------------------------------------

    DEPENDS_ON = (
        Kind.ALLOCATIONS
        | Kind.MEMBERS
        | Kind.HOUSEHOLD
        | Kind.LIFE_AREAS
        | Kind.PLAN
        | Kind.PLANS
        | Kind.CATALOGUE
    )

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # Also after its own edits: unit, frequency, end date, cost and findings follow them.
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    _refreshing = False

    def refresh(self) -> None:
        self._refreshing = True
        try:
            self._refresh()
        finally:
            self._refreshing = False

    def _refresh(self) -> None:
        a, m = self.allocation(), self.member()
        s = self.session
        self.setEnabled(a is not None)
        if a is None or m is None:
            self.title.setText("Kies links een toewijzing, of voeg er een toe.")
            self.banner.hide()
            for f in self._fields:
                f.refresh()
            self.hours.refresh()
            self.findings.setText("")
            return
        cat, ref = s.catalogue, s.reference
        product = cat.products.get(a.product_code)
        adult_age = ref.terms.adult_age
        unknown = "onbekend (geen geboortedatum)"
        law_words = LAW_WORDS.get(adulthood.allocation_law(a, m, adult_age, product), unknown)
        pname = product.name if product else f"onbekend product {a.product_code}"
        self.title.setText(f"{pname} voor {m.full_name or 'dit gezinslid'} · {law_words}")

        # products under the law the member's situation calls for (age on the start date, split,
        # extended youth care)
        required = adulthood.required_law(a, m, adult_age)
        required_words = LAW_WORDS.get(required, unknown)
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
        for f in self._fields:
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

        self._refresh_banner(a, m)
        self._refresh_provider(a, m)
        self.hours.refresh()
        self._refresh_findings(a)

    def _area_name(self, code: str) -> str:
        try:
            return self.session.reference.life_area(code).name
        except (KeyError, LookupError):
            return code

    def _refresh_banner(self, a: Allocation, m: Member) -> None:
        ref = self.session.reference
        extended_age = ref.terms.extended_youth_care_age
        self.extend_button.setText(f"&Verlengde jeugdhulp tot {extended_age}")
        proposal = adulthood.birthday_proposal(a, m, self.session.catalogue, ref)
        if proposal is not None:
            text = (
                f"{proposal.member_name} wordt {proposal.adult_age} op {date_words(proposal.birthday)}. "
                f"Splits in een Jeugdwet-deel tot en met {date_words(proposal.last_youth_day)} en een "
                f"Wmo-deel vanaf {date_words(proposal.birthday)}."
            )
            adult_p = proposal.adult_product
            if adult_p is not None:
                text += f" Het Wmo-deel wordt {adult_p.name} ({adult_p.code})."
            self.banner_text.setText(text)
            self.split_button.show()
            self.extend_button.setText(f"&Verlengde jeugdhulp tot {extended_age}")
            self.banner.show()
        elif a.extended_youth_care:
            self.banner_text.setText(
                "Gekozen: verlengde jeugdhulp. De Jeugdwet blijft gelden, uiterlijk tot "
                f"{m.given_names or 'de cliënt'} "
                f"{extended_age} wordt."
            )
            self.split_button.hide()
            self.extend_button.setText("&Verlengde jeugdhulp intrekken")
            self.banner.show()
        else:
            self.banner.hide()
        self.extended_reason.setVisible(a.extended_youth_care)
        self.split_button.setEnabled(self.session.editable)
        self.extend_button.setEnabled(self.session.editable)

    def _refresh_provider(self, a: Allocation, m: Member) -> None:
        s = self.session
        cat, hh = s.catalogue, s.household
        lines = []
        if a.form is Form.PGB:
            lines.append("<b>Pgb</b>: de cliënt koopt de zorg zelf in.")
        elif a.provider_id:
            st = contract_status(a.provider_id, a.product_code, hh.municipality_code, a.start, a.end, cat)
            lines.append(f"<b>Gekozen: {provider_name(a.provider_id, cat)}</b> — {st.label}")
        else:
            lines.append(
                "<b>Nog geen aanbieder gekozen.</b> Kies hieronder; de eigen aanbieder staat bovenaan."
            )
        own = own_provider_status(m, a, cat, hh)
        if own is not None:
            lines.append(f"Eigen aanbieder: {provider_name(own.provider_id, cat)} — {own.status.label}")
        if a.continuity is not None:
            c = a.continuity
            route = s.reference.continuity_routes[c.route].label
            if c.until is not None:
                route += f" tot en met {date_words(c.until)}"
            if c.main_provider_id:
                route += f" (hoofdaannemer {provider_name(c.main_provider_id, cat)})"
            if c.reason:
                route += f"; reden: {c.reason}"
            lines.append(f"Vastgelegde route: {route}.")
        self.provider_now.setText("<br>".join(lines))
        self.route_button.setVisible(bool(m.own_provider_id))
        self.route_button.setEnabled(s.editable)
        self.picker.setEnabled(s.editable and a.form is Form.IN_KIND)
        if a.end >= a.start:
            self.picker.set_context(a.product_code, a.start, a.end, hh, m, s.plans)

    def _refresh_findings(self, a: Allocation) -> None:
        s = self.session
        plan = s.plan
        if plan is None:
            return
        try:
            found = check_allocation(a, plan, s.household, s.catalogue, s.reference, s.today)
        except Exception:  # a rule bug must not take the editor down
            self.findings.setText("De controle kon niet worden uitgevoerd.")
            return
        self._findings = found
        if not found:
            self.findings.setText(
                "<span style='color:#1d6b1d'>✓ Geen bevindingen bij deze toewijzing.</span>"
            )
            return
        rows = []
        for f in found:
            color = "#a4000f" if f.is_error else "#6a4500"
            mark = "✖ Fout" if f.is_error else "⚠ Let op"
            rows.append(f"<p style='color:{color}; margin:2px 0'>{mark}: {_escape(f.message)}</p>")
        self.findings.setText("".join(rows))

    def finding_codes(self) -> list[str]:
        return [f.code for f in getattr(self, "_findings", [])]

    def finding_messages(self) -> list[str]:
        return [f.message for f in getattr(self, "_findings", [])]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


__all__ = ["AllocationEditor", "parse_euro"]
_ = date  # dates arrive as datetime.date through the fields
