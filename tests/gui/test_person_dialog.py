"""New person: the warning before a probable duplicate, and both ways out of it."""

# ruff: noqa: F811  (the family fixture is imported from tests/services/conftest.py)

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.person_dialog import OPENED_EXISTING, PersonDialog
from fsa_desk.services import consultation_entry, households, persons
from fsa_desk.store.models import Person
from fsa_desk.store.store import Store


@pytest.fixture
def muhammad(store: Store) -> households.HouseholdSummary:
    household = households.create_household(
        store, households.NewHousehold("B1-2023-044", date(2023, 5, 2)), today=TODAY
    )
    persons.create_person(
        store,
        persons.PersonData("Hadad", "Muhammad", birth=PartialDate(1985, 3, 12), sex="m"),
        household.id,
        "haushaltsvorstand",
        today=TODAY,
    )
    return household


def open_dialog(qtbot: QtBot, context: AppContext, family: Family) -> PersonDialog:
    dialog = PersonDialog(context, family.household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_person(
    qtbot: QtBot, dialog: PersonDialog, family_name: str, given: str, birth: str
) -> None:
    """Keyboard only: family name, Tab, given name, Tab, birth date, Tab, sex."""
    assert QApplication.focusWidget() is dialog.family_name
    qtbot.keyClicks(dialog.family_name, family_name)
    qtbot.keyClick(dialog.family_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.given_name, given)
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.birth, birth)
    qtbot.keyClick(dialog.birth, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.sex, "m")
    dialog.role.setFocus()
    qtbot.keyClicks(dialog.role, "Part")


def person_count(store: Store) -> int:
    with store.read() as session:
        return session.execute(select(func.count()).select_from(Person)).scalar_one()


def test_a_probable_duplicate_is_shown_and_enter_opens_the_existing_household(
    qtbot: QtBot, context: AppContext, family: Family, muhammad: households.HouseholdSummary
) -> None:
    requested: list[object] = []
    context.household_requested.connect(requested.append)
    before = person_count(context.store)
    dialog = open_dialog(qtbot, context, family)
    type_person(qtbot, dialog, "Haddad", "Mohammad", "1985")
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert dialog.warning.isVisible()
    assert dialog.warning_title.text() == "Diese Person gibt es vielleicht schon:"
    assert dialog.candidates.item(0).text() == "Hadad, Muhammad, 12.03.1985 – B1-2023-044"
    assert person_count(context.store) == before  # nothing written yet
    qtbot.keyClick(dialog.candidates, Qt.Key.Key_Return)
    assert dialog.result() == OPENED_EXISTING
    assert requested == [muhammad.id]
    assert person_count(context.store) == before


def test_create_anyway_creates_the_person_after_the_warning(
    qtbot: QtBot, context: AppContext, family: Family, muhammad: households.HouseholdSummary
) -> None:
    dialog = open_dialog(qtbot, context, family)
    type_person(qtbot, dialog, "Haddad", "Mohammad", "1985")
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert dialog.warning.isVisible()
    qtbot.keyClick(dialog.candidates, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # Trotzdem
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.created is not None
    names = [m.display_name for m in consultation_entry.members(context.store, family.household.id)]
    assert "Haddad, Mohammad (1985)" in names


def test_a_different_person_is_created_without_a_warning(
    qtbot: QtBot, context: AppContext, family: Family, muhammad: households.HouseholdSummary
) -> None:
    messages: list[str] = []
    context.status_message.connect(messages.append)
    dialog = open_dialog(qtbot, context, family)
    type_person(qtbot, dialog, "Karimi", "Ahmad", "03.1988")
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert not dialog.warning.isVisible()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.created is not None
    assert (dialog.created.family_name, dialog.created.birth) == ("Karimi", PartialDate(1988, 3))
    assert dialog.created.sex == "m"
    assert messages == ["Person angelegt"]


def test_changing_the_name_after_a_warning_checks_again(
    qtbot: QtBot, context: AppContext, family: Family, muhammad: households.HouseholdSummary
) -> None:
    dialog = open_dialog(qtbot, context, family)
    type_person(qtbot, dialog, "Haddad", "Mohammad", "1985")
    qtbot.keyClick(dialog.role, Qt.Key.Key_Return)
    assert dialog.warning.isVisible()
    dialog.given_name.setFocus()
    dialog.given_name.selectAll()
    qtbot.keyClicks(dialog.given_name, "Samira")
    assert not dialog.warning.isVisible()
    qtbot.keyClick(dialog.given_name, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_wrong_birth_date_or_missing_role_is_explained(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, context, family)
    qtbot.keyClicks(dialog.family_name, "Rahimi")
    dialog.birth.setText("31.02.1990")
    qtbot.keyClick(dialog.family_name, Qt.Key.Key_Return)
    assert dialog.message.text() == "Den 31.02.1990 gibt es nicht."
    assert QApplication.focusWidget() is dialog.birth
    dialog.birth.setText("1990")
    qtbot.keyClick(dialog.birth, Qt.Key.Key_Return)
    assert dialog.message.text() == "Bitte die Rolle im Haushalt wählen."
    assert dialog.isVisible()


def test_the_first_person_of_a_household_heads_it(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    empty = households.create_household(store, households.NewHousehold("B1-2026-100"))
    dialog = PersonDialog(context, empty.id)
    qtbot.addWidget(dialog)
    assert dialog.household.household_id == empty.id
    assert dialog.role.currentData() == "haushaltsvorstand"
