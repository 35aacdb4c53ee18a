"""The editor beside the matrix: everything the plan records for one life area (domain.md §4.3, §4.6)."""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from planner.model import Distance, Goal, LifeAreaResult, ResultReached
from planner.services import life_areas as ops
from planner.services.changes import Changes, Kind
from planner.services.fields import GoalField, LifeAreaField
from ui.fields import Binding, ComboField, DateField, LadderBinding, MultiLineField, TextField
from ui.help import tip
from ui.labels import REACHED_WORDS
from ui.session import HouseholdSession


class GoalRow(QWidget):
    """One goal: text, target date, who, and a remove button."""

    def __init__(self, session: HouseholdSession, result_id: str, goal_id: str) -> None:
        super().__init__()
        self.session = session
        self.goal_id = goal_id
        self._result_id = result_id

        def goal() -> Goal | None:
            r = self._result()
            return next((g for g in r.goals if g.id == goal_id), None) if r else None

        self.text = TextField(
            session, Binding(goal, GoalField.TEXT, "Doel wijzigen"), plan_field=True, accessible_name="Doel"
        )
        self.text.setPlaceholderText("Wat gaat er gebeuren?")
        self.target = DateField(
            session,
            Binding(goal, GoalField.TARGET_DATE, "Streefdatum wijzigen"),
            plan_field=True,
            accessible_name="Streefdatum van het doel",
        )
        self.who = TextField(
            session,
            Binding(goal, GoalField.WHO, "Wie wijzigen"),
            plan_field=True,
            accessible_name="Wie doet het",
        )
        self.who.setPlaceholderText("Wie?")
        self.who.setMaximumWidth(110)
        self.text.setMinimumWidth(80)
        self.remove = QPushButton("×")
        self.remove.setFixedWidth(28)
        self.remove.setToolTip("Dit doel verwijderen")
        self.remove.setAccessibleName("Doel verwijderen")
        self.remove.clicked.connect(self._remove)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 3)
        layout.addWidget(self.target, 0)
        layout.addWidget(self.who, 1)
        layout.addWidget(self.remove)

    def focus_order(self) -> list[QWidget]:
        return [self.text, self.target, self.who, self.remove]

    def _result(self) -> LifeAreaResult | None:
        plan = self.session.plan
        return next((r for r in plan.life_areas if r.id == self._result_id), None) if plan else None

    def _remove(self) -> None:
        r, plan = self._result(), self.session.plan
        if r is not None and plan is not None and any(g.id == self.goal_id for g in r.goals):
            self.session.apply(ops.remove_goal(plan, r.id, self.goal_id))

    def refresh(self) -> None:
        for f in (self.text, self.target, self.who):
            f.refresh()
        self.remove.setEnabled(self.session.editable)


