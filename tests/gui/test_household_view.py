"""The household view driven like a counsellor would: load, read, change status and undo,
tick the checklist, open and delete contacts, presentation mode, keyboard navigation."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.household_contacts import NOTE_COLUMN
from fsa_desk.gui.household_table import OVERDUE, Row, RowTableModel
from fsa_desk.gui.household_view import HouseholdView
from fsa_desk.services import (
    consultations,
    fachleistung,
    households,
    persons,
    tasks,
    welcome,
)
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.household_view import household_detail
from fsa_desk.store.store import Store

TODAY = date(2026, 11, 20)
ALLOCATION = date(2025, 12, 1)  # the Willkommensjahr runs until 30.11.2026
NOTE = "Wohnungssuche besprochen, Unterlagen fehlen noch"
SECRET_NOTE = "Gewalterfahrung angesprochen"


@dataclass(frozen=True)
class Household:
    id: uuid.UUID
    mother: uuid.UUID
    child: uuid.UUID
    consultations: tuple[uuid.UUID, ...]
    task: uuid.UUID


def contact(household_id: uuid.UUID, day: date, **fields: object) -> ConsultationInput:
    return ConsultationInput(
        household_id=household_id,
        date=day,
        duration_minutes=fields.pop("duration_minutes", 45),  # type: ignore[arg-type]
        contact_type=fields.pop("contact_type", "buero"),  # type: ignore[arg-type]
        life_areas=("wohnen",),
        **fields,  # type: ignore[arg-type]
    )


@pytest.fixture
def household(store: Store) -> Household:
    created = households.create_household(
        store, households.NewHousehold("B1-2025-007", allocation_date=ALLOCATION), today=TODAY
    )
    mother = persons.create_person(
        store,
        persons.PersonData("Haddad", "Rania", birth=PartialDate(1990, 5, 17), sex="w"),
        created.id,
        "haushaltsvorstand",
        member_from=ALLOCATION,
        today=TODAY,
    )
    child = persons.create_person(
        store,
        persons.PersonData("Haddad", "Omar", birth=PartialDate(2019), sex="m"),
        created.id,
        "kind",
        member_from=ALLOCATION,
        today=TODAY,
    )
    welcome.start_checklist(store, created.id)
    saved = (
        consultations.record_consultation(
            store,
            contact(created.id, date(2026, 11, 3), note=NOTE, agreements="Mietvertrag mitbringen"),
            today=TODAY,
        ).id,
        consultations.record_consultation(
            store,
            contact(
                created.id,
                date(2026, 11, 10),
                contact_type="telefon",
                duration_minutes=15,
                note=SECRET_NOTE,
                confidential=True,
            ),
            today=TODAY,
        ).id,
    )
    task = tasks.add_task(store, created.id, date(2026, 11, 18), "Kita-Anmeldung nachfragen")
    return Household(created.id, mother.id, child.id, saved, task)


@pytest.fixture
def view(qtbot: QtBot, context: AppContext, household: Household) -> HouseholdView:
    view = HouseholdView(context)
    view.clock = lambda: TODAY
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    view.show_household(household.id)
    return view


def cells(model: RowTableModel, *, hidden: set[int] = frozenset()) -> list[list[str]]:  # type: ignore[assignment]
    return [
        [model.row(r).cells[c] for c in range(model.columnCount()) if c not in hidden]
        for r in range(model.rowCount())
    ]


def visible_texts(widget: QWidget) -> str:
    """Every text a person could read on screen: labels, and table cells of shown columns."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]
    for model_owner in (widget.contacts,):  # type: ignore[attr-defined]
        table = model_owner.table
        hidden = {c for c in range(model_owner.model.columnCount()) if table.isColumnHidden(c)}
        texts += [cell for row in cells(model_owner.model, hidden=hidden) for cell in row]
        texts += [model_owner.model.row(r).tooltip for r in range(model_owner.model.rowCount())]
    return "\n".join(texts)


def status_of(store: Store, household: Household) -> tuple[str, date | None, str | None]:
    state = household_detail(store, household.id, today=TODAY).header.status
    return state.status, state.since, state.closure_reason


# --- reading ----------------------------------------------------------------------------------


