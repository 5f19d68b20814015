"""The main window: navigation over the workspace pages, menus, status bar, lock and presentation.

The window owns the frame only. Pages are independent views over ``AppContext``; the window
finds two of them by what they offer: the page with ``show_household(id)`` answers
``household_requested``, the page with a ``search_field`` takes Ctrl+F. While presentation mode is
on, only the household page stays reachable: every other page lists other clients.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.lock import WindowLock
from fsa_desk.i18n import _
from fsa_desk.services.installation import InstallationInfo, describe
from fsa_desk.services.preferences import Preferences, load_preferences
from fsa_desk.store.store import Store

ConsultationDialogFactory = Callable[[AppContext, "uuid.UUID | None", QWidget], QDialog]
SettingsDialogFactory = Callable[[AppContext, QWidget], QDialog]
BUSY_DELAY_MS = 400  # a search that answers at once should not flash a busy bar
STATUS_MESSAGE_MS = 8000
NAVIGATION_WIDTH = 200
NAVIGATION_STYLE = """
QListWidget#navigation { background: palette(window); border-right: 1px solid palette(mid);
                         font-size: 11pt; padding-top: 6px; }
QListWidget#navigation::item { padding: 9px 14px; }
QListWidget#navigation::item:selected { background: palette(highlight);
                                        color: palette(highlighted-text); }
"""


def native_keys(portable: str) -> str:
    """A shortcut as the user's keyboard labels it ("Strg+N" in German)."""
    return QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText)


@dataclass(frozen=True)
class LazyPage:
    """A page built when it is first shown or asked for. ``offers`` names what the window may
    ask of it before it exists: ``show_household`` (the household page), ``search_field``."""

    build: Callable[[], QWidget]
    offers: frozenset[str] = frozenset()


Page = QWidget | LazyPage


def import_start_page() -> None:
    """Import the page shown at start ahead of ``default_pages``: at start this runs while the
    database key is derived on another thread, so it costs no time (DESIGN.md §9)."""
    import fsa_desk.gui.client_list  # noqa: F401


def default_pages(context: AppContext) -> list[tuple[str, Page]]:
    """The four workspace pages. Only the client list is built at start: the others are built
    (and their modules imported) when first needed, so the window is usable sooner."""
    from fsa_desk.gui.client_list import ClientListView

    def household() -> QWidget:
        from fsa_desk.gui.household_view import HouseholdView

        return HouseholdView(context)

    def agenda() -> QWidget:
        from fsa_desk.gui.agenda import AgendaView

        return AgendaView(context)

    def office_hours() -> QWidget:
        from fsa_desk.gui.office_hours import OfficeHoursView

        return OfficeHoursView(context)

    def evaluations() -> QWidget:
        from fsa_desk.gui.reports_view import ReportsView  # matplotlib loads with the charts

        return ReportsView(context)

    def billing() -> QWidget:
        from fsa_desk.gui.fachleistung_abrechnung import AbrechnungView

        return AbrechnungView(context)

    def exchange() -> QWidget:
        from fsa_desk.gui.sync_view import SyncView

        return SyncView(context)

    return [
        (_("Clients"), ClientListView(context)),
        (_("Household"), LazyPage(household, frozenset({"show_household"}))),
        (_("Deadlines & tasks"), LazyPage(agenda)),
        (_("Office hours"), LazyPage(office_hours)),
        (_("Evaluations"), LazyPage(evaluations)),
        (_("Billing"), LazyPage(billing)),
        (_("Exchange"), LazyPage(exchange)),
    ]


def _write_audit_trail(store: Store, household_id: uuid.UUID, target: Path) -> Path:
    from fsa_desk.services import audit_trail

    query = audit_trail.AuditQuery(household_id=household_id)
    if target.suffix.lower() == ".csv":
        text = audit_trail.audit_csv(audit_trail.audit_trail(store, query))
        target.write_text(text, encoding="utf-8-sig")
    else:
        target.write_bytes(audit_trail.audit_pdf(store, query))
    return target


def open_consultation_dialog(
    context: AppContext, household_id: uuid.UUID | None, parent: QWidget
) -> QDialog:
    from fsa_desk.gui.consultation_dialog import ConsultationDialog

    return ConsultationDialog(context, household_id, parent=parent)


def open_settings_dialog(context: AppContext, parent: QWidget) -> QDialog:
    from fsa_desk.gui.settings_dialog import SettingsDialog

    return SettingsDialog(context, parent=parent)


class _Unbuilt(QWidget):
    """Stands in the page stack for a page that is built when first shown."""

    def __init__(self, page: LazyPage) -> None:
        super().__init__()
        self.build = page.build
        self.offers = page.offers


