"""Whether a consultation counts as a billable Fachleistungsstunde, and why not.

Hours beyond the budget are recorded like any other and marked ``ueber_budget`` — never
rejected. A consultation that starts within the budget and crosses it stays billable; the
Abrechnung caps the billed hours at the approved total.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from fsa_desk.domain.modules import Module

DIRECT_CONTACT_TYPES = frozenset({"buero", "hausbesuch", "telefon", "online", "begleitung"})
BILLING_PERIODS = ("month", "quarter")
_CENT = Decimal("0.01")
_SIXTY = Decimal(60)


@dataclass(frozen=True)
class BillingRuleData:
    counts_direct: bool = True
    counts_indirect: bool = True
    counts_travel: bool = False
    counts_no_show: bool = False
    rounding_minutes: int = 15
    hourly_rate: Decimal = Decimal("0")
    fachkraft_only: bool = True
    period: str = "month"  # billing period: month or quarter


@dataclass(frozen=True)
class BillingFacts:
    module: Module
    contact_type: str
    outcome: str
    counsellor_is_fachkraft: bool
    has_approval: bool  # a Bewilligung covers the date
    case_open: bool  # a Fachleistung case exists (e.g. Bedarfsanzeige pending)
    minutes_used_before: int  # billable minutes already counted on that Bewilligung
    approved_minutes: int


@dataclass(frozen=True)
class Billability:
    billable: bool
    reason: str | None  # a billable_reasons code when not billable and it matters


def billability(facts: BillingFacts, rule: BillingRuleData) -> Billability:
    if facts.module is not Module.FACHLEISTUNG or not facts.has_approval:
        return Billability(False, "vor_bewilligung" if facts.case_open else None)
    if facts.outcome == "nicht_erschienen" and not rule.counts_no_show:
        return Billability(False, "nicht_erschienen")
    if rule.fachkraft_only and not facts.counsellor_is_fachkraft:
        return Billability(False, "keine_fachkraft")
    direct = facts.contact_type in DIRECT_CONTACT_TYPES
    if (direct and not rule.counts_direct) or (not direct and not rule.counts_indirect):
        return Billability(False, "manuell")
    if facts.minutes_used_before >= facts.approved_minutes:
        return Billability(False, "ueber_budget")
    return Billability(True, None)


def billable_minutes(duration: int, travel: int, rule: BillingRuleData) -> int:
    """Minutes that count, rounded up to the rule's Takt."""
    minutes = duration + (travel if rule.counts_travel else 0)
    unit = max(rule.rounding_minutes, 1)
    return -(-minutes // unit) * unit


@dataclass(frozen=True)
class RuleHistory:
    """The configured rules with the day each applies from; the defaults before the first."""

    rules: tuple[tuple[date, BillingRuleData], ...]

    def on(self, day: date) -> BillingRuleData:
        """The newest rule valid on ``day`` (the same choice as ``billing_rules.rule_on``)."""
        valid = [(start, rule) for start, rule in self.rules if start <= day]
        return max(valid, key=lambda pair: pair[0])[1] if valid else BillingRuleData()


# --- billing periods --------------------------------------------------------------------------

_MONTH = re.compile(r"(\d{4})-(\d{2})")
_QUARTER = re.compile(r"(\d{4})-[Qq]([1-4])")


@dataclass(frozen=True, order=True)
class BillingPeriod:
    """A calendar month or quarter, written ``2025-03`` or ``2025-Q1``."""

    first: date
    last: date

    @classmethod
    def parse(cls, text: str) -> BillingPeriod | None:
        """The period ``text`` names, or None if it names none."""
        text = text.strip()
        if match := _MONTH.fullmatch(text):
            year, month = int(match[1]), int(match[2])
            return cls.month(year, month) if 1 <= month <= 12 and year >= 1900 else None
        if match := _QUARTER.fullmatch(text):
            return cls.quarter(int(match[1]), int(match[2])) if int(match[1]) >= 1900 else None
        return None

    @classmethod
    def month(cls, year: int, month: int) -> BillingPeriod:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> BillingPeriod:
        last_month = quarter * 3
        return cls(
            date(year, last_month - 2, 1),
            date(year, last_month, calendar.monthrange(year, last_month)[1]),
        )

    @classmethod
    def containing(cls, day: date, kind: str) -> BillingPeriod:
        if kind == "quarter":
            return cls.quarter(day.year, (day.month - 1) // 3 + 1)
        return cls.month(day.year, day.month)

    @property
    def is_quarter(self) -> bool:
        return self.first.month != self.last.month

    def __str__(self) -> str:
        if self.is_quarter:
            return f"{self.first.year}-Q{(self.first.month - 1) // 3 + 1}"
        return f"{self.first.year:04d}-{self.first.month:02d}"

    def label(self) -> str:
        """``03/2025`` or ``Q1/2025``, as German invoices write it."""
        if self.is_quarter:
            return f"Q{(self.first.month - 1) // 3 + 1}/{self.first.year}"
        return f"{self.first.month:02d}/{self.first.year}"

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


# --- amounts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class BillableMinutes:
    """One consultation's billable minutes (after the Takt) at the Stundensatz of its day."""

    day: date
    minutes: int
    rate: Decimal


def cap(items: Iterable[BillableMinutes], approved_minutes: int) -> list[BillableMinutes]:
    """The items in date order, billed up to the approved minutes: the item that crosses the
    budget is billed in part, later ones not at all (they stay documented as not billable)."""
    left = approved_minutes
    billed = []
    for item in sorted(items, key=lambda i: i.day):
        take = max(min(item.minutes, left), 0)
        left -= take
        billed.append(BillableMinutes(item.day, take, item.rate))
    return billed


def minutes_total(items: Iterable[BillableMinutes]) -> int:
    return sum(item.minutes for item in items)


def amount(items: Iterable[BillableMinutes]) -> Decimal:
    """The amount in €, each minute at the rate of its day, rounded once to the cent."""
    exact = sum((Decimal(item.minutes) * item.rate for item in items), Decimal(0)) / _SIXTY
    return exact.quantize(_CENT, rounding=ROUND_HALF_UP)


def hours(minutes: int) -> Decimal:
    """Minutes as hours, exact to the cent of an hour the HOURS columns store."""
    return (Decimal(minutes) / _SIXTY).quantize(_CENT, rounding=ROUND_HALF_UP)
