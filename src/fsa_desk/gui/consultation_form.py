"""The fields of a consultation and how they turn into a ``ConsultationInput`` and back.

The form knows the household's members, the default duration per contact type and how to show
a problem at its field; saving, deleting and undo belong to ``ConsultationDialog``.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.validation import Problem
from fsa_desk.gui.consultation_fields import (
    LifeAreaToggles,
    MembersModel,
    add_rows,
    combo,
    labelled,
    minutes_spin,
    select_code,
)
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField
from fsa_desk.gui.household_picker import HouseholdPicker
from fsa_desk.i18n import _
from fsa_desk.services import consultation_entry
from fsa_desk.services.consultation_entry import EditableConsultation, LastContact, Member
from fsa_desk.services.consultations import ConsultationInput

PROBLEM_TINT = QColor("#f9d6d5")  # a field to fix: tinted, not restyled (keeps the native look)


class ConsultationForm(QWidget):
    """Household, facts and life areas on the left; persons and texts on the right — read
    top to bottom, in tab order."""

    error = Signal(str)  # a load failed: the dialog shows the sentence

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._minutes: dict[str, int] | None = None  # shipped defaults until loaded
        self._pending_ticks: tuple[tuple[uuid.UUID, ...], tuple[uuid.UUID, ...]] | None = None
        self._filled = False  # showing a stored consultation: its duration is not a default
        self._build()
        self._lay_out()
        self._connect()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.household = HouseholdPicker(self.context)
        self.date = DateField()
        self.date.set_date(date.today())
        self.contact_type = combo(consultation_entry.choices("contact_types"))
        select_code(self.contact_type, consultation_entry.default_contact_type())
        self.duration = minutes_spin()
        self.duration.setValue(self._default_minutes())
        self._type_default = self.duration.value()
        self.travel = minutes_spin()
        self.outcome = combo(consultation_entry.choices("outcomes"))
        select_code(self.outcome, consultation_entry.default_outcome())
        self.sprachmittlung = combo(consultation_entry.choices("sprachmittlung"))
        self.language = combo(consultation_entry.choices("languages"), empty=_("– language –"))
        self.sprachmittlung_hint = QLabel()
        self.sprachmittlung_hint.setWordWrap(True)
        self.sprachmittlung_hint.setStyleSheet("color: #8a4b00;")
        self.follow_up = DateField(optional=True)
        self.follow_up.setPlaceholderText(_("DD.MM.YYYY (optional)"))
        self.agreements = _text_box(_("What was agreed: who does what by when, what to bring"))
        self.note = _text_box(_("Note for the file"))
        self.confidential = QCheckBox(_("confidenti&al (stays on this laptop)"))
        self.life_areas = LifeAreaToggles(consultation_entry.choices("life_areas"))
        self.members = MembersModel(self)
        self.members_view = _members_view(self.members)
        self.note_hidden = QLabel(_("The note is hidden in presentation mode."))
        self._update_sprachmittlung()

    def _lay_out(self) -> None:
        top = QFormLayout()
        top.addRow(labelled(_("&Household"), self.household), self.household)
        columns = QHBoxLayout()
        columns.addLayout(self._left_column(), 1)
        columns.addSpacing(8)
        columns.addLayout(self._right_column(), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(columns, 1)
        for first, second in itertools.pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def _left_column(self) -> QVBoxLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows = (
            (_("&Date"), self.date),
            (_("&Contact type"), self.contact_type),
            (_("D&uration"), self.duration),
            (_("T&ravel time"), self.travel),
            (_("&Outcome"), self.outcome),
            (_("&Interpreting"), self.sprachmittlung),
            (_("&Language"), self.language),
        )
        add_rows(form, rows)
        form.addRow("", self.sprachmittlung_hint)
        form.addRow(labelled(_("&Follow-up on"), self.follow_up), self.follow_up)
        # A mnemonic in a group box title moves the focus into the box.
        areas = QGroupBox(_("Life ar&eas"))
        QVBoxLayout(areas).addWidget(self.life_areas)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(areas)
        column.addStretch(1)
        return column

    def _right_column(self) -> QVBoxLayout:
        persons = QGroupBox(_("&Persons"))
        QVBoxLayout(persons).addWidget(self.members_view)
        column = QVBoxLayout()
        column.addWidget(persons, 2)
        column.addWidget(labelled(_("A&greements"), self.agreements))
        column.addWidget(self.agreements, 1)
        column.addWidget(labelled(_("&Note"), self.note))
        column.addWidget(self.note, 1)
        column.addWidget(self.note_hidden, 1)
        column.addWidget(self.confidential)
        self.note_hidden.hide()
        return column

    def tab_chain(self) -> tuple[QWidget, ...]:
        return (
            self.household,
            self.date,
            self.contact_type,
            self.duration,
            self.travel,
            self.outcome,
            self.sprachmittlung,
            self.language,
            self.follow_up,
            self.life_areas,
            self.members_view,
            self.agreements,
            self.note,
            self.confidential,
        )

    def _connect(self) -> None:
        self.household.household_changed.connect(self._household_changed)
        self.contact_type.currentIndexChanged.connect(self._contact_type_changed)
        self.sprachmittlung.currentIndexChanged.connect(self._update_sprachmittlung)
        for position, digit in enumerate("1234567890"):
            QShortcut(
                QKeySequence(f"Alt+{digit}"),
                self,
                activated=lambda p=position: self.life_areas.toggle(p),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self.context.presentation_changed.connect(self._presentation_changed)
        self._presentation_changed(self.context.presentation)

    # --- filling --------------------------------------------------------------------------

    def load_contact_minutes(self) -> None:
        """This installation's default durations (settings) replace the shipped ones."""
        store = self.context.store
        self.context.runner.run(
            lambda: consultation_entry.contact_minutes(store),
            on_result=self._set_minutes,
            on_error=self.error.emit,
        )

    def _set_minutes(self, minutes: dict[str, int]) -> None:
        untouched = self.duration.value() == self._type_default
        self._minutes = minutes
        self._type_default = self._default_minutes()
        if untouched and not self._filled:
            self.duration.setValue(self._type_default)

    def _default_minutes(self) -> int:
        return consultation_entry.default_minutes(self.contact_type.currentData(), self._minutes)

    def fill(self, editable: EditableConsultation) -> None:
        """Show a stored consultation; the persons are ticked once the members are loaded."""
        data = editable.input
        self._filled = True
        self._pending_ticks = (data.persons_present, data.persons_concerned)
        self.household.set_household(editable.household)
        self.date.set_date(data.date)
        self._fill_type_and_minutes(data.contact_type, data.duration_minutes, data.travel_minutes)
        select_code(self.outcome, data.outcome)
        select_code(self.sprachmittlung, data.sprachmittlung)
        select_code(self.language, data.sprachmittlung_language)
        self.follow_up.set_date(data.follow_up_on)
        self.agreements.setPlainText(data.agreements or "")
        self.note.setPlainText(data.note or "")
        self.confidential.setChecked(data.confidential)
        self.life_areas.set_selected(data.life_areas)

    def fill_like(self, last: LastContact) -> None:
        """ "Wie letzter Kontakt": type, minutes, life areas, persons and interpreting."""
        self._fill_type_and_minutes(last.contact_type, last.duration_minutes, last.travel_minutes)
        self.life_areas.set_selected(last.life_areas)
        self.members.set_ticks(last.persons_present, last.persons_concerned)
        select_code(self.sprachmittlung, last.sprachmittlung)
        select_code(self.language, last.sprachmittlung_language)

    def _fill_type_and_minutes(self, contact_type: str, duration: int, travel: int) -> None:
        select_code(self.contact_type, contact_type)
        self.duration.setValue(duration)
        self._type_default = self._default_minutes()
        self.travel.setValue(travel)

    def _household_changed(self, household_id: uuid.UUID | None) -> None:
        mark(self.household, None)
        if household_id is None:
            self.members.set_members([])
            return
        store, day = self.context.store, self._date_or_today()
        self.context.runner.run(
            lambda: consultation_entry.members(store, household_id, day),
            on_result=self._show_members,
            on_error=self.error.emit,
            key=f"consultation-members-{id(self)}",
        )

    def _show_members(self, members: list[Member]) -> None:
        present, concerned = self._pending_ticks or ((), ())
        if self._pending_ticks is None and len(members) == 1:
            present = concerned = (members[0].person_id,)  # a single person is the client
        self._pending_ticks = None
        self.members.set_members(members, present, concerned)
        if members:
            self.members_view.setCurrentIndex(self.members.index(0, MembersModel.PRESENT))

    def _date_or_today(self) -> date:
        try:
            return self.date.date() or date.today()
        except ValueError:
            return date.today()

    # --- reacting to input ----------------------------------------------------------------

    def _contact_type_changed(self) -> None:
        """The duration follows the contact type unless the counsellor changed it."""
        new_default = self._default_minutes()
        if self.duration.value() == self._type_default:
            self.duration.setValue(new_default)
        self._type_default = new_default

    def _update_sprachmittlung(self) -> None:
        self.language.setEnabled(self.sprachmittlung.currentData() != "keine")
        hint = self.sprachmittlung.currentData(Qt.ItemDataRole.ToolTipRole)
        self.sprachmittlung_hint.setText(hint or "")
        self.sprachmittlung_hint.setVisible(bool(hint))

    def _presentation_changed(self, on: bool) -> None:
        self.note.setVisible(not on)
        self.confidential.setVisible(not on)
        self.note_hidden.setVisible(on)

    # --- reading --------------------------------------------------------------------------

    def collect(self, original: ConsultationInput | None) -> ConsultationInput | list[Problem]:
        """The form as service input (over ``original`` when editing: its overrides and
        minutes per area stay), or the problems to fix first."""
        problems: list[Problem] = []
        household_id = self.household.household_id
        if household_id is None:
            problems.append(Problem("household", _("Please choose a household.")))
        day = _read_date(self.date, "date", problems)
        follow_up = _read_date(self.follow_up, "follow_up_on", problems)
        if problems or household_id is None or day is None:
            return problems
        language = self.language.currentData() if self.language.isEnabled() else None
        values = dict(
            household_id=household_id,
            date=day,
            duration_minutes=self.duration.value(),
            travel_minutes=self.travel.value(),
            contact_type=self.contact_type.currentData(),
            outcome=self.outcome.currentData(),
            life_areas=self.life_areas.selected(),
            persons_present=self.members.present(),
            persons_concerned=self.members.concerned(),
            sprachmittlung=self.sprachmittlung.currentData(),
            sprachmittlung_language=language,
            agreements=self.agreements.toPlainText().strip() or None,
            follow_up_on=follow_up,
            note=self.note.toPlainText().strip() or None,
            confidential=self.confidential.isChecked(),
        )
        if original is not None:
            return replace(original, **values)
        return ConsultationInput(**values)  # type: ignore[arg-type]

    def show_problems(self, problems: list[Problem]) -> None:
        """Frame the fields with a problem (its sentence as tooltip); focus the first."""
        fields = self._fields_by_name()
        for widget in fields.values():
            mark(widget, None)
        for problem in problems:
            if problem.field in fields:
                mark(fields[problem.field], problem.message)
        first = next((fields[p.field] for p in problems if p.field in fields), None)
        if first is not None:
            first.setFocus()

    def _fields_by_name(self) -> dict[str, QWidget]:
        """Problem field names (``domain/validation``) → the widget that shows the value."""
        return {
            "household": self.household,
            "date": self.date,
            "duration_minutes": self.duration,
            "travel_minutes": self.travel,
            "contact_type": self.contact_type,
            "outcome": self.outcome,
            "sprachmittlung": self.sprachmittlung,
            "life_areas": self.life_areas,
            "follow_up_on": self.follow_up,
            "persons": self.members_view,
        }


def _read_date(field: DateField, name: str, problems: list[Problem]) -> date | None:
    try:
        return field.date()
    except ValueError as error:
        problems.append(Problem(name, str(error)))
        return None


def mark(widget: QWidget, message: str | None) -> None:
    """A red tint and the problem as tooltip, or back to normal with ``None``."""
    invalid = message is not None
    if not invalid and not widget.property("invalid"):
        return
    widget.setProperty("invalid", invalid)
    widget.setToolTip(message or "")
    if not invalid:
        widget.setPalette(QPalette())  # nothing set: the inherited palette applies again
        return
    palette = widget.palette()
    for role in (QPalette.ColorRole.Base, QPalette.ColorRole.Button, QPalette.ColorRole.Window):
        palette.setColor(role, PROBLEM_TINT)
    widget.setPalette(palette)


def _text_box(placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(64)
    box.setMaximumHeight(110)
    return box


def _members_view(model: MembersModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setTabKeyNavigation(False)  # Tab leaves the table; arrows move, Space ticks
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(MembersModel.NAME, QHeaderView.ResizeMode.Stretch)
    for column in (MembersModel.PRESENT, MembersModel.CONCERNED):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    view.setMinimumSize(360, 90)
    return view
