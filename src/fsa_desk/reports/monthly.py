"""The monthly evaluation (DESIGN.md §7): contacts, hours and people per calendar month.

Definitions beyond §7:

- Deleted rows (tombstones) never count, nor do consultations of a deleted household. Without
  ``--from``/``--to`` the period runs from the team's earliest to its latest consultation month,
  whatever the filters, so filtered reports of one store line up.
- ``contacts`` counts every consultation, whatever its outcome; ``no_shows`` those
  ``nicht_erschienen``. Their minutes count as recorded (billing rules decide elsewhere).
- ``households``: distinct households with a consultation in the month (no-shows included).
  ``persons``: members of those households whose membership overlaps the month.
  ``persons_present``: distinct persons recorded ``anwesend`` at a consultation that took place —
  nobody is present at a no-show.
- ``hours_by_life_area`` splits a consultation's minutes over its life areas: areas with minutes
  get them, the rest of the duration is split evenly over the areas without minutes. If every area
  has minutes, or the given minutes exceed the duration, the given minutes are scaled to the
  duration (all zero: even split). Consultations without a life area count under ``ohne``. So the
  areas always add up to ``hours``.
- ``kurzkontakte`` follow the counsellor filter; for the region filter they count by their
  counsellor's region (they have no household); being open office hours they belong to the
  Integrationsbüro, so another module filter leaves none.
- Dict columns carry every key that occurs in the period, zero in months without it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, distinct, false, func, or_, select

from fsa_desk.reports import facts
from fsa_desk.reports.common import (
    Database,
    Month,
    Report,
    ReportParams,
    check_filters,
    month_of,
    month_text,
    observed_period,
    shared_keys,
)
from fsa_desk.reports.facts import NO_LIFE_AREA
from fsa_desk.store.models import (
    Counsellor,
    Kurzkontakt,
    ReportConsultation,
    ReportLifeArea,
    ReportMembership,
    ReportPresence,
)

OPEN_OFFICE_MODULE = "integrationsbuero"


def monthly_report(db: Database, params: ReportParams) -> Report:
    """Rows per observed month; see the module docstring for the definitions."""
    check_filters(db, params)
    period = observed_period(db, params)
    rows = _rows(db, params, period) if period else []
    return {"report": "monthly", "params": params.payload(period), "rows": rows}


@dataclass
class _Totals:
    """Consultation figures of one month; minutes are summed as integers, hours derive last."""

    contacts: int = 0
    minutes: int = 0
    travel: int = 0
    no_shows: int = 0
    by_module: Counter[str] = field(default_factory=Counter)
    by_contact_type: Counter[str] = field(default_factory=Counter)
    by_counsellor: Counter[str] = field(default_factory=Counter)

    def add(self, module: str, contact_type: str, counsellor: str, figures: Any) -> None:
        self.contacts += figures.contacts
        self.minutes += figures.minutes
        self.travel += figures.travel
        self.no_shows += figures.no_shows
        self.by_module[module] += figures.minutes
        self.by_contact_type[contact_type] += figures.minutes
        self.by_counsellor[counsellor] += figures.minutes


@dataclass
class _Figures:
    totals: dict[str, _Totals]
    counts: dict[str, dict[str, int]]  # households, persons, persons_present, kurzkontakte
    life_areas: dict[str, dict[str, float]]


def _rows(db: Database, params: ReportParams, period: list[Month]) -> list[dict[str, Any]]:
    facts.refresh(db)
    return _shape(_figures(db, params, period), [str(month) for month in period])


def _figures(db: Database, params: ReportParams, period: list[Month]) -> _Figures:
    return _Figures(
        totals=_totals(db, params, period),
        counts={
            **_households_and_persons(db, params, period),
            "persons_present": _persons_present(db, params, period),
            "kurzkontakte": _by_month(db, _kurzkontakte(params, period)),
        },
        life_areas=_life_area_minutes(db, params, period),
    )


def _shape(figures: _Figures, months: list[str]) -> list[dict[str, Any]]:
    totals = [figures.totals.get(month, _Totals()) for month in months]
    areas = [figures.life_areas.get(month, {}) for month in months]
    keys = {
        "hours_by_module": shared_keys(t.by_module for t in totals),
        "hours_by_life_area": shared_keys(areas, last=NO_LIFE_AREA),
        "hours_by_contact_type": shared_keys(t.by_contact_type for t in totals),
        "hours_by_counsellor": shared_keys(t.by_counsellor for t in totals),
    }
    return [
        _row(month, total, area, figures.counts, keys)
        for month, total, area in zip(months, totals, areas, strict=True)
    ]


def _row(
    month: str,
    totals: _Totals,
    areas: dict[str, float],
    counts: dict[str, dict[str, int]],
    keys: dict[str, list[str]],
) -> dict[str, Any]:
    def count(name: str) -> int:
        return counts[name].get(month, 0)

    return {
        "month": month,
        "contacts": totals.contacts,
        "hours": totals.minutes / 60,
        "households": count("households"),
        "persons": count("persons"),
        "persons_present": count("persons_present"),
        "hours_by_module": _hours(totals.by_module, keys["hours_by_module"]),
        "hours_by_life_area": _hours(areas, keys["hours_by_life_area"]),
        "hours_by_contact_type": _hours(totals.by_contact_type, keys["hours_by_contact_type"]),
        "hours_by_counsellor": _hours(totals.by_counsellor, keys["hours_by_counsellor"]),
        "travel_hours": totals.travel / 60,
        "kurzkontakte": count("kurzkontakte"),
        "no_shows": totals.no_shows,
    }


def _hours(minutes: Counter[str] | dict[str, float], keys: list[str]) -> dict[str, float]:
    return {key: minutes.get(key, 0) / 60 for key in keys}


def _totals(db: Database, params: ReportParams, period: list[Month]) -> dict[str, _Totals]:
    f = ReportConsultation
    query = (
        select(
            f.month,
            f.module,
            f.contact_type,
            f.counsellor,
            func.count().label("contacts"),
            func.sum(f.minutes).label("minutes"),
            func.sum(f.travel).label("travel"),
            func.sum(case((f.no_show, 1), else_=0)).label("no_shows"),
        )
        .where(*facts.conditions(f, params, period))
        .group_by(f.month, f.module, f.contact_type, f.counsellor)
    )
    codes = facts.counsellor_codes_by_key(db)
    totals: dict[str, _Totals] = {}
    for row in db.execute(query):
        month_totals = totals.setdefault(month_text(row.month), _Totals())
        month_totals.add(row.module, row.contact_type, codes[row.counsellor], row)
    return totals


def _by_month(db: Database, query: Select[Any, Any]) -> dict[str, int]:
    return {month: int(count) for month, count in db.execute(query)}


def _households_and_persons(
    db: Database, params: ReportParams, period: list[Month]
) -> dict[str, dict[str, int]]:
    """Households with a consultation, and their members whose membership overlaps the month."""
    f, m = ReportConsultation, ReportMembership
    visited = (
        select(f.month, f.household)
        .where(*facts.conditions(f, params, period))
        .distinct()
        .subquery("visited")
    )
    overlaps = and_(
        m.household == visited.c.household,
        or_(m.from_month.is_(None), m.from_month <= visited.c.month),
        or_(m.to_month.is_(None), m.to_month >= visited.c.month),
    )
    query = (
        select(
            visited.c.month,
            func.count(distinct(visited.c.household)).label("households"),
            func.count(distinct(m.person)).label("persons"),
        )
        .outerjoin(m, overlaps)
        .group_by(visited.c.month)
    )
    counts: dict[str, dict[str, int]] = {"households": {}, "persons": {}}
    for row in db.execute(query):
        counts["households"][month_text(row.month)] = row.households
        counts["persons"][month_text(row.month)] = row.persons
    return counts


def _persons_present(db: Database, params: ReportParams, period: list[Month]) -> dict[str, int]:
    f = ReportPresence
    query = (
        select(f.month, func.count(distinct(f.person)))
        .where(*facts.conditions(f, params, period))
        .group_by(f.month)
    )
    return {month_text(month): int(count) for month, count in db.execute(query)}


def _kurzkontakte(params: ReportParams, period: list[Month]) -> Select[Any, Any]:
    k = Kurzkontakt
    month = month_of(k.date).label("month")
    return (
        select(month, func.count())
        .join(Counsellor, Counsellor.id == k.counsellor_id)
        .where(k.deleted_hlc.is_(None))
        .where(k.date >= period[0].first_day, k.date <= period[-1].last_day)
        .where(*_kurzkontakt_filters(params))
        .group_by(month)
    )


def _kurzkontakt_filters(params: ReportParams) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if params.counsellor is not None:
        conditions.append(Counsellor.code == params.counsellor)
    if params.region is not None:
        conditions.append(Counsellor.region == params.region)
    if params.module not in (None, OPEN_OFFICE_MODULE):
        conditions.append(false())
    return conditions


def _life_area_minutes(
    db: Database, params: ReportParams, period: list[Month]
) -> dict[str, dict[str, float]]:
    f = ReportLifeArea
    query = (
        select(f.month, f.life_area, func.sum(f.minutes))
        .where(*facts.conditions(f, params, period))
        .group_by(f.month, f.life_area)
    )
    minutes: dict[str, dict[str, float]] = {}
    for month, life_area, area_minutes in db.execute(query):
        minutes.setdefault(month_text(month), {})[life_area] = float(area_minutes)
    return minutes
