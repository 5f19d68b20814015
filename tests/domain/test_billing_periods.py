"""Billing arithmetic at its edges: Takt rounding, travel and no-shows by rule, capping at the
approved hours, a rate change inside a period, month and quarter periods."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from fsa_desk.domain.billing import (
    Billability,
    BillableMinutes,
    BillingFacts,
    BillingPeriod,
    BillingRuleData,
    RuleHistory,
    amount,
    billability,
    billable_minutes,
    cap,
    hours,
)
from fsa_desk.domain.modules import Module


@pytest.mark.parametrize(
    ("duration", "travel", "takt", "counts_travel", "expected"),
    [
        (1, 0, 15, False, 15),
        (15, 0, 15, False, 15),
        (16, 0, 15, False, 30),
        (50, 20, 15, False, 60),
        (50, 20, 15, True, 75),
        (50, 20, 5, True, 70),
        (0, 0, 15, False, 0),  # a no-show with no minutes
        (61, 0, 60, False, 120),
    ],
)
def test_takt_rounding_and_travel(
    duration: int, travel: int, takt: int, counts_travel: bool, expected: int
) -> None:
    rule = BillingRuleData(rounding_minutes=takt, counts_travel=counts_travel)
    assert billable_minutes(duration, travel, rule) == expected


def _facts(**changes: object) -> BillingFacts:
    values: dict[str, object] = dict(
        module=Module.FACHLEISTUNG,
        contact_type="buero",
        outcome="stattgefunden",
        counsellor_is_fachkraft=True,
        has_approval=True,
        case_open=True,
        minutes_used_before=0,
        approved_minutes=600,
    )
    values.update(changes)
    return BillingFacts(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("facts", "rule", "billable", "reason"),
    [
        (_facts(outcome="nicht_erschienen"), BillingRuleData(), False, "nicht_erschienen"),
        (_facts(outcome="nicht_erschienen"), BillingRuleData(counts_no_show=True), True, None),
        (_facts(contact_type="indirekt"), BillingRuleData(counts_indirect=False), False, "manuell"),
        (_facts(counsellor_is_fachkraft=False), BillingRuleData(), False, "keine_fachkraft"),
        (
            _facts(counsellor_is_fachkraft=False),
            BillingRuleData(fachkraft_only=False),
            True,
            None,
        ),
        (_facts(minutes_used_before=600), BillingRuleData(), False, "ueber_budget"),
        (_facts(minutes_used_before=599), BillingRuleData(), True, None),
    ],
)
def test_no_shows_indirect_work_and_fachkraft_under_different_rules(
    facts: BillingFacts, rule: BillingRuleData, billable: bool, reason: str | None
) -> None:
    assert billability(facts, rule) == Billability(billable, reason)


def test_cap_bills_the_crossing_contact_in_part_and_later_ones_not() -> None:
    items = [
        BillableMinutes(date(2026, 3, 2), 60, Decimal(60)),
        BillableMinutes(date(2026, 3, 1), 45, Decimal(60)),
        BillableMinutes(date(2026, 3, 9), 30, Decimal(60)),
    ]
    billed = cap(items, 90)
    assert [(i.day.day, i.minutes) for i in billed] == [(1, 45), (2, 45), (9, 0)]


def test_a_rate_change_inside_the_period_bills_each_day_at_its_rate() -> None:
    rules = RuleHistory(
        (
            (date(2025, 1, 1), BillingRuleData(hourly_rate=Decimal("60.00"))),
            (date(2026, 3, 16), BillingRuleData(hourly_rate=Decimal("64.80"))),
        )
    )
    items = [
        BillableMinutes(day, 45, rules.on(day).hourly_rate)
        for day in (date(2026, 3, 15), date(2026, 3, 16))
    ]
    assert amount(items) == Decimal("93.60")  # 45 € + 48.60 €
    assert rules.on(date(2024, 12, 31)) == BillingRuleData()


def test_amounts_round_once_to_the_cent() -> None:
    third = [BillableMinutes(date(2026, 1, d), 20, Decimal("62.50")) for d in (1, 2, 3)]
    assert amount(third) == Decimal("62.50")  # 3 × 20.8333… rounded once, not per line
    assert hours(20) == Decimal("0.33")


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "02/2024"),
        ("2025-02", date(2025, 2, 1), date(2025, 2, 28), "02/2025"),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31), "Q4/2025"),
        ("2025-q1", date(2025, 1, 1), date(2025, 3, 31), "Q1/2025"),
    ],
)
def test_billing_periods(text: str, first: date, last: date, label: str) -> None:
    period = BillingPeriod.parse(text)
    assert period is not None
    assert (period.first, period.last, period.label()) == (first, last, label)
    assert BillingPeriod.parse(str(period)) == period


@pytest.mark.parametrize("text", ["2025-13", "2025-Q5", "25-01", "März", ""])
def test_impossible_periods_are_none(text: str) -> None:
    assert BillingPeriod.parse(text) is None
