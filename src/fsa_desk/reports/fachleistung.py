"""The Fachleistung report (DESIGN.md §7): every Bewilligung with its hour budget and warnings.

Rows, one per Bewilligung that overlaps the period: ``case_id``, ``bewilligung_id``,
``bedarfsanzeige_id``, ``fallbericht_id`` (the latest, if any), ``household_ref``,
``aktenzeichen``, ``counsellor``, ``status`` (``ausgelaufen`` once the period has passed),
``period_from``, ``period_to``, ``approved``, ``used``, ``remaining``, ``days_left``, ``warnings``.

- *used*: billable hours counted on the Bewilligung, each consultation rounded up to the Takt of
  the billing rule of its day (as the Abrechnung counts); *remaining* never below zero;
  *days_left* from ``params.as_of`` to the last day (negative once it has passed).
- *warnings* are the codes of ``domain.budget`` (≥ 80 %, 100 %, < 50 % at half time, ending
  within 8 weeks without a Verlängerung begun).
- The group ``requests`` lists Bedarfsanzeigen that no Bewilligung decides (drafts, sent, queried,
  refused, withdrawn), so every form's ID can be found here.
- Filters: ``--from``/``--to`` keep Bewilligungen overlapping the months (requests: created in
  them), ``--counsellor`` the case's counsellor, ``--region`` the household's current region.
  JSON numbers are unrounded.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.domain.billing import BillingRuleData, RuleHistory, billable_minutes
from fsa_desk.reports.common import Report, ReportParams, check_filters
from fsa_desk.store.models import (
    Address,
    Bedarfsanzeige,
    Bewilligung,
    BillingRule,
    Consultation,
    Counsellor,
    FachleistungCase,
    Fallbericht,
    Household,
)


def fachleistung_report(db: Session, params: ReportParams, today: date | None = None) -> Report:
    """Rows per Bewilligung and the open or unsuccessful requests; see the module docstring."""
    check_filters(db, params)
    as_of = today or date.today()
    cases = _cases(db, params)
    approvals = [row for row in _approvals(db, list(cases)) if _overlaps(row, params)]
    used = _used(db, [row.id for row in approvals])
    reports = _latest_fallberichte(db, list(cases))
    begun = _extensions_begun(db, approvals)
    rows = [
        _row(row, cases[row.case_id], used.get(row.id, 0), reports.get(row.id), begun, as_of)
        for row in approvals
    ]
    payload = params.payload([])
    payload.update(
        {
            "from": str(params.from_month) if params.from_month else None,
            "to": str(params.to_month) if params.to_month else None,
            "as_of": as_of.isoformat(),
        }
    )
    return {
        "report": "fachleistung",
        "params": payload,
        "rows": rows,
        "requests": _requests(db, cases, params, as_of),
    }


def _cases(db: Session, params: ReportParams) -> dict[uuid.UUID, tuple[str, str]]:
    """Case id → (household_ref, counsellor code) for the cases the filters keep."""
    query: Select[uuid.UUID, str, str] = (
        select(FachleistungCase.id, Household.household_ref, Counsellor.code)
        .join(Household, Household.id == FachleistungCase.household_id)
        .join(Counsellor, Counsellor.id == FachleistungCase.counsellor_id)
        .where(FachleistungCase.deleted_hlc.is_(None), Household.deleted_hlc.is_(None))
    )
    if params.counsellor is not None:
        query = query.where(Counsellor.code == params.counsellor)
    if params.region is not None:
        current = select(Address.household_id).where(
            Address.region == params.region,
            Address.valid_to.is_(None),
            Address.deleted_hlc.is_(None),
        )
        query = query.where(Household.id.in_(current))
    return {case_id: (ref, code) for case_id, ref, code in db.execute(query)}


def _approvals(db: Session, case_ids: list[uuid.UUID]) -> list[Bewilligung]:
    rows: list[Bewilligung] = []
    for start in range(0, len(case_ids), 500):
        query = select(Bewilligung).where(
            Bewilligung.case_id.in_(case_ids[start : start + 500]),
            Bewilligung.deleted_hlc.is_(None),
        )
        rows += list(db.scalars(query))
    return sorted(rows, key=lambda row: (row.period_from, row.aktenzeichen))


def _overlaps(row: Bewilligung, params: ReportParams) -> bool:
    if params.from_month is not None and row.period_to < params.from_month.first_day:
        return False
    return not (params.to_month is not None and row.period_from > params.to_month.last_day)


def _rules(db: Session) -> RuleHistory:
    rules = db.scalars(select(BillingRule).where(BillingRule.deleted_hlc.is_(None)))
    return RuleHistory(
        tuple(
            (
                rule.valid_from,
                BillingRuleData(
                    counts_travel=rule.counts_travel, rounding_minutes=rule.rounding_minutes
                ),
            )
            for rule in rules
        )
    )


def _used(db: Session, approval_ids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    """Billable minutes per Bewilligung, after the Takt of each consultation's day."""
    rules = _rules(db)
    used: dict[uuid.UUID, int] = defaultdict(int)
    for start in range(0, len(approval_ids), 500):
        query = select(
            Consultation.bewilligung_id,
            Consultation.date,
            Consultation.duration_minutes,
            Consultation.travel_minutes,
        ).where(
            Consultation.bewilligung_id.in_(approval_ids[start : start + 500]),
            Consultation.billable.is_(True),
            Consultation.deleted_hlc.is_(None),
        )
        for approval_id, day, duration, travel in db.execute(query):
            assert approval_id is not None  # selected by it
            used[approval_id] += billable_minutes(duration, travel, rules.on(day))
    return used


