"""Eigen aanbieder zonder geldig contract: choose, with the client, how care continues (domain.md §4.7).

The routes come from the registry (`planner.continuity`, data in `resources/`): one radio button
per route with the fields its needs ask for, none of which silently substitutes the own provider.
OK stays disabled until the chosen route is complete; what is missing is the planner's own
finding for the route (`planner.rules.continuity`), and the allocation fields the route implies
come from `planner.allocations.route_changes`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner import allocations, text_limits
from planner.catalogue import Catalogue
from planner.continuity import ContinuityRoute, Need, RouteRegistry, default_routes
from planner.dutch import date_words, period_words
from planner.model import Allocation, Continuity, Household, Member
from planner.providers import ProviderChoice, contract_status, provider_name, rank_providers
from planner.rules.continuity import continuity_findings
from ui.date_input import DateInput


class ContinuityDialog(QDialog):
    def __init__(
        self,
        allocation: Allocation,
        member: Member,
        household: Household,
        catalogue: Catalogue,
        *,
        own_provider_id: str,
        preferred_provider_id: str | None = None,
        routes: RouteRegistry | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.allocation = allocation
        self.member = member
        self.household = household
        self.catalogue = catalogue
        self.routes = routes or default_routes()
        self.own_id = own_provider_id
        own = provider_name(own_provider_id, catalogue)
        who = member.given_names or member.full_name or "de cliënt"
        self.setWindowTitle(f"Eigen aanbieder van {who}: hoe gaat de zorg verder?")
        status = contract_status(
            own_provider_id,
            allocation.product_code,
            household.municipality_code,
            allocation.start,
            allocation.end,
            catalogue,
        )
        product = catalogue.products.get(allocation.product_code)
        product_words = product.name if product else allocation.product_code

        if status.is_valid:
            situation = (
                f"<p>{own} heeft een geldig contract voor <i>{product_words}</i> "
                f"{period_words(allocation.start, allocation.end)}. U kiest toch een andere aanbieder: "
                "leg vast waarom, en dat de cliënt daarmee instemt.</p>"
            )
        else:
            ended = [
                c.end
                for c in catalogue.contracts_of(own_provider_id)
                if c.product_code == allocation.product_code
                and c.municipality_code == household.municipality_code
                and c.end is not None
                and c.end < allocation.start
            ]
            history = f" Het laatste contract liep tot en met {date_words(max(ended))}." if ended else ""
            situation = (
                f"<p>{own} heeft geen geldig contract voor <i>{product_words}</i> "
                f"{period_words(allocation.start, allocation.end)} ({status.label.lower()}).{history}</p>"
            )
        intro = QLabel(
            f"<p><b>{who} krijgt nu zorg van {own}.</b></p>{situation}"
            "<p>Het programma kiest niet zelf een andere aanbieder. Kies samen met de cliënt hoe de zorg "
            "verder gaat. Deze keuze komt in de beschikking.</p>"
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        contracted = [
            c
            for c in rank_providers(
                allocation.product_code, allocation.start, allocation.end, household, catalogue, member=member
            )
            if c.status.is_valid and c.provider.id != own_provider_id
        ]
        self._contracted: list[ProviderChoice] = contracted

        self.group = QButtonGroup(self)
        self.radios: dict[ContinuityRoute, QRadioButton] = {}
        for spec in self.routes:
            rb = QRadioButton(spec.label)
            self.radios[spec.route] = rb
            self.group.addButton(rb)
            rb.toggled.connect(self._update)

        self.until = DateInput(lambda: self.today, required=True, accessible_name="Overbrugging tot en met")
        self.until.show_value(allocation.end)
        self.until.valueChanged.connect(self._update)

        self.main_provider = QComboBox()
        self.main_provider.setAccessibleName("Hoofdaannemer met contract")
        self.other_provider = QComboBox()
        self.other_provider.setAccessibleName("Andere aanbieder met contract")
        for combo in (self.main_provider, self.other_provider):
            combo.addItem("— kies een aanbieder met contract —", None)
            for c in contracted:
                weeks = "" if c.waiting_weeks is None else f", wachttijd {c.waiting_weeks} wk"
                combo.addItem(f"{c.provider.name}{weeks}", c.provider.id)
            combo.currentIndexChanged.connect(self._update)
        if preferred_provider_id:
            i = self.other_provider.findData(preferred_provider_id)
            if i >= 0:
                self.other_provider.setCurrentIndex(i)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reden voor een andere aanbieder")
        self.reason.setMaxLength(text_limits.LIMITS["Continuity", "reason"].maximum)
        self.reason.setPlaceholderText("Waarom niet bij de eigen aanbieder blijven?")
        self.reason.textChanged.connect(self._update)
        self.consent = QCheckBox("De cliënt stemt in met de andere aanbieder")
        self.consent.toggled.connect(self._update)
        self.pgb_note = QLabel(
            "De vorm van de toewijzing wordt pgb. Vul daarna het pgb-budget in."
            + (
                ""
                if self._accepts_pgb()
                else f" Let op: {own} staat niet bekend als aanbieder voor pgb-cliënten."
            )
        )
        self.pgb_note.setWordWrap(True)

        # One row per route, then the fields of what it needs (each field under the first route
        # that needs it).
        need_rows: dict[Need, tuple[str, QWidget]] = {
            Need.UNTIL: ("      tot en met:", self.until),
            Need.MAIN_PROVIDER: ("      hoofdaannemer:", self.main_provider),
            Need.OTHER_PROVIDER: ("      aanbieder:", self.other_provider),
            Need.REASON: ("      reden:", self.reason),
            Need.CONSENT: ("", self.consent),
        }
        self._need_widgets: dict[Need, QWidget] = {need: w for need, (_, w) in need_rows.items()}
        placed: set[Need] = set()
        form = QFormLayout()
        for spec in self.routes:
            form.addRow(self.radios[spec.route])
            if spec.pgb:
                form.addRow("", self.pgb_note)
            for need in spec.needs:
                if need not in placed:
                    placed.add(need)
                    form.addRow(*need_rows[need])
        for need, (_, widget) in need_rows.items():
            widget.setVisible(need in placed)

        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Wat ontbreekt nog")
        self.problem.setStyleSheet("color: #a4000f;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Route vastleggen")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

        if allocation.continuity is not None and allocation.continuity.own_provider_id == own_provider_id:
            self._load(allocation.continuity)
        elif preferred_provider_id and preferred_provider_id != own_provider_id:
            # The user picked another provider: the first route in which another provider delivers.
            other = next((s for s in self.routes if Need.OTHER_PROVIDER in s.needs), None)
            if other is not None:
                self.radios[other.route].setChecked(True)
        self._update()

    def _accepts_pgb(self) -> bool:
        p = self.catalogue.providers.get(self.own_id)
        return bool(p and p.accepts_pgb)

    def _load(self, c: Continuity) -> None:
        self.radios[c.route].setChecked(True)
        needs = self.routes[c.route].needs
        if c.until is not None:
            self.until.show_value(c.until)
        i = self.main_provider.findData(c.main_provider_id)
        if i >= 0:
            self.main_provider.setCurrentIndex(i)
        if Need.OTHER_PROVIDER in needs:
            i = self.other_provider.findData(self.allocation.provider_id)
            if i >= 0:
                self.other_provider.setCurrentIndex(i)
        if Need.REASON in needs:  # routes that do not ask for a reason keep theirs as it was
            self.reason.setText(c.reason)
        if Need.CONSENT in needs:
            self.consent.setChecked(c.client_consent)

    # --- state --------------------------------------------------------------------------------

    def route(self) -> ContinuityRoute | None:
        return next((r for r, rb in self.radios.items() if rb.isChecked()), None)

    def choose_route(self, route: ContinuityRoute) -> None:
        self.radios[route].setChecked(True)

    def set_until(self, d: date) -> None:
        self.until.set_value(d)

    def until_date(self) -> date | None:
        return self.until.value()

    def _input(self, route: ContinuityRoute) -> allocations.RouteInput:
        return allocations.RouteInput(
            route,
            until=self.until_date(),
            main_provider_id=self.main_provider.currentData(),
            other_provider_id=self.other_provider.currentData(),
            reason=self.reason.text(),
            consent=self.consent.isChecked(),
        )

    def _changes(self) -> allocations.Changes | None:
        route = self.route()
        if route is None:
            return None
        return allocations.route_changes(self.allocation, self.own_id, self._input(route), self.routes)

    def missing(self) -> str:
        """What is still missing for the chosen route, in Dutch (the planner's finding); "" when complete."""
        changes = self._changes()
        if changes is None:
            return self.routes.choose_route
        candidate = replace(self.allocation, **changes)
        found = continuity_findings(
            candidate, self.member, self.catalogue, self.household, self.routes, choosing=True
        )
        return next((f.message for f in found if f.is_error), "")

    def _update(self, *_args: object) -> None:
        if not hasattr(self, "buttons"):  # signals fired while the dialog is still being built
            return
        route = self.route()
        needs = self.routes[route].needs if route is not None else ()
        for need, widget in self._need_widgets.items():
            widget.setEnabled(need in needs)
        problem = self.missing()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _accept(self) -> None:
        if self.until.isEnabled() and not self.until.finish():  # typed and Enter pressed at once
            return
        if not self.missing():
            self.accept()

    def result_choice(self) -> allocations.Changes | None:
        """The allocation fields the chosen route implies (continuity, provider, form); None while
        incomplete."""
        if self.missing():
            return None
        return self._changes()

    def undo_text(self) -> str:
        route = self.route()
        return f"Route eigen aanbieder: {self.routes[route].undo}" if route is not None else ""
