"""The Abrechnung: billing periods, their lines by Aktenzeichen, the status workflow and export.

Left the periods — the stored Abrechnungen and the recent periods not yet created (shown as
the data stand, marked "nicht angelegt"); right the lines of the chosen one with the total in €.
The buttons move the status along ``offen → geprüft → eingereicht → (beanstandet) → gesperrt``
(the service has the last word and says why not, e.g. the checks before locking); a locked
period is corrected by a new Abrechnung. CSV, XLSX and PDF go where the counsellor chooses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.domain.deadlines import month_later
from fsa_desk.forms.abrechnung import Line, euro
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_table import Row, RowTableModel, TableSection, reselect, selected_key
from fsa_desk.i18n import _
from fsa_desk.services import abrechnung, billing_rules, fachleistung
from fsa_desk.services.fachleistung import AbrechnungSummary
from fsa_desk.store.store import Store

RECENT_PERIODS = 6
# The transitions ``services.abrechnung`` allows; it checks them again and explains a refusal.
NEXT = {
    "offen": ("geprueft",),
    "geprueft": ("offen", "eingereicht"),
    "eingereicht": ("beanstandet", "gesperrt"),
    "beanstandet": ("geprueft",),
    "gesperrt": (),
}


def status_label(status: str | None) -> str:
    labels = {
        None: _("not created yet"),
        "offen": _("open"),
        "geprueft": _("checked"),
        "eingereicht": _("submitted"),
        "beanstandet": _("contested"),
        "gesperrt": _("locked"),
    }
    return labels.get(status, status or "")


@dataclass(frozen=True)
class Entry:
    """A period in the list: a stored Abrechnung, or a period not created yet (``stored`` None)."""

    period: BillingPeriod
    stored: AbrechnungSummary | None

    @property
    def key(self) -> object:
        return self.stored.id if self.stored is not None else str(self.period)


def entries(store: Store, today: date) -> list[Entry]:
    """Stored Abrechnungen and the recent periods of the billing rule, newest first."""
    stored = fachleistung.abrechnungen(store)
    rules = [line for line in billing_rules.list_rules(store) if line.valid_from <= today]
    kind = rules[-1].rule.period if rules else "month"
    known = {str(summary.period) for summary in stored}
    step = 3 if kind == "quarter" else 1
    recent = [
        BillingPeriod.containing(month_later(today.replace(day=1), -step * n), kind)
        for n in range(RECENT_PERIODS)
    ]
    found = [Entry(summary.period, summary) for summary in stored]
    found += [Entry(period, None) for period in recent if str(period) not in known]
    return sorted(found, key=lambda e: (e.period.first, e.stored is not None), reverse=True)


def lines_of(store: Store, entry: Entry) -> tuple[Line, ...]:
    if entry.stored is not None:
        return abrechnung.get(store, entry.stored.id).lines
    return abrechnung.abrechnung_form(store, entry.period, evidence=False).lines


class AbrechnungView(QWidget):
    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,  # tests fix the day
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.clock = clock
        self.entries: list[Entry] = []
        self._build()
        self._connect()
        self.reload()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.periods_model = RowTableModel((_("Period"), _("Status"), _("Invoice number")))
        self.periods = TableSection(
            _("Billing periods"), self.periods_model, empty_text=_("No period."), stretch=1
        )
        self.periods.setMinimumWidth(300)
        self.lines_model = RowTableModel(
            (
                _("Aktenzeichen"),
                _("Approved period"),
                _("Approved h"),
                _("This period h"),
                _("Cumulative h"),
                _("Remaining h"),
                _("Amount"),
            )
        )
        self.lines = TableSection(
            _("Lines by Aktenzeichen"),
            self.lines_model,
            empty_text=_("No billable hours in this period."),
            stretch=1,
        )
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.total = QLabel(self)
        self.total.setStyleSheet("font-weight: bold;")
        self.invoice = QLineEdit(self)
        self.invoice.setPlaceholderText(_("Rechnungsnummer"))
        self.invoice.setAccessibleName(_("Invoice number"))
        self.message = fmt.error_label(self)
        self.create_button = QPushButton(_("&Create"), self)
        self.recompute_button = QPushButton(_("Re&compute"), self)
        self.status_buttons = {
            "offen": QPushButton(_("Back to &open"), self),
            "geprueft": QPushButton(_("C&hecked"), self),
            "eingereicht": QPushButton(_("&Submitted"), self),
            "beanstandet": QPushButton(_("Con&tested"), self),
            "gesperrt": QPushButton(_("&Lock"), self),
        }
        self.correct_button = QPushButton(_("Co&rrection"), self)
        self.csv_button = QPushButton(_("CS&V…"), self)
        self.xlsx_button = QPushButton(_("&XLSX…"), self)
        self.pdf_button = QPushButton(_("&PDF…"), self)
        self._lay_out()

    def _lay_out(self) -> None:
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        number = QHBoxLayout()
        caption = QLabel(_("&Invoice number:"), right)
        caption.setBuddy(self.invoice)
        number.addWidget(caption)
        number.addWidget(self.invoice, 1)
        number.addWidget(self.total)
        steps = QHBoxLayout()
        for button in (
            self.create_button,
            self.recompute_button,
            *self.status_buttons.values(),
            self.correct_button,
        ):
            steps.addWidget(button)
        steps.addStretch(1)
        exports = QHBoxLayout()
        exports.addWidget(self.message, 1)
        for button in (self.csv_button, self.xlsx_button, self.pdf_button):
            exports.addWidget(button)
        column.addWidget(self.heading)
        column.addLayout(number)
        column.addWidget(self.lines, 1)
        column.addLayout(steps)
        column.addLayout(exports)
        split = QSplitter(self)
        split.addWidget(self.periods)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([330, 1000])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    def _connect(self) -> None:
        self.context.data_changed.connect(self.reload)
        self.periods.table.selectionModel().currentRowChanged.connect(
            lambda *_a: self._show_entry()
        )
        self.create_button.clicked.connect(self.create)
        self.recompute_button.clicked.connect(self.recompute)
        for status, button in self.status_buttons.items():
            button.clicked.connect(lambda _c=False, s=status: self.set_status(s))
        self.correct_button.clicked.connect(self.correct)
        self.csv_button.clicked.connect(lambda: self.export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        store, today = self.context.store, self.clock()
        self.context.runner.run(
            lambda: entries(store, today),
            on_result=self._show_entries,
            on_error=self.message.setText,
            key="abrechnung-periods",
        )

    def _show_entries(self, found: list[Entry]) -> None:
        keep = selected_key(self.periods.table, self.periods_model)
        self.entries = found
        self.periods_model.set_rows(
            [
                Row(
                    entry.key,
                    (
                        entry.period.label()
                        + (
                            " " + _("(correction)")
                            if entry.stored and entry.stored.corrects_id
                            else ""
                        ),
                        status_label(entry.stored.status if entry.stored else None),
                        entry.stored.invoice_number or "" if entry.stored else "",
                    ),
                    tone=None if entry.stored else "past",
                )
                for entry in found
            ]
        )
        reselect(self.periods.table, self.periods_model, keep)
        if not self.periods.table.currentIndex().isValid() and found:
            self.periods.table.selectRow(0)
        self._show_entry()

    @property
    def entry(self) -> Entry | None:
        key = selected_key(self.periods.table, self.periods_model)
        return next((e for e in self.entries if e.key == key), None)

    def _show_entry(self) -> None:
        entry = self.entry
        self.message.clear()
        status = entry.stored.status if entry and entry.stored else None
        self.heading.setText(
            _("Abrechnung {period} · {status}").format(
                period=entry.period.label(), status=status_label(status)
            )
            if entry
            else ""
        )
        self.invoice.setText(entry.stored.invoice_number or "" if entry and entry.stored else "")
        self.invoice.setEnabled(status not in ("gesperrt",))
        self.create_button.setVisible(entry is not None and entry.stored is None)
        self.recompute_button.setVisible(status in ("offen", "beanstandet"))
        for target, button in self.status_buttons.items():
            button.setVisible(status is not None and target in NEXT.get(status, ()))
        self.correct_button.setVisible(status == "gesperrt")
        for button in (self.csv_button, self.xlsx_button, self.pdf_button):
            button.setEnabled(entry is not None)
        if entry is None:
            self.lines_model.set_rows([])
            return
        store = self.context.store
        self.context.runner.run(
            lambda: (entry.key, lines_of(store, entry)),
            on_result=self._show_lines,
            on_error=self.message.setText,
            key="abrechnung-lines",
        )

    def _show_lines(self, result: tuple[object, tuple[Line, ...]]) -> None:
        key, lines = result
        if self.entry is None or key != self.entry.key:
            return
        self.lines_model.set_rows(
            [
                Row(
                    index,
                    (
                        line.aktenzeichen
                        + (" " + _("(Nachberechnung)") if line.nachberechnung else ""),
                        fmt.period(line.period_from, line.period_to),
                        fmt.number(line.approved, 2),
                        fmt.number(line.hours_period, 2),
                        fmt.number(line.hours_cumulative, 2),
                        fmt.number(line.hours_remaining, 2),
                        euro(line.amount),
                    ),
                )
                for index, line in enumerate(lines)
            ]
        )
        total = sum((line.amount for line in lines), Decimal(0))
        hours = sum((line.hours_period for line in lines), Decimal(0))
        self.total.setText(
            _("Total: {hours} h, {amount}").format(hours=fmt.number(hours, 2), amount=euro(total))
        )

    # --- writing ------------------------------------------------------------------------------

    def _write(self, work: Callable[[], object], done: str) -> None:
        self.context.runner.run(
            work,
            on_result=lambda _r: self.context.changed(done),
            on_error=self.message.setText,
        )

    def create(self) -> None:
        entry = self.entry
        if entry is None or entry.stored is not None:
            return
        store, number = self.context.store, self.invoice.text()
        self._write(
            lambda: abrechnung.create(store, entry.period, number),
            _("Abrechnung {period} created.").format(period=entry.period.label()),
        )

    def recompute(self) -> None:
        entry = self.entry
        if entry is None or entry.stored is None:
            return
        store, row_id = self.context.store, entry.stored.id
        self._write(lambda: abrechnung.recompute(store, row_id), _("Abrechnung recomputed."))

    def set_status(self, status: str) -> None:
        entry = self.entry
        if entry is None or entry.stored is None:
            return
        store, row_id, number, today = (
            self.context.store,
            entry.stored.id,
            self.invoice.text(),
            self.clock(),
        )
        self._write(
            lambda: abrechnung.set_status(
                store, row_id, status, invoice_number=number, today=today
            ),
            _("Abrechnung {period}: {status}.").format(
                period=entry.period.label(), status=status_label(status)
            ),
        )

    def correct(self) -> None:
        entry = self.entry
        if entry is None or entry.stored is None:
            return
        store, row_id = self.context.store, entry.stored.id
        self._write(
            lambda: abrechnung.correct(store, row_id),
            _("Correction of {period} created.").format(period=entry.period.label()),
        )

    def export(self, kind: str) -> None:
        entry = self.entry
        if entry is None:
            return
        store, period = self.context.store, entry.period

        def make() -> bytes:
            if kind == "pdf":
                return abrechnung.abrechnung_pdf_for_period(store, period)
            content = abrechnung.abrechnung_form(store, period, evidence=False)
            if kind == "csv":
                return abrechnung.export_csv(content).encode("utf-8-sig")
            return abrechnung.export_xlsx(content)

        fmt.save_document(
            self.context,
            self,
            _("Export the Abrechnung"),
            f"Abrechnung_{period}.{kind}",
            make,
            open_after=False,
            on_error=self.message.setText,
            kind=kind,
        )
