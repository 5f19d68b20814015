"""First start: the dialog creates an installation only with a complete, confirmed entry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from fsa_desk.gui.first_run import FirstRunDialog
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.services import access
from fsa_desk.services.installation import NewInstallation, describe

PASSPHRASE = "Apfel Fahrrad Kiste"


def make_dialog(qtbot: QtBot, root: Path) -> FirstRunDialog:
    dialog = FirstRunDialog(root, SyncRunner())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_in(qtbot: QtBot, dialog: FirstRunDialog, repeated: str = PASSPHRASE) -> None:
    qtbot.keyClicks(dialog.name, "Anna Berg")
    qtbot.keyClicks(dialog.code, "B1")
    dialog.role.setCurrentIndex(dialog.role.findData("lead"))
    qtbot.keyClicks(dialog.provider, "Caritas")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeated, repeated)


def test_first_run_creates_the_installation_and_opens_it(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "data"
    dialog = make_dialog(qtbot, root)
    fill_in(qtbot, dialog)
    assert not dialog.create_button.isEnabled()  # the warning is not yet confirmed
    dialog.understood.click()
    assert dialog.create_button.isEnabled()
    qtbot.keyClick(dialog.repeated, Qt.Key.Key_Return)

    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.store is not None
    with dialog.store as store:
        info = describe(store)
        assert (info.name, info.code, info.role, info.provider) == (
            "Anna Berg",
            "B1",
            "lead",
            "Caritas",
        )
    with access.open_installation(root, PASSPHRASE):
        pass


def test_the_roles_are_named_in_the_users_words(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path / "data")
    labels = [dialog.role.itemText(i) for i in range(dialog.role.count())]
    assert labels == ["Berater:in", "Koordination"]


def test_the_warning_says_a_lost_passphrase_cannot_be_recovered(
    qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, tmp_path / "data")
    assert "nicht wiederherstellen" in dialog.understood.text()


def test_strength_hint_follows_the_typing(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path / "data")
    qtbot.keyClicks(dialog.passphrase, "kurz")
    assert dialog.strength.text().startswith("Stärke: Zu kurz.")
    assert "Mindestens 8 Zeichen" in dialog.strength.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE + " Garten")
    assert dialog.strength.text().startswith("Stärke: Stark.")
    assert dialog.strength_bar.value() > 50


def test_a_differing_repetition_is_shown_and_blocks_creating(qtbot: QtBot, tmp_path: Path) -> None:
    root = tmp_path / "data"
    dialog = make_dialog(qtbot, root)
    fill_in(qtbot, dialog, repeated="Apfel Fahrrad Kist")
    dialog.understood.click()
    assert dialog.mismatch.isVisible()
    assert not dialog.create_button.isEnabled()
    qtbot.keyClick(dialog.repeated, Qt.Key.Key_Return)
    assert dialog.store is None
    assert not access.installation_exists(root)


def test_a_too_short_passphrase_cannot_be_used(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = make_dialog(qtbot, tmp_path / "data")
    qtbot.keyClicks(dialog.name, "Anna Berg")
    qtbot.keyClicks(dialog.code, "B1")
    qtbot.keyClicks(dialog.passphrase, "kurz123")
    qtbot.keyClicks(dialog.repeated, "kurz123")
    dialog.understood.click()
    assert not dialog.create_button.isEnabled()


def test_a_failure_is_shown_as_a_sentence_and_the_form_stays_usable(
    qtbot: QtBot, tmp_path: Path
) -> None:
    root = tmp_path / "data"
    other = NewInstallation("Ben Roth", "B2", "counsellor")
    access.create_installation(root, other, PASSPHRASE, PASSPHRASE).close()
    dialog = make_dialog(qtbot, root)
    fill_in(qtbot, dialog)
    dialog.understood.click()
    dialog.create_button.click()
    assert dialog.store is None
    assert dialog.error.isVisible()
    assert "gibt es bereits eine fsa-desk-Installation" in dialog.error.text()
    assert dialog.name.isEnabled()
