"""The pages of the Bedarfsanzeige editor: criteria, other services, hours with the
plausibility figures, situation and goals in both voices, consent and Sprachmittlung.

Mixed into ``BedarfsanzeigeDialog``, which fills and reads the widgets built here.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.codes import code_list
from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.fachleistung_models import CriteriaModel, HoursModel, ServicesModel
from fsa_desk.gui.household_table import RowTableModel, make_table
from fsa_desk.i18n import _, language


class AnzeigePages:
    """Builds the tabs; ``self`` is the dialog (a QWidget)."""

    def _criteria_tab(self) -> QWidget:
        self.criteria = CriteriaModel(self)
        self.criteria_table = self._edit_table(self.criteria, stretch=2)
        return self._tab(
            self.criteria_table,
            _("Tick what applies (Space) and justify it (F2 or typing); typing ticks the row."),
        )

    def _services_tab(self) -> QWidget:
        self.services = ServicesModel(self)
        self.services_table = self._edit_table(self.services, stretch=1)
        self.services_reason = self._text(_("Why the Fachleistung is needed nonetheless"))
        page = self._tab(self.services_table, _("Other services involved, and how."))
        page.layout().addWidget(QLabel(_("Why the Fachleistung is needed nonetheless:"), page))
        page.layout().addWidget(self.services_reason)
        return page

    def _hours_tab(self) -> QWidget:
        self.hours = HoursModel(self)
        self.hours_table = self._edit_table(self.hours, stretch=0)
        self.total = QLabel(self)
        self.total.setStyleSheet("font-weight: bold;")
        self.threshold = QLabel(self)
        self.threshold.setWordWrap(True)
        self.threshold.setStyleSheet(fmt.WARNING_STYLE)
        self.months_model = RowTableModel((_("Month"), _("Documented hours")))
        self.approvals_model = RowTableModel(
            (_("Aktenzeichen"), _("Period"), _("Approved"), _("Used"))
        )
        self.pace = QLabel(self)
        self.pace.setWordWrap(True)
        checks = QGroupBox(_("For plausibility: the last 6 months and earlier approvals"), self)
        box = QVBoxLayout(checks)
        box.addWidget(make_table(self.months_model))
        box.addWidget(self.pace)
        box.addWidget(make_table(self.approvals_model, stretch=1))
        left = self._tab(self.hours_table, _("Projected hours for the next 12 months."))
        left.layout().addWidget(self.total)
        left.layout().addWidget(self.threshold)
        page = QWidget(self)
        row = QHBoxLayout(page)
        row.addWidget(left, 3)
        row.addWidget(checks, 2)
        return page

    def _situation_tab(self) -> QWidget:
        self.situation_professional = self._text(_("The situation in professional terms"))
        self.situation_client = self._text(_("The situation in the client's own words"))
        self.client_missing = QLineEdit(self)
        self.client_missing.setPlaceholderText(_("not recorded, because …"))
        self.goals = self._text(_("Goals"))
        self.who_does_what = self._text(_("Who does what"))
        page = QWidget(self)
        form = QFormLayout(page)
        for label, editor in (
            (_("In &professional terms:"), self.situation_professional),
            (_("In the client's &own words:"), self.situation_client),
            (_("Not recorded, &because:"), self.client_missing),
            (_("&Goals:"), self.goals),
            (_("&Who does what:"), self.who_does_what),
        ):
            caption = QLabel(label, page)
            caption.setBuddy(editor)
            form.addRow(caption, editor)
        return page

    def _consent_tab(self) -> QWidget:
        self.consent = QComboBox(self)
        self.consent.setAccessibleName(_("Schweigepflichtentbindung"))
        self.sprachmittlung = QComboBox(self)
        for code in code_list("sprachmittlung"):
            self.sprachmittlung.addItem(code.label(language()), code.code)
        self.language = QComboBox(self)
        self.language.addItem("", None)
        for code in code_list("languages"):
            self.language.addItem(code.label(language()), code.code)
        self.signatures = QLabel(self)
        page = QWidget(self)
        form = QFormLayout(page)
        for label, editor in (
            (_("&Schweigepflichtentbindung:"), self.consent),
            (_("&Interpreting:"), self.sprachmittlung),
            (_("&Language:"), self.language),
        ):
            caption = QLabel(label, page)
            caption.setBuddy(editor)
            form.addRow(caption, editor)
        form.addRow(_("Signatures:"), self.signatures)
        return page

    def _tab(self, table: QTableView, hint: str) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        note = QLabel(hint, page)
        note.setStyleSheet(fmt.NOTE_STYLE)
        layout.addWidget(note)
        layout.addWidget(table, 1)
        return page

    def _edit_table(self, model: object, stretch: int) -> QTableView:
        table = QTableView(self)
        table.setModel(model)  # type: ignore[arg-type]
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        table.setTabKeyNavigation(False)
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        return table

    def _text(self, name: str) -> QPlainTextEdit:
        text = QPlainTextEdit(self)
        text.setAccessibleName(name)
        text.setTabChangesFocus(True)
        return text
