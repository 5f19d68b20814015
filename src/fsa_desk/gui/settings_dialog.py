"""Datei → Einstellungen: profile, idle lock, language, default durations, data folder, backups.

Language and data folder are read before the database is unlocked, so they take effect at the
next start (the dialog says so); everything else applies when saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.codes import code_list
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.first_run import ERROR_STYLE
from fsa_desk.i18n import _, language
from fsa_desk.services import backups, preferences
from fsa_desk.services.backups import BackupFile
from fsa_desk.services.installation import InstallationInfo, describe
from fsa_desk.services.preferences import Preferences, StartConfig

LANGUAGE_CHOICES = (("Deutsch", "de"), ("English", "en"))
NOTE_STYLE = "QLabel { color: #555; }"
SPIN_WIDTH = 110
DirectoryChooser = Callable[[QWidget, Path], "Path | None"]


def choose_directory(parent: QWidget, current: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, _("Choose the data folder"), str(current))
    return Path(chosen) if chosen else None


def backup_reason(reason: str) -> str:
    """The reason part of a backup's file name, in words."""
    if reason.startswith("vor-upgrade"):
        return _("before an update")
    labels = {
        backups.MANUAL_REASON: _("by hand"),
        "vor-passphrasenwechsel": _("before a passphrase change"),
        "vor-wiederherstellung": _("before a restore"),
        "vor-import": _("before an import"),
    }
    return labels.get(reason, reason or _("copied in"))


@dataclass(frozen=True)
class _Loaded:
    installation: InstallationInfo
    preferences: Preferences
    backups: list[BackupFile]
    start: StartConfig


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(NOTE_STYLE)
    return label


