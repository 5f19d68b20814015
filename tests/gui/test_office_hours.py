"""Sprechstundenmodus: fast keyboard entry of visitors, today's list, removing with undo."""

# ruff: noqa: F811  (the family fixture is imported from tests/services/conftest.py)

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.services.conftest import Family, family  # noqa: F401  (fixture)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.office_hours import OfficeHoursView, TodayEntriesModel
from fsa_desk.services import office_hours
from fsa_desk.services.office_hours import OfficeHoursEntry
from fsa_desk.store.models import Consultation, Kurzkontakt, Person
from fsa_desk.store.store import Store


@pytest.fixture
def view(qtbot: QtBot, context: AppContext) -> OfficeHoursView:
    view = OfficeHoursView(context)
    qtbot.addWidget(view)
    view.resize(1200, 600)
    view.show()
    qtbot.waitExposed(view)
    handle = view.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(view.isActiveWindow)
    view.household.setFocus()
    return view


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def count(store: Store, model: type) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(model).where(model.deleted_hlc.is_(None))
        return session.execute(query).scalar_one()


def table_rows(view: OfficeHoursView) -> list[list[str]]:
    model = view.entries
    return [
        [model.index(row, column).data() for column in range(1, model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_three_visitors_by_keyboard_one_of_them_with_a_household(
    qtbot: QtBot, view: OfficeHoursView, context: AppContext, family: Family
) -> None:
    persons_before = count(context.store, Person)
    # 1: an anonymous question about residence papers, in Arabic
    assert focused() is view.household
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "15")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Arab")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Aufent")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is view.household  # cleared and ready for the next visitor
    assert view.minutes.value() == 10
    # 2: Rania Haddad about the flat, 25 minutes
    qtbot.keyClicks(view.household, "Hadd")
    qtbot.keyClick(view.household.popup(), Qt.Key.Key_Return)
    assert view.household.household_id == family.household.id
    assert not view.target_group.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "25")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Wohn")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert focused() is view.household
    # 3: someone outside the target group, in Ukrainian, 5 minutes, about work
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "5")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Ukr")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Arbeit")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # interpreting is skipped: no household
    assert focused() is view.target_group
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)

    assert table_rows(view) == [
        ["Kurzkontakt", "ohne Person", "15", "Arabisch", "Aufenthalt und Asyl", "ja"],
        ["Beratungskontakt", "B1-2024-001 – Haddad", "25", "", "Wohnen", ""],
        ["Kurzkontakt", "ohne Person", "5", "Ukrainisch", "Arbeit und Ausbildung", "nein"],
    ]
    assert count(context.store, Kurzkontakt) == 2
    assert count(context.store, Consultation) == 1
    assert count(context.store, Person) == persons_before  # Kurzkontakte create no person
    assert view.summary.text() == "3 Einträge heute · 2 Kurzkontakte · 45 Min."


def test_removing_the_last_entry_can_be_undone(
    qtbot: QtBot, view: OfficeHoursView, context: AppContext
) -> None:
    for minutes in (10, 20):
        view.minutes.setValue(minutes)
        qtbot.keyClick(view.minutes, Qt.Key.Key_Return)
    assert [row[2] for row in table_rows(view)] == ["10", "20"]
    qtbot.keyClick(view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # Letzten Eintrag entfernen
    qtbot.waitUntil(lambda: view.entries.rowCount() == 1)
    assert count(context.store, Kurzkontakt) == 1
    assert view.undo_button.text() == "Rückgän&gig: Kurzkontakt löschen"
    view.undo_button.click()
    assert [row[2] for row in table_rows(view)] == ["10", "20"]
    assert count(context.store, Kurzkontakt) == 2
    context.undo_stack.redo()
    assert count(context.store, Kurzkontakt) == 1


def test_a_typed_but_unchosen_household_is_not_counted_anonymously(
    qtbot: QtBot, view: OfficeHoursView, context: AppContext, family: Family
) -> None:
    qtbot.keyClicks(view.household, "Unbekannt")
    qtbot.keyClick(view.household, Qt.Key.Key_Return)
    assert "aus der Liste" in view.message.text()
    assert count(context.store, Kurzkontakt) == 0


def test_entries_without_minutes_are_refused_with_a_sentence(
    qtbot: QtBot, view: OfficeHoursView, context: AppContext
) -> None:
    view.minutes.setValue(0)
    qtbot.keyClick(view.minutes, Qt.Key.Key_Return)
    assert "keine gültige Dauer" in view.message.text()
    assert count(context.store, Kurzkontakt) == 0


def test_presentation_mode_hides_todays_list(view: OfficeHoursView, context: AppContext) -> None:
    context.set_presentation(True)
    assert not view.table.isVisible()
    assert view.hidden_note.isVisible()
    context.set_presentation(False)
    assert view.table.isVisible()


def test_the_entries_model_passes_the_model_tester(
    qtmodeltester: ModelTester,
    context: AppContext,
    family: Family,
) -> None:
    store = context.store
    today = date.today()
    office_hours.record_entry(store, OfficeHoursEntry(today, 10, language="fa"))
    office_hours.record_entry(store, OfficeHoursEntry(today, 20, family.household.id))
    model = TodayEntriesModel()
    qtmodeltester.check(model)
    model.set_entries(office_hours.todays_entries(store, today))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
