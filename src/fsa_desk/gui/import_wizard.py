"""The spreadsheet import wizard: choose files, check how their columns are read, see what
will be created and what is wrong, then import with progress (DESIGN.md §8).

Every step that reads files or the store runs through ``context.runner``; the wizard only shows
results. Nothing is written before the import page, and the import is all or nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from fsa_desk.domain.spreadsheet_header import (
    FileKind,
    all_columns,
    column_label,
    kind_label,
    map_columns,
)
from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _, ngettext
from fsa_desk.services.spreadsheet_import import (
    Counts,
    ImportPlan,
    ImportSummary,
    apply_import,
    plan_import,
)
from fsa_desk.services.spreadsheet_preview import SheetPreview, preview_files
from fsa_desk.services.spreadsheet_sheets import skipped

ERROR_STYLE = "QLabel { color: #b3261e; }"
WARNING_COLOUR = QColor("#fff4e5")
FILE_FILTER = "*.csv *.xlsx *.xlsm *.txt"
Index = QModelIndex | QPersistentModelIndex
Choice = list[str | None]


class ColumnsModel(QAbstractTableModel):
    """One sheet, transposed: a row per column of the file — its name, what it is read as
    (editable), and its values in the first rows."""

    NAME, READ_AS = 0, 1
    choice_changed = Signal()

    def __init__(self, preview: SheetPreview, chosen: Choice, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.chosen = chosen  # shared with the wizard: the user's choice per column

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.preview.columns)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2 + len(self.preview.sample_lines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == self.READ_AS else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self.preview.columns[index.row()]
        if index.column() == self.NAME:
            return self._name(index.row(), role)
        if index.column() == self.READ_AS:
            return self._read_as(index.row(), role)
        sample = column.samples[index.column() - 2]
        if role == Qt.ItemDataRole.DisplayRole:
            first, *more = sample.splitlines() or [""]
            return first + (" …" if more else "")
        return sample if role == Qt.ItemDataRole.ToolTipRole and sample else None

    def _name(self, row: int, role: int) -> object:
        name = self.preview.columns[row].name
        if role == Qt.ItemDataRole.DisplayRole:
            return name or _("(no name)")
        if role == Qt.ItemDataRole.BackgroundRole and self.unknown(row):
            return QBrush(WARNING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and self.unknown(row):
            return _("fsa-desk does not know this column. Choose what it holds, or leave it out.")
        return None

    def _read_as(self, row: int, role: int) -> object:
        chosen = self.chosen[row]
        if role == Qt.ItemDataRole.EditRole:
            return chosen or ""
        if role == Qt.ItemDataRole.DisplayRole:
            return column_label(chosen) if chosen else _("— not imported —")
        return None

    def unknown(self, row: int) -> bool:
        column = self.preview.columns[row]
        return bool(column.name) and not column.ignored and self.chosen[row] is None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            not index.isValid()
            or index.column() != self.READ_AS
            or role != Qt.ItemDataRole.EditRole
        ):
            return False
        new = str(value) if value else None
        if new == self.chosen[index.row()]:
            return False
        self.chosen[index.row()] = new
        self.dataChanged.emit(index, index)
        self.choice_changed.emit()
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return _column_letter(section)
        if section == self.NAME:
            return _("Column in the file")
        if section == self.READ_AS:
            return _("Read as")
        return _("Line {line}").format(line=self.preview.sample_lines[section - 2])


def _column_letter(index: int) -> str:
    """Excel's name of a column: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


