"""Spreadsheet import (DESIGN.md §8): all or nothing, every problem with its place, idempotent.

Messages are asserted by their place (``file:line: column:``) and the values they quote, not by
their wording, which the German catalog translates.
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from fsa_desk.domain.spreadsheet_header import COLUMNS, FileKind
from fsa_desk.errors import UsageError
from fsa_desk.services import consultations, fachleistung, search_index
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.spreadsheet_import import (
    ImportSummary,
    SpreadsheetRejected,
    apply_import,
    import_files,
    plan_import,
)
from fsa_desk.store.base import Exchanged
from fsa_desk.store.models import (
    Address,
    ChangeLog,
    Consultation,
    ConsultationLifeArea,
    Counsellor,
    Household,
    Membership,
    Person,
    ResidenceStatus,
)
from fsa_desk.store.store import Store, exchanged_tables, open_store
from tests.conftest import TEST_KEY
from tests.services.conftest import TODAY, Family

Model = TypeVar("Model", bound=Exchanged)

HOUSEHOLDS = COLUMNS[FileKind.HOUSEHOLDS]
PERSONS = COLUMNS[FileKind.PERSONS]
CONSULTATIONS = COLUMNS[FileKind.CONSULTATIONS]


def write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def sheets(tmp_path: Path) -> dict[str, Path]:
    """Two households, three persons, three consultations: a small valid spreadsheet export."""
    return {
        "households": write_csv(
            tmp_path / "haushalte.csv",
            HOUSEHOLDS,
            [
                ["T-001", "2025-01-15", "Johannstadt-Nord", "B1"],
                ["T-002", "2023-06-01", "", "Z7"],
            ],
        ),
        "persons": write_csv(
            tmp_path / "personen.csv",
            PERSONS,
            [
                ["T-001", "Testfrau", "Alva", "1990-05", "w", "SYR", "Aufenthaltsgestattung"],
                ["T-001", "Testfrau", "Bo", "2016", "m", "Syrien", ""],
                ["T-002", "Beispiel", "Cem", "1985-02-03", "männlich", "AF; TR", "duldung"],
            ],
        ),
        "consultations": write_csv(
            tmp_path / "kontakte.csv",
            CONSULTATIONS,
            [
                [
                    "T-001",
                    "2025-02-03",
                    "60",
                    "buero",
                    "Alltag, Werte und Orientierung; wohnen",
                    "B1",
                    "Mietvertrag, Kaution\nund Übergabe besprochen",
                ],
                ["T-001", "2026-02-03", "30", "telefon", "Materielle Existenzsicherung", "", ""],
                ["T-002", "2024-03-01", "45", "Hausbesuch", "Schule/Kita", "z7", ""],
            ],
        ),
    }


def run(store: Store, paths: Sequence[Path], **options: object) -> ImportSummary:
    return import_files(store, list(paths), today=TODAY, **options)  # type: ignore[arg-type]


def rejected(store: Store, paths: Sequence[Path]) -> list[str]:
    with pytest.raises(SpreadsheetRejected) as error:
        run(store, paths)
    return [str(problem) for problem in error.value.summary.problems]


def row_counts(store: Store) -> dict[str, int]:
    """Rows per exchanged table and in the change log: what "nothing written" compares."""
    with store.read() as session:
        counts = {
            table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
            for table in exchanged_tables()
        }
        counts["change_log"] = session.execute(select(func.count(ChangeLog.seq))).scalar_one()
    return counts


def only(store: Store, model: type[Model], **where: object) -> Model:
    with store.read() as session:
        return session.scalars(select(model).filter_by(**where)).one()


# --- a valid import --------------------------------------------------------------------------


def test_import_creates_households_persons_and_consultations(
    store: Store, sheets: dict[str, Path]
) -> None:
    summary = run(store, sheets.values())
    assert (summary.created.households, summary.created.persons) == (2, 3)
    assert (summary.created.consultations, summary.created.counsellors) == (3, 1)
    assert summary.new_counsellors == ("Z7",)
    assert [(f.kind, f.rows) for f in summary.files] == [
        ("households", 2),
        ("persons", 3),
        ("consultations", 3),
    ]
    household = only(store, Household, household_ref="T-001")
    assert household.allocation_date == date(2025, 1, 15)
    assert household.provider == "Ausländerrat"
    address = only(store, Address, household_id=household.id)
    assert (address.district, address.region) == ("Johannstadt-Nord", "mitte")


def test_persons_get_typed_values_and_a_membership(store: Store, sheets: dict[str, Path]) -> None:
    run(store, sheets.values())
    alva = only(store, Person, given_name="Alva")
    cem = only(store, Person, given_name="Cem")
    assert (alva.birth_year, alva.birth_month, alva.birth_day) == (1990, 5, None)
    assert (alva.sex, alva.nationalities, cem.sex, cem.nationalities) == ("w", "SY", "m", "AF,TR")
    with store.read() as session:
        roles = dict(
            session.execute(
                select(Person.given_name, Membership.role).join(
                    Membership, Membership.person_id == Person.id
                )
            ).all()
        )
        statuses = set(session.scalars(select(ResidenceStatus.status)))
    assert roles == {"Alva": "haushaltsvorstand", "Bo": "sonstige", "Cem": "haushaltsvorstand"}
    assert statuses == {"gestattung", "duldung"}


def test_consultations_get_module_areas_counsellor_and_multiline_note(
    store: Store, sheets: dict[str, Path]
) -> None:
    run(store, sheets.values())
    with store.read() as session:
        rows = session.scalars(select(Consultation).order_by(Consultation.date)).all()
        areas = {
            row.date: sorted(
                session.scalars(
                    select(ConsultationLifeArea.life_area).where(
                        ConsultationLifeArea.consultation_id == row.id
                    )
                )
            )
            for row in rows
        }
        z7 = session.scalars(select(Counsellor).where(Counsellor.code == "Z7")).one()
    assert [(r.date, r.module, r.billable, r.contact_type) for r in rows] == [
        (date(2024, 3, 1), "willkommen", False, "hausbesuch"),
        (date(2025, 2, 3), "willkommen", False, "buero"),
        (date(2026, 2, 3), "integrationsbuero", False, "telefon"),
    ]
    assert areas == {
        date(2024, 3, 1): ["schule_kita"],
        date(2025, 2, 3): ["alltag", "wohnen"],
        date(2026, 2, 3): ["existenzsicherung"],
    }
    assert rows[0].counsellor_id == z7.id  # "z7" names the new counsellor Z7
    assert rows[2].counsellor_id == store.installation_counsellor_id()  # empty: this one
    assert rows[1].note == "Mietvertrag, Kaution\nund Übergabe besprochen"


def test_imported_clients_are_found_by_the_search(store: Store, sheets: dict[str, Path]) -> None:
    run(store, sheets.values())
    assert [hit.household_ref for hit in search_index.search(store, "Testfrau")] == ["T-001"]


def test_rows_can_refer_to_a_household_entered_by_hand(
    store: Store, family: Family, tmp_path: Path
) -> None:
    persons = write_csv(tmp_path / "p.csv", PERSONS, [["B1-2024-001", "Haddad", "Lina", "2025"]])
    summary = run(store, [persons])
    assert (summary.created.households, summary.created.persons) == (0, 1)
    lina = only(store, Person, given_name="Lina")
    membership = only(store, Membership, person_id=lina.id)
    assert (membership.household_id, membership.role) == (family.household.id, "sonstige")


def test_billability_is_derived_against_a_running_bewilligung(
    store: Store, family: Family, tmp_path: Path
) -> None:
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 3, 1))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "AZ-1", date(2025, 4, 1), date(2025, 9, 30), Decimal("1")
        ),
        today=TODAY,
    )
    rows = [["B1-2024-001", f"2025-04-0{day}", "60", "buero", "wohnen", "", ""] for day in (1, 2)]
    run(store, [write_csv(tmp_path / "k.csv", CONSULTATIONS, rows)])
    with store.read() as session:
        stored = session.execute(
            select(Consultation.module, Consultation.billable, Consultation.billable_reason)
            .order_by(Consultation.date)
        ).all()  # fmt: skip
    assert [tuple(row) for row in stored] == [
        ("fachleistung", True, None),
        ("fachleistung", False, "ueber_budget"),
    ]


# --- bad rows: all reported, nothing written ------------------------------------------------

# (file, cells of an appended row, column of the problem, text the message quotes)
BAD_ROWS = [
    ("consultations", ["T-404", "2025-02-03", "60", "buero"], "household_ref", "T-404"),
    ("consultations", ["T-001", "2024-02-30", "60", "buero"], "date", "2024-02-30"),
    ("consultations", ["T-001", "2030-01-02", "60", "buero"], "date", "02.01.2030"),
    ("consultations", ["T-001", "1899-12-31", "60", "buero"], "date", "31.12.1899"),
    ("consultations", ["T-001", "2025-01-14", "60", "buero"], "date", "15.01.2025"),  # allocation
    ("consultations", ["T-001", "2025-02-03", "-5", "buero"], "duration_minutes", "-5"),
    ("consultations", ["T-001", "2025-02-03", "721", "buero"], "duration_minutes", "721"),
    ("consultations", ["T-001", "2025-02-03", "1h", "buero"], "duration_minutes", "1h"),
    ("consultations", ["T-001", "2025-02-03", "60", "fax"], "contact_type", "fax"),
    ("consultations", ["T-001", "2025-02-03", "60", "buero", "wohen"], "life_areas", "wohnen)"),
    (
        "consultations",
        ["T-001", "2025-02-03", "60", "buero", "Alltag, Werte"],
        "life_areas",
        "Werte",
    ),
    ("persons", ["T-404", "Ali", "Amal"], "household_ref", "T-404"),
    ("persons", ["T-001", "Ali", "Amal", "1990-02-30"], "birth_date", "1990-02-30"),
    ("persons", ["T-001", "Ali", "Amal", "2031"], "birth_date", "2031"),
    ("persons", ["T-001", "Ali", "Amal", "", "q"], "sex", "q"),
    ("persons", ["T-001", "Ali", "Amal", "", "", "Atlantis"], "nationality", "Atlantis"),
    ("persons", ["T-001", "Ali", "Amal", "", "", "", "Visum"], "residence_status", "Visum"),
    ("persons", ["T-001", "", "Amal"], "family_name", ""),
    ("persons", ["T-001", "testfrau", "alva", "1990-05"], "family_name", "personen.csv:2"),
]
# The note of the first consultation spans two lines: the appended record starts on line 6.
APPENDED_LINE = {"consultations": 6, "persons": 5}


@pytest.mark.parametrize("sheet, cells, column, quoted", BAD_ROWS)
def test_a_bad_row_rejects_everything(
    store: Store, sheets: dict[str, Path], sheet: str, cells: list[str], column: str, quoted: str
) -> None:
    with sheets[sheet].open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerow(cells)
    before = row_counts(store)
    problems = rejected(store, sheets.values())
    assert len(problems) == 1
    assert problems[0].startswith(f"{sheets[sheet]}:{APPENDED_LINE[sheet]}: {column}: ")
    assert quoted in problems[0]
    assert row_counts(store) == before


def test_every_problem_of_every_file_is_listed(store: Store, sheets: dict[str, Path]) -> None:
    with sheets["households"].open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(
            [["T-001", "2025-01-15", "", ""], ["T-003", "2025-13-01", "", ""]]
        )
    with sheets["consultations"].open("a", encoding="utf-8", newline="") as file:
        csv.writer(file).writerow(["T-003", "2025-02-30", "60", "buero", "", "", ""])
    problems = rejected(store, sheets.values())
    places = [problem.split(": ")[0] + ": " + problem.split(": ")[1] for problem in problems]
    assert places == [
        f"{sheets['households']}:4: household_ref",  # duplicate of line 2
        f"{sheets['households']}:5: allocation_date",
        f"{sheets['consultations']}:6: date",  # no "unknown household" on top: T-003 is listed
    ]


def test_the_same_consultation_in_two_files_is_a_duplicate(
    store: Store, sheets: dict[str, Path], tmp_path: Path
) -> None:
    again = write_csv(
        tmp_path / "nachtrag.csv",
        CONSULTATIONS,
        [["T-002", "2024-03-01", "45", "hausbesuch", "", "Z7", ""]],
    )
    problems = rejected(store, [*sheets.values(), again])
    assert len(problems) == 1
    assert problems[0].startswith(f"{again}:2: date: ")
    assert f"{sheets['consultations']}:5" in problems[0]


@pytest.mark.parametrize(
    "header, column",
    [
        (["household_ref", "date", "duration_minutes", "life_areas"], "contact_type"),
        ([*CONSULTATIONS, "colour"], "colour"),
        (["ref", "wann"], "Kopfzeile"),
    ],
)
def test_a_bad_header_is_reported_once(
    store: Store, tmp_path: Path, header: list[str], column: str
) -> None:
    path = write_csv(tmp_path / "k.csv", header, [["T-1"] * len(header)] * 3)
    problems = rejected(store, [path])
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:1: {column}: ")


def test_a_missing_or_binary_file_is_a_usage_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"nope\.csv"):
        run(store, [tmp_path / "nope.csv"])
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"household_ref\x00\x01\x02")
    with pytest.raises(UsageError, match=r"binary\.csv"):
        run(store, [binary])


# --- dry run, plan, re-import ----------------------------------------------------------------


def test_dry_run_reports_counts_and_writes_nothing(store: Store, sheets: dict[str, Path]) -> None:
    before = row_counts(store)
    summary = run(store, sheets.values(), dry_run=True)
    assert summary.dry_run
    assert (summary.created.consultations, summary.new_counsellors) == (3, ("Z7",))
    assert row_counts(store) == before


def test_plan_then_apply_writes_what_the_plan_said(store: Store, sheets: dict[str, Path]) -> None:
    before = row_counts(store)
    plan = plan_import(store, list(sheets.values()), today=TODAY)
    assert row_counts(store) == before
    summary = apply_import(store, plan)
    assert summary.created == plan.summary.created
    assert not summary.dry_run


def test_reimporting_the_same_files_changes_nothing(store: Store, sheets: dict[str, Path]) -> None:
    run(store, sheets.values())
    before = row_counts(store)
    summary = run(store, reversed(list(sheets.values())))
    assert summary.created.total == summary.updated.total == summary.not_in_import.total == 0
    assert row_counts(store) == before


def test_a_later_export_updates_changed_rows_through_the_change_log(
    store: Store, sheets: dict[str, Path]
) -> None:
    run(store, sheets.values())
    write_csv(
        sheets["consultations"],
        CONSULTATIONS,
        [
            ["T-001", "2025-02-03", "90", "buero", "wohnen; Gesundheit", "B1", "Neu notiert"],
            ["T-001", "2026-02-03", "30", "telefon", "Existenzsicherung", "", ""],
            ["T-002", "2024-03-01", "45", "hausbesuch", "schule_kita", "Z7", ""],
        ],
    )
    summary = run(store, sheets.values())
    assert (summary.created.total, summary.updated.consultations) == (0, 1)
    changed = only(store, Consultation, date=date(2025, 2, 3))
    assert (changed.duration_minutes, changed.note) == (90, "Neu notiert")
    assert logged(store, changed.id.hex, "duration_minutes") == ("60", "90")
    assert logged(store, changed.id.hex, "note")[1] == json.dumps("Neu notiert")
    assert areas(store, changed.id) == {"gesundheit": True, "wohnen": True, "alltag": False}
    with store.read() as session:
        removed = session.execute(
            select(ChangeLog.old, ChangeLog.new).where(
                ChangeLog.table_name == "consultation_life_area", ChangeLog.field == "_deleted"
            )
        ).all()
    assert [tuple(row) for row in removed] == [("false", "true")]  # alltag, kept as a tombstone


def logged(store: Store, row_id: str, field: str) -> tuple[str | None, str | None]:
    with store.read() as session:
        old, new = session.execute(
            select(ChangeLog.old, ChangeLog.new)
            .where(ChangeLog.row_id == row_id, ChangeLog.field == field)
            .order_by(ChangeLog.seq.desc())
            .limit(1)
        ).one()
    return old, new


def areas(store: Store, consultation_id: uuid.UUID) -> dict[str, bool]:
    """The consultation's life areas: live (True) or tombstoned (False)."""
    link = ConsultationLifeArea
    with store.read() as session:
        rows = session.execute(
            select(link.life_area, link.deleted_hlc).where(link.consultation_id == consultation_id)
        )
        return {area: deleted is None for area, deleted in rows}


