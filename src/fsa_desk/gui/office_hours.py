"""Sprechstundenmodus: open office hours at the desk, one visitor per line, by keyboard.

One row form: a household (left empty for an anonymous Kurzkontakt), minutes, language, life
area, target group. Enter adds the entry, clears the row and puts the cursor back in the first
field for the next visitor. Today's entries are listed below; the last one can be removed and
the removal undone.
"""

from __future__ import annotations

import itertools
import uuid
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.validation import ValidationError
from fsa_desk.gui.consultation_fields import (
    combo,
    labelled,
    minutes_spin,
    problems_as_result,
    short_label,
)
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_picker import HouseholdPicker
from fsa_desk.gui.undo_commands import DeleteOfficeEntryCommand, RecordOfficeEntryCommand
from fsa_desk.i18n import _, language, ngettext
from fsa_desk.services import consultation_entry, office_hours
from fsa_desk.services.office_hours import EntryRef, OfficeHoursEntry, TodayEntry

_Index = QModelIndex | QPersistentModelIndex


def _labels(list_name: str) -> dict[str, str]:
    return {c.code: short_label(c.label) for c in consultation_entry.choices(list_name)}


class TodayEntriesModel(QAbstractTableModel):
    """Today's office-hours entries, in the order they were made."""

    COLUMNS = ("number", "kind", "household", "minutes", "language", "life_area", "target_group")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TodayEntry] = []
        self._languages = _labels("languages")
        self._areas = _labels("life_areas")

    def set_entries(self, entries: list[TodayEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entries(self) -> list[TodayEntry]:
        return list(self._entries)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        headers = {
            "number": _("No."),
            "kind": _("Entry"),
            "household": _("Household"),
            "minutes": _("Minutes"),
            "language": _("Language"),
            "life_area": _("Life area"),
            "target_group": _("Target group"),
        }
        return headers[self.COLUMNS[section]]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(index.row(), column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("number", "minutes"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: int, column: str) -> str:
        entry = self._entries[row]
        kurz = entry.ref.kind == office_hours.KURZKONTAKT
        if column == "number":
            return str(row + 1)
        if column == "kind":
            return _("Short contact") if kurz else _("Consultation")
        if column == "household":
            if entry.household_ref is None:
                return _("without a person")
            names = f" – {entry.family_names}" if entry.family_names else ""
            return f"{entry.household_ref}{names}"
        if column == "minutes":
            return str(entry.minutes)
        if column == "language":
            return self._languages.get(entry.language or "", entry.language or "")
        if column == "life_area":
            return ", ".join(self._areas.get(area, area) for area in entry.life_areas)
        if entry.target_group is None:
            return ""
        return _("yes") if entry.target_group else _("no")


class _EntryRow(QWidget):
    """The row form; Enter anywhere in it (but an open completion list) submits."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class OfficeHoursView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._busy = False
        self._build()
        self._connect()
        self.clear_form()
        self.reload()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(_("Office hours"))
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.day_label = QLabel()
        self.summary = QLabel()
        self.row = _EntryRow()
        self.household = HouseholdPicker(self.context)
        self.household.setPlaceholderText(_("empty: short contact without a person"))
        self.minutes = minutes_spin()
        self.language = combo(consultation_entry.choices("languages"), empty="–")
        self.life_area = combo(consultation_entry.choices("life_areas"), empty="–")
        self.sprachmittlung = combo(consultation_entry.choices("sprachmittlung"))
        self.target_group = QCheckBox(_("&Target group"))
        self.target_group.setToolTip(
            _("Belongs to the target group of migration social work (short contacts only)")
        )
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setToolTip(_("Enter adds the entry"))
        self.entries = TodayEntriesModel(self)
        self.table = _entries_table(self.entries)
        self.hidden_note = QLabel(_("Today's list is hidden in presentation mode."))
        self.remove_button = QPushButton(_("&Remove last entry"))
        # A button of its own, not the stack's undo action: that one carries Ctrl+Z, which
        # the main window owns (two active Ctrl+Z shortcuts would block each other).
        self.undo_button = QPushButton()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        self._lay_out()

    def _lay_out(self) -> None:
        grid = QGridLayout(self.row)
        grid.setContentsMargins(0, 0, 0, 0)
        fields = (
            (_("Hou&sehold"), self.household, 5),
            (_("M&inutes"), self.minutes, 1),
            (_("Lan&guage"), self.language, 2),
            (_("&Life area"), self.life_area, 3),
            (_("Inter&preting"), self.sprachmittlung, 2),
        )
        for column, (text, widget, stretch) in enumerate(fields):
            grid.addWidget(labelled(text, widget), 0, column)
            grid.addWidget(widget, 1, column)
            grid.setColumnStretch(column, stretch)
        grid.addWidget(self.target_group, 1, len(fields))
        grid.addWidget(self.add_button, 1, len(fields) + 1)
        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.day_label)
        heading.addStretch(1)
        heading.addWidget(self.summary)
        actions = QHBoxLayout()
        actions.addWidget(self.remove_button)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)
        hint = QLabel(
            _("Enter adds the entry. Without a household an anonymous short contact is counted.")
        )
        hint.setStyleSheet("color: palette(dark);")
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.row)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hidden_note, 1, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(actions)
        chain = (
            self.household,
            self.minutes,
            self.language,
            self.life_area,
            self.sprachmittlung,
            self.target_group,
            self.add_button,
            self.table,
            self.remove_button,
            self.undo_button,
        )
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _connect(self) -> None:
        self.row.submitted.connect(self.add)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove_last)
        stack = self.context.undo_stack
        self.undo_button.clicked.connect(stack.undo)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.undoTextChanged.connect(self._show_undo_text)
        self._show_undo_text(stack.undoText())
        self.undo_button.setEnabled(stack.canUndo())
        self.household.household_changed.connect(self._household_changed)
        self.context.data_changed.connect(self.reload)
        self.context.presentation_changed.connect(self._presentation_changed)
        self._presentation_changed(self.context.presentation)

    # --- the form -------------------------------------------------------------------------

    def clear_form(self) -> None:
        """Ready for the next visitor: defaults back, cursor in the first field."""
        self.household.set_household(None)
        self.minutes.setValue(consultation_entry.KURZKONTAKT_MINUTES)
        for box in (self.language, self.life_area, self.sprachmittlung):
            box.setCurrentIndex(0)
            box.view().keyboardSearch("")  # the next visitor's typing starts a new search
        self.target_group.setChecked(True)
        self._household_changed(None)
        self.household.setFocus()

    def _household_changed(self, household_id: uuid.UUID | None) -> None:
        # Only a Kurzkontakt records the target group; only a consultation the interpreting.
        self.target_group.setEnabled(household_id is None)
        self.sprachmittlung.setEnabled(household_id is not None)

    def add(self) -> None:
        if self._busy:
            return
        if self.household.text().strip() and self.household.household_id is None:
            self._show_message(
                _("Pick the household from the list, or empty the field for a short contact.")
            )
            self.household.setFocus()
            return
        entry = OfficeHoursEntry(
            date=date.today(),
            minutes=self.minutes.value(),
            household_id=self.household.household_id,
            language=self.language.currentData(),
            life_area=self.life_area.currentData(),
            target_group=self.target_group.isChecked(),
            sprachmittlung=self.sprachmittlung.currentData(),
        )
        self._busy = True
        store = self.context.store
        self.context.runner.run(
            problems_as_result(lambda: office_hours.record_entry(store, entry)),
            on_result=self._added,
            on_error=self._failed,
        )

    def _added(self, result: EntryRef | ValidationError) -> None:
        self._busy = False
        if isinstance(result, ValidationError):
            self._show_message(str(result))
            return
        self._show_message("")
        self.context.undo_stack.push(RecordOfficeEntryCommand(self.context, result))
        kurz = result.kind == office_hours.KURZKONTAKT
        self.context.changed(_("Short contact recorded") if kurz else _("Consultation saved"))
        self.clear_form()

    def _failed(self, message: str) -> None:
        self._busy = False
        self._show_message(message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # --- the list -------------------------------------------------------------------------

    def reload(self) -> None:
        store, today = self.context.store, date.today()
        self.day_label.setText(_locale().toString(QDate(today), "dddd, dd.MM.yyyy"))
        self.context.runner.run(
            lambda: office_hours.todays_entries(store, today),
            on_result=self._show_entries,
            on_error=self._show_message,
            key=f"office-hours-{id(self)}",
        )

    def _show_entries(self, entries: list[TodayEntry]) -> None:
        self.entries.set_entries(entries)
        self.remove_button.setEnabled(bool(entries))
        self.table.scrollToBottom()
        kurz = sum(1 for e in entries if e.ref.kind == office_hours.KURZKONTAKT)
        minutes = sum(e.minutes for e in entries)
        self.summary.setText(
            ngettext("{count} entry today", "{count} entries today", len(entries)).format(
                count=len(entries)
            )
            + " · "
            + ngettext("{count} short contact", "{count} short contacts", kurz).format(count=kurz)
            + " · "
            + _("{minutes} min").format(minutes=minutes)
        )

    def remove_last(self) -> None:
        entries = self.entries.entries()
        if not entries or self._busy:
            return
        ref = entries[-1].ref
        self._busy = True
        store = self.context.store
        self.context.runner.run(
            lambda: office_hours.delete_entry(store, ref),
            on_result=lambda _none: self._removed(ref),
            on_error=self._failed,
        )

    def _removed(self, ref: EntryRef) -> None:
        self._busy = False
        self.context.undo_stack.push(DeleteOfficeEntryCommand(self.context, ref))
        self.context.changed(_("Entry removed (Ctrl+Z brings it back)"))

    def _show_undo_text(self, action: str) -> None:
        self.undo_button.setText(
            _("&Undo: {action}").format(action=action) if action else _("&Undo")
        )

    def _presentation_changed(self, on: bool) -> None:
        self.table.setVisible(not on)
        self.hidden_note.setVisible(on)


def _locale() -> QLocale:
    return QLocale(QLocale.Language.German if language() == "de" else QLocale.Language.English)


def _entries_table(model: TodayEntriesModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setTabKeyNavigation(False)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setAlternatingRowColors(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(
        TodayEntriesModel.COLUMNS.index("household"), QHeaderView.ResizeMode.Stretch
    )
    return table
