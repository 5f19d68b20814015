"""Headers as German offices write them: names, title rows above the header, wrong columns."""

from __future__ import annotations

import pytest

from fsa_desk.domain.spreadsheet_german import german_words
from fsa_desk.domain.spreadsheet_header import (
    COLUMNS,
    FileKind,
    all_columns,
    find_header,
    guess_column,
    header_key,
    map_columns,
    map_header,
)

GERMAN_CONSULTATIONS = [
    "Lfd. Nr.", "Haushalt-Nr.", "Datum", "Dauer (Min.)", "Kontaktart", "Lebensbereiche",
    "Berater:in", "Bemerkung",
]  # fmt: skip


@pytest.mark.parametrize(
    "name, column",
    [
        ("Haushalt-Nr.", "household_ref"),
        ("haushalt nr", "household_ref"),
        ("HAUSHALTNR", "household_ref"),
        ("Household ref", "household_ref"),
        ("Staatsangehörigkeit", "nationality"),
        ("Staatsangehoerigkeit", "nationality"),
        ("Dauer (Min.)", "duration_minutes"),
        ("Dauer in Minuten", "duration_minutes"),
        ("Dauer (Std.)", "duration_hours"),
        ("Kontaktart", "contact_type"),
        ("Lebensbereich(e)", "life_areas"),
        ("Geb.-Datum", "birth_date"),
        ("Berater*in", "counsellor_code"),
        (" Datum ", "date"),
        ("Farbe", None),
        ("Lfd. Nr.", None),
    ],
)
def test_header_names_are_compared_without_case_spacing_punctuation_or_umlauts(
    name: str, column: str | None
) -> None:
    assert guess_column(name) == column


def test_every_german_header_name_names_a_known_column_once() -> None:
    names = [name for aliases in german_words().headers.values() for name in aliases]
    assert {guess_column(name) for name in names} <= set(all_columns())
    assert len({header_key(name) for name in names}) == len(names)


def test_a_german_consultations_header_is_recognised_and_reads_past_the_running_number() -> None:
    mapping = map_header(GERMAN_CONSULTATIONS)
    assert mapping.kind is FileKind.CONSULTATIONS
    assert mapping.problems == ()
    assert mapping.columns == (None, *COLUMNS[FileKind.CONSULTATIONS])
    assert mapping.ignored == ("Lfd. Nr.",)
    assert mapping.labels()["date"] == "Datum"


def test_an_unknown_column_is_a_problem_with_the_closest_known_name() -> None:
    mapping = map_header(["Haushalt-Nr.", "Datum", "Dauer", "Kontaktart", "Lebensbereiche_x"])
    assert [(p.field, "Lebensbereiche" in p.message) for p in mapping.problems] == [
        ("Lebensbereiche_x", True)
    ]


def test_a_column_without_a_name_is_left_to_the_reader() -> None:
    mapping = map_header(["Haushalt-Nr.", "", "Datum", "Dauer", "Kontaktart", "", ""])
    assert mapping.problems == ()
    assert mapping.columns == ("household_ref", None, "date", "duration_minutes", "contact_type")


def test_hours_stand_in_for_minutes_but_not_both() -> None:
    hours = map_header(["Haushalt-Nr.", "Datum", "Stunden", "Kontaktart"])
    both = map_header(["Haushalt-Nr.", "Datum", "Stunden", "Minuten", "Kontaktart"])
    assert hours.problems == ()
    assert [p.field for p in both.problems] == ["duration_minutes"]


def test_a_missing_required_column_is_named() -> None:
    mapping = map_header(["Haushalt-Nr.", "Datum", "Dauer"])
    assert [p.field for p in mapping.problems] == ["contact_type"]
    assert "Kontaktart" in mapping.problems[0].message


def test_the_header_is_found_below_a_title_block() -> None:
    rows = [
        ["Beratungskontakte Mitte 2024", "", ""],
        ["Stand: 31.12.2024"],
        ["Datum", "", ""],  # a lone known name is no header
        GERMAN_CONSULTATIONS,
        ["1", "T-1", "03.02.2024", "45", "Büro", "", "B1", ""],
    ]
    assert find_header(rows) == 3
    assert find_header([["Titel"], ["ref", "wann"]]) is None


def test_columns_chosen_by_the_user_replace_the_header_and_leave_no_unknown_column() -> None:
    names = ["Nr", "Wann", "Minuten", "Art", "Farbe"]
    assert map_header(names).kind is None or map_header(names).problems
    mapping = map_columns(
        names, ["household_ref", "date", "duration_minutes", "contact_type", None]
    )
    assert (mapping.kind, mapping.problems) == (FileKind.CONSULTATIONS, ())
    assert mapping.labels()["household_ref"] == "Nr"


def test_a_chosen_column_of_another_kind_is_a_problem() -> None:
    chosen = ["household_ref", "date", "duration_minutes", "contact_type", "family_name"]
    mapping = map_columns(["a", "b", "c", "d", "e"], chosen)
    assert mapping.kind is FileKind.CONSULTATIONS
    assert [p.field for p in mapping.problems] == ["family_name"]
