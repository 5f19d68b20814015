"""Presentation mode for lists of other clients: the list gives way to a neutral sentence."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QWidget


class PresentationCover(QStackedWidget):
    """Shows ``content``, or ``notice`` while the screen is turned to a client."""

    def __init__(self, content: QWidget, notice: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.notice = QLabel(notice, self)
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice.setWordWrap(True)
        self.addWidget(content)
        self.addWidget(self.notice)

    def set_presentation(self, on: bool) -> None:
        self.setCurrentWidget(self.notice if on else self.content)