def test_loading_shows_the_header_members_and_timeline(view: HouseholdView) -> None:
    header = view.header
    assert header.ref.text() == "B1-2025-007"
    assert header.names.text() == "Rania Haddad, Omar Haddad"
    assert header.status.text() == "Aktiv seit 20.11.2026"
    assert "Modul: Willkommensleistung" in header.facts.text()
    assert "Bezugsberater:in: Anna Berg" in header.facts.text()
    assert not header._budget_row.isVisible()
    assert cells(view.members.model) == [
        ["Rania Haddad", "Haushaltsvorstand", "17.05.1990", "seit 01.12.2025", "", "", ""],
        ["Omar Haddad", "Kind", "2019", "seit 01.12.2025", "", "", ""],
    ]
    timeline = cells(view.contacts.model)
    assert timeline[0][:3] == ["10.11.2026", "Telefon", "15 Min."]
    assert timeline[0][NOTE_COLUMN] == "vertraulich"
    assert timeline[1][NOTE_COLUMN] == NOTE
    assert timeline[1][6] == "Mietvertrag mitbringen"
    assert (
        "Willkommensjahr: 01.12.2025 – 30.11.2026 (endet in 10 Tagen)" in view.welcome.year.text()
    )


def test_a_confidential_note_never_reaches_the_screen(view: HouseholdView) -> None:
    assert SECRET_NOTE not in visible_texts(view)


def test_overdue_task_is_marked_and_deadlines_include_the_end_of_the_willkommensjahr(
    view: HouseholdView,
) -> None:
    task_row = view.deadlines.tasks.row(0)
    assert task_row.cells == ("18.11.2026", "seit 2 Tagen überfällig", "Kita-Anmeldung nachfragen")
    assert task_row.tone == OVERDUE
    kinds = [row[2] for row in cells(view.deadlines.deadlines)]
    assert kinds == ["Willkommensjahr endet"]


def test_a_secret_address_reads_adresse_geheim_everywhere(
    qtbot: QtBot, store: Store, view: HouseholdView, household: Household
) -> None:
    households.move(
        store, household.id,
        households.NewAddress(date(2025, 12, 1), street="Gerokstraße 12", district="Johannstadt"),
        today=TODAY,
    )  # fmt: skip
    households.move(
        store, household.id,
        households.NewAddress(date(2026, 6, 1), street="Geheimweg 7", district="Prohlis",
                              housing_type="frauenhaus", secret=True),
        today=TODAY,
    )  # fmt: skip
    view.reload()
    assert view.overview.address.text().startswith("Adresse geheim")
    assert cells(view.overview.address_history)[0][1].startswith("Gerokstraße 12")
    view.context.set_presentation(True)
    assert "Geheimweg" not in visible_texts(view)
    assert "Geheimweg" not in str(cells(view.overview.address_history))


def test_an_unknown_household_shows_a_sentence(
    qtbot: QtBot, context: AppContext, household: Household
) -> None:
    view = HouseholdView(context)
    qtbot.addWidget(view)
    view.show_household(uuid.uuid4())
    assert view.message.text() == "Den Haushalt gibt es nicht (mehr)."


def test_loads_on_the_worker_thread(qtbot: QtBot, store: Store, household: Household) -> None:
    context = AppContext(store)  # the real Runner: the database work leaves the GUI thread
    view = HouseholdView(context)
    qtbot.addWidget(view)
    view.clock = lambda: TODAY
    view.show_household(uuid.uuid4())
    view.show_household(household.id)  # supersedes the first request
    qtbot.waitUntil(lambda: view.detail is not None)
    assert context.runner.wait()
    assert view.header.ref.text() == "B1-2025-007"
    assert view.message.isHidden()


# --- status -----------------------------------------------------------------------------------


