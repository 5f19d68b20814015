"""Small dialogs of the "Austausch" page: enrolling a device card after comparing fingerprints,
and opening a note at the lead only with a stated reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.i18n import _
from fsa_desk.services.team import CardPreview


def add_button(text: str, slot: Any, row: QHBoxLayout) -> QPushButton:
    """A push button at the end of ``row`` that calls ``slot()`` (without the checked flag)."""
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    row.addWidget(button)
    return button


def _buttons(dialog: QDialog, ok_text: str) -> tuple[QDialogButtonBox, QPushButton]:
    """Cancel and a named OK that stays disabled until the dialog's condition holds."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setEnabled(False)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, ok


class EnrolDialog(QDialog):
    """Shows a card's fingerprint; "Aufnehmen" only once the comparison is confirmed."""

    def __init__(self, preview: CardPreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Enrol device"))
        card = preview.card
        form = QFormLayout()
        form.addRow(_("Counsellor:"), QLabel(f"{card.name} ({card.code})"))
        form.addRow(_("Provider:"), QLabel(preview.provider or "–"))
        self.fingerprint = QLabel(card.fingerprint)
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 16pt;")
        form.addRow(_("Fingerprint:"), self.fingerprint)
        self.confirmed = QCheckBox(
            _("{name} read out the same fingerprint to me (in person or on the phone).").format(
                name=card.name
            )
        )
        self.buttons, self.ok = _buttons(self, _("Enrol"))
        self.confirmed.toggled.connect(self.ok.setEnabled)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Compare the fingerprint with your colleague before enrolling.")))
        layout.addLayout(form)
        if preview.revoked:
            layout.addWidget(
                QLabel(_("This device's key was revoked; it cannot be enrolled again."))
            )
            self.confirmed.setEnabled(False)
        layout.addWidget(self.confirmed)
        layout.addWidget(self.buttons)
        self.confirmed.setFocus()


class NoteReasonDialog(QDialog):
    """Asks why a note is opened; the reason is logged (DESIGN.md §5, notes at the lead)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Open note"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("e.g. deciding the parallel change"))
        self.buttons, self.ok = _buttons(self, _("Open note"))
        self.reason.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Opening a note is logged with its reason.")))
        layout.addWidget(self.reason)
        layout.addWidget(self.buttons)
