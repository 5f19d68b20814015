"""The funders' statistics (DESIGN.md §7) for a period, with its last day as the reference date.

Definitions beyond §7:

- **Households** are those with a consultation in the period (after the filters); **persons** are
  their members whose membership overlaps the period. Age, residence status and benefits are taken
  on the reference date (the period's last day); a person without a recorded value counts as
  ``unbekannt`` (benefits: ``keine``). A person with several benefits counts under each.
  Nationality is the first one recorded.
- Households ``by_module``: a household counts under every module it had a consultation in.
- **New cases**: households whose first consultation that took place lies in the period;
  **closed**: households closed (status ``abgeschlossen``) in the period, by reason.
- **Hours**: all consultation hours; ``fachleistung`` those in the Fachleistung module,
  ``fachleistung_billable`` the billable ones of them (Fachleistungsstunden).
- **Staff**: the team's VZÄ on the reference date and households per VZÄ.
- **Goals**: goals rated in an Auswertungsgespräch held in the period, by the counsellor's rating
  (4 reached, 2–3 partly, 1 not reached); a goal rated twice counts with its latest rating.
- **Small cells**: every count from 1 to 4 is written ``"< 5"`` — in JSON, CSV and PDF alike — so
  that no small group of people can be singled out. Hours are not counts and stay exact.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select

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
from fsa_desk.store.models import (
    Auswertungsgespraech,
    Benefit,
    Counsellor,
    CounsellorFte,
    GoalRating,
    Household,
    Membership,
    Person,
    ReportConsultation,
    ReportKey,
    ResidenceStatus,
)

SMALL = 5
SMALL_CELL = "< 5"
UNKNOWN = "unbekannt"
NO_BENEFIT = "keine"
AGE_GROUPS = (
    (0, 5, "0-5"),
    (6, 17, "6-17"),
    (18, 26, "18-26"),
    (27, 64, "27-64"),
    (65, 200, "65+"),
)
Count = int | str


def suppressed(count: int) -> Count:
    """A count as it may be published: 1–4 become ``"< 5"``."""
    return SMALL_CELL if 0 < count < SMALL else count


def jahresstatistik_report(db: Database, params: ReportParams) -> Report:
    check_filters(db, params)
    period = observed_period(db, params)
    payload = params.payload(period)
    if not period:
        return {"report": "jahresstatistik", "params": {**payload, "reference_date": None}}
    facts.refresh(db)
    reference = period[-1].last_day
    served = _served_households(db, params, period)
    persons = _persons(db, served, period[0].first_day, reference)
    vza = _vza(db, reference)
    return {
        "report": "jahresstatistik",
        "params": {**payload, "reference_date": reference.isoformat()},
        "households": {
            "total": suppressed(len(served)),
            "by_module": _counts(_modules(db, params, period)),
        },
        "persons": {
            "total": suppressed(len(persons)),
            **_person_tables(db, persons, reference),
        },
        "cases": _cases(db, params, period),
        "hours": _hours(db, params, period),
        "staff": {
            "vza": float(vza) if vza else None,
            "households_per_vza": len(served) / float(vza) if vza else None,
        },
        "goals": _goals(db, period[0].first_day, reference),
    }


def _counts(counter: Counter[str], order: tuple[str, ...] = ()) -> dict[str, Count]:
    """Counts by category: in ``order`` first, then the rest alphabetically."""
    rank = {name: index for index, name in enumerate(order)}
    keys = sorted(counter, key=lambda key: (rank.get(key, len(rank)), key))
    return {key: suppressed(counter[key]) for key in keys}


def _served_households(db: Database, params: ReportParams, period: list[Month]) -> set[Any]:
    f = ReportConsultation
    query = (
        select(ReportKey.id)
        .join(f, f.household == ReportKey.n)
        .where(*facts.conditions(f, params, period))
        .distinct()
    )
    return set(db.execute(query).scalars())


def _modules(db: Database, params: ReportParams, period: list[Month]) -> Counter[str]:
    f = ReportConsultation
    query = (
        select(f.module, func.count(func.distinct(f.household)))
        .where(*facts.conditions(f, params, period))
        .group_by(f.module)
    )
    return Counter({module: int(count) for module, count in db.execute(query)})


def _persons(db: Database, households: set[Any], start: date, end: date) -> dict[Any, Person]:
    """Members of ``households`` whose membership overlaps the period, by id."""
    m, p = Membership, Person
    found: dict[Any, Person] = {}
    ids = list(households)
    for offset in range(0, len(ids), 500):
        query = (
            select(p)
            .join(m, m.person_id == p.id)
            .where(
                m.household_id.in_(ids[offset : offset + 500]),
                m.deleted_hlc.is_(None),
                p.deleted_hlc.is_(None),
                or_(m.valid_from.is_(None), m.valid_from <= end),
                or_(m.valid_to.is_(None), m.valid_to >= start),
            )
        )
        found.update({person.id: person for person in db.execute(query).scalars()})
    return found


def _person_tables(
    db: Database, persons: dict[Any, Person], reference: date
) -> dict[str, dict[str, Count]]:
    ages, sexes, nationalities = Counter[str](), Counter[str](), Counter[str]()
    for person in persons.values():
        ages[_age_group(person, reference)] += 1
        sexes[person.sex or UNKNOWN] += 1
        first = (person.nationalities or "").split(",")[0].strip()
        nationalities[first or UNKNOWN] += 1
    return {
        "age_group": _counts(ages, tuple(name for _low, _high, name in AGE_GROUPS)),
        "sex": _counts(sexes),
        "nationality": _counts(nationalities),
        "residence_status": _counts(_residence(db, persons, reference)),
        "benefit": _counts(_benefits(db, persons, reference)),
    }


def _age_group(person: Person, reference: date) -> str:
    if person.birth_year is None:
        return UNKNOWN
    age = reference.year - person.birth_year
    if (person.birth_month or 1, person.birth_day or 1) > (reference.month, reference.day):
        age -= 1
    for low, high, name in AGE_GROUPS:
        if low <= age <= high:
            return name
    return UNKNOWN


def _residence(db: Database, persons: dict[Any, Person], reference: date) -> Counter[str]:
    r = ResidenceStatus
    latest: dict[Any, tuple[date, str]] = {}
    query = select(r.person_id, r.valid_from, r.status).where(
        r.deleted_hlc.is_(None), or_(r.valid_from.is_(None), r.valid_from <= reference)
    )
    for person_id, since, status in db.execute(query):
        if person_id in persons:
            key = since or date.min
            if person_id not in latest or key >= latest[person_id][0]:
                latest[person_id] = (key, status)
    found = Counter(status for _since, status in latest.values())
    found[UNKNOWN] += len(persons) - len(latest)
    return +found


def _benefits(db: Database, persons: dict[Any, Person], reference: date) -> Counter[str]:
    b = Benefit
    query = select(b.person_id, b.benefit_type).where(
        b.deleted_hlc.is_(None),
        or_(b.valid_from.is_(None), b.valid_from <= reference),
        or_(b.valid_to.is_(None), b.valid_to >= reference),
    )
    kinds: dict[Any, set[str]] = {}
    for person_id, kind in db.execute(query):
        if person_id in persons:
            kinds.setdefault(person_id, set()).add(kind)
    found = Counter(kind for person_kinds in kinds.values() for kind in person_kinds)
    found[NO_BENEFIT] += len(persons) - len(kinds)
    return +found


def _cases(db: Database, params: ReportParams, period: list[Month]) -> dict[str, Any]:
    f = ReportConsultation
    first = (
        select(f.household, func.min(f.month).label("first"))
        .where(f.no_show.is_(False), *facts.filters(f, params))
        .group_by(f.household)
        .subquery()
    )
    new = db.execute(
        select(func.count()).where(
            first.c.first.between(month_key(period[0]), month_key(period[-1]))
        )
    ).scalar_one()
    served = select(f.household).where(*facts.conditions(f, params, period))
    h = Household
    closed_query = (
        select(h.closure_reason, func.count())
        .join(ReportKey, ReportKey.id == h.id)
        .where(
            h.deleted_hlc.is_(None),
            h.status == "abgeschlossen",
            h.status_since.between(period[0].first_day, period[-1].last_day),
            ReportKey.n.in_(served),
        )
        .group_by(h.closure_reason)
    )
    reasons = Counter({reason or UNKNOWN: int(n) for reason, n in db.execute(closed_query)})
    return {
        "new": suppressed(int(new)),
        "closed": suppressed(sum(reasons.values())),
        "closed_by_reason": _counts(reasons),
    }


def _hours(db: Database, params: ReportParams, period: list[Month]) -> dict[str, float]:
    from fsa_desk.store.models import Consultation

    f = ReportConsultation
    total, fachleistung = db.execute(
        select(
            func.coalesce(func.sum(f.minutes), 0),
            func.coalesce(func.sum(f.minutes).filter(f.module == "fachleistung"), 0),
        ).where(*facts.conditions(f, params, period))
    ).one()
    c = Consultation
    billable = db.execute(
        select(func.coalesce(func.sum(c.duration_minutes), 0))
        .join(f, f.consultation_id == c.id)
        .where(
            *facts.conditions(f, params, period), c.billable.is_(True), c.module == "fachleistung"
        )
    ).scalar_one()
    return {
        "total": int(total) / 60,
        "fachleistung": int(fachleistung) / 60,
        "fachleistung_billable": int(billable) / 60,
    }


def _vza(db: Database, reference: date) -> Decimal | None:
    fte = CounsellorFte
    latest = (
        select(fte.counsellor_id, func.max(fte.valid_from).label("since"))
        .where(fte.deleted_hlc.is_(None), fte.valid_from <= reference)
        .group_by(fte.counsellor_id)
        .subquery()
    )
    query = (
        select(fte.fte)
        .join(
            latest,
            and_(latest.c.counsellor_id == fte.counsellor_id, latest.c.since == fte.valid_from),
        )
        .join(Counsellor, Counsellor.id == fte.counsellor_id)
        .where(fte.deleted_hlc.is_(None), Counsellor.deleted_hlc.is_(None))
    )
    values = [Decimal(value) for value in db.execute(query).scalars()]
    return sum(values, Decimal(0)) if values else None


def _goals(db: Database, start: date, end: date) -> dict[str, Count]:
    g, r = Auswertungsgespraech, GoalRating
    query = (
        select(r.goal_id, g.held_on, r.counsellor_rating)
        .join(g, g.id == r.gespraech_id)
        .where(
            g.deleted_hlc.is_(None),
            r.deleted_hlc.is_(None),
            g.held_on.between(start, end),
            r.counsellor_rating.is_not(None),
        )
        .order_by(g.held_on)
    )
    latest: dict[Any, int] = {
        goal: rating for goal, _held, rating in db.execute(query) if rating is not None
    }
    ratings = Counter(_rating_name(rating) for rating in latest.values())
    return {
        "reviewed": suppressed(len(latest)),
        "reached": suppressed(ratings["reached"]),
        "partly": suppressed(ratings["partly"]),
        "not_reached": suppressed(ratings["not_reached"]),
    }


def _rating_name(rating: int) -> str:
    if rating >= 4:
        return "reached"
    return "partly" if rating >= 2 else "not_reached"


TABLES["jahresstatistik"] = long_table