class SettingsDialog(QDialog):
    saved = Signal(object)  # Preferences
    profile_changed = Signal(object)  # InstallationInfo

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        config_path: Path | None = None,
        directory_chooser: DirectoryChooser = choose_directory,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.config_path = config_path
        self._choose_directory = directory_chooser
        self._loaded: _Loaded | None = None
        self._next_data_dir: Path | None = None
        self.setWindowTitle(_("Settings"))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general_tab(), _("&General"))
        self.tabs.addTab(self._durations_tab(), _("Contact &durations"))
        self.tabs.addTab(self._data_tab(), _("Data and &backups"))
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.addButton(
            _("&Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.tabs, self.error, self.buttons):
            layout.addWidget(widget)
        self.setMinimumSize(620, 520)
        self.save_button.setDefault(True)  # only works once the button sits in the dialog
        self.tabs.setEnabled(False)
        self.save_button.setEnabled(False)
        context.runner.run(self._load, on_result=self._show, on_error=self._failed)

    # --- tabs ---------------------------------------------------------------------------------

    def _general_tab(self) -> QWidget:
        self.name = QLineEdit()
        self.code = QLabel()
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setToolTip(_("The code identifies you in the team and cannot be changed."))
        self.role = QLabel()
        self.provider = QLabel()
        profile = QGroupBox(_("Profile"))
        form = QFormLayout(profile)
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("Counsellor code:"), self.code)
        form.addRow(_("Role:"), self.role)
        form.addRow(_("Provider (Träger):"), self.provider)
        self.idle_minutes = QSpinBox()
        self.idle_minutes.setRange(*preferences.IDLE_LOCK_RANGE)
        self.idle_minutes.setSuffix(_(" min"))
        self.idle_minutes.setMaximumWidth(SPIN_WIDTH)
        lock = QGroupBox(_("Automatic lock"))
        lock_form = QFormLayout(lock)
        lock_form.addRow(_("&Lock after this time without input:"), self.idle_minutes)
        self.language = QComboBox()
        for label, code in LANGUAGE_CHOICES:
            self.language.addItem(label, code)
        languages = QGroupBox(_("Language"))
        language_form = QFormLayout(languages)
        language_form.addRow(_("L&anguage:"), self.language)
        language_form.addRow(_note(_("A changed language applies after the next start.")))
        return self._tab(profile, lock, languages)

    def _durations_tab(self) -> QWidget:
        self.contact_minutes: dict[str, QSpinBox] = {}
        box = QGroupBox(_("Default duration of a new consultation"))
        form = QFormLayout(box)
        for code in code_list("contact_types"):
            spin = QSpinBox()
            spin.setRange(*preferences.CONTACT_MINUTES_RANGE)
            spin.setSuffix(_(" min"))
            spin.setMaximumWidth(SPIN_WIDTH)
            self.contact_minutes[code.code] = spin
            form.addRow(code.label(language()) + ":", spin)
        note = _note(_("The consultation entry starts with these durations; you can change each."))
        return self._tab(box, note)

    def _data_tab(self) -> QWidget:
        self.data_dir = QLineEdit(str(self.context.store.data_dir.root))
        self.data_dir.setReadOnly(True)
        self.change_data_dir = QPushButton(_("C&hange…"))
        self.change_data_dir.clicked.connect(self._pick_data_dir)
        row = QHBoxLayout()
        row.addWidget(self.data_dir, 1)
        row.addWidget(self.change_data_dir)
        self.data_dir_note = _note(self._data_dir_note(None))
        folder = QGroupBox(_("Data folder"))
        folder_layout = QVBoxLayout(folder)
        folder_layout.addLayout(row)
        folder_layout.addWidget(self.data_dir_note)
        return self._tab(folder, self._backups_box())

    def _backups_box(self) -> QGroupBox:
        self.backup_list = QTreeWidget()
        self.backup_list.setHeaderLabels([_("Date"), _("Reason"), _("Size")])
        self.backup_list.setRootIsDecorated(False)
        self.backup_list.setAccessibleName(_("Backups"))
        header = self.backup_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.back_up_button = QPushButton(_("Back up no&w"))
        self.back_up_button.clicked.connect(self.back_up_now)
        self.backup_status = QLabel()
        self.backup_status.setWordWrap(True)
        box = QGroupBox(_("Backups"))
        layout = QVBoxLayout(box)
        layout.addWidget(
            _note(
                _("Encrypted copies in {path}; they open with the passphrase of their day.").format(
                    path=self.context.store.data_dir.backups
                )
            )
        )
        layout.addWidget(self.backup_list, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_status, 1)
        actions.addWidget(self.back_up_button)
        layout.addLayout(actions)
        return box

    @staticmethod
    def _tab(*parts: QWidget) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        for part in parts:
            layout.addWidget(part)
        layout.addStretch(1)
        return page

    # --- loading ------------------------------------------------------------------------------

    def _load(self) -> _Loaded:
        store = self.context.store
        return _Loaded(
            describe(store),
            preferences.load_preferences(store),
            backups.list_backups(store),
            preferences.load_start_config(self.config_path),
        )

    def _show(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        info = loaded.installation
        self.name.setText(info.name)
        self.code.setText(info.code)
        self.role.setText(_("Coordination") if info.role == "lead" else _("Counsellor"))
        self.provider.setText(info.provider or "—")
        self.idle_minutes.setValue(loaded.preferences.idle_lock_minutes)
        current = loaded.start.language or language()
        self.language.setCurrentIndex(max(0, self.language.findData(current)))
        for code, spin in self.contact_minutes.items():
            spin.setValue(loaded.preferences.minutes_for(code) or spin.minimum())
        self._show_next_data_dir(loaded.start.data_dir)
        self._show_backups(loaded.backups)
        self.tabs.setEnabled(True)
        self.save_button.setEnabled(True)
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_backups(self, found: list[BackupFile]) -> None:
        self.backup_list.clear()
        locale = QLocale(
            QLocale.Language.German if language() == "de" else QLocale.Language.English
        )
        for backup in found:
            size = locale.formattedDataSize(
                backup.size_bytes, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat
            )
            item = QTreeWidgetItem(
                [backup.taken_at.strftime("%d.%m.%Y %H:%M"), backup_reason(backup.reason), size]
            )
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.backup_list.addTopLevelItem(item)
        if not found:
            self.backup_status.setText(_("No backups yet."))

    # --- data folder and backups -------------------------------------------------------------

    def _data_dir_note(self, next_dir: Path | None) -> str:
        if next_dir is None or next_dir == self.context.store.data_dir.root:
            return _("A changed data folder applies at the next start; the data are not moved.")
        return _(
            "At the next start fsa-desk opens {path} (the data are not moved; an empty folder "
            "starts a new installation)."
        ).format(path=next_dir)

    def _show_next_data_dir(self, next_dir: Path | None) -> None:
        self._next_data_dir = next_dir
        self.data_dir.setText(str(next_dir or self.context.store.data_dir.root))
        self.data_dir_note.setText(self._data_dir_note(next_dir))

    def _pick_data_dir(self) -> None:
        chosen = self._choose_directory(self, Path(self.data_dir.text()))
        if chosen is not None:
            self._show_next_data_dir(chosen)

    def back_up_now(self) -> None:
        self.back_up_button.setEnabled(False)
        self.backup_status.setText(_("Writing the backup…"))
        store = self.context.store

        def work() -> tuple[BackupFile, list[BackupFile]]:
            return backups.back_up_now(store), backups.list_backups(store)

        self.context.runner.run(work, on_result=self._backed_up, on_error=self._backup_failed)

    def _backed_up(self, result: tuple[BackupFile, list[BackupFile]]) -> None:
        written, found = result
        self._show_backups(found)
        self.back_up_button.setEnabled(True)
        self.backup_status.setText(_("Backup saved: {name}").format(name=written.path.name))

    def _backup_failed(self, message: str) -> None:
        self.back_up_button.setEnabled(True)
        self.backup_status.setText(message)

    # --- saving -------------------------------------------------------------------------------

    def chosen_preferences(self) -> Preferences:
        minutes = {code: spin.value() for code, spin in self.contact_minutes.items()}
        return Preferences(self.idle_minutes.value(), minutes)

    def chosen_start_config(self) -> StartConfig:
        return StartConfig(language=self.language.currentData(), data_dir=self._next_data_dir)

    def save(self) -> None:
        if self._loaded is None:
            return
        if not self.name.text().strip():
            self._failed(_("The name must not be empty."))
            self.tabs.setCurrentIndex(0)
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        store, path, old_name = self.context.store, self.config_path, self._loaded.installation.name
        name, chosen, start = (
            self.name.text(),
            self.chosen_preferences(),
            self.chosen_start_config(),
        )

        def work() -> tuple[InstallationInfo, Preferences]:
            saved = preferences.save_preferences(store, chosen)
            renamed = name.strip() != old_name
            info = preferences.rename_counsellor(store, name) if renamed else describe(store)
            preferences.save_start_config(start, path)
            return info, saved

        self.save_button.setEnabled(False)
        self.context.runner.run(work, on_result=self._saved, on_error=self._failed)

    def _saved(self, result: tuple[InstallationInfo, Preferences]) -> None:
        info, saved = result
        self.saved.emit(saved)
        self.profile_changed.emit(info)
        self.context.changed(_("Settings saved."))
        self.accept()

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(self._loaded is not None)
        self.error.setText(message)
        self.error.show()
