"""The Fallbericht editor: figures of the period beside the text, live soft length hints,
finished and sent (then read-only), the preview and the PDF."""

from __future__ import annotations

import io
import uuid
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.gui.test_fachleistung_bedarfsanzeige import show_active
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.test_fallbericht import CLIENT_WORDS, approved_case

from fsa_desk.gui import fachleistung_format
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_fallbericht import FallberichtDialog
from fsa_desk.services import fallbericht
from fsa_desk.store.store import Store


@pytest.fixture
def report_id(store: Store, family: Family) -> uuid.UUID:  # noqa: F811
    approved = approved_case(store, family)
    return fallbericht.draft_fallbericht(store, approved.case.case_id, "verlaengerung", today=TODAY)


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, report_id: uuid.UUID) -> FallberichtDialog:
    dialog = FallberichtDialog(context, report_id, clock=lambda: TODAY)
    show_active(qtbot, dialog)
    return dialog


def test_the_figures_and_the_prefilled_text_are_shown(
    qtmodeltester, dialog: FallberichtDialog
) -> None:
    assert "Bericht zur Verlängerung · Bewilligung 50.2-FL-2025-0042" in dialog.heading.text()
    rows = {
        dialog.hours_model.index(r, 0).data(): dialog.hours_model.index(r, 2).data()
        for r in range(dialog.hours_model.rowCount())
    }
    assert rows["Wohnen"] == "4,5"
    assert "Kontakte: 5, direkt: 3" in dialog.contacts.text()
    assert dialog.goals_model.index(0, 2).data() == "weitgehend erreicht"
    assert dialog.texts["client_assessment"].toPlainText() == CLIENT_WORDS
    assert dialog.assessment_on.text() == "05.11.2026"
    assert "weiteren Bedarf" in dialog.problems.text()  # what a Verlängerung still needs
    qtmodeltester.check(dialog.goals_model)


def test_a_long_text_gets_a_soft_hint_and_still_saves_whole(
    qtbot: QtBot, dialog: FallberichtDialog, store: Store, report_id: uuid.UUID
) -> None:
    dialog.tabs.setCurrentIndex(1)
    course = dialog.texts["course"]
    course.setPlainText("Der Verlauf war wechselhaft. " * 60)  # 1,740 characters
    assert dialog.counters["course"].text().startswith("⚠ 1740 Zeichen")
    assert "nichts wird abgeschnitten" in dialog.counters["course"].text()
    assert dialog.counters["client_assessment"].text().endswith("von etwa 800 Zeichen")
    qtbot.keyClick(course, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = fallbericht.get_fallbericht(store, report_id, today=TODAY).data.course
    assert saved == ("Der Verlauf war wechselhaft. " * 60).strip()


def test_finished_and_sent_it_is_read_only(
    qtbot: QtBot, dialog: FallberichtDialog, store: Store, report_id: uuid.UUID
) -> None:
    dialog.tabs.setCurrentIndex(2)
    dialog.texts["further_need"].setPlainText("Weiter Begleitung bei Behördenkontakten.")
    dialog.ready_button.click()  # saves first, then finishes
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).status == "fertig"
    assert dialog.sent_button.isVisible() and not dialog.ready_button.isVisible()
    dialog.sent_button.click()
    assert dialog.step is not None
    qtbot.keyClick(dialog.step.editors["day"], Qt.Key.Key_Return)
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).status == "versandt"
    assert dialog.texts["course"].isReadOnly()
    assert not dialog.save_button.isEnabled()
    assert not dialog.period_from.isEnabled()


def test_a_bad_date_is_refused_and_nothing_changes(
    dialog: FallberichtDialog, store: Store, report_id: uuid.UUID
) -> None:
    before = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
    dialog.texts["course"].setPlainText("geändert")
    dialog.assessment_on.setText("32.11.2026")
    dialog.save()
    assert dialog.message.text() == "Den 32.11.2026 gibt es nicht."
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).data == before


def test_preview_and_pdf(
    qtbot: QtBot,
    dialog: FallberichtDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog.preview_button.click()
    assert dialog.preview is not None
    assert CLIENT_WORDS in dialog.preview.view.toPlainText()
    dialog.preview.reject()
    target, opened = tmp_path / "bericht.pdf", []
    monkeypatch.setattr(fachleistung_format, "choose_save_path", lambda *args: target)
    monkeypatch.setattr(fachleistung_format, "open_in_viewer", lambda p: opened.append(p) or True)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert opened == [target]
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Fallbericht Fachleistung" in text
    assert CLIENT_WORDS in text
    assert date(2026, 11, 5).strftime("%d.%m.%Y") in text
