"""The course of counselling relationships (DESIGN.md §7): ``trajectory`` and ``prognosis``.

Definitions beyond §7:

- A household's **first consultation** is its earliest consultation that took place (a no-show does
  not start a relationship) among the consultations the filters select — counsellor, module,
  region — in any month; the period only decides which months are observed. ``--module
  fachleistung`` therefore aligns households at their first Fachleistung consultation.
- Hours count every selected consultation's minutes, no-shows included, as in ``monthly``.
- ``mean_life_areas``: distinct life areas (``ohne`` not counted) of a household's consultations in
  month k, averaged over the households with a consultation in month k; ``None`` without any.
  ``mean_hours`` is ``None`` when no household is observed in month k.
- ``active_households``: households observed in month k that were not closed (status
  ``abgeschlossen``, since a date) before month k began.
- ``--relative``: month k is the 30-day window of days 30(k−1) … 30k−1 after the first
  consultation's day; a window is observed when it lies inside the period.
- ``prognosis`` works on calendar months. Its ``forecast`` covers the three months after the
  period for households first seen by its end, not closed, and either in their first 8 months or
  with a consultation in the period's last 6 months: a household in its first 8 months
  is expected to need its group's mean (both groups' mean while its month 2 lies ahead), any other
  household its own average of the period's last 6 months. Households count under their
  Bezugsberater:in (``counsellor``) and in the team rows (``counsellor`` is ``None``).
  Only these sums are reported: no household is ever labelled with an expected load. Each group
  also carries ``mean_hours_by_k``, its mean hours in months 1 … 9 since the first consultation
  (all observed for every household of the group): the two curves of the chart.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from fsa_desk.domain.codes import code_list
from fsa_desk.reports import facts
from fsa_desk.reports.common import (
    Database,
    Month,
    Report,
    ReportParams,
    check_filters,
    month_key,
    observed_period,
)
from fsa_desk.reports.facts import NO_LIFE_AREA
from fsa_desk.store.models import (
    Counsellor,
    Household,
    ReportConsultation,
    ReportKey,
    ReportLifeArea,
)

TRAJECTORY_MONTHS = 24
WINDOW_DAYS = 30
PROGNOSIS_FOLLOW_UP = 8  # months after m1 that must be observed
GROUP_MONTHS = range(3, 9)  # months m1+2 … m1+7, as k
FORECAST_MONTHS = 3
RECENT_MONTHS = 6  # a settled household's own recent average
CONTACT_MONTH2 = "contact_month2"
NO_CONTACT_MONTH2 = "no_contact_month2"
CLOSED = "abgeschlossen"


def direct_contact_types() -> tuple[str, ...]:
    return tuple(code.code for code in code_list("contact_types").codes_where(direct=True))


# --- reading the facts --------------------------------------------------------------------


@dataclass
class _Households:
    """What the course reports need to know of each household (by fact key)."""

    first: dict[int, date] = field(default_factory=dict)  # first consultation that took place
    closed: dict[int, date] = field(default_factory=dict)  # closed since
    counsellor: dict[int, str] = field(default_factory=dict)  # Bezugsberater:in's code


def _households(db: Database, params: ReportParams) -> _Households:
    f = ReportConsultation
    first = (
        select(f.household, func.min(f.day))
        .where(f.no_show.is_(False), *facts.filters(f, params))
        .group_by(f.household)
    )
    found = _Households(first={key: day for key, day in db.execute(first)})
    h, counsellor = Household, Counsellor
    query = (
        select(ReportKey.n, h.status, h.status_since, counsellor.code)
        .join(h, h.id == ReportKey.id)
        .outerjoin(counsellor, counsellor.id == h.counsellor_id)
        .where(h.deleted_hlc.is_(None))
    )
    for key, status, since, code in db.execute(query):
        if status == CLOSED:
            found.closed[key] = since or date.min
        if code is not None:
            found.counsellor[key] = code
    return found


def _minutes_by_month(
    db: Database, params: ReportParams, period: list[Month]
) -> dict[tuple[int, int], int]:
    """(household, month index) → minutes in the period."""
    f = ReportConsultation
    query = (
        select(f.household, f.month, func.sum(f.minutes))
        .where(*facts.conditions(f, params, period))
        .group_by(f.household, f.month)
    )
    return {(key, _index(month)): int(total) for key, month, total in db.execute(query)}


def _minutes_by_day(
    db: Database, params: ReportParams, period: list[Month]
) -> dict[tuple[int, date], int]:
    f = ReportConsultation
    query = (
        select(f.household, f.day, func.sum(f.minutes))
        .where(*facts.conditions(f, params, period))
        .group_by(f.household, f.day)
    )
    return {(key, day): int(total) for key, day, total in db.execute(query)}


def _areas_by_day(
    db: Database, params: ReportParams, period: list[Month]
) -> Iterable[tuple[int, date, int, str]]:
    """(household, day, month, life area) of the period's consultations, ``ohne`` left out."""
    f = ReportLifeArea
    query = (
        select(f.household, f.day, f.month, f.life_area)
        .where(f.life_area != NO_LIFE_AREA, *facts.conditions(f, params, period))
        .distinct()
    )
    return [(key, day, month, area) for key, day, month, area in db.execute(query)]


