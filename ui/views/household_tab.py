"""Huishouden: address, municipality, members (with a live BSN check) and the safety signal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.adulthood import member_law
from planner.bsn import bsn_problem, clean_bsn, mask_bsn
from planner.model import Member
from planner.periods import age_on
from planner.postcode import normalise_postcode
from planner.services.changes import Changes, Kind
from planner.services.fields import HouseholdField, MemberField, PlanField
from planner.services.household import add_member, remove_member
from ui.fields import Binding, CheckField, ComboField, DateField, MultiLineField, TextField
from ui.help import tip
from ui.labels import ROLE_WORDS, law_words
from ui.session import HouseholdSession

COLUMNS = ("Naam", "Geboortedatum", "Rol", "BSN", "Brieven")
AnyIndex = QModelIndex | QPersistentModelIndex


class MembersModel(QAbstractTableModel):
    """The members as a read-only table; editing happens in the form beside it."""

    def __init__(self, session: HouseholdSession) -> None:
        super().__init__(session)
        self.session = session
        self._ids = [m.id for m in session.household.members]
        session.connect_changes(self._on_changes)

    def members(self) -> list[Member]:
        return self.session.household.members

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Kind.MEMBERS):
            self.refresh()

    def refresh(self) -> None:
        ids = [m.id for m in self.members()]
        if ids != self._ids:
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
        elif ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(ids) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.members()):
            return None
        m = self.members()[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            col = index.column()
            if col == 0:
                return m.full_name or "(nog geen naam)"
            if col == 1:
                if m.birth_date is None:
                    return "—"
                from planner.periods import age_on

                return f"{m.birth_date:%d-%m-%Y} ({age_on(m.birth_date, self.session.today)} jaar)"
            if col == 2:
                return ROLE_WORDS[m.role]
            if col == 3:
                return mask_bsn(m.bsn) if m.bsn else "—"
            if col == 4:
                return "ja" if m.receives_letters else "nee"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return "Het BSN staat voluit in het formulier; hier ziet u alleen de laatste cijfers."
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None


class HouseholdTab(QWidget):
    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        ref = session.reference
        hh = lambda: session.household  # noqa: E731

        # --- address and municipality ---
        self.street = TextField(
            session, Binding(hh, HouseholdField.STREET, "Straat wijzigen"), accessible_name="Straat"
        )
        self.house_number = TextField(
            session,
            Binding(hh, HouseholdField.HOUSE_NUMBER, "Huisnummer wijzigen"),
            accessible_name="Huisnummer",
        )
        self.house_number.setMaximumWidth(90)
        self.postcode = TextField(
            session,
            Binding(hh, HouseholdField.POSTCODE, "Postcode wijzigen", to_model=normalise_postcode),
            accessible_name="Postcode",
        )
        self.postcode.setMaximumWidth(90)
        self.postcode.setPlaceholderText("1234 AB")
        self.city = TextField(
            session, Binding(hh, HouseholdField.CITY, "Plaats wijzigen"), accessible_name="Plaats"
        )
        self.municipality = ComboField(
            session,
            Binding(hh, HouseholdField.MUNICIPALITY, "Gemeente wijzigen"),
            [(f"{m.name} ({m.code})", m.code) for m in ref.municipalities],
            accessible_name="Gemeente",
        )
        self.municipality.setToolTip(tip("gemeente", ref))
        self.case_number = QLabel()
        self.case_number.setToolTip(tip("dossiernummer", ref))
        self.case_number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        address = QGroupBox("Adres")
        af = QFormLayout(address)
        af.addRow("Dossiernummer:", self.case_number)
        street_row = QHBoxLayout()
        street_row.addWidget(self.street, 1)
        street_row.addWidget(self.house_number)
        af.addRow(self._label("&Straat en nummer:", self.street), street_row)
        pc_row = QHBoxLayout()
        pc_row.addWidget(self.postcode)
        pc_row.addWidget(self.city, 1)
        af.addRow(self._label("&Postcode en plaats:", self.postcode), pc_row)
        af.addRow(self._label("&Gemeente:", self.municipality, "gemeente"), self.municipality)

        # --- safety ---
        self.safety = CheckField(
            session,
            Binding(hh, HouseholdField.SAFETY_SIGNAL, "Veiligheidssignaal wijzigen"),
            "Er is een zorg over de veiligheid",
        )
        self.safety.setToolTip(tip("veiligheid", ref))
        self.safety_note = MultiLineField(
            session,
            Binding(hh, HouseholdField.SAFETY_NOTE, "Notitie veiligheid wijzigen"),
            accessible_name="Notitie veiligheid",
            lines=2,
        )
        self.safety_assessment = MultiLineField(
            session,
            Binding(lambda: session.plan, PlanField.SAFETY_ASSESSMENT, "Veiligheidstaxatie wijzigen"),
            plan_field=True,
            accessible_name="Veiligheidstaxatie",
            lines=3,
        )
        self.safety_assessment.setToolTip(tip("veiligheidstaxatie", ref))
        safety = QGroupBox("Veiligheid")
        sf = QFormLayout(safety)
        sf.addRow(self.safety)
        sf.addRow(self._label("&Notitie:", self.safety_note), self.safety_note)
        sf.addRow(
            self._label("V&eiligheidstaxatie:", self.safety_assessment, "veiligheidstaxatie"),
            self.safety_assessment,
        )

        left = QVBoxLayout()
        left.addWidget(address)
        left.addWidget(safety)
        left.addStretch(1)

        # --- members ---
        self.members_model = MembersModel(session)
        self.members = QTableView()
        self.members.setModel(self.members_model)
        self.members.setAccessibleName("Gezinsleden")
        self.members.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.members.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.members.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.members.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.members.verticalHeader().hide()
        self.members.setTabKeyNavigation(False)  # arrows move between members; Tab goes on to the form
        self.members.setMaximumHeight(170)
        self.members.selectionModel().currentRowChanged.connect(self._row_changed)
        self.members_model.modelReset.connect(self._reselect)
        self.add_member = QPushButton("Gezinslid &toevoegen")
        self.add_member.setAccessibleName("Gezinslid toevoegen")
        self.add_member.clicked.connect(self.add_new_member)
        self.remove_member = QPushButton("Gezinslid verwijderen")
        self.remove_member.setAccessibleName("Gezinslid verwijderen")
        self.remove_member.clicked.connect(self._remove_member)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_member)
        buttons.addWidget(self.remove_member)
        buttons.addStretch(1)

        self.member_id: str | None = None
        mem = self.member
        self.given_names = TextField(
            session, Binding(mem, MemberField.GIVEN_NAMES, "Voornamen wijzigen"), accessible_name="Voornamen"
        )
        self.initials = TextField(
            session, Binding(mem, MemberField.INITIALS, "Voorletters wijzigen"), accessible_name="Voorletters"
        )
        self.initials.setMaximumWidth(80)
        self.prefix = TextField(
            session,
            Binding(mem, MemberField.SURNAME_PREFIX, "Voorvoegsel wijzigen"),
            accessible_name="Voorvoegsel",
        )
        self.prefix.setMaximumWidth(80)
        self.prefix.setPlaceholderText("van, de")
        self.surname = TextField(
            session, Binding(mem, MemberField.SURNAME, "Achternaam wijzigen"), accessible_name="Achternaam"
        )
        self.bsn = TextField(
            session,
            Binding(
                mem,
                MemberField.BSN,
                "BSN wijzigen",
                to_model=lambda s: clean_bsn(s) or None,
                from_model=lambda v: v or "",
            ),
            accessible_name="BSN",
        )
        self.bsn.setToolTip(tip("bsn", ref))
        self.bsn.setMaximumWidth(130)
        self.bsn_status = QLabel()
        self.bsn_status.setAccessibleName("Controle BSN")
        self.bsn.textChanged.connect(self._check_bsn)
        self.birth = DateField(
            session,
            Binding(mem, MemberField.BIRTH_DATE, "Geboortedatum wijzigen"),
            accessible_name="Geboortedatum",
            past=True,
        )
        self.age = QLabel()
        self.role = ComboField(
            session,
            Binding(mem, MemberField.ROLE, "Rol wijzigen"),
            [(w, r) for r, w in ROLE_WORDS.items()],
            accessible_name="Rol",
        )
        self.role.setToolTip(tip("rol", ref))
        self.salutation = TextField(
            session, Binding(mem, MemberField.SALUTATION, "Aanhef wijzigen"), accessible_name="Aanhef"
        )
        self.salutation.setToolTip(tip("aanhef", ref))
        self.salutation.setPlaceholderText("Geachte mevrouw Jansen")
        self.letters = CheckField(
            session, Binding(mem, MemberField.RECEIVES_LETTERS, "Brieven wijzigen"), "Ontvangt de brieven"
        )
        self.letters.setToolTip(tip("ontvangt_brieven", ref))

        self.member_form = QGroupBox("Gezinslid")
        mf = QFormLayout(self.member_form)
        mf.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_row = QHBoxLayout()
        name_row.addWidget(self.given_names, 1)
        name_row.addWidget(QLabel("voorletters"))
        name_row.addWidget(self.initials)
        mf.addRow(self._label("&Voornamen:", self.given_names), name_row)
        sur_row = QHBoxLayout()
        sur_row.addWidget(self.prefix)
        sur_row.addWidget(self.surname, 1)
        mf.addRow(self._label("&Achternaam:", self.prefix), sur_row)
        bsn_row = QHBoxLayout()
        bsn_row.addWidget(self.bsn)
        bsn_row.addWidget(self.bsn_status, 1)
        mf.addRow(self._label("&BSN:", self.bsn, "bsn"), bsn_row)
        birth_row = QHBoxLayout()
        birth_row.addWidget(self.birth)
        birth_row.addWidget(self.age, 1)
        mf.addRow(self._label("Geboorte&datum:", self.birth), birth_row)
        mf.addRow(self._label("&Rol:", self.role, "rol"), self.role)
        mf.addRow(self._label("Aan&hef:", self.salutation, "aanhef"), self.salutation)
        mf.addRow(self.letters)
        self._member_fields = [
            self.given_names,
            self.initials,
            self.prefix,
            self.surname,
            self.bsn,
            self.birth,
            self.role,
            self.salutation,
            self.letters,
        ]

        right = QVBoxLayout()
        members_title = QLabel("<b>Gezinsleden</b>")
        right.addWidget(members_title)
        right.addWidget(self.members)
        right.addLayout(buttons)
        right.addWidget(self.member_form)
        right.addStretch(1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        for a, b in zip(self._member_fields, self._member_fields[1:], strict=False):
            QWidget.setTabOrder(a, b)

        session.connect_changes(self._on_changes)
        self.refresh()
        if session.household.members:
            self.select_member(session.household.members[0].id)

    def _label(self, text: str, buddy: QWidget, key: str | None = None) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        if key:
            label.setToolTip(tip(key, self.session.reference))
        return label

    # --- members ------------------------------------------------------------------------------

    def member(self) -> Member | None:
        if self.member_id is None:
            return None
        try:
            return self.session.household.member(self.member_id)
        except KeyError:
            return None

    def select_member(self, member_id: str) -> None:
        ids = [m.id for m in self.session.household.members]
        if member_id in ids:
            self.member_id = member_id
            self.members.selectionModel().setCurrentIndex(
                self.members_model.index(ids.index(member_id), 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.refresh()

    def show_subject(self, _kind: str, member_id: str | None) -> None:
        """Navigation: the member a finding is about, with the cursor in the form."""
        if member_id:
            self.select_member(member_id)
        self.given_names.setFocus()

    def _row_changed(self, current: QModelIndex, _prev: QModelIndex) -> None:
        members = self.session.household.members
        new_id = members[current.row()].id if current.isValid() and current.row() < len(members) else None
        if new_id != self.member_id:
            self.session.flush_pending()
            self.member_id = new_id
            self.refresh()

    def _reselect(self) -> None:
        members = self.session.household.members
        if self.member_id and any(m.id == self.member_id for m in members):
            self.select_member(self.member_id)
        elif members:
            self.select_member(members[-1].id)
        else:
            self.member_id = None
            self.refresh()

    def add_new_member(self) -> None:
        hh = self.session.household
        member = Member(given_names="", surname="", birth_date=None)
        self.member_id = member.id
        self.session.apply(add_member(hh, member))
        self.select_member(member.id)
        self.given_names.setFocus()

    def _remove_member(self) -> None:
        m = self.member()
        if m is None:
            return
        who = m.full_name or "dit gezinslid"
        answer = QMessageBox.question(
            self,
            "Gezinslid verwijderen",
            f"{who} verwijderen uit dit huishouden? Ongedaan maken kan daarna met Ctrl+Z.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.apply(remove_member(self.session.household, m.id))

    def _check_bsn(self, text: str) -> None:
        problem = bsn_problem(text)
        if problem:
            self.bsn_status.setText(f"⚠ {problem}")
            self.bsn_status.setStyleSheet("color: #a4000f;")
        elif clean_bsn(text):
            self.bsn_status.setText("✓ BSN klopt")
            self.bsn_status.setStyleSheet("color: #1d6b1d;")
        else:
            self.bsn_status.setText("Leeg: alleen voor een pasgeborene zonder BSN.")
            self.bsn_status.setStyleSheet("color: #555;")

    # --- refresh ------------------------------------------------------------------------------

    DEPENDS_ON = Kind.HOUSEHOLD | Kind.MEMBERS | Kind.PLAN | Kind.PLANS

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        # Not skipped when one of its own fields made the edit: the member's title, age and
        # BSN check beside the fields follow the value.
        if changes.touches(self.DEPENDS_ON):
            self.refresh()

    def refresh(self) -> None:
        hh = self.session.household
        self.case_number.setText(hh.case_number)
        for f in (
            self.street,
            self.house_number,
            self.postcode,
            self.city,
            self.municipality,
            self.safety,
            self.safety_note,
            self.safety_assessment,
        ):
            f.refresh()
        m = self.member()
        self.member_form.setEnabled(m is not None)
        self.member_form.setTitle(f"Gezinslid: {m.full_name}" if m and m.full_name else "Gezinslid")
        self.remove_member.setEnabled(m is not None)
        for f in self._member_fields:
            f.refresh()
        self._check_bsn(self.bsn.text())
        if m is not None and m.birth_date is not None:
            age = age_on(m.birth_date, self.session.today)
            law = member_law(m, self.session.today, self.session.reference.terms.adult_age)
            self.age.setText(f"{age} jaar · valt nu onder de {law_words(law)}")
        else:
            self.age.setText("")
