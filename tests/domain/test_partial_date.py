from __future__ import annotations

import dataclasses
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.partial_date import PartialDate


@st.composite
def partial_dates(draw: st.DrawFn) -> PartialDate:
    day = draw(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1990", PartialDate(1990)),
        ("1990-05", PartialDate(1990, 5)),
        ("05.1990", PartialDate(1990, 5)),
        ("1990-05-17", PartialDate(1990, 5, 17)),
        ("17.05.1990", PartialDate(1990, 5, 17)),
        ("  17.05.1990 ", PartialDate(1990, 5, 17)),
        ("7.5.1990", PartialDate(1990, 5, 7)),
        ("29.02.2024", PartialDate(2024, 2, 29)),
        # Papers write unknown parts as 00 or XX; they must not become 1 January.
        ("00.00.1990", PartialDate(1990)),
        ("00.05.1990", PartialDate(1990, 5)),
        ("XX.XX.1990", PartialDate(1990)),
        ("xx.05.1990", PartialDate(1990, 5)),
    ],
)
def test_parse_reads_iso_and_german_forms(text: str, expected: PartialDate) -> None:
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "90",
        "1990-13",
        "13.1990",
        "31.02.1990",
        "29.02.2023",
        "17.00.1990",
        "1990/05/17",
        "17.05.90",
        "1990-05-17T00:00",
    ],
)
def test_parse_rejects_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_parse_explains_the_expected_format() -> None:
    with pytest.raises(ValueError, match=r"17\.05\.1990"):
        PartialDate.parse("gestern")


