"""Recording a Bescheid: the Frist shows while typing, saving stores it, bad dates write nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.services.conftest import Family, family  # noqa: F401  (fixture)

from fsa_desk.gui.bescheid_dialog import BescheidDialog
from fsa_desk.gui.context import AppContext
from fsa_desk.store.models import Bescheid
from fsa_desk.store.store import Store


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, family: Family) -> BescheidDialog:  # noqa: F811
    """Opened for the family's household, as from its selected item in the agenda."""
    dialog = BescheidDialog(context, family.household.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def stored(store: Store) -> list[Bescheid]:
    with store.read() as session:
        return list(session.scalars(select(Bescheid)))


def test_the_frist_is_computed_while_typing_and_saved(
    qtbot: QtBot, dialog: BescheidDialog, store: Store
) -> None:
    assert dialog.household.text().startswith("B1-2024-001")
    assert dialog.deadline_label.text() == "Frist: noch nicht bekannt"

    qtbot.keyClicks(dialog.authority.lineEdit(), "Jobcenter Dresden")
    qtbot.keyClicks(dialog.subject, "Aufhebungs- und Erstattungsbescheid")
    qtbot.keyClicks(dialog.letter_date, "03.03.2025")

    # Posted on Monday 03.03.2025: known on the 4th day after, the month runs from there.
    assert dialog.deadline_label.text() == "Frist endet am Montag, 07.04.2025"
    assert dialog.rule_label.text() == (
        "Widerspruch: 1 Monat nach Bekanntgabe am 07.03.2025 (Aufgabe zur Post 03.03.2025 + 4 Tage)"
    )
    dialog.delivery.setCurrentIndex(dialog.delivery.findData("uebergabe"))
    assert dialog.deadline_label.text() == "Frist endet am Donnerstag, 03.04.2025"
    assert dialog.received_caption.text() == "Übergeben &am:"

    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.letter_date, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    [row] = stored(store)
    assert (row.authority, row.subject, row.kind, row.delivery) == (
        "Jobcenter Dresden",
        "Aufhebungs- und Erstattungsbescheid",
        "widerspruch",
        "uebergabe",
    )
    assert row.due_on.isoformat() == "2025-04-03"


def test_an_impossible_date_is_refused_and_nothing_is_written(
    qtbot: QtBot, dialog: BescheidDialog, store: Store
) -> None:
    qtbot.keyClicks(dialog.authority.lineEdit(), "Sozialamt Dresden")
    qtbot.keyClicks(dialog.letter_date, "31.02.2025")
    assert dialog.deadline_label.text() == "Frist: noch nicht bekannt"

    qtbot.keyClick(dialog.letter_date, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "31.02.2025" in dialog.message.text()
    assert "gibt es nicht" in dialog.message.text()
    with store.read() as session:
        assert session.execute(select(func.count()).select_from(Bescheid)).scalar_one() == 0


def test_an_expiring_title_asks_for_its_expiry_date(
    qtbot: QtBot, dialog: BescheidDialog, store: Store
) -> None:
    assert not dialog.expires_on.isVisible()
    dialog.kind.setCurrentIndex(dialog.kind.findData("titel_ablauf"))
    assert dialog.expires_on.isVisible()
    dialog.authority.setCurrentIndex(dialog.authority.findText("Ausländerbehörde Dresden"))
    qtbot.keyClicks(dialog.expires_on, "15.01.2031")
    assert dialog.deadline_label.text() == "Frist endet am Mittwoch, 15.01.2031"
    dialog.save()
    [row] = stored(store)
    assert (row.kind, row.expires_on.isoformat(), row.letter_date) == (
        "titel_ablauf",
        "2031-01-15",
        None,
    )


def test_a_date_in_the_future_is_refused_by_the_service(
    qtbot: QtBot, dialog: BescheidDialog, store: Store
) -> None:
    qtbot.keyClicks(dialog.authority.lineEdit(), "Jobcenter Dresden")
    qtbot.keyClicks(dialog.letter_date, "01.01.2099")
    dialog.save()
    assert dialog.isVisible()
    assert "in der Zukunft" in dialog.message.text()
    assert stored(store) == []
