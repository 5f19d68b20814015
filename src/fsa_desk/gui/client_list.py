"""The "Klient:innen" page: one list over households and persons, searched as you type.

Type a name (any transliteration), a Haushalt-Nr. or a birth date; narrow by module, status,
Bezugsberater:in and region; sort by any column. Enter or a double click opens the household,
Ctrl+N records a consultation for the selected one, Down moves from the search into the list.
In presentation mode the list is replaced by a neutral message: the client may see the screen.
"""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.codes import code_list
from fsa_desk.gui.client_model import COLUMN_OF, MATCH_COLUMN, ClientTableModel, status_label
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.presentation import PresentationCover
from fsa_desk.i18n import _, language, ngettext
from fsa_desk.services.client_columns import STATUS_ORDER
from fsa_desk.services.client_list import ClientQuery, SortKey, counsellor_choices

DEBOUNCE_MS = 150
NEW_CONSULTATION = QKeySequence("Ctrl+N")
# Widths as sample texts, so they follow the font and the language; Members takes the rest.
COLUMN_SAMPLES = {
    SortKey.REF: "D1-2025-0001",
    SortKey.PERSONS: "12",
    SortKey.LAST_CONTACT: "00.00.0000",
    SortKey.NEXT_DUE: "00.00.0000",
}


