"""Entering a Bewilligung: prefilled from the Bedarfsanzeige it decides, a partial approval,
the Auswertungsgespräch scheduled, ending early — and a missing Aktenzeichen that writes
nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.gui.test_fachleistung_bedarfsanzeige import show_active
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import Case, draft, open_case

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_bewilligung import BewilligungDialog
from fsa_desk.services import bedarfsanzeige, bewilligung, integrationsplan
from fsa_desk.services.integrationsplan import GoalInput, PlanInput
from fsa_desk.store.models import Bewilligung
from fsa_desk.store.store import Store


@pytest.fixture
def sent(store: Store, family: Family) -> tuple[Case, object]:  # noqa: F811
    case = open_case(store, family, opened_on=date(2026, 9, 1))
    anzeige_id = draft(store, case, period_from=date(2026, 10, 1), period_to=date(2027, 9, 30))
    bedarfsanzeige.sign(store, anzeige_id, date(2026, 9, 10), date(2026, 9, 10), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2026, 9, 11), today=TODAY)
    integrationsplan.create_plan(
        store,
        family.mother.id,
        PlanInput(goals=(GoalInput(text_client="Wohnung behalten"),)),
        case_id=case.case_id,
        today=TODAY,
    )
    return case, anzeige_id


def open_dialog(qtbot: QtBot, dialog: BewilligungDialog) -> BewilligungDialog:
    show_active(qtbot, dialog)
    return dialog


def test_a_partial_approval_prefilled_from_the_request(
    qtbot: QtBot, context: AppContext, store: Store, sent: tuple[Case, object]
) -> None:
    case, anzeige_id = sent
    messages: list[str] = []
    context.status_message.connect(messages.append)
    dialog = open_dialog(qtbot, BewilligungDialog(context, case.case_id, clock=lambda: TODAY))
    assert dialog.request.currentData() == anzeige_id  # the pending request
    assert (dialog.period_from.text(), dialog.period_to.text()) == ("01.10.2026", "30.09.2027")
    assert dialog.total.text() == "40,5"  # as requested
    qtbot.keyClicks(dialog.aktenzeichen, "50.2-FL-2026-0100")
    qtbot.keyClicks(dialog.decision_date, "05.10.2026")
    dialog.total.clear()
    qtbot.keyClicks(dialog.total, "30")
    dialog.hours.set_hours({"wohnen": Decimal(20), "gesundheit": Decimal(10)})
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = bewilligung.case_bewilligungen(store, case.case_id, today=TODAY)
    assert (saved.aktenzeichen, saved.approved_hours) == ("50.2-FL-2026-0100", Decimal(30))
    assert saved.hours_by_life_area == {"wohnen": Decimal(20), "gesundheit": Decimal(10)}
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "teilweise_bewilligt"  # type: ignore[arg-type]
    [plan] = integrationsplan.case_plans(store, case.case_id, today=TODAY)
    assert [a.scheduled_on for a in plan.auswertungen] == [date(2027, 8, 5)]
    assert "teilweise bewilligt" in messages[-1]
    assert "Auswertungsgespräche geplant: 1." in messages[-1]


def test_without_an_aktenzeichen_nothing_is_written(
    qtbot: QtBot, context: AppContext, store: Store, sent: tuple[Case, object]
) -> None:
    case, _anzeige_id = sent
    dialog = open_dialog(qtbot, BewilligungDialog(context, case.case_id, clock=lambda: TODAY))
    dialog.save()
    assert dialog.message.text() == "Eine Bewilligung braucht das Aktenzeichen des Amtes."
    assert dialog.isVisible()
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Bewilligung)) == 0


def test_hours_that_are_no_number_are_refused(
    qtbot: QtBot, context: AppContext, sent: tuple[Case, object]
) -> None:
    case, _anzeige_id = sent
    dialog = open_dialog(qtbot, BewilligungDialog(context, case.case_id, clock=lambda: TODAY))
    dialog.total.setText("vierzig")
    dialog.save()
    assert dialog.message.text() == "„vierzig“ ist keine Stundenzahl."


def test_a_running_bewilligung_is_ended_early(
    qtbot: QtBot, context: AppContext, store: Store, sent: tuple[Case, object]
) -> None:
    case, anzeige_id = sent
    result = bewilligung.record_bewilligung(
        store,
        bewilligung.BewilligungInput(
            case.case_id,
            "AZ-7",
            date(2026, 10, 1),
            date(2027, 9, 30),
            Decimal(40),
            bedarfsanzeige_id=anzeige_id,  # type: ignore[arg-type]
        ),
        today=TODAY,
    )
    dialog = open_dialog(
        qtbot,
        BewilligungDialog(context, case.case_id, bewilligung_id=result.id, clock=lambda: TODAY),
    )
    assert dialog.aktenzeichen.text() == "AZ-7"
    assert "Genutzt 0,0 von 40,0 Std." in dialog.budget.text()
    assert dialog.end_button.isVisible()
    dialog.end_button.click()
    assert dialog.step is not None
    dialog.step.editors["reason"].setPlainText("Umzug nach Leipzig")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.step.editors["day"], Qt.Key.Key_Return)
    ended = bewilligung.get_bewilligung(store, result.id, today=TODAY)
    assert (ended.status, ended.period_to) == ("vorzeitig_beendet", TODAY)
