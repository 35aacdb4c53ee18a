"""Instellingen: who signs the letters, the team, and the default municipality for new households."""

from __future__ import annotations

from typing import Any

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


class SettingsDialog(QDialog):
    def __init__(self, professional: Professional, reference: Any, parent: QWidget | None = None) -> None:
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
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def professional(self) -> Professional:
        return Professional(
            name=self.name.text(),
            role=self.role.text(),
            team=self.team.text(),
            default_municipality=self.municipality.currentData() or "",
        )
