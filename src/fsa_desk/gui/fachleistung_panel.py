"""Fachleistung of one household: the case, its Bedarfsanzeigen, Bewilligungen with the hour
budget and its warnings, Fallberichte and Integrationspläne — and the buttons that open the
editors.

``FachleistungPanel(context)`` is hosted by the main window's household area;
``show_household(id)`` switches to a household. Everything is read off the GUI thread in one
service call; the panel reloads whenever ``context.data_changed`` fires. Dialogs open
window-modal, so the event loop (and the tests) keep running.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.budget import explain
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_panel_rows import (
    anzeige_rows,
    bericht_rows,
    bewilligung_rows,
    plan_rows,
)
from fsa_desk.gui.fachleistung_steps import PersonsDialog
from fsa_desk.gui.household_table import RowTableModel, TableSection, reselect, selected_key
from fsa_desk.i18n import _
from fsa_desk.services import client_sheet, fachleistung, fallbericht
from fsa_desk.services.fachleistung import CaseOverview


class FachleistungPanel(QWidget):
    """The Fachleistung page of one household."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.clock: Callable[[], date] = date.today  # tests fix the day
        self.household_id: uuid.UUID | None = None
        self.cases: list[CaseOverview] = []
        self.dialog: QDialog | None = None  # the editor opened last (tests look at it)
        self._build()
        self._connect()
        self._show_cases([])

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.case_choice = QComboBox()
        self.case_choice.setAccessibleName(_("Fachleistung case"))
        self.open_case_button = QPushButton(_("Open a &case…"))
        self.persons_button = QPushButton(_("&Persons…"))
        self.sheet_button = QPushButton(_("Sheet for the c&lient…"))
        self.sheet_button.setToolTip(_("Goals, next steps and contacts, for the client to keep"))
        self.message = fmt.error_label(self)
        self.message.hide()
        self._build_budget()
        self._build_tables()
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.case_choice)
        top.addWidget(self.open_case_button)
        top.addWidget(self.persons_button)
        top.addWidget(self.sheet_button)
        grid = QGridLayout()
        grid.addWidget(self.anzeigen, 0, 0)
        grid.addWidget(self.bewilligungen, 0, 1)
        grid.addWidget(self.berichte, 1, 0)
        grid.addWidget(self.plans, 1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.budget_box)
        layout.addLayout(grid, 1)

    def _build_budget(self) -> None:
        self.budget_box = QGroupBox(_("Hour budget"))
        self.budget_bar = QProgressBar()
        self.budget_bar.setAccessibleName(_("Share of the approved hours used"))
        self.budget_bar.setTextVisible(True)
        self.budget_text = QLabel()
        self.budget_text.setWordWrap(True)
        self.budget_warnings = QLabel()
        self.budget_warnings.setWordWrap(True)
        self.budget_warnings.setStyleSheet(fmt.ERROR_STYLE)
        layout = QVBoxLayout(self.budget_box)
        layout.addWidget(self.budget_bar)
        layout.addWidget(self.budget_text)
        layout.addWidget(self.budget_warnings)

    def _build_tables(self) -> None:
        self.anzeigen_model = RowTableModel(
            (_("Kind"), _("Version"), _("Status"), _("Period"), _("Hours"), _("Sent"))
        )
        self.new_anzeige_button = QPushButton(_("&New Bedarfsanzeige…"))
        self.open_anzeige_button = QPushButton(_("Open"))
        self.anzeigen = TableSection(
            _("Bedarfsanzeigen"),
            self.anzeigen_model,
            empty_text=_("No Bedarfsanzeige yet."),
            stretch=2,
            buttons=(self.new_anzeige_button, self.open_anzeige_button),
        )
        self.bewilligungen_model = RowTableModel(
            (_("Aktenzeichen"), _("Period"), _("Approved"), _("Used"), _("Left"), _("Status"))
        )
        self.new_bewilligung_button = QPushButton(_("Record a &Bewilligung…"))
        self.open_bewilligung_button = QPushButton(_("Open"))
        self.bewilligungen = TableSection(
            _("Bewilligungen"),
            self.bewilligungen_model,
            empty_text=_("No Bewilligung yet."),
            stretch=0,
            buttons=(self.new_bewilligung_button, self.open_bewilligung_button),
        )
        self.berichte_model = RowTableModel(
            (_("Kind"), _("Period"), _("Status"), _("Aktenzeichen"))
        )
        self.extension_report_button = QPushButton(_("Report for a &Verlängerung…"))
        self.closing_report_button = QPushButton(_("Closing &report…"))
        self.open_bericht_button = QPushButton(_("Open"))
        self.berichte = TableSection(
            _("Fallberichte"),
            self.berichte_model,
            empty_text=_("No Fallbericht yet."),
            stretch=0,
            buttons=(
                self.extension_report_button,
                self.closing_report_button,
                self.open_bericht_button,
            ),
        )
        self.plans_model = RowTableModel(
            (_("Person"), _("Goals"), _("Agreed on"), _("Auswertungsgespräch"))
        )
        self.new_plan_button = QPushButton(_("New &Integrationsplan…"))
        self.open_plan_button = QPushButton(_("Open"))
        self.plans = TableSection(
            _("Integrationspläne"),
            self.plans_model,
            empty_text=_("No Integrationsplan yet."),
            stretch=1,
            buttons=(self.new_plan_button, self.open_plan_button),
        )

    def _connect(self) -> None:
        self.context.data_changed.connect(self.reload)
        self.case_choice.currentIndexChanged.connect(lambda _i: self._show_case())
        self.open_case_button.clicked.connect(self.open_case)
        self.persons_button.clicked.connect(self.choose_persons)
        self.sheet_button.clicked.connect(self.save_client_sheet)
        self.new_anzeige_button.clicked.connect(lambda: self.open_bedarfsanzeige(None))
        self.open_anzeige_button.clicked.connect(self._open_selected_anzeige)
        self.anzeigen.table.activated.connect(lambda _index: self._open_selected_anzeige())
        self.new_bewilligung_button.clicked.connect(lambda: self.open_bewilligung(None))
        self.open_bewilligung_button.clicked.connect(self._open_selected_bewilligung)
        self.bewilligungen.table.activated.connect(lambda _i: self._open_selected_bewilligung())
        self.extension_report_button.clicked.connect(lambda: self.new_fallbericht("verlaengerung"))
        self.closing_report_button.clicked.connect(lambda: self.new_fallbericht("abschluss"))
        self.open_bericht_button.clicked.connect(self._open_selected_bericht)
        self.berichte.table.activated.connect(lambda _index: self._open_selected_bericht())
        self.new_plan_button.clicked.connect(lambda: self.open_plan(None))
        self.open_plan_button.clicked.connect(self._open_selected_plan)
        self.plans.table.activated.connect(lambda _index: self._open_selected_plan())

    # --- loading ------------------------------------------------------------------------------

    def show_household(self, household_id: uuid.UUID) -> None:
        if household_id != self.household_id:
            self.cases = []
        self.household_id = household_id
        self.reload()

    def reload(self) -> None:
        if self.household_id is None:
            return
        store, household_id, today = self.context.store, self.household_id, self.clock()
        self.context.runner.run(
            lambda: (household_id, fachleistung.household_cases(store, household_id, today=today)),
            on_result=self._loaded,
            on_error=self._show_error,
            key="fachleistung-panel",
        )

    def _loaded(self, result: tuple[uuid.UUID, list[CaseOverview]]) -> None:
        household_id, cases = result
        if household_id == self.household_id:  # the user has not moved on meanwhile
            self._show_cases(cases)

    def _show_cases(self, cases: list[CaseOverview]) -> None:
        chosen = self.case.id if self.case is not None else None
        self.cases = cases
        self.message.hide()
        self.case_choice.blockSignals(True)
        self.case_choice.clear()
        for case in cases:
            self.case_choice.addItem(
                _("Case of {day} ({status})").format(
                    day=fmt.day(case.opened_on), status=fmt.case_status(case.status)
                ),
                case.id,
            )
        index = next((i for i, c in enumerate(cases) if c.id == chosen), 0)
        self.case_choice.setCurrentIndex(index)
        self.case_choice.blockSignals(False)
        self.case_choice.setVisible(len(cases) > 1)
        self._show_case()

    @property
    def case(self) -> CaseOverview | None:
        index = self.case_choice.currentIndex()
        return self.cases[index] if 0 <= index < len(self.cases) else None

    def _show_case(self) -> None:
        case = self.case
        self._show_title(case)
        self._show_budget(case)
        self._fill_tables(case)
        has_case = case is not None
        self.open_case_button.setVisible(not has_case or case.status in _ENDED)
        self.open_case_button.setEnabled(self.household_id is not None)
        for widget in (
            self.persons_button,
            self.sheet_button,
            self.new_anzeige_button,
            self.new_bewilligung_button,
            self.new_plan_button,
        ):
            widget.setEnabled(has_case)
        approved = has_case and bool(case.bewilligungen)
        self.extension_report_button.setEnabled(approved)
        self.closing_report_button.setEnabled(approved)

    def _show_title(self, case: CaseOverview | None) -> None:
        if case is None:
            self.title.setText(_("Fachleistung: no case for this household"))
            return
        persons = ", ".join(name for _id, name in case.persons) or _("nobody named yet")
        self.title.setText(
            _("Fachleistung since {day} · {status} · {counsellor} · for: {persons}").format(
                day=fmt.day(case.opened_on),
                status=fmt.case_status(case.status),
                counsellor=case.counsellor,
                persons=persons,
            )
        )

    def _show_budget(self, case: CaseOverview | None) -> None:
        approval = case.running if case is not None else None
        self.budget_box.setVisible(approval is not None)
        if approval is None:
            return
        budget = approval.budget
        share = float(budget.used_share) if budget.approved else 0.0
        self.budget_bar.setRange(0, 100)
        self.budget_bar.setValue(min(100, round(share * 100)))
        self.budget_bar.setFormat(
            _("{used} of {approved} h used").format(
                used=fmt.number(budget.used), approved=fmt.number(budget.approved)
            )
        )
        over = bool(budget.warnings) and budget.warnings[0] in ("used_100", "used_80")
        # Light fills, so the black figures on the bar stay readable (WCAG AA).
        colour = "#f0a8a8" if over else "#9fc2e6"
        self.budget_bar.setStyleSheet(
            "QProgressBar { text-align: center; }"
            f" QProgressBar::chunk {{ background: {colour}; }}"
        )
        self.budget_text.setText(
            _(
                "Bewilligung {number} ({period}, {status}): {remaining} h left, "
                "{days} days to go; at the pace so far {forecast} h by the end."
            ).format(
                number=approval.aktenzeichen,
                period=fmt.period(approval.period_from, approval.period_to),
                status=fmt.bewilligung_status(approval.status),
                remaining=fmt.number(budget.remaining),
                days=max(budget.days_left, 0),
                forecast=fmt.number(budget.forecast),
            )
        )
        texts = [explain(code, budget) for code in budget.warnings]
        self.budget_warnings.setText("\n".join(f"⚠ {text}" for text in texts))
        self.budget_warnings.setVisible(bool(texts))

    def _fill_tables(self, case: CaseOverview | None) -> None:
        keep = {
            self.anzeigen: selected_key(self.anzeigen.table, self.anzeigen_model),
            self.bewilligungen: selected_key(self.bewilligungen.table, self.bewilligungen_model),
            self.berichte: selected_key(self.berichte.table, self.berichte_model),
        }
        self.anzeigen_model.set_rows(anzeige_rows(case))
        self.bewilligungen_model.set_rows(bewilligung_rows(case))
        self.berichte_model.set_rows(bericht_rows(case))
        self.plans_model.set_rows(plan_rows(case))
        for section, key in keep.items():
            reselect(section.table, section.model, key)

    def _show_error(self, message: str) -> None:
        self.message.setText(message)
        self.message.show()

    # --- actions ------------------------------------------------------------------------------

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.destroyed.connect(lambda *_a: self._forget(dialog))
        dialog.open()

    def _forget(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def open_bedarfsanzeige(self, anzeige_id: uuid.UUID | None) -> None:
        from fsa_desk.gui.fachleistung_bedarfsanzeige import BedarfsanzeigeDialog

        if self.case is not None:
            self._open(
                BedarfsanzeigeDialog(
                    self.context, self.case.id, anzeige_id, parent=self, clock=self.clock
                )
            )

    def _open_selected_anzeige(self) -> None:
        key = selected_key(self.anzeigen.table, self.anzeigen_model)
        if isinstance(key, uuid.UUID):
            self.open_bedarfsanzeige(key)

    def open_bewilligung(self, bewilligung_id: uuid.UUID | None) -> None:
        from fsa_desk.gui.fachleistung_bewilligung import BewilligungDialog

        if self.case is not None:
            self._open(
                BewilligungDialog(
                    self.context,
                    self.case.id,
                    bewilligung_id=bewilligung_id,
                    parent=self,
                    clock=self.clock,
                )
            )

    def _open_selected_bewilligung(self) -> None:
        key = selected_key(self.bewilligungen.table, self.bewilligungen_model)
        if isinstance(key, uuid.UUID):
            self.open_bewilligung(key)

    def open_fallbericht(self, fallbericht_id: uuid.UUID) -> None:
        from fsa_desk.gui.fachleistung_fallbericht import FallberichtDialog

        self._open(FallberichtDialog(self.context, fallbericht_id, parent=self, clock=self.clock))

    def _open_selected_bericht(self) -> None:
        key = selected_key(self.berichte.table, self.berichte_model)
        if isinstance(key, uuid.UUID):
            self.open_fallbericht(key)

    def open_plan(self, plan_id: uuid.UUID | None) -> None:
        from fsa_desk.gui.fachleistung_plan import IntegrationsplanDialog

        if self.case is not None:
            self._open(
                IntegrationsplanDialog(
                    self.context, self.case.id, plan_id, parent=self, clock=self.clock
                )
            )

    def _open_selected_plan(self) -> None:
        key = selected_key(self.plans.table, self.plans_model)
        if isinstance(key, uuid.UUID):
            self.open_plan(key)

    def new_fallbericht(self, kind: str) -> None:
        """Draft the report from the documented period, then open it."""
        if self.case is None:
            return
        store, case_id, today = self.context.store, self.case.id, self.clock()

        def drafted(report_id: uuid.UUID) -> None:
            self.context.changed(_("Fallbericht drafted from the documented period."))
            self.open_fallbericht(report_id)

        self.context.runner.run(
            lambda: fallbericht.draft_fallbericht(store, case_id, kind, today=today),
            on_result=drafted,
            on_error=self._show_error,
        )

    def open_case(self) -> None:
        """Open a case: first choose the persons it covers."""
        if self.household_id is None:
            return
        store, household_id, today = self.context.store, self.household_id, self.clock()
        self.context.runner.run(
            lambda: fachleistung.household_members(store, household_id, today=today),
            on_result=lambda members: self._ask_persons(members, (), self._create_case),
            on_error=self._show_error,
        )

    def _create_case(self, persons: list[uuid.UUID]) -> None:
        store, household_id, today = self.context.store, self.household_id, self.clock()
        assert household_id is not None
        self.context.runner.run(
            lambda: fachleistung.open_case(store, household_id, today, persons),
            on_result=lambda _id: self.context.changed(_("Fachleistung case opened.")),
            on_error=self._show_error,
        )

    def choose_persons(self) -> None:
        case = self.case
        if case is None:
            return
        store, today = self.context.store, self.clock()
        chosen = tuple(person_id for person_id, _name in case.persons)
        self.context.runner.run(
            lambda: fachleistung.household_members(store, case.household_id, today=today),
            on_result=lambda members: self._ask_persons(members, chosen, self._set_persons),
            on_error=self._show_error,
        )

    def _set_persons(self, persons: list[uuid.UUID]) -> None:
        case = self.case
        if case is None:
            return
        store = self.context.store
        self.context.runner.run(
            lambda: fachleistung.set_persons(store, case.id, persons),
            on_result=lambda _none: self.context.changed(_("Persons of the case saved.")),
            on_error=self._show_error,
        )

    def _ask_persons(
        self,
        members: list[tuple[uuid.UUID, str]],
        chosen: tuple[uuid.UUID, ...],
        then: Callable[[list[uuid.UUID]], None],
    ) -> None:
        dialog = PersonsDialog(members, chosen, self)
        dialog.accepted.connect(lambda: then(dialog.persons()))
        self._open(dialog)

    def save_client_sheet(self) -> None:
        case = self.case
        if case is None:
            return
        store, today = self.context.store, self.clock()
        fmt.save_document(
            self.context,
            self,
            _("Save the sheet for the client"),
            f"{_('For_you')}_{fmt.safe_name(case.household_ref)}_{today.isoformat()}.pdf",
            lambda: client_sheet.client_sheet_pdf(store, case.id, today=today),
            open_after=True,
            on_error=self._show_error,
        )


_ENDED = ("abgeschlossen", "abgelehnt", "zurueckgezogen")
