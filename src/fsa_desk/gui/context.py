"""What every view shares: the open store, the background runner and the app-wide signals.

Views never talk to each other directly; they emit or listen here:

- ``data_changed``: something was written; views showing stored data reload (off the GUI thread).
- ``household_requested(uuid)``: show this household (the main window switches to it).
- ``consultation_requested(uuid | None)``: open the quick consultation entry, for a household
  or with an empty household picker (Ctrl+N).
- ``presentation_changed(bool)``: presentation mode on/off — hide the client list, other
  households and notes while the screen is turned to a client.
- ``status_message(str)``: a short confirmation for the status bar ("Kontakt gespeichert").

``undo_stack`` holds the undoable edits of every view (Ctrl+Z / Ctrl+Shift+Z in the main window);
a command's redo/undo calls services through ``runner`` and then ``changed()``.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from fsa_desk.gui.worker import Runner
from fsa_desk.store.store import Store


class AppContext(QObject):
    data_changed = Signal()
    household_requested = Signal(object)
    consultation_requested = Signal(object)
    presentation_changed = Signal(bool)
    status_message = Signal(str)

    def __init__(self, store: Store, *, demo: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.demo = demo
        self.runner: Runner = Runner(self)
        self.undo_stack = QUndoStack(self)
        self._presentation = False

    @property
    def presentation(self) -> bool:
        return self._presentation

    def set_presentation(self, on: bool) -> None:
        if on != self._presentation:
            self._presentation = on
            self.presentation_changed.emit(on)

    def show_household(self, household_id: uuid.UUID) -> None:
        self.household_requested.emit(household_id)

    def changed(self, message: str | None = None) -> None:
        """Call after a successful write: every view reloads, the status bar confirms."""
        self.data_changed.emit()
        if message:
            self.status_message.emit(message)
