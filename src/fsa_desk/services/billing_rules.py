"""The billing rules from the provider's Leistungsvertrag: configured, versioned by date."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import BILLING_PERIODS, BillingRuleData, RuleHistory
from fsa_desk.domain.validation import Checks
from fsa_desk.i18n import _
from fsa_desk.store.models import BillingRule
from fsa_desk.store.store import Store

__all__ = [
    "BillingRuleData",
    "RuleHistory",
    "RuleInput",
    "history",
    "list_rules",
    "rule_on",
    "set_rule",
]


def rule_on(session: Session, day: date) -> BillingRuleData:
    """The newest rule valid on ``day``; the defaults until a provider configures one."""
    query = (
        select(BillingRule)
        .where(BillingRule.valid_from <= day, BillingRule.deleted_hlc.is_(None))
        .order_by(BillingRule.valid_from.desc())
        .limit(1)
    )
    rule = session.scalars(query).first()
    return BillingRuleData() if rule is None else _data(rule)


def history(session: Session) -> RuleHistory:
    """Every rule in one query, for work that needs the rule of many days."""
    rules = session.scalars(select(BillingRule).where(BillingRule.deleted_hlc.is_(None))).all()
    return RuleHistory(tuple((rule.valid_from, _data(rule)) for rule in rules))


def _data(rule: BillingRule) -> BillingRuleData:
    return BillingRuleData(
        counts_direct=rule.counts_direct,
        counts_indirect=rule.counts_indirect,
        counts_travel=rule.counts_travel,
        counts_no_show=rule.counts_no_show,
        rounding_minutes=rule.rounding_minutes,
        hourly_rate=Decimal(rule.hourly_rate),
        fachkraft_only=rule.fachkraft_only,
        period=rule.period,
    )


@dataclass(frozen=True)
class RuleInput:
    valid_from: date
    hourly_rate: Decimal
    counts_direct: bool = True
    counts_indirect: bool = True
    counts_travel: bool = False
    counts_no_show: bool = False
    rounding_minutes: int = 15
    period: str = "month"
    fachkraft_only: bool = True


@dataclass(frozen=True)
class RuleLine:
    id: uuid.UUID
    valid_from: date
    rule: BillingRuleData


def set_rule(store: Store, data: RuleInput) -> uuid.UUID:
    """Configure the rule valid from a date on (a new Leistungsvertrag, a new Stundensatz).

    Consultations already recorded keep their stored billability until they are re-derived;
    the Abrechnung always counts with the rule of each consultation's day.
    """
    checks = Checks(date.today())
    checks.plausible_date("valid_from", _("Valid from"), data.valid_from)
    if data.hourly_rate < 0:
        checks.add("hourly_rate", _("The hourly rate cannot be negative."))
    if not 1 <= data.rounding_minutes <= 60:
        checks.add(
            "rounding_minutes", _("The rounding unit (Takt) must lie between 1 and 60 minutes.")
        )
    if data.period not in BILLING_PERIODS:
        checks.add("period", _("The billing period is either a month or a quarter."))
    checks.raise_if_any()
    with store.transaction() as session:
        row = BillingRule(
            valid_from=data.valid_from,
            counts_direct=data.counts_direct,
            counts_indirect=data.counts_indirect,
            counts_travel=data.counts_travel,
            counts_no_show=data.counts_no_show,
            rounding_minutes=data.rounding_minutes,
            hourly_rate=data.hourly_rate.quantize(Decimal("0.01")),
            period=data.period,
            fachkraft_only=data.fachkraft_only,
        )
        session.add(row)
        return row.id


def list_rules(store: Store) -> list[RuleLine]:
    with store.read() as session:
        rows = session.scalars(
            select(BillingRule)
            .where(BillingRule.deleted_hlc.is_(None))
            .order_by(BillingRule.valid_from)
        ).all()
        return [RuleLine(row.id, row.valid_from, _data(row)) for row in rows]