class LifeAreaEditor(QWidget):
    """Edits the life area whose id is `result_id`; empty when none is selected."""

    remove_requested = Signal(str)

    def __init__(self, session: HouseholdSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.result_id: str | None = None
        ref = session.reference
        r = self.result

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #555;")

        self.situation = MultiLineField(
            session,
            Binding(r, LifeAreaField.CURRENT_SITUATION, "Huidige situatie wijzigen"),
            plan_field=True,
            accessible_name="Huidige situatie",
        )
        self.situation.setToolTip(tip("huidige_situatie", ref))
        self.desired = MultiLineField(
            session,
            Binding(r, LifeAreaField.DESIRED_RESULT, "Gewenst resultaat wijzigen"),
            plan_field=True,
            accessible_name="Gewenst resultaat",
        )
        self.desired.setToolTip(tip("gewenst_resultaat", ref))
        self.distance = ComboField(
            session,
            Binding(r, LifeAreaField.DISTANCE, "Afstand wijzigen"),
            [("— kies de afstand", None)] + [(d.value, d) for d in Distance],
            plan_field=True,
            accessible_name="Afstand tot resultaat",
        )
        self.distance.setToolTip(tip("afstand", ref))

        self.members_box = QWidget()
        self.members_layout = QHBoxLayout(self.members_box)
        self.members_layout.setContentsMargins(0, 0, 0, 0)
        self.member_checks: dict[str, QCheckBox] = {}
        self.members_box.setToolTip(tip("betrokken_gezinsleden", ref))

        self.goals_box = QGroupBox("Doelen")
        self.goals_box.setToolTip(tip("doel", ref))
        self.goals_layout = QVBoxLayout(self.goals_box)
        self.goal_rows: list[GoalRow] = []
        self.add_goal = QPushButton("Doel toevoegen")
        self.add_goal.setAccessibleName("Doel toevoegen")
        self.add_goal.clicked.connect(self._add_goal)
        self.goals_layout.addWidget(self.add_goal, 0, Qt.AlignmentFlag.AlignLeft)

        self.ladder_box = QGroupBox("Verantwoordelijkheidsladder: wie doet wat?")
        self.ladder_box.setToolTip(tip("ladder", ref))
        ladder_grid = QGridLayout(self.ladder_box)
        self.ladder_fields: dict[object, TextField] = {}
        for i, rung in enumerate(ref.ladder_rungs):
            label = QLabel(f"{i + 1}. {rung.name}")
            label.setToolTip(rung.description)
            field = TextField(
                session,
                LadderBinding(r, rung.rung, f"{rung.name} wijzigen"),
                plan_field=True,
                accessible_name=f"Ladder: {rung.name}",
            )
            field.setToolTip(rung.description)
            field.setPlaceholderText("Wat doet deze trede? Of: niets, omdat …")
            label.setBuddy(field)
            ladder_grid.addWidget(label, i, 0)
            ladder_grid.addWidget(field, i, 1)
            self.ladder_fields[rung.rung] = field

        levels = [("— niet ingevuld", None)] + [
            (f"{lv.score} – {lv.name}", lv.score) for lv in ref.self_reliance_levels
        ]
        self.score_before = ComboField(
            session,
            Binding(r, LifeAreaField.SCORE_BEFORE, "Zelfredzaamheid (begin) wijzigen"),
            levels,
            plan_field=True,
            accessible_name="Zelfredzaamheid bij begin",
        )
        self.score_after = ComboField(
            session,
            Binding(r, LifeAreaField.SCORE_AFTER, "Zelfredzaamheid (eind) wijzigen"),
            levels,
            plan_field=True,
            accessible_name="Zelfredzaamheid aan het eind",
        )
        for c in (self.score_before, self.score_after):
            c.setToolTip(tip("zelfredzaamheid", ref))

        self.reached_box = QGroupBox("Herbeoordeling: is het resultaat van het vorige plan bereikt?")
        self.reached_box.setToolTip(tip("herbeoordeling", ref))
        reached_form = QFormLayout(self.reached_box)
        self.reached = ComboField(
            session,
            Binding(r, LifeAreaField.REACHED, "Herbeoordeling wijzigen"),
            [("— nog niet beoordeeld", None)] + [(w, v) for v, w in REACHED_WORDS.items()],
            plan_field=True,
            accessible_name="Resultaat bereikt",
        )
        self.reached_reason = TextField(
            session,
            Binding(r, LifeAreaField.REACHED_REASON, "Toelichting herbeoordeling wijzigen"),
            plan_field=True,
            accessible_name="Waarom",
        )
        reached_form.addRow("Bereikt:", self.reached)
        reached_form.addRow("Waarom:", self.reached_reason)

        self.remove = QPushButton("Leefgebied uit het plan halen")
        self.remove.setAccessibleName("Leefgebied uit het plan halen")
        self.remove.clicked.connect(self._remove)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self._label("&Huidige situatie:", self.situation, "huidige_situatie"), self.situation)
        form.addRow(self._label("&Gewenst resultaat:", self.desired, "gewenst_resultaat"), self.desired)
        form.addRow(self._label("&Afstand tot resultaat:", self.distance, "afstand"), self.distance)
        form.addRow(self._label("Betrokken gezinsleden:", None, "betrokken_gezinsleden"), self.members_box)
        scores = QHBoxLayout()
        scores.addWidget(QLabel("begin"))
        scores.addWidget(self.score_before, 1)
        scores.addWidget(QLabel("eind"))
        scores.addWidget(self.score_after, 1)
        form.addRow(self._label("Zelfredzaamheid:", None, "zelfredzaamheid"), scores)

        inner = QWidget()
        outer_col = QVBoxLayout(inner)
        self.content = QWidget()
        col = QVBoxLayout(self.content)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.description)
        col.addLayout(form)
        col.addWidget(self.goals_box)
        col.addWidget(self.ladder_box)
        col.addWidget(self.reached_box)
        col.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignRight)
        self.empty = QLabel(
            "Kies een leefgebied in de matrix, of voeg er een toe met de keuzelijst hierboven."
        )
        self.empty.setWordWrap(True)
        outer_col.addWidget(self.empty)
        outer_col.addWidget(self.content)
        outer_col.addStretch(1)
        self.inner = inner

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop: it scrolls to the focused field
        scroll.setHorizontalScrollBarPolicy(
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )  # wrap, never scroll sideways
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._fields = [
            self.situation,
            self.desired,
            self.distance,
            self.score_before,
            self.score_after,
            self.reached,
            self.reached_reason,
            *self.ladder_fields.values(),
        ]
        session.connect_changes(self._on_changes)
        self.refresh()

    def _label(self, text: str, buddy: QWidget | None, key: str) -> QLabel:
        label = QLabel(text)
        label.setToolTip(tip(key, self.session.reference))
        if buddy is not None:
            label.setBuddy(buddy)
        return label

    # --- what is edited -----------------------------------------------------------------------

    def result(self) -> LifeAreaResult | None:
        plan = self.session.plan
        if plan is None or self.result_id is None:
            return None
        return next((r for r in plan.life_areas if r.id == self.result_id), None)

    def show_result(self, result_id: str | None) -> None:
        if result_id != self.result_id:
            self.session.flush_pending()
            self.result_id = result_id
            self._rebuild_goals()
            self.refresh()

    def focus_row(self, row: int) -> None:
        """Put the cursor in the field that belongs to a matrix row."""
        target = {0: self.desired, 1: self.distance}.get(row)
        if target is None:
            target = next(iter(self.member_checks.values()), self.desired)
        target.setFocus()

    # --- edits --------------------------------------------------------------------------------

    def _add_goal(self) -> None:
        r, plan = self.result(), self.session.plan
        if r is None or plan is None:
            return
        self.session.apply(ops.add_goal(plan, r.id))
        if self.goal_rows:
            self.goal_rows[-1].text.setFocus()

    def _toggle_member(self, member_id: str, checked: bool) -> None:
        r = self.result()
        if r is None:
            return
        edit = ops.set_member_concerned(self.session.household, r, member_id, checked)
        self.session.apply(edit, initiator=self.member_checks.get(member_id))

    def _remove(self) -> None:
        r = self.result()
        plan = self.session.plan
        if r is not None and plan is not None:
            self.session.apply(ops.remove_life_area(plan, r.id))

    # --- refresh ------------------------------------------------------------------------------

    DEPENDS_ON = Kind.LIFE_AREAS | Kind.MEMBERS | Kind.PLAN | Kind.PLANS

    def _on_changes(self, changes: Changes, initiator: object) -> None:
        if not changes.touches(self.DEPENDS_ON):
            return
        if changes.kinds == Kind.LIFE_AREAS and self._made_here(initiator):
            return  # a field or box of this editor made it and already shows it; nothing here follows
        self.refresh()

    def _made_here(self, initiator: object) -> bool:
        return isinstance(initiator, QWidget) and self.isAncestorOf(initiator)

    def _rebuild_goals(self) -> None:
        for row in self.goal_rows:
            row.setParent(None)
            row.deleteLater()
        self.goal_rows = []
        r = self.result()
        if r is None:
            return
        for g in r.goals:
            row = GoalRow(self.session, r.id, g.id)
            self.goals_layout.insertWidget(len(self.goal_rows), row)
            self.goal_rows.append(row)

    def _rebuild_members(self) -> None:
        members = self.session.household.members
        if list(self.member_checks) == [m.id for m in members] and all(
            self.member_checks[m.id].text() == (m.given_names or "?") for m in members
        ):
            return
        for box in self.member_checks.values():
            box.setParent(None)
            box.deleteLater()
        self.member_checks = {}
        for m in members:
            box = QCheckBox(m.given_names or "?")
            box.setAccessibleName(f"Betrokken: {m.given_names}")
            box.clicked.connect(lambda checked, mid=m.id: self._toggle_member(mid, checked))
            self.members_layout.addWidget(box)
            self.member_checks[m.id] = box
        if not members:
            pass

    def _order_tabs(self) -> None:
        """Member boxes and goal rows are made later, so Qt puts them at the end of the Tab order;
        this puts them where they stand on screen."""
        chain: list[QWidget] = [
            self.situation,
            self.desired,
            self.distance,
            *self.member_checks.values(),
            self.score_before,
            self.score_after,
        ]
        for row in self.goal_rows:
            chain.extend(row.focus_order())
        chain += [self.add_goal, *self.ladder_fields.values(), self.reached, self.reached_reason, self.remove]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def refresh(self) -> None:
        r = self.result()
        has = r is not None
        self.empty.setVisible(not has)
        self.content.setVisible(has)
        plan = self.session.plan
        self.reached_box.setVisible(has and plan is not None and plan.previous_plan_id is not None)
        if r is None:
            self.title.setText("")
            return
        try:
            area = self.session.reference.life_area(r.life_area)
            self.title.setText(area.name)
            self.description.setText(area.description)
        except KeyError:
            self.title.setText(r.life_area)
        if [row.goal_id for row in self.goal_rows] != [g.id for g in r.goals]:
            self._rebuild_goals()
        self._rebuild_members()
        self._order_tabs()
        editable = self.session.editable
        for mid, box in self.member_checks.items():
            box.setChecked(mid in r.member_ids)
            box.setEnabled(editable)
        for f in self._fields:
            f.refresh()
        for row in self.goal_rows:
            row.refresh()
        self.add_goal.setEnabled(editable)
        self.remove.setEnabled(editable)


__all__ = ["LifeAreaEditor", "ResultReached"]
