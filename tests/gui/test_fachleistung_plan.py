"""The Integrationsplan editor: goals typed in both voices, the Auswertungsgespräch planned from
the running Bewilligung and then held with both ratings — bad cells refused in German."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.gui.test_fachleistung_bedarfsanzeige import show_active, type_into_cell
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import Case, open_case

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_plan import IntegrationsplanDialog
from fsa_desk.gui.fachleistung_plan_models import CLIENT, DUE, PRIORITY, PROFESSIONAL, STATUS
from fsa_desk.services import bewilligung, integrationsplan
from fsa_desk.store.store import Store


@pytest.fixture
def case(store: Store, family: Family) -> Case:  # noqa: F811
    case = open_case(store, family)
    bewilligung.record_bewilligung(
        store,
        bewilligung.BewilligungInput(
            case.case_id, "AZ-9", date(2026, 10, 1), date(2027, 9, 30), Decimal(40)
        ),
        today=TODAY,
    )
    return case


def test_a_plan_is_typed_saved_and_its_talk_held(
    qtbot: QtBot, qtmodeltester, context: AppContext, case: Case, store: Store
) -> None:
    dialog = IntegrationsplanDialog(context, case.case_id, clock=lambda: TODAY)
    show_active(qtbot, dialog)
    assert dialog.person.currentText() == "Rania Haddad"
    assert dialog.agreed_on.text() == "20.11.2026"
    type_into_cell(qtbot, dialog.table, 0, CLIENT, "Ich will schlafen koennen")
    type_into_cell(qtbot, dialog.table, 0, PROFESSIONAL, "Anbindung an Therapie")
    type_into_cell(qtbot, dialog.table, 0, PRIORITY, "1")
    type_into_cell(qtbot, dialog.table, 0, DUE, "28.2.27")
    qtmodeltester.check(dialog.goals)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    [plan] = integrationsplan.case_plans(store, case.case_id, today=TODAY)
    [goal] = plan.goals
    assert (goal.text_client, goal.text_professional, goal.priority, goal.due_on) == (
        "Ich will schlafen koennen",
        "Anbindung an Therapie",
        1,
        date(2027, 2, 28),
    )
    assert "05.08.2027" in dialog.auswertung.text()  # 8 weeks before 30.09.2027

    dialog.talk_button.click()
    talk = dialog.talk
    assert talk is not None
    talk.held_on.setText("20.11.2026")
    assert talk.ratings.setData(talk.ratings.index(0, 1), "2")
    assert talk.ratings.setData(talk.ratings.index(0, 2), "3")
    assert not talk.ratings.setData(talk.ratings.index(0, 2), "7")
    assert (
        talk.message.text() == "Eine Bewertung liegt zwischen 1 (nicht erreicht) und 4 (erreicht)."
    )
    assert talk.ratings.index(0, 1).data() == "2 – ansatzweise erreicht"
    talk.differing.setPlainText("Ich schlafe noch schlecht.")
    qtmodeltester.check(talk.ratings)
    with qtbot.waitSignal(talk.finished):
        talk.save()
    held = integrationsplan.get_plan(store, plan.id, today=TODAY).last_held
    assert held is not None and held.held_on == TODAY
    assert held.client_differing_view == "Ich schlafe noch schlecht."
    assert [(r.client_rating, r.counsellor_rating) for r in held.ratings] == [(2, 3)]


def test_bad_cells_are_refused_in_german(qtbot: QtBot, context: AppContext, case: Case) -> None:
    dialog = IntegrationsplanDialog(context, case.case_id, clock=lambda: TODAY)
    show_active(qtbot, dialog)
    model = dialog.goals
    assert not model.setData(model.index(0, PRIORITY), "zehn")
    assert dialog.message.text() == "Die Priorität ist eine Zahl von 1 (am wichtigsten) bis 9."
    assert not model.setData(model.index(0, STATUS), "fertig")
    assert dialog.message.text() == "„fertig“ ist kein Status eines Ziels."
    assert model.setData(model.index(0, STATUS), "erreicht")
    dialog.save()  # a plan without a goal's text: the service says what is missing
    assert "mindestens ein Ziel" in dialog.message.text()