def test_closing_needs_a_reason_and_undo_restores_the_status(
    qtbot: QtBot, view: HouseholdView, store: Store, household: Household
) -> None:
    before = status_of(store, household)
    qtbot.mouseClick(view.header.change_status, Qt.MouseButton.LeftButton)
    dialog = view.status_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.status, "Abg")
    assert dialog.reason.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Das Abschließen eines Haushalts braucht einen Grund."
    assert status_of(store, household) == before
    qtbot.keyClicks(dialog.reason, "Ziele")
    qtbot.keyClicks(dialog.detail, "alles erledigt")
    qtbot.keyClick(dialog.detail, Qt.Key.Key_Return)
    assert status_of(store, household) == ("abgeschlossen", TODAY, "ziele_erreicht")
    assert (
        view.header.status.text() == "Abgeschlossen am 20.11.2026: Ziele erreicht (alles erledigt)"
    )

    view.context.undo_stack.undo()
    assert status_of(store, household) == before
    assert view.header.status.text() == "Aktiv seit 20.11.2026"
    view.context.undo_stack.redo()
    assert status_of(store, household) == ("abgeschlossen", TODAY, "ziele_erreicht")


def test_escape_cancels_the_status_dialog(
    qtbot: QtBot, view: HouseholdView, store: Store, household: Household
) -> None:
    view.change_status()
    dialog = view.status_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.status, "R")  # Ruhend
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert status_of(store, household)[0] == "aktiv"
    assert view.context.undo_stack.count() == 0


def test_the_ruhend_suggestion_can_be_accepted(
    qtbot: QtBot, context: AppContext, store: Store, household: Household
) -> None:
    households.set_status(store, household.id, "aktiv", today=date(2026, 1, 5))
    view = HouseholdView(context)
    view.clock = lambda: date(2027, 2, 10)  # three months after the last direct contact
    qtbot.addWidget(view)
    view.show()
    view.show_household(household.id)
    assert view.dormant_banner.isVisible()
    assert "10.11.2026" in view.dormant_text.text()
    qtbot.mouseClick(view.dormant_button, Qt.MouseButton.LeftButton)
    state = household_detail(store, household.id, today=TODAY).header.status
    assert (state.status, state.since) == ("ruhend", date(2027, 2, 10))
    assert not view.dormant_banner.isVisible()
    assert view.header.status.text() == "Ruhend seit 10.02.2027"


# --- checklist, tasks, contacts ---------------------------------------------------------------


def test_space_ticks_a_checklist_item_and_undo_unticks_it(
    qtbot: QtBot, view: HouseholdView, store: Store, household: Household
) -> None:
    view.tabs.setCurrentWidget(view.welcome)
    table = view.welcome.checklist_table
    table.setFocus()
    table.selectRow(1)
    assert view.welcome.checklist.row(1).cells[1] == "Bankkonto"
    qtbot.keyClick(table, Qt.Key.Key_Space)
    konto = view.welcome.checklist.row(1)
    assert (konto.checked, konto.cells[3], konto.cells[4]) == (True, "erledigt", "20.11.2026")
    assert table.currentIndex().row() == 1  # the selection stays on the item
    view.context.undo_stack.undo()
    assert view.welcome.checklist.row(1).checked is False
    stored = household_detail(store, household.id, today=TODAY).checklist[1]
    assert (stored.item, stored.status) == ("konto", "offen")


def test_ticking_the_check_box_writes_too(view: HouseholdView) -> None:
    model = view.welcome.checklist
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.row(0).checked is True


def test_completing_a_task_and_undoing_it(
    qtbot: QtBot, view: HouseholdView, household: Household
) -> None:
    view.tabs.setCurrentWidget(view.deadlines)
    view.deadlines.tasks_table.selectRow(0)
    qtbot.mouseClick(view.deadlines.complete_button, Qt.MouseButton.LeftButton)
    assert view.deadlines.tasks.rowCount() == 0
    assert view.deadlines.tasks_box.empty.isVisible()
    view.context.undo_stack.undo()
    assert view.deadlines.tasks.key_at(0) == household.task


def test_enter_on_a_timeline_row_asks_to_edit_it(
    qtbot: QtBot, view: HouseholdView, household: Household
) -> None:
    view.tabs.setCurrentWidget(view.contacts)
    table = view.contacts.table
    table.setFocus()
    table.selectRow(1)
    with qtbot.waitSignal(view.edit_consultation_requested) as signal:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert signal.args == [household.consultations[0]]


def test_delete_key_removes_a_contact_and_undo_brings_it_back(
    qtbot: QtBot, view: HouseholdView, household: Household
) -> None:
    view.tabs.setCurrentWidget(view.contacts)
    table = view.contacts.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert view.contacts.model.rowCount() == 1
    view.context.undo_stack.undo()
    assert view.contacts.model.rowCount() == 2
    assert view.contacts.model.key_at(0) == household.consultations[1]