class ReadAsDelegate(QStyledItemDelegate):
    """A combo box in the "read as" column: every known column, or "not imported"."""

    def createEditor(self, parent: QWidget, option: object, index: QModelIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(_("— not imported —"), "")
        for column in all_columns():
            combo.addItem(column_label(column), column)
        combo.currentIndexChanged.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        found = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.blockSignals(True)
        editor.setCurrentIndex(max(found, 0))
        editor.blockSignals(False)

    def setModelData(self, editor: QWidget, model: QAbstractTableModel, index: QModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


# --- pages -----------------------------------------------------------------------------------


class FilesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Choose files"))
        self.setSubTitle(
            _(
                "CSV files or Excel workbooks (.xlsx) with households, persons and "
                "consultations — several at once. Nothing is changed before the last step."
            )
        )
        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.add_button = QPushButton(_("&Add files…"))
        self.remove_button = QPushButton(_("&Remove"))
        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(QLabel(_("Files can also be dragged here from the file manager.")))
        layout = QVBoxLayout(self)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        self.setAcceptDrops(True)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Choose spreadsheets"),
            "",
            _("Spreadsheets ({patterns})").format(patterns=FILE_FILTER),
        )
        self.add_files([Path(name) for name in names])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self.owner.paths:
                self.owner.paths.append(path)
                self.files.addItem(str(path))
        self.completeChanged.emit()

    def remove_selected(self) -> None:
        for item in self.files.selectedItems():
            self.owner.paths.remove(Path(item.text()))
            self.files.takeItem(self.files.row(item))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.owner.paths)

    def dragEnterEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        self.add_files(
            [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        )


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Check the columns"))
        self.setSubTitle(
            _(
                "The first rows of each file and how each column is read. If a column is read "
                "wrongly, choose the right meaning in “Read as”."
            )
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.tabs = QTabWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.loaded = False

    def initializePage(self) -> None:
        self.loaded = False
        while self.tabs.count():
            tab = self.tabs.widget(0)
            self.tabs.removeTab(0)
            tab.deleteLater()
        self.status.setStyleSheet("")
        self.status.setText(_("Reading the files…"))
        paths = list(self.owner.paths)
        self.owner.context.runner.run(
            lambda: preview_files(paths),
            on_result=self._show,
            on_error=self._failed,
            key="import-preview",
        )

    def _show(self, previews: tuple[SheetPreview, ...]) -> None:
        # A choice made earlier stays while the sheet's header is the same as then.
        before = {p.file: _names(p) for p in self.owner.previews}
        self.owner.choices = {
            p.file: self.owner.choices[p.file]
            if before.get(p.file) == _names(p)
            else [c.column for c in p.columns]
            for p in previews
        }
        self.owner.previews = previews
        for preview in previews:
            self.tabs.addTab(
                SheetTab(preview, self.owner.choices[preview.file]), _tab_title(preview)
            )
        self.status.setText(
            ngettext("{count} sheet read.", "{count} sheets read.", len(previews)).format(
                count=len(previews)
            )
        )
        self.loaded = True
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)

    def isComplete(self) -> bool:
        return self.loaded


def _names(preview: SheetPreview) -> list[str]:
    return [column.name for column in preview.columns]


def _tab_title(preview: SheetPreview) -> str:
    return Path(preview.file).name


class SheetTab(QWidget):
    """One sheet: what it was recognised as, and its columns with a combo each."""

    def __init__(self, preview: SheetPreview, chosen: Choice) -> None:
        super().__init__()
        self.preview = preview
        self.model = ColumnsModel(preview, chosen, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(ColumnsModel.READ_AS, ReadAsDelegate(self.table))
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for row in range(self.model.rowCount()):
            self.table.openPersistentEditor(self.model.index(row, ColumnsModel.READ_AS))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(ColumnsModel.READ_AS, 220)
        for column in range(2, self.model.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet(ERROR_STYLE)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addWidget(self.notes)
        layout.addWidget(self.table, 1)
        self.model.choice_changed.connect(self._describe)
        self._describe()

    def _describe(self) -> None:
        preview = self.preview
        mapping = map_columns([c.name for c in preview.columns], self.model.chosen)
        if skipped(preview.optional, mapping):
            self.about.setText(
                _("This sheet has no column of household numbers and is not imported.")
            )
            self.notes.hide()
            return
        parts = [
            _("Read as: {kind}").format(kind=kind_label(mapping.kind)),
            ngettext("{count} row", "{count} rows", preview.rows).format(count=preview.rows),
            _("header in line {line}").format(line=preview.header_line),
        ]
        if preview.encoding:
            delimiter = _("tab") if preview.delimiter == "\t" else preview.delimiter
            parts.append(
                _("CSV, {encoding}, separated by “{delimiter}”").format(
                    encoding=preview.encoding, delimiter=delimiter
                )
            )
        self.about.setText(" · ".join(parts))
        notes = [problem.message for problem in mapping.problems]
        unknown = [c.name for row, c in enumerate(preview.columns) if self.model.unknown(row)]
        if unknown:
            message = _("Unknown columns, not imported unless you choose what they hold: {names}")
            notes.append(message.format(names=", ".join(unknown)))
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))


class SummaryView(QWidget):
    """What a check found or an import did: counts per kind, new counsellors, and the records
    earlier imports created that the files no longer hold."""

    KINDS = ("households", "persons", "consultations", "counsellors")

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(24)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)
        self.records = QPlainTextEdit()
        self.records.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)
        layout.addWidget(self.notes)
        layout.addWidget(self.records, 1)
        layout.addStretch()

    def show_summary(self, summary: ImportSummary) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        headers = [kind_label(FileKind(kind)) for kind in self.KINDS[:3]] + [_("counsellors")]
        for column, text in enumerate(headers, start=1):
            self.grid.addWidget(_bold(text), 0, column, Qt.AlignmentFlag.AlignRight)
        for row, (label, counts) in enumerate(_count_rows(summary), start=1):
            self.grid.addWidget(QLabel(label), row, 0)
            for column, kind in enumerate(self.KINDS, start=1):
                number = QLabel(str(getattr(counts, kind)))
                self.grid.addWidget(number, row, column, Qt.AlignmentFlag.AlignRight)
        self.grid.setColumnStretch(len(self.KINDS) + 1, 1)
        self.notes.setText(_summary_notes(summary))
        self.notes.setVisible(bool(self.notes.text()))
        records = summary.not_in_import_rows
        self.records.setPlainText("\n".join(record.describe() for record in records))
        self.records.setVisible(bool(records))


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _count_rows(summary: ImportSummary) -> list[tuple[str, Counts]]:
    planned = summary.dry_run
    rows = [
        (_("Will be created") if planned else _("Created"), summary.created),
        (_("Will be updated") if planned else _("Updated"), summary.updated),
    ]
    if summary.kept_deleted.total:
        rows.append((_("Deleted after an earlier import (stay deleted)"), summary.kept_deleted))
    if summary.not_in_import.total:
        rows.append((_("No longer in the files (kept, not deleted)"), summary.not_in_import))
    return rows