class MainWindow(QMainWindow):
    def __init__(
        self,
        context: AppContext,
        pages: list[tuple[str, Page]] | None = None,
        *,
        consultation_dialog: ConsultationDialogFactory = open_consultation_dialog,
        settings_dialog: SettingsDialogFactory = open_settings_dialog,
        idle_interval_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.context = context
        self._consultation_dialog = consultation_dialog
        self._settings_dialog = settings_dialog
        self._fixed_idle_ms = idle_interval_ms
        self._installation: InstallationInfo | None = None
        self._household_id: uuid.UUID | None = None
        self._build_workspace(pages if pages is not None else default_pages(context))
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._build_lock()
        self._connect_context()
        self._update_title()
        self.resize(1280, 800)
        context.runner.run(self._load_start_state, on_result=self._apply_start_state)

    # --- construction -----------------------------------------------------------------------

    def _build_workspace(self, pages: list[tuple[str, Page]]) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setAccessibleName(_("Navigation"))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.pages = QStackedWidget()
        self.page_titles = [title for title, _page in pages]
        for number, (title, page) in enumerate(pages, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(native_keys(f"Ctrl+{number}"))
            self.navigation.addItem(item)
            if isinstance(page, LazyPage):
                self.pages.addWidget(_Unbuilt(page))
            else:
                self.pages.addWidget(page)
                self._connect_page(page)
        self.navigation.currentRowChanged.connect(self._switch_page)
        self.navigation.setCurrentRow(0)
        self.workspace = QWidget()
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.screens = QStackedWidget()
        self.screens.addWidget(self.workspace)
        self.setCentralWidget(self.screens)

    def _action(self, text: str, shortcuts: list[str], slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        if shortcuts:
            tip = text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…")
            action.setToolTip(f"{tip} ({native_keys(shortcuts[0])})")
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.settings_action = self._action(_("&Settings…"), ["Ctrl+,"], self.open_settings)
        self.lock_action = self._action(_("&Lock"), ["Ctrl+L"], self.lock)
        self.quit_action = self._action(_("&Quit"), ["Ctrl+Q"], self.close)
        self.import_action = self._action(
            _("&Import spreadsheets…"), ["Ctrl+I"], self.open_import_wizard
        )
        self.privacy_action = self._action(
            _("Data &protection and deletion periods…"), [], self.open_privacy
        )
        self.audit_action = self._action(
            _("&Audit trail of this household…"), [], self.save_audit_trail
        )
        self.undo_action = self.context.undo_stack.createUndoAction(self, _("&Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.context.undo_stack.createRedoAction(self, _("&Redo"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.addActions([self.undo_action, self.redo_action])
        self.find_action = self._action(_("&Find client"), ["Ctrl+F"], self.focus_search)
        self.new_consultation_action = self._action(
            _("&New consultation…"), ["Ctrl+N"], self.request_consultation
        )
        self.new_household_action = self._action(
            _("New &household…"), ["Ctrl+Shift+N"], self.open_new_household
        )
        self.page_actions = [
            self._action(
                title.replace("&", "&&"), [f"Ctrl+{index + 1}"], self._page_switcher(index)
            )
            for index, title in enumerate(self.page_titles[:9])
        ]
        self.presentation_action = self._action(
            _("&Presentation mode"), ["F11", "Ctrl+Shift+P"], self._toggle_presentation
        )
        self.presentation_action.setCheckable(True)
        self.shortcuts_action = self._action(_("&Keyboard shortcuts"), ["F1"], self.show_shortcuts)

    def _page_switcher(self, index: int) -> Callable[[], None]:
        return lambda: self.show_page(index)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        file_menu.addAction(self.new_household_action)
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.privacy_action)
        file_menu.addAction(self.audit_action)
        file_menu.addSeparator()
        file_menu.addActions([self.settings_action, self.lock_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu(_("&Edit"))
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        edit_menu.addActions([self.find_action, self.new_consultation_action])
        view_menu = bar.addMenu(_("&View"))
        view_menu.addActions(self.page_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.presentation_action)
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(_("About fsa-desk…"), self.show_about)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(_("Toolbar"))
        self.toolbar.setObjectName("toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions(
            [self.new_consultation_action, self.presentation_action, self.lock_action]
        )
        self.addToolBar(self.toolbar)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.presentation_label = QLabel(_("Presentation mode: client list hidden"))
        self.presentation_label.setStyleSheet(
            "QLabel { background: #b3261e; color: white; padding: 2px 8px; font-weight: bold; }"
        )
        self.presentation_label.hide()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(120)
        self.busy_bar.setMaximumHeight(14)
        self.busy_bar.setToolTip(_("Working…"))
        self.busy_bar.hide()
        status.addPermanentWidget(self.presentation_label)
        status.addPermanentWidget(self.busy_bar)
        self._busy_delay = QTimer(self)
        self._busy_delay.setSingleShot(True)
        self._busy_delay.setInterval(BUSY_DELAY_MS)
        self._busy_delay.timeout.connect(self.busy_bar.show)

    def _build_lock(self) -> None:
        idle_ms = self._fixed_idle_ms or Preferences().idle_lock_minutes * 60_000
        self.window_lock = WindowLock(self, self.context, idle_ms)
        self.window_lock.changed.connect(self._lock_changed)
        self.lock_screen = self.window_lock.screen
        self.screens.addWidget(self.lock_screen)
        self.window_lock.watch_idle_time()

    def _connect_context(self) -> None:
        context = self.context
        context.status_message.connect(self._show_status)
        context.runner.busy_changed.connect(self._busy_changed)
        context.runner.unhandled_error.connect(self._show_error)
        context.household_requested.connect(self._show_household)
        context.consultation_requested.connect(self._open_consultation)
        context.presentation_changed.connect(self._presentation_changed)

    # --- start state --------------------------------------------------------------------------

    def _load_start_state(self) -> tuple[InstallationInfo, Preferences]:
        store = self.context.store
        return describe(store), load_preferences(store)

    def _apply_start_state(self, state: tuple[InstallationInfo, Preferences]) -> None:
        installation, preferences = state
        self.installation_changed(installation)
        self.apply_preferences(preferences)

    def apply_preferences(self, preferences: Preferences) -> None:
        if self._fixed_idle_ms is None:
            self.window_lock.set_idle_interval(preferences.idle_lock_minutes * 60_000)

    def installation_changed(self, info: InstallationInfo) -> None:
        self._installation = info
        self.window_lock.counsellor_name = info.name
        self._update_title()

    def _update_title(self) -> None:
        parts = ["fsa-desk"]
        if self.locked:
            parts.append(_("locked"))
        elif self._installation is not None:
            parts.append(self._installation.name)
        if self.context.demo:
            parts.append("DEMO")
        self.setWindowTitle(" – ".join(parts))

    # --- pages --------------------------------------------------------------------------------

    def page(self, index: int) -> QWidget:
        """The page at ``index``, built now if it was waiting to be shown."""
        widget = self.pages.widget(index)
        if isinstance(widget, _Unbuilt):
            built = widget.build()
            self.pages.insertWidget(index, built)
            self.pages.removeWidget(widget)
            widget.deleteLater()
            self._connect_page(built)
            return built
        return widget

    def _connect_page(self, page: QWidget) -> None:
        """Pages that ask to edit a consultation get the same dialog as Ctrl+N."""
        editing = getattr(page, "edit_consultation_requested", None)
        if editing is not None:
            editing.connect(self.edit_consultation)

    def open_import_wizard(self) -> None:
        """Bring years of Excel documentation in (CSV and .xlsx, DESIGN.md §8)."""
        from fsa_desk.gui.import_wizard import ImportWizard

        if self.locked or self.context.presentation:
            return
        wizard = ImportWizard(self.context, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.open()

    def open_new_household(self) -> None:
        from fsa_desk.gui.household_dialog import NewHouseholdDialog

        if self.locked:
            return
        dialog = NewHouseholdDialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def save_audit_trail(self, target: Path | None = None) -> None:
        """Who entered, changed or deleted what in the household on screen (PDF or CSV)."""
        household_id = self.current_household()
        if household_id is None or self.locked:
            self._show_status(_("Open a household first (Ctrl+2)."))
            return
        if target is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the audit trail"),
                "aenderungsprotokoll.pdf",
                _("PDF documents (*.pdf);;CSV files (*.csv)"),
            )
            if not chosen:
                return
            target = Path(chosen)
        self.context.runner.run(
            lambda: _write_audit_trail(self.context.store, household_id, target),
            on_result=lambda path: self._show_status(_("Saved: {path}").format(path=path)),
            on_error=self._show_error,
        )

    def open_privacy(self) -> None:
        """Deletion periods (Löschfristen) with preview and run; a person's rights from the
        household's member list."""
        from fsa_desk.gui.privacy_dialog import PrivacyDialog

        if self.locked or self.context.presentation:
            return
        dialog = PrivacyDialog(self.context, None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def edit_consultation(self, consultation_id: uuid.UUID) -> None:
        from fsa_desk.gui.consultation_dialog import ConsultationDialog

        if self.locked:
            return
        dialog = ConsultationDialog(
            self.context, None, parent=self, consultation_id=consultation_id
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _switch_page(self, index: int) -> None:
        if index >= 0:
            self.pages.setCurrentWidget(self.page(index))

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def show_page(self, index: int) -> None:
        item = self.navigation.item(index)
        if item is None or item.isHidden() or self.locked:
            return
        self.navigation.setCurrentRow(index)

    def _index_of(self, has: str) -> int | None:
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if has in widget.offers if isinstance(widget, _Unbuilt) else hasattr(widget, has):
                return index
        return None

    def _show_household(self, household_id: uuid.UUID) -> None:
        index = self._index_of("show_household")
        if index is None:
            return
        self._household_id = household_id
        self.show_page(index)
        self.page(index).show_household(household_id)

    def current_household(self) -> uuid.UUID | None:
        """The household on screen, if the household page is the one shown."""
        if self.pages.currentIndex() == self._index_of("show_household"):
            return self._household_id
        return None

    def focus_search(self) -> None:
        index = self._index_of("search_field")
        if index is None or self.navigation.item(index).isHidden() or self.locked:
            return
        self.show_page(index)
        field = self.page(index).search_field
        field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        field.selectAll()

    # --- consultation, settings, help -----------------------------------------------------------

    def request_consultation(self) -> None:
        self.context.consultation_requested.emit(self.current_household())

    def _open_consultation(self, household_id: uuid.UUID | None) -> None:
        if self.locked:
            return
        dialog = self._consultation_dialog(self.context, household_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_settings(self) -> None:
        if self.locked:
            return
        dialog = self._settings_dialog(self.context, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        saved = getattr(dialog, "saved", None)
        if saved is not None:
            saved.connect(self.apply_preferences)
        profile = getattr(dialog, "profile_changed", None)
        if profile is not None:
            profile.connect(self.installation_changed)
        dialog.open()

    def show_about(self) -> None:
        from fsa_desk.gui.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def show_shortcuts(self) -> None:
        last_page = f"Ctrl+{len(self.page_actions)}"
        rows = [
            (_("New consultation"), native_keys("Ctrl+N")),
            (_("Find client"), native_keys("Ctrl+F")),
            (_("Switch page"), f"{native_keys('Ctrl+1')} … {native_keys(last_page)}"),
            (_("Undo"), native_keys("Ctrl+Z")),
            (_("Redo"), native_keys("Ctrl+Shift+Z")),
            (_("Presentation mode on/off"), f"F11, {native_keys('Ctrl+Shift+P')}"),
            (_("Lock"), native_keys("Ctrl+L")),
            (_("Settings"), native_keys("Ctrl+,")),
            (_("Quit"), native_keys("Ctrl+Q")),
        ]
        table = "".join(f"<tr><td>{what}</td><td><b>{keys}</b></td></tr>" for what, keys in rows)
        box = QMessageBox(QMessageBox.Icon.NoIcon, _("Keyboard shortcuts"), "", parent=self)
        box.setText(f"<table cellspacing='6' style='white-space: nowrap'>{table}</table>")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- status bar ---------------------------------------------------------------------------

    def _show_status(self, message: str) -> None:
        if not self.locked:
            self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self._busy_delay.start()
        else:
            self._busy_delay.stop()
            self.busy_bar.hide()

    def _show_error(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "fsa-desk", message, parent=self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # --- presentation mode ----------------------------------------------------------------------

    def _toggle_presentation(self) -> None:
        self.context.set_presentation(self.presentation_action.isChecked())

    def _presentation_changed(self, on: bool) -> None:
        self.presentation_action.setChecked(on)
        household_index = self._index_of("show_household")
        for index in range(self.navigation.count()):
            self.navigation.item(index).setHidden(on and index != household_index)
            if index < len(self.page_actions):
                self.page_actions[index].setEnabled(not on or index == household_index)
        self.find_action.setEnabled(not on)
        self.presentation_label.setVisible(on)
        if on and household_index is not None:
            self.navigation.setCurrentRow(household_index)

    # --- lock -----------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return self.window_lock.locked

    def lock(self) -> None:
        """Replace everything on screen by the lock screen; nothing of the clients stays visible."""
        self.window_lock.lock()

    def unlock(self) -> None:
        self.window_lock.unlock()

    def _lock_changed(self, locked: bool) -> None:
        self.screens.setCurrentWidget(self.lock_screen if locked else self.workspace)
        self._set_frame_visible(not locked)
        self._update_title()

    def _set_frame_visible(self, visible: bool) -> None:
        self.menuBar().setVisible(visible)
        self.toolbar.setVisible(visible)
        self.statusBar().setVisible(visible)
        if not visible:
            self.statusBar().clearMessage()
        for action in self.actions():
            action.setEnabled(visible)
        if visible:
            self.undo_action.setEnabled(self.context.undo_stack.canUndo())
            self.redo_action.setEnabled(self.context.undo_stack.canRedo())
            self._presentation_changed(self.context.presentation)

    def closeEvent(self, event) -> None:
        self.window_lock.stop()
        self.context.runner.wait()
        super().closeEvent(event)
