"""The agenda as a two-level tree: the groups Überfällig, Heute, Demnächst and their items.

Overdue items carry the word "überfällig" in the "Stand" column and a calm red: colour is never
the only signal. The tooltip explains how the date came about and how the item gets done.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from fsa_desk.i18n import _, ngettext
from fsa_desk.services.agenda import (
    Agenda,
    AgendaItem,
    Completion,
    Group,
    ItemKind,
    done_by_record_message,
)

ITEM_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("due", "when", "kind", "ref", "name", "text")
DUE, WHEN, KIND, REF, NAME, TEXT = range(len(COLUMNS))
_TOP = 0  # internal id of a group row; an item row's id is its group's row + 1
_Index = QModelIndex | QPersistentModelIndex
# Calm, not alarming: readable dark red text on a faint rose, with the word "überfällig".
OVERDUE_TEXT = QColor("#8c1d18")
OVERDUE_BACKGROUND = QColor("#fbeeed")


def column_titles() -> tuple[str, ...]:
    return (_("Due"), _("When"), _("Kind"), _("Household"), _("Name"), _("What to do"))


def group_title(group: Group) -> str:
    return {
        Group.OVERDUE: _("Overdue"),
        Group.TODAY: _("Today"),
        Group.UPCOMING: _("Coming up"),
    }[group]


def kind_label(kind: ItemKind) -> str:
    return {
        ItemKind.FRIST: _("Frist from a decision"),
        ItemKind.AUFENTHALT: _("Residence title"),
        ItemKind.FACHLEISTUNG: _("Fachleistung"),
        ItemKind.WILLKOMMEN: _("Willkommensjahr"),
        ItemKind.WIEDERVORLAGE: _("Follow-up"),
        ItemKind.AUFGABE: _("Task"),
    }[kind]


def when_text(due: date, today: date) -> str:
    """ "überfällig seit 3 Tagen", "heute", "morgen", "in 5 Tagen"."""
    days = (due - today).days
    if days < 0:
        return ngettext("overdue by {n} day", "overdue by {n} days", -days).format(n=-days)
    if days == 0:
        return _("today")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def completion_hint(item: AgendaItem) -> str:
    return {
        Completion.MARK_BESCHEID_DONE: _("Ctrl+E marks the Frist as done."),
        Completion.COMPLETE_TASK: _("Ctrl+E marks the task as done."),
        Completion.DISMISS_FOLLOW_UP: _(
            "Done by a later consultation; Ctrl+E dismisses the follow-up."
        ),
        Completion.RECORD_TITLE_HANDLED: _(
            "Done once the new residence status is recorded; Ctrl+E notes the renewal as seen to."
        ),
        Completion.BY_RECORD: done_by_record_message(item),
    }[item.completion]


class AgendaModel(QAbstractItemModel):
    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.agenda: Agenda | None = None
        self._groups: list[tuple[Group, tuple[AgendaItem, ...]]] = [(g, ()) for g in Group]

    def set_agenda(self, agenda: Agenda | None) -> None:
        self.beginResetModel()
        self.agenda = agenda
        self._groups = list(agenda.groups()) if agenda else [(g, ()) for g in Group]
        self.endResetModel()

    def item(self, index: _Index) -> AgendaItem | None:
        if not index.isValid() or index.internalId() == _TOP:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_of(self, key: str) -> QModelIndex:
        for group_row, (_group, items) in enumerate(self._groups):
            for row, item in enumerate(items):
                if item.key == key:
                    return self.createIndex(row, 0, group_row + 1)
        return QModelIndex()

    def first_item(self) -> QModelIndex:
        for group_row, (_group, items) in enumerate(self._groups):
            if items:
                return self.createIndex(0, 0, group_row + 1)
        return QModelIndex()

    # --- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _TOP)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _TOP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return column_titles()[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _TOP:
            return self._group_data(index, role)
        item = self.item(index)
        return None if item is None else self._item_data(item, index.column(), role)

    def _group_data(self, index: _Index, role: int) -> object:
        group, items = self._groups[index.row()]
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            return f"{group_title(group)} ({len(items)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and group == Group.OVERDUE and items:
            return QBrush(OVERDUE_TEXT)
        return None

    def _item_data(self, item: AgendaItem, column: int, role: int) -> object:
        today = self.agenda.today if self.agenda else date.today()
        overdue = item.due < today
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column, today)
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(t for t in (item.text, item.detail, completion_hint(item)) if t)
        if role == Qt.ItemDataRole.ForegroundRole and overdue and column in (DUE, WHEN):
            return QBrush(OVERDUE_TEXT)
        if role == Qt.ItemDataRole.BackgroundRole and overdue:
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.FontRole and overdue and column == WHEN:
            font = QFont()
            font.setBold(True)
            return font
        if role == ITEM_ROLE:
            return item
        return None

    @staticmethod
    def _display(item: AgendaItem, column: int, today: date) -> str:
        return (
            item.due.strftime("%d.%m.%Y"),
            when_text(item.due, today),
            kind_label(item.kind),
            item.household_ref or "—",
            item.household_name or "—",
            item.text,
        )[column]
