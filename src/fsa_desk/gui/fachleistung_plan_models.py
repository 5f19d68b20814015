"""The editable tables of the Integrationsplan: its goals, and the ratings of an
Auswertungsgespräch (client and counsellor, 1 not reached … 4 reached).

Dates and numbers are typed; a wrong one is refused with a German sentence (``invalid``) and
the cell keeps its value.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from fsa_desk.gui.date_field import german, parse_german_date
from fsa_desk.i18n import _
from fsa_desk.services.integrationsplan import (
    GOAL_STATUSES,
    RATINGS,
    GoalInput,
    RatingInput,
    goal_status_label,
    rating_label,
)

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole
CLIENT, PROFESSIONAL, PRIORITY, WHO, DUE, STATUS = range(6)


class GoalsModel(QAbstractTableModel):
    """The plan's goals, in the person's words and the professional's."""

    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._goals: list[GoalInput] = []

    def set_goals(self, goals: tuple[GoalInput, ...]) -> None:
        self.beginResetModel()
        self._goals = list(goals)
        self.endResetModel()

    def goals(self) -> tuple[GoalInput, ...]:
        """The goals with any text; empty rows are dropped."""
        return tuple(g for g in self._goals if (g.text_client or g.text_professional))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._goals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        headers = (
            _("In the person's own words"),
            _("In professional terms"),
            _("Priority"),
            _("Who does what"),
            _("By when"),
            _("Status"),
        )
        return headers[section] if 0 <= section < len(headers) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._goals):
            return None
        goal, column = self._goals[index.row()], index.column()
        if role == _DISPLAY:
            values = (
                goal.text_client,
                goal.text_professional,
                str(goal.priority) if goal.priority else "",
                goal.who_does_what,
                german(goal.due_on) if goal.due_on else "",
                goal_status_label(goal.status),
            )
            return values[column] or ""
        if role == _EDIT:
            return goal.status if column == STATUS else self.data(index, _DISPLAY)
        if role == Qt.ItemDataRole.ToolTipRole and column == STATUS:
            return _("Type: offen, erreicht, teilweise_erreicht, nicht_erreicht or entfallen")
        return None

    def setData(self, index: Index, value: object, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or not 0 <= index.row() < len(self._goals):
            return False
        try:
            changed = _changed(self._goals[index.row()], index.column(), str(value or "").strip())
        except ValueError as problem:
            self.invalid.emit(str(problem))
            return False
        self._goals[index.row()] = changed
        self.dataChanged.emit(index, index)
        return True

    def insertRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or not 0 <= row <= len(self._goals) or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        self._goals[row:row] = [GoalInput() for _n in range(count)]
        self.endInsertRows()
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self._goals):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self._goals[row : row + count]
        self.endRemoveRows()
        return True


def _changed(goal: GoalInput, column: int, text: str) -> GoalInput:
    """The goal with one cell changed; ``ValueError`` with a German sentence."""
    if column == CLIENT:
        return replace(goal, text_client=text or None)
    if column == PROFESSIONAL:
        return replace(goal, text_professional=text or None)
    if column == WHO:
        return replace(goal, who_does_what=text or None)
    if column == PRIORITY:
        if text and not (text.isdigit() and 1 <= int(text) <= 9):
            raise ValueError(_("The priority is a number from 1 (most important) to 9."))
        return replace(goal, priority=int(text) if text else None)
    if column == DUE:
        return replace(goal, due_on=parse_german_date(text) if text else None)
    status = next((s for s in GOAL_STATUSES if text in (s, goal_status_label(s))), None)
    if status is None:
        raise ValueError(_("'{text}' is not a status of a goal.").format(text=text))
    return replace(goal, status=status)


class RatingsModel(QAbstractTableModel):
    """Per goal the client's and the counsellor's rating (1–4) and a comment."""

    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._texts: list[str] = []
        self._ratings: list[RatingInput] = []

    def set_ratings(self, texts: list[str], ratings: list[RatingInput]) -> None:
        self.beginResetModel()
        self._texts, self._ratings = texts, ratings
        self.endResetModel()

    def ratings(self) -> tuple[RatingInput, ...]:
        return tuple(r for r in self._ratings if r.client_rating or r.counsellor_rating)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ratings)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        headers = (_("Goal"), _("Client's view (1–4)"), _("Counsellor's view (1–4)"), _("Comment"))
        return headers[section] if 0 <= section < len(headers) else None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() else flags

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._ratings):
            return None
        rating, column = self._ratings[index.row()], index.column()
        if role == _DISPLAY:
            if column == 0:
                return self._texts[index.row()]
            if column == 3:
                return rating.comment or ""
            value = rating.client_rating if column == 1 else rating.counsellor_rating
            return f"{value} – {rating_label(value)}" if value else ""
        if role == _EDIT and column in (1, 2):
            value = rating.client_rating if column == 1 else rating.counsellor_rating
            return str(value or "")
        if role == _EDIT and column == 3:
            return rating.comment or ""
        return None

    def setData(self, index: Index, value: object, role: int = _EDIT) -> bool:
        if role != _EDIT or not index.isValid() or index.column() == 0:
            return False
        text, row = str(value or "").strip(), index.row()
        rating = self._ratings[row]
        if index.column() == 3:
            self._ratings[row] = replace(rating, comment=text or None)
        else:
            number = int(text) if text.isdigit() else None
            if text and number not in RATINGS:
                self.invalid.emit(_("A rating lies between 1 (not reached) and 4 (reached)."))
                return False
            field = "client_rating" if index.column() == 1 else "counsellor_rating"
            self._ratings[row] = replace(rating, **{field: number})
        self.dataChanged.emit(index, index)
        return True
