"""Small dialogs the Fachleistung screens share: one workflow step (dates and a text, e.g.
"signed on", "sent on", "the Sozialamt asked …"), a read-only preview of a document's text, and
ticking the persons a case covers.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.date_field import DateField
from fsa_desk.gui.fachleistung_format import error_label
from fsa_desk.i18n import _


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str = "date"  # date, optional_date or text
    value: date | str | None = None


class StepDialog(QDialog):
    """Ask for a workflow step's dates and text; ``values()`` once accepted."""

    def __init__(
        self, title: str, explanation: str, fields: list[Field], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.editors: dict[str, DateField | QPlainTextEdit] = {}
        form = QFormLayout()
        for field in fields:
            editor = self._editor(field)
            label = QLabel(field.label, self)
            label.setBuddy(editor)
            form.addRow(label, editor)
            self.editors[field.name] = editor
        self.message = error_label(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel(explanation, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(520, 200 + 60 * sum(1 for f in fields if f.kind == "text"))

    def _editor(self, field: Field) -> DateField | QPlainTextEdit:
        if field.kind == "text":
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setPlainText(str(field.value or ""))
            return text
        editor = DateField(self, optional=field.kind == "optional_date")
        editor.set_date(field.value if isinstance(field.value, date) else None)
        return editor

    def values(self) -> dict[str, date | str | None]:
        """The entered values; ``ValueError`` with a German sentence for a bad date."""
        found: dict[str, date | str | None] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QPlainTextEdit):
                found[name] = editor.toPlainText().strip()
            else:
                found[name] = editor.date()
        return found

    def _check(self) -> None:
        try:
            self.values()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        self.accept()


class PreviewDialog(QDialog):
    """A document's text, large and plain: "Was geht ans Amt" to read with the client."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.view = QTextBrowser(self)
        self.view.setAccessibleName(title)
        font = QFont(self.view.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.view.setFont(font)
        self.view.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
        self.resize(760, 640)


class PersonsDialog(QDialog):
    """Tick the household members a case covers (einbezogene Personen)."""

    def __init__(
        self,
        members: list[tuple[uuid.UUID, str]],
        chosen: tuple[uuid.UUID, ...],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Persons of the Fachleistung case"))
        self.list = QListWidget(self)
        self.list.setAccessibleName(_("Household members"))
        for person_id, name in members:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if person_id in chosen else Qt.CheckState.Unchecked
            )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Whom does the Fachleistung cover? (Space ticks)"), self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)

    def persons(self) -> list[uuid.UUID]:
        items = (self.list.item(row) for row in range(self.list.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]
