"""The CLI contract of ``import-csv`` (DESIGN.md §6, §8): summary, exit codes, nothing on error."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.spreadsheet_header import COLUMNS, FileKind
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import ChangeLog, Consultation, Counsellor
from fsa_desk.store.store import open_store
from tests.cli.conftest import PASSPHRASE, Cli

PERSONS_HEADER = list(COLUMNS[FileKind.PERSONS])
CONSULTATIONS_HEADER = list(COLUMNS[FileKind.CONSULTATIONS])


@pytest.fixture
def cli(installed: Cli) -> Cli:
    return installed


def write_csv(path: Path, rows: Sequence[Sequence[str]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    return str(path)


@pytest.fixture
def files(tmp_path: Path) -> list[str]:
    households = write_csv(
        tmp_path / "haushalte.csv",
        [
            ["household_ref", "allocation_date", "district", "counsellor_code"],
            ["T-1", "2024-01-10", "", "X1"],
        ],
    )
    persons = write_csv(
        tmp_path / "personen.csv",
        [
            PERSONS_HEADER,
            ["T-1", "Testfrau", "Alva", "1990", "w", "SY", "duldung"],
        ],
    )
    consultations = write_csv(
        tmp_path / "kontakte.csv",
        [
            CONSULTATIONS_HEADER,
            ["T-1", "2024-02-01", "60", "buero", "Alltag, Werte und Orientierung", "X1", "A,\nB"],
            ["T-1", "2024-02-02", "30", "telefon", "wohnen/familie", "", ""],
        ],
    )
    return [households, persons, consultations]


def stored_counts(data: Path) -> tuple[int, int, int]:
    """Change-log rows, consultations and counsellors in the database file."""
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store, store.read() as session:
        return (
            session.execute(select(func.count(ChangeLog.seq))).scalar_one(),
            session.execute(select(func.count(Consultation.id))).scalar_one(),
            session.execute(select(func.count(Counsellor.id))).scalar_one(),
        )


def test_json_summary_names_files_counts_and_new_counsellors(cli: Cli, files: list[str]) -> None:
    code, out, err = cli("import-csv", *files, "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert {"files", "created", "updated", "not_in_import", "new_counsellors", "dry_run"} <= set(
        summary
    )
    assert summary["files"] == [
        {"file": files[0], "kind": "households", "rows": 1, "ignored_columns": []},
        {"file": files[1], "kind": "persons", "rows": 1, "ignored_columns": []},
        {"file": files[2], "kind": "consultations", "rows": 2, "ignored_columns": []},
    ]
    assert summary["created"] == {
        "households": 1,
        "persons": 1,
        "consultations": 2,
        "counsellors": 1,
    }
    assert summary["new_counsellors"] == ["X1"]
    assert (summary["dry_run"], summary["problems"]) == (False, [])


def test_a_second_import_of_the_same_files_adds_nothing(
    cli: Cli, files: list[str], data: Path
) -> None:
    assert cli("import-csv", *files)[0] == 0
    before = stored_counts(data)
    code, out, _ = cli("import-csv", *reversed(files), "--json")
    assert code == 0
    summary = json.loads(out)
    assert set(summary["created"].values()) == set(summary["updated"].values()) == {0}
    assert stored_counts(data) == before


def test_problems_are_listed_by_place_and_nothing_is_written(
    cli: Cli, files: list[str], tmp_path: Path, data: Path
) -> None:
    bad = write_csv(
        tmp_path / "nachtrag.csv",
        [
            CONSULTATIONS_HEADER,
            ["T-1", "2024-02-30", "60", "buero", "", "", ""],
            ["T-9", "2024-03-01", "-10", "buero", "wohen", "", ""],
        ],
    )
    before = stored_counts(data)
    code, out, err = cli("import-csv", *files, bad, "--json")
    assert code == 3
    lines = err.splitlines()
    assert [line.split(": ")[:2] for line in lines[:4]] == [
        [f"{bad}:2", "date"],
        [f"{bad}:3", "duration_minutes"],
        [f"{bad}:3", "life_areas"],
        [f"{bad}:3", "household_ref"],
    ]
    assert "(Code wohnen)" in lines[2]
    assert lines[4].startswith("fsa-desk: ") and len(lines) == 5
    assert json.loads(out)["problems"] == lines[:4]
    assert stored_counts(data) == before


def test_dry_run_counts_and_writes_nothing(cli: Cli, files: list[str], data: Path) -> None:
    before = stored_counts(data)
    code, out, _ = cli("import-csv", "--dry-run", "--json", *files)
    assert code == 0
    summary = json.loads(out)
    assert summary["dry_run"] is True
    assert summary["created"]["consultations"] == 2
    assert stored_counts(data) == before


def test_plain_output_names_the_new_counsellors(cli: Cli, files: list[str]) -> None:
    code, out, _ = cli("import-csv", *files)
    assert code == 0
    assert "X1" in out
    assert all(path in out for path in files)


def test_a_missing_file_is_one_sentence_and_exit_2(cli: Cli, tmp_path: Path, data: Path) -> None:
    before = stored_counts(data)
    code, out, err = cli("import-csv", str(tmp_path / "fehlt.csv"))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "fehlt.csv" in err
    assert stored_counts(data) == before
