"""Bewilligungen: the Amt's decision with its goals, conditions, hours and period.

Recording or changing one — also backdated — re-derives the module and billability of the
household's consultations (DESIGN.md §3). Consultations that become billable in a period whose
Abrechnung is already locked are not lost: they are listed as *Nachberechnung* and go into the
next Abrechnung as correction lines (``services.abrechnung``).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.domain.billing import billable_minutes
from fsa_desk.domain.validation import Checks
from fsa_desk.i18n import _
from fsa_desk.services import billing_rules, fachleistung_hours
from fsa_desk.services.consultations import recompute_household
from fsa_desk.services.fachleistung_case import load_case, record_status
from fsa_desk.services.records import live
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Abrechnung,
    Bedarfsanzeige,
    BedarfsanzeigeHours,
    Bewilligung,
    BewilligungHours,
    Consultation,
    FachleistungCase,
)
from fsa_desk.store.store import Store

STATUSES = ("laufend", "ausgelaufen", "vorzeitig_beendet")


@dataclass(frozen=True)
class BewilligungInput:
    case_id: uuid.UUID
    aktenzeichen: str
    period_from: date
    period_to: date
    approved_hours: Decimal
    decision_date: date | None = None
    bedarfsanzeige_id: uuid.UUID | None = None  # the request it decides
    goals: str | None = None  # the Amt's goals
    conditions: str | None = None  # Auflagen
    hours_by_life_area: Mapping[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Nachberechnung:
    """Hours that became billable in a period whose Abrechnung is already locked."""

    abrechnung_id: uuid.UUID
    period_from: date
    period_to: date
    hours: Decimal


@dataclass(frozen=True)
class BewilligungResult:
    id: uuid.UUID
    recomputed_consultations: tuple[uuid.UUID, ...]
    nachberechnung: tuple[Nachberechnung, ...] = ()
    partial: bool = False  # less than requested: the Bedarfsanzeige is teilweise bewilligt


def record_bewilligung(
    store: Store, data: BewilligungInput, *, today: date | None = None
) -> BewilligungResult:
    """Store an approval (at most 12 months) and re-derive the household's consultations."""
    today = today or date.today()
    _validate(data, Checks(today))
    with store.transaction() as session:
        case = load_case(session, data.case_id)
        row = Bewilligung(case_id=case.id, status="laufend")
        _fill(session, row, data)
        session.add(row)
        partial = _decide_request(session, row, data)
        record_status(session, case, "laufend", data.decision_date or data.period_from)
        return _recompute(session, case, row, partial)


def update_bewilligung(
    store: Store, bewilligung_id: uuid.UUID, data: BewilligungInput, *, today: date | None = None
) -> BewilligungResult:
    """Correct a Bewilligung (a changed period, hours, Aktenzeichen); re-derives like a new one."""
    today = today or date.today()
    _validate(data, Checks(today))
    with store.transaction() as session:
        row = _load(session, bewilligung_id)
        _fill(session, row, data)
        partial = _decide_request(session, row, data)
        return _recompute(session, load_case(session, row.case_id), row, partial)


def end_early(
    store: Store,
    bewilligung_id: uuid.UUID,
    ended_on: date,
    reason: str,
    *,
    today: date | None = None,
) -> BewilligungResult:
    """End a Bewilligung before its period (vorzeitig beendet); later hours are no longer billed."""
    checks = Checks(today or date.today())
    if not reason.strip():
        checks.add("reason", _("Ending a Bewilligung early needs a reason."))
    with store.transaction() as session:
        row = _load(session, bewilligung_id)
        if not row.period_from <= ended_on <= row.period_to:
            checks.add(
                "ended_on",
                _("The end must lie within the approved period ({start} – {end}).").format(
                    start=row.period_from.strftime("%d.%m.%Y"),
                    end=row.period_to.strftime("%d.%m.%Y"),
                ),
            )
        checks.raise_if_any()
        comment = _("Bewilligung {number} ended early on {day} (approved until {end}): {reason}")
        case = load_case(session, row.case_id)
        record_status(
            session,
            case,
            "abgeschlossen",
            ended_on,
            comment.format(
                number=row.aktenzeichen,
                day=ended_on.strftime("%d.%m.%Y"),
                end=row.period_to.strftime("%d.%m.%Y"),
                reason=reason.strip(),
            ),
        )
        row.status, row.period_to = "vorzeitig_beendet", ended_on
        return _recompute(session, case, row, False)