def _summary_notes(summary: ImportSummary) -> str:
    notes = []
    if summary.new_counsellors:
        codes = ", ".join(summary.new_counsellors)
        notes.append(_("New counsellors: {codes}").format(codes=codes))
    if summary.not_in_import.total:
        notes.append(
            _(
                "Earlier imports created these records; the files no longer hold them. "
                "fsa-desk keeps them — delete them by hand if they are wrong:"
            )
        )
    return "\n".join(notes)


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Check"))
        self.setSubTitle(
            _("Every row is checked against the data on this laptop. Nothing is written yet.")
        )
        self.setCommitPage(True)  # once imported, there is no way back to change the files
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Import"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = SummaryView()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.save_button = QPushButton(_("&Save problems as a text file…"))
        self.again_button = QPushButton(_("Check &again"))
        self.save_button.clicked.connect(self.save_problems)
        self.again_button.clicked.connect(self.initializePage)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.again_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.status)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.problems, 1)
        layout.addLayout(buttons)
        layout.addStretch()

    def initializePage(self) -> None:
        self.owner.plan = None
        self._show_state(_("Checking…"), error=False)
        store, paths = self.owner.context.store, list(self.owner.paths)
        choices = {file: list(chosen) for file, chosen in self.owner.choices.items()}
        self.owner.context.runner.run(
            lambda: plan_import(store, paths, columns=choices),
            on_result=self._show,
            on_error=self._failed,
            key="import-plan",
        )

    def _show(self, plan: ImportPlan) -> None:
        if plan.problems:
            count = len(plan.problems)
            message = ngettext(
                "The files cannot be imported: {count} problem. Correct it in the spreadsheet, "
                "save it, then check again. Nothing was changed.",
                "The files cannot be imported: {count} problems. Correct them in the "
                "spreadsheet, save it, then check again. Nothing was changed.",
                count,
            )
            self._show_state(message.format(count=count), error=True)
            self.problems.setPlainText("\n".join(str(problem) for problem in plan.problems))
            self.problems.show()
            self.save_button.show()
        else:
            self.owner.plan = plan
            self._show_state(_("The files can be imported."), error=False)
            self.summary.show_summary(plan.summary)
            self.summary.show()
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self._show_state(message, error=True)

    def _show_state(self, text: str, *, error: bool) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.again_button.setVisible(error)
        for widget in (self.summary, self.problems, self.save_button):
            widget.hide()
        self.completeChanged.emit()

    def save_problems(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save problems"), _("import-problems.txt"), _("Text files (*.txt)")
        )
        if name:
            Path(name).write_text(self.problems.toPlainText() + "\n", encoding="utf-8")

    def isComplete(self) -> bool:
        return self.owner.plan is not None


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Import"))
        self.setSubTitle(
            _(
                "All rows are written in one step, completely or not at all: cancelling leaves "
                "everything as it was."
            )
        )
        self.status = QLabel(_("Importing…"))
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addStretch()
        self.running = False

    def initializePage(self) -> None:
        plan, store = self.owner.plan, self.owner.context.store
        assert plan is not None
        self.running = True
        self.status.setText(_("Importing…"))
        self.bar.setRange(0, 0)  # busy until the first rows are written
        self.owner.context.runner.run(
            lambda report: apply_import(store, plan, report),
            on_result=self._done,
            on_error=self._failed,
            key="import-apply",
            on_progress=self._progress,
        )

    def _progress(self, done: int, total: int) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)

    def _done(self, summary: ImportSummary) -> None:
        self.running = False
        self.owner.summary = summary
        self.owner.context.changed(
            _("Spreadsheet imported: {counts}.").format(counts=summary.created.describe())
        )
        self.completeChanged.emit()
        QTimer.singleShot(0, self.owner.next)

    def _failed(self, message: str) -> None:
        self.running = False
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(_("Nothing was imported. {reason}").format(reason=message))

    def isComplete(self) -> bool:
        return self.owner.summary is not None


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__()
        self.owner = wizard
        self.setTitle(_("Imported"))
        self.setSubTitle(
            _(
                "Everything imported is in the change log and reaches the team lead with your "
                "next export."
            )
        )
        self.summary = SummaryView()
        QVBoxLayout(self).addWidget(self.summary)

    def initializePage(self) -> None:
        assert self.owner.summary is not None
        self.summary.show_summary(self.owner.summary)


# --- the wizard ------------------------------------------------------------------------------


class ImportWizard(QWizard):
    """Spreadsheet import in five steps; the main window opens it from its menu."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.paths: list[Path] = []
        self.previews: tuple[SheetPreview, ...] = ()
        self.choices: dict[str, Choice] = {}  # sheet → read-as per column
        self.plan: ImportPlan | None = None
        self.summary: ImportSummary | None = None
        self.setWindowTitle(_("Import spreadsheets"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)  # done is done
        self.files_page = FilesPage(self)
        self.preview_page = PreviewPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        self.result_page = ResultPage(self)
        for page in (
            self.files_page,
            self.preview_page,
            self.check_page,
            self.import_page,
            self.result_page,
        ):
            self.addPage(page)
        self.resize(1000, 680)

    def add_files(self, paths: list[Path]) -> None:
        self.files_page.add_files(paths)

    def reject(self) -> None:
        if self.import_page.running:
            self.context.runner.cancel("import-apply")  # rolls the import back
        super().reject()
