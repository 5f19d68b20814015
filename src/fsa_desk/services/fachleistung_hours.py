"""The hours behind a Fachleistung: used per Bewilligung, delivered per life area, per month.

*Used* hours are the billable Fachleistungsstunden counted on a Bewilligung, each consultation
rounded up to the Takt of the billing rule of its day — as the Abrechnung counts them.
*Delivered* hours are everything documented under the Bewilligung, billable or not (hours beyond
the budget are documented, never rejected), split over life areas as the monthly report does.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.domain.billing import BillableMinutes, RuleHistory, billable_minutes
from fsa_desk.services import billing_rules
from fsa_desk.store.models import (
    Bedarfsanzeige,
    Bewilligung,
    Consultation,
    ConsultationLifeArea,
)


def billable_items(
    session: Session,
    approval_ids: Sequence[uuid.UUID],
    rules: RuleHistory | None = None,
    *,
    until: date | None = None,
) -> dict[uuid.UUID, list[BillableMinutes]]:
    """Per Bewilligung its billable consultations: minutes after the Takt, rate of the day."""
    rules = rules or billing_rules.history(session)
    query = select(
        Consultation.bewilligung_id,
        Consultation.date,
        Consultation.duration_minutes,
        Consultation.travel_minutes,
    ).where(
        Consultation.bewilligung_id.in_(list(approval_ids)),
        Consultation.billable.is_(True),
        Consultation.deleted_hlc.is_(None),
    )
    if until is not None:
        query = query.where(Consultation.date <= until)
    items: dict[uuid.UUID, list[BillableMinutes]] = defaultdict(list)
    for approval_id, day, duration, travel in session.execute(query):
        assert approval_id is not None  # selected by it
        rule = rules.on(day)
        items[approval_id].append(
            BillableMinutes(day, billable_minutes(duration, travel, rule), rule.hourly_rate)
        )
    return items


def used_hours(
    session: Session, approval_ids: Sequence[uuid.UUID], *, until: date | None = None
) -> dict[uuid.UUID, Decimal]:
    """Billable hours per Bewilligung (uncapped; 0 for one without any)."""
    items = billable_items(session, approval_ids, until=until)
    return {
        approval_id: Decimal(sum(i.minutes for i in items.get(approval_id, []))) / 60
        for approval_id in approval_ids
    }


def extension_begun(session: Session, approval: Bewilligung) -> bool:
    """A later Bewilligung exists, or a Verlängerung is requested (not the approval's own)."""
    later = session.scalars(
        select(Bewilligung.id).where(
            Bewilligung.case_id == approval.case_id,
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.period_from > approval.period_from,
        )
    ).first()
    if later is not None:
        return True
    requests = session.scalars(
        select(Bedarfsanzeige.id).where(
            Bedarfsanzeige.case_id == approval.case_id,
            Bedarfsanzeige.kind == "verlaengerung",
            Bedarfsanzeige.status.in_(rules_of_budget.EXTENSION_BEGUN),
            Bedarfsanzeige.deleted_hlc.is_(None),
        )
    )
    return any(found != approval.bedarfsanzeige_id for found in requests)


def approval_budget(
    session: Session, approval: Bewilligung, today: date, used: Decimal | None = None
) -> rules_of_budget.Budget:
    """Remaining hours, forecast and warnings of one Bewilligung on ``today``."""
    if used is None:
        used = used_hours(session, [approval.id])[approval.id]
    figures = rules_of_budget.BudgetFigures(
        approved=Decimal(approval.approved_hours),
        used=used,
        period_from=approval.period_from,
        period_to=approval.period_to,
        today=today,
        running=approval.status == "laufend",
        extension_begun=extension_begun(session, approval),
    )
    return rules_of_budget.budget(figures)


def household_minutes(
    session: Session, household_id: uuid.UUID, first: date, last: date
) -> list[tuple[date, int]]:
    """Every documented consultation's day and minutes, whatever its module."""
    query = select(Consultation.date, Consultation.duration_minutes).where(
        Consultation.household_id == household_id,
        Consultation.deleted_hlc.is_(None),
        Consultation.date >= first,
        Consultation.date <= last,
    )
    return [(day, minutes) for day, minutes in session.execute(query)]


@dataclass(frozen=True)
class Delivered:
    """What was documented under a Bewilligung."""

    contacts: int
    direct_contacts: int
    no_shows: int
    hours_by_life_area: dict[str, Decimal]

    @property
    def hours(self) -> Decimal:
        return sum(self.hours_by_life_area.values(), Decimal(0))


def delivered(session: Session, approval_id: uuid.UUID, until: date | None = None) -> Delivered:
    """Contacts and hours per life area documented under the Bewilligung."""
    from fsa_desk.domain.billing import DIRECT_CONTACT_TYPES

    query = select(Consultation).where(
        Consultation.bewilligung_id == approval_id, Consultation.deleted_hlc.is_(None)
    )
    if until is not None:
        query = query.where(Consultation.date <= until)
    rows = session.scalars(query).all()
    areas = _areas(session, [row.id for row in rows])
    minutes: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        for area, share in rules_of_budget.split_minutes(
            row.duration_minutes, areas.get(row.id, {})
        ).items():
            minutes[area] += share
    return Delivered(
        contacts=len(rows),
        direct_contacts=sum(
            1
            for r in rows
            if r.contact_type in DIRECT_CONTACT_TYPES and r.outcome == "stattgefunden"
        ),
        no_shows=sum(1 for r in rows if r.outcome == "nicht_erschienen"),
        hours_by_life_area={area: value / 60 for area, value in minutes.items()},
    )


def _areas(
    session: Session, consultation_ids: list[uuid.UUID]
) -> dict[uuid.UUID, dict[str, int | None]]:
    found: dict[uuid.UUID, dict[str, int | None]] = defaultdict(dict)
    for start in range(0, len(consultation_ids), 500):
        chunk = consultation_ids[start : start + 500]
        query = select(
            ConsultationLifeArea.consultation_id,
            ConsultationLifeArea.life_area,
            ConsultationLifeArea.minutes,
        ).where(
            ConsultationLifeArea.consultation_id.in_(chunk),
            ConsultationLifeArea.deleted_hlc.is_(None),
        )
        for consultation_id, area, minutes in session.execute(query):
            found[consultation_id][area] = minutes
    return found
