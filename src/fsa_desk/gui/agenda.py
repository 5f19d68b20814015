"""The "Fristen & Aufgaben" page: what is overdue, due today and coming up.

Grouped under Überfällig / Heute / Demnächst. Enter or a double click opens the household;
Ctrl+E ticks the selected item off (Ctrl+Z brings it back); Ctrl+B records a Bescheid with its
Frist. "Nur meine" / "Ganzes Team" (for the lead) and the horizon narrow the list. Loading runs on
the database worker and repeats after every change. In presentation mode the list is hidden: it
names other households.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QSize, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.agenda_model import (
    DUE,
    KIND,
    NAME,
    REF,
    TEXT,
    WHEN,
    AgendaModel,
    completion_hint,
    kind_label,
    when_text,
)
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.presentation import PresentationCover
from fsa_desk.i18n import _, ngettext
from fsa_desk.services import agenda as agenda_service
from fsa_desk.services.agenda import Agenda, AgendaItem, Completed, ItemKind

HORIZONS = (7, 14, 28, 56)  # days; offered as weeks
COMPLETE_KEYS = QKeySequence("Ctrl+E")
BESCHEID_KEYS = QKeySequence("Ctrl+B")


class CompleteItemCommand(QUndoCommand):
    """An item ticked off: undo reopens it, redo ticks it off again.

    Pushed after the first completion succeeded, so its first redo does nothing. The worker
    keeps what the latest completion changed on the command itself, before the result
    returns: an undo queued right behind a redo finds it (the worker runs jobs in order).
    """

    def __init__(self, context: AppContext, done: Completed) -> None:
        super().__init__(_("Done: {text}").format(text=done.item.text))
        self.context = context
        self.done = done
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        store, item = self.context.store, self.done.item

        def work() -> None:
            self.done = agenda_service.complete(store, item)

        self._run(work, _("Redone: {action}").format(action=self.text()))

    def undo(self) -> None:
        store = self.context.store
        self._run(
            lambda: agenda_service.revert(store, self.done),
            _("Undone: {action}").format(action=self.text()),
        )

    def _run(self, work: Callable[[], None], message: str) -> None:
        self.context.runner.run(
            work,
            on_result=lambda _result: self.context.changed(message),
            on_error=self.context.status_message.emit,
        )


class _RoomyRows(QStyledItemDelegate):
    """A little air between rows: a list read at a glance, often on a laptop."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(size.height() + 8)
        return size


