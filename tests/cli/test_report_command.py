"""The ``report`` command (DESIGN.md §6, §7): JSON or CSV, to stdout or a file; usage errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import Consultation, Counsellor, Household
from fsa_desk.store.store import open_store
from tests.cli.conftest import PASSPHRASE, Cli


@pytest.fixture
def cli(installed: Cli, data: Path) -> Cli:
    """An installation with two consultations, in January and March 2024."""
    _record_consultations(data)
    return installed


def _record_consultations(data: Path) -> None:
    key = DatabaseKey.passphrase(PASSPHRASE)
    with open_store(data, key) as store, store.transaction() as session:
        counsellor = session.scalars(select(Counsellor.id)).one()
        household = Household(household_ref="B1-2024-001")
        session.add(household)
        session.flush()
        for day, minutes in ((date(2024, 1, 15), 90), (date(2024, 3, 4), 45)):
            session.add(
                Consultation(
                    household_id=household.id,
                    counsellor_id=counsellor,
                    date=day,
                    duration_minutes=minutes,
                    contact_type="buero",
                    module="willkommen",
                )
            )


def test_monthly_json_to_stdout(cli: Cli) -> None:
    code, out, err = cli("report", "monthly")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert list(report) == ["report", "params", "rows"]
    assert report["params"]["generated_at"]  # volatile, so it lives in params
    assert [(r["month"], r["contacts"], r["hours"]) for r in report["rows"]] == [
        ("2024-01", 1, 1.5),
        ("2024-02", 0, 0.0),
        ("2024-03", 1, 0.75),
    ]


def test_monthly_csv_to_a_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "monat.csv"
    code, out, _ = cli(
        "report",
        "monthly",
        "--format",
        "csv",
        "-o",
        str(target),
        "--from",
        "2024-02",
        "--to",
        "2024-03",
    )
    assert code == 0
    assert str(target) in out
    lines = list(csv.DictReader(io.StringIO(target.read_text("utf-8")), delimiter=";"))
    assert [(line["month"], line["hours"]) for line in lines] == [
        ("2024-02", "0,00"),
        ("2024-03", "0,75"),
    ]
    assert lines[1]["hours_by_module.willkommen"] == "0,75"


def test_filters_are_applied_and_echoed(cli: Cli) -> None:
    code, out, _ = cli(
        "report", "monthly", "--counsellor", "B1", "--module", "fachleistung", "--region", "Mitte"
    )
    assert code == 0
    report = json.loads(out)
    assert {k: report["params"][k] for k in ("counsellor", "module", "region")} == {
        "counsellor": "B1",
        "module": "fachleistung",
        "region": "Mitte",
    }
    assert [r["contacts"] for r in report["rows"]] == [0, 0, 0]


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (("monthly", "--from", "2024-13"), "2024-13"),
        (("monthly", "--to", "März"), "März"),
        (("monthly", "--from", "2024-05", "--to", "2024-01"), "2024-05"),
        (("monthly", "--module", "willkommensleistung"), "willkommensleistung"),
        (("monthly", "--counsellor", "XX"), "XX"),
        (("jahresbericht",), "jahresbericht"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(cli: Cli, args: tuple[str, ...], hint: str) -> None:
    code, out, err = cli("report", *args)
    assert code == 2
    assert out == ""
    assert err.startswith("fsa-desk: ") and err.count("\n") == 1
    assert hint in err


def test_unknown_format_is_refused_by_the_parser(cli: Cli) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli("report", "monthly", "--format", "xlsx")
    assert exit_info.value.code == 2


def test_pdf_to_a_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "monat.pdf"
    code, out, err = cli("report", "monthly", "--format", "pdf", "-o", str(target))
    assert (code, err) == (0, "")
    assert str(target) in out
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "Monatsauswertung" in text
    assert "2024-01" in text


@pytest.mark.parametrize("name", ["trajectory", "prognosis", "workload"])
def test_the_course_reports_answer_in_json(cli: Cli, name: str) -> None:
    code, out, err = cli("report", name)
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["report"] == name


def test_trajectory_in_30_day_windows(cli: Cli) -> None:
    code, out, _err = cli("report", "trajectory", "--relative")
    assert code == 0
    report = json.loads(out)
    assert report["params"]["relative"] is True
    # January 15th (90 min) opens window 1; March 4th (45 min) falls in window 2 (day 49).
    assert [(row["k"], row["mean_hours"]) for row in report["rows"][:3]] == [
        (1, 1.5),
        (2, 0.75),
        (3, None),
    ]
