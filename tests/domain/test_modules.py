from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.modules import (
    ApprovalPeriod,
    Module,
    ModulePolicy,
    derive_module,
    module_episodes,
    willkommen_last_day,
)

WILL, INTB, FACH = Module.WILLKOMMEN, Module.INTEGRATIONSBUERO, Module.FACHLEISTUNG
CONTRACT_WITHOUT_OVERLAP = ModulePolicy(fachleistung_in_willkommensjahr=False)


def test_module_codes_are_the_documented_ones() -> None:
    assert [m.value for m in Module] == ["willkommen", "integrationsbuero", "fachleistung"]
    assert Module("fachleistung") is FACH


@pytest.mark.parametrize(
    "allocation, last_day",
    [
        (date(2024, 3, 15), date(2025, 3, 14)),
        (date(2024, 2, 29), date(2025, 2, 28)),  # no 29.02.2025: ends on 28.02. (§ 188 (3) BGB)
        (date(2023, 3, 1), date(2024, 2, 29)),  # the year crosses a leap day
        (date(2024, 1, 1), date(2024, 12, 31)),
        (date(2024, 12, 31), date(2025, 12, 30)),
        (date(2023, 2, 28), date(2024, 2, 27)),
        (date(2024, 2, 28), date(2025, 2, 27)),
        (date(2025, 3, 31), date(2026, 3, 30)),
    ],
)
def test_willkommensjahr_ends_the_day_before_the_anniversary(
    allocation: date, last_day: date
) -> None:
    assert willkommen_last_day(allocation) == last_day


def test_allocation_day_and_last_day_are_willkommen_and_the_anniversary_is_not() -> None:
    allocation = date(2024, 3, 15)
    assert derive_module(date(2024, 3, 14), allocation, []) is INTB  # before the allocation
    assert derive_module(allocation, allocation, []) is WILL
    assert derive_module(date(2025, 3, 14), allocation, []) is WILL
    assert derive_module(date(2025, 3, 15), allocation, []) is INTB


def test_leap_day_allocation_ends_on_28_february() -> None:
    allocation = date(2024, 2, 29)
    assert derive_module(date(2025, 2, 28), allocation, []) is WILL
    assert derive_module(date(2025, 3, 1), allocation, []) is INTB


def test_without_allocation_date_there_is_no_willkommensjahr() -> None:
    assert derive_module(date(2025, 1, 1), None, []) is INTB
    approval = ApprovalPeriod(date(2025, 1, 1), date(2025, 6, 30))
    assert derive_module(date(2025, 1, 1), None, [approval]) is FACH


def test_bewilligung_counts_from_its_first_to_its_last_day() -> None:
    allocation = date(2020, 5, 1)
    approval = ApprovalPeriod(date(2025, 6, 1), date(2026, 5, 31))
    assert derive_module(date(2025, 5, 31), allocation, [approval]) is INTB
    assert derive_module(date(2025, 6, 1), allocation, [approval]) is FACH
    assert derive_module(date(2026, 5, 31), allocation, [approval]) is FACH
    assert derive_module(date(2026, 6, 1), allocation, [approval]) is INTB


def test_bewilligung_in_the_willkommensjahr_depends_on_the_contract() -> None:
    allocation = date(2025, 1, 10)  # Willkommensjahr until 09.01.2026
    approval = ApprovalPeriod(date(2025, 6, 1), date(2026, 5, 31))
    day = date(2025, 6, 1)
    assert derive_module(day, allocation, [approval]) is FACH
    assert derive_module(day, allocation, [approval], CONTRACT_WITHOUT_OVERLAP) is WILL
    last_welcome, first_after = date(2026, 1, 9), date(2026, 1, 10)
    assert derive_module(last_welcome, allocation, [approval], CONTRACT_WITHOUT_OVERLAP) is WILL
    assert derive_module(first_after, allocation, [approval], CONTRACT_WITHOUT_OVERLAP) is FACH


def test_bewilligung_before_the_allocation_is_fachleistung_under_either_contract() -> None:
    approval = ApprovalPeriod(date(2024, 1, 1), date(2024, 12, 31))
    for policy in (ModulePolicy(), CONTRACT_WITHOUT_OVERLAP):
        assert derive_module(date(2024, 6, 1), date(2025, 1, 1), [approval], policy) is FACH


