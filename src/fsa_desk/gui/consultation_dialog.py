"""Quick consultation entry (Ctrl+N): one dialog to record or edit a Beratungskontakt by keyboard.

Enter saves from every field except the two multi-line ones (there Ctrl+Enter), Escape cancels.
Saving runs on the database worker; problems the service finds (a date in the future, more than
12 hours) appear in the message line and at their fields, and the dialog stays open with
nothing written. A successful save, edit or deletion goes on the undo stack.
"""

from __future__ import annotations

import itertools
import uuid

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fsa_desk.domain.validation import Problem, ValidationError
from fsa_desk.gui.consultation_fields import problems_as_result
from fsa_desk.gui.consultation_form import ConsultationForm
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.undo_commands import (
    DeleteConsultationCommand,
    RecordConsultationCommand,
    UpdateConsultationCommand,
)
from fsa_desk.i18n import _
from fsa_desk.services import consultation_entry, consultations
from fsa_desk.services.consultation_entry import EditableConsultation, LastContact
from fsa_desk.services.consultations import ConsultationInput, ConsultationSummary
from fsa_desk.store.store import Store

DELETED = 2  # dialog result after "Kontakt löschen"


def _write(
    store: Store, consultation_id: uuid.UUID | None, data: ConsultationInput
) -> ConsultationSummary:
    if consultation_id is None:
        return consultations.record_consultation(store, data)
    return consultations.update_consultation(store, consultation_id, data)


class ConsultationDialog(QDialog):
    """Record a new consultation, or with ``consultation_id`` edit (or delete) a stored one."""

    def __init__(
        self,
        context: AppContext,
        household_id: uuid.UUID | None,
        parent: QWidget | None = None,
        consultation_id: uuid.UUID | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.consultation_id = consultation_id
        self.saved: ConsultationSummary | None = None
        self._original: ConsultationInput | None = None
        self._busy = False
        editing = consultation_id is not None
        self.setWindowTitle(_("Edit consultation") if editing else _("New consultation"))
        self.form = ConsultationForm(context, self)
        self._build(editing)
        self._connect()
        # Wide enough for names in the persons table; low enough for a 1366×768 laptop.
        self.resize(max(self.sizeHint().width(), 980), max(self.sizeHint().height(), 660))
        self._start_loading(household_id)

    def _build(self, editing: bool) -> None:
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        self.like_last = QPushButton(_("Li&ke last contact"))
        self.like_last.setToolTip(
            _("Take contact type, duration, life areas and persons from the last contact")
        )
        self.delete_button = QPushButton(_("Dele&te consultation"))
        self.delete_button.setVisible(editing)
        self.save_button = QPushButton(_("&Save"))
        self.save_button.setToolTip(_("Enter saves; in the text boxes Ctrl+Enter"))
        self.cancel_button = QPushButton(_("Cancel"))
        for button in (self.like_last, self.delete_button, self.cancel_button):
            button.setAutoDefault(False)
        self.save_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.like_last)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        tail = (self.save_button, self.cancel_button, self.like_last, self.delete_button)
        for first, second in itertools.pairwise((self.form.tab_chain()[-1], *tail)):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.form.error.connect(self._show_message)
        self.form.household.household_changed.connect(
            lambda household_id: self.like_last.setEnabled(household_id is not None)
        )
        self.like_last.clicked.connect(self.fill_like_last_contact)
        self.delete_button.clicked.connect(self.delete)
        self.save_button.clicked.connect(self.save)
        self.cancel_button.clicked.connect(self.reject)
        for box in (self.form.agreements, self.form.note):
            box.installEventFilter(self)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=self.save)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Enter saves from the multi-line fields, where Enter starts a new line."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
                self.save()
                return True
        return super().eventFilter(watched, event)

    # --- loading --------------------------------------------------------------------------

    def _start_loading(self, household_id: uuid.UUID | None) -> None:
        store = self.context.store
        self.like_last.setEnabled(False)
        self.form.load_contact_minutes()
        if self.consultation_id is not None:
            consultation_id = self.consultation_id
            self.context.runner.run(
                lambda: consultation_entry.consultation_for_editing(store, consultation_id),
                on_result=self._fill_for_editing,
                on_error=self._show_message,
            )
        elif household_id is not None:
            self.context.runner.run(
                lambda: consultation_entry.household_choice(store, household_id),
                on_result=self.form.household.set_household,
                on_error=self._show_message,
            )
        first = self.form.household if household_id is None else self.form.date
        first.setFocus()

    def _fill_for_editing(self, editable: EditableConsultation) -> None:
        self._original = editable.input
        self.form.fill(editable)

    # --- "wie letzter Kontakt" ------------------------------------------------------------

    def fill_like_last_contact(self) -> None:
        household_id = self.form.household.household_id
        if household_id is None:
            return
        store, before = self.context.store, self.consultation_id
        self.context.runner.run(
            lambda: consultation_entry.last_contact(store, household_id, before=before),
            on_result=self._fill_from_last,
            on_error=self._show_message,
        )

    def _fill_from_last(self, last: LastContact | None) -> None:
        if last is None:
            self._show_message(_("This household has no earlier consultation."))
            return
        self.form.fill_like(last)
        self.context.status_message.emit(
            _("Filled in like the contact on {day}.").format(day=last.date.strftime("%d.%m.%Y"))
        )

    # --- saving and deleting --------------------------------------------------------------

    def save(self) -> None:
        if self._busy:
            return
        data = self.form.collect(self._original)
        if isinstance(data, list):
            self._show_problems(data)
            return
        self._set_busy(True)
        store, consultation_id = self.context.store, self.consultation_id
        self.context.runner.run(
            problems_as_result(lambda: _write(store, consultation_id, data)),
            on_result=lambda result: self._saved(result, data),
            on_error=self._failed,
        )

    def _saved(
        self, result: ConsultationSummary | ValidationError, data: ConsultationInput
    ) -> None:
        self._set_busy(False)
        if isinstance(result, ValidationError):
            self._show_problems(list(result.problems))
            return
        self.saved = result
        if self._original is None:
            self.context.undo_stack.push(RecordConsultationCommand(self.context, result.id))
        else:
            command = UpdateConsultationCommand(self.context, result.id, self._original, data)
            self.context.undo_stack.push(command)
        self.context.changed(_("Consultation saved"))
        self.accept()

    def delete(self) -> None:
        if self.consultation_id is None or self._busy:
            return
        self._set_busy(True)
        store, consultation_id = self.context.store, self.consultation_id
        self.context.runner.run(
            lambda: consultations.delete_consultation(store, consultation_id),
            on_result=lambda _none: self._deleted(consultation_id),
            on_error=self._failed,
        )

    def _deleted(self, consultation_id: uuid.UUID) -> None:
        self._set_busy(False)
        self.context.undo_stack.push(DeleteConsultationCommand(self.context, consultation_id))
        self.context.changed(_("Consultation deleted (Ctrl+Z brings it back)"))
        self.done(DELETED)

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._show_message(message)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy)

    def _show_problems(self, problems: list[Problem]) -> None:
        self.form.show_problems(problems)
        self._show_message("\n".join(problem.message for problem in problems))

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
