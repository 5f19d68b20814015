"""Cell values as German spreadsheets hold them: dates, decimal commas, words for codes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.spreadsheet_values import (
    day_problem,
    lookup,
    parse_day,
    parse_decimal,
    parse_minutes,
    residence_status,
    split_codes,
)

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days, st.sampled_from(["{d:%d.%m.%Y}", "{d.day}.{d.month}.{d.year}", "{d:%Y-%m-%d}"]),
       st.sampled_from(["", " 00:00", " 14:30:00", "T08:15:00"]))  # fmt: skip
def test_a_day_reads_back_in_german_and_iso_form_with_or_without_its_time(
    day: date, form: str, time: str
) -> None:
    assert parse_day(form.format(d=day) + time) == day


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1900, 2100))
def test_an_impossible_day_is_none_and_says_it_does_not_exist(
    day: int, month: int, year: int
) -> None:
    text = f"{day:02d}.{month:02d}.{year}"
    try:
        expected: date | None = date(year, month, day)
    except ValueError:
        expected = None
    assert parse_day(text) == expected
    if expected is None:
        assert text in day_problem(text)


@pytest.mark.parametrize("text", ["3.2.25", "gestern", "2024/02/03", "45321", "03.02.2025x"])
def test_text_that_is_no_day_gets_a_sentence_quoting_it(text: str) -> None:
    assert parse_day(text) is None
    assert text in day_problem(text)


@given(st.decimals(min_value=-1000, max_value=1000, places=2), st.sampled_from([",", "."]))
def test_a_decimal_reads_back_with_a_comma_or_a_point(number: Decimal, point: str) -> None:
    assert parse_decimal(str(number).replace(".", point)) == number


@given(st.integers(0, 12 * 60))
def test_minutes_read_back_from_hours_with_a_decimal_comma_and_from_h_mm(minutes: int) -> None:
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.0001"))
    assert parse_minutes(str(hours).replace(".", ","), hours=True) == minutes
    assert parse_minutes(f"{minutes // 60}:{minutes % 60:02d}") == minutes
    assert parse_minutes(f"{minutes},0") == minutes


@pytest.mark.parametrize(
    "text, hours, minutes",
    [("45", False, 45), ("45,5", False, 46), ("1,5", True, 90), ("0,75", True, 45),
     ("-5", False, -5), ("1h", False, None), ("", False, None), ("1:30", True, 90)],
)  # fmt: skip
def test_minutes_are_rounded_to_whole_minutes(text: str, hours: bool, minutes: int | None) -> None:
    assert parse_minutes(text, hours=hours) == minutes


def _names(code_name: str) -> list[str]:
    """Ways a German spreadsheet names a life area: code, labels, aliases, the label without
    its bracketed part."""
    code = code_list("life_areas").get(code_name)
    names = [code.code, code.de, code.de.upper(), *code.aliases]
    if "(" in code.de:
        names.append(code.de.split("(")[0].strip())
    return names


@st.composite
def life_area_cells(draw: st.DrawFn) -> tuple[str, list[str]]:
    codes = draw(st.lists(st.sampled_from([c.code for c in code_list("life_areas")]), max_size=4))
    pieces = [draw(st.sampled_from(_names(code))) for code in codes]
    separators = [draw(st.sampled_from([", ", ";", " / ", "\n", "; "])) for _ in pieces]
    text = "".join(piece + separator for piece, separator in zip(pieces, separators, strict=True))
    return text.rstrip(",;/ \n"), list(dict.fromkeys(codes))


@given(life_area_cells())
def test_a_list_of_life_area_labels_reads_back_as_its_codes(cell: tuple[str, list[str]]) -> None:
    text, codes = cell
    assert split_codes(text, "life_areas") == (tuple(codes), ())


def test_labels_with_commas_are_matched_before_the_cell_is_split() -> None:
    text = "Alltag, Werte und Orientierung; Materielle Existenzsicherung (Jobcenter, Sozialamt)"
    assert split_codes(text, "life_areas") == (("alltag", "existenzsicherung"), ())
    assert split_codes("Alltag,Werte und Orientierung", "life_areas") == (("alltag",), ())
    assert split_codes("Wohnen, Werte", "life_areas") == (("wohnen",), ("Werte",))


@pytest.mark.parametrize(
    "list_name, text, code",
    [
        ("contact_types", "Büro", "buero"),
        ("contact_types", "BUERO", "buero"),
        ("contact_types", "Tel.", "telefon"),
        ("contact_types", "Hausbesuch", "hausbesuch"),
        ("sexes", "weiblich", "w"),
        ("sexes", "männl.", "m"),
        ("sexes", "maennlich", "m"),
        ("nationalities", "syrisch", "SY"),
        ("nationalities", "Türkei", "TR"),
        ("nationalities", "Tuerkei", "TR"),
        ("nationalities", "AFG", "AF"),
        ("residence_statuses", "Aufenthaltsgestattung", "gestattung"),
        ("life_areas", "Persoenliche Krisen", "krise"),
    ],
)
def test_german_words_name_codes(list_name: str, text: str, code: str) -> None:
    found = lookup(list_name, text)
    assert found is not None and found.code == code


@pytest.mark.parametrize(
    "text, code, detail",
    [
        ("Aufenthaltserlaubnis", "erlaubnis", None),
        ("AE § 25 Abs. 2", "erlaubnis", "§ 25 Abs. 2"),
        ("Aufenthaltserlaubnis nach §25 Abs.1", "erlaubnis", "§25 Abs.1"),
        ("Aufenthaltserlaubnis § 24", "erlaubnis_24", None),
        ("Duldung § 60a", "duldung", None),
        ("§ 81 Abs. 4", "fiktion", None),
    ],
)
def test_a_residence_status_keeps_its_legal_basis(text: str, code: str, detail: str | None) -> None:
    status, found = residence_status(text)
    assert status is not None and (status.code, found) == (code, detail)


def test_an_unknown_residence_status_with_a_paragraph_is_unknown() -> None:
    assert residence_status("Visum § 6") == (None, None)
