"""Haushalt: one household at a glance — header band and tabs, loaded off the GUI thread.

Tabs: Überblick, Mitglieder, Kontakte, Willkommen, Fristen & Aufgaben, Vollmachten &
Einwilligungen (Alt + the underlined letter, Ctrl+Tab and Ctrl+Shift+Tab). Writes go through
services in the runner, become undoable on the shared stack, then every view reloads.
In presentation mode notes, tasks, the ruhend suggestion and other households are hidden.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_commands import StatusDialog, apply_edit
from fsa_desk.gui.household_contacts import ContactsPage
from fsa_desk.gui.household_format import day, status_label
from fsa_desk.gui.household_header import HouseholdHeader
from fsa_desk.gui.household_overview import OverviewPage
from fsa_desk.gui.household_pages import DeadlinesPage, MembersPage, PapersPage
from fsa_desk.gui.household_welcome import WelcomePage
from fsa_desk.i18n import _
from fsa_desk.services import consultations, households, tasks, welcome
from fsa_desk.services.household_view import (
    HouseholdDetail,
    StatusState,
    household_detail,
    reopen_task,
    restore_status,
)


class HouseholdView(QWidget):
    """Shows one household; ``show_household(id)`` switches to another."""

    edit_consultation_requested = Signal(object)  # consultation id

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.clock: Callable[[], date] = date.today  # tests fix the day
        self.household_id: uuid.UUID | None = None
        self.detail: HouseholdDetail | None = None
        self.status_dialog: StatusDialog | None = None
        self.header = HouseholdHeader()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message.hide()
        self._build_dormant_banner()
        self._build_tabs()
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.dormant_banner)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        self._connect()
        self._apply_presentation(context.presentation)

    # --- building ---------------------------------------------------------------------------

    def _build_dormant_banner(self) -> None:
        self.dormant_banner = QFrame()
        self.dormant_banner.setObjectName("dormantBanner")
        self.dormant_banner.setStyleSheet(
            "#dormantBanner { background: #fff3cd; border: 1px solid #e0c060; border-radius: 4px; }"
        )
        self.dormant_text = QLabel()
        self.dormant_text.setWordWrap(True)
        self.dormant_button = QPushButton(_("Set to &dormant"))
        row = QHBoxLayout(self.dormant_banner)
        row.addWidget(self.dormant_text, 1)
        row.addWidget(self.dormant_button)
        self.dormant_banner.hide()

    def _build_tabs(self) -> None:
        self.overview = OverviewPage()
        self.members = MembersPage()
        self.contacts = ContactsPage()
        self.welcome = WelcomePage()
        self.deadlines = DeadlinesPage()
        self.papers = PapersPage()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.overview, _("&Overview"))
        self.tabs.addTab(self.members, _("&Members"))
        self.tabs.addTab(self.contacts, _("&Contacts"))
        self.tabs.addTab(self.welcome, _("&Welcome"))
        self.tabs.addTab(self.deadlines, _("&Deadlines && tasks"))
        self.tabs.addTab(self.papers, _("&Powers of attorney && consents"))
        self.fachleistung: QWidget | None = None  # built when its tab is first opened
        self.fachleistung_tab = QWidget()
        QVBoxLayout(self.fachleistung_tab).setContentsMargins(0, 0, 0, 0)
        self.tabs.addTab(self.fachleistung_tab, _("Fach&leistung"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.pages = (
            self.overview, self.members, self.contacts, self.welcome, self.deadlines, self.papers
        )  # fmt: skip
        for keys, step in (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1),
                           ("Ctrl+PgUp", -1)):  # fmt: skip
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda step=step: self._step_tab(step))

    def _connect(self) -> None:
        context = self.context
        context.data_changed.connect(self.reload)
        context.presentation_changed.connect(self._apply_presentation)
        self.header.new_contact.clicked.connect(self._new_contact)
        self.header.change_status.clicked.connect(self.change_status)
        self.dormant_button.clicked.connect(self._accept_dormant)
        self.contacts.edit_requested.connect(self.edit_consultation_requested)
        self.overview.edit_requested.connect(self.edit_consultation_requested)
        self.contacts.delete_requested.connect(self._delete_consultation)
        self.contacts.agreement_sheet_requested.connect(self.open_agreement_sheet)
        self.members.privacy_requested.connect(self.open_privacy)
        self.members.new_person_requested.connect(self.open_new_person)
        self.welcome.toggle_requested.connect(self._toggle_item)
        self.welcome.start_requested.connect(self._start_checklist)
        self.deadlines.complete_requested.connect(self._complete_task)

    def open_agreement_sheet(self, consultation_id: uuid.UUID) -> None:
        """The Vereinbarungsblatt of a contact: edit the items, then save or print the PDF."""
        from fsa_desk.gui.vereinbarung_dialog import VereinbarungDialog

        dialog = VereinbarungDialog(self.context, consultation_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _step_tab(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # --- loading ----------------------------------------------------------------------------

    def show_household(self, household_id: uuid.UUID) -> None:
        if household_id != self.household_id:
            self.tabs.setCurrentIndex(0)
            self.detail = None
        self.household_id = household_id
        self.reload()

    def open_new_person(self) -> None:
        """A new member; the dialog warns before creating a person who probably exists."""
        from fsa_desk.gui.person_dialog import PersonDialog

        dialog = PersonDialog(self.context, self.household_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_privacy(self, person_id: uuid.UUID) -> None:
        """Data protection for one member: access report, restriction; retention for all."""
        from fsa_desk.gui.privacy_dialog import PrivacyDialog

        dialog = PrivacyDialog(self.context, person_id, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _tab_changed(self, index: int) -> None:
        """The Fachleistung tab (case, Bedarfsanzeigen, budget, reports) loads when opened."""
        if self.tabs.widget(index) is not self.fachleistung_tab or self.household_id is None:
            return
        if self.fachleistung is None:
            from fsa_desk.gui.fachleistung_panel import FachleistungPanel

            self.fachleistung = FachleistungPanel(self.context, self.fachleistung_tab)
            layout = self.fachleistung_tab.layout()
            assert layout is not None
            layout.addWidget(self.fachleistung)
        if self.fachleistung.household_id != self.household_id:  # type: ignore[attr-defined]
            self.fachleistung.show_household(self.household_id)  # type: ignore[attr-defined]

    def reload(self) -> None:
        if self.household_id is None:
            return
        store, household_id, today = self.context.store, self.household_id, self.clock()
        self.context.runner.run(
            lambda: household_detail(store, household_id, today=today),
            on_result=self._show,
            on_error=self._show_error,
            key="household",
        )

    def _show(self, detail: HouseholdDetail) -> None:
        if detail.header.id != self.household_id:
            return  # the user has moved on to another household meanwhile
        self.detail = detail
        self.message.hide()
        self.header.show_detail(detail)
        for page in self.pages:
            page.show_detail(detail)
        self._show_dormant(detail)

    def _show_dormant(self, detail: HouseholdDetail) -> None:
        dormant = detail.dormant
        if dormant is not None:
            text = _(
                "No direct contact since {day} ({months} months). Set the household to dormant?"
            ).format(day=day(dormant.since), months=dormant.months)
            self.dormant_text.setText(text)
        self.dormant_banner.setVisible(dormant is not None and not self.context.presentation)

    def _show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    def _apply_presentation(self, on: bool) -> None:
        for page in self.pages:
            page.set_presentation(on)
        self.dormant_banner.setVisible(
            not on and self.detail is not None and self.detail.dormant is not None
        )

    # --- actions ----------------------------------------------------------------------------

    def _new_contact(self) -> None:
        if self.household_id is not None:
            self.context.consultation_requested.emit(self.household_id)

    def change_status(self) -> None:
        """Open the status dialog (window-modal, so tests and the event loop keep running)."""
        if self.detail is None:
            return
        dialog = StatusDialog(self.detail.header.status, self)
        dialog.accepted.connect(lambda: self.set_status(*dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        self.status_dialog = dialog
        dialog.open()

    def set_status(self, status: str, reason: str | None, detail_text: str | None) -> None:
        if self.detail is None:
            return
        store, household_id, today = self.context.store, self.detail.header.id, self.clock()
        before: StatusState = self.detail.header.status
        self._write(
            _("Status: {status}").format(status=status_label(status)),
            do=lambda: households.set_status(
                store,
                household_id,
                status,
                closure_reason=reason,
                closure_detail=detail_text,
                today=today,
            ),
            undo=lambda: restore_status(store, household_id, before),
            message=_("Household status set to {status}.").format(status=status_label(status)),
        )

    def _accept_dormant(self) -> None:
        self.set_status("ruhend", None, None)

    def _toggle_item(self, item_id: uuid.UUID, done: bool) -> None:
        line = (
            next((c for c in self.detail.checklist if c.id == item_id), None)
            if self.detail
            else None
        )
        if line is None:
            return
        store, today = self.context.store, self.clock()
        status = "erledigt" if done else "offen"
        self._write(
            _("Checklist item"),
            do=lambda: welcome.set_item_status(
                store, item_id, status, comment=line.comment, today=today
            ),
            undo=lambda: welcome.set_item_status(
                store, item_id, line.status, comment=line.comment, today=line.done_on or today
            ),
            message=_("Checklist updated."),
        )

    def _start_checklist(self) -> None:
        if self.household_id is None:
            return
        store, household_id = self.context.store, self.household_id
        self.context.runner.run(
            lambda: welcome.start_checklist(store, household_id),
            on_result=lambda _items: self.context.changed(_("Arrival checklist created.")),
            on_error=self._show_error,
        )

    def _delete_consultation(self, consultation_id: uuid.UUID) -> None:
        store = self.context.store
        self._write(
            _("Delete consultation"),
            do=lambda: consultations.delete_consultation(store, consultation_id),
            undo=lambda: consultations.restore_consultation(store, consultation_id),
            message=_("Consultation deleted (Ctrl+Z undoes it)."),
        )

    def _complete_task(self, task_id: uuid.UUID) -> None:
        store, today = self.context.store, self.clock()
        self._write(
            _("Complete task"),
            do=lambda: tasks.complete_task(store, task_id, today=today),
            undo=lambda: reopen_task(store, task_id),
            message=_("Task marked as done."),
        )

    def _write(
        self, text: str, *, do: Callable[[], Any], undo: Callable[[], Any], message: str
    ) -> None:
        apply_edit(self.context, text, do=do, undo=undo, message=message, on_error=self._show_error)
