"""The Fachleistung page of a household: the case with its forms, Bewilligungen and budget
warnings, Fallberichte and plans; opening a case, choosing its persons, opening the editors,
drafting a Fallbericht and saving the client sheet."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import record_contacts
from tests.services.test_fallbericht import approved_case

from fsa_desk.gui import fachleistung_format
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_bedarfsanzeige import BedarfsanzeigeDialog
from fsa_desk.gui.fachleistung_bewilligung import BewilligungDialog
from fsa_desk.gui.fachleistung_fallbericht import FallberichtDialog
from fsa_desk.gui.fachleistung_panel import FachleistungPanel, PersonsDialog
from fsa_desk.services import fachleistung
from fsa_desk.store.store import Store


@pytest.fixture
def panel(qtbot: QtBot, context: AppContext) -> FachleistungPanel:
    panel = FachleistungPanel(context)
    panel.clock = lambda: TODAY
    qtbot.addWidget(panel)
    panel.resize(1366, 768)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def cells(model: object, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]  # type: ignore[attr-defined]


def test_the_case_its_forms_bewilligung_budget_reports_and_plans(
    qtmodeltester,
    panel: FachleistungPanel,
    store: Store,
    family: Family,  # noqa: F811
) -> None:
    approved_case(store, family)
    # 36 more hours in October: over 80 % of the 40 approved.
    record_contacts(store, family, [date(2026, 10, d) for d in range(1, 31, 3)], minutes=216)
    panel.show_household(family.household.id)

    assert panel.title.text().startswith("Fachleistung seit 01.11.2025 · laufend · Anna Berg")
    assert "Rania Haddad" in panel.title.text()
    assert cells(panel.anzeigen_model, 2) == ["teilweise bewilligt"]  # 40 of 40,5 h
    assert cells(panel.bewilligungen_model, 0) == ["50.2-FL-2025-0042"]
    assert panel.budget_box.isVisible()
    assert panel.budget_bar.value() >= 80
    assert "von 40,0 Std. genutzt" in panel.budget_bar.format()
    assert "80 %" in panel.budget_warnings.text() or "aufgebraucht" in panel.budget_warnings.text()
    assert cells(panel.plans_model, 0) == ["Rania Haddad"]
    assert cells(panel.plans_model, 3) == ["geführt am 05.11.2026"]
    assert panel.berichte.empty.isVisible()
    for model in (panel.anzeigen_model, panel.bewilligungen_model, panel.plans_model):
        qtmodeltester.check(model)


def test_a_household_without_a_case_gets_one_with_its_persons(
    qtbot: QtBot,
    panel: FachleistungPanel,
    store: Store,
    family: Family,  # noqa: F811
) -> None:
    panel.show_household(family.household.id)
    assert panel.title.text() == "Fachleistung: kein Fall für diesen Haushalt"
    assert panel.open_case_button.isVisible()
    assert not panel.new_anzeige_button.isEnabled()

    panel.open_case_button.click()
    dialog = panel.dialog
    assert isinstance(dialog, PersonsDialog)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Space)  # the first member: the mother
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)

    [case] = fachleistung.household_cases(store, family.household.id, today=TODAY)
    assert [name for _id, name in case.persons] == ["Rania Haddad"]
    assert "für: Rania Haddad" in panel.title.text()
    assert panel.new_anzeige_button.isEnabled()
    assert not panel.open_case_button.isVisible()


def test_the_buttons_and_enter_open_the_editors(
    qtbot: QtBot,
    panel: FachleistungPanel,
    store: Store,
    family: Family,  # noqa: F811
) -> None:
    approved_case(store, family)
    panel.show_household(family.household.id)

    panel.anzeigen.table.setFocus()
    panel.anzeigen.table.selectRow(0)
    qtbot.keyClick(panel.anzeigen.table, Qt.Key.Key_Return)
    assert isinstance(panel.dialog, BedarfsanzeigeDialog)
    assert panel.dialog.status.text() == "Version 1 · teilweise bewilligt"
    panel.dialog.reject()

    panel.bewilligungen.table.selectRow(0)
    panel.open_bewilligung_button.click()
    assert isinstance(panel.dialog, BewilligungDialog)
    assert panel.dialog.aktenzeichen.text() == "50.2-FL-2025-0042"
    panel.dialog.reject()

    panel.closing_report_button.click()  # drafted from the period, then opened
    assert isinstance(panel.dialog, FallberichtDialog)
    assert panel.dialog.view is not None and panel.dialog.view.kind == "abschluss"
    assert cells(panel.berichte_model, 2) == ["Entwurf"]


def test_the_client_sheet_is_saved_and_opened(
    panel: FachleistungPanel,
    store: Store,
    family: Family,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target, opened = tmp_path / "blatt.pdf", []
    monkeypatch.setattr(fachleistung_format, "choose_save_path", lambda *args: target)
    monkeypatch.setattr(fachleistung_format, "open_in_viewer", lambda p: opened.append(p) or True)
    approved_case(store, family)
    panel.show_household(family.household.id)
    panel.sheet_button.click()
    assert opened == [target]
    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(target.read_bytes())).pages
    )
    assert "Für Sie zum Mitnehmen" in text
    assert "Ich will in meiner Wohnung bleiben." in text


def test_an_unknown_household_says_so_in_german(panel: FachleistungPanel) -> None:
    import uuid

    panel.open_case_button.setEnabled(True)
    panel.household_id = uuid.uuid4()
    panel.open_case()
    assert panel.message.isVisible()
    assert "Haushalt" in panel.message.text()
