"""Entering the Sozialamt's Bewilligung: Aktenzeichen, decision date, period, approved hours (in
all and per life area), the Amt's goals and conditions — or correcting one, or ending it early.

A new Bewilligung starts from the Bedarfsanzeige it decides (period and requested hours), so
the counsellor only changes what the Amt changed. Saving re-derives the household's contacts
(backdating included), schedules the Auswertungsgespräche of the case's Integrationspläne, and
says what changed: contacts now billable, a partial approval, hours of locked periods that go
into the next Abrechnung as Nachberechnung.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.budget import explain
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField, period_row
from fsa_desk.gui.fachleistung_models import HoursModel
from fsa_desk.gui.fachleistung_steps import Field, StepDialog
from fsa_desk.i18n import _
from fsa_desk.services import bedarfsanzeige, bewilligung, fachleistung, integrationsplan
from fsa_desk.services.bewilligung import BewilligungInput, BewilligungResult, BewilligungView
from fsa_desk.services.fachleistung import CaseOverview
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class Loaded:
    case: CaseOverview
    approval: BewilligungView | None
    requested: dict[uuid.UUID, dict[str, Decimal]]  # projected hours of each Bedarfsanzeige


def load(store: Store, case_id: uuid.UUID, bewilligung_id: uuid.UUID | None, today: date) -> Loaded:
    case = fachleistung.case_overview(store, case_id, today=today)
    approval = (
        bewilligung.get_bewilligung(store, bewilligung_id, today=today) if bewilligung_id else None
    )
    requested = {
        line.id: dict(bedarfsanzeige.get(store, line.id, today=today).data.hours)
        for line in case.anzeigen
        if line.status not in ("entwurf", "unterschrieben")
    }
    return Loaded(case, approval, requested)


def save(store: Store, data: BewilligungInput, bewilligung_id: uuid.UUID | None, today: date):  # type: ignore[no-untyped-def]
    """Record or correct, then schedule the Auswertungsgespräche: one worker job."""
    if bewilligung_id is None:
        result = bewilligung.record_bewilligung(store, data, today=today)
    else:
        result = bewilligung.update_bewilligung(store, bewilligung_id, data, today=today)
    scheduled = integrationsplan.schedule_for_bewilligung(store, result.id)
    return result, scheduled


class BewilligungDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        case_id: uuid.UUID,
        *,
        bedarfsanzeige_id: uuid.UUID | None = None,
        bewilligung_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], date] = date.today,  # tests fix the day
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.case_id = case_id
        self.bedarfsanzeige_id = bedarfsanzeige_id
        self.bewilligung_id = bewilligung_id
        self.clock = clock
        self.loaded: Loaded | None = None
        self.result_text = ""
        self.step: StepDialog | None = None
        self.setWindowTitle(_("Bewilligung"))
        self._build()
        self._connect()
        store, today = context.store, self.clock()
        context.runner.run(
            lambda: load(store, case_id, bewilligung_id, today),
            on_result=self._show,
            on_error=self.message.setText,
        )

    def _build(self) -> None:
        self.request = QComboBox(self)
        self.request.setAccessibleName(_("The Bedarfsanzeige it decides"))
        self.aktenzeichen = QLineEdit(self)
        self.aktenzeichen.setPlaceholderText(_("the Sozialamt's file number"))
        self.decision_date = DateField(self, optional=True)
        self.period_from = DateField(self)
        self.period_to = DateField(self)
        self.total = QLineEdit(self)
        self.total.setPlaceholderText(_("e.g. 40"))
        self.hours = HoursModel(self)
        self.hours_table = QTableView(self)
        self.hours_table.setModel(self.hours)
        self.hours_table.setAccessibleName(_("Approved hours per life area"))
        self.hours_table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.hours_table.setTabKeyNavigation(False)
        self.hours_table.verticalHeader().setVisible(False)
        self.hours_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hours_table.setMinimumHeight(260)
        self.goals = QPlainTextEdit(self)
        self.goals.setTabChangesFocus(True)
        self.goals.setMaximumHeight(90)
        self.conditions = QPlainTextEdit(self)
        self.conditions.setTabChangesFocus(True)
        self.conditions.setMaximumHeight(70)
        self.budget = QLabel(self)
        self.budget.setWordWrap(True)
        self.message = fmt.error_label(self)
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setToolTip(_("Save the Bewilligung (Ctrl+S)"))
        self.end_button = QPushButton(_("&End early…"), self)
        self.close_button = QPushButton(_("Close"), self)
        for button in (self.save_button, self.end_button, self.close_button):
            button.setAutoDefault(False)
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        period = period_row(self, self.period_from, self.period_to)
        for label, editor in (
            (_("&Decides:"), self.request),
            (_("&Aktenzeichen:"), self.aktenzeichen),
            (_("Decision &date:"), self.decision_date),
            (_("&Period from:"), period),
            (_("Approved &hours in all:"), self.total),
            (_("Per &life area (optional):"), self.hours_table),
            (_("The Amt's &goals:"), self.goals),
            (_("&Conditions (Auflagen):"), self.conditions),
        ):
            caption = QLabel(label, self)
            if isinstance(editor, QWidget):
                caption.setBuddy(editor)
                form.addRow(caption, editor)
            else:
                caption.setBuddy(self.period_from)
                form.addRow(caption, editor)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.end_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.budget)
        layout.addLayout(buttons)
        self.resize(760, 700)

    def _connect(self) -> None:
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        self.save_button.clicked.connect(self.save)
        self.end_button.clicked.connect(self.end_early)
        self.close_button.clicked.connect(self.reject)
        self.hours.invalid.connect(self.message.setText)
        self.request.currentIndexChanged.connect(lambda _i: self._prefill_from_request())

    # --- showing ------------------------------------------------------------------------------

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.setWindowTitle(_("Bewilligung – {ref}").format(ref=loaded.case.household_ref))
        self.request.blockSignals(True)
        self.request.addItem(_("— no Bedarfsanzeige —"), None)
        for line in loaded.case.anzeigen:
            if line.id in loaded.requested:
                self.request.addItem(
                    _("{kind} version {version} ({status}), {period}").format(
                        kind=fmt.kind_label(line.kind),
                        version=line.version,
                        status=fmt.anzeige_status(line.status),
                        period=fmt.period(line.period_from, line.period_to),
                    ),
                    line.id,
                )
        approval = loaded.approval
        wanted = approval.bedarfsanzeige_id if approval else self.bedarfsanzeige_id
        if wanted is None and approval is None:
            pending = [
                a.id for a in loaded.case.anzeigen if a.status in ("angezeigt", "rueckfrage")
            ]
            wanted = pending[-1] if pending else None
        fmt.select_data(self.request, wanted)
        self.request.blockSignals(False)
        if approval is not None:
            self._fill(approval)
        else:
            self._prefill_from_request()
        self.end_button.setVisible(approval is not None and approval.status == "laufend")
        self.aktenzeichen.setFocus()

    def _fill(self, approval: BewilligungView) -> None:
        self.aktenzeichen.setText(approval.aktenzeichen)
        self.decision_date.set_date(approval.decision_date)
        self.period_from.set_date(approval.period_from)
        self.period_to.set_date(approval.period_to)
        self.total.setText(fmt.number(approval.approved_hours))
        self.hours.set_hours(approval.hours_by_life_area)
        self.goals.setPlainText(approval.goals or "")
        self.conditions.setPlainText(approval.conditions or "")
        budget = approval.budget
        lines = [
            _("Used {used} of {approved} h, {remaining} h left ({status}).").format(
                used=fmt.number(budget.used),
                approved=fmt.number(budget.approved),
                remaining=fmt.number(budget.remaining),
                status=fmt.bewilligung_status(approval.status),
            )
        ]
        lines += [f"⚠ {explain(code, budget)}" for code in budget.warnings]
        self.budget.setText("\n".join(lines))

    def _prefill_from_request(self) -> None:
        """Start from what was requested: the Amt often approves exactly that."""
        if self.loaded is None or self.loaded.approval is not None:
            return
        request_id = self.request.currentData()
        line = next((a for a in self.loaded.case.anzeigen if a.id == request_id), None)
        if line is None:
            return
        self.period_from.set_date(line.period_from)
        self.period_to.set_date(line.period_to)
        requested = self.loaded.requested.get(line.id, {})
        self.hours.set_hours(requested)
        self.total.setText(fmt.number(sum(requested.values(), Decimal(0))) if requested else "")

    # --- saving -------------------------------------------------------------------------------

    def data(self) -> BewilligungInput:
        """The entered Bewilligung; ``ValueError`` with a German sentence for bad input."""
        text = self.total.text().strip().replace(",", ".")
        try:
            total = Decimal(text) if text else Decimal(0)
        except InvalidOperation:
            raise ValueError(
                _("'{text}' is not a number of hours.").format(text=self.total.text())
            ) from None
        start, end = self.period_from.date(), self.period_to.date()
        assert start is not None and end is not None  # not optional fields
        return BewilligungInput(
            case_id=self.case_id,
            aktenzeichen=self.aktenzeichen.text(),
            period_from=start,
            period_to=end,
            approved_hours=total,
            decision_date=self.decision_date.date(),
            bedarfsanzeige_id=self.request.currentData(),
            goals=self.goals.toPlainText().strip() or None,
            conditions=self.conditions.toPlainText().strip() or None,
            hours_by_life_area=self.hours.hours(),
        )

    def save(self) -> None:
        if self.loaded is None:
            return
        try:
            data = self.data()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        store, bewilligung_id, today = self.context.store, self.bewilligung_id, self.clock()
        self.save_button.setEnabled(False)
        self.context.runner.run(
            lambda: save(store, data, bewilligung_id, today),
            on_result=self._saved,
            on_error=self._failed,
        )

    def _saved(self, outcome: tuple[BewilligungResult, int]) -> None:
        result, scheduled = outcome
        self.bewilligung_id = result.id
        self.result_text = result_text(result, scheduled)
        self.context.changed(self.result_text)
        self.accept()

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(message)

    def end_early(self) -> None:
        store, bewilligung_id, today = self.context.store, self.bewilligung_id, self.clock()
        assert bewilligung_id is not None
        dialog = StepDialog(
            _("End the Bewilligung early"),
            _("Hours after this day are no longer billed on it; the case is closed."),
            [Field("day", _("&Ended on:"), value=today), Field("reason", _("&Reason:"), "text")],
            self,
        )
        self.step = dialog

        def ended() -> None:
            values = dialog.values()
            self.context.runner.run(
                lambda: bewilligung.end_early(
                    store,
                    bewilligung_id,
                    values["day"],  # type: ignore[arg-type]
                    str(values["reason"]),
                    today=today,
                ),
                on_result=lambda result: self._saved((result, 0)),
                on_error=self.message.setText,
            )

        dialog.accepted.connect(ended)
        dialog.open()


def result_text(result: BewilligungResult, scheduled: int) -> str:
    """What the save changed, in one status-bar message."""
    parts = [_("Bewilligung saved.")]
    if result.partial:
        parts.append(_("Less than requested: the Bedarfsanzeige is partly approved."))
    if result.recomputed_consultations:
        parts.append(
            _("{count} contacts re-derived (module and billing).").format(
                count=len(result.recomputed_consultations)
            )
        )
    for late in result.nachberechnung:
        parts.append(
            _("{hours} h of the locked period {period} go into the next Abrechnung.").format(
                hours=fmt.number(late.hours), period=fmt.period(late.period_from, late.period_to)
            )
        )
    if scheduled:
        parts.append(_("Auswertungsgespräch scheduled: {count}.").format(count=scheduled))
    return " ".join(parts)
