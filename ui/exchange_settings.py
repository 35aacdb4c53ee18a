"""Uitwisseling in the settings window: the user's own public keys (or "Sleutels maken", as
`keys init`), the office's public key (as `keys office`) and the trusted senders (as `keys trust`:
add with a name, remove). The list is written when the settings are saved, not before.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.dutch import date_words
from planner.exchange.envelope import is_recipient, signing_public_from
from ui.shell.keys import OWN_NAME, KeysError, KeyStore

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
BAD_OFFICE_KEY = (
    "De sleutel van het kantoor is niet geldig: die begint met 'age1' en is 62 tekens lang. "
    "Plak de openbare sleutel die het kantoor met 'trajectplanner keys show' ziet, of maak het veld leeg."
)
BAD_SENDER_KEY = (
    "Dit is geen ondertekeningssleutel: die begint met 'ed25519:'. Vraag de collega om de regel "
    "'ondertekening' uit 'trajectplanner keys show' (of uit zijn Instellingen) en plak die hier."
)
NO_SENDER_NAME = "Geef de collega een naam, zodat u ziet van wie een ingelezen bestand komt."


def catalogue_words(version: str | None, day: str | None) -> str:
    """ "Catalogus: versie 2027-02 van 1 februari 2027", or that none was read in yet."""
    if not version:
        return "Catalogus: nog geen catalogusbestand van het kantoor ingelezen."
    try:
        when = date_words(date.fromisoformat(day or ""))
    except ValueError:
        when = day or "onbekende datum"
    return f"Catalogus: versie {version} van {when}"


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ExchangeKeysBox(QGroupBox):
    def __init__(self, store: KeyStore, office_key: str, parent: QWidget | None = None) -> None:
        super().__init__("Uitwisseling van bestanden", parent)
        self.store = store
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #8a1c00")
        self.error.setAccessibleName("Melding uitwisseling")
        self.error.hide()

        self.recipient = QLineEdit()
        self.recipient.setReadOnly(True)
        self.recipient.setAccessibleName("Uw openbare sleutel voor versleutelen")
        self.signing = QLineEdit()
        self.signing.setReadOnly(True)
        self.signing.setAccessibleName("Uw ondertekeningssleutel")
        self.make_keys = QPushButton("Sleutels &maken")
        self.make_keys.setToolTip("Maakt uw sleutels, zoals 'trajectplanner keys init'.")
        self.make_keys.clicked.connect(self.create_keys)
        self.no_keys = QLabel(
            "U hebt nog geen sleutels. Maak ze om bestanden te ondertekenen en te ontvangen."
        )
        self.no_keys.setWordWrap(True)

        self.office = QLineEdit(office_key)
        self.office.setAccessibleName("Sleutel van het kantoor")
        self.office.setPlaceholderText("age1…")

        self.senders = QListWidget()
        self.senders.setAccessibleName("Vertrouwde afzenders")
        self.sender_name = QLineEdit()
        self.sender_name.setAccessibleName("Naam van de collega")
        self.sender_name.setPlaceholderText("Bijvoorbeeld: J. Jansen, Sociaal team Noord")
        self.sender_key = QLineEdit()
        self.sender_key.setAccessibleName("Ondertekeningssleutel van de collega")
        self.sender_key.setPlaceholderText("ed25519:…")
        self.sender_office = QCheckBox("Is het &kantoor (mag de catalogus sturen)")
        self.add = QPushButton("To&evoegen")
        self.add.clicked.connect(self.add_sender)
        self.remove = QPushButton("Ve&rwijderen")
        self.remove.clicked.connect(self.remove_sender)

        form = QFormLayout()
        form.addRow(_buddy("Uw sleutel voor &versleutelen (age):", self.recipient), self.recipient)
        form.addRow(_buddy("Uw &ondertekeningssleutel (ed25519):", self.signing), self.signing)
        form.addRow(self.no_keys, self.make_keys)
        form.addRow(_buddy("Openbare sleutel van het k&antoor:", self.office), self.office)
        form.addRow(_buddy("Vertrouwde afzen&ders:", self.senders), self.senders)
        form.addRow(_buddy("Naam &collega:", self.sender_name), self.sender_name)
        form.addRow(_buddy("Sleute&l collega:", self.sender_key), self.sender_key)
        row = QHBoxLayout()
        row.addWidget(self.sender_office)
        row.addStretch(1)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.show_keys()
        try:
            for name, key, office in store.senders():
                self._add_item(name, key, office)
        except KeysError as exc:
            self.say(str(exc))

    # --- own keys ---------------------------------------------------------------------------------

    def show_keys(self) -> None:
        have = self.store.exists()
        if have:
            try:
                public = self.store.public()
            except KeysError as exc:
                self.say(str(exc))
            else:
                self.recipient.setText(public.recipient)
                self.signing.setText(public.signing)
        self.make_keys.setVisible(not have)
        self.no_keys.setVisible(not have)

    def create_keys(self) -> None:
        try:
            self.store.init()
        except KeysError as exc:
            self.say(str(exc))
            return
        self.show_keys()
        self.say("")

    # --- trusted senders ------------------------------------------------------------------------

    def _add_item(self, name: str, key: str, office: bool) -> None:
        words = f"{name} (kantoor)" if office else name
        item = QListWidgetItem(f"{words} — {key}")
        item.setData(KEY_ROLE, (name, key, office))
        self.senders.addItem(item)

    def entries(self) -> list[tuple[str, str, bool]]:
        return [self.senders.item(i).data(KEY_ROLE) for i in range(self.senders.count())]

    def add_sender(self) -> None:
        key, name = self.sender_key.text().strip(), self.sender_name.text().strip()
        try:
            signing_public_from(key)
        except ValueError:
            self.say(BAD_SENDER_KEY)
            self.sender_key.setFocus()
            return
        if not name or name == OWN_NAME:
            self.say(NO_SENDER_NAME)
            self.sender_name.setFocus()
            return
        for i in reversed(range(self.senders.count())):  # a key added again replaces its entry
            if self.senders.item(i).data(KEY_ROLE)[1] == key:
                self.senders.takeItem(i)
        self._add_item(name, key, self.sender_office.isChecked())
        self.sender_key.clear()
        self.sender_name.clear()
        self.sender_office.setChecked(False)
        self.say("")

    def remove_sender(self) -> None:
        row = self.senders.currentRow()
        if row < 0:
            self.say("Kies eerst in de lijst de afzender die u wilt verwijderen.")
            return
        self.senders.takeItem(row)
        self.say("")

    # --- saving ---------------------------------------------------------------------------------

    def office_key(self) -> str:
        return self.office.text().strip()

    def check(self) -> bool:
        """The office key is valid (or empty); otherwise the Dutch message is shown."""
        if self.office_key() and not is_recipient(self.office_key()):
            self.say(BAD_OFFICE_KEY)
            self.office.setFocus()
            return False
        return True

    def apply(self) -> None:
        """Write the trusted senders as listed now (what was removed goes, what was added comes)."""
        wanted = {key: (name, office) for name, key, office in self.entries()}
        for _name, key, _office in self.store.senders():
            if key not in wanted:
                self.store.untrust(key)
        before = {key: (name, office) for name, key, office in self.store.senders()}
        for key, (name, office) in wanted.items():
            if before.get(key) != (name, office):
                self.store.trust(key, name, office=office)

    def say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
