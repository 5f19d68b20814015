"""The Kontakte tab: the consultation timeline, newest first.

Enter or a double click opens a contact for editing, Delete removes it (undoable). In
presentation mode the notes column gives way to the agreements, which the client may read.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHeaderView, QPushButton, QVBoxLayout, QWidget

from fsa_desk.gui import household_format as fmt
from fsa_desk.gui.household_table import (
    PAST,
    Row,
    RowTableModel,
    TableSection,
    reselect,
    selected_key,
)
from fsa_desk.i18n import _
from fsa_desk.services.household_timeline import ConsultationLine
from fsa_desk.services.household_view import HouseholdDetail

LIFE_AREAS_COLUMN = 3
AGREEMENTS_COLUMN = 6
NOTE_COLUMN = 7


class ContactsPage(QWidget):
    """The consultation timeline; Enter or a double click opens a contact for editing."""

    edit_requested = Signal(object)
    delete_requested = Signal(object)
    agreement_sheet_requested = Signal(object)  # consultation id: print what was agreed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowTableModel(
            [_("Date"), _("Contact type"), _("Duration"), _("Life areas"), _("Outcome"),
             _("Counsellor"), _("Agreements"), _("Note")]
        )  # fmt: skip
        self.edit_button = QPushButton(_("&Edit"))
        self.delete_button = QPushButton(_("De&lete"))
        self.sheet_button = QPushButton(_("Agreement &sheet…"))
        self.sheet_button.setToolTip(
            _("Print what was agreed in this contact for the client to keep (Vereinbarungsblatt)")
        )
        section = TableSection(
            _("Consultations, newest first"),
            self.model,
            empty_text=_("No consultations recorded yet."),
            stretch=NOTE_COLUMN,
            widths={LIFE_AREAS_COLUMN: 34, AGREEMENTS_COLUMN: 34},
            buttons=(self.edit_button, self.sheet_button, self.delete_button),
        )
        self.table = section.table
        self.table.activated.connect(lambda index: self.edit_requested.emit(self._key(index)))
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)
        self.sheet_button.clicked.connect(self._sheet_for_selected)
        delete_key = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        delete_key.setContext(Qt.ShortcutContext.WidgetShortcut)
        delete_key.activated.connect(self._delete_selected)
        layout = QVBoxLayout(self)
        layout.addWidget(section)

    def _key(self, index: object) -> uuid.UUID:
        return self.model.key_at(index.row())  # type: ignore[attr-defined, no-any-return]

    def _edit_selected(self) -> None:
        key = selected_key(self.table, self.model)
        if key is not None:
            self.edit_requested.emit(key)

    def _sheet_for_selected(self) -> None:
        key = selected_key(self.table, self.model)
        if key is not None:
            self.agreement_sheet_requested.emit(key)

    def _delete_selected(self) -> None:
        key = selected_key(self.table, self.model)
        if key is not None:
            self.delete_requested.emit(key)

    def show_detail(self, detail: HouseholdDetail) -> None:
        key = selected_key(self.table, self.model)
        self.model.set_rows([_contact_row(c) for c in detail.consultations])
        reselect(self.table, self.model, key)
        has_rows = bool(detail.consultations)
        self.edit_button.setEnabled(has_rows)
        self.delete_button.setEnabled(has_rows)

    def set_presentation(self, on: bool) -> None:
        """Notes are hidden; the agreements, which the client may read, take their place."""
        self.table.setColumnHidden(NOTE_COLUMN, on)
        header = self.table.horizontalHeader()
        mode = QHeaderView.ResizeMode.Stretch if on else QHeaderView.ResizeMode.Interactive
        header.setSectionResizeMode(AGREEMENTS_COLUMN, mode)
        if not on:
            self._share_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._share_width()

    def _share_width(self) -> None:
        """Long-text columns grow with the window (a fifth each), never below 34 characters."""
        if self.table.isColumnHidden(NOTE_COLUMN):
            return
        least = 34 * self.table.fontMetrics().averageCharWidth()
        width = max(least, self.width() // 5)
        for column in (LIFE_AREAS_COLUMN, AGREEMENTS_COLUMN):
            self.table.horizontalHeader().resizeSection(column, width)


def _contact_row(line: ConsultationLine) -> Row:
    duration = fmt.minutes_text(line.duration_minutes)
    if line.travel_minutes:
        duration += " " + _("+ {minutes} min travel").format(minutes=line.travel_minutes)
    note = _("confidential") if line.confidential else (line.note_preview or "")
    agreements = (line.agreements or "").strip()
    parts = [", ".join(fmt.label("life_areas", area) for area in line.life_areas)]
    if agreements:
        parts.append(_("Agreements: {text}").format(text=agreements))
    if line.follow_up_on is not None:
        parts.append(_("Follow-up on {day}").format(day=fmt.day(line.follow_up_on)))
    tooltip = "\n".join(part for part in parts if part)
    return Row(
        line.id,
        (
            fmt.day(line.date),
            fmt.short_label("contact_types", line.contact_type),
            duration,
            ", ".join(fmt.short_label("life_areas", area) for area in line.life_areas),
            fmt.short_label("outcomes", line.outcome),
            line.counsellor,
            agreements.splitlines()[0] if agreements else "",
            note,
        ),
        tooltip=tooltip,
        tone=PAST if line.outcome != "stattgefunden" else None,
    )
