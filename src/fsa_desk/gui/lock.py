"""Locking: noticing an unattended laptop, and the lock screen that covers the window until the
passphrase is entered again (DESIGN.md §10).

The lock screen checks the passphrase against the key verifier (``services.access``): the open
database stays open, so unlocking brings the counsellor back exactly where she was.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _
from fsa_desk.services import access

# Only what a person does counts as activity: timers, repaints and data arriving do not.
_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TabletPress,
    }
)


class LockScreen(QWidget):
    """Covers the window's content; ``unlocked`` once the right passphrase was entered."""

    unlocked = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._checking = False
        self.title = QLabel(_("fsa-desk is locked"))
        self.title.setObjectName("lockTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.title.setFont(font)
        self.who = QLabel()
        self.prompt = QLabel(self._prompt_text())
        self.prompt.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName(_("Passphrase"))
        self.passphrase.setPlaceholderText(_("Passphrase"))
        self.passphrase.returnPressed.connect(self.submit)
        self.passphrase.setMinimumHeight(32)
        self.unlock_button = QPushButton(_("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self.submit)
        self.error = QLabel()
        self.error.setObjectName("lockError")
        self.error.setStyleSheet("QLabel { color: #b3261e; font-weight: bold; }")
        self.error.setWordWrap(True)
        self.error.hide()
        self._lay_out()

    def _prompt_text(self) -> str:
        if access.has_passphrase(self.context.store):
            return _("Enter your passphrase to continue where you left off.")
        return _("Demo installation without a passphrase: press Enter to continue.")

    def _lay_out(self) -> None:
        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(480)  # word-wrapped labels need a known width to get their height
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(12)
        for widget in (self.title, self.who, self.prompt, self.passphrase):
            inner.addWidget(widget)
        inner.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignRight)
        inner.addWidget(self.error)
        # Stretches, not an alignment flag: an aligned widget loses its height-for-width and
        # would cut the wrapped prompt.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def start(self, counsellor_name: str | None = None) -> None:
        """Show an empty field with the focus in it (called each time the window locks)."""
        self.who.setText(
            _("Signed in: {name}").format(name=counsellor_name) if counsellor_name else ""
        )
        self.who.setVisible(bool(counsellor_name))
        self.passphrase.clear()
        self.error.hide()
        self._set_checking(False)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        if self._checking:
            return
        self._set_checking(True)
        store, text = self.context.store, self.passphrase.text()
        self.context.runner.run(
            lambda: access.passphrase_matches(store, text),
            on_result=self._checked,
            on_error=self._failed,
        )

    def _checked(self, matches: bool) -> None:
        self._set_checking(False)
        if matches:
            self.passphrase.clear()
            self.error.hide()
            self.unlocked.emit()
        else:
            self._failed(_("Wrong passphrase."))

    def _failed(self, message: str) -> None:
        self._set_checking(False)
        self.error.setText(message)
        self.error.show()
        self.passphrase.selectAll()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _set_checking(self, checking: bool) -> None:
        self._checking = checking
        self.passphrase.setEnabled(not checking)
        self.unlock_button.setEnabled(not checking)


class WindowLock(QObject):
    """Locks one window: after ``idle_interval_ms`` without key or mouse input, on Ctrl+L (also
    inside the window's dialogs) or on request. It swaps the window's content for the lock
    screen, hides the window's open dialogs and remembers the focus; unlocking restores it all.

    The window shows ``screen`` and hides its own frame (menus, toolbar, status bar) when
    ``changed(True)`` arrives, and undoes that on ``changed(False)``. One application-wide event
    filter notices input: every event passes through it, so it does as little as possible.
    """

    changed = Signal(bool)  # locked

    def __init__(self, window: QWidget, context: AppContext, idle_interval_ms: int) -> None:
        super().__init__(window)
        self.window = window
        self.locked = False
        self.counsellor_name: str | None = None
        self.screen = LockScreen(context)
        self.screen.unlocked.connect(self.unlock)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(idle_interval_ms)
        self._idle.timeout.connect(self.lock)
        self._hidden_dialogs: list[QWidget] = []
        self._focus: QWidget | None = None
        QApplication.instance().installEventFilter(self)

    @property
    def idle_interval_ms(self) -> int:
        return self._idle.interval()

    def set_idle_interval(self, interval_ms: int) -> None:
        self._idle.setInterval(interval_ms)
        if self._idle.isActive():
            self._idle.start()

    def watch_idle_time(self) -> None:
        """Start counting idle time (the window does so once it is shown)."""
        if not self.locked:
            self._idle.start()

    def stop(self) -> None:
        self._idle.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in _INPUT_EVENTS or self.locked:
            return False
        if self._idle.isActive():
            self._idle.start()
        if kind == QEvent.Type.KeyPress and self._is_lock_key_in_dialog(watched, event):
            self.lock()
            return True
        return False

    def _is_lock_key_in_dialog(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+L in one of the window's dialogs: the window's own shortcut does not reach past
        a dialog that blocks it."""
        return (
            event.key() == Qt.Key.Key_L
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and isinstance(watched, QWidget)
            and self._owns(watched.window())
        )

    def lock(self) -> None:
        if self.locked:
            return
        self.locked = True
        self._idle.stop()
        self._focus = QApplication.focusWidget()
        self._hidden_dialogs = [w for w in QApplication.topLevelWidgets() if self._owns(w)]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.changed.emit(True)
        self.screen.start(self.counsellor_name)

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.changed.emit(False)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        if self._focus is not None:
            self._focus.setFocus(Qt.FocusReason.OtherFocusReason)
            self._focus = None
        self._idle.start()

    def _owns(self, widget: QWidget) -> bool:
        """A visible dialog (or message box) of this window."""
        if widget is self.window or not widget.isVisible():
            return False
        parent = widget.parentWidget()
        while parent is not None:
            if parent is self.window:
                return True
            parent = parent.parentWidget()
        return False
