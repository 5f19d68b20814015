"""Datenschutz: the retention preview and run, and the access report and restriction of a person.

The main window opens it (for the selected person, if any); store work runs on the context's
runner, the confirmation and the folder choice are injectable so tests need no modal dialogs.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.i18n import _
from fsa_desk.services import restriction, retention
from fsa_desk.services.subject_access import write_subject_access

Confirm = Callable[[QWidget, str], bool]
ChooseFolder = Callable[[QWidget], "Path | None"]


RULE_LABELS = {
    "notes_years": lambda: _("Notes: years after the household's last contact"),
    "billing_years": lambda: _("Billing records: years after the end of the year"),
    "closed_households_years": lambda: _("Closed households: years after closing"),
    "backups_days": lambda: _("Backups: days"),
}


def ask(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, _("Data protection"), question)
    return answer == QMessageBox.StandardButton.Yes


def choose_folder(parent: QWidget) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, _("Folder for the access report"))
    return Path(chosen) if chosen else None


class PrivacyDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        person_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        confirm: Confirm = ask,
        choose: ChooseFolder = choose_folder,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Data protection"))
        self.context, self.person_id = context, person_id
        self._confirm, self._choose = confirm, choose
        self.plan: retention.RetentionPlan | None = None
        self.counts = {c: QLabel("…") for c in retention.CATEGORIES}
        self.run_button = QPushButton(_("Erase now…"))
        self.access_button = QPushButton(_("Export access report…"))
        self.restricted = QCheckBox(_("Processing restricted (Art. 18 GDPR)"))
        self.rule_fields = {name: QSpinBox() for name in RULE_LABELS}
        for name, field in self.rule_fields.items():
            low, high = retention.RULE_LIMITS[name]
            field.setRange(low, high)
            field.setSuffix(" " + (_("days") if name == "backups_days" else _("years")))
        self.save_rules_button = QPushButton(_("Save &rules"))
        self.protocol_button = QPushButton(_("Save deletion &protocol…"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self._build()
        self.reload()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        rules = QGroupBox(_("Retention (due for erasure)"))
        form = QFormLayout(rules)
        for category, label in self.counts.items():
            form.addRow(retention.category_label(category), label)
        form.addRow(self.run_button)
        self.run_button.clicked.connect(self._run_retention)
        periods = QGroupBox(_("Deletion periods"))
        periods_form = QFormLayout(periods)
        for name, field in self.rule_fields.items():
            periods_form.addRow(RULE_LABELS[name](), field)
        periods_form.addRow(self.save_rules_button)
        periods_form.addRow(self.protocol_button)
        self.save_rules_button.clicked.connect(self.save_rules)
        self.protocol_button.clicked.connect(self._save_protocol)
        person = QGroupBox(_("Selected person"))
        person_layout = QVBoxLayout(person)
        person_layout.addWidget(self.access_button)
        person_layout.addWidget(self.restricted)
        person.setEnabled(self.person_id is not None)
        self.access_button.clicked.connect(self._export_access)
        self.restricted.clicked.connect(self._set_restricted)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for widget in (periods, rules, person, self.message, buttons):
            layout.addWidget(widget)

    # --- loading ------------------------------------------------------------------------

    def reload(self) -> None:
        store, person_id = self.context.store, self.person_id

        def load() -> tuple[retention.RetentionPlan, bool, retention.RetentionRules]:
            locked = restriction.is_restricted(store, person_id) if person_id else False
            return retention.plan(store), locked, retention.load_rules(store)

        self.context.runner.run(load, on_result=self._show, on_error=self._failed)

    def _show(self, loaded: tuple[retention.RetentionPlan, bool, retention.RetentionRules]) -> None:
        self.plan, locked, rules = loaded
        for name, field in self.rule_fields.items():
            field.setValue(getattr(rules, name))
        for category, label in self.counts.items():
            label.setText(str(self.plan.counts[category]))
        self.run_button.setEnabled(not self.plan.empty)
        self.restricted.setChecked(locked)

    def _failed(self, message: str) -> None:
        self.message.setText(message)

    # --- actions ------------------------------------------------------------------------

    def _run_retention(self) -> None:
        if self.plan is None or self.plan.empty:
            return
        question = _(
            "Erase everything that is due now? This cannot be undone; an anonymised "
            "statistics extract is kept and the deletion protocol is updated."
        )
        if not self._confirm(self, question):
            return
        store = self.context.store
        self.context.runner.run(
            lambda: retention.run(store), on_result=self._erased, on_error=self._failed
        )

    def save_rules(self) -> None:
        """New deletion periods take effect at the next preview and run."""
        rules = retention.RetentionRules(
            **{name: field.value() for name, field in self.rule_fields.items()}
        )
        store = self.context.store
        self.context.runner.run(
            lambda: retention.save_rules(store, rules),
            on_result=lambda _saved: self._rules_saved(),
            on_error=self._failed,
        )

    def _rules_saved(self) -> None:
        self.message.setText(_("Deletion periods saved."))
        self.reload()

    def _save_protocol(self) -> None:
        folder = self._choose(self)
        if folder is not None:
            self.save_protocol(folder / "loeschprotokoll.csv")

    def save_protocol(self, target: Path) -> None:
        """The deletion protocol as CSV: when, by whom, which category, how many — no content."""
        store = self.context.store

        def write() -> Path:
            lines = [_("When") + ";" + _("By") + ";" + _("Category") + ";" + _("Count")]
            lines += [
                f"{e.run_at};{e.by};{retention.category_label(e.category)};{e.count}"
                for e in retention.protocol(store)
            ]
            target.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
            return target

        self.context.runner.run(
            write,
            on_result=lambda path: self.message.setText(_("Saved: {path}").format(path=path)),
            on_error=self._failed,
        )

    def _erased(self, _result: retention.RetentionResult) -> None:
        self.message.setText(_("Erased; the deletion protocol has been updated."))
        self.context.changed(_("Retention run finished"))
        self.reload()

    def _export_access(self) -> None:
        folder = self._choose(self)
        if folder is None or self.person_id is None:
            return
        store, person_id = self.context.store, self.person_id
        self.context.runner.run(
            lambda: write_subject_access(store, person_id, folder),
            on_result=self._exported,
            on_error=self._failed,
        )

    def _exported(self, paths: tuple[Path, Path]) -> None:
        self.message.setText(
            _("Access report written: {pdf}, {json}").format(pdf=paths[0], json=paths[1])
        )

    def _set_restricted(self, checked: bool) -> None:
        if self.person_id is None:
            return
        store, person_id = self.context.store, self.person_id
        self.context.runner.run(
            lambda: restriction.set_restricted(store, person_id, checked),
            on_result=self._restriction_saved,
            on_error=self._failed,
        )

    def _restriction_saved(self, locked: bool) -> None:
        self.restricted.setChecked(locked)
        text = _("Processing restricted") if locked else _("Restriction lifted")
        self.message.setText(text)
        self.context.changed(text)
