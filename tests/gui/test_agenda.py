"""The Fristen & Aufgaben page: groups, opening a household, ticking off with undo, presentation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.services.conftest import Family, family  # noqa: F401  (fixture)

from fsa_desk.domain.deadlines import month_later
from fsa_desk.gui.agenda import AgendaView
from fsa_desk.gui.agenda_model import ITEM_ROLE, OVERDUE_BACKGROUND, WHEN
from fsa_desk.gui.context import AppContext
from fsa_desk.services import households, tasks
from fsa_desk.services.agenda import ItemKind
from fsa_desk.store.models import Bescheid
from fsa_desk.store.store import Store

TODAY = date.today()
DAY = timedelta(days=1)


@pytest.fixture
def filled(store: Store, family: Family) -> Family:  # noqa: F811
    """One item in each group: an overdue Frist, a task for today, a follow-up task next week."""
    with store.transaction() as session:
        session.add(
            Bescheid(
                household_id=family.household.id,
                authority="Jobcenter Dresden",
                subject="Aufhebungsbescheid",
                kind="widerspruch",
                due_on=TODAY - 3 * DAY,
                remind_from=TODAY - 10 * DAY,
                rule="Widerspruch: 1 Monat nach Bekanntgabe",
            )
        )
    tasks.add_task(store, family.household.id, TODAY, "Rückruf Ausländerbehörde", today=TODAY)
    tasks.add_task(store, family.household.id, TODAY + 5 * DAY, "Kita-Anmeldung", today=TODAY)
    return family


def make_view(qtbot: QtBot, context: AppContext) -> AgendaView:
    view = AgendaView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    handle = view.windowHandle()
    assert handle is not None
    handle.requestActivate()  # shortcuts (Ctrl+E) only reach an active window
    qtbot.waitUntil(view.isActiveWindow)
    view.tree.setFocus()
    return view


def shown(view: AgendaView) -> dict[str, list[str]]:
    model = view.model
    groups = {}
    for row in range(model.rowCount()):
        group = model.index(row, 0)
        items = [model.index(r, 5, group).data() for r in range(model.rowCount(group))]
        groups[group.data()] = items
    return groups


def test_items_are_grouped_overdue_today_and_coming_up(
    qtbot: QtBot, qtmodeltester, context: AppContext, filled: Family
) -> None:
    view = make_view(qtbot, context)
    assert shown(view) == {
        "Überfällig (1)": ["Widerspruchsfrist: Aufhebungsbescheid (Jobcenter Dresden)"],
        "Heute (1)": ["Rückruf Ausländerbehörde"],
        "Demnächst (1)": ["Kita-Anmeldung"],
    }
    overdue = view.model.index(0, 0, view.model.index(0, 0))
    when = overdue.siblingAtColumn(WHEN)
    assert when.data() == "seit 3 Tagen überfällig"  # a word, not only a colour
    assert when.data(Qt.ItemDataRole.BackgroundRole).color() == OVERDUE_BACKGROUND
    assert view.count_label.text() == "1 überfällig · 1 heute · 1 demnächst"
    qtmodeltester.check(view.model)


def test_enter_opens_the_selected_items_household(
    qtbot: QtBot, context: AppContext, filled: Family
) -> None:
    view = make_view(qtbot, context)
    view.tree.setFocus()
    assert view.selected_item() is not None  # the first item is selected from the start
    with qtbot.waitSignal(context.household_requested) as opened:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert opened.args == [filled.household.id]


def test_ctrl_e_ticks_off_and_undo_brings_it_back(
    qtbot: QtBot, context: AppContext, filled: Family
) -> None:
    view = make_view(qtbot, context)
    today_group = view.model.index(1, 0)
    view.tree.setCurrentIndex(view.model.index(0, 0, today_group))
    view.tree.setFocus()

    qtbot.keyClick(view.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert shown(view)["Heute (0)"] == []
    assert context.undo_stack.undoText() == "Erledigt: Rückruf Ausländerbehörde"
    selected = view.selected_item()
    assert selected is not None and selected.text == "Kita-Anmeldung"  # the next one

    context.undo_stack.undo()
    assert shown(view)["Heute (1)"] == ["Rückruf Ausländerbehörde"]
    context.undo_stack.redo()
    assert shown(view)["Heute (0)"] == []


def test_a_reminder_done_by_its_record_is_not_ticked_off(
    qtbot: QtBot, context: AppContext, store: Store
) -> None:
    allocated = month_later(TODAY + 11 * DAY, -12)  # the Willkommensjahr ends in ten days
    households.create_household(
        store, households.NewHousehold("B1-2025-200", allocation_date=allocated), today=TODAY
    )
    view = make_view(qtbot, context)
    item = view.selected_item()
    assert item is not None and item.kind == ItemKind.WILLKOMMEN
    assert not view.complete_button.isEnabled()
    with qtbot.waitSignal(context.status_message) as told:
        qtbot.keyClick(view.tree, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert told.args == ["Dieser Hinweis verschwindet, sobald das Übergangsgespräch erfasst ist."]
    assert view.model.index(0, 0, view.model.index(2, 0)).data(ITEM_ROLE) == item


def test_presentation_mode_hides_the_list(
    qtbot: QtBot, context: AppContext, filled: Family
) -> None:
    view = make_view(qtbot, context)
    context.set_presentation(True)
    assert view.stack.currentWidget() is view.presentation_notice
    assert view.model.rowCount(view.model.index(0, 0)) == 0  # nothing kept in the model
    context.set_presentation(False)
    assert shown(view)["Überfällig (1)"]


def test_a_counsellor_sees_only_her_own_list(
    qtbot: QtBot, context: AppContext, filled: Family
) -> None:
    view = make_view(qtbot, context)
    assert view.scope_filter.currentData() == "mine"
    assert not view.scope_filter.isEnabled()


def test_the_list_loads_on_the_database_worker(qtbot: QtBot, store: Store, filled: Family) -> None:
    context = AppContext(store)  # the real runner: one worker thread
    view = AgendaView(context)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.count_label.text() == "1 überfällig · 1 heute · 1 demnächst")
    assert context.runner.wait()
