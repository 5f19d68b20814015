"""A household's Fachleistung at a glance: its Bewilligungen and the current hour budget.

The budget rules (used, remaining, forecast, the warnings of DESIGN.md §3) live in
``domain.budget`` and ``services.fachleistung_hours``; this module picks the Bewilligung that
matters today and adds what the household view shows besides: hours recorded beyond the budget,
which are documented, never billed.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as budget_rules
from fsa_desk.services import fachleistung_hours
from fsa_desk.store.models import Bewilligung, Consultation, FachleistungCase


@dataclass(frozen=True)
class ApprovalLine:
    """One Bewilligung of the household with the hours counted on it."""

    id: uuid.UUID
    case_id: uuid.UUID
    aktenzeichen: str
    period_from: date
    period_to: date
    approved_hours: Decimal
    used_hours: Decimal
    status: str


@dataclass(frozen=True)
class Budget:
    """The hour budget of the current Bewilligung (the running one, else the latest begun)."""

    approval: ApprovalLine
    running: bool
    figures: budget_rules.Budget  # remaining, forecast, days left, warnings
    beyond_budget_hours: Decimal  # recorded after the budget was used up: not billable

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.figures.warnings

    @property
    def remaining_hours(self) -> Decimal:
        return self.figures.remaining

    @property
    def forecast_hours(self) -> Decimal:
        return self.figures.forecast

    @property
    def days_left(self) -> int:
        return self.figures.days_left

    @property
    def used_percent(self) -> Decimal:
        return self.figures.used_share * 100


@dataclass(frozen=True)
class Fachleistung:
    """Case and approvals of a household; ``budget`` is None without a begun Bewilligung."""

    case_status: str | None
    case_opened_on: date | None
    approvals: tuple[ApprovalLine, ...]
    budget: Budget | None


def fachleistung_of(session: Session, household_id: uuid.UUID, today: date) -> Fachleistung:
    """Cases, Bewilligungen with their use, and the current budget, in a few queries."""
    cases = session.scalars(
        select(FachleistungCase)
        .where(
            FachleistungCase.household_id == household_id,
            FachleistungCase.deleted_hlc.is_(None),
        )
        .order_by(FachleistungCase.opened_on)
    ).all()
    if not cases:
        return Fachleistung(None, None, (), None)
    rows = session.scalars(
        select(Bewilligung)
        .where(Bewilligung.case_id.in_([c.id for c in cases]), Bewilligung.deleted_hlc.is_(None))
        .order_by(Bewilligung.period_from)
    ).all()
    used = fachleistung_hours.used_hours(session, [row.id for row in rows]) if rows else {}
    approvals = tuple(_line(row, used.get(row.id, Decimal(0))) for row in rows)
    current = _current(approvals, today)
    budget = None
    if current is not None:
        row = next(row for row in rows if row.id == current.id)
        figures = fachleistung_hours.approval_budget(session, row, today, current.used_hours)
        running = current.period_from <= today <= current.period_to
        budget = Budget(
            current,
            running and row.status != "vorzeitig_beendet",
            figures,
            _beyond_budget(session, current.id),
        )
    latest = cases[-1]
    return Fachleistung(latest.status, latest.opened_on, approvals, budget)


def _line(row: Bewilligung, used: Decimal) -> ApprovalLine:
    return ApprovalLine(
        row.id,
        row.case_id,
        row.aktenzeichen,
        row.period_from,
        row.period_to,
        Decimal(row.approved_hours),
        used,
        row.status,
    )


def _current(approvals: Sequence[ApprovalLine], today: date) -> ApprovalLine | None:
    """The Bewilligung running today; otherwise the latest one that has begun."""
    begun = [a for a in approvals if a.period_from <= today]
    running = [a for a in begun if today <= a.period_to and a.status != "vorzeitig_beendet"]
    if running:
        return running[-1]
    return begun[-1] if begun else None


def _beyond_budget(session: Session, approval_id: uuid.UUID) -> Decimal:
    """Minutes recorded on the Bewilligung after its hours were used up, as hours."""
    minutes = session.execute(
        select(func.coalesce(func.sum(Consultation.duration_minutes), 0)).where(
            Consultation.bewilligung_id == approval_id,
            Consultation.billable_reason == "ueber_budget",
            Consultation.deleted_hlc.is_(None),
        )
    ).scalar_one()
    return Decimal(minutes) / 60
