"""The Willkommen tab: the Ankommens-Checkliste (Space or a click ticks an item) and the
Kompetenzerhebung of the adults."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from fsa_desk.gui import household_format as fmt
from fsa_desk.gui.household_table import (
    PAST,
    Row,
    RowTableModel,
    TableSection,
    reselect,
    selected_key,
)
from fsa_desk.i18n import _
from fsa_desk.services.household_view import HouseholdDetail


class WelcomePage(QWidget):
    """Ankommens-Checkliste (Space or a click ticks an item) and Kompetenzerhebung."""

    toggle_requested = Signal(object, bool)  # checklist item id, done
    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = QLabel()
        self.checklist = RowTableModel(
            [_("Done"), _("Item"), _("Child"), _("Status"), _("Done on"), _("Comment")],
            check_column=0,
        )
        self.checklist.check_requested.connect(self.toggle_requested)
        self.start_button = QPushButton(_("Start check&list"))
        self.start_button.clicked.connect(self.start_requested)
        checklist = TableSection(
            _("Arrival checklist"),
            self.checklist,
            empty_text=_("The arrival checklist has not been started."),
            stretch=5,
            buttons=(self.start_button,),
        )
        self.checklist_table = checklist.table
        space = QShortcut(QKeySequence(Qt.Key.Key_Space), self.checklist_table)
        space.setContext(Qt.ShortcutContext.WidgetShortcut)
        space.activated.connect(self._toggle_selected)
        self.kompetenzen = RowTableModel(
            [_("Person"), _("Recorded on"), _("German"), _("Schooling"), _("Training"),
             _("Work experience"), _("Recognition"), _("Interests")]
        )  # fmt: skip
        kompetenzen = TableSection(
            _("Kompetenzerhebung"),
            self.kompetenzen,
            empty_text=_("No Kompetenzerhebung recorded yet."),
            stretch=7,
            compact=6,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.year)
        layout.addWidget(checklist, 1)
        layout.addWidget(kompetenzen)

    def _toggle_selected(self) -> None:
        index = self.checklist_table.currentIndex()
        if index.isValid():
            row = self.checklist.row(index.row())
            self.toggle_requested.emit(row.key, not row.checked)

    def show_detail(self, detail: HouseholdDetail) -> None:
        self.year.setText(_welcome_year(detail))
        key = selected_key(self.checklist_table, self.checklist)
        self.checklist.set_rows(
            [
                Row(
                    line.id,
                    (
                        "",
                        fmt.label("welcome_checklist", line.item),
                        line.person or "",
                        fmt.checklist_status_label(line.status),
                        fmt.day(line.done_on),
                        line.comment or "",
                    ),
                    tone=PAST if line.status == "entfaellt" else None,
                    checked=line.status == "erledigt",
                )
                for line in detail.checklist
            ]
        )
        reselect(self.checklist_table, self.checklist, key)
        self.start_button.setVisible(not detail.checklist)
        self.kompetenzen.set_rows(
            [
                Row(
                    k.person_id,
                    (
                        k.person,
                        fmt.day(k.recorded_on),
                        k.german_level or "",
                        k.schooling or "",
                        k.training or "",
                        k.work_experience or "",
                        k.recognition or "",
                        k.interests or "",
                    ),
                )
                for k in detail.kompetenzen
            ]
        )

    def set_presentation(self, on: bool) -> None:
        """The checklist and the client's own skills are theirs to see."""


def _welcome_year(detail: HouseholdDetail) -> str:
    modules = detail.modules
    if modules.willkommen_from is None or modules.willkommen_until is None:
        return _("No allocation date recorded: no Willkommensjahr.")
    text = _("Willkommensjahr: {period}").format(
        period=fmt.period(modules.willkommen_from, modules.willkommen_until)
    )
    if modules.willkommen_until < detail.today:
        return text + " " + _("(ended)")
    remaining = fmt.days_from_today(modules.willkommen_until, detail.today)
    return text + " " + _("(ends {when})").format(when=remaining)
