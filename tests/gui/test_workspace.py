"""The real workspace: every page the main window offers, on demo data, working together."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from tests.gui.shell_pages import CTRL, make_context

from fsa_desk.gui.consultation_dialog import ConsultationDialog
from fsa_desk.gui.main_window import MainWindow, default_pages
from fsa_desk.gui.reports_view import ReportsView
from fsa_desk.services.demo import generate_demo
from fsa_desk.store.models import Consultation
from fsa_desk.store.store import Store


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> MainWindow:
    generate_demo(store, households=8, months=14, today=date(2026, 10, 31))
    context = make_context(store)
    shown = MainWindow(context, default_pages(context))
    qtbot.addWidget(shown)
    with qtbot.waitActive(shown):
        shown.show()
        shown.activateWindow()
    return shown


def test_the_pages_and_the_evaluations_fifth(qtbot: QtBot, window: MainWindow) -> None:
    titles = [window.navigation.item(row).text() for row in range(window.navigation.count())]
    assert titles == [
        "Klient:innen",
        "Haushalt",
        "Fristen & Aufgaben",
        "Sprechstunde",
        "Auswertungen",
        "Abrechnung",
        "Austausch",
    ]
    qtbot.keyClick(window, Qt.Key.Key_5, CTRL)
    page = window.current_page()
    assert isinstance(page, ReportsView)
    qtbot.waitUntil(lambda: page.report is not None)
    assert page.canvas is not None


def test_a_consultation_chosen_in_the_household_opens_for_editing(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    with store.read() as session:
        consultation = session.scalars(
            select(Consultation).where(Consultation.deleted_hlc.is_(None)).limit(1)
        ).one()
    window.context.show_household(consultation.household_id)
    household_page = window.current_page()
    household_page.edit_consultation_requested.emit(consultation.id)  # type: ignore[attr-defined]
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ConsultationDialog)]
    qtbot.waitUntil(lambda: any(dialog.isVisible() for dialog in dialogs))
    [dialog] = [dialog for dialog in dialogs if dialog.isVisible()]
    qtbot.waitUntil(lambda: dialog.form.duration.value() == consultation.duration_minutes)
    dialog.reject()


def test_ctrl_i_opens_the_spreadsheet_import(qtbot: QtBot, window: MainWindow) -> None:
    from fsa_desk.gui.import_wizard import ImportWizard

    qtbot.keyClick(window, Qt.Key.Key_I, CTRL)
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible()
    wizard.reject()


def test_the_fachleistung_tab_shows_the_households_case(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    from fsa_desk.gui.fachleistung_panel import FachleistungPanel
    from fsa_desk.store.models import FachleistungCase

    with store.read() as session:
        household_id = session.scalars(select(FachleistungCase.household_id).limit(1)).one()
    window.context.show_household(household_id)
    view = window.current_page()
    view.tabs.setCurrentWidget(view.fachleistung_tab)  # type: ignore[attr-defined]
    panel = view.fachleistung  # type: ignore[attr-defined]
    assert isinstance(panel, FachleistungPanel)
    qtbot.waitUntil(lambda: bool(panel.cases))
    assert panel.household_id == household_id


def test_billing_is_the_sixth_page(qtbot: QtBot, window: MainWindow) -> None:
    from fsa_desk.gui.fachleistung_abrechnung import AbrechnungView

    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    assert isinstance(window.current_page(), AbrechnungView)


def test_the_file_menu_opens_data_protection(qtbot: QtBot, window: MainWindow) -> None:
    from fsa_desk.gui.privacy_dialog import PrivacyDialog

    window.privacy_action.trigger()
    dialog = window.findChild(PrivacyDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.person_id is None
    dialog.reject()


def test_a_new_household_by_keyboard_then_its_first_member(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    from fsa_desk.gui.household_dialog import NewHouseholdDialog
    from fsa_desk.gui.person_dialog import PersonDialog

    qtbot.keyClick(window, Qt.Key.Key_N, CTRL | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.findChild(NewHouseholdDialog)
    assert dialog is not None
    assert dialog.ref.text().startswith(f"B1-{date.today().year}-")  # the next number, suggested
    dialog.ref.clear()
    qtbot.keyClicks(dialog.ref, "DK-2026-900")
    qtbot.keyClicks(dialog.street, "Bautzner Straße 5")
    dialog.district.setCurrentIndex(
        dialog.district.findText("Pieschen-Süd", Qt.MatchFlag.MatchContains)
    )
    qtbot.keyClick(dialog.ref, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.created is not None)
    view = window.current_page()
    assert view.household_id == dialog.created.id  # type: ignore[attr-defined]
    view.tabs.setCurrentWidget(view.members)  # type: ignore[attr-defined]
    qtbot.mouseClick(view.members.new_person_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert view.findChild(PersonDialog) is not None


def test_the_exchange_is_the_seventh_page(qtbot: QtBot, window: MainWindow) -> None:
    from fsa_desk.gui.sync_view import SyncView

    qtbot.keyClick(window, Qt.Key.Key_7, CTRL)
    assert isinstance(window.current_page(), SyncView)


def test_the_audit_trail_of_the_household_on_screen(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from fsa_desk.store.models import Household

    with store.read() as session:
        household = session.scalars(select(Household).limit(1)).one()
    window.context.show_household(household.id)
    window.save_audit_trail(tmp_path / "trail.pdf")
    qtbot.waitUntil(lambda: (tmp_path / "trail.pdf").exists())
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "trail.pdf").pages)
    assert "Änderungsprotokoll" in text and household.household_ref in text
