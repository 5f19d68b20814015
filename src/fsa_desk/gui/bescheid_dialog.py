"""Recording a Bescheid: household, authority, kind, date of the letter, how it arrived.

The Frist is computed while the counsellor types, with the rule in one line ("Widerspruch:
1 Monat nach Bekanntgabe am … (Aufgabe zur Post … + 4 Tage)"), so a wrong date shows before it
is saved. A date that does not exist is refused with a German sentence and nothing is written.
Enter saves, Escape cancels.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
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

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.deadlines import (
    BescheidKind,
    Deadline,
    Delivery,
    compute_deadline,
    holiday_name,
)
from fsa_desk.forms.vereinbarung import weekday_name
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField, german
from fsa_desk.gui.household_picker import HouseholdPicker
from fsa_desk.i18n import _, language
from fsa_desk.services import consultation_entry
from fsa_desk.services.deadlines import BescheidInput, record_bescheid

# Suggestions only: any authority can be typed.
AUTHORITIES = (
    "Jobcenter Dresden",
    "Sozialamt Dresden",
    "Ausländerbehörde Dresden",
    "Bundesamt für Migration und Flüchtlinge (BAMF)",
    "Familienkasse Sachsen",
    "Wohngeldstelle Dresden",
    "Krankenkasse",
    "Verwaltungsgericht Dresden",
)


def delivery_labels() -> dict[Delivery, str]:
    return {
        Delivery.POST: _("by post (the date is the day it was posted)"),
        Delivery.UEBERGABE: _("handed over in person"),
        Delivery.ZUSTELLUNG: _("formally delivered (Zustellungsurkunde)"),
    }


def received_label(delivery: Delivery) -> str:
    return {
        Delivery.POST: _("Arrived &later on:"),
        Delivery.UEBERGABE: _("Handed over &on:"),
        Delivery.ZUSTELLUNG: _("Delivered &on:"),
    }[delivery]


@dataclass(frozen=True)
class Entered:
    """What the form holds, once every date in it exists."""

    kind: BescheidKind
    delivery: Delivery
    letter_date: date | None
    received_on: date | None
    expires_on: date | None


class BescheidDialog(QDialog):
    """``household_id`` preselects a household (e.g. the agenda's selected item)."""

    def __init__(
        self,
        context: AppContext,
        household_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(_("Record a decision (Bescheid)"))
        self.saved_deadline: Deadline | None = None
        self._build()
        self._connect()
        self._update_kind()
        if household_id is not None:
            self._load_household(household_id)
        # The holiday tables take a moment to load: let the worker pay for it, not the typing.
        context.runner.run(lambda: holiday_name(date.today()))

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.household = HouseholdPicker(self.context, self)
        self.kind = QComboBox(self)
        for code in code_list("bescheid_kinds"):
            self.kind.addItem(code.label(language()), code.code)
        self.authority = QComboBox(self)
        self.authority.setEditable(True)
        self.authority.addItems(AUTHORITIES)
        self.authority.setCurrentText("")
        self.authority.lineEdit().setPlaceholderText(_("e.g. Jobcenter Dresden"))
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(_("e.g. Aufhebungs- und Erstattungsbescheid"))
        self.letter_date = DateField(self)
        self.delivery = QComboBox(self)
        for delivery, label in delivery_labels().items():
            self.delivery.addItem(label, delivery.value)
        self.received_on = DateField(self, optional=True)
        self.received_on.setToolTip(
            _("Only if it demonstrably arrived later than the law assumes; otherwise leave empty.")
        )
        self.expires_on = DateField(self)
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("deadline")
        self.deadline_label.setStyleSheet("font-size: 12pt; font-weight: bold;")
        self.rule_label = QLabel(self)
        self.rule_label.setWordWrap(True)
        self.rule_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.received_caption = QLabel(self)
        self.received_caption.setBuddy(self.received_on)
        self.expires_caption = QLabel(_("E&xpires on:"), self)
        self.expires_caption.setBuddy(self.expires_on)
        for text, field in (
            (_("&Household:"), self.household),
            (_("&Kind of Frist:"), self.kind),
            (_("&Authority:"), self.authority),
            (_("&Subject:"), self.subject),
            (_("&Date of the letter:"), self.letter_date),
            (_("&How it arrived:"), self.delivery),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            self.form.addRow(label, field)
        self.form.addRow(self.received_caption, self.received_on)
        self.form.addRow(self.expires_caption, self.expires_on)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addSpacing(6)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 52)

    def _connect(self) -> None:
        for field in (self.letter_date, self.received_on, self.expires_on):
            field.textChanged.connect(self.update_deadline)
        self.kind.currentIndexChanged.connect(self._update_kind)
        self.delivery.currentIndexChanged.connect(self._update_kind)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _load_household(self, household_id: uuid.UUID) -> None:
        store = self.context.store
        self.context.runner.run(
            lambda: consultation_entry.household_choice(store, household_id),
            on_result=self.household.set_household,
            on_error=self.message.setText,
        )

    # --- the live Frist -------------------------------------------------------------------------

    def _update_kind(self, *_args: object) -> None:
        expiring = self._expiring()
        self.expires_on.setVisible(expiring)
        self.expires_caption.setVisible(expiring)
        # A title's expiry is what counts; the day it was issued may be unknown.
        self.letter_date.optional = expiring
        self.received_caption.setText(received_label(Delivery(self.delivery.currentData())))
        self.update_deadline()

    def _expiring(self) -> bool:
        kind = code_list("bescheid_kinds").get(self.kind.currentData())
        return kind.extra.get("deadline") == "expiry"

    def entered(self) -> Entered:
        """The form's dates; ``ValueError`` with a German sentence naming the field."""
        received = self.received_caption.text().replace("&", "").rstrip(":")
        return Entered(
            BescheidKind(self.kind.currentData()),
            Delivery(self.delivery.currentData()),
            _day(_("Date of the letter"), self.letter_date),
            _day(received, self.received_on),
            _day(_("Expires on"), self.expires_on) if self._expiring() else None,
        )

    def update_deadline(self, *_args: object) -> None:
        try:
            entered = self.entered()
            deadline = compute_deadline(
                entered.kind,
                entered.letter_date or entered.received_on or date.today(),
                entered.delivery,
                received_on=entered.received_on,
                expires_on=entered.expires_on,
            )
        except ValueError as problem:
            self.deadline_label.setText(_("Frist: not yet known"))
            self.rule_label.setText(str(problem))
            return
        self.deadline_label.setText(
            _("Frist ends on {weekday}, {day}").format(
                weekday=weekday_name(deadline.due), day=german(deadline.due)
            )
        )
        self.rule_label.setText(deadline.rule)

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        try:
            data = self._input()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        self.message.clear()
        self.buttons.setEnabled(False)
        store = self.context.store
        self.context.runner.run(
            lambda: record_bescheid(store, data),
            on_result=self._saved,
            on_error=self._failed,
        )

    def _input(self) -> BescheidInput:
        household_id = self.household.household_id
        if household_id is None:
            raise ValueError(_("Please choose the household from the list."))
        authority = " ".join(self.authority.currentText().split())
        if not authority:
            raise ValueError(_("Please name the authority that sent the decision."))
        entered = self.entered()
        subject = " ".join(self.subject.text().split()) or _default_subject(entered)
        return BescheidInput(
            household_id=household_id,
            authority=authority,
            subject=subject,
            kind=entered.kind.value,
            letter_date=entered.letter_date,
            delivery=entered.delivery.value,
            received_on=entered.received_on,
            expires_on=entered.expires_on,
        )

    def _saved(self, deadline: Deadline) -> None:
        self.saved_deadline = deadline
        self.context.changed(
            _("Decision recorded: the Frist ends on {day}.").format(day=german(deadline.due))
        )
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(message)


def _day(label: str, field: DateField) -> date | None:
    try:
        return field.date()
    except ValueError as problem:
        raise ValueError(f"{label}: {problem}") from None


def _default_subject(entered: Entered) -> str:
    if entered.letter_date is None:
        return code_list("bescheid_kinds").label(entered.kind.value, language())
    return _("Decision of {day}").format(day=german(entered.letter_date))
