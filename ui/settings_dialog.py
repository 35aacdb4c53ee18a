"""Instellingen: who signs the letters, the team, the default municipality for new households, and
(with a key store) the exchange keys, the office's key, the trusted senders and the catalogue's
version."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ui.settings import Professional

if TYPE_CHECKING:
    from ui.exchange_settings import ExchangeKeysBox
    from ui.shell.keys import KeyStore


class SettingsDialog(QDialog):
    def __init__(
        self,
        professional: Professional,
        reference: Any,
        parent: QWidget | None = None,
        *,
        keys: KeyStore | None = None,
        office_key: str = "",
        catalogue: tuple[str | None, str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Instellingen")
        intro = QLabel(
            "Uw naam en functie komen onder de brieven te staan (ondertekening namens het college)."
        )
        intro.setWordWrap(True)
        self.name = QLineEdit(professional.name)
        self.name.setAccessibleName("Uw naam")
        self.name.setPlaceholderText("Bijvoorbeeld: A. de Vries")
        self.role = QLineEdit(professional.role)
        self.role.setAccessibleName("Uw functie")
        self.role.setPlaceholderText("Bijvoorbeeld: toegangsprofessional")
        self.team = QLineEdit(professional.team)
        self.team.setAccessibleName("Team")
        self.team.setPlaceholderText("Bijvoorbeeld: Sociaal team Zutphen-Noord")
        self.municipality = QComboBox()
        self.municipality.setAccessibleName("Standaardgemeente")
        self.municipality.setToolTip(
            "De gemeente die een nieuw huishouden krijgt; u kunt die per huishouden wijzigen."
        )
        for m in reference.municipalities:
            self.municipality.addItem(f"{m.name} ({m.code})", m.code)
        index = self.municipality.findData(professional.default_municipality)
        self.municipality.setCurrentIndex(max(index, 0))
        form = QFormLayout()
        for label, widget in (
            ("&Naam:", self.name),
            ("&Functie:", self.role),
            ("&Team:", self.team),
            ("&Standaardgemeente:", self.municipality),
        ):
            lab = QLabel(label)
            lab.setBuddy(widget)
            form.addRow(lab, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        self.exchange: ExchangeKeysBox | None = None
        if keys is not None:
            from ui.exchange_settings import ExchangeKeysBox

            self.exchange = ExchangeKeysBox(keys, office_key, self)
            layout.addWidget(self.exchange)
        self.catalogue = QLabel()
        self.catalogue.setAccessibleName("Catalogus")
        if catalogue is not None:
            from ui.exchange_settings import catalogue_words

            self.catalogue.setText(catalogue_words(*catalogue))
            layout.addWidget(self.catalogue)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def accept(self) -> None:
        """A pasted office key that is not one keeps the dialog open with the Dutch message."""
        if self.exchange is not None:
            if not self.exchange.check():
                return
            self.exchange.apply()
        super().accept()

    def office_key(self) -> str:
        return self.exchange.office_key() if self.exchange is not None else ""

    def professional(self) -> Professional:
        return Professional(
            name=self.name.text(),
            role=self.role.text(),
            team=self.team.text(),
            default_municipality=self.municipality.currentData() or "",
        )
