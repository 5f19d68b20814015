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

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, func, literal, select

from fsa_desk.domain.codes import code_list
from fsa_desk.reports import facts
from fsa_desk.reports.common import (
    Database,
    Month,
    Report,
    ReportParams,
    check_filters,
    day_number,
    month_key,
    month_number,
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


def _index(month: int) -> int:
    """``YYYYMM`` → months since year 0, so that month arithmetic is subtraction."""
    return (month // 100) * 12 + month % 100 - 1


def _month_index(month: Month) -> int:
    return _index(month_key(month))


def _index_month(index: int) -> Month:
    return Month(index // 12, index % 12 + 1)


# --- trajectory -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Units:
    """Time as integers: month indexes, or day numbers for 30-day windows (``--relative``).

    Month k of a household that started in unit ``s`` spans ``span(s, k)``; it is observed when
    the span lies inside the period's units ``first`` … ``last``.
    """

    relative: bool
    first: int
    last: int

    @classmethod
    def of(cls, period: list[Month], relative: bool) -> _Units:
        if relative:
            return cls(True, period[0].first_day.toordinal(), period[-1].last_day.toordinal())
        return cls(False, _month_index(period[0]), _month_index(period[-1]))

    def unit(self, day: date) -> int:
        return day.toordinal() if self.relative else _month_index(Month.of(day))

    def span(self, start: int, k: int) -> tuple[int, int]:
        if self.relative:
            return start + WINDOW_DAYS * (k - 1), start + WINDOW_DAYS * k - 1
        return start + k - 1, start + k - 1


@dataclass
class _ByK:
    """Sums over households per month k, computed in the database."""

    minutes: dict[int, int] = field(default_factory=dict)
    with_contact: dict[int, int] = field(default_factory=dict)  # households with a consultation
    areas: dict[int, int] = field(default_factory=dict)  # distinct (household, life area) pairs


def trajectory_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    relative = params.relative
    period = observed_period(db, params)
    payload = {**params.payload(period), "relative": relative}
    if not period:
        return {"report": "trajectory", "params": payload, "rows": []}
    facts.refresh(db)
    households = _households(db, params)
    units = _Units.of(period, relative)
    start = {key: units.unit(day) for key, day in households.first.items()}
    closed = {key: units.unit(day) for key, day in households.closed.items() if day != date.min}
    closed |= {key: -1 for key, day in households.closed.items() if day == date.min}
    sums = _sums_by_k(db, params, period)
    rows = [_trajectory_row(k, units, start, closed, sums) for k in range(1, TRAJECTORY_MONTHS + 1)]
    return {"report": "trajectory", "params": payload, "rows": rows}


def _sums_by_k(db: Database, params: ReportParams, period: list[Month]) -> _ByK:
    """Minutes, households with a consultation and life areas per k, summed in SQL.

    Calendar months: every consultation in the period lies in an observed month of its
    household. 30-day windows: only windows wholly inside the period count.
    """
    c, la = ReportConsultation, ReportLifeArea
    first = (
        select(c.household.label("household"), func.min(c.day).label("day"))
        .where(c.no_show.is_(False), *facts.filters(c, params))
        .group_by(c.household)
        .subquery("first_contact")
    )
    sums = _ByK()
    k_c, inside_c = _k_of(c, first, period, params.relative)
    query = (
        select(k_c.label("k"), func.sum(c.minutes), func.count(func.distinct(c.household)))
        .join(first, first.c.household == c.household)
        .where(*facts.conditions(c, params, period), *inside_c)
        .group_by(k_c)
    )
    for k, minutes, households in db.execute(query):
        sums.minutes[k], sums.with_contact[k] = int(minutes), int(households)
    k_la, inside_la = _k_of(la, first, period, params.relative)
    pairs = (
        select(k_la.label("k"), la.household, la.life_area)
        .join(first, first.c.household == la.household)
        .where(la.life_area != NO_LIFE_AREA, *facts.conditions(la, params, period), *inside_la)
        .distinct()
        .subquery("pairs")
    )
    for k, count in db.execute(select(pairs.c.k, func.count()).group_by(pairs.c.k)):
        sums.areas[k] = int(count)
    return sums


def _k_of(
    fact: Any, first: Any, period: list[Month], relative: bool
) -> tuple[Any, list[ColumnElement[bool]]]:
    """Month k of a fact row after its household's first consultation, and the conditions that
    keep k within the trajectory (and a 30-day window within the period)."""
    if relative:
        started = day_number(first.c.day)
        k = (day_number(fact.day) - started) // WINDOW_DAYS + 1
        period_start = day_number(literal(period[0].first_day, Date))
        period_end = day_number(literal(period[-1].last_day, Date))
        inside = [
            started + WINDOW_DAYS * (k - 1) >= period_start,
            started + WINDOW_DAYS * k - 1 <= period_end,
        ]
    else:
        k = _sql_month_index(fact.month) - _sql_month_index(month_number(first.c.day)) + 1
        inside = []
    return k, [k >= 1, k <= TRAJECTORY_MONTHS, *inside]


def _sql_month_index(month: Any) -> Any:
    """``YYYYMM`` → months since year 0, in SQL (integer arithmetic only: portable)."""
    return (month // 100) * 12 + month % 100


def _trajectory_row(
    k: int, units: _Units, start: dict[int, int], closed: dict[int, int], sums: _ByK
) -> dict[str, Any]:
    observed = active = 0
    for key, first in start.items():
        begins, ends = units.span(first, k)
        if units.first <= begins and ends <= units.last:
            observed += 1
            active += closed.get(key, begins) >= begins
    with_contact = sums.with_contact.get(k, 0)
    return {
        "k": k,
        "households": observed,
        "mean_hours": sums.minutes.get(k, 0) / 60 / observed if observed else None,
        "mean_life_areas": sums.areas.get(k, 0) / with_contact if with_contact else None,
        "active_households": active,
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
