"""The billing rule in force on a date (from the provider's Leistungsvertrag)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import BillingRuleData
from fsa_desk.store.models import BillingRule

__all__ = ["BillingRuleData", "rule_on"]


def rule_on(session: Session, day: date) -> BillingRuleData:
    """The newest rule valid on ``day``; the defaults until a provider configures one."""
    query = (
        select(BillingRule)
        .where(BillingRule.valid_from <= day, BillingRule.deleted_hlc.is_(None))
        .order_by(BillingRule.valid_from.desc())
        .limit(1)
    )
    rule = session.scalars(query).first()
    if rule is None:
        return BillingRuleData()
    return BillingRuleData(
        counts_direct=rule.counts_direct,
        counts_indirect=rule.counts_indirect,
        counts_travel=rule.counts_travel,
        counts_no_show=rule.counts_no_show,
        rounding_minutes=rule.rounding_minutes,
        hourly_rate=rule.hourly_rate,
        fachkraft_only=rule.fachkraft_only,
    )
