"""The one table model of the household view: rows of ready-made texts, keyed by record id.

A household has tens or a few hundred rows per section, all read in one go by the service, so
the model holds formatted rows instead of loading lazily. A column may carry a check box
(the Ankommens-Checkliste); ticking it asks the view to write, the model never changes itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

# Tones a row can take; the colours keep contrast on a light background (WCAG AA).
OVERDUE = "overdue"
WARNING = "warning"
PAST = "past"
_TONES = {OVERDUE: QColor("#b00020"), WARNING: QColor("#8a4b00"), PAST: QColor("#6b6b6b")}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Row:
    key: object  # the record's id
    cells: tuple[str, ...]
    tooltip: str = ""
    tone: str | None = None
    checked: bool | None = None  # for the check column, if the model has one


class RowTableModel(QAbstractTableModel):
    """Formatted rows under fixed headers; ``check_requested(key, checked)`` when ticked."""

    check_requested = Signal(object, bool)

    def __init__(
        self,
        headers: Sequence[str],
        *,
        check_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._rows: tuple[Row, ...] = ()
        self._check_column = check_column

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = tuple(rows)
        self.endResetModel()

    def row(self, index: int) -> Row:
        return self._rows[index]

    def key_at(self, index: int) -> object:
        return self._rows[index].key

    def row_of(self, key: object) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.key == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()] if index.column() < len(row.cells) else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole and row.tone in _TONES:
            return QBrush(_TONES[row.tone])
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == self._check_column:
            return Qt.CheckState.Checked if row.checked else Qt.CheckState.Unchecked
        if role == KEY_ROLE:
            return row.key
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Only the check box is editable, and only as a request: the view writes through a
        service and reloads, so the row shows what was stored."""
        if role != Qt.ItemDataRole.CheckStateRole or index.column() != self._check_column:
            return False
        checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value)
        self.check_requested.emit(self._rows[index.row()].key, checked)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == self._check_column:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None


def make_table(
    model: RowTableModel,
    *,
    stretch: int | None = None,
    widths: dict[int, int] | None = None,
    parent: QWidget | None = None,
) -> QTableView:
    """A read-only table: whole rows selected, one at a time. Columns fit their contents;
    ``widths`` caps long-text columns at so many characters (elided, resizable by hand) and
    ``stretch`` takes the spare width, so no column pushes the others out of sight."""
    table = QTableView(parent)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else in the form
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setHighlightSections(False)
    character = table.fontMetrics().averageCharWidth()
    for column, characters in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, characters * character)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
    return table


class TableSection(QGroupBox):
    """A titled table that says so when it is empty instead of showing a blank grid.

    ``compact`` sizes the table to its rows (at most ``compact`` of them), for short lists that
    share a page with others.
    """

    def __init__(
        self,
        title: str,
        model: RowTableModel,
        *,
        empty_text: str,
        stretch: int | None = None,
        widths: dict[int, int] | None = None,
        buttons: Sequence[QPushButton] = (),
        compact: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.model = model
        self.table = make_table(model, stretch=stretch, widths=widths)
        self.empty = QLabel(empty_text)
        self.empty.setStyleSheet("color: #555555; font-style: italic;")
        self._compact = compact
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        if buttons:
            row = QHBoxLayout()
            row.addStretch(1)
            for button in buttons:
                row.addWidget(button)
            layout.addLayout(row)
        if compact is not None:
            layout.addStretch(1)
        model.modelReset.connect(self._follow_rows)
        self._follow_rows()

    def _follow_rows(self) -> None:
        rows = self.model.rowCount()
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
        if self._compact is not None and rows:
            fit_to_rows(self.table, self._compact)


def fit_to_rows(table: QTableView, most: int) -> None:
    """Make ``table`` exactly as high as its rows, up to ``most`` rows (then it scrolls)."""
    shown = min(table.model().rowCount(), most)
    # Section sizes, not sizeHintForRow: that answers -1 while the table is still hidden.
    height = table.horizontalHeader().sizeHint().height()
    height += shown * table.verticalHeader().defaultSectionSize()
    table.setFixedHeight(height + 2 * table.frameWidth() + 2)


def selected_key(table: QTableView, model: RowTableModel) -> object | None:
    """The record id of the current row, or None."""
    index = table.currentIndex()
    return model.key_at(index.row()) if index.isValid() else None


def reselect(table: QTableView, model: RowTableModel, key: object | None) -> None:
    """Keep the selection on the same record across a reload."""
    row = model.row_of(key) if key is not None else None
    if row is not None:
        table.selectRow(row)
