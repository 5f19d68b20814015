"""The household view's first tab: address, module history, Fachleistung and what comes next."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui import household_format as fmt
from fsa_desk.gui.household_table import PAST, Row, RowTableModel, fit_to_rows, make_table
from fsa_desk.i18n import _, ngettext
from fsa_desk.services.household_budget import Fachleistung
from fsa_desk.services.household_timeline import ConsultationLine
from fsa_desk.services.household_view import HouseholdDetail

NEXT_DEADLINES = 3
RECENT = 5


def _text() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    return label


class OverviewPage(QScrollArea):
    edit_requested = Signal(object)  # a consultation from "Letzte Beratungskontakte"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.address = _text()
        self.address_history = RowTableModel([_("Period"), _("Address"), _("Housing")])
        self.address_table = make_table(self.address_history, stretch=1)
        self.modules = _text()
        self.approvals = RowTableModel(
            [_("Aktenzeichen"), _("Period"), _("Approved"), _("Used"), _("Status")]
        )
        self.approvals_table = make_table(self.approvals)
        self.recent = RowTableModel(
            [_("Date"), _("Contact type"), _("Duration"), _("Life areas"), _("Agreements")]
        )
        self.recent_table = make_table(self.recent, stretch=4, widths={3: 40})
        self.recent_table.activated.connect(
            lambda index: self.edit_requested.emit(self.recent.key_at(index.row()))
        )
        self.fachleistung = _text()
        self.next_steps = _text()
        self.split_from = _text()
        self._presentation = False
        self._arrange()

    def _arrange(self) -> None:
        content = QWidget()
        grid = QGridLayout(content)
        grid.addWidget(_box(_("Address"), self.address, self.address_table), 0, 0)
        grid.addWidget(_box(_("Modules"), self.modules, self.approvals_table), 1, 0)
        grid.addWidget(_box(_("Next steps"), self.next_steps, self.split_from), 0, 1)
        grid.addWidget(_box(_("Fachleistung"), self.fachleistung), 1, 1)
        grid.addWidget(_box(_("Latest contacts"), self.recent_table), 2, 0, 1, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setRowStretch(3, 1)
        self.setWidget(content)

    def show_detail(self, detail: HouseholdDetail) -> None:
        self._show_address(detail)
        self.modules.setText(_modules_text(detail))
        self.approvals.set_rows(
            [
                Row(
                    a.id,
                    (
                        a.aktenzeichen,
                        fmt.period(a.period_from, a.period_to),
                        fmt.hours(a.approved_hours),
                        fmt.hours(a.used_hours),
                        fmt.approval_status_label(a.status),
                    ),
                )
                for a in reversed(detail.fachleistung.approvals)
            ]
        )
        self.approvals_table.setVisible(bool(detail.fachleistung.approvals))
        fit_to_rows(self.approvals_table, 4)
        self.fachleistung.setText(_fachleistung_text(detail.fachleistung))
        self.recent.set_rows([_recent_row(line) for line in detail.consultations[:RECENT]])
        self.recent_table.setVisible(bool(detail.consultations))
        fit_to_rows(self.recent_table, RECENT)
        self.next_steps.setText(_next_steps(detail))
        ref = detail.header.split_from_ref
        self.split_from.setText(_("Separated from household {ref}.").format(ref=ref) if ref else "")
        self.split_from.setVisible(bool(ref) and not self._presentation)

    def set_presentation(self, on: bool) -> None:
        """Another household is not the client's business; open tasks are the counsellor's."""
        self._presentation = on
        self.split_from.setVisible(not on and bool(self.split_from.text()))

    def _show_address(self, detail: HouseholdDetail) -> None:
        current = next((a for a in detail.addresses if a.current), None)
        if current is None:
            self.address.setText(_("No current address recorded."))
        elif current.secret:
            self.address.setText(
                _("Address secret") + "\n" + _("(protection from violence: not shown)")
            )
        else:
            housing = fmt.short_label("housing_types", current.housing_type)
            lines = [fmt.address_text(current), housing, fmt.period(current.valid_from, None)]
            self.address.setText("\n".join(line for line in lines if line))
        earlier = [a for a in detail.addresses if a is not current]
        self.address_history.set_rows(
            [
                Row(
                    index,
                    (
                        fmt.period(a.valid_from, a.valid_to),
                        fmt.address_text(a),
                        "" if a.secret else fmt.short_label("housing_types", a.housing_type),
                    ),
                    tooltip=fmt.address_text(a),
                    tone=PAST,
                )
                for index, a in enumerate(earlier)
            ]
        )
        self.address_table.setVisible(bool(earlier))
        fit_to_rows(self.address_table, 4)


def _recent_row(line: ConsultationLine) -> Row:
    """A contact without its note: the overview may face the client."""
    agreements = (line.agreements or "").strip()
    return Row(
        line.id,
        (
            fmt.day(line.date),
            fmt.short_label("contact_types", line.contact_type),
            fmt.minutes_text(line.duration_minutes),
            ", ".join(fmt.short_label("life_areas", area) for area in line.life_areas),
            agreements.splitlines()[0] if agreements else "",
        ),
        tone=PAST if line.outcome != "stattgefunden" else None,
    )


def _box(title: str, *widgets: QWidget) -> QGroupBox:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


def _modules_text(detail: HouseholdDetail) -> str:
    modules = detail.modules
    lines = [_("Now: {module}").format(module=fmt.label("modules", detail.header.module))]
    if modules.willkommen_until is not None:
        ends = (
            _("Willkommensjahr ends on {day}")
            if modules.willkommen_until >= detail.today
            else _("Willkommensjahr ended on {day}")
        )
        lines.append(ends.format(day=fmt.day(modules.willkommen_until)))
    needed = [line for line in detail.checklist if line.status != "entfaellt"]
    if needed:
        done = sum(1 for line in needed if line.status == "erledigt")
        lines.append(
            _("Arrival checklist: {done} of {total} done").format(done=done, total=len(needed))
        )
    for module, first, last in reversed(modules.episodes):
        lines.append(f"{fmt.label('modules', module)}: {fmt.period(first, last)}")
    return "\n".join(lines)


def _fachleistung_text(fachleistung: Fachleistung) -> str:
    if fachleistung.case_status is None:
        return _("No Fachleistung case.")
    lines = [
        _("Case {status}, opened on {day}").format(
            status=fmt.case_status_label(fachleistung.case_status),
            day=fmt.day(fachleistung.case_opened_on),
        )
    ]
    budget = fachleistung.budget
    if budget is None:
        lines.append(_("No Bewilligung yet."))
        return "\n".join(lines)
    lines.append(fmt.budget_summary(budget))
    if budget.running:
        lines.append(
            _("Forecast at the current pace: {hours} by the end").format(
                hours=fmt.hours(budget.forecast_hours)
            )
        )
    if budget.beyond_budget_hours:
        lines.append(
            _("{hours} recorded beyond the budget (not billable)").format(
                hours=fmt.hours(budget.beyond_budget_hours)
            )
        )
    lines.extend(fmt.budget_warning_texts(budget))
    return "\n".join(lines)


def _next_steps(detail: HouseholdDetail) -> str:
    today = detail.today
    lines = []
    open_deadlines = [d for d in detail.deadlines if d.done_on is None][:NEXT_DEADLINES]
    for line in open_deadlines:
        lines.append(
            f"{fmt.day(line.due_on)} ({fmt.days_from_today(line.due_on, today)}): "
            f"{fmt.deadline_kind_label(line)} – {fmt.deadline_subject(line)}"
        )
    if not open_deadlines:
        lines.append(_("No open deadlines."))
    lines.append(
        ngettext("{n} open task", "{n} open tasks", len(detail.tasks)).format(n=len(detail.tasks))
    )
    if detail.consultations:
        last = detail.consultations[0]
        lines.append(
            _("Last contact: {day} ({kind})").format(
                day=fmt.day(last.date), kind=fmt.short_label("contact_types", last.contact_type)
            )
        )
    return "\n".join(lines)
