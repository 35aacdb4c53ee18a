"""Eigen aanbieder zonder geldig contract: choose, with the client, how care continues (domain.md §4.7).

Four routes, none of which silently substitutes the own provider: a bridging agreement until a
date, subcontracting under a contracted main provider, a pgb, or another contracted provider with
the reason and the client's consent. OK stays disabled until the chosen route is complete; the
missing piece is said in words.
"""

from __future__ import annotations

from dataclasses import dataclass
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

from planner.catalogue import Catalogue
from planner.dutch import date_words, period_words
from planner.model import Allocation, Continuity, ContinuityRoute, Form, Household, Member
from planner.providers import ProviderChoice, contract_status, provider_name, rank_providers
from ui.date_input import DateInput

ROUTE_WORDS = {
    ContinuityRoute.BRIDGING: "Overbruggingsovereenkomst met de eigen aanbieder",
    ContinuityRoute.SUBCONTRACTING: (
        "Onderaanneming: de eigen aanbieder werkt onder een aanbieder met contract"
    ),
    ContinuityRoute.PGB: "Pgb: de cliënt koopt de zorg zelf in bij de eigen aanbieder",
    ContinuityRoute.OTHER_PROVIDER: "Een andere aanbieder met contract (met reden en toestemming)",
}


@dataclass(frozen=True, slots=True)
class ContinuityChoice:
    """What the dialog decided: the route and the allocation fields that go with it."""

    continuity: Continuity
    provider_id: str | None
    form: Form


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
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.today = today or date.today()
        self.allocation = allocation
        self.member = member
        self.catalogue = catalogue
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
        for route in ContinuityRoute:
            rb = QRadioButton(ROUTE_WORDS[route])
            self.radios[route] = rb
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

        form = QFormLayout()
        form.addRow(self.radios[ContinuityRoute.BRIDGING])
        form.addRow("      tot en met:", self.until)
        form.addRow(self.radios[ContinuityRoute.SUBCONTRACTING])
        form.addRow("      hoofdaannemer:", self.main_provider)
        form.addRow(self.radios[ContinuityRoute.PGB])
        form.addRow("", self.pgb_note)
        form.addRow(self.radios[ContinuityRoute.OTHER_PROVIDER])
        form.addRow("      aanbieder:", self.other_provider)
        form.addRow("      reden:", self.reason)
        form.addRow("", self.consent)

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
            self.radios[ContinuityRoute.OTHER_PROVIDER].setChecked(True)
        self._update()

    def _accepts_pgb(self) -> bool:
        p = self.catalogue.providers.get(self.own_id)
        return bool(p and p.accepts_pgb)

    def _load(self, c: Continuity) -> None:
        self.radios[c.route].setChecked(True)
        if c.until is not None:
            self.until.show_value(c.until)
        for combo, pid in ((self.main_provider, c.main_provider_id),):
            i = combo.findData(pid)
            if i >= 0:
                combo.setCurrentIndex(i)
        if c.route is ContinuityRoute.OTHER_PROVIDER:
            i = self.other_provider.findData(self.allocation.provider_id)
            if i >= 0:
                self.other_provider.setCurrentIndex(i)
        if c.route is ContinuityRoute.OTHER_PROVIDER:  # other routes keep their reason as it was
            self.reason.setText(c.reason)
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

    def missing(self) -> str:
        """What is still missing for the chosen route, in Dutch; "" when complete."""
        route = self.route()
        if route is None:
            return "Kies een van de vier routes."
        until = self.until_date()
        if route is ContinuityRoute.BRIDGING and until is None:
            return "Vul in tot en met welke dag de overbrugging loopt."
        if route is ContinuityRoute.BRIDGING and until is not None and until < self.allocation.start:
            return (
                f"De overbrugging moet op of na de startdatum ({date_words(self.allocation.start)}) eindigen."
            )
        if route is ContinuityRoute.SUBCONTRACTING and self.main_provider.currentData() is None:
            return (
                "Kies de hoofdaannemer met contract."
                if self._contracted
                else (
                    "Er is geen aanbieder met een contract voor dit product over de hele periode. "
                    "Kies een andere route."
                )
            )
        if route is ContinuityRoute.OTHER_PROVIDER:
            if self.other_provider.currentData() is None:
                return "Kies de andere aanbieder met contract."
            if not self.reason.text().strip():
                return "Schrijf op waarom de cliënt niet bij de eigen aanbieder blijft."
            if not self.consent.isChecked():
                return "Vink aan dat de cliënt instemt met de andere aanbieder."
        return ""

    def _update(self, *_args: object) -> None:
        if not hasattr(self, "buttons"):  # signals fired while the dialog is still being built
            return
        route = self.route()
        self.until.setEnabled(route is ContinuityRoute.BRIDGING)
        self.main_provider.setEnabled(route is ContinuityRoute.SUBCONTRACTING)
        other = route is ContinuityRoute.OTHER_PROVIDER
        for w in (self.other_provider, self.reason, self.consent):
            w.setEnabled(other)
        problem = self.missing()
        self.problem.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _accept(self) -> None:
        if self.until.isEnabled() and not self.until.finish():  # typed and Enter pressed at once
            return
        if not self.missing():
            self.accept()

    def result_choice(self) -> ContinuityChoice | None:
        """The chosen route with the allocation fields it implies; None while incomplete."""
        if self.missing():
            return None
        route = self.route()
        assert route is not None
        a = self.allocation
        prior = a.continuity
        kept = prior.reason if prior is not None and prior.route is route else ""
        if route is ContinuityRoute.BRIDGING:
            c = Continuity(route, self.own_id, until=self.until_date(), reason=kept)
            return ContinuityChoice(c, self.own_id, Form.IN_KIND)
        if route is ContinuityRoute.SUBCONTRACTING:
            c = Continuity(route, self.own_id, main_provider_id=self.main_provider.currentData(), reason=kept)
            return ContinuityChoice(c, self.own_id, Form.IN_KIND)
        if route is ContinuityRoute.PGB:
            return ContinuityChoice(Continuity(route, self.own_id, reason=kept), None, Form.PGB)
        c = Continuity(route, self.own_id, reason=self.reason.text().strip(), client_consent=True)
        return ContinuityChoice(
            c, self.other_provider.currentData(), a.form if a.form is Form.IN_KIND else Form.IN_KIND
        )
