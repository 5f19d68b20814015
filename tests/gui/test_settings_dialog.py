"""Settings: profile, idle lock, language, durations, data folder and backups persist."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from tests.conftest import TEST_KEY
from tests.gui.shell_pages import CTRL, make_context, make_window

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.settings_dialog import SettingsDialog
from fsa_desk.services import preferences
from fsa_desk.services.installation import describe
from fsa_desk.store.store import Store, open_store


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The start configuration of this test only (never the user's real one)."""
    monkeypatch.setenv(preferences.CONFIG_DIR_VARIABLE, str(tmp_path / "config"))
    return tmp_path / "config" / "config.json"


@pytest.fixture
def context(store: Store) -> AppContext:
    return make_context(store)


def open_dialog(qtbot: QtBot, context: AppContext, chosen: Path | None = None) -> SettingsDialog:
    dialog = SettingsDialog(context, directory_chooser=lambda _parent, _current: chosen)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def retype(qtbot: QtBot, field: QWidget, text: str) -> None:
    field.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)


def test_the_dialog_shows_the_current_settings(
    qtbot: QtBot, context: AppContext, config: Path
) -> None:
    dialog = open_dialog(qtbot, context)
    assert dialog.name.text() == "Anna Berg"
    assert dialog.code.text() == "B1"
    assert isinstance(dialog.code, QLabel)  # shown, never edited
    assert dialog.role.text() == "Berater:in"
    assert dialog.idle_minutes.value() == 10
    assert dialog.language.currentText() == "Deutsch"
    assert dialog.contact_minutes["hausbesuch"].value() == 60
    assert dialog.data_dir.text() == str(context.store.data_dir.root)
    assert dialog.backup_list.topLevelItemCount() == 0
    assert dialog.backup_status.text() == "Noch keine Sicherungen."


def test_settings_persist_across_a_reopen(
    qtbot: QtBot, data_dir: Path, tmp_path: Path, config: Path
) -> None:
    elsewhere = tmp_path / "anderswo"
    with open_store(data_dir, TEST_KEY) as store:
        context = make_context(store)
        dialog = open_dialog(qtbot, context, chosen=elsewhere)
        saved: list[preferences.Preferences] = []
        dialog.saved.connect(saved.append)
        retype(qtbot, dialog.name, "Anna Berg-Schulz")
        retype(qtbot, dialog.idle_minutes.lineEdit(), "5")
        retype(qtbot, dialog.contact_minutes["telefon"].lineEdit(), "10")
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.change_data_dir.click()
        assert str(elsewhere) in dialog.data_dir_note.text()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        assert dialog.result() == SettingsDialog.DialogCode.Accepted
        assert saved[0].idle_lock_minutes == 5

    with open_store(data_dir, TEST_KEY) as store:
        assert describe(store).name == "Anna Berg-Schulz"
        dialog = open_dialog(qtbot, make_context(store))
        assert dialog.name.text() == "Anna Berg-Schulz"
        assert dialog.idle_minutes.value() == 5
        assert dialog.contact_minutes["telefon"].value() == 10
        assert dialog.language.currentData() == "en"
        assert dialog.data_dir.text() == str(elsewhere)
    assert preferences.load_start_config(config).data_dir == elsewhere


def test_cancel_changes_nothing(qtbot: QtBot, context: AppContext, config: Path) -> None:
    dialog = open_dialog(qtbot, context)
    retype(qtbot, dialog.idle_minutes.lineEdit(), "30")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert preferences.load_preferences(context.store).idle_lock_minutes == 10
    assert not config.exists()


def test_an_empty_name_is_refused_with_a_sentence(
    qtbot: QtBot, context: AppContext, config: Path
) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.name.clear()
    dialog.save_button.click()
    assert dialog.isVisible()
    assert dialog.error.text() == "Der Name darf nicht leer sein."
    assert describe(context.store).name == "Anna Berg"


def test_back_up_now_lists_the_new_backup(qtbot: QtBot, context: AppContext, config: Path) -> None:
    dialog = open_dialog(qtbot, context)
    dialog.back_up_button.click()
    assert dialog.backup_list.topLevelItemCount() == 1
    item = dialog.backup_list.topLevelItem(0)
    assert item.text(1) == "von Hand"
    assert item.text(2).endswith(("kB", "MB"))
    assert "," in item.text(2)  # German decimal comma
    assert dialog.backup_status.text().startswith("Sicherung gespeichert:")
    assert len(list(context.store.data_dir.backups.glob("*.db"))) == 1


def test_ctrl_comma_opens_the_settings_and_saving_applies_the_idle_time(
    qtbot: QtBot, context: AppContext, config: Path
) -> None:
    window = make_window(qtbot, context)
    qtbot.keyClick(window, Qt.Key.Key_Comma, CTRL)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    retype(qtbot, dialog.name, "Anna B.")
    retype(qtbot, dialog.idle_minutes.lineEdit(), "7")
    dialog.save_button.click()
    assert window.window_lock.idle_interval_ms == 7 * 60_000
    assert window.windowTitle() == "fsa-desk – Anna B."
    assert window.statusBar().currentMessage() == "Einstellungen gespeichert."
