"""The Datenschutz dialog: preview counts, a confirmed run, the access report, the lock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot
from tests.services.conftest import Family, family

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.privacy_dialog import PrivacyDialog
from fsa_desk.services import households, restriction, retention

__all__ = ["family"]


def _dialog(qtbot: QtBot, context: AppContext, family: Family, **kwargs: object) -> PrivacyDialog:
    dialog = PrivacyDialog(context, family.mother.id, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_the_preview_counts_and_a_refused_confirmation_erases_nothing(
    qtbot: QtBot, context: AppContext, family: Family
) -> None:
    households.set_status(
        context.store,
        family.household.id,
        "abgeschlossen",
        closure_reason="umzug",
        today=date(2020, 1, 1),
    )
    asked: list[str] = []
    dialog = _dialog(qtbot, context, family, confirm=lambda _w, q: asked.append(q) or False)
    assert dialog.counts["closed_households"].text() == "1"
    dialog.run_button.click()
    assert asked and dialog.plan is not None and not dialog.plan.empty
    dialog = _dialog(qtbot, context, family, confirm=lambda _w, _q: True)
    dialog.run_button.click()
    assert dialog.counts["closed_households"].text() == "0"
    assert "Löschprotokoll" in dialog.message.text()


def test_access_report_and_restriction_for_the_selected_person(
    qtbot: QtBot, context: AppContext, family: Family, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, context, family, choose=lambda _w: tmp_path / "auskunft")
    dialog.access_button.click()
    assert len(list((tmp_path / "auskunft").iterdir())) == 2
    dialog.restricted.click()
    assert restriction.is_restricted(context.store, family.mother.id)
    assert dialog.restricted.isChecked()


def test_deletion_periods_are_edited_and_the_protocol_saved(
    qtbot: QtBot, context: AppContext, family: Family, tmp_path: Path
) -> None:
    dialog = _dialog(qtbot, context, family, confirm=lambda _w, _q: True)
    assert dialog.rule_fields["notes_years"].value() == 3
    dialog.rule_fields["notes_years"].setValue(5)
    dialog.save_rules()
    assert retention.load_rules(context.store).notes_years == 5
    dialog.save_protocol(tmp_path / "protokoll.csv")
    lines = (tmp_path / "protokoll.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Wann;Von;Kategorie;Anzahl"
