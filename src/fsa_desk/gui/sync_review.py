"""The lead's two review lists after an import: "Parallele Änderungen" (both values, authors,
times; a choice is a new change) and suspected duplicate persons (same / not the same / undo).

Note values stay hidden until "Notiz öffnen" with a reason, which the service logs.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.forms.subject_access import field_label
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.sync_dialogs import NoteReasonDialog
from fsa_desk.gui.sync_format import when
from fsa_desk.gui.sync_models import SyncTableModel, row_table
from fsa_desk.i18n import _
from fsa_desk.services import conflicts, duplicate_review
from fsa_desk.services.conflicts import Conflict, Side
from fsa_desk.services.duplicate_review import Candidate
from fsa_desk.services.sync_status import PersonSide, person_facts


def _value(side: Side, hidden: bool, revealed: Any = None) -> str:
    if side.deletes:
        return _("(deleted)")
    if hidden and revealed is None:
        return _("(note hidden)")
    value = revealed if hidden else side.value
    if value is None:
        return "–"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class _ReviewDialog(QDialog):
    """A list, a row of decision buttons and an error line; reloads after every decision."""

    def __init__(self, context: AppContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setWindowTitle(title)
        self.resize(1100, 520)
        self.table = row_table(SyncTableModel([], [], self), stretch=True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.actions = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(self.actions)
        layout.addWidget(self.message)

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.actions.addWidget(button)
        return button

    def _selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _show(
        self, header: list[str], rows: list[list[str]], numbers: tuple[int, ...] = ()
    ) -> None:
        self.table.setModel(SyncTableModel(header, rows, self, numbers))
        for column in numbers:  # a score needs no third of the width
            self.table.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._enable())
        if rows:
            self.table.selectRow(0)
        self.table.resizeRowsToContents()
        self._enable()

    def _enable(self) -> None:
        raise NotImplementedError

    def _failed(self, message: str) -> None:
        self.message.setText(message)


class ConflictsDialog(_ReviewDialog):
    """ "Parallele Änderungen": keep A or B (a new change), notes only after a reason."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Parallel changes"), parent)
        self.items: list[Conflict] = []
        self.revealed: dict[int, tuple[Any, Any]] = {}
        self.keep_a = self._button(_("Keep &A"), lambda: self.decide("a"))
        self.keep_b = self._button(_("Keep &B"), lambda: self.decide("b"))
        self.open_note = self._button(_("Open &note…"), self.ask_reason)
        self.actions.addStretch()
        self._button(_("Close"), self.accept)
        self.reload()

    def reload(self) -> None:
        self.context.runner.run(
            lambda: conflicts.open_conflicts(self.context.store), self._loaded, self._failed
        )

    def _loaded(self, items: list[Conflict]) -> None:
        self.items = items
        header = [_("Household"), _("Field"), _("Value A"), _("By / when A")]
        header += [_("Value B"), _("By / when B")]
        self._show(header, [self._row(item) for item in items])
        if not items:
            self.message.setText(_("No parallel changes are waiting for a decision."))

    def _row(self, item: Conflict) -> list[str]:
        shown = self.revealed.get(item.id, (None, None))
        field = _field_text(item.table, item.field)
        return [
            item.household_ref or "–",
            field,
            _value(item.a, item.hidden, shown[0]),
            f"{item.a.author or item.a.device[:8]}\n{when(item.a.at)}",
            _value(item.b, item.hidden, shown[1]),
            f"{item.b.author or item.b.device[:8]}\n{when(item.b.at)}",
        ]

    def _current(self) -> Conflict | None:
        row = self._selected_row()
        return self.items[row] if row is not None and row < len(self.items) else None

    def _enable(self) -> None:
        current = self._current()
        self.keep_a.setEnabled(current is not None)
        self.keep_b.setEnabled(current is not None)
        self.open_note.setEnabled(
            current is not None and current.hidden and current.id not in self.revealed
        )

    def decide(self, choice: str) -> None:
        current = self._current()
        if current is None:
            return
        store = self.context.store
        self.context.runner.run(
            lambda: conflicts.decide(store, current.id, choice), self._decided, self._failed
        )

    def _decided(self, _result: object) -> None:
        self.context.changed(_("Decision saved"))
        self.reload()

    def ask_reason(self) -> None:
        current = self._current()
        if current is None:
            return
        dialog = NoteReasonDialog(self)
        dialog.accepted.connect(lambda: self.reveal(current.id, dialog.reason.text()))
        dialog.open()

    def reveal(self, conflict_id: int, reason: str) -> None:
        store = self.context.store

        def shown(values: tuple[Any, Any]) -> None:
            self.revealed[conflict_id] = values
            self._loaded(self.items)

        self.context.runner.run(
            lambda: conflicts.reveal_notes(store, conflict_id, reason), shown, self._failed
        )


