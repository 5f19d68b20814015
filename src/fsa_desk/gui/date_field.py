"""A date typed the German way: "25.11.2026", "3.11.26", "031126" or "3.11." (this year).

A plain line edit instead of QDateEdit: QDateEdit jumps to the next section by itself and then
swallows the typed dot into the following one, so "03.11.2026" ends up as another date. Up and
Down move the date by a day, as in a calendar.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from fsa_desk.i18n import _

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})?")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{2}|\d{4})")


def parse_german_date(text: str, today: date | None = None) -> date:
    """The day named by ``text``; ``ValueError`` with a German sentence if there is none."""
    cleaned = text.strip()
    found = _DOTTED.fullmatch(cleaned) or _DIGITS.fullmatch(cleaned)
    if found is None:
        raise ValueError(
            _("'{text}' is not a date: please write it as DD.MM.YYYY.").format(text=text)
        )
    day, month, year_text = found.groups()
    year = _full_year(year_text, today or date.today())
    try:
        return date(year, int(month), int(day))
    except ValueError:
        raise ValueError(_("The date '{text}' does not exist.").format(text=text)) from None


def _full_year(text: str | None, today: date) -> int:
    if text is None:
        return today.year
    if len(text) == 4:
        return int(text)
    # Two digits mean the century that puts the date nearest to today (26 → 2026, 85 → 1985).
    year = 2000 + int(text)
    return year - 100 if year > today.year + 20 else year


def german(day: date) -> str:
    return day.strftime("%d.%m.%Y")


class DateField(QLineEdit):
    """A day, or (with ``optional``) nothing; ``date()`` raises ``ValueError`` on bad text."""

    def __init__(self, parent: QWidget | None = None, *, optional: bool = False) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setPlaceholderText(_("DD.MM.YYYY"))
        self.setMaxLength(10)
        self.editingFinished.connect(self._tidy)
        self.setToolTip(_("Type a date as DD.MM.YYYY; Up and Down move it by a day."))

    def date(self) -> date | None:
        text = self.text().strip()
        if not text:
            if self.optional:
                return None
            raise ValueError(_("Please enter a date."))
        return parse_german_date(text)

    def set_date(self, day: date | None) -> None:
        self.setText(german(day) if day else "")

    def _tidy(self) -> None:
        """Show what was understood ("3.11.26" → "03.11.2026"); leave wrong text for the fix."""
        try:
            day = self.date()
        except ValueError:
            return
        self.set_date(day)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Up: 1, Qt.Key.Key_Down: -1}.get(Qt.Key(event.key()))
        if step is None:
            super().keyPressEvent(event)
            return
        try:
            day = self.date() or date.today()
        except ValueError:
            return
        self.set_date(day + timedelta(days=step))
        self.selectAll()


def period_row(parent: QWidget, start: DateField, end: DateField) -> QHBoxLayout:
    """``[start] bis [end]`` on one line, Alt+B jumping to the end date."""
    row = QHBoxLayout()
    row.addWidget(start)
    until = QLabel(_("&until"), parent)
    until.setBuddy(end)
    row.addWidget(until)
    row.addWidget(end)
    row.addStretch(1)
    return row
