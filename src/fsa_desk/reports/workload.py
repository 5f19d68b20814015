"""Workload per counsellor (DESIGN.md §7), for steering — never a ranking.

Definitions beyond §7, all at the end of the observed period (its last month, E):

- ``active_households``: households with a consultation of this counsellor in the last 6 months
  (E−5 … E) that are not closed by the end of E. A household seen by two counsellors (Vertretung)
  counts for both; the team figure counts it once.
- ``hours_by_month``: the counsellor's consultation hours in E−2 … E; ``mean_monthly_hours`` their
  mean.
- ``vza``: the Stellenumfang valid at the end of E (``None`` when none is recorded); the per-VZÄ
  figures are ``None`` then too.
- ``fachleistung_approved_hours`` / ``fachleistung_used_hours``: Bewilligungen running at the end
  of E for households whose Bezugsberater:in the counsellor is — approved hours, and the hours of
  billable consultations booked on them (by anyone).
- ``forecast_hours``: the counsellor's share of the ``prognosis`` forecast, per month.
- ``team``: the same figures for the whole team (or the filtered part of it).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from fsa_desk.reports import facts
from fsa_desk.reports.common import (
    Database,
    Month,
    Report,
    ReportParams,
    check_filters,
    month_text,
    observed_period,
)
from fsa_desk.reports.course import prognosis
from fsa_desk.store.models import (
    Bewilligung,
    Consultation,
    Counsellor,
    CounsellorFte,
    FachleistungCase,
    Household,
    ReportConsultation,
    ReportKey,
)

ACTIVE_MONTHS = 6
RECENT_MONTHS = 3
CLOSED = "abgeschlossen"
ENDED_BEWILLIGUNG = ("aufgehoben", "beendet")


@dataclass
class _Load:
    households: set[int] = field(default_factory=set)
    minutes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    vza: Decimal | None = None
    approved: Decimal = Decimal(0)
    used_minutes: int = 0
    forecast: dict[str, float] = field(default_factory=dict)


def workload_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    period = observed_period(db, params)
    if not period:
        return {"report": "workload", "params": params.payload(period), "rows": [], "team": None}
    facts.refresh(db)
    end = period[-1]
    loads = _activity(db, params, end)
    _add_vza(db, loads, end)
    _add_fachleistung(db, loads, end)
    for row in prognosis(db, params, period).forecast:
        if row["counsellor"] in loads:
            loads[row["counsellor"]].forecast[row["month"]] = row["hours"]
    if params.counsellor is not None:
        loads = {code: load for code, load in loads.items() if code == params.counsellor}
    recent = [str(end.plus(offset)) for offset in range(1 - RECENT_MONTHS, 1)]
    rows = [_row(code, load, recent) for code, load in sorted(loads.items())]
    return {
        "report": "workload",
        "params": params.payload(period),
        "rows": rows,
        "team": _row(None, _team(loads.values()), recent),
    }


def _activity(db: Database, params: ReportParams, end: Month) -> dict[str, _Load]:
    """Households and minutes per counsellor code in the last six months."""
    window = [end.plus(offset) for offset in range(1 - ACTIVE_MONTHS, 1)]
    f = ReportConsultation
    query = (
        select(Counsellor.code, f.household, f.month, func.sum(f.minutes))
        .join(ReportKey, ReportKey.n == f.counsellor)
        .join(Counsellor, Counsellor.id == ReportKey.id)
        .where(*facts.conditions(f, params, window))
        .group_by(Counsellor.code, f.household, f.month)
    )
    closed = _closed_by(db, end)
    loads: dict[str, _Load] = defaultdict(_Load)
    for code, household, month, minutes in db.execute(query):
        load = loads[code]
        load.minutes[month_text(month)] += int(minutes)
        if household not in closed:
            load.households.add(household)
    return dict(loads)


def _closed_by(db: Database, end: Month) -> set[int]:
    h = Household
    query = (
        select(ReportKey.n)
        .join(h, h.id == ReportKey.id)
        .where(h.status == CLOSED, func.coalesce(h.status_since, end.last_day) <= end.last_day)
    )
    return set(db.execute(query).scalars())


def _add_vza(db: Database, loads: dict[str, _Load], end: Month) -> None:
    fte = CounsellorFte
    query = (
        select(Counsellor.code, fte.fte)
        .join(fte, fte.counsellor_id == Counsellor.id)
        .where(fte.deleted_hlc.is_(None), fte.valid_from <= end.last_day)
        .order_by(fte.valid_from)
    )
    for code, value in db.execute(query):  # the latest valid one wins
        if code in loads:
            loads[code].vza = Decimal(value)


def _add_fachleistung(db: Database, loads: dict[str, _Load], end: Month) -> None:
    b, case, h = Bewilligung, FachleistungCase, Household
    running = (
        select(b.id, b.approved_hours, Counsellor.code)
        .join(case, case.id == b.case_id)
        .join(h, h.id == case.household_id)
        .join(Counsellor, Counsellor.id == h.counsellor_id)
        .where(
            b.deleted_hlc.is_(None),
            h.deleted_hlc.is_(None),
            b.status.not_in(ENDED_BEWILLIGUNG),
            b.period_from <= end.last_day,
            b.period_to >= end.last_day,
        )
    )
    owner: dict[Any, str] = {}
    for bewilligung, approved, code in db.execute(running):
        if code in loads:
            loads[code].approved += Decimal(approved)
            owner[bewilligung] = code
    if not owner:
        return
    c = Consultation
    used = (
        select(c.bewilligung_id, func.sum(c.duration_minutes))
        .where(c.bewilligung_id.in_(list(owner)), c.billable.is_(True), c.deleted_hlc.is_(None))
        .group_by(c.bewilligung_id)
    )
    for booked_on, minutes in db.execute(used):
        loads[owner[booked_on]].used_minutes += int(minutes)


def _team(loads: Any) -> _Load:
    team = _Load()
    vza = [load.vza for load in loads if load.vza is not None]
    team.vza = sum(vza, Decimal(0)) if vza else None
    for load in loads:
        team.households |= load.households
        for month, minutes in load.minutes.items():
            team.minutes[month] += minutes
        team.approved += load.approved
        team.used_minutes += load.used_minutes
        for month, hours in load.forecast.items():
            team.forecast[month] = team.forecast.get(month, 0.0) + hours
    return team


def _row(code: str | None, load: _Load, recent: list[str]) -> dict[str, Any]:
    hours = {month: load.minutes.get(month, 0) / 60 for month in recent}
    mean = sum(hours.values()) / len(recent)
    vza = float(load.vza) if load.vza else None
    return {
        "counsellor": code,
        "active_households": len(load.households),
        "hours_by_month": hours,
        "mean_monthly_hours": mean,
        "vza": vza,
        "households_per_vza": len(load.households) / vza if vza else None,
        "hours_per_vza": mean / vza if vza else None,
        "fachleistung_approved_hours": float(load.approved),
        "fachleistung_used_hours": load.used_minutes / 60,
        "forecast_hours": dict(sorted(load.forecast.items())),
    }
