"""The team lead's monthly page (DESIGN.md §7): one month M, everything she steers by.

M is ``--to`` (default: the latest month with a consultation). Definitions beyond §7:

- **caseload**: ``stock`` — households not closed by the end of M with a consultation in the six
  months up to M, by the module of their latest one; ``new`` — households whose first consultation
  that took place is in M, by its module; ``closed`` — households closed in M, by reason.
- **willkommen**: ``allocations`` in M; ``mean_days_to_first_contact`` — from allocation to the
  first consultation; ``reaching_month_12`` — households not closed whose
  Willkommensjahr ends in the two months after M. Days to first contact count households whose
  first consultation, in M, was in the Willkommen module.
- **fachleistung**: pipeline — Bedarfsanzeigen in draft and submitted (with the mean days since
  sending) at the end of M, those decided in M by decision, hours requested and approved in those
  decisions; running approvals at the end of M — approved, delivered (billable consultation hours
  booked on them up to the end of M), billed (Abrechnung lines), ``over_use`` (delivered beyond
  approved), ``under_use`` (after a quarter of the period, less than half of the pro-rata hours),
  ``extensions_due`` (ending within 8 weeks after M).
- **load**: the team row of ``workload`` at M.
- **life_areas**: hours per life area in M beside the mean of the three months before.
- **deadlines**: Fristen from Bescheide and tasks not done and due before the end of M, of
  households not closed.
- **data_quality**: consultations in M without a life area; adults (18 or older at the end of M)
  in households seen in M without an Art. 13 record; running Fachleistung cases without a valid
  consent. ``services.reports`` adds the open parallel changes, duplicate suspicions and missing
  bundles of this installation's review queues (the sync layer's, above the reports).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select

from fsa_desk.domain.modules import willkommen_last_day
from fsa_desk.reports import facts
from fsa_desk.reports.common import (
    TABLES,
    Database,
    Month,
    Report,
    ReportParams,
    check_filters,
    long_table,
    month_key,
    observed_period,
)
from fsa_desk.reports.facts import NO_LIFE_AREA
from fsa_desk.reports.workload import workload_report
from fsa_desk.store.models import (
    AbrechnungLine,
    Art13Record,
    Bedarfsanzeige,
    BedarfsanzeigeHours,
    Bescheid,
    Bewilligung,
    Consent,
    Consultation,
    FachleistungCase,
    Household,
    Membership,
    Person,
    ReportConsultation,
    ReportKey,
    ReportLifeArea,
    Task,
)

CLOSED = "abgeschlossen"
WILLKOMMEN = "willkommen"
ACTIVE_MONTHS = 6
TREND_MONTHS = 3
EXTENSION_WEEKS = 8
DRAFT = ("entwurf", "unterschrieben")
SUBMITTED = ("angezeigt", "rueckfrage")
DECIDED = ("bewilligt", "teilweise_bewilligt", "abgelehnt")
ENDED_BEWILLIGUNG = ("aufgehoben", "beendet")
ADULT = 18


def koordination_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    period = observed_period(db, params)
    if not period:
        return {"report": "koordination", "params": {**params.payload(period), "month": None}}
    month = period[-1]
    facts.refresh(db)
    page = _Page(db, params, month)
    return {
        "report": "koordination",
        "params": {**params.payload([month]), "month": str(month)},
        "caseload": page.caseload(),
        "willkommen": page.willkommen(),
        "fachleistung": page.fachleistung(),
        "load": page.load(),
        "life_areas": page.life_areas(),
        "deadlines": page.deadlines(),
        "data_quality": page.data_quality(),
    }


class _Page:
    def __init__(self, db: Database, params: ReportParams, month: Month) -> None:
        self.db, self.params, self.month = db, params, month
        self.start, self.end = month.first_day, month.last_day

    # --- caseload -----------------------------------------------------------------------------

    def caseload(self) -> dict[str, Any]:
        f = ReportConsultation
        window = [self.month.plus(offset) for offset in range(1 - ACTIVE_MONTHS, 1)]
        latest: dict[int, tuple[date, str]] = {}
        query = select(f.household, f.day, f.module).where(
            *facts.conditions(f, self.params, window)
        )
        for household, day, module in self.db.execute(query):
            if household not in latest or day >= latest[household][0]:
                latest[household] = (day, module)
        closed = self._closed_by_end()
        stock = Counter(module for key, (_day, module) in latest.items() if key not in closed)
        new = Counter(self._first_modules().values())
        reasons = self._closed_in_month()
        return {
            "stock": sum(stock.values()),
            "stock_by_module": dict(sorted(stock.items())),
            "new": sum(new.values()),
            "new_by_module": dict(sorted(new.items())),
            "closed": sum(reasons.values()),
            "closed_by_reason": dict(sorted(reasons.items())),
        }

    def _closed_by_end(self) -> set[int]:
        h = Household
        query = (
            select(ReportKey.n)
            .join(h, h.id == ReportKey.id)
            .where(h.status == CLOSED, func.coalesce(h.status_since, self.end) <= self.end)
        )
        return set(self.db.execute(query).scalars())

    def _first_modules(self) -> dict[int, str]:
        """Households first seen in M and the module of that first consultation."""
        f = ReportConsultation
        first = (
            select(f.household, func.min(f.day).label("day"))
            .where(f.no_show.is_(False), *facts.filters(f, self.params))
            .group_by(f.household)
            .subquery()
        )
        query = (
            select(f.household, f.module)
            .join(first, and_(first.c.household == f.household, first.c.day == f.day))
            .where(first.c.day.between(self.start, self.end), f.no_show.is_(False))
        )
        return {key: module for key, module in self.db.execute(query)}

    def _closed_in_month(self) -> Counter[str]:
        h = Household
        query = (
            select(h.closure_reason, func.count())
            .where(
                h.deleted_hlc.is_(None),
                h.status == CLOSED,
                h.status_since.between(self.start, self.end),
            )
            .group_by(h.closure_reason)
        )
        return Counter({reason or "unbekannt": int(n) for reason, n in self.db.execute(query)})

    # --- Willkommensleistung ------------------------------------------------------------------

    def willkommen(self) -> dict[str, Any]:
        h = Household
        live = and_(h.deleted_hlc.is_(None))
        allocations = self.db.execute(
            select(func.count()).where(live, h.allocation_date.between(self.start, self.end))
        ).scalar_one()
        first = self._first_days()
        welcomed = [key for key, module in self._first_modules().items() if module == WILLKOMMEN]
        allocated_on = self._allocations()
        waits = [
            (first[key] - allocated_on[key]).days
            for key in welcomed
            if key in allocated_on and first[key] >= allocated_on[key]
        ]
        horizon_end = self.month.plus(2).last_day
        reaching = sum(
            1
            for key, allocated in self._allocations(open_only=True).items()
            if self.end < willkommen_last_day(allocated) <= horizon_end
        )
        return {
            "allocations": int(allocations),
            "mean_days_to_first_contact": sum(waits) / len(waits) if waits else None,
            "reaching_month_12": reaching,
        }

    def _first_days(self) -> dict[int, date]:
        f = ReportConsultation
        query = (
            select(f.household, func.min(f.day))
            .where(f.no_show.is_(False), *facts.filters(f, self.params))
            .group_by(f.household)
        )
        return {key: day for key, day in self.db.execute(query)}

    def _allocations(self, *, open_only: bool = False) -> dict[int, date]:
        h = Household
        query = (
            select(ReportKey.n, h.allocation_date)
            .join(h, h.id == ReportKey.id)
            .where(h.deleted_hlc.is_(None), h.allocation_date.is_not(None))
        )
        if open_only:
            query = query.where(h.status != CLOSED)
        return {key: day for key, day in self.db.execute(query) if day is not None}

    # --- Fachleistung -------------------------------------------------------------------------

    def fachleistung(self) -> dict[str, Any]:
        b = Bedarfsanzeige
        live = b.deleted_hlc.is_(None)
        drafts = self._count(select(func.count()).where(live, b.status.in_(DRAFT)))
        sent_on = self.db.execute(
            select(b.sent_on).where(live, b.status.in_(SUBMITTED), b.sent_on.is_not(None))
        ).scalars()
        waiting = [(self.end - sent).days for sent in sent_on if sent and sent <= self.end]
        decided = select(b.id).where(live, b.decided_on.between(self.start, self.end))
        decisions = Counter(
            {
                status: int(n)
                for status, n in self.db.execute(
                    select(b.status, func.count())
                    .where(b.id.in_(decided), b.status.in_(DECIDED))
                    .group_by(b.status)
                )
            }
        )
        requested = self._sum(
            select(func.sum(BedarfsanzeigeHours.hours)).where(
                BedarfsanzeigeHours.bedarfsanzeige_id.in_(decided),
                BedarfsanzeigeHours.deleted_hlc.is_(None),
            )
        )
        approved = self._sum(
            select(func.sum(Bewilligung.approved_hours)).where(
                Bewilligung.bedarfsanzeige_id.in_(decided), Bewilligung.deleted_hlc.is_(None)
            )
        )
        return {
            "drafts": drafts,
            "submitted": len(waiting),
            "mean_days_waiting": sum(waiting) / len(waiting) if waiting else None,
            "decisions": {status: decisions.get(status, 0) for status in DECIDED},
            "hours_requested": requested,
            "hours_approved": approved,
            **self._running(),
        }

    def _running(self) -> dict[str, Any]:
        w = Bewilligung
        rows = self.db.execute(
            select(w.id, w.approved_hours, w.period_from, w.period_to).where(
                w.deleted_hlc.is_(None),
                w.status.not_in(ENDED_BEWILLIGUNG),
                w.period_from <= self.end,
                w.period_to >= self.end,
            )
        ).all()
        ids = [row.id for row in rows]
        delivered = self._by_bewilligung(
            select(Consultation.bewilligung_id, func.sum(Consultation.duration_minutes))
            .where(
                Consultation.bewilligung_id.in_(ids),
                Consultation.billable.is_(True),
                Consultation.deleted_hlc.is_(None),
                Consultation.date <= self.end,
            )
            .group_by(Consultation.bewilligung_id),
            per=60,
        )
        billed = self._by_bewilligung(
            select(AbrechnungLine.bewilligung_id, func.sum(AbrechnungLine.hours_period))
            .where(AbrechnungLine.bewilligung_id.in_(ids), AbrechnungLine.deleted_hlc.is_(None))
            .group_by(AbrechnungLine.bewilligung_id)
        )
        over = under = due = 0
        extension_limit = self.end + timedelta(weeks=EXTENSION_WEEKS)
        for row in rows:
            used, allowed = delivered.get(row.id, 0.0), float(row.approved_hours)
            over += used > allowed
            under += _under_used(used, allowed, row.period_from, row.period_to, self.end)
            due += row.period_to <= extension_limit
        return {
            "running": len(rows),
            "approved_hours": float(sum((Decimal(r.approved_hours) for r in rows), Decimal(0))),
            "delivered_hours": sum(delivered.values()),
            "billed_hours": sum(billed.values()),
            "over_use": over,
            "under_use": under,
            "extensions_due": due,
        }

    def _by_bewilligung(self, query: Any, per: int = 1) -> dict[Any, float]:
        return {key: float(value) / per for key, value in self.db.execute(query)}

    # --- load, life areas, deadlines ----------------------------------------------------------

    def load(self) -> dict[str, Any]:
        team = workload_report(self.db, self._month_params())["team"] or {}
        return {
            name: team.get(name)
            for name in (
                "active_households",
                "mean_monthly_hours",
                "vza",
                "households_per_vza",
                "hours_per_vza",
            )
        }

    def _month_params(self) -> ReportParams:
        p = self.params
        return ReportParams(self.month, self.month, p.counsellor, p.module, p.region)

    def life_areas(self) -> dict[str, dict[str, float | None]]:
        f = ReportLifeArea
        before = [self.month.plus(offset) for offset in range(-TREND_MONTHS, 0)]
        query = (
            select(f.month, f.life_area, func.sum(f.minutes))
            .where(*facts.conditions(f, self.params, [*before, self.month]))
            .group_by(f.month, f.life_area)
        )
        now: dict[str, float] = {}
        earlier: dict[str, float] = {}
        for month, area, minutes in self.db.execute(query):
            target = now if month == month_key(self.month) else earlier
            target[area] = target.get(area, 0.0) + float(minutes) / 60
        return {
            area: {
                "hours": now.get(area, 0.0),
                "mean_3_months": earlier.get(area, 0.0) / TREND_MONTHS,
                "change": now.get(area, 0.0) - earlier.get(area, 0.0) / TREND_MONTHS,
            }
            for area in sorted(set(now) | set(earlier), key=lambda a: (a == NO_LIFE_AREA, a))
        }

    def deadlines(self) -> dict[str, int]:
        open_households = select(Household.id).where(
            Household.deleted_hlc.is_(None), Household.status != CLOSED
        )
        bescheide = self._count(
            select(func.count()).where(
                Bescheid.deleted_hlc.is_(None),
                Bescheid.done_on.is_(None),
                Bescheid.due_on < self.end,
                Bescheid.household_id.in_(open_households),
            )
        )
        tasks = self._count(
            select(func.count()).where(
                Task.deleted_hlc.is_(None),
                Task.done_on.is_(None),
                Task.due_on < self.end,
                or_(Task.household_id.is_(None), Task.household_id.in_(open_households)),
            )
        )
        return {"overdue_bescheide": bescheide, "overdue_tasks": tasks}

    # --- data quality -------------------------------------------------------------------------

    def data_quality(self) -> dict[str, int | None]:
        f = ReportLifeArea
        without_area = self._count(
            select(func.count()).where(
                f.life_area == NO_LIFE_AREA, *facts.conditions(f, self.params, [self.month])
            )
        )
        return {
            "consultations_without_life_area": without_area,
            "adults_without_art13": self._adults_without_art13(),
            "fachleistung_without_consent": self._cases_without_consent(),
        }

    def _adults_without_art13(self) -> int:
        rc, m, p = ReportConsultation, Membership, Person
        seen = (
            select(ReportKey.id)
            .join(rc, rc.household == ReportKey.n)
            .where(*facts.conditions(rc, self.params, [self.month]))
        )
        adult_born = self.end.year - ADULT
        informed = select(Art13Record.person_id).where(Art13Record.deleted_hlc.is_(None))
        query = (
            select(func.count(func.distinct(p.id)))
            .join(m, m.person_id == p.id)
            .where(
                m.household_id.in_(seen),
                m.deleted_hlc.is_(None),
                p.deleted_hlc.is_(None),
                or_(m.valid_to.is_(None), m.valid_to >= self.start),
                p.birth_year.is_not(None),
                p.birth_year <= adult_born,
                p.id.not_in(informed),
            )
        )
        return self._count(query)

    def _cases_without_consent(self) -> int:
        w, case, m, c = Bewilligung, FachleistungCase, Membership, Consent
        running = select(w.case_id).where(
            w.deleted_hlc.is_(None),
            w.status.not_in(ENDED_BEWILLIGUNG),
            w.period_from <= self.end,
            w.period_to >= self.end,
        )
        consenting = (
            select(m.household_id)
            .join(c, c.person_id == m.person_id)
            .where(
                c.deleted_hlc.is_(None),
                c.given_on <= self.end,
                or_(c.valid_until.is_(None), c.valid_until >= self.end),
                or_(c.revoked_on.is_(None), c.revoked_on > self.end),
            )
        )
        query = select(func.count()).where(
            case.id.in_(running),
            case.deleted_hlc.is_(None),
            case.household_id.not_in(consenting),
        )
        return self._count(query)

    # --- helpers ------------------------------------------------------------------------------

    def _count(self, query: Any) -> int:
        return int(self.db.execute(query).scalar() or 0)

    def _sum(self, query: Any) -> float:
        return float(self.db.execute(query).scalar() or 0)


def _under_used(used: float, allowed: float, starts: date, ends: date, at: date) -> bool:
    total = (ends - starts).days + 1
    elapsed = (min(at, ends) - starts).days + 1
    if total <= 0 or elapsed * 4 < total:
        return False
    return used < allowed * elapsed / total / 2


TABLES["koordination"] = long_table
