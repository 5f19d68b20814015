"""The Bedarfsanzeige editor, driven by the keyboard: criteria, hours with the live 35-hour
warning, the client's own words, saving, "Was geht ans Amt", signing and sending (then
read-only), a new version, the PDF — and bad input that writes nothing."""

from __future__ import annotations

import io
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QLineEdit, QTableView
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import Case, draft, open_case

from fsa_desk.gui import fachleistung_format
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_bedarfsanzeige import BedarfsanzeigeDialog
from fsa_desk.services import bedarfsanzeige
from fsa_desk.store.models import Bedarfsanzeige
from fsa_desk.store.store import Store

CLIENT_WORDS = "Ich habe Angst, die Wohnung zu verlieren."


@pytest.fixture
def case(store: Store, family: Family) -> Case:  # noqa: F811
    return open_case(store, family)


def show_active(qtbot: QtBot, dialog: QDialog) -> None:
    """Shown and active, so keyboard focus and shortcuts behave as on a desktop."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)


def open_dialog(
    qtbot: QtBot, context: AppContext, case: Case, anzeige_id: uuid.UUID | None = None
) -> BedarfsanzeigeDialog:
    dialog = BedarfsanzeigeDialog(context, case.case_id, anzeige_id, clock=lambda: TODAY)
    show_active(qtbot, dialog)
    return dialog


def type_into_cell(qtbot: QtBot, table: QTableView, row: int, column: int, text: str) -> None:
    """Go to the cell, F2 opens its editor, type, Enter commits (as a counsellor would)."""
    table.setFocus()
    table.setCurrentIndex(table.model().index(row, column))
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits in a queued call, as after a real key press.
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)


def test_a_new_form_is_filled_by_keyboard_and_saved(
    qtbot: QtBot, qtmodeltester, context: AppContext, case: Case, store: Store
) -> None:
    dialog = open_dialog(qtbot, context, case)
    assert dialog.kind.currentData() == "erst"
    assert dialog.period_from.text() == "01.12.2026"  # the first of next month
    assert dialog.period_to.text() == "30.11.2027"  # at most 12 months
    row = dialog.criteria.row_of("wohnen.wohnungsverlust")
    type_into_cell(qtbot, dialog.criteria_table, row, 2, "Klage wegen Mietschulden")
    assert dialog.criteria.criteria() == (
        bedarfsanzeige.CriterionInput("wohnen.wohnungsverlust", "Klage wegen Mietschulden"),
    )
    dialog.tabs.setCurrentIndex(2)
    type_into_cell(qtbot, dialog.hours_table, dialog.hours.row_of("wohnen"), 1, "20")
    assert dialog.total.text() == "Summe: 20,0 Std. (Komplexitätsschwelle 35 Std.)"
    assert dialog.threshold.isVisible()
    assert "unter der Komplexitätsschwelle" in dialog.threshold.text()
    type_into_cell(qtbot, dialog.hours_table, dialog.hours.row_of("gesundheit"), 1, "15,5")
    assert dialog.total.text().startswith("Summe: 35,5 Std.")
    assert not dialog.threshold.isVisible()  # a warning with its reason, gone above 35 h
    dialog.tabs.setCurrentIndex(3)
    qtbot.keyClicks(dialog.situation_client, CLIENT_WORDS)
    qtbot.keyClick(dialog, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert dialog.anzeige_id is not None
    stored = bedarfsanzeige.get(store, dialog.anzeige_id, today=TODAY)
    assert stored.data.hours == {"wohnen": Decimal(20), "gesundheit": Decimal("15.5")}
    assert stored.data.situation_client == CLIENT_WORDS
    assert stored.data.consent_id == case.consent_id  # the valid consent, chosen for her
    for model in (dialog.criteria, dialog.services, dialog.hours):
        qtmodeltester.check(model)


def test_the_amt_preview_the_signing_and_sending_then_read_only(
    qtbot: QtBot, context: AppContext, case: Case, store: Store
) -> None:
    anzeige_id = draft(store, case, situation_client=CLIENT_WORDS)
    dialog = open_dialog(qtbot, context, case, anzeige_id)
    assert dialog.sign_button.isVisible() and not dialog.send_button.isVisible()

    dialog.preview_button.click()
    assert dialog.preview is not None
    preview = dialog.preview.view.toPlainText()
    assert CLIENT_WORDS in preview  # exactly what the Sozialamt will read
    assert "Unterschrift Klient:in" in preview
    dialog.preview.reject()

    dialog.sign_button.click()
    assert dialog.step is not None
    qtbot.keyClick(dialog.step.editors["client"], Qt.Key.Key_Return)
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "unterschrieben"
    assert dialog.send_button.isVisible()

    dialog.send_button.click()
    qtbot.keyClicks(dialog.step.editors["received"], "20.11.2026")
    qtbot.keyClick(dialog.step.editors["received"], Qt.Key.Key_Return)
    shown = bedarfsanzeige.get(store, anzeige_id, today=TODAY)
    assert (shown.status, shown.sent_on, shown.received_on) == ("angezeigt", TODAY, TODAY)
    assert dialog.banner.isVisible() and "nur lesbar" in dialog.banner.text()
    assert not dialog.save_button.isEnabled()
    assert dialog.criteria.read_only and dialog.hours.read_only
    assert dialog.situation_client.isReadOnly()
    assert not dialog.hours.setData(dialog.hours.index(0, 1), "99")


def test_a_new_version_of_a_sent_form_can_be_changed(
    qtbot: QtBot, context: AppContext, case: Case, store: Store
) -> None:
    anzeige_id = draft(store, case)
    bedarfsanzeige.sign(store, anzeige_id, TODAY, TODAY, today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, TODAY, today=TODAY)
    dialog = open_dialog(qtbot, context, case, anzeige_id)
    dialog.version_button.click()
    assert dialog.anzeige_id != anzeige_id
    assert dialog.save_button.isEnabled()
    assert dialog.status.text() == "Version 2 · Entwurf"
    assert not dialog.banner.isVisible()


def test_a_verlaengerung_starts_from_the_latest_form_and_the_running_bewilligung(
    qtbot: QtBot, context: AppContext, case: Case, store: Store
) -> None:
    from fsa_desk.services import bewilligung

    anzeige_id = draft(store, case, period_from=date(2026, 1, 1), period_to=date(2026, 12, 31))
    bewilligung.record_bewilligung(
        store,
        bewilligung.BewilligungInput(
            case.case_id,
            "AZ-1",
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal(40),
            bedarfsanzeige_id=anzeige_id,
        ),
        today=TODAY,
    )
    dialog = open_dialog(qtbot, context, case)
    assert dialog.kind.currentData() == "verlaengerung"
    assert (dialog.period_from.text(), dialog.period_to.text()) == ("01.01.2027", "31.12.2027")
    assert dialog.situation_client.toPlainText().startswith("Ich schaffe die Briefe")
    assert dialog.criteria.criteria()  # copied, to be updated


def test_the_pdf_is_saved_and_opened_for_printing(
    qtbot: QtBot,
    context: AppContext,
    case: Case,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target, opened = tmp_path / "anzeige.pdf", []
    monkeypatch.setattr(fachleistung_format, "choose_save_path", lambda *args: target)
    monkeypatch.setattr(fachleistung_format, "open_in_viewer", lambda p: opened.append(p) or True)
    dialog = open_dialog(qtbot, context, case, draft(store, case))
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened == [target]
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "Bedarfsanzeige Fachleistung" in text
    assert "B1-2024-001" in text


def test_a_period_over_twelve_months_is_refused_and_nothing_is_written(
    qtbot: QtBot, context: AppContext, case: Case, store: Store
) -> None:
    dialog = open_dialog(qtbot, context, case)
    dialog.period_to.clear()
    qtbot.keyClicks(dialog.period_to, "01.12.2027")
    dialog.save()
    assert "höchstens 12 Monate" in dialog.message.text()
    assert dialog.anzeige_id is None
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Bedarfsanzeige)) == 0


def test_bad_hours_and_a_bad_date_say_so_in_german(
    qtbot: QtBot, context: AppContext, case: Case
) -> None:
    dialog = open_dialog(qtbot, context, case)
    assert not dialog.hours.setData(dialog.hours.index(0, 1), "viel")
    assert dialog.message.text() == "„viel“ ist keine Stundenzahl."
    dialog.period_from.setText("31.02.2027")
    dialog.save()
    assert dialog.message.text() == "Den 31.02.2027 gibt es nicht."
