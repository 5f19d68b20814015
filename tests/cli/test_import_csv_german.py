"""``import-csv`` with what German offices produce (DESIGN.md §6, §8): exit codes, German
problem lines by place, rows missing from a later export listed, nothing written on error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Cli
from tests.cli.test_import_csv_command import stored_counts
from tests.services.test_spreadsheet_german import (
    CONSULTATIONS,
    german_export,
    workbook_export,
    write_text,
)


@pytest.fixture
def cli(installed: Cli) -> Cli:
    return installed


def test_a_german_excel_export_imports_and_names_what_it_read(cli: Cli, tmp_path: Path) -> None:
    paths = [str(path) for path in german_export(tmp_path)]
    code, out, err = cli("import-csv", *paths)
    assert code == 0, err
    assert f"{paths[2]}: 3 Zeilen (Beratungskontakte)" in out
    assert "Nicht gelesene Spalten: Lfd. Nr." in out
    assert "Angelegt: 2 Haushalte, 3 Personen, 3 Beratungskontakte" in out


def test_a_workbook_imports_like_the_csv_files(cli: Cli, tmp_path: Path) -> None:
    (path,) = workbook_export(tmp_path)
    code, out, err = cli("import-csv", str(path), "--json")
    assert code == 0, err
    summary = json.loads(out)
    assert summary["created"]["consultations"] == 3
    assert [f["kind"] for f in summary["files"]] == [
        "households", "persons", "consultations", None
    ]  # fmt: skip


def test_bad_rows_are_listed_by_place_in_german_and_nothing_is_written(
    cli: Cli, tmp_path: Path, data: Path
) -> None:
    paths = german_export(tmp_path)
    bad = [
        ["4", "T-001", "30.02.2025", "60", "Büro", "", "B1", ""],
        ["5", "T-404", "01.03.2025", "-10", "Büro", "Wohnen, Gesundheitt", "B1", ""],
    ]
    write_text(paths[2], [*CONSULTATIONS, *bad])
    before = stored_counts(data)
    code, out, err = cli("import-csv", *map(str, paths))
    assert code == 3
    lines = err.splitlines()
    assert [line.split(": ")[:2] for line in lines[:4]] == [
        [f"{paths[2]}:7", "Datum"],
        [f"{paths[2]}:8", "Dauer (Min.)"],
        [f"{paths[2]}:8", "Lebensbereiche"],
        [f"{paths[2]}:8", "Haushalt-Nr."],
    ]
    assert "30.02.2025" in lines[0] and "„Gesundheit“" in lines[2]
    assert lines[4].startswith("fsa-desk: ") and len(lines) == 5
    assert out == ""
    assert stored_counts(data) == before


def test_rows_missing_from_a_later_export_are_listed_not_deleted(cli: Cli, tmp_path: Path) -> None:
    paths = german_export(tmp_path)
    assert cli("import-csv", *map(str, paths))[0] == 0
    write_text(paths[2], [row for row in CONSULTATIONS if row[0] != "2"])
    code, out, _ = cli("import-csv", *map(str, paths), "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["not_in_import"]["consultations"] == 1
    assert summary["not_in_import_rows"] == [
        {
            "kind": "consultations",
            "household_ref": "T-001",
            "date": "2026-02-03",
            "contact_type": "telefon",
        }
    ]
    code, out, _ = cli("import-csv", *map(str, paths))
    assert "Beratungskontakt von Haushalt T-001 am 03.02.2026 (Telefon)" in out


def test_an_old_excel_file_is_one_sentence_and_exit_2(cli: Cli, tmp_path: Path) -> None:
    old = tmp_path / "Kontakte.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    code, out, err = cli("import-csv", str(old))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and ".xlsx" in err
