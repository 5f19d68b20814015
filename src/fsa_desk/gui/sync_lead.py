"""The lead's half of the "Austausch" page: import bundles with a dry-run preview first, follow
each counsellor's bundles (last one, missing numbers), enrol cards after comparing fingerprints,
revoke lost keys, write the team index and handovers, open the two review lists."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui import sync_files
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.sync_dialogs import EnrolDialog, add_button
from fsa_desk.gui.sync_format import BUNDLE_NUMBERS, bundle_header, bundle_row, when
from fsa_desk.gui.sync_models import SyncTableModel, row_table
from fsa_desk.gui.sync_review import ConflictsDialog, DuplicatesDialog
from fsa_desk.i18n import _
from fsa_desk.services import handover, sync_import, team, team_index
from fsa_desk.services.sync_import import ImportSummary
from fsa_desk.services.sync_status import SyncStatus
from fsa_desk.services.team import CardPreview, CounsellorBundles


class Host(Protocol):
    """What the panel needs of its page: the context and one place for progress and messages."""

    context: AppContext

    def work(self, function: Any, on_result: Any, busy: str) -> None: ...
    def say(self, message: str) -> None: ...
    def fail(self, message: str) -> None: ...
    def note(self, message: str) -> None: ...


class LeadPanel(QGroupBox):
    def __init__(self, host: Host, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.pending: list[Path] = []  # previewed, not yet applied
        self.overview: list[CounsellorBundles] = []
        self._build()

    def show_status(self, status: SyncStatus) -> None:
        self.conflicts_button.setText(_("Parallel changes ({n})").format(n=status.open_conflicts))
        self.duplicates_button.setText(
            _("Possible duplicates ({n})").format(n=status.open_duplicates)
        )
        self._enable_import()
        self._load_overview()

    def _build(self) -> None:
        self.setTitle(_("Bundles of the team"))
        self.drop_hint = QLabel(_("Drop bundle files here, or choose them:"))
        imports = QHBoxLayout()
        imports.addWidget(self.drop_hint)
        self.import_button = add_button(_("&Import bundles…"), self.choose_bundles, imports)
        self.apply_button = add_button(_("&Apply"), self.apply_import, imports)
        self.discard_button = add_button(_("Discard preview"), self.discard_preview, imports)
        imports.addStretch()
        self.preview = row_table(SyncTableModel(bundle_header(), [], self, BUNDLE_NUMBERS))
        self.preview.setMaximumHeight(170)
        self.overview_table = row_table(SyncTableModel(self._overview_header(), [], self))
        team_row = QHBoxLayout()
        self.enrol_button = add_button(_("E&nrol device card…"), self.choose_card, team_row)
        self.revoke_button = add_button(_("&Revoke key…"), self.revoke_selected, team_row)
        self.index_button = add_button(_("Write team &index…"), self.write_index, team_row)
        self.handover_button = add_button(_("Write &handover…"), self.write_handover, team_row)
        team_row.addStretch()
        self.conflicts_button = add_button("", self.show_conflicts, team_row)
        self.duplicates_button = add_button("", self.show_duplicates, team_row)
        layout = QVBoxLayout(self)
        layout.addLayout(imports)
        layout.addWidget(self.preview)
        layout.addWidget(QLabel(_("Counsellors' bundles:")))
        layout.addWidget(self.overview_table, 1)
        layout.addLayout(team_row)

    @staticmethod
    def _overview_header() -> list[str]:
        return [
            _("Code"),
            _("Name"),
            _("Role"),
            _("Last bundle"),
            _("Written"),
            _("Imported"),
            _("Missing bundles"),
            _("Key"),
            _("Fingerprint"),
        ]

    def _load_overview(self) -> None:
        store = self.host.context.store
        self.host.context.runner.run(
            lambda: team.overview(store), self._show_overview, self.host.fail, key="sync-overview"
        )

    def _show_overview(self, rows: list[CounsellorBundles]) -> None:
        self.overview = rows
        rows_shown = [_overview_row(row) for row in rows]
        model = SyncTableModel(self._overview_header(), rows_shown, self, {3})
        self.overview_table.setModel(model)
        self.overview_table.selectionModel().selectionChanged.connect(
            lambda *_a: self._enable_revoke()
        )
        self._enable_revoke()

    def _enable_revoke(self) -> None:
        self.revoke_button.setEnabled(self._selected_device() is not None)

    def _selected_device(self) -> CounsellorBundles | None:
        rows = self.overview_table.selectionModel().selectedRows()
        return self.overview[rows[0].row()] if rows else None

    # --- team ---------------------------------------------------------------------------

    def choose_card(self, path: Path | None = None) -> None:
        path = path or sync_files.choose_open_file(
            self, _("Device card of a colleague"), sync_files.card_filter()
        )
        if path is None:
            return
        store = self.host.context.store
        self.host.work(
            lambda: team.preview_card(store, path),
            lambda preview: self._confirm_enrolment(preview, path),
            _("Reading the card…"),
        )

    def _confirm_enrolment(self, preview: CardPreview, path: Path) -> None:
        self.host.note("")
        dialog = EnrolDialog(preview, self)
        dialog.accepted.connect(lambda: self._enrol(path))
        dialog.open()

    def _enrol(self, path: Path) -> None:
        store = self.host.context.store
        self.host.work(
            lambda: team.enrol(store, path),
            lambda device: self.host.say(
                _("{name} ({code}) is enrolled.").format(name=device.name, code=device.code)
            ),
            _("Enrolling…"),
        )

    def revoke_selected(self) -> None:
        selected = self._selected_device()
        if selected is None:
            return
        device = selected.device
        answer = QMessageBox.question(
            self,
            _("Revoke key"),
            _(
                "Revoke the key of {name} ({code})? Bundles it signs from now on are rejected. "
                "This cannot be undone."
            ).format(name=device.name, code=device.code),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        store = self.host.context.store
        self.host.work(
            lambda: team.revoke(store, device.fingerprint),
            lambda d: self.host.say(_("The key of {code} is revoked.").format(code=d.code)),
            _("Revoking…"),
        )

    def write_index(self, target: Path | None = None) -> None:
        target = target or sync_files.choose_save_file(
            self, _("Write team index"), "team-index.fsabundle"
        )
        if target is None:
            return
        store = self.host.context.store
        self.host.work(
            lambda: team_index.write_index(store, target),
            lambda s: self.host.say(
                _("Team index with {n} households written for {codes}.").format(
                    n=s.households, codes=", ".join(s.recipients) or "–"
                )
            ),
            _("Writing the team index…"),
        )

    def write_handover(
        self, refs: list[str] | None = None, card: Path | None = None, target: Path | None = None
    ) -> None:
        if refs is None:
            text, ok = QInputDialog.getText(
                self, _("Handover"), _("Household numbers (separated by commas):")
            )
            refs = [ref.strip() for ref in text.split(",") if ref.strip()] if ok else []
        if not refs:
            return
        card = card or sync_files.choose_open_file(
            self, _("Device card of the receiving colleague"), sync_files.card_filter()
        )
        target = target or sync_files.choose_save_file(
            self, _("Write handover"), "handover.fsabundle"
        )
        if card is None or target is None:
            return
        store = self.host.context.store
        self.host.work(
            lambda: handover.write_handover(store, refs, card, target),
            lambda s: self.host.say(
                _("Handover of {n} households for {code} written.").format(
                    n=len(s.households), code=s.to_code
                )
            ),
            _("Writing the handover…"),
        )

    # --- lead: import ---------------------------------------------------------------------

    def choose_bundles(self) -> None:
        files = sync_files.choose_open_files(self, _("Import bundles"), sync_files.bundle_filter())
        if files:
            self.preview_import(files)

    # --- import -------------------------------------------------------------------------

    def preview_import(self, files: list[Path]) -> None:
        """A dry run: what each bundle would do, nothing written yet."""
        store = self.host.context.store
        self.pending = []
        self.host.work(
            lambda: sync_import.import_bundles(store, files, dry_run=True),
            lambda summary: self._show_preview(summary, files),
            _("Checking {n} bundles…").format(n=len(files)),
        )

    def _show_preview(self, summary: ImportSummary, files: list[Path]) -> None:
        self._show_bundles(summary)
        applicable = [b for b in summary.bundles if b.status == sync_import.WOULD_APPLY]
        self.pending = files if applicable else []
        if applicable:
            self.apply_button.setFocus()
            self.host.note(
                _("{n} of {total} bundles can be applied. Check the preview, then apply.").format(
                    n=len(applicable), total=len(files)
                )
            )
        else:
            self.host.note(_("Nothing to apply."))
        self._enable_import()

    def _show_bundles(self, summary: ImportSummary) -> None:
        rows = [bundle_row(bundle) for bundle in summary.bundles]
        self.preview.setModel(SyncTableModel(bundle_header(), rows, self, BUNDLE_NUMBERS))

    def apply_import(self) -> None:
        files, self.pending = self.pending, []
        self._enable_import()
        if not files:
            return
        store = self.host.context.store
        self.host.work(
            lambda: sync_import.import_bundles(store, files),
            self._applied,
            _("Importing {n} bundles…").format(n=len(files)),
        )

    def _applied(self, summary: ImportSummary) -> None:
        self._show_bundles(summary)
        applied = sum(1 for b in summary.bundles if b.status == sync_import.APPLIED)
        message = _("{n} bundles imported.").format(n=applied)
        gaps = [f"{gap.counsellor_code}: {_numbers(gap.sequences)}" for gap in summary.missing]
        if gaps:
            message += " " + _("Missing bundles: {gaps}.").format(gaps="; ".join(gaps))
        self.host.say(message)

    def discard_preview(self) -> None:
        self.pending = []
        self.preview.setModel(SyncTableModel(bundle_header(), [], self, BUNDLE_NUMBERS))
        self.host.note("")
        self._enable_import()

    def _enable_import(self) -> None:
        self.apply_button.setEnabled(bool(self.pending))
        self.discard_button.setEnabled(bool(self.pending))

    # --- lead: review lists -------------------------------------------------------------

    def show_conflicts(self) -> ConflictsDialog:
        dialog = ConflictsDialog(self.host.context, self)
        dialog.open()
        return dialog

    def show_duplicates(self) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.host.context, self)
        dialog.open()
        return dialog


def _numbers(sequences: list[int]) -> str:
    return ", ".join(str(n) for n in sequences)


def _overview_row(row: CounsellorBundles) -> list[str]:
    device = row.device
    key = (
        _("revoked {when}").format(when=when(device.revoked_at))
        if device.revoked_at
        else _("valid")
    )
    return [
        device.code,
        device.name,
        _("lead") if device.role == "lead" else _("counsellor"),
        str(row.last_sequence) if row.last_sequence is not None else "–",
        when(row.last_created) if row.last_created else "–",
        when(row.last_imported) if row.last_imported else "–",
        _numbers(row.missing) or "–",
        key,
        device.fingerprint,
    ]
