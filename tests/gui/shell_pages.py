"""Stand-ins for the workspace pages and a window built on them, for the shell's tests."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.main_window import MainWindow
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.store.store import Store

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


class ClientPage(QWidget):
    """Stands in for the client list: a search field and a client's name."""

    def __init__(self) -> None:
        super().__init__()
        self.search_field = QLineEdit()
        self.names = QLabel("Haddad, Rania")
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_field)
        layout.addWidget(self.names)


class HouseholdPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.shown: list[uuid.UUID] = []
        self.note = QLineEdit()
        QVBoxLayout(self).addWidget(self.note)

    def show_household(self, household_id: uuid.UUID) -> None:
        self.shown.append(household_id)


class Opened:
    """A consultation dialog factory that records what it was asked for."""

    def __init__(self) -> None:
        self.households: list[uuid.UUID | None] = []
        self.dialogs: list[QDialog] = []

    def __call__(
        self, context: AppContext, household_id: uuid.UUID | None, parent: QWidget
    ) -> QDialog:
        self.households.append(household_id)
        dialog = QDialog(parent)
        dialog.setWindowTitle("Beratungskontakt")
        self.dialogs.append(dialog)
        return dialog


def make_context(store: Store, *, demo: bool = False) -> AppContext:
    context = AppContext(store, demo=demo)
    context.runner = SyncRunner(context)
    return context


def make_window(qtbot: QtBot, context: AppContext, **options: object) -> MainWindow:
    pages = [
        ("Klient:innen", ClientPage()),
        ("Haushalt", HouseholdPage()),
        ("Fristen & Aufgaben", QLabel("Fristen")),
        ("Sprechstunde", QLabel("Sprechstunde")),
    ]
    window = MainWindow(context, pages, **options)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window
