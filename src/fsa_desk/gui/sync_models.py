"""The tables of the "Austausch" page and its review lists: formatted texts, numbers right."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from fsa_desk.gui.reports_view import TextTableModel

AnyIndex = QModelIndex | QPersistentModelIndex


class SyncTableModel(TextTableModel):
    """Like the reports' text table, but only the ``numbers`` columns are right-aligned
    (names, fingerprints and reasons read from the left)."""

    def __init__(
        self,
        header: list[str],
        rows: list[list[str]],
        parent: Any = None,
        numbers: Collection[int] = (),
    ) -> None:
        super().__init__(header, rows, parent)
        self._numbers = frozenset(numbers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and index.isValid():
            horizontal = (
                Qt.AlignmentFlag.AlignRight
                if index.column() in self._numbers
                else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def row_table(model: SyncTableModel, *, stretch: bool = False) -> QTableView:
    """A table picking whole rows, one at a time; ``stretch`` shares the width between columns
    (the review lists), otherwise columns fit their contents and the last takes the rest."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    if stretch:
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    else:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        view.verticalHeader().hide()
    return view
