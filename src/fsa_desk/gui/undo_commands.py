"""Undoable writes for ``context.undo_stack``: consultations and office-hours entries.

Every command is pushed *after* its first write succeeded (the dialog saves, shows validation
problems if any, and pushes only on success), so a command never stands on the stack for
something that did not happen. Later redo/undo calls run the services on the database worker
and then announce the change. Deletions are tombstones, so undoing one restores the same
record with the same id — nothing is recreated.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _
from fsa_desk.services import consultations, office_hours
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.office_hours import EntryRef


class _StoreCommand(QUndoCommand):
    """Runs one service call per direction; the first redo is skipped (already written)."""

    def __init__(self, context: AppContext, text: str, *, done: bool) -> None:
        super().__init__(text)
        self.context = context
        self._skip_redo = done

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self.forward, self.redo_message())

    def undo(self) -> None:
        self._run(self.backward, _("Undone: {action}").format(action=self.text()))

    def forward(self) -> None:
        raise NotImplementedError

    def backward(self) -> None:
        raise NotImplementedError

    def redo_message(self) -> str:
        return _("Redone: {action}").format(action=self.text())

    def _run(self, work: Callable[[], None], message: str) -> None:
        self.context.runner.run(
            work,
            on_result=lambda _result: self.context.changed(message),
            on_error=self.context.status_message.emit,
        )


class RecordConsultationCommand(_StoreCommand):
    """A new consultation: undo deletes it, redo brings the same record back."""

    def __init__(self, context: AppContext, consultation_id: uuid.UUID, *, done: bool = True):
        super().__init__(context, _("Record consultation"), done=done)
        self.consultation_id = consultation_id

    def forward(self) -> None:
        consultations.restore_consultation(self.context.store, self.consultation_id)

    def backward(self) -> None:
        consultations.delete_consultation(self.context.store, self.consultation_id)


class UpdateConsultationCommand(_StoreCommand):
    """An edit: undo writes the values from before the edit back."""

    def __init__(
        self,
        context: AppContext,
        consultation_id: uuid.UUID,
        before: ConsultationInput,
        after: ConsultationInput,
        *,
        done: bool = True,
    ) -> None:
        super().__init__(context, _("Edit consultation"), done=done)
        self.consultation_id = consultation_id
        self.before = before
        self.after = after

    def forward(self) -> None:
        consultations.update_consultation(self.context.store, self.consultation_id, self.after)

    def backward(self) -> None:
        consultations.update_consultation(self.context.store, self.consultation_id, self.before)


class DeleteConsultationCommand(_StoreCommand):
    def __init__(self, context: AppContext, consultation_id: uuid.UUID, *, done: bool = True):
        super().__init__(context, _("Delete consultation"), done=done)
        self.consultation_id = consultation_id

    def forward(self) -> None:
        consultations.delete_consultation(self.context.store, self.consultation_id)

    def backward(self) -> None:
        consultations.restore_consultation(self.context.store, self.consultation_id)


class RecordOfficeEntryCommand(_StoreCommand):
    """A Kurzkontakt or office consultation from the Sprechstunde list."""

    def __init__(self, context: AppContext, ref: EntryRef, *, done: bool = True) -> None:
        super().__init__(context, _entry_text(ref, _("Record {entry}")), done=done)
        self.ref = ref

    def forward(self) -> None:
        office_hours.restore_entry(self.context.store, self.ref)

    def backward(self) -> None:
        office_hours.delete_entry(self.context.store, self.ref)


class DeleteOfficeEntryCommand(_StoreCommand):
    def __init__(self, context: AppContext, ref: EntryRef, *, done: bool = True) -> None:
        super().__init__(context, _entry_text(ref, _("Delete {entry}")), done=done)
        self.ref = ref

    def forward(self) -> None:
        office_hours.delete_entry(self.context.store, self.ref)

    def backward(self) -> None:
        office_hours.restore_entry(self.context.store, self.ref)


def _entry_text(ref: EntryRef, template: str) -> str:
    entry = _("short contact") if ref.kind == office_hours.KURZKONTAKT else _("consultation")
    return template.format(entry=entry)
