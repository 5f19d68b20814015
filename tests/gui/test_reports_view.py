"""The "Auswertungen" view: chart beside tables, team-level by default, exports that open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.reports_view import ReportsView, TextTableModel
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.services.demo import generate_demo
from fsa_desk.store.store import Store

TODAY = date(2026, 10, 31)


@pytest.fixture
def view(qtbot: QtBot, store: Store) -> ReportsView:
    generate_demo(store, households=12, months=14, today=TODAY)
    context = AppContext(store)
    context.runner = SyncRunner(context)
    shown = ReportsView(context)
    qtbot.addWidget(shown)
    shown.whole_period.setChecked(True)
    shown.show()
    return shown


def select(view: ReportsView, name: str) -> None:
    for row in range(view.report_list.count()):
        if view.report_list.item(row).data(256) == name:  # Qt.UserRole
            view.report_list.setCurrentRow(row)
            return
    raise AssertionError(name)


def table_texts(view: ReportsView, tab: int = 0) -> list[list[str]]:
    model = view.tables.widget(tab).model()  # type: ignore[attr-defined]
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def test_monthly_shows_its_chart_and_german_tables(view: ReportsView) -> None:
    select(view, "monthly")
    assert view.title.text() == "Monatsauswertung"
    assert view.canvas is not None
    tabs = [view.tables.tabText(index) for index in range(view.tables.count())]
    assert tabs[0] == "Je Monat"
    assert "Stunden im Zeitraum nach Lebensbereich" in tabs
    months = [row[0] for row in table_texts(view)]
    assert months == sorted(months) and len(months) >= 12


def test_workload_is_team_level_until_per_counsellor_is_ticked(view: ReportsView) -> None:
    select(view, "workload")
    assert [row[0] for row in table_texts(view)] == ["Team"]
    view.per_counsellor.setChecked(True)
    rows = [row[0] for row in table_texts(view)]
    assert rows[-1] == "Team" and len(rows) > 1
    assert rows[0] == "B1"


def test_trajectory_offers_30_day_periods(view: ReportsView) -> None:
    select(view, "trajectory")
    assert view.relative.isEnabled()
    view.relative.setChecked(True)
    assert view.report is not None and view.report["params"]["relative"] is True
    select(view, "monthly")
    assert not view.relative.isEnabled()


def test_exports_write_what_is_shown(view: ReportsView, tmp_path: Path) -> None:
    select(view, "prognosis")
    view.save_pdf(tmp_path / "p.pdf")
    view.save_csv(tmp_path / "p.csv")
    view.save_png(tmp_path / "p.png")
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "p.pdf").pages)
    assert "Prognose aus den ersten Wochen" in text
    csv_text = (tmp_path / "p.csv").read_text(encoding="utf-8-sig")
    assert csv_text.startswith("groups\n")
    assert "B1" not in csv_text.split("forecast")[1]  # team rows only
    assert (tmp_path / "p.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_bad_period_is_a_sentence_not_a_crash(view: ReportsView) -> None:
    view.whole_period.setChecked(False)
    view.from_month.setDate(view.to_month.date().addMonths(3))
    assert "beginnt" in view.status.text()


def test_the_table_model_is_a_proper_qt_model(qtmodeltester: ModelTester) -> None:
    model = TextTableModel(["Monat", "Stunden"], [["2024-01", "1,5"], ["2024-02", "2,0"]])
    qtmodeltester.check(model)
