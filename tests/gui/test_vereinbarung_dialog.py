"""The Vereinbarungsblatt dialog: drafted rows, editing, a refused date, saving and opening."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)

from fsa_desk.gui import vereinbarung_dialog
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.vereinbarung_dialog import BRING, DUE, WHAT, WHO, VereinbarungDialog
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.services import vereinbarung
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.store.store import Store


@pytest.fixture
def context(store: Store) -> Iterator[AppContext]:
    context = AppContext(store)
    context.runner = SyncRunner(context)
    yield context


@pytest.fixture
def dialog(qtbot: QtBot, context: AppContext, store: Store, family: Family) -> VereinbarungDialog:  # noqa: F811
    saved = record_consultation(
        store,
        ConsultationInput(
            household_id=family.household.id,
            date=date(2026, 11, 18),
            duration_minutes=60,
            contact_type="buero",
            persons_present=(family.mother.id,),
            agreements="Weiterbewilligungsantrag ausfüllen",
            follow_up_on=date(2026, 12, 2),
            note="Streit mit dem Vermieter",
        ),
        today=TODAY,
    )
    dialog = VereinbarungDialog(context, saved.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_the_draft_fills_the_table_and_the_preview(
    qtmodeltester, dialog: VereinbarungDialog
) -> None:
    model = dialog.model
    assert model.rowCount() == 1
    assert model.index(0, WHAT).data() == "Weiterbewilligungsantrag ausfüllen"
    assert dialog.next_date.text() == "02.12.2026"
    preview = dialog.preview.toPlainText()
    assert "Für: Rania Haddad" in preview
    assert "Mittwoch, 02.12.2026" in preview
    assert "Vermieter" not in preview
    qtmodeltester.check(model)


def test_rows_are_added_edited_and_a_wrong_date_is_refused(
    qtbot: QtBot, dialog: VereinbarungDialog
) -> None:
    model = dialog.model
    qtbot.keyClick(dialog.table, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 2
    assert model.setData(model.index(1, WHAT), "Mietvertrag")
    assert model.setData(
        model.index(1, BRING), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert model.setData(model.index(0, WHO), "Frau Haddad")
    with qtbot.waitSignal(model.invalid):
        assert not model.setData(model.index(0, DUE), "30.02.2026")
    assert "30.02.2026" in dialog.message.text()
    assert model.setData(model.index(0, DUE), "30.11.26")
    assert model.index(0, DUE).data() == "30.11.2026"
    preview = dialog.preview.toPlainText()
    assert "Bitte bringen Sie mit:" in preview and "Mietvertrag" in preview

    dialog.table.setCurrentIndex(model.index(1, WHAT))
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() == 1


def test_save_and_open_writes_the_pdf_and_remembers_the_contact_line(
    qtbot: QtBot,
    dialog: VereinbarungDialog,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "vereinbarung.pdf"
    opened: list[Path] = []
    monkeypatch.setattr(vereinbarung_dialog, "choose_pdf_path", lambda parent, name: target)
    monkeypatch.setattr(
        vereinbarung_dialog, "open_in_viewer", lambda path: opened.append(path) or True
    )
    qtbot.keyClicks(dialog.contact, "Tel. 0351 123456")
    qtbot.keyClicks(dialog.next_time, "10.30")
    qtbot.keyClick(dialog.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    assert opened == [target]
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Weiterbewilligungsantrag ausfüllen" in text
    assert "Mittwoch, 02.12.2026, 10:30 Uhr" in text
    assert "Vermieter" not in text
    assert vereinbarung.contact_line(store) == "Tel. 0351 123456"


def test_a_time_without_a_date_is_refused(
    qtbot: QtBot, dialog: VereinbarungDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen: list[str] = []
    monkeypatch.setattr(
        vereinbarung_dialog, "choose_pdf_path", lambda parent, name: chosen.append(name)
    )
    dialog.next_date.clear()
    qtbot.keyClicks(dialog.next_time, "25:00")
    assert "25:00" in dialog.message.text()
    dialog.save(open_after=False)
    assert chosen == []  # nothing asked, nothing written
