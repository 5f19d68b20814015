"""The household view's writes: the status dialog and undoable edits on the shared undo stack.

An edit is written first (through the runner) and only pushed on the undo stack once it has
succeeded, so a refused change never appears as "Rückgängig: …".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
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
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_format import status_label
from fsa_desk.i18n import _, language
from fsa_desk.services.household_view import StatusState
from fsa_desk.services.households import STATUSES


class AppliedCommand(QUndoCommand):
    """An edit already written; undo and redo call services through the runner."""

    def __init__(
        self,
        context: AppContext,
        text: str,
        undo: Callable[[], Any],
        redo: Callable[[], Any],
    ) -> None:
        super().__init__(text)
        self._context = context
        self._undo = undo
        self._redo = redo
        self._written = True  # push() calls redo(): the first time, the edit is already done

    def redo(self) -> None:
        if self._written:
            self._written = False
            return
        self._run(self._redo, _("Redone: {action}").format(action=self.text()))

    def undo(self) -> None:
        self._run(self._undo, _("Undone: {action}").format(action=self.text()))

    def _run(self, function: Callable[[], Any], message: str) -> None:
        context = self._context
        context.runner.run(
            function,
            on_result=lambda _result: context.changed(message),
            on_error=context.status_message.emit,
        )


def apply_edit(
    context: AppContext,
    text: str,
    *,
    do: Callable[[], Any],
    undo: Callable[[], Any],
    message: str,
    on_error: Callable[[str], None],
) -> None:
    """Write ``do`` off the GUI thread; on success make it undoable and tell every view."""

    def written(_result: object) -> None:
        context.undo_stack.push(AppliedCommand(context, text, undo=undo, redo=do))
        context.changed(message)

    context.runner.run(do, on_result=written, on_error=on_error)


class StatusDialog(QDialog):
    """Choose aktiv, ruhend or abgeschlossen; closing asks for the reason from the code list."""

    def __init__(self, current: StatusState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Change household status"))
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(status_label(code), code)
        self.status.setCurrentIndex(STATUSES.index(current.status))
        self.reason = QComboBox()
        # The long labels ("Übergang an einen anderen Dienst (MBE, …)") must not squeeze the
        # form's captions; the open list shows them in full.
        self.reason.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.reason.setMinimumContentsLength(40)
        self.reason.addItem(_("– please choose –"), None)
        for code in code_list("closure_reasons"):
            self.reason.addItem(code.label(language()), code.code)
        self.detail = QLineEdit()
        self.detail.setMaxLength(200)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self._layout(current)
        self.status.currentIndexChanged.connect(self._follow_status)
        self.reason.currentIndexChanged.connect(self._follow_reason)
        self._follow_status()

    def _layout(self, current: StatusState) -> None:
        form = QFormLayout()
        form.addRow(self._buddy(_("&Status:"), self.status), self.status)
        form.addRow(self._buddy(_("Closure &reason:"), self.reason), self.reason)
        form.addRow(self._buddy(_("&Detail:"), self.detail), self.detail)
        if current.closure_reason:
            self.reason.setCurrentIndex(max(self.reason.findData(current.closure_reason), 0))
            self.detail.setText(current.closure_detail or "")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        buttons.accepted.connect(self._check_and_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)

    @staticmethod
    def _buddy(text: str, field: QWidget) -> QLabel:
        caption = QLabel(text)
        caption.setBuddy(field)
        return caption

    def _closing(self) -> bool:
        return self.status.currentData() == "abgeschlossen"

    def _follow_status(self) -> None:
        closing = self._closing()
        self.reason.setEnabled(closing)
        self.detail.setEnabled(closing)
        self.problem.clear()
        self._follow_reason()

    def _follow_reason(self) -> None:
        code = self.reason.currentData()
        asks = bool(code and code_list("closure_reasons").get(code).extra.get("asks_other_service"))
        self.detail.setPlaceholderText(
            _("Which service took over? (e.g. MBE, JMD, ASD)") if asks else _("optional")
        )

    def _check_and_accept(self) -> None:
        if self._closing() and self.reason.currentData() is None:
            self.problem.setText(_("Closing a household needs a reason."))
            self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.accept()

    def chosen(self) -> tuple[str, str | None, str | None]:
        """Status, closure reason and detail as ``households.set_status`` takes them."""
        if not self._closing():
            return self.status.currentData(), None, None
        return "abgeschlossen", self.reason.currentData(), self.detail.text().strip() or None
