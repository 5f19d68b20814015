"""A line edit that finds a household while the counsellor types a name, variant or file number.

The completion list is filled by the client search (``services/consultation_entry``) on the
database worker, so typing never waits on the store; the newest keystroke's hits replace older
ones. The first hit is preselected: "Hadd" and Enter picks the Haddad household.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QLineEdit, QWidget

from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _
from fsa_desk.services import consultation_entry
from fsa_desk.services.search_index import ClientHit

HOUSEHOLD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_Index = QModelIndex | QPersistentModelIndex


def hit_text(hit: ClientHit) -> str:
    """How a household reads in the picker: its file number, then who lives there."""
    return f"{hit.household_ref} – {hit.names}" if hit.names else hit.household_ref


class HouseholdHitsModel(QAbstractListModel):
    """The search hits the completer offers, one household per row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hits: list[ClientHit] = []

    def set_hits(self, hits: list[ClientHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> ClientHit:
        return self._hits[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return hit_text(hit)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("File {ref}, status: {status}").format(
                ref=hit.household_ref, status=hit.status
            )
        if role == HOUSEHOLD_ID_ROLE:
            return hit.household_id
        return None


class HouseholdPicker(QLineEdit):
    """Choose one household; ``household_changed`` carries its id, or None once the text is
    edited again."""

    household_changed = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._household: ClientHit | None = None
        self._search_key = f"household-picker-{id(self)}"
        self.hits = HouseholdHitsModel(self)
        self.setPlaceholderText(_("Name, spelling variant or file number"))
        self.setClearButtonEnabled(True)
        completer = QCompleter(self.hits, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setMaxVisibleItems(10)
        # setWidget, not setCompleter: the line edit must not re-run the completion on each key
        # (it would drop the preselected first hit); this picker drives the popup itself.
        completer.setWidget(self)
        completer.activated[QModelIndex].connect(self._choose_index)  # type: ignore[attr-defined]
        self._completer = completer
        self.textEdited.connect(self._search)

    @property
    def household_id(self) -> uuid.UUID | None:
        return self._household.household_id if self._household else None

    @property
    def household(self) -> ClientHit | None:
        return self._household

    def popup(self) -> QAbstractItemView:
        """The completion list (keys go there while it is open)."""
        return self._completer.popup()

    def set_household(self, hit: ClientHit | None) -> None:
        """Show a household chosen elsewhere (or none) without searching."""
        self.context.runner.cancel(self._search_key)
        self.hits.set_hits([hit] if hit else [])
        self._completer.popup().hide()
        self.setText(hit_text(hit) if hit else "")
        self.setCursorPosition(0)  # the file number first, not the end of a long name list
        self._set_choice(hit)

    def _set_choice(self, hit: ClientHit | None) -> None:
        changed = (hit.household_id if hit else None) != self.household_id
        self._household = hit
        if changed:
            self.household_changed.emit(self.household_id)

    def _search(self, text: str) -> None:
        self._set_choice(None)
        if not text.strip():
            self.hits.set_hits([])
            self._completer.popup().hide()
            return
        store = self.context.store
        self.context.runner.run(
            lambda: consultation_entry.household_completions(store, text),
            on_result=self._show_hits,
            on_error=self.context.status_message.emit,
            key=self._search_key,
        )

    def _show_hits(self, hits: list[ClientHit]) -> None:
        if self._household is not None:
            return  # chosen while the search ran
        self.hits.set_hits(hits)
        completer = self._completer
        if hits and self.hasFocus():
            completer.complete()
            popup = completer.popup()
            popup.setCurrentIndex(completer.completionModel().index(0, 0))
        else:
            completer.popup().hide()

    def _choose_index(self, index: QModelIndex) -> None:
        household_id = index.data(HOUSEHOLD_ID_ROLE)
        for row in range(self.hits.rowCount()):
            if self.hits.hit(row).household_id == household_id:
                self._choose(self.hits.hit(row))
                return

    def _choose(self, hit: ClientHit) -> None:
        self.setText(hit_text(hit))
        self.setCursorPosition(0)
        self._set_choice(hit)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the field with exactly one hit typed out means that household."""
        popup_open = self._completer.popup().isVisible()
        typed = bool(self.text().strip())
        if typed and self._household is None and self.hits.rowCount() == 1 and not popup_open:
            self._choose(self.hits.hit(0))
        super().focusOutEvent(event)
