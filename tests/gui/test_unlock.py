"""Later starts: the passphrase dialog, or the passphrase from the environment."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from fsa_desk.gui.app import obtain_store
from fsa_desk.gui.unlock import UnlockDialog
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.services import access
from fsa_desk.services.installation import NewInstallation, describe

PASSPHRASE = "Apfel Fahrrad Kiste"


@pytest.fixture(scope="module")
def installation(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("unlock") / "data"
    new = NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat")
    access.create_installation(root, new, PASSPHRASE, PASSPHRASE).close()
    return root


def fingerprint(root: Path) -> dict[str, str]:
    """Every file of the data folder by content: proof that nothing changed."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.iterdir())
        if path.is_file() and path.suffix != ".lock"
    }


def make_dialog(qtbot: QtBot, root: Path, message: str | None = None) -> UnlockDialog:
    dialog = UnlockDialog(root, SyncRunner(), message=message)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def test_right_passphrase_opens_the_installation(qtbot: QtBot, installation: Path) -> None:
    dialog = make_dialog(qtbot, installation)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.result() == UnlockDialog.DialogCode.Accepted
    assert dialog.store is not None
    with dialog.store as store:
        assert describe(store).name == "Anna Berg"


def test_wrong_passphrase_is_one_sentence_the_dialog_stays_and_nothing_changes(
    qtbot: QtBot, installation: Path
) -> None:
    before = fingerprint(installation)
    dialog = make_dialog(qtbot, installation)
    qtbot.keyClicks(dialog.passphrase, "Apfel Fahrrad Kist")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.store is None
    assert dialog.error.text() == "Falsche Passphrase."
    assert dialog.passphrase.hasFocus()
    assert fingerprint(installation) == before
    # and the next try still works
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.store is not None
    dialog.store.close()


def test_escape_quits_without_opening(qtbot: QtBot, installation: Path) -> None:
    dialog = make_dialog(qtbot, installation)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Escape)
    assert dialog.result() == UnlockDialog.DialogCode.Rejected
    assert dialog.store is None


def when_modal(qtbot: QtBot, act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the modal dialog once ``exec()`` shows it."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, poll)
        else:
            act(dialog)

    QTimer.singleShot(0, poll)


def test_the_passphrase_from_the_environment_opens_without_asking(installation: Path) -> None:
    store = obtain_store(installation, PASSPHRASE)
    assert store is not None
    store.close()


def test_a_wrong_passphrase_from_the_environment_asks_and_says_why(
    qtbot: QtBot, installation: Path
) -> None:
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog)
        seen.append(dialog.error.text())
        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)

    when_modal(qtbot, answer)
    store = obtain_store(installation, "veraltete Passphrase")
    assert seen == ["Falsche Passphrase."]
    assert store is not None
    store.close()


def test_no_installation_starts_the_first_run(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "data"
    titles: list[str] = []

    def cancel(dialog: QWidget) -> None:
        titles.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(qtbot, cancel)
    assert obtain_store(root, PASSPHRASE) is None
    assert titles == ["Willkommen bei fsa-desk"]
    assert not access.installation_exists(root)
