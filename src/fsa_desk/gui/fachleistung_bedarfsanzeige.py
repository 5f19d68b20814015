"""The Bedarfsanzeige editor: need by the Kriterienkatalog, other services, projected hours with
a live total and the 35-hour warning, the plausibility figures, situation and goals in both
voices, consent and Sprachmittlung — and the form's way to the Sozialamt.

A new form of a case that had one before starts as a copy of the latest (a Verlängerung is
mostly the same story, updated). A submitted version is read-only; "Neue Version" makes a
changeable copy that replaces it once sent. "Was geht ans Amt" shows the client exactly the text
the Sozialamt will read, before signing. Everything is read and written on the worker.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.budget import longest_period_end
from fsa_desk.domain.codes import code_list
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField
from fsa_desk.gui.fachleistung_anzeige_pages import AnzeigePages
from fsa_desk.gui.fachleistung_anzeige_steps import AnzeigeSteps
from fsa_desk.gui.fachleistung_steps import PreviewDialog, StepDialog
from fsa_desk.gui.household_table import Row
from fsa_desk.i18n import _, language
from fsa_desk.services import bedarfsanzeige, fachleistung, fachleistung_documents
from fsa_desk.services.bedarfsanzeige import BedarfsanzeigeInput, BedarfsanzeigeView
from fsa_desk.services.fachleistung import CaseOverview
from fsa_desk.services.fachleistung_documents import Plausibility
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class Loaded:
    case: CaseOverview
    form: BedarfsanzeigeView | None  # None: a new form
    template: BedarfsanzeigeInput | None  # what a new form starts from
    plausibility: Plausibility


def load(store: Store, case_id: uuid.UUID, anzeige_id: uuid.UUID | None, today: date) -> Loaded:
    """Everything the editor shows, read on the worker."""
    case = fachleistung.case_overview(store, case_id, today=today)
    if anzeige_id is not None:
        form = bedarfsanzeige.get(store, anzeige_id, today=today)
        checks = fachleistung_documents.plausibility(store, anzeige_id, today=today)
        return Loaded(case, form, None, checks)
    template = _template(store, case, today)
    checks = fachleistung_documents.case_plausibility(
        store, case_id, period_from=template.period_from, today=today
    )
    return Loaded(case, None, template, checks)


def _template(store: Store, case: CaseOverview, today: date) -> BedarfsanzeigeInput:
    """A Verlängerung continues the latest Bewilligung and copies the latest form."""
    latest = case.anzeigen[-1] if case.anzeigen else None
    base = (
        bedarfsanzeige.get(store, latest.id, today=today).data
        if latest is not None
        else BedarfsanzeigeInput()
    )
    approval = case.running
    if approval is not None:
        start = approval.period_to + timedelta(days=1)
        kind = "verlaengerung"
    else:
        start = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
        kind = "erst"
    consent = next((c.id for c in case.consents if c.revoked_on is None), base.consent_id)
    return replace(
        base, kind=kind, period_from=start, period_to=longest_period_end(start), consent_id=consent
    )


class BedarfsanzeigeDialog(AnzeigePages, AnzeigeSteps, QDialog):
    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        bedarfsanzeige_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,  # tests fix the day
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.anzeige_id = bedarfsanzeige_id
        self.clock = clock
        self.loaded: Loaded | None = None
        self.dirty = False
        self.step: StepDialog | None = None
        self.preview: PreviewDialog | None = None
        self.setWindowTitle(_("Bedarfsanzeige"))
        self._build()
        self._connect()
        self.reload()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.kind = QComboBox(self)
        for code in code_list("bedarfsanzeige_kinds"):
            self.kind.addItem(code.label(language()), code.code)
        self.period_from = DateField(self, optional=True)
        self.period_to = DateField(self, optional=True)
        self.status = QLabel(self)
        self.status.setStyleSheet("font-weight: bold;")
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background: #e8eef5; border: 1px solid #9fb6cf; border-radius: 4px; padding: 6px;"
        )
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._criteria_tab(), _("&Criteria"))
        self.tabs.addTab(self._services_tab(), _("Other s&ervices"))
        self.tabs.addTab(self._hours_tab(), _("&Hours"))
        self.tabs.addTab(self._situation_tab(), _("Situation and &goals"))
        self.tabs.addTab(self._consent_tab(), _("Co&nsent"))
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(fmt.WARNING_STYLE)
        self.message = fmt.error_label(self)
        self._build_buttons()
        self._lay_out()

    def _build_buttons(self) -> None:
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setToolTip(_("Save the draft (Ctrl+S)"))
        self.preview_button = QPushButton(_("What goes to the &Amt…"), self)
        self.preview_button.setToolTip(
            _("Exactly what the Sozialamt will read, to go through with the client")
        )
        self.pdf_button = QPushButton(_("PDF…"), self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.print_button.setToolTip(_("Save the PDF and open it for printing (Ctrl+P)"))
        self.sign_button = QPushButton(_("Si&gned…"), self)
        self.send_button = QPushButton(_("Sen&t…"), self)
        self.query_button = QPushButton(_("&Query…"), self)
        self.answer_button = QPushButton(_("Query &answered"), self)
        self.decide_button = QPushButton(_("&Decision…"), self)
        self.refuse_button = QPushButton(_("Re&fused…"), self)
        self.version_button = QPushButton(_("New &version"), self)
        self.withdraw_button = QPushButton(_("&Withdraw…"), self)
        self.close_button = QPushButton(_("Close"), self)
        self.workflow = (
            self.sign_button,
            self.send_button,
            self.query_button,
            self.answer_button,
            self.decide_button,
            self.refuse_button,
            self.version_button,
            self.withdraw_button,
        )
        for button in (
            self.save_button,
            self.preview_button,
            self.pdf_button,
            self.print_button,
            *self.workflow,
            self.close_button,
        ):
            button.setAutoDefault(False)  # Enter ends editing a cell, never saves or sends

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        for label, editor in (
            (_("&Kind:"), self.kind),
            (_("Period &from:"), self.period_from),
            (_("&until:"), self.period_to),
        ):
            caption = QLabel(label, self)
            caption.setBuddy(editor)
            top.addWidget(caption)
            top.addWidget(editor)
        top.addStretch(1)
        top.addWidget(self.status)
        steps = QHBoxLayout()
        for button in self.workflow:
            steps.addWidget(button)
        steps.addStretch(1)
        actions = QHBoxLayout()
        actions.addWidget(self.message, 1)
        for button in (
            self.save_button,
            self.preview_button,
            self.pdf_button,
            self.print_button,
            self.close_button,
        ):
            actions.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problems)
        layout.addLayout(steps)
        layout.addLayout(actions)
        self.resize(1200, 720)

    def _connect(self) -> None:
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: self.save_pdf(open_after=True))
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.show_preview)
        self.pdf_button.clicked.connect(lambda: self.save_pdf(open_after=False))
        self.print_button.clicked.connect(lambda: self.save_pdf(open_after=True))
        self.sign_button.clicked.connect(self.sign)
        self.send_button.clicked.connect(self.send)
        self.query_button.clicked.connect(self.query)
        self.answer_button.clicked.connect(self.answer_query)
        self.decide_button.clicked.connect(self.record_decision)
        self.refuse_button.clicked.connect(self.refuse)
        self.version_button.clicked.connect(self.new_version)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.close_button.clicked.connect(self.reject)
        self.hours.invalid.connect(self.message.setText)
        self.hours.changed.connect(self._show_total)
        for signal in (
            self.criteria.changed,
            self.services.changed,
            self.hours.changed,
            self.kind.currentIndexChanged,
            self.period_from.textChanged,
            self.period_to.textChanged,
            self.consent.currentIndexChanged,
            self.sprachmittlung.currentIndexChanged,
            self.language.currentIndexChanged,
            self.client_missing.textChanged,
        ):
            signal.connect(self._mark_dirty)
        for text in self._texts():
            text.textChanged.connect(self._mark_dirty)

    def _texts(self) -> tuple[QPlainTextEdit, ...]:
        return (
            self.services_reason,
            self.situation_professional,
            self.situation_client,
            self.goals,
            self.who_does_what,
        )

    def _mark_dirty(self, *_args: object) -> None:
        self.dirty = True

    # --- loading and showing ------------------------------------------------------------------

    def reload(self) -> None:
        store, case_id, anzeige_id, today = (
            self.context.store,
            self.case_id,
            self.anzeige_id,
            self.clock(),
        )
        self.context.runner.run(
            lambda: load(store, case_id, anzeige_id, today),
            on_result=self._show,
            on_error=self.message.setText,
        )

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        form = loaded.form
        data = form.data if form is not None else loaded.template
        assert data is not None
        self._fill_consents(loaded.case)
        self._fill(data)
        self._show_state(form, loaded.case)
        self._show_plausibility(loaded.plausibility)
        self._show_total()
        self.dirty = False
        self.criteria_table.setFocus()
        self.criteria_table.setCurrentIndex(self.criteria.index(0, 0))

    def _fill_consents(self, case: CaseOverview) -> None:
        self.consent.clear()
        self.consent.addItem(_("— not given yet —"), None)
        for line in case.consents:
            state = (
                _("revoked on {day}").format(day=fmt.day(line.revoked_on))
                if line.revoked_on
                else _("valid until {day}").format(day=fmt.day(line.valid_until))
                if line.valid_until
                else _("valid until revoked")
            )
            self.consent.addItem(
                f"{line.person}: {line.recipient}, {fmt.day(line.given_on)} ({state})", line.id
            )

    def _fill(self, data: BedarfsanzeigeInput) -> None:
        fmt.select_data(self.kind, data.kind)
        self.period_from.set_date(data.period_from)
        self.period_to.set_date(data.period_to)
        self.criteria.set_criteria(data.criteria)
        self.services.set_services(data.services)
        self.hours.set_hours(dict(data.hours))
        self.services_reason.setPlainText(data.other_services_reason or "")
        self.situation_professional.setPlainText(data.situation_professional or "")
        self.situation_client.setPlainText(data.situation_client or "")
        self.client_missing.setText(data.client_view_missing_reason or "")
        self.goals.setPlainText(data.goals or "")
        self.who_does_what.setPlainText(data.who_does_what or "")
        fmt.select_data(self.consent, data.consent_id)
        fmt.select_data(self.sprachmittlung, data.sprachmittlung or "keine")
        fmt.select_data(self.language, data.sprachmittlung_language)

    def _show_state(self, form: BedarfsanzeigeView | None, case: CaseOverview) -> None:
        status = form.status if form is not None else "entwurf"
        editable = form is None or form.editable
        version = form.version if form is not None else 1
        self.setWindowTitle(
            _("Bedarfsanzeige {ref} – version {version}").format(
                ref=case.household_ref, version=version
            )
        )
        self.status.setText(
            _("Version {version} · {status}").format(
                version=version, status=fmt.anzeige_status(status)
            )
        )
        self.banner.setText(_banner(form))
        self.banner.setVisible(bool(self.banner.text()))
        self.problems.setText(
            _("Before signing: {problems}").format(problems=" ".join(form.signing_problems))
            if form is not None and form.signing_problems
            else ""
        )
        self.signatures.setText(_signatures(form))
        self._set_editable(editable)
        self._set_workflow(status, saved=form is not None)

    def _set_editable(self, on: bool) -> None:
        for model in (self.criteria, self.services, self.hours):
            model.read_only = not on
        for widget in (self.kind, self.period_from, self.period_to, self.client_missing):
            widget.setEnabled(on)
        for combo in (self.consent, self.sprachmittlung, self.language):
            combo.setEnabled(on)
        for text in self._texts():
            text.setReadOnly(not on)
        self.save_button.setEnabled(on)

    def _set_workflow(self, status: str, *, saved: bool) -> None:
        allowed = {
            self.sign_button: status == "entwurf" and saved,
            self.send_button: status == "unterschrieben",
            self.query_button: status == "angezeigt",
            self.answer_button: status == "rueckfrage",
            self.decide_button: status in ("angezeigt", "rueckfrage"),
            self.refuse_button: status in ("angezeigt", "rueckfrage"),
            self.version_button: status in ("angezeigt", "rueckfrage"),
            self.withdraw_button: saved
            and status in ("entwurf", "unterschrieben", "angezeigt", "rueckfrage"),
        }
        for button, on in allowed.items():
            button.setVisible(on)

    def _show_total(self) -> None:
        check = bedarfsanzeige.live_total(self.hours.hours())
        self.total.setText(
            _("Total: {hours} h (complexity threshold {threshold} h)").format(
                hours=fmt.number(check.total), threshold=fmt.number(check.threshold, 0)
            )
        )
        self.threshold.setText(f"⚠ {check.warning}" if check.warning else "")
        self.threshold.setVisible(check.warning is not None)

    def _show_plausibility(self, checks: Plausibility) -> None:
        self.months_model.set_rows(
            [
                Row(month, (f"{month[5:]}/{month[:4]}", fmt.number(hours)))
                for month, hours in checks.months
            ]
        )
        self.approvals_model.set_rows(
            [
                Row(
                    a.aktenzeichen,
                    (
                        a.aktenzeichen,
                        fmt.period(a.period_from, a.period_to),
                        fmt.number(a.approved),
                        fmt.number(a.used),
                    ),
                )
                for a in checks.approvals
            ]
        )
        self.pace.setText(
            _("At the documented pace: {pace} h in 12 months ({mean} h a month).").format(
                pace=fmt.number(checks.yearly_pace), mean=fmt.number(checks.monthly_mean)
            )
        )

    # --- saving -------------------------------------------------------------------------------

    def data(self) -> BedarfsanzeigeInput:
        """The form as edited; ``ValueError`` with a German sentence for a bad date."""
        return BedarfsanzeigeInput(
            kind=self.kind.currentData(),
            period_from=self.period_from.date(),
            period_to=self.period_to.date(),
            criteria=self.criteria.criteria(),
            services=self.services.services(),
            other_services_reason=self.services_reason.toPlainText(),
            hours=self.hours.hours(),
            situation_professional=self.situation_professional.toPlainText(),
            situation_client=self.situation_client.toPlainText(),
            client_view_missing_reason=self.client_missing.text(),
            goals=self.goals.toPlainText(),
            who_does_what=self.who_does_what.toPlainText(),
            sprachmittlung=self.sprachmittlung.currentData(),
            sprachmittlung_language=self.language.currentData(),
            consent_id=self.consent.currentData(),
        )

    @property
    def editable(self) -> bool:
        return self.loaded is not None and (self.loaded.form is None or self.loaded.form.editable)

    def save(self, then: Callable[[], None] | None = None) -> None:
        """Save the draft; ``then`` runs once it is stored."""
        if not self.editable:
            if then is not None:
                then()
            return
        try:
            data = self.data()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        store, case_id, anzeige_id, today = (
            self.context.store,
            self.case_id,
            self.anzeige_id,
            self.clock(),
        )

        def write() -> uuid.UUID:
            if anzeige_id is None:
                return bedarfsanzeige.create(store, case_id, data, today=today)
            bedarfsanzeige.update(store, anzeige_id, data, today=today)
            return anzeige_id

        def saved(row_id: uuid.UUID) -> None:
            self.anzeige_id = row_id
            self.message.clear()
            self.context.changed(_("Bedarfsanzeige saved."))
            self.reload()
            if then is not None:
                then()

        self.context.runner.run(write, on_result=saved, on_error=self.message.setText)

    def _saved_first(self, action: Callable[[], None]) -> None:
        """Documents show what is stored: save unsaved changes (or a new form) first."""
        if self.anzeige_id is None or (self.dirty and self.editable):
            self.save(then=action)
        else:
            action()

    def show_preview(self) -> None:
        self._saved_first(self._open_preview)

    def _open_preview(self) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None

        def show(text: str) -> None:
            self.preview = PreviewDialog(_("What goes to the Sozialamt"), text, self)
            self.preview.open()

        self.context.runner.run(
            lambda: fachleistung_documents.bedarfsanzeige_preview(store, anzeige_id, today=today),
            on_result=show,
            on_error=self.message.setText,
        )

    def save_pdf(self, *, open_after: bool) -> None:
        self._saved_first(lambda: self._write_pdf(open_after))

    def _write_pdf(self, open_after: bool) -> None:
        store, anzeige_id, today = self.context.store, self.anzeige_id, self.clock()
        assert anzeige_id is not None and self.loaded is not None
        name = f"Bedarfsanzeige_{fmt.safe_name(self.loaded.case.household_ref)}_{today}.pdf"
        fmt.save_document(
            self.context,
            self,
            _("Save the Bedarfsanzeige"),
            name,
            lambda: fachleistung_documents.bedarfsanzeige_pdf(store, anzeige_id, today=today),
            open_after=open_after,
            on_error=self.message.setText,
        )


def _banner(form: BedarfsanzeigeView | None) -> str:
    if form is None or form.editable:
        return ""
    parts = [_("Sent on {day}").format(day=fmt.day(form.sent_on))] if form.sent_on else []
    if form.received_on:
        parts.append(_("received on {day}").format(day=fmt.day(form.received_on)))
    if form.decided_on:
        parts.append(_("decided on {day}").format(day=fmt.day(form.decided_on)))
    state = ", ".join(parts)
    return _(
        "{state}. This version is read-only: what the Sozialamt received stays as it was. "
        "To change it, make a new version."
    ).format(state=state or fmt.anzeige_status(form.status))


def _signatures(form: BedarfsanzeigeView | None) -> str:
    if form is None or form.signed_client_on is None:
        return _("not signed yet")
    return _("client {client}, counsellor {counsellor}").format(
        client=fmt.day(form.signed_client_on), counsellor=fmt.day(form.signed_counsellor_on)
    )
