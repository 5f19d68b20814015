"""Whether a consultation counts as a billable Fachleistungsstunde, and why not.

Hours beyond the budget are recorded like any other and marked ``ueber_budget`` — never
rejected. A consultation that starts within the budget and crosses it stays billable; the
Abrechnung caps the billed hours at the approved total.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fsa_desk.domain.modules import Module

DIRECT_CONTACT_TYPES = frozenset({"buero", "hausbesuch", "telefon", "online", "begleitung"})


@dataclass(frozen=True)
class BillingRuleData:
    counts_direct: bool = True
    counts_indirect: bool = True
    counts_travel: bool = False
    counts_no_show: bool = False
    rounding_minutes: int = 15
    hourly_rate: Decimal = Decimal("0")
    fachkraft_only: bool = True


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