@pytest.mark.parametrize(
    "year, month, day, message",
    [
        (1990, None, 5, "Tag ohne Monat"),
        (1990, 13, None, "Monat 13"),
        (1990, 0, None, "Monat 0"),
        (1990, 2, 30, "30.02.1990"),
        (2023, 2, 29, "29.02.2023"),
        (1990, 4, 31, "31.04.1990"),
        (1990, 5, 0, "00.05.1990"),
        (0, None, None, "Jahr 0"),
    ],
)
def test_constructor_rejects_impossible_dates(
    year: int, month: int | None, day: int | None, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        PartialDate(year, month, day)


def test_leap_day_is_a_real_date() -> None:
    assert PartialDate(2024, 2, 29).earliest() == date(2024, 2, 29)


@pytest.mark.parametrize(
    "value, iso, german",
    [
        (PartialDate(1990), "1990", "1990"),
        (PartialDate(1990, 5), "1990-05", "05.1990"),
        (PartialDate(1990, 5, 17), "1990-05-17", "17.05.1990"),
        (PartialDate(2001, 1, 2), "2001-01-02", "02.01.2001"),
    ],
)
def test_text_forms(value: PartialDate, iso: str, german: str) -> None:
    assert str(value) == iso
    assert value.german() == german


@pytest.mark.parametrize(
    "value, earliest, latest",
    [
        (PartialDate(1990), date(1990, 1, 1), date(1990, 12, 31)),
        (PartialDate(2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
        (PartialDate(2023, 2), date(2023, 2, 1), date(2023, 2, 28)),
        (PartialDate(1990, 4), date(1990, 4, 1), date(1990, 4, 30)),
        (PartialDate(1990, 5, 17), date(1990, 5, 17), date(1990, 5, 17)),
    ],
)
def test_earliest_and_latest_bound_the_possible_days(
    value: PartialDate, earliest: date, latest: date
) -> None:
    assert (value.earliest(), value.latest()) == (earliest, latest)


@pytest.mark.parametrize(
    "birth, on, age",
    [
        (PartialDate(1990, 5, 17), date(2026, 5, 16), 35),
        (PartialDate(1990, 5, 17), date(2026, 5, 17), 36),
        (PartialDate(1990, 5, 17), date(1990, 5, 17), 0),
        # Born on a leap day: a year older only from 1 March in a common year.
        (PartialDate(2000, 2, 29), date(2023, 2, 28), 22),
        (PartialDate(2000, 2, 29), date(2023, 3, 1), 23),
        (PartialDate(2000, 2, 29), date(2024, 2, 29), 24),
        # Known only as a year: 17 or 18 in June 2026 — the younger age, so a possible minor
        # counts as a minor.
        (PartialDate(2008), date(2026, 6, 1), 17),
        (PartialDate(2008), date(2026, 12, 31), 18),
        (PartialDate(2008, 6), date(2026, 6, 15), 17),
        (PartialDate(2008, 6), date(2026, 7, 1), 18),
    ],
)
def test_age_on_gives_completed_years_and_the_younger_age_when_unsure(
    birth: PartialDate, on: date, age: int
) -> None:
    assert birth.age_on(on) == age


def test_age_range_shows_the_uncertainty() -> None:
    assert PartialDate(2008).age_range_on(date(2026, 6, 1)) == (17, 18)
    assert PartialDate(2008, 6).age_range_on(date(2026, 7, 1)) == (18, 18)


@pytest.mark.parametrize(
    "birth, on",
    [
        (PartialDate(1990, 5, 17), date(1990, 5, 16)),
        (PartialDate(2026), date(2026, 6, 1)),  # perhaps not born yet
        (PartialDate(2026, 6), date(2026, 6, 15)),
        (PartialDate(2026), date(2025, 12, 31)),
    ],
)
def test_age_is_unknown_while_the_person_may_not_be_born(birth: PartialDate, on: date) -> None:
    assert birth.age_on(on) is None
    assert birth.age_range_on(on) is None


@pytest.mark.parametrize("text", ["1990", "05.1990", "1990-05", "17.05.1990", "1990-05-17"])
def test_a_full_date_is_found_by_each_coarser_search(text: str) -> None:
    assert PartialDate(1990, 5, 17).matches(text)


@pytest.mark.parametrize("text", ["1991", "06.1990", "18.05.1990", "Müller", "", "31.02.1990"])
def test_a_full_date_is_not_found_by_other_searches(text: str) -> None:
    assert not PartialDate(1990, 5, 17).matches(text)


def test_a_year_only_date_is_found_by_its_year_but_not_by_a_day() -> None:
    born = PartialDate(1990)
    assert born.matches("1990")
    assert not born.matches("05.1990")
    assert not born.matches("17.05.1990")


def test_sorting_puts_less_precise_dates_first_within_their_year_or_month() -> None:
    values = [
        PartialDate(1990, 2),
        PartialDate(1990, 1, 1),
        PartialDate(1989, 12, 31),
        PartialDate(1990),
        PartialDate(1990, 1),
    ]
    assert sorted(values) == [
        PartialDate(1989, 12, 31),
        PartialDate(1990),
        PartialDate(1990, 1),
        PartialDate(1990, 1, 1),
        PartialDate(1990, 2),
    ]


def test_equality_and_hash_distinguish_precision() -> None:
    assert PartialDate(1990) != PartialDate(1990, 1)
    assert len({PartialDate(1990), PartialDate(1990), PartialDate(1990, 1)}) == 2
    assert repr(PartialDate(1990, 5)) == "PartialDate(year=1990, month=5, day=None)"


def test_is_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        PartialDate(1990).year = 1991  # type: ignore[misc]


@given(partial_dates())
def test_text_forms_round_trip(value: PartialDate) -> None:
    assert PartialDate.parse(str(value)) == value
    assert PartialDate.parse(value.german()) == value


@given(partial_dates())
def test_a_date_is_found_by_its_own_text(value: PartialDate) -> None:
    assert value.matches(str(value))
    assert value.matches(value.german())
    assert value.earliest() <= value.latest()


@given(partial_dates(), partial_dates())
def test_order_follows_the_earliest_possible_day(a: PartialDate, b: PartialDate) -> None:
    if a <= b:
        assert a.earliest() <= b.earliest()


@given(partial_dates(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))
def test_age_lies_between_the_bounds_of_every_possible_birth_day(
    birth: PartialDate, on: date
) -> None:
    ages = birth.age_range_on(on)
    if on < birth.latest():
        assert ages is None
        return
    assert ages is not None
    youngest, oldest = ages
    assert birth.age_on(on) == youngest <= oldest <= youngest + 1
    if birth.is_complete:
        born = birth.earliest()
        naive = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        assert youngest == oldest == naive