def _index(month: int) -> int:
    """``YYYYMM`` → months since year 0, so that month arithmetic is subtraction."""
    return (month // 100) * 12 + month % 100 - 1


def _month_index(month: Month) -> int:
    return _index(month_key(month))


def _index_month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


# --- trajectory -------------------------------------------------------------------------------


@dataclass
class _Alignment:
    """Households aligned at their first consultation: minutes and life areas per month k."""

    minutes: dict[tuple[int, int], int] = field(default_factory=dict)
    areas: dict[tuple[int, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    seen: set[tuple[int, int]] = field(default_factory=set)  # had a consultation in month k


def trajectory_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    relative = params.relative
    period = observed_period(db, params)
    payload = {**params.payload(period), "relative": relative}
    if not period:
        return {"report": "trajectory", "params": payload, "rows": []}
    facts.refresh(db)
    households = _households(db, params)
    if relative:
        alignment = _by_window(db, params, period, households.first)
    else:
        alignment = _by_month(db, params, period, households.first)
    rows = [
        _trajectory_row(k, households, alignment, _observer(period, relative))
        for k in range(1, TRAJECTORY_MONTHS + 1)
    ]
    return {"report": "trajectory", "params": payload, "rows": rows}


def _by_month(
    db: Database, params: ReportParams, period: list[Month], first: dict[int, date]
) -> _Alignment:
    start = {key: _month_index(Month.of(day)) for key, day in first.items()}
    aligned = _Alignment()
    for (key, index), minutes in _minutes_by_month(db, params, period).items():
        if key in start and index >= start[key]:
            k = index - start[key] + 1
            aligned.minutes[key, k] = minutes
            aligned.seen.add((key, k))
    for key, _day, month, area in _areas_by_day(db, params, period):
        if key in start and _index(month) >= start[key]:
            aligned.areas[key, _index(month) - start[key] + 1].add(area)
    return aligned


def _by_window(
    db: Database, params: ReportParams, period: list[Month], first: dict[int, date]
) -> _Alignment:
    aligned = _Alignment()
    for (key, day), minutes in _minutes_by_day(db, params, period).items():
        if key in first and day >= first[key]:
            k = (day - first[key]).days // WINDOW_DAYS + 1
            aligned.minutes[key, k] = aligned.minutes.get((key, k), 0) + minutes
            aligned.seen.add((key, k))
    for key, day, _month, area in _areas_by_day(db, params, period):
        if key in first and day >= first[key]:
            aligned.areas[key, (day - first[key]).days // WINDOW_DAYS + 1].add(area)
    return aligned


@dataclass(frozen=True)
class _Observer:
    """When month (or window) k of a household starts, and whether it lies in the period."""

    first_day: date
    last_day: date
    relative: bool

    def start(self, first: date, k: int) -> date:
        if self.relative:
            return first + timedelta(days=WINDOW_DAYS * (k - 1))
        return Month.of(first).plus(k - 1).first_day

    def observed(self, first: date, k: int) -> bool:
        if self.relative:
            end = first + timedelta(days=WINDOW_DAYS * k - 1)
            return self.first_day <= self.start(first, k) and end <= self.last_day
        return self.first_day <= self.start(first, k) <= self.last_day


def _observer(period: list[Month], relative: bool) -> _Observer:
    return _Observer(period[0].first_day, period[-1].last_day, relative)


def _trajectory_row(
    k: int, households: _Households, aligned: _Alignment, observer: _Observer
) -> dict[str, Any]:
    observed = [key for key, first in households.first.items() if observer.observed(first, k)]
    with_contact = [key for key in observed if (key, k) in aligned.seen]
    active = [
        key
        for key in observed
        if households.closed.get(key, date.max) >= observer.start(households.first[key], k)
    ]
    minutes = sum(aligned.minutes.get((key, k), 0) for key in observed)
    areas = sum(len(aligned.areas.get((key, k), ())) for key in with_contact)
    return {
        "k": k,
        "households": len(observed),
        "mean_hours": minutes / 60 / len(observed) if observed else None,
        "mean_life_areas": areas / len(with_contact) if with_contact else None,
        "active_households": len(active),
    }


# --- prognosis --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Group:
    households: int
    mean_monthly_hours: float | None
    mean_hours_by_k: list[float]  # months 1 … 9 since the first: the group's curve


@dataclass
class Prognosis:
    groups: dict[str, _Group]
    forecast: list[dict[str, Any]]


def prognosis_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    period = observed_period(db, params)
    result = prognosis(db, params, period)
    groups = {name: vars(group) for name, group in result.groups.items()}
    return {
        "report": "prognosis",
        "params": params.payload(period),
        "groups": groups,
        "forecast": result.forecast,
    }


def prognosis(db: Database, params: ReportParams, period: list[Month]) -> Prognosis:
    """The two groups of §7 and the forecast for the three months after ``period``."""
    if not period:
        empty = _Group(0, None, [])
        return Prognosis({CONTACT_MONTH2: empty, NO_CONTACT_MONTH2: empty}, [])
    facts.refresh(db)
    households = _households(db, params)
    start = {key: _month_index(Month.of(day)) for key, day in households.first.items()}
    minutes = _minutes_by_month(db, params, period)
    direct = _direct_contact_months(db, params)
    first, last = _month_index(period[0]), _month_index(period[-1])
    members: dict[str, list[int]] = {CONTACT_MONTH2: [], NO_CONTACT_MONTH2: []}
    for key, m1 in start.items():
        if m1 >= first and m1 + PROGNOSIS_FOLLOW_UP <= last:
            members[CONTACT_MONTH2 if (key, m1 + 1) in direct else NO_CONTACT_MONTH2].append(key)
    groups = {name: _group(keys, start, minutes) for name, keys in members.items()}
    expected = _Expectation(groups, start, minutes, direct, last)
    return Prognosis(groups, _forecast(households, expected, last))


def _group(keys: list[int], start: dict[int, int], minutes: dict[tuple[int, int], int]) -> _Group:
    def hours(key: int, k: int) -> float:
        return minutes.get((key, start[key] + k - 1), 0) / 60

    monthly = [sum(hours(key, k) for k in GROUP_MONTHS) / len(GROUP_MONTHS) for key in keys]
    curve = range(1, PROGNOSIS_FOLLOW_UP + 2)  # every household is observed in all of them
    by_k = [sum(hours(key, k) for key in keys) / len(keys) for k in curve] if keys else []
    return _Group(len(keys), _mean(monthly), by_k)


def _direct_contact_months(db: Database, params: ReportParams) -> set[tuple[int, int]]:
    f = ReportConsultation
    query = (
        select(f.household, f.month)
        .where(
            f.no_show.is_(False),
            f.contact_type.in_(direct_contact_types()),
            *facts.filters(f, params),
        )
        .distinct()
    )
    return {(key, _index(month)) for key, month in db.execute(query)}


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class _Expectation:
    """Expected monthly hours of one household in a month after the period."""

    groups: dict[str, _Group]
    start: dict[int, int]
    minutes: dict[tuple[int, int], int]
    direct: set[tuple[int, int]]
    last: int  # the period's last month index

    def hours(self, key: int, month: int) -> float:
        m1 = self.start[key]
        if month - m1 + 1 <= PROGNOSIS_FOLLOW_UP:
            mean = self._group_mean(key, m1)
            if mean is not None:
                return mean
        recent = range(self.last - RECENT_MONTHS + 1, self.last + 1)
        return sum(self.minutes.get((key, index), 0) for index in recent) / 60 / RECENT_MONTHS

    def active(self, key: int) -> bool:
        """First seen by the period's end, and new or with a consultation in its last months."""
        m1 = self.start[key]
        if m1 > self.last:
            return False
        if self.last - m1 + 1 < PROGNOSIS_FOLLOW_UP:
            return True
        recent = range(self.last - RECENT_MONTHS + 1, self.last + 1)
        return any((key, index) in self.minutes for index in recent)

    def _group_mean(self, key: int, m1: int) -> float | None:
        if m1 + 1 <= self.last:
            group = CONTACT_MONTH2 if (key, m1 + 1) in self.direct else NO_CONTACT_MONTH2
            return self.groups[group].mean_monthly_hours
        both = [g for g in self.groups.values() if g.mean_monthly_hours is not None]
        if not both:
            return None
        weighted = sum(g.households * (g.mean_monthly_hours or 0) for g in both)
        return weighted / sum(g.households for g in both)


def _forecast(households: _Households, expected: _Expectation, last: int) -> list[dict[str, Any]]:
    """Rows per month and counsellor, then the team's rows (``counsellor`` ``None``)."""
    period_end = _index_month(last).last_day
    open_households = [
        key
        for key in expected.start
        if expected.active(key) and households.closed.get(key, date.max) > period_end
    ]
    rows: list[dict[str, Any]] = []
    assigned = households.counsellor
    codes = sorted({assigned[key] for key in open_households if key in assigned})
    for offset in range(1, FORECAST_MONTHS + 1):
        month = last + offset
        by_counsellor: dict[str | None, list[float]] = {code: [] for code in codes}
        by_counsellor[None] = []
        for key in open_households:
            hours = expected.hours(key, month)
            by_counsellor[None].append(hours)
            if key in households.counsellor:
                by_counsellor[households.counsellor[key]].append(hours)
        for code in [*codes, None]:
            values = by_counsellor[code]
            rows.append(
                {
                    "month": str(_index_month(month)),
                    "counsellor": code,
                    "households": len(values),
                    "hours": sum(values),
                }
            )
    return rows
