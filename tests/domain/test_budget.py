"""The hour budget's rules at their edges: the 35-hour threshold, 12-month periods, warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fsa_desk.domain import budget
from fsa_desk.domain.budget import BudgetFigures


@pytest.mark.parametrize(
    ("start", "last"),
    [
        (date(2026, 3, 1), date(2027, 2, 28)),
        (date(2027, 3, 1), date(2028, 2, 29)),  # the year runs into a leap February
        (date(2028, 2, 29), date(2029, 2, 28)),  # begins on a leap day
        (date(2026, 1, 31), date(2027, 1, 30)),
        (date(2026, 11, 15), date(2027, 11, 14)),  # mid-month
    ],
)
def test_a_period_runs_at_most_to_the_day_before_the_anniversary(start: date, last: date) -> None:
    assert budget.longest_period_end(start) == last
    assert budget.period_problem(start, last) is None
    assert budget.period_problem(start, date.fromordinal(last.toordinal() + 1)) is not None


def figures(**changes: object) -> BudgetFigures:
    values: dict[str, object] = dict(
        approved=Decimal(50),
        used=Decimal(10),
        period_from=date(2026, 1, 1),
        period_to=date(2026, 12, 31),
        today=date(2026, 3, 1),
    )
    values.update(changes)
    return BudgetFigures(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        ("39.99", ()),
        ("40", ("used_80",)),  # exactly 80 %
        ("49.99", ("used_80",)),
        ("50", ("used_100",)),
        ("61.25", ("used_100",)),
    ],
)
def test_use_warnings_at_80_and_100_percent(used: str, expected: tuple[str, ...]) -> None:
    assert budget.budget(figures(used=Decimal(used))).warnings == expected


def test_over_use_is_shown_not_hidden() -> None:
    result = budget.budget(figures(used=Decimal("61.25")))
    assert (result.remaining, result.over) == (Decimal(0), Decimal("11.25"))


def test_slow_use_from_half_time_on() -> None:
    half = date(2026, 7, 2)  # day 183 of 365: just at half time
    assert budget.budget(figures(today=half, used=Decimal("24.99"))).warnings == ("slow_use",)
    assert budget.budget(figures(today=date(2026, 7, 1), used=Decimal(5))).warnings == ()
    assert budget.budget(figures(today=half, used=Decimal(25))).warnings == ()


def test_expiry_within_8_weeks_unless_a_verlaengerung_has_begun() -> None:
    soon = figures(today=date(2026, 11, 5), used=Decimal(30))  # 56 days left
    assert budget.budget(soon).warnings == ("expiry_without_extension",)
    assert budget.budget(figures(today=date(2026, 11, 4), used=Decimal(30))).warnings == ()
    begun = figures(today=date(2026, 11, 5), used=Decimal(30), extension_begun=True)
    assert budget.budget(begun).warnings == ()
    ended = figures(today=date(2026, 11, 5), used=Decimal(30), running=False)
    assert budget.budget(ended).warnings == ()


def test_forecast_and_days_left_in_a_leap_year() -> None:
    leap = figures(
        period_from=date(2028, 1, 1), period_to=date(2028, 12, 30), today=date(2028, 2, 29)
    )
    result = budget.budget(leap)
    assert result.days_left == (date(2028, 12, 30) - date(2028, 2, 29)).days
    assert result.forecast == Decimal(10) * 365 / 60  # 60 days elapsed of 365


def test_before_the_period_nothing_is_forecast() -> None:
    result = budget.budget(figures(today=date(2025, 12, 31)))
    assert (result.forecast, result.elapsed_share) == (Decimal(0), Decimal(0))


def test_the_threshold_is_a_warning_with_its_reason() -> None:
    assert budget.threshold_check(Decimal(35)).warning is None
    warning = budget.threshold_check(Decimal("34.5")).warning
    assert warning is not None and "34,5" in warning and "35" in warning


@pytest.mark.parametrize(
    ("duration", "areas", "expected"),
    [
        (90, {}, {"ohne": Decimal(90)}),
        (90, {"familie": None, "wohnen": None}, {"familie": Decimal(45), "wohnen": Decimal(45)}),
        (90, {"familie": 60, "wohnen": None}, {"familie": Decimal(60), "wohnen": Decimal(30)}),
        (60, {"familie": 60, "wohnen": 60}, {"familie": Decimal(30), "wohnen": Decimal(30)}),
    ],
)
def test_minutes_split_over_life_areas(
    duration: int, areas: dict[str, int | None], expected: dict[str, Decimal]
) -> None:
    assert budget.split_minutes(duration, areas) == expected


def test_hours_are_written_the_german_way() -> None:
    assert budget.hours_text(Decimal("12.50")) == "12,5"
    assert budget.hours_text(Decimal("35.00")) == "35"
    assert budget.hours_text(Decimal(1) / 3) == "0,33"
