"""Fields of the entry forms (consultation, office hours, new person): code-list combo boxes,
minute spin boxes, labelled form rows, and the two compound fields of the consultation entry,
life-area toggles and household members.

Life areas are toggled with a digit (1–9, 0 for the tenth) while the toggles have focus, or
with Alt+digit from anywhere in the dialog; arrows and Space reach every area. The hint line
under them shows the coding hint of the area in question, so four providers code alike.
Members are a small table with two check columns: present (anwesend) and concerned
(betroffen); Space toggles the current cell.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.validation import MAX_MINUTES, ValidationError
from fsa_desk.i18n import _
from fsa_desk.services.consultation_entry import Choice, Member

_BRACKETED = re.compile(r"\s*\([^()]*\)")
_DIGIT_KEYS = "1234567890"
_Index = QModelIndex | QPersistentModelIndex
_MAX_SPIN_MINUTES = 2 * MAX_MINUTES  # allow typing too much: the service explains the limit
Result = TypeVar("Result")


def combo(choices: Sequence[Choice], *, empty: str | None = None) -> QComboBox:
    """A combo box of code-list entries; the code is the item data, the hint its tooltip."""
    box = QComboBox()
    if empty is not None:
        box.addItem(empty, None)
    for choice in choices:
        box.addItem(choice.label, choice.code)
        if choice.hint:
            box.setItemData(box.count() - 1, choice.hint, Qt.ItemDataRole.ToolTipRole)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(14)
    return box


def select_code(box: QComboBox, code: str | None) -> None:
    index = box.findData(code)
    box.setCurrentIndex(max(index, 0))


def minutes_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, _MAX_SPIN_MINUTES)
    spin.setSingleStep(5)
    spin.setSuffix(_(" min"))
    spin.setAccelerated(True)
    return spin


def labelled(text: str, buddy: QWidget) -> QLabel:
    """A label whose mnemonic (Alt+letter) moves the focus to ``buddy``."""
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def add_rows(form: QFormLayout, rows: Iterable[tuple[str, QWidget]]) -> None:
    for text, field in rows:
        form.addRow(labelled(text, field), field)


def problems_as_result(work: Callable[[], Result]) -> Callable[[], Result | ValidationError]:
    """Wrap worker-thread work so validation problems come back as a value: the form shows
    them at their fields and stays open (other errors still arrive as a sentence)."""

    def run() -> Result | ValidationError:
        try:
            return work()
        except ValidationError as problems:
            return problems

    return run


def short_label(label: str) -> str:
    """A label without its bracketed explanation: "Materielle Existenzsicherung"."""
    return _BRACKETED.sub("", label).strip()


class LifeAreaToggles(QWidget):
    """One checkable button per life area; the widget, not each button, takes the focus."""

    changed = Signal()

    def __init__(self, areas: Sequence[Choice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.areas = tuple(areas)
        self._current = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(_TOGGLE_STYLE)
        self.buttons = [self._button(position, area) for position, area in enumerate(areas)]
        grid = QGridLayout()
        grid.setSpacing(4)
        rows = (len(self.buttons) + 1) // 2
        for position, button in enumerate(self.buttons):
            grid.addWidget(button, position % rows, position // rows)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("lifeAreaHint")
        self.hint.setStyleSheet("color: palette(dark); font-style: italic;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addWidget(self.hint)
        self._show_hint(None)

    def _button(self, position: int, area: Choice) -> QPushButton:
        key = _DIGIT_KEYS[position] if position < len(_DIGIT_KEYS) else " "
        button = QPushButton(f"{key}  {short_label(area.label)}")
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setAutoDefault(False)
        button.setToolTip(f"<b>{area.label}</b><br>{area.hint}" if area.hint else area.label)
        button.toggled.connect(lambda _checked, p=position: self._toggled(p))
        button.installEventFilter(self)
        return button

    def selected(self) -> tuple[str, ...]:
        return tuple(a.code for a, b in zip(self.areas, self.buttons, strict=True) if b.isChecked())

    def set_selected(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        for area, button in zip(self.areas, self.buttons, strict=True):
            button.blockSignals(True)
            button.setChecked(area.code in wanted)
            button.blockSignals(False)
        self.changed.emit()

    def toggle(self, position: int) -> None:
        if 0 <= position < len(self.buttons):
            self._current = position
            self.buttons[position].toggle()
            self._mark_current()

    def _toggled(self, position: int) -> None:
        self._show_hint(position)
        self.changed.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and text and text in _DIGIT_KEYS:
            self.toggle(_DIGIT_KEYS.index(text))
        elif event.key() == Qt.Key.Key_Space:
            self.toggle(self._current)
        elif event.key() in _ARROWS:
            self._move(Qt.Key(event.key()))
        else:
            super().keyPressEvent(event)

    def _move(self, key: Qt.Key) -> None:
        """Up/Down within a column, Left/Right to the same row of the other column."""
        rows = (len(self.buttons) + 1) // 2
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -rows}.get(key, rows)
        target = self._current + step
        if 0 <= target < len(self.buttons):
            self._current = target
            self._mark_current()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self._mark_current()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        for button in self.buttons:
            _set_current_look(button, False)
        self._show_hint(None)

    def _mark_current(self) -> None:
        for position, button in enumerate(self.buttons):
            _set_current_look(button, position == self._current and self.hasFocus())
        self._show_hint(self._current)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Enter and watched in self.buttons:
            self._show_hint(self.buttons.index(watched))  # type: ignore[arg-type]
        elif event.type() == QEvent.Type.Leave:
            self._show_hint(self._current if self.hasFocus() else None)
        return super().eventFilter(watched, event)

    def _show_hint(self, position: int | None) -> None:
        if position is None or not self.areas:
            self.hint.setText(
                _("Keys 1–9 and 0 toggle an area, arrows and Space reach every area.")
            )
            return
        area = self.areas[position]
        self.hint.setText(f"{short_label(area.label)}: {area.hint}" if area.hint else area.label)


_ARROWS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)
# A checked area must be unmistakable at a glance; the keyboard's current area gets a frame.
_TOGGLE_STYLE = """
QPushButton { text-align: left; padding: 4px 8px; border: 1px solid palette(mid);
              border-radius: 3px; background: palette(button); }
QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); }
QPushButton[current="true"] { border: 2px solid palette(text); }
"""


def _set_current_look(button: QPushButton, current: bool) -> None:
    if button.property("current") != current:
        button.setProperty("current", current)
        button.style().unpolish(button)
        button.style().polish(button)


class MembersModel(QAbstractTableModel):
    """Household members with two check columns: present and concerned."""

    NAME, PRESENT, CONCERNED = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._members: list[Member] = []
        self._present: set[uuid.UUID] = set()
        self._concerned: set[uuid.UUID] = set()

    def set_members(
        self,
        members: Sequence[Member],
        present: Iterable[uuid.UUID] = (),
        concerned: Iterable[uuid.UUID] = (),
    ) -> None:
        self.beginResetModel()
        self._members = list(members)
        self._present = set(present)
        self._concerned = set(concerned)
        self.endResetModel()

    def set_ticks(self, present: Iterable[uuid.UUID], concerned: Iterable[uuid.UUID]) -> None:
        """Tick the given persons (others unticked); persons not listed are ignored."""
        self._present = set(present)
        self._concerned = set(concerned)
        if self._members:
            last = self.index(len(self._members) - 1, self.CONCERNED)
            self.dataChanged.emit(self.index(0, self.PRESENT), last, [_CHECK])

    def present(self) -> tuple[uuid.UUID, ...]:
        return tuple(m.person_id for m in self._members if m.person_id in self._present)

    def concerned(self) -> tuple[uuid.UUID, ...]:
        return tuple(m.person_id for m in self._members if m.person_id in self._concerned)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._members)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (_("Name"), _("present"), _("concerned"))[section] if 0 <= section < 3 else None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() != self.NAME:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._members):
            return None
        member = self._members[index.row()]
        if index.column() == self.NAME:
            return member.display_name if role == Qt.ItemDataRole.DisplayRole else None
        if role == _CHECK:
            chosen = self._present if index.column() == self.PRESENT else self._concerned
            return Qt.CheckState.Checked if member.person_id in chosen else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            template = _("{name} was present") if index.column() == self.PRESENT else None
            template = template or _("The consultation concerned {name}")
            return template.format(name=member.display_name)
        return None

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != _CHECK or not index.isValid() or index.column() == self.NAME:
            return False
        person_id = self._members[index.row()].person_id
        chosen = self._present if index.column() == self.PRESENT else self._concerned
        if _is_checked(value):
            chosen.add(person_id)
        else:
            chosen.discard(person_id)
        self.dataChanged.emit(index, index, [_CHECK])
        return True


_CHECK = Qt.ItemDataRole.CheckStateRole


def _is_checked(value: object) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return value == Qt.CheckState.Checked.value
