"""Locking: Ctrl+L and idle time cover the window; only the right passphrase brings it back."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from tests.gui.shell_pages import CTRL, Opened, make_context, make_window

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.main_window import MainWindow
from fsa_desk.services import access
from fsa_desk.services.installation import NewInstallation
from fsa_desk.store.store import Store

PASSPHRASE = "Apfel Fahrrad Kiste"


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lock") / "data"
    new = NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat")
    access.create_installation(root, new, PASSPHRASE, PASSPHRASE).close()
    return root


@pytest.fixture
def protected(installation: Path) -> Iterator[Store]:
    """A store opened with a real passphrase (the lock screen checks against it)."""
    with access.open_installation(installation, PASSPHRASE) as store:
        yield store


@pytest.fixture
def context(protected: Store) -> AppContext:
    return make_context(protected)


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, opened: Opened) -> MainWindow:
    return make_window(qtbot, context, consultation_dialog=opened)


def unlock_with(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    field = window.lock_screen.passphrase
    qtbot.keyClicks(field, passphrase)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_ctrl_l_covers_everything_that_shows_clients(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL)
    assert window.locked
    assert window.screens.currentWidget() is window.lock_screen
    assert not window.workspace.isVisible()
    assert not window.page(0).names.isVisible()
    assert not window.menuBar().isVisible()
    assert not window.toolbar.isVisible()
    assert window.windowTitle() == "fsa-desk – gesperrt"
    assert window.lock_screen.passphrase.hasFocus()


def test_no_shortcut_reaches_the_workspace_while_locked(
    qtbot: QtBot, window: MainWindow, opened: Opened
) -> None:
    window.lock()
    for key in (Qt.Key.Key_N, Qt.Key.Key_1, Qt.Key.Key_F):
        qtbot.keyClick(window, key, CTRL)
    window.context.consultation_requested.emit(None)  # a view asking while locked
    assert opened.households == []
    assert window.screens.currentWidget() is window.lock_screen


def test_wrong_passphrase_says_so_and_stays_locked(qtbot: QtBot, window: MainWindow) -> None:
    window.lock()
    unlock_with(qtbot, window, "Apfel Fahrrad Kist")
    assert window.locked
    assert window.lock_screen.error.isVisible()
    assert window.lock_screen.error.text() == "Falsche Passphrase."
    assert not window.workspace.isVisible()


def test_right_passphrase_returns_exactly_where_the_user_was(
    qtbot: QtBot, window: MainWindow, opened: Opened
) -> None:
    household_id = uuid.uuid4()
    window.context.show_household(household_id)
    window.page(1).note.setFocus()
    qtbot.keyClicks(window.page(1).note, "Termin")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = opened.dialogs[0]
    assert dialog.isVisible()

    window.lock()
    assert not dialog.isVisible()
    unlock_with(qtbot, window, "falsch-falsch")
    unlock_with(qtbot, window, PASSPHRASE)

    assert not window.locked
    assert window.current_page() is window.page(1)
    assert window.page(1).note.text() == "Termin"
    assert dialog.isVisible()
    assert window.menuBar().isVisible()
    assert window.windowTitle() == "fsa-desk – Anna Berg"
    dialog.reject()
    assert window.page(1).note.hasFocus()


def test_unlocking_keeps_presentation_mode(qtbot: QtBot, window: MainWindow) -> None:
    window.context.set_presentation(True)
    window.lock()
    unlock_with(qtbot, window, PASSPHRASE)
    assert window.navigation.item(0).isHidden()
    assert window.presentation_action.isChecked()


def test_the_window_locks_itself_after_the_idle_time(
    qtbot: QtBot, context: AppContext, opened: Opened
) -> None:
    window = make_window(qtbot, context, consultation_dialog=opened, idle_interval_ms=50)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert not window.workspace.isVisible()
    unlock_with(qtbot, window, PASSPHRASE)
    assert not window.locked
    assert window.window_lock.idle_interval_ms == 50


def test_the_idle_time_comes_from_the_settings(qtbot: QtBot, context: AppContext) -> None:
    from fsa_desk.services.preferences import Preferences, save_preferences

    save_preferences(context.store, Preferences(idle_lock_minutes=3))
    window = make_window(qtbot, context)
    assert window.window_lock.idle_interval_ms == 3 * 60_000


def test_the_demo_unlocks_without_a_passphrase(qtbot: QtBot, store: Store) -> None:
    window = make_window(qtbot, make_context(store, demo=True))
    window.lock()
    assert "ohne Passphrase" in window.lock_screen.prompt.text()
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert not window.locked


def test_ctrl_l_inside_a_dialog_locks_and_hides_the_dialog(
    qtbot: QtBot, window: MainWindow, opened: Opened
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    dialog = opened.dialogs[0]
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    qtbot.keyClick(dialog, Qt.Key.Key_L, CTRL)
    assert window.locked
    assert not dialog.isVisible()


def test_an_open_dialog_of_another_window_is_left_alone(qtbot: QtBot, window: MainWindow) -> None:
    stranger = QDialog()
    qtbot.addWidget(stranger)
    stranger.show()
    window.lock()
    assert stranger.isVisible()
