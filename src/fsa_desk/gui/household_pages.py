"""The household view's tabs for members, Fristen and tasks, Vollmachten and consents.

Each page shows a ``HouseholdDetail`` and asks for writes through its signals; the view runs
them. ``set_presentation(True)`` hides what the client in front of the screen must not see.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.gui import household_format as fmt
from fsa_desk.gui.household_table import (
    OVERDUE,
    PAST,
    WARNING,
    Row,
    RowTableModel,
    TableSection,
    selected_key,
)
from fsa_desk.i18n import _
from fsa_desk.services.household_casework import FRIST, DeadlineLine, validity
from fsa_desk.services.household_view import HouseholdDetail, MemberLine

SOON = timedelta(days=7)


# --- Mitglieder -------------------------------------------------------------------------------


class MembersPage(QWidget):
    privacy_requested = Signal(object)  # person id: access report, restriction
    new_person_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RowTableModel(
            [_("Name"), _("Role"), _("Born"), _("Member"), _("Residence status"),
             _("Valid until"), _("Benefit")]
        )  # fmt: skip
        self.new_person_button = QPushButton(_("New &person…"))
        self.privacy_button = QPushButton(_("Data &protection…"))
        self.privacy_button.setToolTip(
            _("Access report (Art. 15), restriction (Art. 18) for the selected person")
        )
        section = TableSection(
            _("Members over time"),
            self.model,
            empty_text=_("No members recorded."),
            stretch=4,
            buttons=(self.new_person_button, self.privacy_button),
        )
        self.table = section.table
        self._persons: dict[object, uuid.UUID] = {}  # membership id → person id
        self.privacy_button.clicked.connect(self._privacy_for_selected)
        self.new_person_button.clicked.connect(self.new_person_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(section)

    def _privacy_for_selected(self) -> None:
        membership = selected_key(self.table, self.model)
        if membership in self._persons:
            self.privacy_requested.emit(self._persons[membership])

    def show_detail(self, detail: HouseholdDetail) -> None:
        self._persons = {m.membership_id: m.person_id for m in detail.members}
        self.model.set_rows([_member_row(m, detail.today) for m in detail.members])

    def set_presentation(self, on: bool) -> None:
        """The client may see their own household's members: nothing to hide."""


def _member_row(member: MemberLine, today: date) -> Row:
    status = fmt.short_label("residence_statuses", member.residence_status)
    if member.residence_detail:
        status += f" {member.residence_detail}"
    if member.wohnsitzauflage:
        status += " " + _("(Wohnsitzauflage)")
    expires = member.residence_expires_on
    tone = PAST if not member.current else None
    if member.current and expires is not None and expires < today:
        tone = OVERDUE
    joined = fmt.label("membership_reasons", member.reason_from)
    left = fmt.label("membership_reasons", member.reason_to)
    tooltip = "\n".join(
        text
        for text in (
            _("Joined: {reason}").format(reason=joined) if joined else "",
            _("Left: {reason}").format(reason=left) if left else "",
        )
        if text
    )
    return Row(
        member.membership_id,
        (
            member.name,
            fmt.short_label("household_roles", member.role),
            member.birth.german() if member.birth else "",
            fmt.period(member.member_from, member.member_to),
            status,
            fmt.day(expires),
            fmt.short_label("benefit_types", member.benefit),
        ),
        tooltip=tooltip,
        tone=tone,
    )


# --- Fristen & Aufgaben -----------------------------------------------------------------------


class DeadlinesPage(QWidget):
    complete_requested = Signal(object)  # task id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.deadlines = RowTableModel(
            [_("Due"), _("When"), _("Kind"), _("Subject"), _("Details"), _("Done on")]
        )
        deadlines = TableSection(
            _("Deadlines"), self.deadlines, empty_text=_("No deadlines."), stretch=3, widths={4: 50}
        )
        self.deadlines_table = deadlines.table
        self.tasks = RowTableModel([_("Due"), _("When"), _("Task")])
        self.complete_button = QPushButton(_("Tas&k done"))
        self.complete_button.clicked.connect(self._complete_selected)
        self.tasks_box = TableSection(
            _("Open tasks"),
            self.tasks,
            empty_text=_("No open tasks."),
            stretch=2,
            buttons=(self.complete_button,),
        )
        self.tasks_table = self.tasks_box.table
        layout = QVBoxLayout(self)
        layout.addWidget(deadlines, 3)
        layout.addWidget(self.tasks_box, 2)

    def _complete_selected(self) -> None:
        key = selected_key(self.tasks_table, self.tasks)
        if key is not None:
            self.complete_requested.emit(key)

    def show_detail(self, detail: HouseholdDetail) -> None:
        today = detail.today
        self.deadlines.set_rows([_deadline_row(line, today) for line in detail.deadlines])
        self.tasks.set_rows(
            [
                Row(
                    task.id,
                    (fmt.day(task.due_on), fmt.days_from_today(task.due_on, today), task.text),
                    tone=_due_tone(task.due_on, today),
                )
                for task in detail.tasks
            ]
        )
        self.complete_button.setEnabled(bool(detail.tasks))

    def set_presentation(self, on: bool) -> None:
        """Tasks are the counsellor's own notes to self: hidden while the client looks."""
        self.tasks_box.setVisible(not on)