def test_approval_period_must_not_end_before_it_starts() -> None:
    ApprovalPeriod(date(2025, 1, 1), date(2025, 1, 1))  # one day is fine
    with pytest.raises(ValueError, match="vor seinem Beginn"):
        ApprovalPeriod(date(2025, 1, 2), date(2025, 1, 1))


def test_episodes_of_a_household_with_an_overlapping_bewilligung() -> None:
    allocation = date(2025, 1, 10)
    approvals = [ApprovalPeriod(date(2025, 6, 1), date(2026, 5, 31))]
    start, end = date(2025, 1, 1), date(2026, 12, 31)
    assert module_episodes(allocation, approvals, start, end) == [
        (INTB, date(2025, 1, 1), date(2025, 1, 9)),
        (WILL, date(2025, 1, 10), date(2025, 5, 31)),
        (FACH, date(2025, 6, 1), date(2026, 5, 31)),
        (INTB, date(2026, 6, 1), date(2026, 12, 31)),
    ]
    assert module_episodes(allocation, approvals, start, end, CONTRACT_WITHOUT_OVERLAP) == [
        (INTB, date(2025, 1, 1), date(2025, 1, 9)),
        (WILL, date(2025, 1, 10), date(2026, 1, 9)),
        (FACH, date(2026, 1, 10), date(2026, 5, 31)),
        (INTB, date(2026, 6, 1), date(2026, 12, 31)),
    ]


def test_a_verlaengerung_without_gap_is_one_episode() -> None:
    approvals = [
        ApprovalPeriod(date(2025, 6, 1), date(2025, 11, 30)),
        ApprovalPeriod(date(2025, 12, 1), date(2026, 5, 31)),
    ]
    episodes = module_episodes(date(2020, 1, 1), approvals, date(2025, 6, 1), date(2026, 5, 31))
    assert episodes == [(FACH, date(2025, 6, 1), date(2026, 5, 31))]


def test_a_gap_between_bewilligungen_shows_as_integrationsbuero() -> None:
    approvals = [
        ApprovalPeriod(date(2025, 6, 1), date(2025, 11, 30)),
        ApprovalPeriod(date(2025, 12, 15), date(2026, 5, 31)),
    ]
    episodes = module_episodes(None, approvals, date(2025, 11, 1), date(2025, 12, 31))
    assert episodes == [
        (FACH, date(2025, 11, 1), date(2025, 11, 30)),
        (INTB, date(2025, 12, 1), date(2025, 12, 14)),
        (FACH, date(2025, 12, 15), date(2025, 12, 31)),
    ]


def test_a_single_day_range_is_one_episode() -> None:
    day = date(2025, 3, 14)
    assert module_episodes(date(2024, 3, 15), [], day, day) == [(WILL, day, day)]


def test_episodes_need_a_range_that_does_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="vor seinem Beginn"):
        module_episodes(None, [], date(2025, 1, 2), date(2025, 1, 1))


_days = st.dates(min_value=date(2022, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def approval_periods(draw: st.DrawFn) -> ApprovalPeriod:
    start = draw(_days)
    return ApprovalPeriod(start, start + timedelta(days=draw(st.integers(0, 365))))


@given(
    allocation=st.none() | _days,
    approvals=st.lists(approval_periods(), max_size=3),
    start=_days,
    length=st.integers(0, 800),
    overlap=st.booleans(),
)
def test_episodes_agree_with_derive_module_on_every_day(
    allocation: date | None,
    approvals: list[ApprovalPeriod],
    start: date,
    length: int,
    overlap: bool,
) -> None:
    policy = ModulePolicy(fachleistung_in_willkommensjahr=overlap)
    end = start + timedelta(days=length)
    episodes = module_episodes(allocation, approvals, start, end, policy)

    assert episodes[0][1] == start
    assert episodes[-1][2] == end
    for (module, _, last), (next_module, next_first, _) in pairwise(episodes):
        assert next_first == last + timedelta(days=1)
        assert module != next_module
    for module, first, last in episodes:
        assert first <= last
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            assert derive_module(day, allocation, approvals, policy) is module
