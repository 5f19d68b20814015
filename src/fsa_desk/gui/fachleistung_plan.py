"""The Integrationsplan of one person, and its Auswertungsgespräch.

Goals are typed in the person's own words (any script) beside the professional's wording, with
the person's priority, who does what by when, and a status. Saving schedules the
Auswertungsgespräch about 8 weeks before the running Bewilligung ends; "Gespräch führen" records
it with both ratings per goal, what helped, and the client's differing view in their words.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField
from fsa_desk.gui.fachleistung_plan_models import (
    CLIENT,
    PROFESSIONAL,
    WHO,
    GoalsModel,
    RatingsModel,
)
from fsa_desk.i18n import _
from fsa_desk.services import fachleistung, integrationsplan
from fsa_desk.services.fachleistung import CaseOverview
from fsa_desk.services.integrationsplan import AuswertungInput, PlanInput, PlanView, RatingInput
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class Loaded:
    case: CaseOverview
    plan: PlanView | None


def load(store: Store, case_id: uuid.UUID, plan_id: uuid.UUID | None, today: date) -> Loaded:
    case = fachleistung.case_overview(store, case_id, today=today)
    plan = integrationsplan.get_plan(store, plan_id, today=today) if plan_id else None
    return Loaded(case, plan)


def edit_table(model: object, parent: QWidget, stretch: tuple[int, ...] = (0,)) -> QTableView:
    """An editable table whose text columns share the width and whose rows wrap."""
    table = QTableView(parent)
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.AnyKeyPressed
        | QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
    )
    table.setTabKeyNavigation(False)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return table


class IntegrationsplanDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        plan_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,  # tests fix the day
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.plan_id = plan_id
        self.clock = clock
        self.loaded: Loaded | None = None
        self.talk: AuswertungDialog | None = None
        self.setWindowTitle(_("Integrationsplan"))
        self._build()
        self._connect()
        self.reload()

    def _build(self) -> None:
        self.person = QComboBox(self)
        self.agreed_on = DateField(self, optional=True)
        self.review_on = DateField(self, optional=True)
        self.goals = GoalsModel(self)
        self.table = edit_table(self.goals, self, stretch=(CLIENT, PROFESSIONAL, WHO))
        self.table.setAccessibleName(_("Goals"))
        self.auswertung = QLabel(self)
        self.auswertung.setWordWrap(True)
        self.message = fmt.error_label(self)
        self.add_button = QPushButton(_("&Add goal"), self)
        self.add_button.setToolTip(_("A new goal (Ctrl+Ins)"))
        self.remove_button = QPushButton(_("&Remove goal"), self)
        self.save_button = QPushButton(_("&Save"), self)
        self.talk_button = QPushButton(_("&Hold the Auswertungsgespräch…"), self)
        self.close_button = QPushButton(_("Close"), self)
        for button in (
            self.add_button,
            self.remove_button,
            self.save_button,
            self.talk_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        form = QFormLayout()
        for label, editor in (
            (_("&For:"), self.person),
            (_("Agreed &on:"), self.agreed_on),
            (_("Re&view on:"), self.review_on),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(editor)
            form.addRow(caption, editor)
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in (self.talk_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        hint = QLabel(
            _("The goals as the person says them (any script), and as the professional puts them."),
            self,
        )
        hint.setStyleSheet(fmt.NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(rows)
        layout.addWidget(self.auswertung)
        layout.addLayout(buttons)
        self.resize(1100, 600)

    def _connect(self) -> None:
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+Ins"), self, activated=self.add_goal)
        self.add_button.clicked.connect(self.add_goal)
        self.remove_button.clicked.connect(self.remove_goal)
        self.save_button.clicked.connect(self.save)
        self.talk_button.clicked.connect(self.hold_talk)
        self.close_button.clicked.connect(self.reject)
        self.goals.invalid.connect(self.message.setText)

    def reload(self) -> None:
        store, case_id, plan_id, today = (
            self.context.store,
            self.case_id,
            self.plan_id,
            self.clock(),
        )
        self.context.runner.run(
            lambda: load(store, case_id, plan_id, today),
            on_result=self._show,
            on_error=self.message.setText,
        )

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        plan = loaded.plan
        self.person.clear()
        for person_id, name in loaded.case.persons:
            self.person.addItem(name, person_id)
        if plan is not None:
            fmt.select_data(self.person, plan.person_id)
        self.person.setEnabled(plan is None)
        self.agreed_on.set_date(plan.agreed_on if plan else self.clock())
        self.review_on.set_date(plan.review_on if plan else None)
        goals = tuple(g.as_input() for g in plan.goals) if plan else ()
        self.goals.set_goals(goals or (integrationsplan.GoalInput(),))
        self.auswertung.setText(_talk_text(plan))
        talk = plan.next_auswertung or plan.last_held if plan else None
        self.talk_button.setEnabled(talk is not None)
        self.table.setFocus()
        self.table.setCurrentIndex(self.goals.index(0, CLIENT))

    def add_goal(self) -> None:
        row = self.goals.rowCount()
        self.goals.insertRows(row, 1)
        self.table.setCurrentIndex(self.goals.index(row, CLIENT))
        self.table.edit(self.goals.index(row, CLIENT))

    def remove_goal(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.goals.removeRows(row, 1)

    def data(self) -> PlanInput:
        return PlanInput(self.goals.goals(), self.agreed_on.date(), self.review_on.date())

    def save(self) -> None:
        if self.loaded is None:
            return
        try:
            data = self.data()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        store, case_id, plan_id, today = (
            self.context.store,
            self.case_id,
            self.plan_id,
            self.clock(),
        )
        person_id = self.person.currentData()

        def write() -> uuid.UUID:
            if plan_id is None:
                return integrationsplan.create_plan(
                    store, person_id, data, case_id=case_id, today=today
                )
            integrationsplan.update_plan(store, plan_id, data, today=today)
            return plan_id

        def saved(new_id: uuid.UUID) -> None:
            self.plan_id = new_id
            self.message.clear()
            self.context.changed(_("Integrationsplan saved."))
            self.reload()

        self.context.runner.run(write, on_result=saved, on_error=self.message.setText)

    def hold_talk(self) -> None:
        plan = self.loaded.plan if self.loaded else None
        talk = (plan.next_auswertung or plan.last_held) if plan else None
        if plan is None or talk is None:
            return
        dialog = AuswertungDialog(self.context, plan, talk.id, self, clock=self.clock)
        dialog.accepted.connect(self.reload)
        self.talk = dialog
        dialog.open()


def _talk_text(plan: PlanView | None) -> str:
    if plan is None:
        return _(
            "Once saved, the Auswertungsgespräch is planned 8 weeks before the Bewilligung ends."
        )
    parts = []
    held = plan.last_held
    if held is not None and held.held_on is not None:
        parts.append(_("Last Auswertungsgespräch: {day}.").format(day=fmt.day(held.held_on)))
    upcoming = plan.next_auswertung
    if upcoming is not None and upcoming.scheduled_on is not None:
        parts.append(
            _("Next Auswertungsgespräch planned for {day}.").format(
                day=fmt.day(upcoming.scheduled_on)
            )
        )
    elif plan.suggested_auswertung is not None:
        parts.append(
            _("Suggested: {day} (8 weeks before the Bewilligung ends).").format(
                day=fmt.day(plan.suggested_auswertung)
            )
        )
    return " ".join(parts) or _("No Auswertungsgespräch planned: there is no running Bewilligung.")


class AuswertungDialog(QDialog):
    """Hold the Auswertungsgespräch: both ratings per goal, what helped, the client's view."""

    def __init__(
        self,
        context: AppContext,
        plan: PlanView,
        gespraech_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.gespraech_id = gespraech_id
        self.clock = clock
        self.setWindowTitle(_("Auswertungsgespräch with {name}").format(name=plan.person_name))
        talk = next(a for a in plan.auswertungen if a.id == gespraech_id)
        self.held_on = DateField(self)
        self.held_on.set_date(talk.held_on or clock())
        self.ratings = RatingsModel(self)
        self.ratings.set_ratings(
            [goal.text for goal in plan.goals],
            [_rating(talk.rating_of(goal.id), goal.id) for goal in plan.goals],
        )
        self.table = edit_table(self.ratings, self, stretch=(0, 3))
        self.table.setAccessibleName(_("Ratings per goal"))
        self.what_helped = QPlainTextEdit(talk.what_helped or "", self)
        self.differing = QPlainTextEdit(talk.client_differing_view or "", self)
        for text in (self.what_helped, self.differing):
            text.setTabChangesFocus(True)
            text.setMaximumHeight(110)
        self.message = fmt.error_label(self)
        self.ratings.invalid.connect(self.message.setText)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, editor in (
            (_("&Held on:"), self.held_on),
            (_("What &helped:"), self.what_helped),
            (_("The client's &own view, where it differs:"), self.differing),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(editor)
            form.addRow(caption, editor)
        save = QPushButton(_("&Save"), self)
        save.setAutoDefault(False)
        save.clicked.connect(self.save)
        cancel = QPushButton(_("Close"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(save)
        buttons.addWidget(cancel)
        hint = QLabel(_("1 not reached · 2 slightly · 3 largely · 4 reached"), self)
        hint.setStyleSheet(fmt.NOTE_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.resize(1000, 560)
        self.table.setFocus()
        self.table.setCurrentIndex(self.ratings.index(0, 1))

    def save(self) -> None:
        try:
            held = self.held_on.date()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        assert held is not None
        data = AuswertungInput(
            held,
            self.ratings.ratings(),
            self.what_helped.toPlainText(),
            self.differing.toPlainText(),
        )
        store, talk_id, today = self.context.store, self.gespraech_id, self.clock()

        def saved(_none: object) -> None:
            self.context.changed(_("Auswertungsgespräch recorded."))
            self.accept()

        self.context.runner.run(
            lambda: integrationsplan.record_auswertung(store, talk_id, data, today=today),
            on_result=saved,
            on_error=self.message.setText,
        )


def _rating(found: integrationsplan.RatingView | None, goal_id: uuid.UUID) -> RatingInput:
    if found is None:
        return RatingInput(goal_id)
    return RatingInput(goal_id, found.client_rating, found.counsellor_rating, found.comment)
