"""The editable tables of the Bedarfsanzeige editor: criteria of the Kriterienkatalog with their
justifications, other services involved, and projected hours per life area.

Every row is offered (the whole catalogue, every service, every life area), so the counsellor
ticks and types instead of searching; ``read_only`` locks a submitted form. Typing a
justification or a detail ticks its row; ticking nothing but typing nothing loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from fsa_desk.domain.codes import code_list, kriterienkatalog
from fsa_desk.gui.fachleistung_format import hours_value
from fsa_desk.i18n import _, language
from fsa_desk.services.bedarfsanzeige import CriterionInput, ServiceInput

Index = QModelIndex | QPersistentModelIndex
_DISPLAY, _EDIT, _CHECK, _TIP = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.EditRole,
    Qt.ItemDataRole.CheckStateRole,
    Qt.ItemDataRole.ToolTipRole,
)


@dataclass
class _Line:
    code: str
    label: str
    group: str  # the life area's label (criteria) or "" (services)
    ticked: bool = False
    text: str = ""  # justification or detail


class _TickTextModel(QAbstractTableModel):
    """Rows to tick with a text each: column 0 the label (checkable), the last the text."""

    changed = Signal()

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers = tuple(headers)
        self._lines: list[_Line] = []
        self.read_only = False

    @property
    def text_column(self) -> int:
        return len(self._headers) - 1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.read_only:
            return flags
        if index.column() == 0:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.text_column:
            return flags | Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._lines):
            return None
        line, column = self._lines[index.row()], index.column()
        if role == _CHECK and column == 0:
            return Qt.CheckState.Checked if line.ticked else Qt.CheckState.Unchecked
        if role in (_DISPLAY, _EDIT):
            if column == 0:
                return line.label
            if column == self.text_column:
                return line.text
            return line.group
        if role == _TIP and column == 0:
            return line.label
        return None

    def setData(self, index: Index, value: object, role: int = _EDIT) -> bool:
        if self.read_only or not index.isValid() or not 0 <= index.row() < len(self._lines):
            return False
        line = self._lines[index.row()]
        if role == _CHECK and index.column() == 0:
            line.ticked = value in (Qt.CheckState.Checked, Qt.CheckState.Checked.value, 2)
        elif role == _EDIT and index.column() == self.text_column:
            line.text = str(value or "").strip()
            if line.text:
                line.ticked = True  # a justification means the criterion applies
        else:
            return False
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.text_column))
        self.changed.emit()
        return True

    def _set_lines(self, lines: list[_Line]) -> None:
        self.beginResetModel()
        self._lines = lines
        self.endResetModel()
        self.changed.emit()

    def _chosen(self) -> list[_Line]:
        return [line for line in self._lines if line.ticked]

    def row_of(self, code: str) -> int:
        return next(i for i, line in enumerate(self._lines) if line.code == code)


class CriteriaModel(_TickTextModel):
    """The Kriterienkatalog by life area; criteria from an older catalogue stay listed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((_("Criterion"), _("Life area"), _("Justification")), parent)
        self.set_criteria(())

    def set_criteria(self, criteria: Sequence[CriterionInput]) -> None:
        given = {c.code: c.justification for c in criteria}
        areas, lang = code_list("life_areas"), language()
        lines = [
            _Line(item.code, item.label(lang), areas.label(item.life_area, lang))
            for item in kriterienkatalog().items
        ]
        known = {line.code for line in lines}
        lines += [_Line(code, code, "") for code in given if code not in known]
        for line in lines:
            if line.code in given:
                line.ticked, line.text = True, given[line.code]
        self._set_lines(lines)

    def criteria(self) -> tuple[CriterionInput, ...]:
        return tuple(CriterionInput(line.code, line.text) for line in self._chosen())


class ServicesModel(_TickTextModel):
    """Other services involved (ASD, SpDi, Schuldnerberatung …) with how they are involved."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__((_("Service"), _("Involved how")), parent)
        self.set_services(())

    def set_services(self, services: Sequence[ServiceInput]) -> None:
        given = {s.service: s.detail or "" for s in services}
        lang = language()
        lines = [_Line(code.code, code.label(lang), "") for code in code_list("other_services")]
        for line in lines:
            if line.code in given:
                line.ticked, line.text = True, given[line.code]
        self._set_lines(lines)

    def services(self) -> tuple[ServiceInput, ...]:
        return tuple(ServiceInput(line.code, line.text or None) for line in self._chosen())


class HoursModel(QAbstractTableModel):
    """Projected hours per life area for the next 12 months; ``invalid`` for a bad number."""

    changed = Signal()
    invalid = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = language()
        self._areas = [(code.code, code.label(lang), code.hint(lang)) for code in _areas()]
        self._hours: dict[str, Decimal] = {}
        self.read_only = False

    def set_hours(self, hours: dict[str, Decimal]) -> None:
        self.beginResetModel()
        self._hours = {area: value for area, value in hours.items() if value}
        self.endResetModel()
        self.changed.emit()

    def hours(self) -> dict[str, Decimal]:
        return dict(self._hours)

    def total(self) -> Decimal:
        return sum(self._hours.values(), Decimal(0))

    def row_of(self, area: str) -> int:
        return next(i for i, (code, _label, _hint) in enumerate(self._areas) if code == area)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._areas)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> object:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and section in (0, 1):
            return (_("Life area"), _("Hours"))[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 1 and not self.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = _DISPLAY) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._areas):
            return None
        code, label, hint = self._areas[index.row()]
        if role in (_DISPLAY, _EDIT):
            return label if index.column() == 0 else hours_value(self._hours.get(code))
        if role == _TIP:
            return hint or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: object, role: int = _EDIT) -> bool:
        if self.read_only or role != _EDIT or not index.isValid() or index.column() != 1:
            return False
        text = str(value or "").strip().replace(",", ".")
        try:
            hours = Decimal(text) if text else Decimal(0)
        except InvalidOperation:
            self.invalid.emit(_("'{text}' is not a number of hours.").format(text=value))
            return False
        if hours < 0 or hours > 500:
            self.invalid.emit(_("Hours lie between 0 and 500."))
            return False
        code = self._areas[index.row()][0]
        if hours:
            self._hours[code] = hours.quantize(Decimal("0.01"))
        else:
            self._hours.pop(code, None)
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


def _areas() -> list:  # type: ignore[type-arg]
    """Life areas, the typical Fachleistung areas of the Kriterienkatalog first."""
    codes = list(code_list("life_areas"))
    return sorted(codes, key=lambda code: not code.value("fachleistung", False))