def _validate(data: BewilligungInput, checks: Checks) -> None:
    if not data.aktenzeichen.strip():
        checks.add("aktenzeichen", _("A Bewilligung needs the Amt's file number (Aktenzeichen)."))
    checks.plausible_date("period_from", _("Approved from"), data.period_from)
    checks.plausible_date("period_to", _("Approved until"), data.period_to)
    problem = rules_of_budget.period_problem(data.period_from, data.period_to)
    if problem:
        checks.add("period_to", problem)
    if data.approved_hours <= 0:
        checks.add("approved_hours", _("The approved hours must be more than zero."))
    for area, hours in data.hours_by_life_area.items():
        checks.code("hours_by_life_area", _("Life area"), area, "life_areas")
        if hours < 0:
            checks.add("hours_by_life_area", _("Hours cannot be negative."))
    if sum(data.hours_by_life_area.values(), Decimal(0)) > data.approved_hours:
        checks.add(
            "hours_by_life_area",
            _("The hours per life area add up to more than the approved total."),
        )
    checks.past_date("decision_date", _("Decision date"), data.decision_date)
    checks.raise_if_any()


def _load(session: Session, bewilligung_id: uuid.UUID) -> Bewilligung:
    return live(
        session, Bewilligung, bewilligung_id, _("The Bewilligung does not exist (any more).")
    )


def _fill(session: Session, row: Bewilligung, data: BewilligungInput) -> None:
    row.aktenzeichen = data.aktenzeichen.strip()
    row.period_from, row.period_to = data.period_from, data.period_to
    row.approved_hours = data.approved_hours.quantize(Decimal("0.01"))
    row.decision_date = data.decision_date
    row.bedarfsanzeige_id = data.bedarfsanzeige_id
    row.goals, row.conditions = data.goals, data.conditions
    session.flush()
    existing = session.scalars(
        select(BewilligungHours).where(
            BewilligungHours.bewilligung_id == row.id, BewilligungHours.deleted_hlc.is_(None)
        )
    ).all()
    wanted = {
        area: hours.quantize(Decimal("0.01")) for area, hours in data.hours_by_life_area.items()
    }
    for line in existing:
        if wanted.get(line.life_area) == line.hours:
            del wanted[line.life_area]
        else:
            tombstone(line)
    for area, hours in wanted.items():
        session.add(BewilligungHours(bewilligung_id=row.id, life_area=area, hours=hours))


def _decide_request(session: Session, row: Bewilligung, data: BewilligungInput) -> bool:
    """Mark the decided Bedarfsanzeige bewilligt or teilweise bewilligt; True if partial."""
    if data.bedarfsanzeige_id is None:
        return False
    request = live(
        session,
        Bedarfsanzeige,
        data.bedarfsanzeige_id,
        _("The Bedarfsanzeige does not exist (any more)."),
    )
    requested = sum(
        session.scalars(
            select(BedarfsanzeigeHours.hours).where(
                BedarfsanzeigeHours.bedarfsanzeige_id == request.id,
                BedarfsanzeigeHours.deleted_hlc.is_(None),
            )
        ),
        Decimal(0),
    )
    shorter = request.period_to is not None and row.period_to < request.period_to
    partial = Decimal(row.approved_hours) < requested or shorter
    request.status = "teilweise_bewilligt" if partial else "bewilligt"
    request.decided_on = data.decision_date or request.decided_on
    return partial


