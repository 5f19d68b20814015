"""Spreadsheet import benchmarks at Mitte scale: 500 households, ~1,500 persons, ~70,000
consultations as one provider's CSV export (DESIGN.md §8, §9) — in the canonical format and as
German Excel saves it (Windows-1252, ``;``, German headers, dates and words).

Run: pytest tests/benchmarks/test_import_csv_benchmarks.py --benchmark-only
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from tests.conftest import TEST_KEY

from fsa_desk.domain.codes import code_list
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.spreadsheet_import import ImportSummary, import_files
from fsa_desk.store.store import Store, open_store

HOUSEHOLDS = 500
CONSULTATIONS = 70_000
TODAY = date(2026, 1, 1)
LIFE_AREAS = ("wohnen", "Gesundheit", "Alltag, Werte und Orientierung", "familie", "Schule/Kita")
CONTACT_TYPES = ("buero", "telefon", "hausbesuch", "online", "begleitung", "indirekt")


GERMAN_HEADERS = {
    "household_ref": "Haushalt-Nr.", "allocation_date": "Zuweisung", "district": "Stadtteil",
    "counsellor_code": "Berater:in", "family_name": "Nachname", "given_name": "Vorname",
    "birth_date": "Geburtsdatum", "sex": "Geschlecht", "nationality": "Staatsangehörigkeit",
    "residence_status": "Aufenthaltsstatus", "date": "Datum", "duration_minutes": "Dauer (Min.)",
    "contact_type": "Kontaktart", "life_areas": "Lebensbereiche", "notes": "Bemerkung",
}  # fmt: skip
GERMAN_WORDS = {"w": "weiblich", "m": "männlich", "SYR": "syrisch", "gestattung": "Gestattung"}


@pytest.fixture(scope="module")
def tables() -> list[list[list[object]]]:
    """A provider's tables: households, persons and consultations over five years."""
    rnd = random.Random(20261101)
    allocations = [date(2020, 1, 1) + timedelta(days=rnd.randrange(730)) for _ in range(HOUSEHOLDS)]
    return [_households(allocations), _persons(rnd), _consultations(rnd, allocations)]


@pytest.fixture(scope="module")
def export(
    tmp_path_factory: pytest.TempPathFactory, tables: list[list[list[object]]]
) -> list[Path]:
    """The tables in the canonical format: UTF-8, ``,``, English headers, ISO dates, codes."""
    folder = tmp_path_factory.mktemp("export")
    names = ("haushalte.csv", "personen.csv", "kontakte.csv")
    return [_write(folder / name, rows) for name, rows in zip(names, tables, strict=True)]


@pytest.fixture(scope="module")
def german_export(
    tmp_path_factory: pytest.TempPathFactory, tables: list[list[list[object]]]
) -> list[Path]:
    """The same tables as German Excel saves them: cp1252, ``;``, German headers, dates and
    words, a title row above each header."""
    folder = tmp_path_factory.mktemp("german")
    names = ("Haushalte.csv", "Personen.csv", "Kontakte.csv")
    return [
        _write(folder / name, [["Dokumentation 2020–2025"], *map(_german, rows)], german=True)
        for name, rows in zip(names, tables, strict=True)
    ]


def _german(row: list[object]) -> list[object]:
    contact_types = code_list("contact_types")
    cells: list[object] = []
    for value in row:
        if isinstance(value, date):
            value = f"{value:%d.%m.%Y}"
        elif isinstance(value, str) and value in contact_types:
            value = contact_types.label(value)
        cells.append(GERMAN_HEADERS.get(str(value), GERMAN_WORDS.get(str(value), value)))
    return cells


def _write(path: Path, rows: list[list[object]], *, german: bool = False) -> Path:
    encoding, delimiter = ("cp1252", ";") if german else ("utf-8", ",")
    with path.open("w", encoding=encoding, newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)
    return path


def _households(allocations: list[date]) -> list[list[object]]:
    header: list[object] = ["household_ref", "allocation_date", "district", "counsellor_code"]
    rows = [
        [f"M-{n:04d}", day, "Johannstadt-Nord", f"K{n % 6}"] for n, day in enumerate(allocations)
    ]
    return [header, *rows]


def _persons(rnd: random.Random) -> list[list[object]]:
    header: list[object] = [
        "household_ref", "family_name", "given_name", "birth_date", "sex", "nationality",
        "residence_status",
    ]  # fmt: skip
    rows: list[list[object]] = []
    for n in range(HOUSEHOLDS):
        for k in range(rnd.randint(1, 5)):
            birth, sex = rnd.randint(1960, 2020), rnd.choice("wm")
            status = rnd.choice(["gestattung", "Duldung", ""])
            rows.append([f"M-{n:04d}", f"Probe{n}", f"Vorname{k}", birth, sex, "SYR", status])
    return [header, *rows]


def _consultations(rnd: random.Random, allocations: list[date]) -> list[list[object]]:
    header: list[object] = [
        "household_ref", "date", "duration_minutes", "contact_type", "life_areas",
        "counsellor_code", "notes",
    ]  # fmt: skip
    rows: dict[tuple[object, ...], list[object]] = {}
    while len(rows) < CONSULTATIONS:  # a row twice would be rejected as pasted twice
        n = rnd.randrange(HOUSEHOLDS)
        day = min(allocations[n] + timedelta(days=rnd.randrange(5 * 365)), date(2025, 12, 31))
        areas = "; ".join(rnd.sample(LIFE_AREAS, rnd.randint(1, 2)))
        note = rnd.choice(["", "", "Antrag besprochen, Termin vereinbart"])
        minutes = rnd.choice([15, 30, 45, 60, 90])
        row = [f"M-{n:04d}", day, minutes, rnd.choice(CONTACT_TYPES), areas, f"K{n % 6}", note]
        rows.setdefault(tuple(row), row)
    return [header, *rows.values()]


def _fresh_store(root: Path) -> Store:
    initialise(root, TEST_KEY, NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat"))
    return open_store(root, TEST_KEY)


def test_import_of_a_mitte_scale_export_into_an_empty_store(
    benchmark: BenchmarkFixture, export: list[Path], tmp_path: Path
) -> None:
    _import_into_empty_stores(benchmark, export, tmp_path)


def test_import_of_a_mitte_scale_german_excel_export_into_an_empty_store(
    benchmark: BenchmarkFixture, german_export: list[Path], tmp_path: Path
) -> None:
    _import_into_empty_stores(benchmark, german_export, tmp_path)


def _import_into_empty_stores(
    benchmark: BenchmarkFixture, export: list[Path], tmp_path: Path
) -> None:
    stores: list[Store] = []

    def setup() -> tuple[tuple[Store], dict[str, object]]:
        stores.append(_fresh_store(tmp_path / f"d{len(stores)}"))
        return (stores[-1],), {}

    def run(store: Store) -> ImportSummary:
        return import_files(store, export, today=TODAY)

    try:
        summary = benchmark.pedantic(run, setup=setup, rounds=1, iterations=1)
    finally:
        for store in stores:
            store.close()
    assert summary.created.consultations == CONSULTATIONS


def test_reimport_of_the_same_export_changes_nothing(
    benchmark: BenchmarkFixture, export: list[Path], tmp_path: Path
) -> None:
    with _fresh_store(tmp_path / "d") as store:
        import_files(store, export, today=TODAY)
        summary = benchmark.pedantic(
            import_files, args=(store, export), kwargs={"today": TODAY}, rounds=3, iterations=1
        )
    assert summary.created.total == summary.updated.total == 0