def test_rows_missing_from_a_later_export_are_reported_never_deleted(
    store: Store, sheets: dict[str, Path]
) -> None:
    run(store, sheets.values())
    write_csv(
        sheets["consultations"],
        CONSULTATIONS,
        [["T-002", "2024-03-01", "45", "hausbesuch", "Schule/Kita", "Z7", ""]],
    )
    summary = run(store, sheets.values())
    assert summary.not_in_import.consultations == 2
    assert (summary.not_in_import.households, summary.not_in_import.persons) == (0, 0)
    with store.read() as session:
        live = select(func.count(Consultation.id)).where(Consultation.deleted_hlc.is_(None))
        assert session.execute(live).scalar_one() == 3


def test_what_was_deleted_after_an_import_stays_deleted(
    store: Store, sheets: dict[str, Path]
) -> None:
    run(store, sheets.values())
    removed = only(store, Consultation, date=date(2024, 3, 1))
    consultations.delete_consultation(store, removed.id)
    summary = run(store, sheets.values())
    assert (summary.created.total, summary.kept_deleted.consultations) == (0, 1)
    assert only(store, Consultation, date=date(2024, 3, 1)).deleted_hlc is not None


# --- idempotence, whatever the file order (property) -----------------------------------------

consultation_rows = st.lists(
    st.tuples(
        st.integers(0, 2),  # household
        st.integers(0, 40),  # days after allocation
        st.sampled_from([15, 45, 60]),
        st.sampled_from(["buero", "telefon", "Hausbesuch"]),
        st.sampled_from(["", "wohnen", "Alltag, Werte und Orientierung/Familie"]),
        st.sampled_from(["K1", "k2"]),
    ),
    max_size=12,
)


