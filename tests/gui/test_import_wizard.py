"""The spreadsheet import wizard, driven as a counsellor would: files, columns, check, import."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QComboBox, QFileDialog, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from tests.services.test_spreadsheet_german import (
    CONSULTATIONS,
    german_export,
    row_counts,
    write_text,
)

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.import_wizard import ColumnsModel, ImportWizard, SheetTab
from fsa_desk.gui.worker import Runner, SyncRunner
from fsa_desk.services.spreadsheet_preview import preview_files
from fsa_desk.store.models import Consultation, Household
from fsa_desk.store.store import Store


@pytest.fixture
def context(store: Store) -> AppContext:
    context = AppContext(store)
    context.runner = SyncRunner(context)
    return context


@pytest.fixture
def wizard(qtbot: QtBot, context: AppContext) -> ImportWizard:
    wizard = ImportWizard(context)
    qtbot.addWidget(wizard)
    wizard.resize(1366, 768)
    wizard.show()
    return wizard


def next_enabled(wizard: ImportWizard) -> bool:
    button = QWizard.WizardButton
    which = button.CommitButton if wizard.currentPage().isCommitPage() else button.NextButton
    return wizard.button(which).isEnabled()


def go_to_check(wizard: ImportWizard, paths: list[Path]) -> None:
    wizard.add_files(paths)
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    wizard.next()
    assert wizard.currentPage() is wizard.check_page


def consultations(store: Store) -> list[tuple[date, int]]:
    with store.read() as session:
        query = select(Consultation.date, Consultation.duration_minutes).order_by(Consultation.date)
        return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def test_a_german_export_goes_through_every_page_into_the_store(
    qtbot: QtBot, wizard: ImportWizard, context: AppContext, store: Store, tmp_path: Path
) -> None:
    go_to_check(wizard, german_export(tmp_path))
    assert wizard.preview_page.tabs.count() == 3
    assert "Wird angelegt" in grid_text(wizard)
    assert next_enabled(wizard)
    messages: list[str] = []
    context.status_message.connect(messages.append)
    with qtbot.waitSignal(context.data_changed):
        wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    assert wizard.summary is not None and wizard.summary.created.consultations == 3
    assert "Angelegt" in grid_text(wizard, wizard.result_page.summary)
    assert messages and "3 Beratungskontakte" in messages[0]
    assert [day for day, _minutes in consultations(store)] == [
        date(2024, 3, 1), date(2025, 2, 3), date(2026, 2, 3)
    ]  # fmt: skip
    assert not wizard.button(QWizard.WizardButton.BackButton).isVisible()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()


def grid_text(wizard: ImportWizard, view: object = None) -> str:
    summary = view or wizard.check_page.summary
    grid = summary.grid  # type: ignore[attr-defined]
    return " ".join(grid.itemAt(i).widget().text() for i in range(grid.count()))


def test_files_come_from_the_file_dialog_and_can_be_removed_again(
    wizard: ImportWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = german_export(tmp_path)
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *args: ([str(p) for p in paths], "")
    )
    page = wizard.files_page
    assert not next_enabled(wizard)
    page.add_button.click()
    assert page.files.count() == 3 and next_enabled(wizard)
    page.add_button.click()  # the same files again are not listed twice
    assert page.files.count() == 3
    page.files.selectAll()
    page.remove_button.click()
    assert (page.files.count(), wizard.paths, next_enabled(wizard)) == (0, [], False)


def test_a_column_read_wrongly_is_corrected_with_its_combo(
    qtbot: QtBot, wizard: ImportWizard, store: Store, tmp_path: Path
) -> None:
    households, persons, _ = german_export(tmp_path)
    odd = write_text(
        tmp_path / "Liste.csv",
        [["Nr", "Wann", "Zeit", "Wie"], ["T-001", "03.02.2025", "60", "Büro"]],
    )
    wizard.add_files([households, persons, odd])
    wizard.next()
    tab = wizard.preview_page.tabs.widget(2)
    assert isinstance(tab, SheetTab)
    assert "nicht erkannt" in tab.about.text()
    for row, column in enumerate(["household_ref", "date", "duration_minutes", "contact_type"]):
        combo = tab.table.indexWidget(tab.model.index(row, ColumnsModel.READ_AS))
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(combo.findData(column))
    assert "Beratungskontakte" in tab.about.text() and not tab.notes.isVisible()
    wizard.back()  # to the files and forward again: the sheets are read anew, the choice stays
    wizard.next()
    tab = wizard.preview_page.tabs.widget(2)
    assert isinstance(tab, SheetTab) and "Beratungskontakte" in tab.about.text()
    wizard.next()
    assert next_enabled(wizard), wizard.check_page.problems.toPlainText()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page)
    assert consultations(store) == [(date(2025, 2, 3), 60)]


def test_problems_are_listed_saved_as_text_and_nothing_is_imported(
    wizard: ImportWizard, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = german_export(tmp_path)
    write_text(paths[2], [*CONSULTATIONS, ["4", "T-404", "31.02.2025", "60", "Fax", "", "", ""]])
    before = row_counts(store)
    go_to_check(wizard, paths)
    listed = wizard.check_page.problems.toPlainText().splitlines()
    assert sorted(line.split(": ")[1] for line in listed) == ["Datum", "Haushalt-Nr.", "Kontaktart"]
    assert all(line.startswith(f"{paths[2]}:7: ") for line in listed)
    assert not next_enabled(wizard)
    target = tmp_path / "probleme.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    wizard.check_page.save_button.click()
    assert target.read_text(encoding="utf-8").splitlines() == listed
    write_text(paths[2], CONSULTATIONS)  # corrected in Excel
    wizard.check_page.again_button.click()
    assert next_enabled(wizard)
    assert row_counts(store) == before


def test_the_columns_model_is_a_well_behaved_item_model(qtmodeltester, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (preview,) = preview_files([german_export(tmp_path)[2]])
    model = ColumnsModel(preview, [column.column for column in preview.columns])
    qtmodeltester.check(model)
    assert model.rowCount() == 8 and model.columnCount() == 2 + 3


def checked_on_a_worker_thread(qtbot: QtBot, store: Store, folder: Path) -> ImportWizard:
    """A wizard on the real runner, on its check page with the German export checked."""
    wizard = ImportWizard(AppContext(store))
    assert type(wizard.context.runner) is Runner
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.add_files(german_export(folder))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.preview_page.isComplete())
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.isComplete())
    return wizard


def test_the_import_runs_off_the_gui_thread_with_progress(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    wizard = checked_on_a_worker_thread(qtbot, store, tmp_path)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.result_page, timeout=10_000)
    bar = wizard.import_page.bar
    assert bar.maximum() > 1 and bar.value() == bar.maximum()
    with store.read() as session:
        assert len(session.scalars(select(Household.id)).all()) == 2


def test_cancelling_a_running_import_leaves_the_store_as_it_was(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    wizard = checked_on_a_worker_thread(qtbot, store, tmp_path)
    context = wizard.context
    before = row_counts(store)
    release = threading.Event()
    context.runner.run(lambda: release.wait(10))  # the import queues behind this
    changed: list[None] = []
    context.data_changed.connect(lambda: changed.append(None))
    wizard.next()
    assert wizard.import_page.running
    wizard.reject()
    release.set()
    assert context.runner.wait()
    qtbot.wait(50)  # let any (wrongly) delivered result arrive
    assert (row_counts(store), changed, wizard.summary) == (before, [], None)
