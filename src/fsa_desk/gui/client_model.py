"""The client list's table model: holds the sorted ids of the whole result and fetches rows in
pages through the background runner, so a list of thousands of households never blocks the GUI.

A search (``set_query``) returns the ids and the first page in one job; scrolling to a row whose
page is not there yet shows "…lädt" and asks for that page. Sorting re-queries the ids in SQL.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from fsa_desk.domain.codes import code_list
from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _, language
from fsa_desk.services.client_list import (
    PAGE_SIZE,
    ClientPage,
    ClientQuery,
    ClientRow,
    Member,
    SortKey,
    client_rows,
    search_clients,
)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_KEY = "client-search"
OVERDUE = QColor("#a40e26")
INACTIVE = QColor("#6b6b6b")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: SortKey | None  # None: not sortable (the match column)
    title: str
    tooltip: str = ""


# Display order; the last column shows what a search matched and is hidden without a search.
COLUMN_KEYS = (*SortKey, None)
COLUMN_OF = {key: number for number, key in enumerate(COLUMN_KEYS) if key is not None}
MATCH_COLUMN = len(COLUMN_KEYS) - 1


def columns() -> tuple[Column, ...]:
    """The columns in display order, titled in the current language."""
    titles = {
        SortKey.REF: (_("Household no."), ""),
        SortKey.NAMES: (_("Names"), _("Current members, head of household first")),
        SortKey.PERSONS: (_("Persons"), _("Number of current members")),
        SortKey.MODULE: (_("Module"), ""),
        SortKey.STATUS: (_("Status"), ""),
        SortKey.COUNSELLOR: (_("Key counsellor"), ""),
        SortKey.REGION: (_("Region"), ""),
        SortKey.LAST_CONTACT: (_("Last contact"), _("Last consultation that took place")),
        SortKey.NEXT_DUE: (
            _("Next deadline"),
            _("Soonest open deadline, task or follow-up; red when overdue"),
        ),
        None: (_("Found by"), _("The member the search found the household by")),
    }
    return tuple(Column(key, *titles[key]) for key in COLUMN_KEYS)


def status_label(status: str) -> str:
    labels = {"aktiv": _("active"), "ruhend": _("dormant"), "abgeschlossen": _("closed")}
    return labels.get(status, status)


def german_date(day: date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else ""


def member_names(members: tuple[Member, ...]) -> str:
    """ "Haddad, Rania; Omar; Khalil, Samer": a family name is written once for consecutive
    members who share it."""
    parts, previous = [], None
    for member in members:
        same_family = member.family_name == previous and member.given_name
        parts.append(member.given_name if same_family else member.name)
        previous = member.family_name
    return "; ".join(parts)


def member_line(member: Member) -> str:
    role = code_list("household_roles")
    label = role.label(member.role, language()) if member.role in role else member.role
    born = _("born {date}").format(date=member.birth) if member.birth else ""
    return ", ".join(part for part in (member.name, label, born) if part)


class ClientTableModel(QAbstractTableModel):
    """Rows appear as their page arrives; ``results_changed`` fires when a new result is in."""

    results_changed = Signal()
    failed = Signal(str)

    def __init__(self, context: AppContext, parent=None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.context = context
        self.page_size = page_size
        self.today: date | None = None  # tests pin the day; None: today
        self.query = ClientQuery()  # the newest search asked for
        self.shown_query = self.query  # the search whose result is shown
        self.loaded = False  # a first result has arrived
        self._columns = columns()
        self._ids: list[uuid.UUID] = []
        self._rows: dict[uuid.UUID, ClientRow | None] = {}  # None: gone since the ids were read
        self._requested: set[int] = set()
        self._generation = 0

    # --- queries ------------------------------------------------------------------------------

    def set_query(self, query: ClientQuery) -> None:
        """Search again; only the newest search's result lands (the runner's key)."""
        self.query = query
        store, size, today = self.context.store, self.page_size, self.today
        self.context.runner.run(
            lambda: search_clients(store, query, page_size=size, today=today),
            on_result=lambda page: self._show(query, page),
            on_error=self.failed.emit,
            key=SEARCH_KEY,
        )

    def reload(self) -> None:
        self.set_query(self.query)

    def _show(self, query: ClientQuery, page: ClientPage) -> None:
        self.beginResetModel()
        self.shown_query = query
        self._generation += 1  # pages asked for by the previous result are dropped
        self._ids = page.ids
        self._rows = {row.id: row for row in page.rows}
        self._rows.update({i: None for i in page.ids[: self.page_size] if i not in self._rows})
        self._requested = {0}
        self.loaded = True
        self.endResetModel()
        self.results_changed.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self._columns[column].key if 0 <= column < len(self._columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) != (self.query.sort, self.query.descending):
            self.set_query(replace(self.query, sort=key, descending=descending))

    # --- lazy pages ---------------------------------------------------------------------------

    def _request_page(self, page: int) -> None:
        if page in self._requested:
            return
        self._requested.add(page)
        generation = self._generation
        # Deferred: data() must not change the model while a view is painting.
        QTimer.singleShot(0, lambda: self._load_page(generation, page))

    def _load_page(self, generation: int, page: int) -> None:
        if generation != self._generation:
            return
        ids = self._ids[page * self.page_size : (page + 1) * self.page_size]
        store, text, today = self.context.store, self.shown_query.text, self.today
        self.context.runner.run(
            lambda: client_rows(store, ids, text=text, today=today),
            on_result=lambda rows: self._page_arrived(generation, page, ids, rows),
            on_error=self.failed.emit,
        )

    def _page_arrived(
        self, generation: int, page: int, ids: list[uuid.UUID], rows: list[ClientRow]
    ) -> None:
        if generation != self._generation:
            return
        self._rows.update({i: None for i in ids})
        self._rows.update({row.id: row for row in rows})
        first = page * self.page_size
        last = min(first + self.page_size, len(self._ids)) - 1
        self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # --- reading ------------------------------------------------------------------------------

    def household_id(self, row: int) -> uuid.UUID | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, household_id: uuid.UUID) -> int | None:
        try:
            return self._ids.index(household_id)
        except ValueError:
            return None

    def client(self, row: int) -> ClientRow | None:
        """The row's data, or None while its page is loading."""
        household_id = self.household_id(row)
        return self._rows.get(household_id) if household_id else None

    def is_loading(self, row: int) -> bool:
        household_id = self.household_id(row)
        return household_id is not None and household_id not in self._rows

    # --- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip:
            return column.tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        row = self._rows.get(self._ids[index.row()])
        if row is None:
            return self._placeholder(index, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, index.column())
        if (
            role == Qt.ItemDataRole.TextAlignmentRole
            and index.column() == COLUMN_OF[SortKey.PERSONS]
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _placeholder(self, index: Index, role: int):
        """A row whose page is on its way (or that vanished since the ids were read)."""
        if self._ids[index.row()] not in self._rows:
            self._request_page(index.row() // self.page_size)
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return _("…loading")
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(INACTIVE)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, row: ClientRow, column: int):
        key = self._columns[column].key
        if key is SortKey.REF:
            return row.household_ref
        if key is SortKey.NAMES:
            return member_names(row.members)
        if key is SortKey.PERSONS:
            return len(row.members)
        if key is SortKey.MODULE:
            return code_list("modules").label(row.module, language())
        if key is SortKey.STATUS:
            return status_label(row.status)
        if key is SortKey.COUNSELLOR:
            return f"{row.counsellor_name} ({row.counsellor_code})" if row.counsellor_code else ""
        if key is SortKey.REGION:
            return code_list("regions").label(row.region, language()) if row.region else ""
        if key is SortKey.LAST_CONTACT:
            return german_date(row.last_contact)
        if key is SortKey.NEXT_DUE:
            return german_date(row.next_due)
        return self._match_text(row)

    def _match_text(self, row: ClientRow) -> str:
        if not self.shown_query.text.strip():
            return ""
        if row.match is None:
            return _("household no.")
        name = row.match.member.name
        return name if row.match.current else _("{name} (former member)").format(name=name)

    def _tooltip(self, row: ClientRow, column: int):
        if column == COLUMN_OF[SortKey.NAMES] and row.members:
            return "\n".join(member_line(member) for member in row.members)
        if column == COLUMN_OF[SortKey.NEXT_DUE] and self._overdue(row):
            return _("Overdue")
        if column == MATCH_COLUMN and row.match is not None:
            return member_line(row.match.member)
        return None

    def _foreground(self, row: ClientRow, column: int):
        if column == COLUMN_OF[SortKey.NEXT_DUE] and self._overdue(row):
            return QBrush(OVERDUE)
        if row.status == "abgeschlossen":
            return QBrush(INACTIVE)
        return None

    def _overdue(self, row: ClientRow) -> bool:
        return row.next_due is not None and row.next_due < (self.today or date.today())