def test_new_contact_asks_for_the_entry_dialog_for_this_household(
    qtbot: QtBot, view: HouseholdView, household: Household
) -> None:
    with qtbot.waitSignal(view.context.consultation_requested) as signal:
        qtbot.mouseClick(view.header.new_contact, Qt.MouseButton.LeftButton)
    assert signal.args == [household.id]


# --- presentation mode and keyboard -----------------------------------------------------------


def test_presentation_mode_hides_notes_tasks_and_suggestions(view: HouseholdView) -> None:
    assert NOTE in visible_texts(view)
    view.context.set_presentation(True)
    assert view.contacts.table.isColumnHidden(NOTE_COLUMN)
    assert NOTE not in visible_texts(view) and "vertraulich" not in visible_texts(view)
    assert "Mietvertrag mitbringen" in visible_texts(view)  # agreements are the client's
    assert view.deadlines.tasks_box.isHidden()
    view.context.set_presentation(False)
    assert not view.contacts.table.isColumnHidden(NOTE_COLUMN)
    assert not view.deadlines.tasks_box.isHidden()


def test_tabs_by_mnemonic_and_ctrl_tab(qtbot: QtBot, view: HouseholdView) -> None:
    view.tabs.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    assert view.tabs.currentWidget() is view.contacts
    qtbot.keyClick(view.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.welcome
    qtbot.keyClick(view.tabs, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.contacts


# --- Fachleistung -----------------------------------------------------------------------------


def test_the_budget_bar_shows_used_and_remaining_hours(
    qtbot: QtBot, context: AppContext, store: Store, household: Household
) -> None:
    case_id = fachleistung.open_case(store, household.id, date(2026, 1, 10))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.1-FL-9", date(2026, 2, 1), date(2027, 1, 31), Decimal(10)
        ),
        today=TODAY,
    )
    # With the two November contacts of the fixture (45 and 15 minutes): 9 hours.
    for day in (date(2026, 3, 3), date(2026, 5, 5), date(2026, 7, 7), date(2026, 9, 8)):
        consultations.record_consultation(
            store, contact(household.id, day, duration_minutes=120), today=TODAY
        )
    view = HouseholdView(context)
    view.clock = lambda: TODAY
    qtbot.addWidget(view)
    view.show()
    view.show_household(household.id)
    header = view.header
    assert header._budget_row.isVisible()
    assert header.budget_text.text() == (
        "Fachleistung 50.1-FL-9: 9,0 Std. von 10,0 Std. genutzt (90 %), noch 1,0 Std., "
        "bis 31.01.2027"
    )
    assert header.budget_bar.value() == 900
    assert "80 %" in header.budget_warnings.text()
    assert "Modul: Fachleistung" in header.facts.text()


# --- the table model --------------------------------------------------------------------------


def test_row_table_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RowTableModel(["A", "B", "C"], check_column=0)
    model.set_rows(
        [
            Row(1, ("", "eins", "x"), tooltip="t", tone=OVERDUE, checked=True),
            Row(2, ("", "zwei", "y"), checked=False),
        ]
    )
    qtmodeltester.check(model)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    assert model.row_of(2) == 1 and model.row_of(3) is None


def test_the_agreement_sheet_opens_for_the_selected_contact(
    qtbot: QtBot, view: HouseholdView
) -> None:
    from fsa_desk.gui.vereinbarung_dialog import VereinbarungDialog

    view.tabs.setCurrentWidget(view.contacts)
    view.contacts.table.selectRow(0)
    qtbot.mouseClick(view.contacts.sheet_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(VereinbarungDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.consultation_id == view.contacts.model.key_at(0)
    dialog.reject()


def test_data_protection_opens_for_the_selected_member(qtbot: QtBot, view: HouseholdView) -> None:
    from fsa_desk.gui.privacy_dialog import PrivacyDialog

    view.tabs.setCurrentWidget(view.members)
    view.members.table.selectRow(0)
    qtbot.mouseClick(view.members.privacy_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(PrivacyDialog)
    assert dialog is not None and dialog.isVisible()
    membership = view.members.model.key_at(0)
    assert dialog.person_id == view.members._persons[membership]
    dialog.reject()
