""" "Auswertungen": each report as a chart beside its tables, with filters and export.

The chart and the tables come from the same code as the PDF (``reports.charts``,
``reports.pdf.tables``), so what the lead sees is what she prints. matplotlib is imported when this
view is first shown, never at start. Figures are team-level by default; per-counsellor rows appear
only when "Je Berater:in" is ticked (works council: for steering, never for ranking).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QDate, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.codes import code_list
from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _, language
from fsa_desk.reports.common import Month, ReportParams, render_csv
from fsa_desk.services import reports

AnyIndex = QModelIndex | QPersistentModelIndex
DEFAULT_MONTHS = 12  # a fresh view shows the last year


class TextTableModel(QAbstractTableModel):
    """A read-only table of already formatted texts (German numbers, labels)."""

    def __init__(self, header: list[str], rows: list[list[str]], parent: Any = None) -> None:
        super().__init__(parent)
        self._header = header
        self._rows = rows

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._header)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        text = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._header):
            return self._header[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None


class ReportsView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.report: dict[str, Any] | None = None
        self.canvas: Any = None
        self._build()
        context.data_changed.connect(self._data_changed)
        self._choices_loaded = False

    # --- layout ---------------------------------------------------------------------------

    def _build(self) -> None:
        self.report_list = QListWidget()
        for name in reports.report_names():
            item = QListWidgetItem(_report_title(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.report_list.addItem(item)
        self.report_list.setCurrentRow(0)
        self.report_list.currentRowChanged.connect(lambda _row: self.refresh())
        self.report_list.setMaximumWidth(260)

        self.whole_period = QCheckBox(_("&Whole period"))
        self.whole_period.setChecked(False)
        self.from_month = _month_field()
        self.to_month = _month_field()
        today = QDate.currentDate()
        self.to_month.setDate(today.addMonths(-1))
        self.from_month.setDate(today.addMonths(-DEFAULT_MONTHS))
        self.whole_period.toggled.connect(self._period_toggled)
        self.counsellor = QComboBox()
        self.counsellor.addItem(_("whole team"), None)
        self.module = QComboBox()
        self.module.addItem(_("all modules"), None)
        for code in code_list("modules"):
            self.module.addItem(code.label(language()), code.code)
        self.region = QComboBox()
        self.region.addItem(_("all regions"), None)
        self.relative = QCheckBox(_("30-&day periods instead of months"))
        self.per_counsellor = QCheckBox(_("Per &counsellor"))
        self.per_counsellor.setToolTip(
            _("Per-counsellor figures are for steering workload, not for comparing people.")
        )
        for box in (self.counsellor, self.module, self.region):
            box.currentIndexChanged.connect(lambda _i: self.refresh())
        for check in (self.relative, self.per_counsellor):
            check.toggled.connect(lambda _on: self.refresh())
        self.from_month.dateChanged.connect(lambda _d: self.refresh())
        self.to_month.dateChanged.connect(lambda _d: self.refresh())

        filters = QFormLayout()
        filters.addRow(self.whole_period)
        filters.addRow(_("&From"), self.from_month)
        filters.addRow(_("&To"), self.to_month)
        filters.addRow(_("Counsello&r"), self.counsellor)
        filters.addRow(_("&Module"), self.module)
        filters.addRow(_("Re&gion"), self.region)
        filters.addRow(self.relative)
        filters.addRow(self.per_counsellor)

        self.export_pdf = QPushButton(_("Save as &PDF…"))
        self.export_csv = QPushButton(_("Save as CS&V…"))
        self.export_png = QPushButton(_("Save chart as P&NG…"))
        self.export_pdf.clicked.connect(self._save_pdf)
        self.export_csv.clicked.connect(self._save_csv)
        self.export_png.clicked.connect(self._save_png)

        left = QVBoxLayout()
        left.addWidget(QLabel(_("Report")))
        left.addWidget(self.report_list, 1)
        left.addLayout(filters)
        for button in (self.export_pdf, self.export_csv, self.export_png):
            left.addWidget(button)
        side = QWidget()
        side.setLayout(left)
        side.setMaximumWidth(300)

        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.status = QLabel()
        self.chart_area = QVBoxLayout()
        chart_holder = QWidget()
        chart_holder.setLayout(self.chart_area)
        self.tables = QTabWidget()
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(chart_holder)
        splitter.addWidget(self.tables)
        splitter.setSizes([420, 300])
        right = QVBoxLayout()
        right.addWidget(self.title)
        right.addWidget(self.description)
        right.addWidget(self.status)
        right.addWidget(splitter, 1)

        layout = QHBoxLayout(self)
        layout.addWidget(side)
        layout.addLayout(right, 1)
        self._period_toggled(False)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._choices_loaded:
            self._choices_loaded = True
            self.context.runner.run(
                lambda: reports.report_choices(self.context.store),
                on_result=self._fill_choices,
                on_error=self.status.setText,
            )
            self.refresh()

    def _fill_choices(self, choices: reports.ReportChoices) -> None:
        for code, name in choices.counsellors:
            self.counsellor.addItem(f"{code} – {name}", code)
        for region in choices.regions:
            self.region.addItem(region, region)

    def _period_toggled(self, whole: bool) -> None:
        self.from_month.setEnabled(not whole)
        self.to_month.setEnabled(not whole)
        self.refresh()

    # --- running ------------------------------------------------------------------------------

    @property
    def report_name(self) -> str:
        item = self.report_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else "monthly"

    def params(self) -> ReportParams:
        whole = self.whole_period.isChecked()
        return ReportParams(
            from_month=None if whole else _month_of(self.from_month.date()),
            to_month=None if whole else _month_of(self.to_month.date()),
            counsellor=self.counsellor.currentData(),
            module=self.module.currentData(),
            region=self.region.currentData(),
            relative=self.relative.isChecked(),
        )

    def refresh(self) -> None:
        if not hasattr(self, "tables") or not self.isVisible():
            return
        name, params = self.report_name, self.params()
        self.relative.setEnabled(name == "trajectory")
        self.title.setText(_report_title(name))
        self.description.setText(_report_description(name))
        self.status.setText(_("Calculating…"))
        self.context.runner.run(
            lambda: reports.run_report(self.context.store, name, params),
            on_result=self._show,
            on_error=self._failed,
            key="report",
        )

    def _data_changed(self) -> None:
        self.refresh()

    def _failed(self, message: str) -> None:
        self.status.setText(message)

    def _show(self, report: dict[str, Any]) -> None:
        from fsa_desk.reports import charts, pdf

        self.report = report
        self.status.setText("")
        self._show_chart(charts.chart(report, size=(9, 3.8)))
        self.tables.clear()
        for title, header, rows in pdf.tables(
            report, per_counsellor=self.per_counsellor.isChecked()
        ):
            table = QTableView()
            table.setModel(TextTableModel(header, rows, table))
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            self.tables.addTab(table, title or _("Table"))
        has_chart = self.canvas is not None
        self.export_png.setEnabled(has_chart)

    def _show_chart(self, figure: Any) -> None:
        if self.canvas is not None:
            self.chart_area.removeWidget(self.canvas)
            self.canvas.deleteLater()
            self.canvas = None
        if figure is None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setMinimumSize(420, 260)
        self.chart_area.addWidget(self.canvas)

    # --- export -------------------------------------------------------------------------------

    def _target(self, caption: str, suffix: str, filter_text: str) -> Path | None:
        default = f"{self.report_name}-{date.today().isoformat()}.{suffix}"
        chosen, _selected = QFileDialog.getSaveFileName(self, caption, default, filter_text)
        return Path(chosen) if chosen else None

    def _save_pdf(self) -> None:
        target = self._target(_("Save report as PDF"), "pdf", _("PDF documents (*.pdf)"))
        if target is not None:
            self.save_pdf(target)

    def save_pdf(self, target: Path) -> None:
        report, per_counsellor = self.report, self.per_counsellor.isChecked()
        if report is None:
            return

        def write() -> Path:
            target.write_bytes(reports.render_team_pdf(report, per_counsellor=per_counsellor))
            return target

        self.context.runner.run(write, on_result=self._saved, on_error=self._failed)

    def _save_csv(self) -> None:
        target = self._target(_("Save report as CSV"), "csv", _("CSV files (*.csv)"))
        if target is not None:
            self.save_csv(target)

    def save_csv(self, target: Path) -> None:
        if self.report is None:
            return
        from fsa_desk.reports.pdf import team_only

        shown = self.report if self.per_counsellor.isChecked() else team_only(self.report)
        target.write_text(render_csv(shown), encoding="utf-8-sig")  # Excel reads the BOM
        self._saved(target)

    def _save_png(self) -> None:
        target = self._target(_("Save chart as PNG"), "png", _("PNG images (*.png)"))
        if target is not None:
            self.save_png(target)

    def save_png(self, target: Path) -> None:
        if self.canvas is not None:
            self.canvas.figure.savefig(target, dpi=150)
            self._saved(target)

    def _saved(self, target: Path) -> None:
        self.context.status_message.emit(_("Saved: {path}").format(path=target))


def _month_field() -> QDateEdit:
    field = QDateEdit()
    field.setDisplayFormat("MM.yyyy")
    field.setCalendarPopup(True)
    return field


def _month_of(day: QDate) -> Month:
    return Month(day.year(), day.month())


def _report_title(name: str) -> str:
    from fsa_desk.reports.pdf import title

    return title(name)


def _report_description(name: str) -> str:
    from fsa_desk.reports.pdf import description

    return description(name)
