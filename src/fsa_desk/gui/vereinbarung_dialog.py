"""The Vereinbarungsblatt dialog: edit what was agreed, see the sheet, save or open the PDF.

Drafted from the consultation (each agreed line a step, the follow-up date as next appointment);
the counsellor adds, edits and removes rows in the table and sees the sheet's wording beside it.
"Speichern…" writes the PDF where she chooses; "Speichern und öffnen…" then opens it in the
system's PDF viewer for printing. No temporary copy is ever written (DESIGN.md §10). The PDF is
made on the database worker.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import time
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField, german, parse_german_date
from fsa_desk.i18n import _
from fsa_desk.services import vereinbarung
from fsa_desk.services.vereinbarung import AgreementItem, SheetText, VereinbarungSheet

_Index = QModelIndex | QPersistentModelIndex
WHAT, WHO, DUE, BRING = range(4)
_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{2}))?(?:\s*(?:Uhr|h))?", re.IGNORECASE)


def parse_time(text: str) -> time | None:
    """ "10:30", "10.30", "10 Uhr" or nothing; ``ValueError`` with a German sentence."""
    cleaned = text.strip()
    if not cleaned:
        return None
    found = _TIME.fullmatch(cleaned)
    try:
        if found is None:
            raise ValueError
        return time(int(found[1]), int(found[2] or 0))
    except ValueError:
        raise ValueError(
            _("'{text}' is not a time: please write it as HH:MM.").format(text=text)
        ) from None


class AgreementModel(QAbstractTableModel):
    """The steps and documents of the sheet, edited in place; a bad date is refused."""

    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._items: list[AgreementItem] = []

    def set_items(self, items: tuple[AgreementItem, ...]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> tuple[AgreementItem, ...]:
        return tuple(item for item in self._items if item.what.strip())

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("What"), _("Who"), _("By when"), _("To bring"))[section]

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == BRING:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole) and column != BRING:
            return (item.what, item.who, german(item.due) if item.due else "")[column]
        if role == Qt.ItemDataRole.CheckStateRole and column == BRING:
            return Qt.CheckState.Checked if item.bring else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column == BRING:
            return _("Ticked: a document to bring instead of a step to take.")
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return False
        changed = self._changed(self._items[index.row()], index.column(), value, role)
        if changed is None:
            return False
        self._items[index.row()] = changed
        self.dataChanged.emit(index, index, [role])
        return True

    def _changed(
        self, item: AgreementItem, column: int, value: object, role: int
    ) -> AgreementItem | None:
        if column == BRING and role == Qt.ItemDataRole.CheckStateRole:
            checked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
            return replace(item, bring=checked)
        if role != Qt.ItemDataRole.EditRole or column == BRING:
            return None
        text = " ".join(str(value or "").split())
        if column == WHAT:
            return replace(item, what=text)
        if column == WHO:
            return replace(item, who=text)
        try:
            return replace(item, due=parse_german_date(text) if text else None)
        except ValueError as problem:
            self.invalid.emit(str(problem))
            return None

    def insertRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not 0 <= row <= len(self._items) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._items[row:row] = [AgreementItem("") for _n in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._items[row : row + count]
        self.endRemoveRows()
        return True


def preview_html(text: SheetText) -> str:
    """The sheet's wording as the preview shows it (the PDF lays out the same sentences)."""
    parts = [f"<h2>{escape(text.title)}</h2>"]
    parts += [f"<p>{escape(line)}</p>" for line in (text.for_line, text.date_line, text.ref_line)]
    parts.append(f"<h3>{escape(text.steps_heading)}</h3>")
    if text.steps:
        head = "".join(f"<th align='left'>{escape(c)}</th>" for c in text.step_columns)
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
            for row in text.steps
        )
        table = "<table border='1' cellpadding='4' cellspacing='0' width='100%'>"
        parts.append(f"{table}<tr>{head}</tr>{rows}</table>")
    else:
        parts.append(f"<p>{escape(text.nothing_agreed)}</p>")
    if text.bring:
        parts.append(f"<h3>{escape(text.bring_heading)}</h3>")
        parts.append("".join(f"<p>\u2610 {escape(line)}</p>" for line in text.bring))
    if text.appointment:
        parts.append(f"<h3>{escape(text.appointment_heading)}</h3>")
        parts.append(f"<p><b>{escape(text.appointment)}</b></p>")
    parts.append(f"<h3>{escape(text.contact_heading)}</h3>")
    parts.append("<br>".join(escape(line) for line in text.contact))
    parts.append(f"<p><small>{escape(text.keep_note)}</small></p>")
    return "".join(parts)


