"""Hilfe → "Über fsa-desk": version, data folder, runtime versions and verified licences."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from tests.gui.shell_pages import make_window

from fsa_desk import __version__
from fsa_desk.gui.about_dialog import AboutDialog, load_libraries
from fsa_desk.gui.context import AppContext


@pytest.fixture
def dialog(qtbot: QtBot, tmp_path: Path) -> Iterator[AboutDialog]:
    shown = AboutDialog(data_dir=tmp_path / "daten")
    qtbot.addWidget(shown)
    yield shown


def test_shows_version_data_folder_and_runtime_versions(
    dialog: AboutDialog, tmp_path: Path
) -> None:
    text = dialog.summary.text()
    assert dialog.windowTitle() == "Über fsa-desk"
    assert f"fsa-desk {__version__}" in text
    assert str(tmp_path / "daten") in text
    assert "SQLCipher" in text and "4." in text and "PySide6" in text


def test_every_licence_claim_matches_the_installed_package_metadata() -> None:
    libraries = load_libraries()
    names = {library.distribution for library in libraries}
    assert {"PySide6-Essentials", "reportlab", "sqlcipher3", "pyrage", "cryptography"} <= names
    differing = [library.name for library in libraries if library.verified() is False]
    assert differing == []


def test_qt_licence_shows_the_full_lgpl_and_where_the_source_is(dialog: AboutDialog) -> None:
    row = next(
        i for i, lib in enumerate(dialog.libraries) if lib.distribution == "PySide6-Essentials"
    )
    dialog.table.setCurrentCell(row, 0)
    text = dialog.text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3" in text
    assert "download.qt.io" in text


def test_a_library_without_its_own_text_shows_the_licence_file_it_ships(
    dialog: AboutDialog,
) -> None:
    row = next(i for i, lib in enumerate(dialog.libraries) if lib.distribution == "sqlcipher3")
    dialog.table.setCurrentCell(row, 0)
    assert "provided 'as-is'" in dialog.text.toPlainText()
    assert "SQLCipher" in dialog.text.toPlainText()


def test_the_help_menu_opens_the_dialog_with_the_installation_folder(
    qtbot: QtBot, context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window(qtbot, context)
    shown: list[str] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self.summary.text()) or 0)
    help_menu = window.menuBar().actions()[-1].menu()
    action = next(a for a in help_menu.actions() if a.text() == "Über fsa-desk…")
    action.trigger()
    assert str(context.store.data_dir.root) in shown[0]
