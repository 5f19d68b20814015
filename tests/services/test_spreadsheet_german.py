"""German Excel documentation into fsa-desk (DESIGN.md §8): the files offices really produce.

Every file is written here, shaped like a German office's export: Windows-1252 with ``;``,
German headers and dates, umlauts, a title block above the header, notes with line breaks,
workbooks with merged title cells and several sheets. No real data.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from fsa_desk.errors import UsageError
from fsa_desk.services.spreadsheet_import import (
    ImportSummary,
    SpreadsheetRejected,
    apply_import,
    import_files,
    plan_import,
)
from fsa_desk.services.spreadsheet_preview import preview_files
from fsa_desk.store.models import (
    Address,
    Consultation,
    ConsultationLifeArea,
    Household,
    Person,
    ResidenceStatus,
)
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY
from tests.services.test_spreadsheet_import import (
    database_content,
    fresh_store,
    only,
    row_counts,
)

Rows = list[list[str]]
TITLE = [["Beratungsstelle Mitte – Dokumentation"], ["Stand: 31.10.2026"], []]
HOUSEHOLDS: Rows = [
    ["Haushalt-Nr.", "Zuweisung", "Stadtteil", "Berater:in"],
    ["T-001", "15.01.2025", "Johannstadt-Nord", "B1"],
    ["T-002", "1.6.2023", "Gorbitz-Süd", "Z7"],
]
PERSONS: Rows = [
    ["Haushalt-Nr.", "Nachname", "Vorname", "Geburtsdatum", "Geschlecht", "Staatsangehörigkeit",
     "Aufenthaltsstatus"],
    ["T-001", "Testfrau", "Alva", "05.1990", "weiblich", "syrisch", "Aufenthaltsgestattung"],
    ["T-001", "Testfrau", "Jörg", "2016", "männlich", "Syrien", ""],
    ["T-002", "Müller-Özdemir", "Cem", "03.02.1985", "m", "afghanisch, türkisch",
     "AE § 25 Abs. 2"],
]  # fmt: skip
CONSULTATIONS: Rows = [
    ["Lfd. Nr.", "Haushalt-Nr.", "Datum", "Dauer (Min.)", "Kontaktart", "Lebensbereiche",
     "Berater:in", "Bemerkung"],
    ["1", "T-001", "03.02.2025", "60", "Büro", "Alltag, Werte und Orientierung; Wohnen", "B1",
     "Mietvertrag, Kaution\nund Übergabe besprochen"],
    ["2", "T-001", "3.2.2026", "30,0", "Telefon", "Materielle Existenzsicherung", "", ""],
    ["3", "T-002", "01.03.2024", "45", "Hausbesuch", "Schule/Kita\nGesundheit", "z7", ""],
]  # fmt: skip
SHEETS = {"Haushalte": HOUSEHOLDS, "Personen": PERSONS, "Kontakte": CONSULTATIONS}
# The note of the first consultation and the life areas of the third span two lines each.
CONSULTATION_LINES = {"first": 2, "appended": 7}


def write_text(
    path: Path, rows: Rows, *, encoding: str = "cp1252", delimiter: str = ";", title: bool = False
) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([*(TITLE if title else []), *rows])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def german_export(folder: Path) -> list[Path]:
    """What "Speichern unter → CSV (Trennzeichen-getrennt)" gives: cp1252, ``;``, CRLF."""
    return [
        write_text(folder / "Haushalte.csv", HOUSEHOLDS, title=True),
        write_text(folder / "Personen.csv", PERSONS),
        write_text(folder / "Kontakte.csv", CONSULTATIONS),
    ]


def utf8_bom_export(folder: Path) -> list[Path]:
    """ "CSV UTF-8" from a newer Excel: a byte-order mark, and commas where Excel is English."""
    return [
        write_text(folder / f"{name}.csv", rows, encoding="utf-8-sig", delimiter=",")
        for name, rows in SHEETS.items()
    ]


def unicode_text_export(folder: Path) -> list[Path]:
    """Excel's "Unicode-Text": UTF-16 with tabs."""
    return [
        write_text(folder / f"{name}.txt", rows, encoding="utf-16", delimiter="\t")
        for name, rows in SHEETS.items()
    ]