def choose_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    """Ask where to save; None when the counsellor cancels. (Tests replace this.)"""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save the agreement sheet"),
        str(Path(folder or Path.home()) / suggested),
        _("PDF documents (*.pdf)"),
    )
    if not path:
        return None
    return Path(path) if path.lower().endswith(".pdf") else Path(path + ".pdf")


def open_in_viewer(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class VereinbarungDialog(QDialog):
    def __init__(
        self, context: AppContext, consultation_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.consultation_id = consultation_id
        self.draft: VereinbarungSheet | None = None
        self.saved_path: Path | None = None
        self.setWindowTitle(_("Agreement sheet for the client"))
        self.model = AgreementModel(self)
        self._build()
        self._connect()
        self._set_enabled(False)
        store = context.store
        context.runner.run(
            lambda: vereinbarung.vereinbarung_draft(store, consultation_id),
            on_result=self._show_draft,
            on_error=self.message.setText,
        )

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(_("Agreed steps"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        metrics = header.fontMetrics()
        header.resizeSection(WHO, metrics.horizontalAdvance("Frau Mohammadi") + 30)
        header.resizeSection(DUE, metrics.horizontalAdvance("00.00.0000") + 30)
        header.resizeSection(BRING, metrics.horizontalAdvance(_("To bring")) + 30)
        self.add_button = QPushButton(_("&Add row"), self)
        self.add_button.setToolTip(_("A new step or document (Ctrl+Ins)"))
        self.remove_button = QPushButton(_("&Remove row"), self)
        self.remove_button.setToolTip(_("Remove the selected row (Ctrl+Del)"))
        self.next_date = DateField(self, optional=True)
        self.next_time = QLineEdit(self)
        self.next_time.setPlaceholderText(_("HH:MM"))
        self.next_time.setMaxLength(9)
        self.contact = QLineEdit(self)
        self.contact.setPlaceholderText(_("e.g. Tel. 0351 123456 · office hours Tue 9–12"))
        self.preview = QTextBrowser(self)
        self.preview.setAccessibleName(_("Preview of the sheet"))
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.save_button = QPushButton(_("&Save PDF…"), self)
        self.save_button.setToolTip(_("Save the sheet as a PDF (Ctrl+S)"))
        self.open_button = QPushButton(_("Save and &open for printing…"), self)
        self.open_button.setToolTip(_("Save the PDF and open it in the PDF viewer (Ctrl+P)"))
        self.close_button = QPushButton(_("Close"), self)
        # Enter belongs to the table (it ends editing a cell): no button takes it, so a
        # half-typed row never opens the save dialog. Saving has Ctrl+S and Ctrl+P.
        for button in (
            self.add_button,
            self.remove_button,
            self.save_button,
            self.open_button,
            self.close_button,
        ):
            button.setAutoDefault(False)
        self._lay_out()

    def _lay_out(self) -> None:
        rows = QHBoxLayout()
        rows.addWidget(self.add_button)
        rows.addWidget(self.remove_button)
        rows.addStretch(1)
        form = QFormLayout()
        when = QHBoxLayout()
        when.addWidget(self.next_date)
        time_label = QLabel(_("&Time:"), self)
        time_label.setBuddy(self.next_time)
        when.addWidget(time_label)
        when.addWidget(self.next_time)
        when.addStretch(1)
        date_label = QLabel(_("&Next appointment:"), self)
        date_label.setBuddy(self.next_date)
        form.addRow(date_label, when)
        contact_label = QLabel(_("&Contact line:"), self)
        contact_label.setBuddy(self.contact)
        form.addRow(contact_label, self.contact)
        steps_label = QLabel(_("What was &agreed:"), self)
        steps_label.setBuddy(self.table)
        editor = QWidget(self)
        left = QVBoxLayout(editor)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(steps_label)
        left.addWidget(self.table, 1)
        left.addLayout(rows)
        left.addLayout(form)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(editor)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)
        self.resize(1100, 640)

    def _connect(self) -> None:
        for keys, slot in (
            ("Ctrl+Ins", self.add_row),
            ("Ctrl+Del", self.remove_row),
            ("Ctrl+S", lambda: self.save(open_after=False)),
            ("Ctrl+P", lambda: self.save(open_after=True)),
        ):
            QShortcut(QKeySequence(keys), self, activated=slot)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.save_button.clicked.connect(lambda: self.save(open_after=False))
        self.open_button.clicked.connect(lambda: self.save(open_after=True))
        self.close_button.clicked.connect(self.reject)
        self.model.invalid.connect(self.message.setText)
        for signal in (
            self.model.dataChanged,
            self.model.rowsInserted,
            self.model.rowsRemoved,
            self.model.modelReset,
            self.next_date.textChanged,
            self.next_time.textChanged,
            self.contact.textChanged,
        ):
            signal.connect(self.update_preview)

    def _set_enabled(self, on: bool) -> None:
        for widget in (self.save_button, self.open_button, self.add_button, self.remove_button):
            widget.setEnabled(on)

    def _show_draft(self, draft: VereinbarungSheet) -> None:
        self.draft = draft
        self.model.set_items(draft.items or (AgreementItem(""),))
        self.next_date.set_date(draft.next_appointment)
        self.contact.setText(draft.contact_line)
        self._set_enabled(True)
        self.table.setFocus()
        self.table.setCurrentIndex(self.model.index(0, WHAT))
        self.update_preview()

    # --- editing --------------------------------------------------------------------------------

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        index = self.model.index(row, WHAT)
        self.table.setCurrentIndex(index)
        self.table.edit(index)

    def remove_row(self) -> None:
        row = self.table.currentIndex().row()
        if row >= 0:
            self.model.removeRows(row, 1)

    def sheet(self) -> VereinbarungSheet:
        """The sheet as edited; ``ValueError`` with a German sentence for a bad date or time."""
        assert self.draft is not None
        day = self.next_date.date()
        at = parse_time(self.next_time.text())
        if at is not None and day is None:
            raise ValueError(_("Please also enter the date of the next appointment."))
        return replace(
            self.draft,
            items=self.model.items(),
            next_appointment=day,
            next_time=at,
            contact_line=" ".join(self.contact.text().split()),
        )

    def update_preview(self, *_args: object) -> None:
        if self.draft is None:
            return
        try:
            sheet = self.sheet()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        self.message.clear()
        self.preview.setHtml(preview_html(vereinbarung.sheet_text(sheet)))

    # --- saving ---------------------------------------------------------------------------------

    def suggested_name(self, sheet: VereinbarungSheet) -> str:
        ref = re.sub(r"[^\w-]+", "_", sheet.household_ref) or "Haushalt"
        return f"{_('Agreement')}_{ref}_{sheet.contact_date.isoformat()}.pdf"

    def save(self, *, open_after: bool) -> None:
        if self.draft is None or not self.save_button.isEnabled():
            return  # still loading, or a save is running
        try:
            sheet = self.sheet()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        path = choose_pdf_path(self, self.suggested_name(sheet))
        if path is None:
            return
        self._set_enabled(False)
        store = self.context.store
        self.context.runner.run(
            lambda: vereinbarung.save_sheet_pdf(store, sheet, path),
            on_result=lambda saved: self._saved(saved, open_after),
            on_error=self._failed,
        )

    def _saved(self, path: Path, open_after: bool) -> None:
        self.saved_path = path
        self._set_enabled(True)
        self.context.status_message.emit(_("Agreement sheet saved: {path}").format(path=path))
        if open_after and not open_in_viewer(path):
            self.message.setText(
                _("The PDF was saved as {path}, but no PDF viewer could be opened.").format(
                    path=path
                )
            )

    def _failed(self, message: str) -> None:
        self._set_enabled(True)
        self.message.setText(message)