class ClientListView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ClientTableModel(context, self)
        self._pending_open = False
        self._keep_selection: uuid.UUID | None = None
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.search_now)
        self._build()
        self._connect()
        self._fill_static_filters()
        self.load_counsellors()
        self.set_presentation(context.presentation)
        self.search_now()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.search_field = QLineEdit(self)
        self.search_field.setObjectName("client_search")
        self.search_field.setPlaceholderText(
            _("Name, household no. or date of birth (e.g. 17.05.1990)")
        )
        self.search_field.setClearButtonEnabled(True)
        self.count_label = QLabel(_("…loading"), self)
        widest = ngettext("{count} household", "{count} households", 8888).format(count=8888)
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance(widest))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.module_filter = QComboBox(self)
        self.status_filter = QComboBox(self)
        self.counsellor_filter = QComboBox(self)
        self.region_filter = QComboBox(self)
        self.reset_button = QPushButton(_("Reset f&ilters"), self)
        self.table = self._build_table()
        self.stack = PresentationCover(
            self._list_page(), _("Presentation mode: the client list is hidden."), self
        )
        self.presentation_notice = self.stack.notice
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        search_label = QLabel(_("&Search:"), page)
        search_label.setBuddy(self.search_field)
        search_row = QHBoxLayout()
        search_row.addWidget(search_label)
        search_row.addWidget(self.search_field, 1)
        search_row.addWidget(self.count_label)
        filter_row = QHBoxLayout()
        for text, combo in (
            (_("&Module:"), self.module_filter),
            (_("S&tatus:"), self.status_filter),
            (_("&Key counsellor:"), self.counsellor_filter),
            (_("&Region:"), self.region_filter),
        ):
            label = QLabel(text, page)
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filter_row.addWidget(label)
            filter_row.addWidget(combo)
            filter_row.addSpacing(8)
        filter_row.addWidget(self.reset_button)
        filter_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(search_row)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        return page

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = table.horizontalHeader()
        header.setSortIndicator(COLUMN_OF[SortKey.NAMES], Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._size_columns(table)
        table.setColumnHidden(MATCH_COLUMN, True)
        return table

    def _size_columns(self, table: QTableView) -> None:
        header = table.horizontalHeader()
        metrics = header.fontMetrics()
        padding = 28  # cell margins and the sort arrow
        samples = dict(COLUMN_SAMPLES)
        samples[SortKey.MODULE] = max(
            (c.label(language()) for c in code_list("modules")), key=metrics.horizontalAdvance
        )
        samples[SortKey.COUNSELLOR] = "Julia Neumann (D1)"
        samples[SortKey.STATUS] = max(
            map(status_label, STATUS_ORDER), key=metrics.horizontalAdvance
        )
        samples[SortKey.REGION] = max(
            (c.label(language()) for c in code_list("regions")), key=metrics.horizontalAdvance
        )
        for key, sample in samples.items():
            column = COLUMN_OF[key]
            title = self.model.headerData(column, Qt.Orientation.Horizontal)
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, width + padding)
        header.resizeSection(
            MATCH_COLUMN, metrics.horizontalAdvance("Mohammadi, Mohammed") + padding
        )
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMN_OF[SortKey.NAMES], QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(metrics.horizontalAdvance("000") + padding)

    def _connect(self) -> None:
        self.search_field.textChanged.connect(self._text_changed)
        self.search_field.returnPressed.connect(self._search_entered)
        for combo in self._filters():
            combo.currentIndexChanged.connect(self.search_now)
        self.reset_button.clicked.connect(self.reset_filters)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._keep_sort_indicator)
        self.table.activated.connect(self._activated)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.model.results_changed.connect(self._results_arrived)
        self.model.failed.connect(self._show_error)
        self.search_field.installEventFilter(self)
        self.table.installEventFilter(self)
        self.context.data_changed.connect(self.reload)
        self.context.presentation_changed.connect(self.set_presentation)

    def _filters(self) -> tuple[QComboBox, ...]:
        return (self.module_filter, self.status_filter, self.counsellor_filter, self.region_filter)

    def _fill_static_filters(self) -> None:
        for combo in self._filters():
            combo.blockSignals(True)
            combo.addItem(_("All"), None)
        for code in code_list("modules"):
            self.module_filter.addItem(code.label(language()), code.code)
        for status in STATUS_ORDER:
            self.status_filter.addItem(status_label(status), status)
        for code in code_list("regions"):
            self.region_filter.addItem(code.label(language()), code.code)
        for combo in self._filters():
            combo.blockSignals(False)

    # --- searching ----------------------------------------------------------------------------

    def current_query(self) -> ClientQuery:
        return replace(
            self.model.query,
            text=self.search_field.text().strip(),
            module=self.module_filter.currentData(),
            status=self.status_filter.currentData(),
            counsellor_id=self.counsellor_filter.currentData(),
            region=self.region_filter.currentData(),
        )

    def _text_changed(self) -> None:
        self.debounce.start()  # restarts: a search runs once typing pauses

    def search_now(self) -> None:
        self.debounce.stop()
        self.model.set_query(self.current_query())

    def reload(self) -> None:
        """After a write anywhere: same search, fresh rows; the selection stays where it was."""
        self.model.reload()
        self.load_counsellors()

    def reset_filters(self) -> None:
        for combo in self._filters():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search_now()

    def load_counsellors(self) -> None:
        store = self.context.store
        self.context.runner.run(
            lambda: counsellor_choices(store),
            on_result=self._fill_counsellors,
            key="client-counsellors",
        )

    def _fill_counsellors(self, choices) -> None:
        combo = self.counsellor_filter
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(_("All"), None)
        for choice in choices:
            combo.addItem(f"{choice.name} ({choice.code})", choice.id)
        found = combo.findData(chosen) if chosen is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if chosen is not None and found < 0:
            self.search_now()  # the chosen counsellor is gone

    # --- results ------------------------------------------------------------------------------

    def _keep_sort_indicator(self, column: int, _order) -> None:
        """The match column cannot be sorted by: the arrow stays where the sort is."""
        if column == MATCH_COLUMN:
            query = self.model.query
            order = (
                Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
            )
            self.table.horizontalHeader().setSortIndicator(COLUMN_OF[query.sort], order)

    def _remember_selection(self) -> None:
        self._keep_selection = self.selected_household()

    def _results_arrived(self) -> None:
        count = self.model.rowCount()
        if count:
            self.count_label.setText(
                ngettext("{count} household", "{count} households", count).format(count=count)
            )
        else:
            self.count_label.setText(_("No household found"))
        self.count_label.setStyleSheet("")
        self.table.setColumnHidden(MATCH_COLUMN, not self.model.shown_query.text)
        row = self.model.row_of(self._keep_selection) if self._keep_selection else None
        if row is None and self.search_field.text().strip() and count:
            row = 0  # the best hit, so Enter opens it
        if row is not None:
            self._select_row(row)
        if self._pending_open:
            self._pending_open = False
            self.open_selected()

    def _show_error(self, message: str) -> None:
        self.count_label.setText(message)
        self.count_label.setStyleSheet("color: #a40e26;")

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def selected_household(self) -> uuid.UUID | None:
        """The household selected in the list, if any (for Ctrl+N and the main window)."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.household_id(rows[0].row()) if rows else None

    # --- actions ------------------------------------------------------------------------------

    def _activated(self, index) -> None:
        household_id = self.model.household_id(index.row())
        if household_id is not None:
            self.context.show_household(household_id)

    def open_selected(self) -> None:
        household_id = self.selected_household()
        if household_id is not None:
            self.context.show_household(household_id)

    def _search_entered(self) -> None:
        if self.debounce.isActive():  # typed and pressed Enter at once: open when it lands
            self._pending_open = True
            self.search_now()
        else:
            self.open_selected()

    def request_consultation(self) -> None:
        self.context.consultation_requested.emit(self.selected_household())

    def _context_menu(self, position) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self._select_row(index.row())
        menu = QMenu(self)
        open_action = QAction(_("&Open household"), menu)
        open_action.triggered.connect(self.open_selected)
        record_action = QAction(_("Record &consultation"), menu)
        record_action.triggered.connect(self.request_consultation)
        menu.addActions([open_action, record_action])
        menu.exec(self.table.viewport().mapToGlobal(position))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and _is_new_consultation(event):
            event.accept()  # ours, not the window's: it knows the selected household
            return True
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        if _is_new_consultation(event):
            self.request_consultation()
            return True
        if watched is self.search_field:
            return self._search_key(event)
        if (
            watched is self.table
            and event.key() == Qt.Key.Key_Up
            and self.table.currentIndex().row() <= 0
        ):
            self.search_field.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        return super().eventFilter(watched, event)

    def _search_key(self, event: QKeyEvent) -> bool:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown) and self.model.rowCount():
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if not self.table.selectionModel().selectedRows():
                self._select_row(0)
            return True
        if event.key() == Qt.Key.Key_Escape and self.search_field.text():
            self.search_field.clear()
            return True
        return False

    # --- presentation mode --------------------------------------------------------------------

    def set_presentation(self, on: bool) -> None:
        """Hide everything that names a client while the screen is turned to one."""
        self.stack.set_presentation(on)


def _is_new_consultation(event: QEvent) -> bool:
    if not isinstance(event, QKeyEvent):
        return False
    return QKeySequence(event.keyCombination()) == NEW_CONSULTATION
