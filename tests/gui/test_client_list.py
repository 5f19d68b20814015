"""The client list page driven like a counsellor would: typing, filters, header clicks, keys."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.gui import client_model
from fsa_desk.gui.client_list import ClientListView
from fsa_desk.gui.client_model import COLUMN_OF, MATCH_COLUMN, ClientTableModel
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.worker import Runner
from fsa_desk.services import households, persons
from fsa_desk.services.client_list import ClientQuery, SortKey
from fsa_desk.store.store import Store

MEMBER_FROM = date(2024, 3, 1)


def add_household(store: Store, ref: str, *members: tuple[str, str, PartialDate]) -> uuid.UUID:
    household = households.create_household(store, households.NewHousehold(ref))
    for number, (family_name, given, born) in enumerate(members):
        persons.create_person(
            store,
            persons.PersonData(family_name, given, birth=born),
            household.id,
            "haushaltsvorstand" if number == 0 else "kind",
            member_from=MEMBER_FROM,
        )
    return household.id


@pytest.fixture
def clients(store: Store) -> dict[str, uuid.UUID]:
    """Four households; one of them dormant."""
    ids = {
        "B1-2024-001": add_household(
            store,
            "B1-2024-001",
            ("Haddad", "Rania", PartialDate(1990, 5, 17)),
            ("Haddad", "Omar", PartialDate(2016)),
        ),
        "B1-2025-003": add_household(
            store, "B1-2025-003", ("Mohammadi", "Mohammed", PartialDate(1985))
        ),
        "B1-2025-009": add_household(store, "B1-2025-009", ("Tesfay", "Senait", PartialDate(1999))),
        "B1-2026-002": add_household(store, "B1-2026-002", ("Bauer", "Kim", PartialDate(1970))),
    }
    households.set_status(store, ids["B1-2025-003"], "ruhend")
    return ids


@pytest.fixture
def view(qtbot: QtBot, context: AppContext, clients: dict[str, uuid.UUID]) -> ClientListView:
    view = ClientListView(context)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    return view


def cell(view: ClientListView, row: int, key: SortKey | None) -> object:
    column = MATCH_COLUMN if key is None else COLUMN_OF[key]
    return view.model.data(view.model.index(row, column))


def shown(view: ClientListView) -> list[object]:
    return [cell(view, row, SortKey.REF) for row in range(view.model.rowCount())]


def wait_for(qtbot: QtBot, condition: Callable[[], bool]) -> None:
    qtbot.waitUntil(condition, timeout=3000)


# --- the model --------------------------------------------------------------------------------


def test_the_model_passes_the_model_tester_while_pages_load_lazily(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: AppContext,
    clients: dict[str, uuid.UUID],
) -> None:
    model = ClientTableModel(context, page_size=2)
    model.set_query(ClientQuery(sort=SortKey.REF))
    assert model.rowCount() == 4
    assert model.data(model.index(3, 0)) == "…lädt"  # its page is on its way
    qtmodeltester.check(model)
    wait_for(qtbot, lambda: model.data(model.index(3, 0)) == "B1-2026-002")
    assert model.data(model.index(0, COLUMN_OF[SortKey.NAMES])) == "Haddad, Rania; Omar"
    assert model.data(model.index(0, COLUMN_OF[SortKey.STATUS])) == "aktiv"
    assert model.data(model.index(1, COLUMN_OF[SortKey.STATUS])) == "ruhend"
    assert model.headerData(COLUMN_OF[SortKey.COUNSELLOR], Qt.Orientation.Horizontal) == (
        "Bezugsberater:in"
    )
    qtmodeltester.check(model)


# --- searching and filtering ------------------------------------------------------------------


def test_typing_a_transliteration_shows_the_household_and_the_member_found(
    qtbot: QtBot, view: ClientListView
) -> None:
    assert len(shown(view)) == 4
    assert view.count_label.text() == "4 Haushalte"
    qtbot.keyClicks(view.search_field, "Muhammad")
    wait_for(qtbot, lambda: shown(view) == ["B1-2025-003"])
    assert view.count_label.text() == "1 Haushalt"
    assert not view.table.isColumnHidden(MATCH_COLUMN)
    assert cell(view, 0, None) == "Mohammadi, Mohammed"


def test_a_child_s_name_finds_the_family(qtbot: QtBot, view: ClientListView) -> None:
    qtbot.keyClicks(view.search_field, "omar")
    wait_for(qtbot, lambda: shown(view) == ["B1-2024-001"])
    assert cell(view, 0, None) == "Haddad, Omar"


@pytest.mark.parametrize(
    ("text", "ref"), [("17.05.1990", "B1-2024-001"), ("b1-2025-009", "B1-2025-009")]
)
def test_birth_date_and_file_number_are_searched(
    qtbot: QtBot, view: ClientListView, text: str, ref: str
) -> None:
    qtbot.keyClicks(view.search_field, text)
    wait_for(qtbot, lambda: shown(view) == [ref])


def test_nothing_found_says_so_and_escape_clears_the_search(
    qtbot: QtBot, view: ClientListView
) -> None:
    qtbot.keyClicks(view.search_field, "Schulz")
    wait_for(qtbot, lambda: shown(view) == [])
    assert view.count_label.text() == "Kein Haushalt gefunden"
    qtbot.keyClick(view.search_field, Qt.Key.Key_Escape)
    wait_for(qtbot, lambda: len(shown(view)) == 4)
    assert view.table.isColumnHidden(MATCH_COLUMN)


def test_filter_by_status(qtbot: QtBot, view: ClientListView) -> None:
    view.status_filter.setCurrentIndex(view.status_filter.findText("ruhend"))
    assert shown(view) == ["B1-2025-003"]
    qtbot.mouseClick(view.reset_button, Qt.MouseButton.LeftButton)
    assert len(shown(view)) == 4


def test_filter_by_key_counsellor_and_module(qtbot: QtBot, view: ClientListView) -> None:
    wait_for(qtbot, lambda: view.counsellor_filter.count() == 2)
    view.counsellor_filter.setCurrentIndex(view.counsellor_filter.findText("Anna Berg (B1)"))
    assert len(shown(view)) == 4
    view.module_filter.setCurrentIndex(view.module_filter.findText("Fachleistung"))
    assert shown(view) == []


def test_clicking_a_header_sorts_and_clicking_again_reverses(
    qtbot: QtBot, view: ClientListView
) -> None:
    assert shown(view) == ["B1-2026-002", "B1-2024-001", "B1-2025-003", "B1-2025-009"]  # by name
    header = view.table.horizontalHeader()
    column = COLUMN_OF[SortKey.REF]
    position = QPoint(header.sectionViewportPosition(column) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert shown(view) == ["B1-2024-001", "B1-2025-003", "B1-2025-009", "B1-2026-002"]
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert shown(view) == ["B1-2026-002", "B1-2025-009", "B1-2025-003", "B1-2024-001"]
    assert view.model.query.sort is SortKey.REF and view.model.query.descending


def test_the_found_by_column_cannot_be_sorted_by(qtbot: QtBot, view: ClientListView) -> None:
    qtbot.keyClicks(view.search_field, "Haddad")
    wait_for(qtbot, lambda: shown(view) == ["B1-2024-001"])
    header = view.table.horizontalHeader()
    position = QPoint(header.sectionViewportPosition(MATCH_COLUMN) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=position)
    assert header.sortIndicatorSection() == COLUMN_OF[SortKey.NAMES]
    assert view.model.query.sort is SortKey.NAMES


# --- keys and actions -------------------------------------------------------------------------


def test_enter_in_the_search_opens_the_best_hit(
    qtbot: QtBot, view: ClientListView, clients: dict[str, uuid.UUID]
) -> None:
    qtbot.keyClicks(view.search_field, "Tesfai")
    with qtbot.waitSignal(view.context.household_requested) as opened:
        qtbot.keyClick(view.search_field, Qt.Key.Key_Return)  # before the pause ends: waits
    assert opened.args == [clients["B1-2025-009"]]


def test_down_moves_into_the_list_and_enter_opens_the_household(
    qtbot: QtBot, view: ClientListView, clients: dict[str, uuid.UUID]
) -> None:
    view.activateWindow()
    view.search_field.setFocus()
    qtbot.keyClick(view.search_field, Qt.Key.Key_Down)
    assert view.table.hasFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.selected_household() == clients["B1-2024-001"]
    with qtbot.waitSignal(view.context.household_requested) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened.args == [clients["B1-2024-001"]]
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    qtbot.keyClick(view.table, Qt.Key.Key_Up)
    assert view.search_field.hasFocus()


def test_double_click_opens_the_household(
    qtbot: QtBot, view: ClientListView, clients: dict[str, uuid.UUID]
) -> None:
    rect = view.table.visualRect(view.model.index(2, COLUMN_OF[SortKey.NAMES]))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.context.household_requested) as opened:
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [clients["B1-2025-003"]]


def test_ctrl_n_records_a_consultation_for_the_selected_household_not_the_window_s(
    qtbot: QtBot, context: AppContext, clients: dict[str, uuid.UUID]
) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    view = ClientListView(context)
    window.setCentralWidget(view)
    window_wide: list[bool] = []
    action = QAction("Neuer Beratungskontakt", window)
    action.setShortcut(QKeySequence("Ctrl+N"))
    action.triggered.connect(lambda: window_wide.append(True))
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    qtbot.keyClicks(view.search_field, "Haddad")
    wait_for(qtbot, lambda: shown(view) == ["B1-2024-001"])
    with qtbot.waitSignal(context.consultation_requested) as requested:
        qtbot.keyClick(view.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert requested.args == [clients["B1-2024-001"]]
    assert window_wide == []


def test_presentation_mode_hides_the_list(
    qtbot: QtBot, view: ClientListView, context: AppContext
) -> None:
    assert view.table.isVisible()
    context.set_presentation(True)
    assert not view.table.isVisible()
    assert not view.search_field.isVisible()
    assert view.presentation_notice.isVisible()
    context.set_presentation(False)
    assert view.table.isVisible()


def test_a_list_opened_in_presentation_mode_starts_hidden(
    qtbot: QtBot, context: AppContext, clients: dict[str, uuid.UUID]
) -> None:
    context.set_presentation(True)
    view = ClientListView(context)
    qtbot.addWidget(view)
    view.show()
    assert not view.table.isVisible()


def test_a_write_elsewhere_reloads_and_keeps_the_selection(
    qtbot: QtBot, view: ClientListView, context: AppContext, clients: dict[str, uuid.UUID]
) -> None:
    view.table.selectRow(2)
    selected = view.selected_household()
    add_household(view.context.store, "B1-2026-010", ("Aziz", "Amal", PartialDate(1988)))
    context.changed("Haushalt angelegt")
    assert shown(view)[0] == "B1-2026-010"
    assert view.selected_household() == selected


# --- the real worker thread -------------------------------------------------------------------


def test_a_superseded_search_never_overwrites_the_newer_result(
    qtbot: QtBot, store: Store, clients: dict[str, uuid.UUID], monkeypatch: pytest.MonkeyPatch
) -> None:
    context = AppContext(store)  # the real Runner: one worker thread
    assert type(context.runner) is Runner
    release = threading.Event()
    finished: list[str] = []
    search = client_model.search_clients

    def held_search(store_, query, **options):  # type: ignore[no-untyped-def]
        if query.text == "Haddad":
            release.wait(5)  # the older search is still running when the newer one starts
        page = search(store_, query, **options)
        finished.append(query.text)
        return page

    monkeypatch.setattr(client_model, "search_clients", held_search)
    view = ClientListView(context)
    qtbot.addWidget(view)
    wait_for(qtbot, lambda: not context.runner.busy)
    landed: list[list[object]] = []
    view.model.results_changed.connect(lambda: landed.append(shown(view)))
    view.search_field.setText("Haddad")
    view.search_now()
    view.search_field.setText("Tesfay")
    view.search_now()
    release.set()
    wait_for(qtbot, lambda: not context.runner.busy)
    QApplication.processEvents()
    assert finished[-2:] == ["Haddad", "Tesfay"]  # both ran, in order
    assert landed == [["B1-2025-009"]]  # the older result was dropped, never shown
    context.runner.wait()
