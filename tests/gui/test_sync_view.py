""" "Austausch": real installations of a team (tests/sync/teams.py), real bundles exported by the
counsellors' pages and previewed, imported and reviewed on the lead's page."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from tests.sync.teams import Team, add_consultation, data_digest, sync_team, team_template

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.gui import sync_files
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.sync_dialogs import EnrolDialog, NoteReasonDialog
from fsa_desk.gui.sync_format import reminder_text
from fsa_desk.gui.sync_review import ConflictsDialog, DuplicatesDialog
from fsa_desk.gui.sync_view import SyncView
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.services import conflicts, duplicate_review, households, persons, team
from fsa_desk.services.handover import write_handover
from fsa_desk.services.sync_export import ExportReminder
from fsa_desk.store.models import Consultation, Household
from fsa_desk.store.store import Store

__all__ = ["sync_team", "team_template"]

SHOTS = Path("/tmp/shots")


def _view(qtbot: QtBot, store: Store) -> SyncView:
    context = AppContext(store)
    context.runner = SyncRunner(context)
    view = SyncView(context)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    return view


def _cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def _drop(view: SyncView, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(file)) for file in files])
    event = QDropEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    view.dropEvent(event)


def _household(store: Store, ref: str, family: str, given: str) -> None:
    household = households.create_household(store, households.NewHousehold(ref))
    data = persons.PersonData(family, given, birth=PartialDate(1985))
    persons.create_person(store, data, household.id, "haushaltsvorstand", today=date(2026, 1, 1))
    add_consultation(store, household_id=household.id, note="Erstgespräch")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if os.environ.get("FSA_SHOTS"):
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / f"sync-{name}.png"))


def test_a_counsellor_is_reminded_and_exports_a_bundle(
    qtbot: QtBot, sync_team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    b1 = sync_team["B1"]
    _household(b1, "B1-2026-001", "Haddad", "Rania")
    view = _view(qtbot, b1)
    view.show()
    _shot(view, "counsellor-due")
    assert not view.lead_box.isVisibleTo(view) and view.counsellor_box.isVisibleTo(view)
    assert "Noch nichts exportiert" in view.reminder.text()
    assert team.own_fingerprint(b1)[:4].upper() in view.fingerprint.text().replace(" ", "").upper()
    target = sync_team.root / "b1-week.fsabundle"
    monkeypatch.setattr(sync_files, "choose_save_file", lambda *_a: target)
    view.export_button.click()
    assert target.is_file()
    assert "b1-week.fsabundle" in view.message.text()
    assert not view.status.reminder.due
    assert not view.progress.isVisibleTo(view)
    _shot(view, "counsellor")


def test_the_lead_previews_dropped_bundles_before_applying(
    qtbot: QtBot, sync_team: Team, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    _household(sync_team["B1"], "B1-2026-001", "Haddad", "Rania")
    _household(sync_team["B2"], "B2-2026-001", "Koval", "Olena")
    good = [sync_team.export("B1", "b1"), sync_team.export("B2", "b2")]
    junk = tmp_path / "kaputt.fsabundle"
    junk.write_bytes(os.urandom(2000))
    view = _view(qtbot, sync_team.lead)
    before = data_digest(sync_team.lead)
    _drop(view, [*good, junk])
    rows = _cells(view.lead_box.preview)
    assert [row[2] for row in rows] == ["wird übernommen", "wird übernommen", "abgelehnt"]
    assert rows[2][-1]  # the one reason for the rejection, as a sentence
    qtmodeltester.check(view.lead_box.preview.model())
    assert data_digest(sync_team.lead) == before
    assert view.lead_box.apply_button.isEnabled()
    _shot(view, "lead-preview")
    view.lead_box.apply_button.click()
    assert [row[2] for row in _cells(view.lead_box.preview)] == [
        "übernommen",
        "übernommen",
        "abgelehnt",
    ]
    assert data_digest(sync_team.lead) != before
    overview = {row[0]: row for row in _cells(view.lead_box.overview_table)}
    assert overview["B1"][3] == "1" and overview["B2"][3] == "1" and overview["B3"][3] == "–"
    _shot(view, "lead-applied")
    qtmodeltester.check(view.lead_box.overview_table.model())
    _drop(view, good)
    assert [row[2] for row in _cells(view.lead_box.preview)] == ["bereits importiert"] * 2
    assert not view.lead_box.apply_button.isEnabled()


def test_the_overview_names_missing_bundles(
    qtbot: QtBot, sync_team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    b1 = sync_team["B1"]
    bundles = []
    for n in range(3):
        add_consultation(b1)
        bundles.append(sync_team.export("B1", f"b1-{n}"))
    view = _view(qtbot, sync_team.lead)
    monkeypatch.setattr(sync_files, "choose_open_files", lambda *_a: [bundles[0], bundles[2]])
    view.lead_box.import_button.click()
    view.lead_box.apply_button.click()
    overview = {row[0]: row for row in _cells(view.lead_box.overview_table)}
    assert overview["B1"][3] == "3" and overview["B1"][6] == "2"
    assert "B1: 2" in view.message.text()


def test_enrolling_needs_the_confirmed_fingerprint(
    qtbot: QtBot, sync_team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, sync_team.lead)
    view.lead_box.choose_card(sync_team.card("B2"))
    dialog = view.lead_box.findChild(EnrolDialog)
    assert dialog is not None and not dialog.ok.isEnabled()
    assert (
        dialog.fingerprint.text()
        == team.preview_card(sync_team.lead, sync_team.card("B2")).card.fingerprint
    )
    _shot(dialog, "enrol")
    dialog.confirmed.setChecked(True)
    dialog.ok.click()
    assert "B2" in view.message.text()


def test_revoking_a_key_shows_in_the_overview(
    qtbot: QtBot, sync_team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = _view(qtbot, sync_team.lead)
    codes = [row[0] for row in _cells(view.lead_box.overview_table)]
    view.lead_box.overview_table.selectRow(codes.index("B3"))
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    view.lead_box.revoke_button.click()
    overview = {row[0]: row for row in _cells(view.lead_box.overview_table)}
    assert overview["B3"][7].startswith("widerrufen")
    assert [d.revoked_at is not None for d in team.devices(sync_team.lead) if d.code == "B3"] == [
        True
    ]


def test_the_lead_writes_index_and_handover(qtbot: QtBot, sync_team: Team) -> None:
    _household(sync_team["B1"], "B1-2026-001", "Haddad", "Rania")
    sync_team.import_(sync_team.export("B1", "b1"))
    view = _view(qtbot, sync_team.lead)
    index = sync_team.root / "index.fsabundle"
    view.lead_box.write_index(index)
    assert index.is_file() and "1 Haushalt" in view.message.text()
    handover = sync_team.root / "handover.fsabundle"
    view.lead_box.write_handover(["B1-2026-001"], sync_team.card("B2"), handover)
    assert handover.is_file() and "B2" in view.message.text()
    unknown = sync_team.root / "nothing.fsabundle"
    view.lead_box.write_handover(["X-404"], sync_team.card("B2"), unknown)
    assert not unknown.exists() and view.message.text()


def test_a_counsellor_joins_and_saves_her_card(qtbot: QtBot, sync_team: Team) -> None:
    view = _view(qtbot, sync_team["B3"])
    view.join_team(sync_team.team_file)
    assert "Ausländerrat Dresden" in view.message.text()
    card = sync_team.root / "b3-new.card"
    view.save_card(card)
    assert card.is_file()
    assert view.status.fingerprint.split()[0] in view.message.text()


def _conflicting_notes(sync_team: Team) -> None:
    b1 = sync_team["B1"]
    household = households.create_household(b1, households.NewHousehold("B1-2024-001"))
    persons.create_person(b1, persons.PersonData("Haddad", "Rania"), household.id, "kind")
    consultation = add_consultation(b1, note="Erstgespräch", household_id=household.id)
    sync_team.import_(sync_team.export("B1", "start"))
    bundle = sync_team.root / "handover.fsabundle"
    write_handover(sync_team.lead, ["B1-2024-001"], sync_team.card("B2"), bundle)
    sync_team.import_(bundle, into="B2")

    def note(store: Store, text: str) -> None:
        with store.transaction() as session:
            row = session.get(Consultation, consultation)
            assert row is not None
            row.note = text

    def status(store: Store, value: str) -> None:
        with store.transaction() as session:
            row = session.get(Household, household.id)
            assert row is not None
            row.status = value

    note(sync_team["B1"], "Termin Jobcenter")
    note(sync_team["B2"], "Kita-Platz")
    status(sync_team["B1"], "ruhend")
    status(sync_team["B2"], "abgeschlossen")
    sync_team.import_(sync_team.export("B1", "b1-edit"), sync_team.export("B2", "b2-edit"))


def test_parallel_changes_are_decided_and_notes_opened_only_with_a_reason(
    qtbot: QtBot, sync_team: Team, qtmodeltester: ModelTester
) -> None:
    _conflicting_notes(sync_team)
    view = _view(qtbot, sync_team.lead)
    view.show()
    assert view.lead_box.conflicts_button.text() == "Parallele Änderungen (2)"
    dialog = view.lead_box.show_conflicts()
    assert isinstance(dialog, ConflictsDialog)
    qtmodeltester.check(dialog.table.model())
    rows = _cells(dialog.table)
    notes = [i for i, item in enumerate(dialog.items) if item.hidden]
    [n] = notes
    assert "Kita" not in " ".join(rows[n]) and "Jobcenter" not in " ".join(rows[n])
    assert "Anna Berg" in " ".join(rows[n]) and "Karim Said" in " ".join(rows[n])
    dialog.table.selectRow(n)
    dialog.resize(1200, 400)
    _shot(dialog, "conflicts")
    dialog.open_note.click()
    reason = dialog.findChild(NoteReasonDialog)
    assert reason is not None and not reason.ok.isEnabled()
    reason.reason.setText("Parallele Änderung entscheiden")
    reason.ok.click()
    shown = " ".join(_cells(dialog.table)[n])
    assert "Kita-Platz" in shown and "Termin Jobcenter" in shown
    dialog.table.selectRow(1 - n)
    dialog.keep_b.click()
    assert len(dialog.items) == 1 and conflicts.count_open(sync_team.lead) == 1
    assert view.lead_box.conflicts_button.text() == "Parallele Änderungen (1)"


def test_duplicates_are_decided_and_undone(
    qtbot: QtBot, sync_team: Team, qtmodeltester: ModelTester
) -> None:
    for code, given in (("B1", "Mohammad"), ("B2", "Muhammed")):
        _household(sync_team[code], f"{code}-1", "Haddad", given)
        sync_team.import_(sync_team.export(code, code))
    view = _view(qtbot, sync_team.lead)
    assert view.lead_box.duplicates_button.text() == "Mögliche Dubletten (1)"
    dialog = view.lead_box.show_duplicates()
    assert isinstance(dialog, DuplicatesDialog)
    qtmodeltester.check(dialog.table.model())
    [row] = _cells(dialog.table)
    assert {row[0].split("\n")[0], row[1].split("\n")[0]} == {
        "Haddad, Mohammad",
        "Haddad, Muhammed",
    }
    assert "geboren 1985" in row[0] and "Haushalt B" in row[0]
    _shot(dialog, "duplicates")
    assert not dialog.undo.isEnabled()
    dialog.same.click()
    assert dialog.items == [] and duplicate_review.open_candidates(sync_team.lead) == []
    dialog.undo.click()
    assert len(dialog.items) == 1
    dialog.not_same.click()
    assert dialog.items == []


def test_errors_are_german_sentences(qtbot: QtBot, sync_team: Team, tmp_path: Path) -> None:
    view = _view(qtbot, sync_team.lead)
    view.lead_box.preview_import([tmp_path / "fehlt.fsabundle"])
    assert "gibt es nicht" in view.message.text()
    assert not view.progress.isVisibleTo(view)


def test_export_runs_off_the_gui_thread_with_a_busy_bar(qtbot: QtBot, sync_team: Team) -> None:
    b1 = sync_team["B1"]
    _household(b1, "B1-2026-001", "Haddad", "Rania")
    context = AppContext(b1)  # the real runner: one worker thread
    view = SyncView(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.status is not None)
    target = sync_team.root / "threaded.fsabundle"
    view.export(target)
    assert view.progress.isVisible()
    qtbot.waitUntil(lambda: not view.progress.isVisible(), timeout=10_000)
    assert target.is_file() and "threaded.fsabundle" in view.message.text()
    context.runner.wait()


def test_a_change_elsewhere_refreshes_the_hidden_page_when_shown(
    qtbot: QtBot, sync_team: Team
) -> None:
    view = _view(qtbot, sync_team["B1"])
    sync_team.export("B1", "elsewhere")
    view.context.changed()
    assert view.status.reminder.due  # hidden: not read again yet
    view.show()
    assert not view.status.reminder.due


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        (None, "Letzter Export: 02.03.2026 09:30."),
        ("weekly", "eine Woche oder länger her (02.03.2026 09:30)"),
        ("period", "Abrechnungszeitraum zu Ende gegangen"),
    ],
)
def test_the_reminder_says_why_an_export_is_due(reason: str | None, expected: str) -> None:
    last = datetime(2026, 3, 2, 9, 30)
    assert expected in reminder_text(ExportReminder(reason is not None, reason, last))