def workbook_export(folder: Path) -> list[Path]:
    """One workbook, a sheet per table, each under a merged title block; date cells hold
    datetimes, durations numbers; a legend sheet and empty formatted rows at the end."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in SHEETS.items():
        sheet = book.create_sheet(name)
        sheet.append([f"{name} – Beratungsstelle Mitte"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
        sheet.append([])
        header = rows[0]
        sheet.append(header)
        for row in rows[1:]:
            sheet.append(
                [cell_value(column, value) for column, value in zip(header, row, strict=True)]
            )
        sheet.cell(row=len(rows) + 12, column=2).number_format = "DD.MM.YYYY"  # empty, styled
    legend = book.create_sheet("Legende")
    legend.append(["Kontaktart", "Bedeutung"])
    legend.append(["Büro", "persönlich in der Beratungsstelle"])
    path = folder / "Dokumentation.xlsx"
    book.save(path)
    return [path]


def cell_value(column: str, text: str) -> object:
    """What Excel stores in a cell the export shows as ``text``."""
    if column in {"Zuweisung", "Datum", "Geburtsdatum"} and text.count(".") == 2:
        day, month, year = (int(part) for part in text.split("."))
        return datetime(year, month, day)
    if column == "Dauer (Min.)":
        return float(text.replace(",", ".")) if "," in text else int(text)
    return text or None


def run(store: Store, paths: Sequence[Path], **options: object) -> ImportSummary:
    return import_files(store, list(paths), today=TODAY, **options)  # type: ignore[arg-type]


def problems_of(store: Store, paths: Sequence[Path]) -> list[str]:
    with pytest.raises(SpreadsheetRejected) as rejected:
        run(store, paths)
    return [str(problem) for problem in rejected.value.summary.problems]


# --- what German offices produce -------------------------------------------------------------


def test_a_german_excel_csv_export_imports_with_its_umlauts_and_german_values(
    store: Store, tmp_path: Path
) -> None:
    summary = run(store, german_export(tmp_path))
    assert (summary.created.households, summary.created.persons) == (2, 3)
    assert (summary.created.consultations, summary.new_counsellors) == (3, ("Z7",))
    assert summary.files[0].ignored_columns == ()
    assert summary.files[2].ignored_columns == ("Lfd. Nr.",)
    t2 = only(store, Household, household_ref="T-002")
    assert t2.allocation_date == date(2023, 6, 1)
    assert only(store, Address, household_id=t2.id).district == "Gorbitz-Süd"
    cem = only(store, Person, given_name="Cem")
    assert (cem.family_name, cem.birth_day, cem.sex, cem.nationalities) == (
        "Müller-Özdemir", 3, "m", "AF,TR"
    )  # fmt: skip
    status = only(store, ResidenceStatus, person_id=cem.id)
    assert (status.status, status.detail) == ("erlaubnis", "§ 25 Abs. 2")
    assert only(store, Person, given_name="Jörg").nationalities == "SY"
    first = only(store, Consultation, date=date(2025, 2, 3))
    assert (first.contact_type, first.duration_minutes) == ("buero", 60)
    assert first.note == "Mietvertrag, Kaution\nund Übergabe besprochen"
    assert life_areas(store, first.id) == ["alltag", "wohnen"]
    home_visit = only(store, Consultation, date=date(2024, 3, 1))
    assert life_areas(store, home_visit.id) == ["gesundheit", "schule_kita"]


def life_areas(store: Store, consultation_id: object) -> list[str]:
    link = ConsultationLifeArea
    with store.read() as session:
        query = select(link.life_area).where(link.consultation_id == consultation_id)
        return sorted(session.scalars(query))


@pytest.mark.parametrize(
    "export", [utf8_bom_export, unicode_text_export, workbook_export], ids=lambda f: f.__name__
)
def test_the_same_spreadsheet_saved_another_way_imports_to_the_same_records(
    tmp_path_factory: pytest.TempPathFactory, export: Callable[[Path], list[Path]]
) -> None:
    german = german_export(tmp_path_factory.mktemp("german"))
    other = export(tmp_path_factory.mktemp("other"))
    with fresh_store(tmp_path_factory) as first, fresh_store(tmp_path_factory) as second:
        import_files(first, german, today=TODAY)
        summary = import_files(second, other, today=TODAY)
        assert summary.created.consultations == 3
        assert database_content(second) == database_content(first)


def test_a_workbook_reads_its_sheets_below_their_titles_and_skips_the_legend(
    store: Store, tmp_path: Path
) -> None:
    (path,) = workbook_export(tmp_path)
    summary = run(store, [path])
    assert [(f.file, f.kind, f.rows) for f in summary.files] == [
        (f"{path}[Haushalte]", "households", 2),
        (f"{path}[Personen]", "persons", 3),
        (f"{path}[Kontakte]", "consultations", 3),
        (f"{path}[Legende]", None, 1),
    ]


def test_a_duration_in_hours_with_a_decimal_comma_or_as_h_mm_becomes_minutes(
    store: Store, tmp_path: Path
) -> None:
    households, persons, _ = german_export(tmp_path)
    consultations = write_text(
        tmp_path / "Stunden.csv",
        [
            ["Haushalt-Nr.", "Datum", "Dauer (Std.)", "Kontaktart"],
            ["T-001", "03.02.2025", "1,5", "Büro"],
            ["T-001", "04.02.2025", "0:45", "Telefon"],
        ],
    )
    run(store, [households, persons, consultations])
    with store.read() as session:
        minutes = session.scalars(select(Consultation.duration_minutes).order_by(Consultation.date))
        assert list(minutes) == [90, 45]


def test_a_time_cell_in_a_workbook_is_a_duration(store: Store, tmp_path: Path) -> None:
    households, persons, _ = german_export(tmp_path)
    book = Workbook()
    book.active.append(["Haushalt-Nr.", "Datum", "Dauer (Std.)", "Kontaktart"])
    book.active.append(["T-001", datetime(2025, 2, 3, 0, 0), time(1, 30), "Büro"])
    book.save(tmp_path / "dauer.xlsx")
    run(store, [households, persons, tmp_path / "dauer.xlsx"])
    assert only(store, Consultation, date=date(2025, 2, 3)).duration_minutes == 90


# --- bad rows: every kind reported in German at its place, nothing written -------------------

# (cells of an appended consultation row, the column as the file names it, text the message quotes)
BAD_CONSULTATIONS = [
    (["4", "T-404", "03.02.2025", "60", "Büro", "", "B1", ""], "Haushalt-Nr.", "T-404"),
    (["4", "T-001", "31.02.2025", "60", "Büro", "", "B1", ""], "Datum", "31.02.2025"),
    (["4", "T-001", "03.02.25", "60", "Büro", "", "B1", ""], "Datum", "vierstellig"),
    (["4", "T-001", "03.02.2025", "-15", "Büro", "", "B1", ""], "Dauer (Min.)", "negativ"),
    (["4", "T-001", "03.02.2025", "eine Stunde", "Büro", "", "B1", ""], "Dauer (Min.)", "eine"),
    (["4", "T-001", "03.02.2025", "60", "Fax", "", "B1", ""], "Kontaktart", "Fax"),
    (["4", "T-001", "03.02.2025", "60", "Büro", "Gesundheitt", "B1", ""], "Lebensbereiche",
     "„Gesundheit“ (Code gesundheit)"),
    (["9", "T-002", "01.03.2024", "45", "Hausbesuch", "Schule/Kita\nGesundheit", "z7", ""],
     "Zeile", "Zeile 5"),  # the row of line 5 again, under another running number
]  # fmt: skip


@pytest.mark.parametrize("cells, column, quoted", BAD_CONSULTATIONS)
def test_a_bad_row_in_a_german_export_rejects_everything(
    store: Store, tmp_path: Path, cells: list[str], column: str, quoted: str
) -> None:
    paths = german_export(tmp_path)
    write_text(paths[2], [*CONSULTATIONS, cells])
    before = row_counts(store)
    problems = problems_of(store, paths)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{paths[2]}:{CONSULTATION_LINES['appended']}: {column}: ")
    assert quoted in problems[0]
    assert row_counts(store) == before


@pytest.mark.parametrize(
    "cells, column, quoted",
    [
        (["T-001", "Testfrau", "Ida", "31.02.1990"], "Geburtsdatum", "31.02.1990"),
        (["T-001", "Testfrau", "Ida", "", "q"], "Geschlecht", "q"),
        (["T-001", "Testfrau", "Ida", "", "", "Atlantis"], "Staatsangehörigkeit", "Atlantis"),
        (["T-001", "Testfrau", "Ida", "", "", "", "Visum § 6"], "Aufenthaltsstatus", "Visum"),
    ],
)
def test_a_bad_person_row_names_the_german_column_but_not_the_person(
    store: Store, tmp_path: Path, cells: list[str], column: str, quoted: str
) -> None:
    paths = german_export(tmp_path)
    write_text(paths[1], [*PERSONS, cells])
    problems = problems_of(store, paths)
    assert len(problems) == 1
    assert problems[0].startswith(f"{paths[1]}:5: {column}: ")
    assert quoted in problems[0]
    assert "Ida" not in problems[0] and "Testfrau" not in problems[0]


def test_a_column_without_a_name_may_stay_empty_but_not_hold_values(
    store: Store, tmp_path: Path
) -> None:
    households, persons, _ = german_export(tmp_path)
    header = ["Haushalt-Nr.", "", "Datum", "Dauer", "Kontaktart"]
    empty = write_text(tmp_path / "a.csv", [header, ["T-001", "", "03.02.2025", "60", "Büro"]])
    assert run(store, [households, persons, empty], dry_run=True).created.consultations == 1
    full = write_text(tmp_path / "a.csv", [header, ["T-001", "x", "03.02.2025", "60", "Büro"]])
    (problem,) = problems_of(store, [households, persons, full])
    assert problem.startswith(f"{full}:1: Kopfzeile: ") and "2" in problem


@pytest.mark.parametrize(
    "name, content",
    [
        ("alt.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)),
        ("kaputt.xlsx", b"PK\x03\x04 not really a workbook"),
        ("bild.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("fehlt.csv", None),
    ],
)
def test_a_file_that_cannot_be_read_is_a_usage_error_naming_it(
    store: Store, tmp_path: Path, name: str, content: bytes | None
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UsageError, match=name.replace(".", r"\.")):
        run(store, [path])


# --- a later export of the same spreadsheet --------------------------------------------------


def test_a_later_export_updates_changed_rows_and_reports_the_missing_ones(
    store: Store, tmp_path: Path
) -> None:
    paths = german_export(tmp_path)
    run(store, paths)
    later = [
        CONSULTATIONS[0],
        ["1", "T-001", "03.02.2025", "90", "Büro", "Wohnen", "B1", "Kaution bezahlt"],
        # line 3 of the first export (T-001, 03.02.2026, Telefon) was deleted in Excel
        ["3", "T-002", "01.03.2024", "45", "Hausbesuch", "Schule/Kita\nGesundheit", "z7", ""],
        ["4", "T-002", "05.03.2024", "20", "Telefon", "Gesundheit", "z7", ""],
    ]
    write_text(paths[2], later)
    summary = run(store, paths)
    assert (summary.created.consultations, summary.updated.consultations) == (1, 1)
    assert summary.not_in_import.consultations == 1
    (missing,) = summary.not_in_import_rows
    assert (missing.household_ref, missing.date, missing.contact_type) == (
        "T-001", date(2026, 2, 3), "telefon"
    )  # fmt: skip
    assert "03.02.2026" in missing.describe() and "Telefon" in missing.describe()
    changed = only(store, Consultation, date=date(2025, 2, 3))
    assert (changed.duration_minutes, changed.note) == (90, "Kaution bezahlt")
    assert only(store, Consultation, date=date(2026, 2, 3)).deleted_hlc is None  # kept
    before = row_counts(store)
    again = run(store, paths)
    assert (again.created.total, again.updated.total) == (0, 0)
    assert row_counts(store) == before


def test_records_of_other_households_are_not_reported_missing(store: Store, tmp_path: Path) -> None:
    paths = german_export(tmp_path)
    run(store, paths)
    only_t2 = write_text(tmp_path / "Nachtrag.csv", [CONSULTATIONS[0], CONSULTATIONS[3]])
    summary = run(store, [only_t2])
    assert summary.not_in_import.total == 0


# --- progress, preview, columns chosen in the wizard -----------------------------------------


def test_progress_counts_up_to_everything_written(store: Store, tmp_path: Path) -> None:
    reports: list[tuple[int, int]] = []
    run(store, german_export(tmp_path), progress=lambda done, total: reports.append((done, total)))
    totals = {total for _done, total in reports}
    assert len(totals) == 1 and reports[-1] == (totals.pop(), reports[-1][1])
    assert [done for done, _total in reports] == sorted(done for done, _total in reports)


class Stop(Exception):
    pass


def test_an_import_stopped_through_its_progress_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    def stop(done: int, total: int) -> None:
        if done:
            raise Stop

    before = row_counts(store)
    with pytest.raises(Stop):
        run(store, german_export(tmp_path), progress=stop)
    assert row_counts(store) == before


def test_the_preview_shows_the_first_rows_and_how_each_column_is_read(tmp_path: Path) -> None:
    households, _, consultations = german_export(tmp_path)
    first, second = preview_files([households, consultations], rows=2)
    assert (first.kind, first.header_line, first.rows) == ("households", 4, 2)
    assert (first.encoding, first.delimiter) == ("Windows-1252", ";")
    assert [c.column for c in first.columns] == [
        "household_ref", "allocation_date", "district", "counsellor_code"
    ]  # fmt: skip
    assert first.columns[2].samples == ("Johannstadt-Nord", "Gorbitz-Süd")
    assert second.sample_lines == (2, 4)  # the note of line 2 spans two lines
    assert (second.columns[0].name, second.columns[0].column, second.columns[0].ignored) == (
        "Lfd. Nr.", None, True
    )  # fmt: skip


def test_columns_chosen_by_the_user_read_a_sheet_the_header_does_not_explain(
    store: Store, tmp_path: Path
) -> None:
    households, persons, _ = german_export(tmp_path)
    odd = write_text(
        tmp_path / "Liste.csv",
        [["Nr", "Wann", "Min", "Wie", "Farbe"], ["T-001", "03.02.2025", "60", "Büro", "grün"]],
    )
    assert plan_import(store, [households, persons, odd], today=TODAY).problems
    chosen = {str(odd): ["household_ref", "date", "duration_minutes", "contact_type", None]}
    plan = plan_import(store, [households, persons, odd], today=TODAY, columns=chosen)
    assert plan.problems == ()
    assert apply_import(store, plan).created.consultations == 1
