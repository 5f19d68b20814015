"""New person, with a warning before creating someone who is probably on file already.

Before anything is written, the duplicates service looks for persons with the same name
skeleton (transliteration variants, swapped name order) and a birth date that may be the same.
If it finds any, the dialog lists them — "Diese Person gibt es vielleicht schon: …" — and the
counsellor either opens the existing household or creates the person anyway.
"""

from __future__ import annotations

import uuid

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.domain.validation import ValidationError
from fsa_desk.gui.consultation_fields import add_rows, combo, problems_as_result, select_code
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_picker import HouseholdPicker
from fsa_desk.i18n import _
from fsa_desk.services import consultation_entry, persons
from fsa_desk.services.duplicates import ProbableDuplicate, probable_duplicates
from fsa_desk.services.persons import PersonData, PersonSummary

OPENED_EXISTING = 2  # dialog result after "Vorhandene öffnen"
_FIRST_MEMBER_ROLE = "haushaltsvorstand"


class PersonDialog(QDialog):
    """Create a person in a household; ``created`` holds the result, ``opened`` the existing
    person the counsellor chose instead."""

    def __init__(
        self,
        context: AppContext,
        household_id: uuid.UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.created: PersonSummary | None = None
        self.opened: ProbableDuplicate | None = None
        self._candidates: list[ProbableDuplicate] = []
        self._busy = False
        self.setWindowTitle(_("New person"))
        self._build()
        self._connect()
        self.resize(max(self.sizeHint().width(), 600), self.sizeHint().height())
        if household_id is not None:
            store = context.store
            context.runner.run(
                lambda: consultation_entry.household_choice(store, household_id),
                on_result=self.household.set_household,
                on_error=self._show_message,
            )
        self.family_name.setFocus()

    def _build(self) -> None:
        self.family_name = QLineEdit()
        self.given_name = QLineEdit()
        self.birth = QLineEdit()
        self.birth.setPlaceholderText(_("DD.MM.YYYY, MM.YYYY or YYYY"))
        self.sex = combo(consultation_entry.choices("sexes"), empty="–")
        self.nationality = combo(consultation_entry.choices("nationalities"), empty="–")
        self.household = HouseholdPicker(self.context)
        self.role = combo(
            consultation_entry.choices("household_roles"), empty=_("– please choose –")
        )
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828; font-weight: bold;")
        self.message.hide()
        self.warning = self._warning_box()
        self.create_button = QPushButton(_("&Create"))
        self.cancel_button = QPushButton(_("Cancel"))
        form = QFormLayout()
        rows = (
            (_("&Family name"), self.family_name),
            (_("&Given name"), self.given_name),
            (_("&Birth date"), self.birth),
            (_("&Sex"), self.sex),
            (_("&Nationality"), self.nationality),
            (_("&Household"), self.household),
            (_("&Role in the household"), self.role),
        )
        add_rows(form, rows)
        self.household.setMinimumWidth(360)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.warning)
        layout.addLayout(buttons)

    def _warning_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("duplicateWarning")
        box.setStyleSheet(
            "#duplicateWarning { background: #fff4e5; border: 1px solid #e6a23c;"
            " border-radius: 4px; } QLabel { color: #5c3c00; }"
        )
        self.warning_title = QLabel(_("This person may already exist:"))
        font = self.warning_title.font()
        font.setBold(True)
        self.warning_title.setFont(font)
        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(96)
        self.create_anyway = QPushButton(_("Create &anyway"))
        self.open_existing = QPushButton(_("&Open existing"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.create_anyway)
        buttons.addWidget(self.open_existing)
        layout = QVBoxLayout(box)
        layout.addWidget(self.warning_title)
        layout.addWidget(self.candidates)
        layout.addLayout(buttons)
        box.hide()
        return box

    def _connect(self) -> None:
        for button in (self.cancel_button, self.create_anyway, self.open_existing):
            button.setAutoDefault(False)
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.check_and_create)
        self.cancel_button.clicked.connect(self.reject)
        self.create_anyway.clicked.connect(self.create_anyway_clicked)
        self.open_existing.clicked.connect(self.open_existing_clicked)
        self.candidates.itemActivated.connect(lambda _item: self.open_existing_clicked())
        for field in (self.family_name, self.given_name, self.birth):
            field.textEdited.connect(self._hide_warning)
        self.household.household_changed.connect(self._household_changed)

    # --- input ----------------------------------------------------------------------------

    def _household_changed(self, household_id: uuid.UUID | None) -> None:
        """The first person of a household heads it; for later ones the counsellor chooses."""
        if household_id is None:
            return
        store = self.context.store
        self.context.runner.run(
            lambda: consultation_entry.members(store, household_id),
            on_result=lambda members: None if members else self._first_member(),
            on_error=self._show_message,
        )

    def _first_member(self) -> None:
        if self.role.currentData() is None:
            select_code(self.role, _FIRST_MEMBER_ROLE)

    def _person(self) -> PersonData | None:
        birth_text = self.birth.text().strip()
        try:
            birth = PartialDate.parse(birth_text) if birth_text else None
        except ValueError as error:
            return self._refuse(str(error), self.birth)
        if not self.family_name.text().strip() and not self.given_name.text().strip():
            return self._refuse(_("Please enter a family or a given name."), self.family_name)
        if self.household.household_id is None:
            return self._refuse(_("Please choose a household."), self.household)
        if self.role.currentData() is None:
            return self._refuse(_("Please choose the role in the household."), self.role)
        return PersonData(
            family_name=self.family_name.text().strip(),
            given_name=self.given_name.text().strip(),
            birth=birth,
            sex=self.sex.currentData(),
            nationalities=self.nationality.currentData(),
        )

    def _refuse(self, message: str, field: QWidget) -> None:
        self._show_message(message)
        field.setFocus()
        return None

    # --- checking and creating ------------------------------------------------------------

    def check_and_create(self) -> None:
        """Look for probable duplicates first; create at once if there are none."""
        if self._busy:
            return
        person = self._person()
        if person is None:
            return
        self._set_busy(True)
        store = self.context.store
        self.context.runner.run(
            lambda: probable_duplicates(store, person.family_name, person.given_name, person.birth),
            on_result=lambda found: self._checked(person, found),
            on_error=self._failed,
        )

    def _checked(self, person: PersonData, found: list[ProbableDuplicate]) -> None:
        self._set_busy(False)
        if found:
            self._show_warning(found)
        else:
            self._create(person)

    def _show_warning(self, found: list[ProbableDuplicate]) -> None:
        self._candidates = found
        self.candidates.clear()
        for candidate in found:
            QListWidgetItem(candidate.display_name, self.candidates)
        self.candidates.setCurrentRow(0)
        self._show_message("")
        self.warning.show()
        self.create_button.hide()  # the warning offers "Trotzdem anlegen" instead
        # Enter now opens the existing person: the safe choice against a duplicate.
        self.create_button.setDefault(False)
        self.open_existing.setDefault(True)
        self.candidates.setFocus()

    def _hide_warning(self) -> None:
        if self.warning.isVisible():
            self.warning.hide()
            self.create_button.show()
            self.open_existing.setDefault(False)
            self.create_button.setDefault(True)

    def create_anyway_clicked(self) -> None:
        person = self._person()
        if person is not None and not self._busy:
            self._create(person)

    def open_existing_clicked(self) -> None:
        row = self.candidates.currentRow()
        if not 0 <= row < len(self._candidates):
            return
        self.opened = self._candidates[row]
        self.context.show_household(self.opened.household_id)
        self.done(OPENED_EXISTING)

    def _create(self, person: PersonData) -> None:
        household_id, role = self.household.household_id, self.role.currentData()
        if household_id is None or role is None:
            return
        self._set_busy(True)
        store = self.context.store
        self.context.runner.run(
            problems_as_result(lambda: persons.create_person(store, person, household_id, role)),
            on_result=self._created,
            on_error=self._failed,
        )

    def _created(self, result: PersonSummary | ValidationError) -> None:
        self._set_busy(False)
        if isinstance(result, ValidationError):
            self._show_message(str(result))
            return
        self.created = result
        self.context.changed(_("Person created"))
        self.accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self._show_message(message)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (self.create_button, self.create_anyway):
            button.setEnabled(not busy)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