class AgendaView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.viewer = agenda_service.viewer(context.store)
        self.model = AgendaModel(self)
        self._keep_key: str | None = None  # the selection to restore after a reload
        self._next_key: str | None = None  # where it moves once an item was ticked off
        self._build()
        self._connect()
        self.set_presentation(context.presentation)

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.scope_filter = QComboBox(self)
        self.scope_filter.addItem(_("Only mine"), "mine")
        self.scope_filter.addItem(_("Whole team"), "team")
        if self.viewer.is_lead:
            self.scope_filter.setCurrentIndex(1)
        else:
            self.scope_filter.setEnabled(False)
            self.scope_filter.setToolTip(_("The whole team's list is for the team lead."))
        self.horizon_filter = QComboBox(self)
        for days in HORIZONS:
            weeks = days // 7
            self.horizon_filter.addItem(
                ngettext("{n} week ahead", "{n} weeks ahead", weeks).format(n=weeks), days
            )
        self.horizon_filter.setCurrentIndex(HORIZONS.index(agenda_service.DEFAULT_HORIZON_DAYS))
        self.count_label = QLabel(self)
        self.tree = self._build_tree()
        self.complete_button = QPushButton(_("&Done"), self)
        self.complete_button.setToolTip(_("Tick the selected item off (Ctrl+E)"))
        self.bescheid_button = QPushButton(_("Record a &decision…"), self)
        self.bescheid_button.setToolTip(_("Record a Bescheid and its Frist (Ctrl+B)"))
        self.open_button = QPushButton(_("&Open household"), self)
        self.open_button.setToolTip(_("Open the selected item's household (Enter)"))
        self.stack = PresentationCover(
            self._list_page(), _("Presentation mode: deadlines and tasks are hidden."), self
        )
        self.presentation_notice = self.stack.notice
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.complete_action = self._action(COMPLETE_KEYS, self.complete_selected)
        self.bescheid_action = self._action(BESCHEID_KEYS, self.open_bescheid_dialog)

    def _list_page(self) -> QWidget:
        page = QWidget(self)
        filters = QHBoxLayout()
        for text, combo in ((_("&Show:"), self.scope_filter), (_("&Until:"), self.horizon_filter)):
            label = QLabel(text, page)
            label.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            filters.addWidget(label)
            filters.addWidget(combo)
            filters.addSpacing(8)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.complete_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.bescheid_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        return page

    def _build_tree(self) -> QTreeView:
        tree = QTreeView(self)
        tree.setModel(self.model)
        tree.setAccessibleName(_("Deadlines and tasks"))
        tree.setRootIsDecorated(False)
        tree.setItemsExpandable(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setIndentation(12)
        tree.setItemDelegate(_RoomyRows(tree))
        self._size_columns(tree)
        return tree

    def _size_columns(self, tree: QTreeView) -> None:
        """Widths from sample texts, so they follow the font and the language."""
        header = tree.header()
        metrics = header.fontMetrics()
        padding = 30
        today = date.today()
        samples = {
            DUE: "00.00.0000",
            WHEN: when_text(date.fromordinal(today.toordinal() - 188), today),
            KIND: max((kind_label(k) for k in ItemKind), key=metrics.horizontalAdvance),
            REF: "D1-2025-0001",
            NAME: "Mohammadi, Mohammed (+4)",
        }
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title))
            header.resizeSection(column, width + padding)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(True)

    def _action(self, keys: QKeySequence, slot: Callable[[], None]) -> QAction:
        action = QAction(self)
        action.setShortcut(keys)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _connect(self) -> None:
        self.scope_filter.currentIndexChanged.connect(self.reload)
        self.horizon_filter.currentIndexChanged.connect(self.reload)
        self.tree.activated.connect(self._activated)
        self.tree.selectionModel().currentChanged.connect(self._update_buttons)
        self.complete_button.clicked.connect(self.complete_selected)
        self.bescheid_button.clicked.connect(self.open_bescheid_dialog)
        self.open_button.clicked.connect(self.open_selected)
        self.model.modelAboutToBeReset.connect(self._remember_selection)
        self.context.data_changed.connect(self.reload)
        self.context.presentation_changed.connect(self.set_presentation)

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.context.presentation:
            return
        store = self.context.store
        horizon = int(self.horizon_filter.currentData())
        mine = self.scope_filter.currentData() == "mine"
        counsellor = self.viewer.counsellor_id if mine else None
        self.context.runner.run(
            lambda: agenda_service.agenda(store, horizon_days=horizon, counsellor=counsellor),
            on_result=self._show,
            on_error=self.context.status_message.emit,
            key=f"agenda-{id(self)}",
        )

    def _show(self, agenda: Agenda) -> None:
        if self.context.presentation:
            return
        self.model.set_agenda(agenda)
        for row in range(self.model.rowCount()):
            self.tree.setFirstColumnSpanned(row, QModelIndex(), True)
        self.tree.expandAll()
        self.count_label.setText(
            _("{overdue} overdue · {today} today · {upcoming} coming up").format(
                overdue=len(agenda.overdue),
                today=len(agenda.due_today),
                upcoming=len(agenda.upcoming),
            )
        )
        key, self._next_key = self._next_key or self._keep_key, None
        index = self.model.index_of(key) if key else QModelIndex()
        self._select(index if index.isValid() else self.model.first_item())

    def _remember_selection(self) -> None:
        item = self.selected_item()
        self._keep_key = item.key if item else self._keep_key

    def _select(self, index: QModelIndex) -> None:
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        self._update_buttons()

    def set_presentation(self, on: bool) -> None:
        self.stack.set_presentation(on)
        if on:
            self.model.set_agenda(None)  # nothing of other households stays in the view
            self.count_label.clear()
        else:
            self.reload()

    # --- acting on the selection ----------------------------------------------------------------

    def selected_item(self) -> AgendaItem | None:
        return self.model.item(self.tree.currentIndex())

    def _update_buttons(self, *_args: object) -> None:
        item = self.selected_item()
        self.complete_button.setEnabled(item is not None and item.can_complete)
        self.open_button.setEnabled(item is not None and item.household_id is not None)

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item is not None and item.household_id is not None:
            self.context.show_household(item.household_id)

    def open_selected(self) -> None:
        self._activated(self.tree.currentIndex())

    def complete_selected(self) -> None:
        item = self.selected_item()
        if item is None or self.context.presentation:
            return
        if not item.can_complete:
            self.context.status_message.emit(completion_hint(item))
            return
        self._next_key = self._neighbour_key(item)
        store = self.context.store
        self.context.runner.run(
            lambda: agenda_service.complete(store, item),
            on_result=self._completed,
            on_error=self.context.status_message.emit,
        )

    def _neighbour_key(self, item: AgendaItem) -> str | None:
        """After ticking an item off, the selection moves to the next one (or the previous)."""
        agenda = self.model.agenda
        keys = [i.key for _group, items in agenda.groups() for i in items] if agenda else []
        if item.key not in keys:
            return None
        position = keys.index(item.key)
        neighbours = keys[position + 1 : position + 2] or keys[max(position - 1, 0) : position]
        return neighbours[0] if neighbours else None

    def _completed(self, done: Completed) -> None:
        self.context.undo_stack.push(CompleteItemCommand(self.context, done))
        self.context.changed(_("Done: {text}").format(text=done.item.text))

    def open_bescheid_dialog(self) -> None:
        if self.context.presentation:
            return
        from fsa_desk.gui.bescheid_dialog import BescheidDialog

        item = self.selected_item()
        dialog = BescheidDialog(self.context, item.household_id if item else None, parent=self)
        dialog.open()