def generated_files(folder: Path, rows: list[tuple[int, int, int, str, str, str]]) -> list[Path]:
    """Households 0-2 with persons; their consultations in two files split by household."""
    refs = [f"H-{n}" for n in range(3)]
    files = [
        write_csv(folder / "h.csv", HOUSEHOLDS, [[ref, "2024-01-01", "", "K1"] for ref in refs]),
        write_csv(
            folder / "p.csv",
            PERSONS,
            [[ref, "Probe", given, "", "", "", ""] for ref in refs for given in ("Ana", "Ben")],
        ),
    ]
    for part, households in (("a", {0}), ("b", {1, 2})):
        chosen = [row for row in rows if row[0] in households]
        files.append(
            write_csv(
                folder / f"k-{part}.csv",
                CONSULTATIONS,
                [
                    [refs[h], f"2024-02-{1 + d % 28:02d}", m, t, a, c, ""]
                    for h, d, m, t, a, c in chosen
                ],
            )
        )
    return files


def database_content(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every exchanged row without its clock and device columns, which differ per installation."""
    own = store.installation_counsellor_id()
    skip = {"created_hlc", "updated_hlc", "origin_device"}
    content = {}
    with store.read() as session:
        for table in exchanged_tables():
            columns = [c for c in table.columns if c.name not in skip]
            rows = session.execute(select(*columns)).all()
            content[table.name] = sorted(
                (tuple("OWN" if value == own else value for value in row) for row in rows), key=repr
            )
    return content


@settings(max_examples=8, deadline=None)
@given(rows=consultation_rows, order=st.permutations(range(4)), data=st.data())
def test_importing_twice_in_any_file_order_equals_importing_once(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[int, int, int, str, str, str]],
    order: list[int],
    data: st.DataObject,
) -> None:
    folder = tmp_path_factory.mktemp("sheets")
    files = generated_files(folder, rows)
    second_order = data.draw(st.permutations(range(4)))
    with fresh_store(tmp_path_factory) as once, fresh_store(tmp_path_factory) as twice:
        import_files(once, files, today=TODAY)
        import_files(twice, [files[i] for i in order], today=TODAY)
        changes = row_counts(twice)["change_log"]
        summary = import_files(twice, [files[i] for i in second_order], today=TODAY)
        assert summary.created.total == summary.updated.total == 0
        assert row_counts(twice)["change_log"] == changes
        assert database_content(twice) == database_content(once)


def fresh_store(factory: pytest.TempPathFactory) -> Store:
    root = factory.mktemp("store") / "data"
    initialise(root, TEST_KEY, NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat"))
    return open_store(root, TEST_KEY)
