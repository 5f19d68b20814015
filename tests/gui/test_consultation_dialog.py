"""Quick consultation entry: keyboard-only entry, validation, "wie letzter Kontakt", undo."""

# ruff: noqa: F811  (the family fixture is imported from tests/services/conftest.py)

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from tests.services.conftest import Family, family  # noqa: F401  (fixture)

from fsa_desk.gui.consultation_dialog import DELETED, ConsultationDialog
from fsa_desk.gui.consultation_fields import MembersModel
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.date_field import parse_german_date
from fsa_desk.gui.household_picker import HouseholdHitsModel
from fsa_desk.gui.worker import Runner
from fsa_desk.services import consultation_entry, consultations, preferences
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.store.models import Consultation
from fsa_desk.store.store import Store

TODAY = date.today()
LAST_WEEK = TODAY - timedelta(days=7)


def open_dialog(qtbot: QtBot, dialog: QDialog) -> QDialog:
    """Shown and active, so the keyboard focus behaves as on a desktop."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    handle = dialog.windowHandle()
    assert handle is not None
    handle.requestActivate()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab(qtbot: QtBot) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def type_here(qtbot: QtBot, text: str) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def press(qtbot: QtBot, key: Qt.Key) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClick(widget, key)


def live_consultations(store: Store) -> int:
    with store.read() as session:
        query = select(func.count()).select_from(Consultation)
        return session.execute(query.where(Consultation.deleted_hlc.is_(None))).scalar_one()


def pick_household(qtbot: QtBot, dialog: ConsultationDialog, text: str) -> None:
    qtbot.keyClicks(dialog.form.household, text)
    popup = dialog.form.household.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Return)


def test_a_full_consultation_entered_by_keyboard_lands_in_the_store(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, None))
    assert focused() is dialog.form.household
    pick_household(qtbot, dialog, "Hadd")
    assert dialog.form.household.household_id == family.household.id
    tab(qtbot)
    assert focused() is dialog.form.date
    type_here(qtbot, LAST_WEEK.strftime("%d.%m.%Y"))
    tab(qtbot)
    type_here(qtbot, "Haus")  # contact type: Hausbesuch, the duration follows
    assert dialog.form.contact_type.currentData() == "hausbesuch"
    assert dialog.form.duration.value() == 60
    tab(qtbot)
    type_here(qtbot, "75")
    tab(qtbot)
    type_here(qtbot, "20")
    tab(qtbot)
    tab(qtbot)  # outcome stays "Stattgefunden"
    type_here(qtbot, "Sprachm")
    tab(qtbot)
    assert focused() is dialog.form.language
    type_here(qtbot, "Arab")
    tab(qtbot)
    type_here(qtbot, (TODAY + timedelta(days=20)).strftime("%d.%m.%Y"))
    tab(qtbot)
    assert focused() is dialog.form.life_areas
    type_here(qtbot, "35")  # 3 Gesundheit, 5 Wohnen
    tab(qtbot)
    assert focused() is dialog.form.members_view
    press(qtbot, Qt.Key.Key_Space)  # Rania present
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)  # Rania concerned
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)  # Omar concerned
    tab(qtbot)
    type_here(qtbot, "Befund mitbringen")
    tab(qtbot)
    type_here(qtbot, "Termin beim Hausarzt")
    tab(qtbot)
    press(qtbot, Qt.Key.Key_Space)  # vertraulich
    press(qtbot, Qt.Key.Key_Return)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    stored = consultation_entry.consultation_for_editing(context.store, dialog.saved.id).input
    assert stored == ConsultationInput(
        household_id=family.household.id,
        date=LAST_WEEK,
        duration_minutes=75,
        contact_type="hausbesuch",
        travel_minutes=20,
        outcome="stattgefunden",
        life_areas=("gesundheit", "wohnen"),
        persons_present=(family.mother.id,),
        persons_concerned=(family.mother.id, family.child.id),
        sprachmittlung="sprachmittlerpool",
        sprachmittlung_language="ar",
        agreements="Befund mitbringen",
        follow_up_on=TODAY + timedelta(days=20),
        note="Termin beim Hausarzt",
        confidential=True,
        counsellor_id=context.store.installation_counsellor_id(),
    )


def saved_visit(context: AppContext, family: Family, **changes: object) -> uuid.UUID:
    data = ConsultationInput(
        household_id=family.household.id,
        date=LAST_WEEK,
        duration_minutes=40,
        contact_type="telefon",
        life_areas=("aufenthalt",),
        persons_present=(family.mother.id,),
        persons_concerned=(family.child.id,),
        sprachmittlung="berater",
        sprachmittlung_language="ar",
    )
    return consultations.record_consultation(context.store, replace(data, **changes)).id


@pytest.mark.parametrize(
    "field, text, message",
    [
        ("duration", "800", "mehr als 12 Stunden"),
        ("date", (TODAY + timedelta(days=3)).strftime("%d.%m.%Y"), "in der Zukunft"),
    ],
)
def test_a_rejected_consultation_keeps_the_dialog_open_and_writes_nothing(
    qtbot: QtBot, context: AppContext, family: Family, field: str, text: str, message: str
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    widget = getattr(dialog.form, field)
    widget.setFocus()
    widget.selectAll() if hasattr(widget, "selectAll") else None
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert message in dialog.message.text()
    assert dialog.message.isVisible()
    assert widget.property("invalid") is True
    assert message in widget.toolTip()
    assert focused() is widget  # back at the field to fix
    assert live_consultations(context.store) == 0


def test_without_a_household_the_dialog_asks_for_one(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, None))
    qtbot.keyClick(dialog.form.household, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.message.text() == "Bitte einen Haushalt auswählen."
    assert live_consultations(context.store) == 0


def test_escape_cancels_and_ctrl_enter_saves_from_the_note(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    cancelled = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    qtbot.keyClick(cancelled.form.date, Qt.Key.Key_Escape)
    assert cancelled.result() == QDialog.DialogCode.Rejected
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    dialog.form.note.setFocus()
    qtbot.keyClicks(dialog.form.note, "Erste Zeile")
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return)  # a new line, not saving
    qtbot.keyClicks(dialog.form.note, "zweite Zeile")
    assert dialog.isVisible()
    qtbot.keyClick(dialog.form.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is not None
    stored = consultation_entry.consultation_for_editing(context.store, dialog.saved.id).input
    assert stored.note == "Erste Zeile\nzweite Zeile"
    # A household of two: nobody is ticked for the counsellor.
    assert (stored.persons_present, stored.persons_concerned) == ((), ())


def test_the_duration_follows_the_contact_type_until_changed_by_hand(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    assert (dialog.form.contact_type.currentData(), dialog.form.duration.value()) == ("buero", 45)
    dialog.form.contact_type.setFocus()
    qtbot.keyClicks(dialog.form.contact_type, "Tel")
    assert dialog.form.duration.value() == 15
    dialog.form.duration.setValue(25)
    qtbot.keyClick(dialog.form.contact_type, Qt.Key.Key_Down)  # online
    qtbot.keyClick(dialog.form.contact_type, Qt.Key.Key_Down)  # begleitung
    assert dialog.form.contact_type.currentData() == "begleitung"
    assert dialog.form.duration.value() == 25


def test_like_last_contact_fills_type_duration_areas_and_persons(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    saved_visit(context, family)
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    assert dialog.form.household.text() == "B1-2024-001 – Haddad, Rania; Haddad, Omar"
    qtbot.keyClick(dialog.form.date, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: the button fires a moment later.
    qtbot.waitUntil(lambda: dialog.form.contact_type.currentData() == "telefon")
    assert dialog.form.duration.value() == 40
    assert dialog.form.life_areas.selected() == ("aufenthalt",)
    assert dialog.form.members.present() == (family.mother.id,)
    assert dialog.form.members.concerned() == (family.child.id,)
    assert (dialog.form.sprachmittlung.currentData(), dialog.form.language.currentData()) == (
        "berater",
        "ar",
    )
    qtbot.keyClick(dialog.form.date, Qt.Key.Key_Return)
    assert live_consultations(context.store) == 2


def test_like_last_contact_says_so_when_there_is_none(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    dialog.like_last.click()
    assert dialog.message.text() == "Für diesen Haushalt gibt es noch keinen Kontakt."


def test_life_areas_toggle_by_digit_alt_digit_arrows_and_space(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    toggles = dialog.form.life_areas
    qtbot.keyClick(dialog.form.date, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert toggles.selected() == ("existenzsicherung",)
    toggles.setFocus()
    qtbot.keyClicks(toggles, "1")  # off again
    qtbot.keyClick(toggles, Qt.Key.Key_Right)  # second column, first row: area 7
    qtbot.keyClick(toggles, Qt.Key.Key_Down)
    qtbot.keyClick(toggles, Qt.Key.Key_Down)
    qtbot.keyClick(toggles, Qt.Key.Key_Down)
    qtbot.keyClick(toggles, Qt.Key.Key_Down)
    qtbot.keyClick(toggles, Qt.Key.Key_Down)  # area 12, which has no digit
    qtbot.keyClick(toggles, Qt.Key.Key_Space)
    assert toggles.selected() == ("sonstiges",)
    assert "kein anderer Bereich passt" in toggles.hint.text()
    assert "Mietschulden" in toggles.buttons[4].toolTip()


def test_models_pass_the_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    context: AppContext,
    family: Family,
) -> None:
    members = MembersModel()
    qtmodeltester.check(members)
    members.set_members(consultation_entry.members(context.store, family.household.id))
    qtmodeltester.check(members)
    members.setData(members.index(1, MembersModel.CONCERNED), Qt.CheckState.Checked.value, 10)
    assert members.concerned() == (family.child.id,)
    hits = HouseholdHitsModel()
    hits.set_hits(consultation_entry.household_completions(context.store, "Haddad"))
    qtmodeltester.check(hits)


def stored(context: AppContext, consultation_id: uuid.UUID) -> ConsultationInput:
    return consultation_entry.consultation_for_editing(context.store, consultation_id).input


def test_undo_and_redo_of_a_new_consultation(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    messages: list[str] = []
    context.status_message.connect(messages.append)
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    qtbot.keyClick(dialog.form.date, Qt.Key.Key_Return)
    assert dialog.saved is not None
    assert messages[-1] == "Kontakt gespeichert"
    assert context.undo_stack.undoText() == "Beratungskontakt erfassen"
    context.undo_stack.undo()
    assert live_consultations(context.store) == 0
    assert messages[-1] == "Rückgängig gemacht: Beratungskontakt erfassen"
    context.undo_stack.redo()
    assert live_consultations(context.store) == 1
    assert stored(context, dialog.saved.id).duration_minutes == 45  # the same record is back


def test_undo_and_redo_of_an_edit_restore_every_value(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    consultation_id = saved_visit(
        context, family, module_override="willkommen", module_override_reason="Absprache"
    )
    before = stored(context, consultation_id)
    dialog = open_dialog(qtbot, ConsultationDialog(context, None, consultation_id=consultation_id))
    assert dialog.windowTitle() == "Beratungskontakt bearbeiten"
    assert dialog.form.duration.value() == 40
    assert dialog.form.life_areas.selected() == ("aufenthalt",)
    assert dialog.form.members.present() == (family.mother.id,)
    dialog.form.duration.setFocus()
    dialog.form.duration.selectAll()
    qtbot.keyClicks(dialog.form.duration, "55")
    qtbot.keyClick(dialog.form.duration, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(dialog.form.duration, Qt.Key.Key_Return)
    after = stored(context, consultation_id)
    assert (after.duration_minutes, after.life_areas) == (55, ("aufenthalt", "gesundheit"))
    assert after.module_override == "willkommen"  # what the dialog does not show is kept
    assert context.undo_stack.undoText() == "Beratungskontakt bearbeiten"
    context.undo_stack.undo()
    assert stored(context, consultation_id) == before
    context.undo_stack.redo()
    assert stored(context, consultation_id) == after


def test_undo_and_redo_of_a_deletion(qtbot: QtBot, context: AppContext, family: Family) -> None:
    consultation_id = saved_visit(context, family)
    before = stored(context, consultation_id)
    dialog = open_dialog(qtbot, ConsultationDialog(context, None, consultation_id=consultation_id))
    assert dialog.delete_button.isVisible()
    dialog.delete_button.click()
    assert dialog.result() == DELETED
    assert live_consultations(context.store) == 0
    context.undo_stack.undo()
    assert stored(context, consultation_id) == before  # persons and life areas come back too
    context.undo_stack.redo()
    assert live_consultations(context.store) == 0


def test_saving_on_the_real_worker_thread(qtbot: QtBot, store: Store, family: Family) -> None:
    context = AppContext(store)
    context.runner = Runner(context)
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    qtbot.waitUntil(lambda: dialog.form.household.household_id == family.household.id)
    qtbot.waitUntil(lambda: dialog.form.members.rowCount() == 2)
    dialog.form.date.setFocus()
    qtbot.keyClick(dialog.form.date, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    with qtbot.waitSignal(context.data_changed):
        qtbot.keyClick(dialog.form.date, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result() == QDialog.DialogCode.Accepted)
    assert dialog.saved is not None
    assert stored(context, dialog.saved.id).life_areas == ("familie",)
    assert context.runner.wait()


@pytest.mark.parametrize(
    "text, day",
    [
        ("03.11.2026", date(2026, 11, 3)),
        ("3.11.26", date(2026, 11, 3)),
        ("031126", date(2026, 11, 3)),
        ("3.11.", date(TODAY.year, 11, 3)),
        ("1.2.85", date(1985, 2, 1)),
    ],
)
def test_dates_are_read_the_way_germans_type_them(text: str, day: date) -> None:
    assert parse_german_date(text) == day


@pytest.mark.parametrize(
    "text, message",
    [("30.02.2026", "Den 30.02.2026 gibt es nicht."), ("morgen", "ist kein Datum")],
)
def test_a_date_that_is_none_is_explained(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_german_date(text)


def test_presentation_mode_hides_the_note(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    dialog = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    context.set_presentation(True)
    assert not dialog.form.note.isVisible()
    assert dialog.form.note_hidden.isVisible()
    context.set_presentation(False)
    assert dialog.form.note.isVisible()


def test_durations_from_the_settings_prefill_new_but_never_change_stored_contacts(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    preferences.save_preferences(
        context.store, preferences.Preferences(contact_minutes={"telefon": 10, "buero": 30})
    )
    new = open_dialog(qtbot, ConsultationDialog(context, family.household.id))
    assert new.form.duration.value() == 30
    consultation_id = saved_visit(context, family, duration_minutes=15)  # telefon
    edit = open_dialog(qtbot, ConsultationDialog(context, None, consultation_id=consultation_id))
    assert edit.form.duration.value() == 15