def _recompute(
    session: Session, case: FachleistungCase, row: Bewilligung, partial: bool
) -> BewilligungResult:
    session.flush()
    before = _billable_ids(session, case.household_id)
    changed = recompute_household(session, case.household_id)
    added = _billable_ids(session, case.household_id) - before
    return BewilligungResult(row.id, tuple(changed), _nachberechnung(session, added), partial)


def _billable_ids(session: Session, household_id: uuid.UUID) -> set[uuid.UUID]:
    return set(
        session.scalars(
            select(Consultation.id).where(
                Consultation.household_id == household_id,
                Consultation.billable.is_(True),
                Consultation.deleted_hlc.is_(None),
            )
        )
    )


def _nachberechnung(session: Session, newly_billable: set[uuid.UUID]) -> tuple[Nachberechnung, ...]:
    """Newly billable hours that fall into a locked Abrechnung's period."""
    if not newly_billable:
        return ()
    locked = session.scalars(
        select(Abrechnung).where(Abrechnung.status == "gesperrt", Abrechnung.deleted_hlc.is_(None))
    ).all()
    rows = session.scalars(select(Consultation).where(Consultation.id.in_(newly_billable))).all()
    result = []
    rules = billing_rules.history(session)
    for abrechnung in sorted(locked, key=lambda a: a.period_from):
        minutes = sum(
            billable_minutes(r.duration_minutes, r.travel_minutes, rules.on(r.date))
            for r in rows
            if abrechnung.period_from <= r.date <= abrechnung.period_to
        )
        if minutes:
            result.append(
                Nachberechnung(
                    abrechnung.id,
                    abrechnung.period_from,
                    abrechnung.period_to,
                    Decimal(minutes) / 60,
                )
            )
    return tuple(result)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BewilligungView:
    id: uuid.UUID
    case_id: uuid.UUID
    bedarfsanzeige_id: uuid.UUID | None
    aktenzeichen: str
    decision_date: date | None
    period_from: date
    period_to: date
    approved_hours: Decimal
    hours_by_life_area: dict[str, Decimal]
    goals: str | None
    conditions: str | None
    status: str  # as stored; ``ausgelaufen`` once the period has passed
    budget: rules_of_budget.Budget


def get_bewilligung(
    store: Store, bewilligung_id: uuid.UUID, *, today: date | None = None
) -> BewilligungView:
    with store.read() as session:
        return view(session, _load(session, bewilligung_id), today or date.today())


def case_bewilligungen(
    store: Store, case_id: uuid.UUID, *, today: date | None = None
) -> list[BewilligungView]:
    with store.read() as session:
        rows = session.scalars(
            select(Bewilligung)
            .where(Bewilligung.case_id == case_id, Bewilligung.deleted_hlc.is_(None))
            .order_by(Bewilligung.period_from)
        ).all()
        return [view(session, row, today or date.today()) for row in rows]


def view(session: Session, row: Bewilligung, today: date) -> BewilligungView:
    areas = session.execute(
        select(BewilligungHours.life_area, BewilligungHours.hours).where(
            BewilligungHours.bewilligung_id == row.id, BewilligungHours.deleted_hlc.is_(None)
        )
    ).all()
    status = row.status
    if status == "laufend" and row.period_to < today:
        status = "ausgelaufen"
    return BewilligungView(
        id=row.id,
        case_id=row.case_id,
        bedarfsanzeige_id=row.bedarfsanzeige_id,
        aktenzeichen=row.aktenzeichen,
        decision_date=row.decision_date,
        period_from=row.period_from,
        period_to=row.period_to,
        approved_hours=Decimal(row.approved_hours),
        hours_by_life_area={area: Decimal(hours) for area, hours in areas},
        goals=row.goals,
        conditions=row.conditions,
        status=status,
        budget=fachleistung_hours.approval_budget(session, row, today),
    )
