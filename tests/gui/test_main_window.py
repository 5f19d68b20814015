"""The main window frame: navigation by keyboard, Ctrl+F/Ctrl+N, undo, status bar, presentation."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QDialog, QLabel
from pytestqt.qtbot import QtBot
from tests.gui.shell_pages import (
    CTRL,
    CTRL_SHIFT,
    HouseholdPage,
    Opened,
    make_context,
    make_window,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.main_window import LazyPage, MainWindow
from fsa_desk.store.store import Store


@pytest.fixture
def opened() -> Opened:
    return Opened()


@pytest.fixture
def window(qtbot: QtBot, context: AppContext, opened: Opened) -> Iterator[MainWindow]:
    yield make_window(qtbot, context, consultation_dialog=opened)


def test_title_names_who_works_here_and_marks_the_demo(qtbot: QtBot, store: Store) -> None:
    window = make_window(qtbot, make_context(store, demo=True))
    assert window.windowTitle() == "fsa-desk – Anna Berg – DEMO"


def test_menus_are_german_and_reachable_by_mnemonic(window: MainWindow) -> None:
    titles = [action.text() for action in window.menuBar().actions()]
    assert titles == ["&Datei", "&Bearbeiten", "&Ansicht", "&Hilfe"]


def test_ctrl_and_a_number_switches_pages_and_the_navigation_follows(
    qtbot: QtBot, window: MainWindow
) -> None:
    for number in (3, 2, 4, 1):
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert window.pages.currentIndex() == number - 1
        assert window.navigation.currentRow() == number - 1


def test_ctrl_f_goes_to_the_client_search_from_any_page(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    page = window.page(0)
    assert window.current_page() is page
    assert page.search_field.hasFocus()


def test_a_requested_household_is_shown_on_the_household_page(
    window: MainWindow, context: AppContext
) -> None:
    household_id = uuid.uuid4()
    context.show_household(household_id)
    assert window.pages.currentIndex() == 1
    assert window.page(1).shown == [household_id]


def test_ctrl_n_opens_the_consultation_dialog_for_the_household_on_screen(
    qtbot: QtBot, window: MainWindow, context: AppContext, opened: Opened
) -> None:
    household_id = uuid.uuid4()
    context.show_household(household_id)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert opened.households == [household_id]
    assert opened.dialogs[0].isVisible()
    qtbot.keyClick(opened.dialogs[0], Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert opened.households == [household_id, None]


def test_undo_and_redo_act_on_the_shared_undo_stack(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    done: list[str] = []

    class Record(QUndoCommand):
        def redo(self) -> None:
            done.append("gespeichert")

        def undo(self) -> None:
            done.append("rückgängig")

    assert not window.undo_action.isEnabled()
    context.undo_stack.push(Record("Kontakt speichern"))
    assert window.undo_action.text() == "&Rückgängig Kontakt speichern"
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert done == ["gespeichert", "rückgängig", "gespeichert"]


def test_status_messages_and_longer_work_show_in_the_status_bar(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    context.changed("Kontakt gespeichert")
    assert window.statusBar().currentMessage() == "Kontakt gespeichert"
    context.runner.busy_changed.emit(True)
    qtbot.waitUntil(window.busy_bar.isVisible)
    context.runner.busy_changed.emit(False)
    assert not window.busy_bar.isVisible()


def test_presentation_mode_hides_every_page_listing_other_clients(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert context.presentation
    assert window.presentation_label.isVisible()
    assert window.presentation_action.isChecked()
    hidden = [window.navigation.item(i).isHidden() for i in range(4)]
    assert hidden == [True, False, True, True]
    assert window.current_page() is window.page(1)
    assert not window.page(0).isVisible()
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert window.current_page() is window.page(1)

    qtbot.keyClick(window, Qt.Key.Key_P, CTRL_SHIFT)
    assert not context.presentation
    assert not window.presentation_label.isVisible()
    assert not any(window.navigation.item(i).isHidden() for i in range(4))
    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    assert window.current_page() is window.page(0)


def test_presentation_mode_set_elsewhere_updates_the_window(
    window: MainWindow, context: AppContext
) -> None:
    context.set_presentation(True)
    assert window.presentation_action.isChecked()
    assert window.navigation.item(0).isHidden()


def test_an_unhandled_background_error_appears_as_a_sentence(
    qtbot: QtBot, window: MainWindow, context: AppContext
) -> None:
    context.runner.run(lambda: 1 / 0)
    qtbot.waitUntil(lambda: window.findChild(QDialog) is not None)
    box = window.findChild(QDialog)
    assert "nichts geändert" in box.text()


def test_a_page_given_as_a_factory_is_built_when_first_shown(
    qtbot: QtBot, context: AppContext
) -> None:
    built: list[QLabel] = []

    def agenda() -> QLabel:
        built.append(QLabel("Fristen"))
        return built[-1]

    window = MainWindow(context, [("Haushalt", HouseholdPage()), ("Fristen", LazyPage(agenda))])
    qtbot.addWidget(window)
    window.show()
    assert built == []
    window.show_page(1)
    assert window.current_page() is built[0]
    window.show_page(0)
    window.show_page(1)
    assert len(built) == 1


def test_a_lazy_household_page_is_built_when_a_household_is_requested(
    qtbot: QtBot, context: AppContext
) -> None:
    households: list[HouseholdPage] = []

    def household() -> HouseholdPage:
        households.append(HouseholdPage())
        return households[-1]

    lazy = LazyPage(household, frozenset({"show_household"}))
    window = MainWindow(context, [("Klient:innen", QLabel("Liste")), ("Haushalt", lazy)])
    qtbot.addWidget(window)
    assert households == []
    household_id = uuid.uuid4()
    context.show_household(household_id)
    assert households[0].shown == [household_id]
    assert window.current_page() is households[0]


def test_presentation_mode_knows_a_lazy_household_page_before_it_exists(
    qtbot: QtBot, context: AppContext
) -> None:
    lazy = LazyPage(HouseholdPage, frozenset({"show_household"}))
    window = MainWindow(context, [("Klient:innen", QLabel("Liste")), ("Haushalt", lazy)])
    qtbot.addWidget(window)
    context.set_presentation(True)
    assert window.navigation.item(0).isHidden()
    assert not window.navigation.item(1).isHidden()
    assert isinstance(window.current_page(), HouseholdPage)
