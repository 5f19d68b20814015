""" "Austausch": the page for sync (DESIGN.md §5 team flow).

A counsellor sees when she last exported, a reminder when an export is due, and exports a bundle
for the lead; she joins the team and saves her device card (its fingerprint shown for reading
out). The lead imports bundles — by file dialog or by dropping several files — sees a dry-run
preview per bundle before applying, follows each counsellor's bundles (last one, missing
numbers), enrols cards after comparing fingerprints, revokes lost keys, and writes the team index
and handover bundles. The review lists open as dialogs (``sync_review``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from fsa_desk.gui import sync_files
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.sync_dialogs import add_button
from fsa_desk.gui.sync_format import reminder_text
from fsa_desk.gui.sync_lead import LeadPanel
from fsa_desk.i18n import _
from fsa_desk.services import sync_export, team
from fsa_desk.services.sync_status import SyncStatus, sync_status


class SyncView(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.status: SyncStatus | None = None
        self._stale = False
        self._build()
        context.data_changed.connect(self._data_changed)
        self.refresh()

    def _data_changed(self) -> None:
        # The status reads the review queues (every person at the lead): only while shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.team_line = QLabel()
        self.team_line.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("font-family: monospace;")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.team_line)
        layout.addWidget(self.fingerprint)
        layout.addLayout(self._team_buttons())
        self.counsellor_box = self._counsellor_box()
        self.lead_box = LeadPanel(self)
        layout.addWidget(self.counsellor_box)
        layout.addWidget(self.lead_box, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch()

    def _team_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.create_button = add_button(_("Create team…"), self.create_team, row)
        self.join_button = add_button(_("Join team…"), self.join_team, row)
        self.card_button = add_button(_("Save device card…"), self.save_card, row)
        row.addStretch()
        return row

    def _counsellor_box(self) -> QGroupBox:
        box = QGroupBox(_("Export for the lead"))
        self.reminder = QLabel()
        self.reminder.setWordWrap(True)
        row = QHBoxLayout()
        self.export_button = add_button(_("&Export bundle…"), self.export, row)
        row.addStretch()
        layout = QVBoxLayout(box)
        layout.addWidget(self.reminder)
        layout.addLayout(row)
        return box

    # --- reading ------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.context.store
        self.context.runner.run(
            lambda: sync_status(store), self._show_status, self.fail, key="sync-status"
        )

    def _show_status(self, status: SyncStatus) -> None:
        self.status = status
        lead = status.is_lead
        self.title.setText(_("Exchange — lead") if lead else _("Exchange — counsellor"))
        self.team_line.setText(self._team_text(status))
        self.fingerprint.setText(
            _("Fingerprint of this laptop: {fp}").format(fp=status.fingerprint)
        )
        self.create_button.setVisible(lead and not status.joined)
        self.join_button.setVisible(not lead)
        self.join_button.setText(_("Join team again…") if status.joined else _("Join team…"))
        self.card_button.setVisible(not lead)
        self.counsellor_box.setVisible(not lead)
        self.lead_box.setVisible(lead)
        self.setAcceptDrops(lead)
        self.reminder.setText(reminder_text(status.reminder))
        due = status.reminder.due and status.joined
        self.reminder.setStyleSheet("color: #9a3b00; font-weight: 600;" if due else "")
        self.export_button.setEnabled(status.joined)
        if lead:
            self.lead_box.show_status(status)

    @staticmethod
    def _team_text(status: SyncStatus) -> str:
        if not status.joined:
            if status.is_lead:
                return _("No team yet: create the team and give its file to your colleagues.")
            return _("Not in a team yet: join with the team file from your lead.")
        return _("Member of the team of {provider} as {code}.").format(
            provider=status.provider or "–", code=status.code or "–"
        )

    # --- background work ------------------------------------------------------------------

    def work(self, function: Any, on_result: Any, busy: str) -> None:
        self.message.setText(busy)
        self.progress.show()

        def done(value: object) -> None:
            self.progress.hide()
            on_result(value)

        self.context.runner.run(function, done, self.fail)

    def fail(self, message: str) -> None:
        self.progress.hide()
        self.message.setText(message)
        self.message.setStyleSheet("color: #b00020;")

    def note(self, message: str) -> None:
        """A hint in the message line (no write happened)."""
        self.message.setStyleSheet("")
        self.message.setText(message)

    def say(self, message: str) -> None:
        self.message.setStyleSheet("")
        self.message.setText(message)
        self.context.changed(message)
        if not self.isVisible():  # our own write: show its outcome even before the page is shown
            self._stale = False
            self.refresh()

    # --- counsellor ---------------------------------------------------------------------

    def export(self, target: Path | None = None) -> None:
        suggested = f"fsa-desk-{self.status.code if self.status else 'export'}.fsabundle"
        target = target or sync_files.choose_save_file(self, _("Export bundle"), suggested)
        if target is None:
            return
        store = self.context.store
        self.work(
            lambda: sync_export.export_bundle(store, target),
            lambda s: self.say(
                _("Bundle {number} with {changes} changes saved to {file}.").format(
                    number=s.sequence, changes=s.changes, file=s.file.name
                )
            ),
            _("Exporting…"),
        )

    def join_team(self, path: Path | None = None) -> None:
        path = path or sync_files.choose_open_file(
            self, _("Team file from your lead"), sync_files.team_filter()
        )
        if path is None:
            return
        store = self.context.store
        self.work(
            lambda: team.join_team(store, path),
            lambda joined: self.say(
                _("Joined the team of {provider}.").format(provider=joined.provider or "–")
            ),
            _("Joining…"),
        )

    def save_card(self, path: Path | None = None) -> None:
        suggested = f"{self.status.code if self.status else 'device'}.card"
        path = path or sync_files.choose_save_file(self, _("Save device card"), suggested)
        if path is None:
            return
        store = self.context.store
        self.work(
            lambda: team.write_own_card(store, path),
            lambda card: self.say(
                _("Device card saved. Read this fingerprint out to your lead: {fp}").format(
                    fp=card.fingerprint
                )
            ),
            _("Saving…"),
        )

    # --- lead: team -----------------------------------------------------------------------

    def create_team(self, team_file: Path | None = None, key_file: Path | None = None) -> None:
        team_file = team_file or sync_files.choose_save_file(self, _("Save team file"), "team.json")
        if team_file is None:
            return
        key_file = key_file or sync_files.choose_save_file(
            self, _("Save recovery key (for the office safe)"), "recovery.key"
        )
        if key_file is None:
            return
        store = self.context.store
        self.work(
            lambda: team.create_team(store, team_file, key_file),
            lambda _created: self.say(
                _("Team created. Put the recovery key in the office safe and delete other copies.")
            ),
            _("Creating the team…"),
        )

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.lead_box.isVisibleTo(self) and _local_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.lead_box.preview_import(files)


def _local_files(mime: Any) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
