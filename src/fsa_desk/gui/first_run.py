"""The first start: who works on this laptop, and the passphrase that protects the data.

The passphrase cannot be recovered — no one, not even the provider's IT, can open the data
without it. The dialog says so plainly and asks for a confirmation before anything is created.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.worker import Runner
from fsa_desk.i18n import _
from fsa_desk.services import access
from fsa_desk.services.installation import NewInstallation
from fsa_desk.store.store import Store

ERROR_STYLE = "QLabel { color: #b3261e; font-weight: bold; }"
WARNING_STYLE = (
    "QLabel { background: #fff4e5; border: 1px solid #e0a040; border-radius: 4px; padding: 8px; }"
)
# Strength levels 0–4 as bar colours: red, red, amber, green, green.
_LEVEL_COLOURS = ("#b3261e", "#b3261e", "#c77700", "#2e7d32", "#1b5e20")


def roles() -> list[tuple[str, str]]:
    """The roles a counsellor picks from: (label, code)."""
    return [(_("Counsellor"), "counsellor"), (_("Coordination"), "lead")]


class StoreOpeningDialog(QDialog):
    """A dialog that opens (or creates) the installation on the runner; ``store`` holds it
    afterwards. While that runs, the dialog cannot be closed: the opened store must not be left
    behind without an owner."""

    def __init__(self, runner: Runner, working: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.store: Store | None = None
        self._working = False
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.working = QLabel(working)
        self.working.hide()

    def open_with(self, work: Callable[[], Store]) -> None:
        self._set_working(True)
        self.runner.run(work, on_result=self._opened, on_error=self.failed)

    def _opened(self, store: Store) -> None:
        self.store = store
        self.accept()

    def failed(self, message: str) -> None:
        self._set_working(False)
        self.error.setText(message)
        self.error.show()

    def reject(self) -> None:
        if not self._working:
            super().reject()

    def _set_working(self, working: bool) -> None:
        self._working = working
        self.working.setVisible(working)
        if working:
            self.error.hide()
        self.enable_inputs(not working)

    def enable_inputs(self, enabled: bool) -> None:
        """Subclasses enable or disable their fields and buttons."""


class FirstRunDialog(StoreOpeningDialog):
    """Creates the installation; afterwards ``store`` holds it, opened."""

    def __init__(self, data_dir: Path, runner: Runner, parent: QWidget | None = None) -> None:
        super().__init__(runner, _("Creating the installation…"), parent)
        self.data_dir = data_dir
        self.setWindowTitle(_("Welcome to fsa-desk"))
        self._build_fields()
        self._lay_out()
        self._update()

    def _build_fields(self) -> None:
        self.name = QLineEdit()
        self.code = QLineEdit()
        self.code.setMaxLength(20)
        self.code.setPlaceholderText(_("e.g. B1"))
        self.role = QComboBox()
        for label, code in roles():
            self.role.addItem(label, code)
        self.provider = QLineEdit()
        self.passphrase = QLineEdit()
        self.repeated = QLineEdit()
        for field in (self.passphrase, self.repeated):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.strength_bar = QProgressBar()
        self.strength_bar.setRange(0, 100)
        self.strength_bar.setTextVisible(False)
        self.strength_bar.setMaximumHeight(8)
        self.strength = QLabel()
        self.strength.setWordWrap(True)
        self.mismatch = QLabel(_("The two passphrases differ."))
        self.mismatch.setStyleSheet(ERROR_STYLE)
        self.understood = QCheckBox(_("I &understand that a lost passphrase cannot be recovered."))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.addButton(
            _("&Create installation"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for field in (self.name, self.code, self.passphrase, self.repeated):
            field.textChanged.connect(self._update)
        self.understood.toggled.connect(self._update)

    def _lay_out(self) -> None:
        intro = QLabel(
            _(
                "Set up this laptop once: who works here, and the passphrase that encrypts "
                "all client data."
            )
        )
        intro.setWordWrap(True)
        where = QLabel(_("Data folder: {path}").format(path=self.data_dir))
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        where.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("Counsellor &code:"), self.code)
        form.addRow(_("&Role:"), self.role)
        form.addRow(_("Pro&vider (Träger):"), self.provider)
        form.addRow(_("&Passphrase:"), self.passphrase)
        strength = QVBoxLayout()
        strength.setSpacing(2)
        strength.addWidget(self.strength_bar)
        strength.addWidget(self.strength)
        form.addRow("", strength)
        form.addRow(_("Re&peat passphrase:"), self.repeated)
        form.addRow("", self.mismatch)
        warning = QLabel(
            _(
                "<b>Important:</b> the passphrase cannot be recovered. Whoever forgets it can no "
                "longer open the data — no one can help, not even your IT. Keep it in a safe "
                "place, for example a password manager."
            )
        )
        warning.setWordWrap(True)
        warning.setStyleSheet(WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        for item in (intro, where):
            layout.addWidget(item)
        layout.addLayout(form)
        for item in (warning, self.understood, self.working, self.error, self.buttons):
            layout.addWidget(item)
        self.setMinimumWidth(560)
        self.create_button.setDefault(True)  # only works once the button sits in the dialog

    def _update(self) -> None:
        strength = access.estimate_strength(self.passphrase.text())
        self.strength_bar.setValue(round(strength.fraction * 100))
        colour = _LEVEL_COLOURS[strength.level]
        self.strength_bar.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.strength.setText(
            _("Strength: {label}. {hint}").format(label=strength.label, hint=strength.hint)
            if self.passphrase.text()
            else _("Several unrelated words make a passphrase that is easy to remember.")
        )
        differs = bool(self.repeated.text()) and self.repeated.text() != self.passphrase.text()
        self.mismatch.setVisible(differs)
        self.create_button.setEnabled(self._complete(strength.acceptable))

    def _complete(self, acceptable: bool) -> bool:
        return (
            bool(self.name.text().strip())
            and bool(self.code.text().strip())
            and acceptable
            and self.repeated.text() == self.passphrase.text()
            and self.understood.isChecked()
        )

    def new_installation(self) -> NewInstallation:
        return NewInstallation(
            self.name.text().strip(),
            self.code.text().strip(),
            self.role.currentData(),
            self.provider.text().strip() or None,
        )

    def submit(self) -> None:
        if not self.create_button.isEnabled():
            return
        new, root = self.new_installation(), self.data_dir
        passphrase, repeated = self.passphrase.text(), self.repeated.text()
        self.open_with(lambda: access.create_installation(root, new, passphrase, repeated))

    def enable_inputs(self, enabled: bool) -> None:
        for widget in (self.name, self.code, self.role, self.provider, self.passphrase):
            widget.setEnabled(enabled)
        for widget in (self.repeated, self.understood, self.buttons):
            widget.setEnabled(enabled)
        if enabled:
            self._update()