def _due_tone(due: date, today: date) -> str | None:
    if due < today:
        return OVERDUE
    return WARNING if due <= today + SOON else None


def _deadline_row(line: DeadlineLine, today: date) -> Row:
    done = line.done_on is not None
    is_frist = line.kind == FRIST
    return Row(
        line.id or f"{line.kind}:{line.due_on}:{line.subject}",
        (
            fmt.day(line.due_on),
            "" if done else fmt.days_from_today(line.due_on, today),
            fmt.deadline_kind_label(line),
            fmt.deadline_subject(line),
            line.detail or "" if is_frist else "",
            fmt.day(line.done_on),
        ),
        tooltip="\n".join(
            text for text in (fmt.deadline_subject(line), line.detail if is_frist else "") if text
        ),
        tone=PAST if done else _due_tone(line.due_on, today),
    )


# --- Vollmachten & Einwilligungen -------------------------------------------------------------


class PapersPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vollmachten = RowTableModel(
            [_("Person"), _("Scope"), _("Recipient"), _("Valid"), _("State")]
        )
        self.consents = RowTableModel(
            [_("Person"), _("Kind"), _("Recipient"), _("Purposes"), _("Given on"),
             _("Valid until"), _("State")]
        )  # fmt: skip
        self.art13 = RowTableModel([_("Person"), _("Informed on"), _("Language")])
        sections = (
            TableSection(
                _("Powers of attorney (§ 13 SGB X)"),
                self.vollmachten,
                empty_text=_("No power of attorney recorded."),
                stretch=1,
                compact=6,
            ),
            TableSection(
                _("Consents and releases from confidentiality"),
                self.consents,
                empty_text=_("No consent recorded."),
                stretch=3,
                compact=8,
            ),
            TableSection(
                _("Art. 13 GDPR information"),
                self.art13,
                empty_text=_("No Art. 13 information recorded."),
                stretch=2,
                compact=6,
            ),
        )
        layout = QVBoxLayout(self)
        for section in sections:
            layout.addWidget(section)
        layout.addStretch(1)

    def show_detail(self, detail: HouseholdDetail) -> None:
        today = detail.today
        self.vollmachten.set_rows(
            [
                _paper_row(
                    v.id,
                    today,
                    v.valid_until,
                    v.revoked_on,
                    (v.person, v.scope, v.recipient, fmt.period(v.valid_from, v.valid_until)),
                )
                for v in detail.vollmachten
            ]
        )
        self.consents.set_rows(
            [
                _paper_row(
                    c.id,
                    today,
                    c.valid_until,
                    c.revoked_on,
                    (
                        c.person,
                        fmt.consent_kind_label(c.kind),
                        c.recipient,
                        c.purposes,
                        fmt.day(c.given_on),
                        fmt.day(c.valid_until),
                    ),
                )
                for c in detail.consents
            ]
        )
        self.art13.set_rows(
            [
                Row(index, (a.person, fmt.day(a.given_on), fmt.label("languages", a.language)))
                for index, a in enumerate(detail.art13)
            ]
        )

    def set_presentation(self, on: bool) -> None:
        """The client's own Vollmachten and consents: nothing to hide."""


def _paper_row(
    key: uuid.UUID,
    today: date,
    valid_until: date | None,
    revoked_on: date | None,
    cells: tuple[str, ...],
) -> Row:
    state = validity(today, valid_until, revoked_on)
    text = fmt.validity_label(state)
    if state == "widerrufen":
        text = _("revoked on {day}").format(day=fmt.day(revoked_on))
    return Row(key, (*cells, text), tone=None if state == "gueltig" else PAST)
