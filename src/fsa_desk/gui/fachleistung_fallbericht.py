"""The Fallbericht editor: the figures of the documented period beside the counsellor's text.

The first tab shows what the store knows (hours delivered against hours approved per life area,
contacts, the goals as reviewed with the client) — the report prints them as they stand. The
other tabs hold the text: course, the client's own assessment (verbatim, dated), obstacles,
further need. Under each text a counter with the soft length hint: a warning, never a block,
and nothing is ever cut off. Status: Entwurf → Fertig → Versandt (read-only).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import fields
from datetime import date

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui import fachleistung_format as fmt
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import DateField, period_row
from fsa_desk.gui.fachleistung_steps import Field, PreviewDialog, StepDialog
from fsa_desk.gui.household_table import Row, RowTableModel, TableSection
from fsa_desk.i18n import _
from fsa_desk.services import fallbericht
from fsa_desk.services.fallbericht import LENGTH_HINTS, FallberichtInput, FallberichtView


def _titles() -> dict[str, str]:
    """The report's text fields in the order they are printed."""
    return {
        "course": _("Course of the help"),
        "client_assessment": _("The client's own assessment (verbatim)"),
        "obstacles_structural": _("Obstacles: structural"),
        "obstacles_official": _("Obstacles: official (authorities)"),
        "obstacles_personal": _("Obstacles: personal"),
        "further_need": _("Further need"),
    }


class FallberichtDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        fallbericht_id: uuid.UUID,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,  # tests fix the day
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.fallbericht_id = fallbericht_id
        self.clock = clock
        self.view: FallberichtView | None = None
        self.dirty = False
        self.step: StepDialog | None = None
        self.preview: PreviewDialog | None = None
        self.setWindowTitle(_("Fallbericht"))
        self._build()
        self._connect()
        self.reload()

    # --- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.heading.setWordWrap(True)
        self.period_from = DateField(self)
        self.period_to = DateField(self)
        self.texts: dict[str, QPlainTextEdit] = {}
        self.counters: dict[str, QLabel] = {}
        self.titles = _titles()
        for name, title in self.titles.items():
            editor = QPlainTextEdit(self)
            editor.setAccessibleName(title)
            editor.setTabChangesFocus(True)
            self.texts[name] = editor
            counter = QLabel(self)
            counter.setStyleSheet(fmt.NOTE_STYLE)
            self.counters[name] = counter
        self.assessment_on = DateField(self, optional=True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(fmt.WARNING_STYLE)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet(fmt.WARNING_STYLE)
        self.message = fmt.error_label(self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._figures_tab(), _("&Figures and goals"))
        self.tabs.addTab(
            self._text_tab(("course", "client_assessment"), with_date=True),
            _("&Course and assessment"),
        )
        self.tabs.addTab(
            self._text_tab(
                (
                    "obstacles_structural",
                    "obstacles_official",
                    "obstacles_personal",
                    "further_need",
                ),
            ),
            _("&Obstacles and further need"),
        )
        self._build_buttons()
        self._lay_out()

    def _figures_tab(self) -> QWidget:
        self.hours_model = RowTableModel((_("Life area"), _("Approved"), _("Delivered")))
        self.goals_model = RowTableModel(
            (_("Person"), _("Goal"), _("Client's view"), _("Counsellor's view"), _("Status"))
        )
        self.contacts = QLabel(self)
        self.contacts.setWordWrap(True)
        page = QWidget(self)
        layout = QHBoxLayout(page)
        left = QVBoxLayout()
        left.addWidget(
            TableSection(
                _("Hours delivered"),
                self.hours_model,
                empty_text=_("No hours documented."),
                stretch=0,
            ),
            1,
        )
        left.addWidget(self.contacts)
        layout.addLayout(left, 2)
        layout.addWidget(
            TableSection(
                _("Goals as reviewed with the client"),
                self.goals_model,
                empty_text=_("No goals agreed in an Integrationsplan."),
                stretch=1,
            ),
            3,
        )
        return page

    def _text_tab(self, names: tuple[str, ...], *, with_date: bool = False) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        for name in names:
            caption = QLabel(f"{self.titles[name]}:", page)
            caption.setBuddy(self.texts[name])
            row = QHBoxLayout()
            row.addWidget(caption, 1)
            if with_date and name == "client_assessment":
                said = QLabel(_("said &on:"), page)
                said.setBuddy(self.assessment_on)
                row.addWidget(said)
                row.addWidget(self.assessment_on)
            layout.addLayout(row)
            layout.addWidget(self.texts[name], 1)
            layout.addWidget(self.counters[name])
        return page

    def _build_buttons(self) -> None:
        self.save_button = QPushButton(_("&Save"), self)
        self.save_button.setToolTip(_("Save the report (Ctrl+S)"))
        self.preview_button = QPushButton(_("Pre&view…"), self)
        self.pdf_button = QPushButton(_("PDF…"), self)
        self.print_button = QPushButton(_("&Print…"), self)
        self.ready_button = QPushButton(_("&Finished"), self)
        self.reopen_button = QPushButton(_("&Edit again"), self)
        self.sent_button = QPushButton(_("Sen&t…"), self)
        self.close_button = QPushButton(_("Close"), self)
        self.buttons = (
            self.ready_button,
            self.reopen_button,
            self.sent_button,
            self.save_button,
            self.preview_button,
            self.pdf_button,
            self.print_button,
            self.close_button,
        )
        for button in self.buttons:
            button.setAutoDefault(False)

    def _lay_out(self) -> None:
        top = QFormLayout()
        period = period_row(self, self.period_from, self.period_to)
        caption = QLabel(_("Reporting &period:"), self)
        caption.setBuddy(self.period_from)
        top.addRow(caption, period)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        for button in self.buttons:
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.hint)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.resize(1200, 720)

    def _connect(self) -> None:
        QShortcut(QKeySequence("Ctrl+S"), self, activated=self.save)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=lambda: self.save_pdf(open_after=True))
        self.save_button.clicked.connect(self.save)
        self.preview_button.clicked.connect(self.show_preview)
        self.pdf_button.clicked.connect(lambda: self.save_pdf(open_after=False))
        self.print_button.clicked.connect(lambda: self.save_pdf(open_after=True))
        self.ready_button.clicked.connect(self.mark_ready)
        self.reopen_button.clicked.connect(self.reopen)
        self.sent_button.clicked.connect(self.mark_sent)
        self.close_button.clicked.connect(self.reject)
        for editor in self.texts.values():
            editor.textChanged.connect(self._edited)
        for editor in (self.period_from, self.period_to, self.assessment_on):
            editor.textChanged.connect(self._edited)

    # --- loading and showing ------------------------------------------------------------------

    def reload(self) -> None:
        store, report_id, today = self.context.store, self.fallbericht_id, self.clock()
        self.context.runner.run(
            lambda: fallbericht.get_fallbericht(store, report_id, today=today),
            on_result=self._show,
            on_error=self.message.setText,
        )

    def _show(self, view: FallberichtView) -> None:
        self.view = view
        figures = view.figures
        self.setWindowTitle(
            _("Fallbericht {ref} – {kind}").format(
                ref=figures.household_ref, kind=figures.kind_label
            )
        )
        self.heading.setText(
            _("{kind} · Bewilligung {number} ({period}) · {status}").format(
                kind=figures.kind_label,
                number=figures.aktenzeichen,
                period=fmt.period(figures.approved_from, figures.approved_to),
                status=fallbericht.status_label(view.status),
            )
        )
        for editor in self.texts.values():
            editor.blockSignals(True)
        for name, editor in self.texts.items():
            editor.setPlainText(getattr(view.data, name) or "")
            editor.setReadOnly(not view.editable)
        for editor in self.texts.values():
            editor.blockSignals(False)
        self.period_from.set_date(view.data.period_from)
        self.period_to.set_date(view.data.period_to)
        self.assessment_on.set_date(view.data.client_assessment_on)
        for editor in (self.period_from, self.period_to, self.assessment_on):
            editor.setEnabled(view.editable)
        self._show_figures(view)
        self._show_hints()
        self.problems.setText(
            _("Before it is finished: {problems}").format(problems=" ".join(view.problems))
            if view.problems and view.status == "entwurf"
            else ""
        )
        self.ready_button.setVisible(view.status == "entwurf")
        self.reopen_button.setVisible(view.status == "fertig")
        self.sent_button.setVisible(view.status == "fertig")
        self.save_button.setEnabled(view.editable)
        self.dirty = False

    def _show_figures(self, view: FallberichtView) -> None:
        figures = view.figures
        self.hours_model.set_rows(
            [
                Row(
                    line.life_area,
                    (line.life_area, fmt.hours_value(line.approved), fmt.number(line.delivered)),
                )
                for line in figures.hours
            ]
        )
        self.contacts.setText(
            _(
                "Contacts: {contacts}, direct: {direct}, missed: {no_shows}. Billable: {used} of "
                "{approved} h."
            ).format(
                contacts=figures.contacts,
                direct=figures.direct_contacts,
                no_shows=figures.no_shows,
                used=fmt.number(figures.used),
                approved=fmt.number(figures.approved_total),
            )
        )
        self.goals_model.set_rows(
            [
                Row(
                    index,
                    (
                        goal.person,
                        goal.text_client or goal.text_professional or "",
                        goal.client_rating,
                        goal.counsellor_rating,
                        goal.status,
                    ),
                    tooltip="\n".join(t for t in (goal.text_client, goal.text_professional) if t),
                )
                for index, goal in enumerate(figures.goals)
            ]
        )

    def _edited(self, *_args: object) -> None:
        self.dirty = True
        self._show_hints()

    def _show_hints(self) -> None:
        """Characters per field against its soft hint, live: never a block."""
        try:
            hints = fallbericht.length_hints(self.data())
        except ValueError:
            hints = ()
        by_field = {hint.field: hint.message for hint in hints}
        for name, counter in self.counters.items():
            size = len(self.texts[name].toPlainText())
            text = _("{size} of about {limit} characters").format(
                size=size, limit=LENGTH_HINTS[name]
            )
            if name in by_field:
                counter.setText(f"⚠ {by_field[name]}")
                counter.setStyleSheet(fmt.WARNING_STYLE)
            else:
                counter.setText(text)
                counter.setStyleSheet(fmt.NOTE_STYLE)
        self.hint.setText(f"⚠ {by_field['']}" if "" in by_field else "")
        self.hint.setVisible("" in by_field)

    # --- saving -------------------------------------------------------------------------------

    def data(self) -> FallberichtInput:
        """The report as edited; ``ValueError`` with a German sentence for a bad date."""
        start, end = self.period_from.date(), self.period_to.date()
        assert start is not None and end is not None
        texts = {name: editor.toPlainText() for name, editor in self.texts.items()}
        values = {**texts, "client_assessment_on": self.assessment_on.date()}
        wanted = {f.name for f in fields(FallberichtInput)} - {"period_from", "period_to"}
        return FallberichtInput(
            period_from=start, period_to=end, **{k: v for k, v in values.items() if k in wanted}
        )

    def save(self, then: Callable[[], None] | None = None) -> None:
        if self.view is None or not self.view.editable:
            if then is not None:
                then()
            return
        try:
            data = self.data()
        except ValueError as problem:
            self.message.setText(str(problem))
            return
        store, report_id, today = self.context.store, self.fallbericht_id, self.clock()

        def saved(_none: object) -> None:
            self.message.clear()
            self.context.changed(_("Fallbericht saved."))
            self.reload()
            if then is not None:
                then()

        self.context.runner.run(
            lambda: fallbericht.update_fallbericht(store, report_id, data, today=today),
            on_result=saved,
            on_error=self.message.setText,
        )

    def _saved_first(self, action: Callable[[], None]) -> None:
        if self.dirty:
            self.save(then=action)
        else:
            action()

    def show_preview(self) -> None:
        self._saved_first(self._open_preview)

    def _open_preview(self) -> None:
        store, report_id, today = self.context.store, self.fallbericht_id, self.clock()

        def show(text: str) -> None:
            self.preview = PreviewDialog(_("Fallbericht"), text, self)
            self.preview.open()

        self.context.runner.run(
            lambda: fallbericht.fallbericht_preview(store, report_id, today=today),
            on_result=show,
            on_error=self.message.setText,
        )

    def save_pdf(self, *, open_after: bool) -> None:
        self._saved_first(lambda: self._write_pdf(open_after))

    def _write_pdf(self, open_after: bool) -> None:
        if self.view is None:
            return
        store, report_id, today = self.context.store, self.fallbericht_id, self.clock()
        name = f"Fallbericht_{fmt.safe_name(self.view.figures.household_ref)}_{today}.pdf"
        fmt.save_document(
            self.context,
            self,
            _("Save the Fallbericht"),
            name,
            lambda: fallbericht.fallbericht_pdf(store, report_id, today=today),
            open_after=open_after,
            on_error=self.message.setText,
        )

    # --- status -------------------------------------------------------------------------------

    def _run(self, work: Callable[[], object], done: str) -> None:
        def finished(_result: object) -> None:
            self.message.clear()
            self.context.changed(done)
            self.reload()

        self.context.runner.run(work, on_result=finished, on_error=self.message.setText)

    def mark_ready(self) -> None:
        store, report_id = self.context.store, self.fallbericht_id
        self._saved_first(
            lambda: self._run(
                lambda: fallbericht.mark_ready(store, report_id), _("Fallbericht finished.")
            )
        )

    def reopen(self) -> None:
        store, report_id = self.context.store, self.fallbericht_id
        self._run(lambda: fallbericht.reopen(store, report_id), _("Fallbericht can be edited."))

    def mark_sent(self) -> None:
        store, report_id, today = self.context.store, self.fallbericht_id, self.clock()
        dialog = StepDialog(
            _("Fallbericht sent"),
            _("When did the report go to the Sozialamt? It cannot be changed afterwards."),
            [Field("day", _("&Sent on:"), value=today)],
            self,
        )
        self.step = dialog
        dialog.accepted.connect(
            lambda: self._run(
                lambda: fallbericht.mark_sent(
                    store,
                    report_id,
                    dialog.values()["day"],  # type: ignore[arg-type]
                    today=today,
                ),
                _("Fallbericht sent."),
            )
        )
        dialog.open()
