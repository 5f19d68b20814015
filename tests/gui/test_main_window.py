from __future__ import annotations

from pytestqt.qtbot import QtBot

from fsa_desk.gui.app import MainWindow
from fsa_desk.store.store import Store


def test_main_window_shows_who_works_here_and_what_is_stored(qtbot: QtBot, store: Store) -> None:
    window = MainWindow(store, demo=True)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "fsa-desk – Anna Berg – DEMO"
    assert window.summary_label.text() == "0 Haushalte, 0 Personen, 0 Beratungskontakte"