def _latest_fallberichte(db: Session, case_ids: list[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
    """Bewilligung id → the id of its latest Fallbericht."""
    query = (
        select(Fallbericht.bewilligung_id, Fallbericht.id)
        .where(
            Fallbericht.case_id.in_(case_ids),
            Fallbericht.deleted_hlc.is_(None),
            Fallbericht.bewilligung_id.is_not(None),
        )
        .order_by(Fallbericht.period_to, Fallbericht.created_hlc)
    )
    return {
        approval_id: report_id
        for approval_id, report_id in db.execute(query)
        if approval_id is not None
    }


def _extensions_begun(db: Session, approvals: list[Bewilligung]) -> set[uuid.UUID]:
    """The Bewilligungen with a later one in their case, or a Verlängerung requested."""
    by_case: dict[uuid.UUID, list[Bewilligung]] = defaultdict(list)
    for row in approvals:
        by_case[row.case_id].append(row)
    requests = db.execute(
        select(Bedarfsanzeige.case_id, Bedarfsanzeige.id).where(
            Bedarfsanzeige.case_id.in_(list(by_case)),
            Bedarfsanzeige.kind == "verlaengerung",
            Bedarfsanzeige.status.in_(rules_of_budget.EXTENSION_BEGUN),
            Bedarfsanzeige.deleted_hlc.is_(None),
        )
    ).all()
    begun = set()
    for row in approvals:
        later = any(other.period_from > row.period_from for other in by_case[row.case_id])
        asked = any(c == row.case_id and r != row.bedarfsanzeige_id for c, r in requests)
        if later or asked:
            begun.add(row.id)
    return begun


def _row(
    row: Bewilligung,
    case: tuple[str, str],
    used_minutes: int,
    fallbericht_id: uuid.UUID | None,
    begun: set[uuid.UUID],
    as_of: date,
) -> dict[str, Any]:
    used = Decimal(used_minutes) / 60
    figures = rules_of_budget.BudgetFigures(
        approved=Decimal(row.approved_hours),
        used=used,
        period_from=row.period_from,
        period_to=row.period_to,
        today=as_of,
        running=row.status == "laufend",
        extension_begun=row.id in begun,
    )
    result = rules_of_budget.budget(figures)
    status = "ausgelaufen" if row.status == "laufend" and row.period_to < as_of else row.status
    return {
        "case_id": str(row.case_id),
        "bewilligung_id": str(row.id),
        "bedarfsanzeige_id": str(row.bedarfsanzeige_id) if row.bedarfsanzeige_id else None,
        "fallbericht_id": str(fallbericht_id) if fallbericht_id else None,
        "household_ref": case[0],
        "aktenzeichen": row.aktenzeichen,
        "counsellor": case[1],
        "status": status,
        "period_from": row.period_from.isoformat(),
        "period_to": row.period_to.isoformat(),
        "approved": float(row.approved_hours),
        "used": used_minutes / 60,
        "remaining": float(result.remaining),
        "days_left": result.days_left,
        "warnings": list(result.warnings),
    }


def _requests(
    db: Session, cases: dict[uuid.UUID, tuple[str, str]], params: ReportParams, as_of: date
) -> list[dict[str, Any]]:
    decided = select(Bewilligung.bedarfsanzeige_id).where(
        Bewilligung.bedarfsanzeige_id.is_not(None), Bewilligung.deleted_hlc.is_(None)
    )
    query = (
        select(Bedarfsanzeige)
        .where(
            Bedarfsanzeige.case_id.in_(list(cases)),
            Bedarfsanzeige.deleted_hlc.is_(None),
            Bedarfsanzeige.id.not_in(decided),
        )
        .order_by(Bedarfsanzeige.created_hlc)
    )
    rows = []
    for anzeige in db.scalars(query):
        if not _request_in_period(anzeige, params):
            continue
        waiting = (
            (as_of - anzeige.sent_on).days if anzeige.sent_on and not anzeige.decided_on else None
        )
        rows.append(
            {
                "case_id": str(anzeige.case_id),
                "bedarfsanzeige_id": str(anzeige.id),
                "household_ref": cases[anzeige.case_id][0],
                "counsellor": cases[anzeige.case_id][1],
                "kind": anzeige.kind,
                "version": anzeige.version,
                "status": anzeige.status,
                "period_from": anzeige.period_from.isoformat() if anzeige.period_from else None,
                "period_to": anzeige.period_to.isoformat() if anzeige.period_to else None,
                "sent_on": anzeige.sent_on.isoformat() if anzeige.sent_on else None,
                "waiting_days": waiting,
            }
        )
    return rows


def _request_in_period(anzeige: Bedarfsanzeige, params: ReportParams) -> bool:
    day = anzeige.sent_on or anzeige.period_from
    if day is None:
        return True
    if params.from_month is not None and day < params.from_month.first_day:
        return False
    return not (params.to_month is not None and day > params.to_month.last_day)