class DuplicatesDialog(_ReviewDialog):
    """Suspected duplicate persons side by side; every decision can be undone."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("Possible duplicates"), parent)
        self.items: list[Candidate] = []
        self.decisions: list[uuid.UUID] = []
        self.same = self._button(_("&Same person"), lambda: self.decide(True))
        self.not_same = self._button(_("&Not the same"), lambda: self.decide(False))
        self.undo = self._button(_("&Undo last decision"), self.undo_last)
        self.actions.addStretch()
        self._button(_("Close"), self.accept)
        self.reload()

    def reload(self) -> None:
        store = self.context.store

        def load() -> tuple[list[Candidate], dict[uuid.UUID, PersonSide]]:
            items = duplicate_review.open_candidates(store)
            ids = [i for item in items for i in (item.person_a, item.person_b)]
            return items, person_facts(store, ids)

        self.context.runner.run(load, lambda found: self._loaded(*found), self._failed)

    def _loaded(self, items: list[Candidate], facts: dict[uuid.UUID, PersonSide]) -> None:
        self.items = items
        header = [_("Person A"), _("Person B"), _("Score"), _("Why")]
        rows = [
            [
                _person_cell(item.name_a, facts.get(item.person_a)),
                _person_cell(item.name_b, facts.get(item.person_b)),
                f"{item.score:.0f}",
                ", ".join(_reasons(item.reasons)),
            ]
            for item in items
        ]
        self._show(header, rows, (2,))
        if not items:
            self.message.setText(_("No possible duplicates are waiting for a decision."))

    def _current(self) -> Candidate | None:
        row = self._selected_row()
        return self.items[row] if row is not None and row < len(self.items) else None

    def _enable(self) -> None:
        self.same.setEnabled(self._current() is not None)
        self.not_same.setEnabled(self._current() is not None)
        self.undo.setEnabled(bool(self.decisions))

    def decide(self, same: bool) -> None:
        current = self._current()
        if current is None:
            return
        mark = duplicate_review.mark_same if same else duplicate_review.mark_not_same
        store = self.context.store
        self.context.runner.run(lambda: mark(store, current.id), self._decided, self._failed)

    def _decided(self, link: uuid.UUID) -> None:
        self.decisions.append(link)
        self.context.changed(_("Decision saved"))
        self.reload()

    def undo_last(self) -> None:
        if not self.decisions:
            return
        link = self.decisions.pop()
        store = self.context.store

        def undone(_result: object) -> None:
            self.context.changed(_("Decision undone"))
            self.reload()

        self.context.runner.run(lambda: duplicate_review.undo(store, link), undone, self._failed)


def _field_text(table: str, field: str) -> str:
    """ "Beratung: Notiz" rather than "consultation.note"."""
    tables = {
        "household": _("Household"),
        "person": _("Person"),
        "consultation": _("Consultation"),
        "membership": _("Membership"),
    }
    fields = {"_deleted": _("deleted or kept"), "note": _("Note")}
    return f"{tables.get(table, table)}: {fields.get(field) or field_label(field)}"


def _person_cell(name: str, side: PersonSide | None) -> str:
    if side is None:
        return name
    facts = [_("born {birth}").format(birth=side.birth)] if side.birth else []
    facts += (
        [_("household {refs}").format(refs=", ".join(side.households))] if side.households else []
    )
    facts += [_("phone {phone}").format(phone=side.phone)] if side.phone else []
    facts += [_("file no. {ref}").format(ref=side.sozialamt_ref)] if side.sozialamt_ref else []
    return "\n".join([name, " · ".join(facts)]) if facts else name


def _reasons(codes: tuple[str, ...]) -> list[str]:
    labels = {
        "name": _("similar name"),
        "name_order": _("names swapped"),
        "birth": _("same birth date"),
        "birth_differs": _("birth date differs"),
        "phone": _("same phone"),
        "file_number": _("same file number"),
    }
    return [labels.get(code, code) for code in codes]
