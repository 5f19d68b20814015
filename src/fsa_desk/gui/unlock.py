"""The passphrase dialog of every later start: a wrong passphrase is one sentence, nothing more."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.first_run import StoreOpeningDialog
from fsa_desk.gui.worker import Runner
from fsa_desk.i18n import _
from fsa_desk.services import access


class UnlockDialog(StoreOpeningDialog):
    """Opens the installation in ``data_dir``; afterwards ``store`` holds it."""

    def __init__(
        self,
        data_dir: Path,
        runner: Runner,
        parent: QWidget | None = None,
        *,
        message: str | None = None,
    ) -> None:
        super().__init__(runner, _("Opening…"), parent)
        self.data_dir = data_dir
        self.setWindowTitle(_("Unlock fsa-desk"))
        self._build(message)

    def _build(self, message: str | None) -> None:
        prompt = QLabel(_("Enter your passphrase to open your data."))
        prompt.setWordWrap(True)
        where = QLabel(_("Data folder: {path}").format(path=self.data_dir))
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton(
            _("&Unlock"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(_("&Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for widget in (prompt, where, self.passphrase, self.working, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(440)
        self.unlock_button.setDefault(True)  # only works once the button sits in the dialog

    def submit(self) -> None:
        root, text = self.data_dir, self.passphrase.text()
        self.open_with(lambda: access.open_installation(root, text))

    def failed(self, message: str) -> None:
        super().failed(message)
        self.passphrase.selectAll()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def enable_inputs(self, enabled: bool) -> None:
        self.passphrase.setEnabled(enabled)
        self.buttons.setEnabled(enabled)
