"""Demo consultations as rows: life areas, persons, Sprachmittlung, notes, module and billing.

Module and billability come from the same domain rules the consultation service applies
(``derive_module``, ``billability``), with the minutes used per Bewilligung tracked in date
order, so hours beyond a budget are recorded and marked ``ueber_budget`` as in real use.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

from fsa_desk.domain.billing import BillingFacts, BillingRuleData, billability, billable_minutes
from fsa_desk.domain.modules import Module, derive_module
from fsa_desk.services.demo_base import (
    DemoRows,
    Window,
    age_on,
    days,
    month_bounds,
    month_number,
    weighted,
)
from fsa_desk.services.demo_course import DIRECT, Course, Visit, month_visits
from fsa_desk.services.demo_fachleistung import Approval, FachleistungPlan
from fsa_desk.services.demo_people import HouseholdPlan, Member
from fsa_desk.services.demo_texts import AGREEMENTS, NOTES, pick
from fsa_desk.store.models import (
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Household,
)

_FIRST_TOPICS = (
    ("existenzsicherung", 5.0),
    ("aufenthalt", 4.0),
    ("wohnen", 2.0),
    ("sprache_bildung", 2.0),
    ("alltag", 1.0),
    ("gesundheit", 1.0),
)
_LATER_TOPICS = ("gesundheit", "familie", "krise", "arbeit", "teilhabe", "wohnen")
_AREA_COUNTS = {  # how many life areas one contact touches, by phase of the relationship
    "start": ((1, 80), (2, 20)),
    "middle": ((1, 40), (2, 40), (3, 20)),
    "settling": ((1, 50), (2, 40), (3, 10)),
    "late": ((1, 65), (2, 30), (3, 5)),
    "fachleistung": ((1, 35), (2, 45), (3, 20)),
}
_MONTH_TOPICS = {  # how many life areas a household brings up within one month
    "start": ((2, 70), (3, 30)),
    "middle": ((3, 45), (4, 40), (5, 15)),
    "settling": ((2, 35), (3, 45), (4, 20)),
    "late": ((2, 55), (3, 35), (4, 10)),
    "fachleistung": ((3, 50), (4, 50)),
}
_INTERPRETING = (
    ("sprachmittlerpool", 30),
    ("professionell", 15),
    ("telefon_video", 15),
    ("angehoerige", 20),
    ("kind", 4),
    ("berater", 16),
)
_CLOSURE_DETAILS = {"uebergang": ("an MBE übergeben", "an JMD übergeben", "an den SpDi übergeben")}


@dataclass
class CourseRecord:
    """What the household's status needs to know about its documented contacts."""

    last_contact: date | None = None
    last_direct: date | None = None
    consultations: int = 0
    used_minutes: dict[uuid.UUID, int] = field(default_factory=dict)


def write_course(
    rows: DemoRows,
    plan: HouseholdPlan,
    course: Course,
    fl: FachleistungPlan,
    window: Window,
    rule: BillingRuleData,
) -> CourseRecord:
    """Every consultation of the household, month by month, then the household row."""
    record = CourseRecord()
    for k in range(month_number(course.end) - month_number(plan.first_contact) + 1):
        first, last = month_bounds(plan.first_contact, k)
        span = (max(first, plan.first_contact), min(last, course.end))
        if span[1] < span[0]:
            continue
        phase = _phase(k, fl.coverage(*span)[0] > 0.5)
        topics = _month_topics(plan, phase, _area_weights(plan, course, fl, k, span[0]))
        for visit in month_visits(plan, course, fl, k, span):
            _write(rows, plan, fl, rule, record, (visit, phase, topics))
    _write_household(rows, plan, course, record, window)
    return record


def _area_weights(
    plan: HouseholdPlan, course: Course, fl: FachleistungPlan, k: int, day: date
) -> list[tuple[str, float]]:
    """First the practical topics, then the household's own concerns come to the fore."""
    mix = min(1.0, max(0.0, (k - 1) / 4))
    weights = {area: weight * (1 - 0.6 * mix) for area, weight in _FIRST_TOPICS}
    if plan.children(day):
        weights["schule_kita"] = 3.0 * (1 - 0.5 * mix)
    for area in _LATER_TOPICS:
        weights[area] = weights.get(area, 0.0) + 0.3 * mix
    for area in course.concerns:
        weights[area] = weights.get(area, 0.0) + 4.0 * mix
    if fl.coverage(*month_bounds(day, 0))[0] > 0.5:
        for area in (*fl.areas, "existenzsicherung"):
            weights[area] = weights.get(area, 0.0) + 8.0
    return list(weights.items())


def _phase(k: int, fachleistung: bool) -> str:
    if fachleistung:
        return "fachleistung"
    if k <= 2:
        return "start"
    return "middle" if k <= 11 else "settling" if k <= 17 else "late"


def _month_topics(
    plan: HouseholdPlan, phase: str, weights: list[tuple[str, float]]
) -> list[tuple[str, float]]:
    """The few life areas that occupy a household in one month, drawn by their weights."""
    count = weighted(plan.rng, _MONTH_TOPICS[phase])
    return [(area, 1.0) for area in _draw_areas(plan, weights, count)]


def _draw_areas(plan: HouseholdPlan, weights: list[tuple[str, float]], count: int) -> list[str]:
    """``count`` different life areas, each drawn by weight from those not drawn yet."""
    chosen: list[str] = []
    pool = [(area, weight) for area, weight in weights if weight > 0]
    for _pick in range(min(count, len(pool))):
        area = weighted(plan.rng, pool)
        chosen.append(area)
        pool = [(a, w) for a, w in pool if a != area]
    return chosen


def _write(
    rows: DemoRows,
    plan: HouseholdPlan,
    fl: FachleistungPlan,
    rule: BillingRuleData,
    record: CourseRecord,
    item: tuple[Visit, str, list[tuple[str, float]]],
) -> None:
    visit, phase, topics = item
    rng, took_place = plan.rng, visit.outcome == "stattgefunden"
    direct = visit.contact_type in DIRECT and took_place
    approval = fl.covering(visit.day)
    module = derive_module(visit.day, plan.allocation, fl.periods)
    areas = _draw_areas(plan, topics, weighted(rng, _AREA_COUNTS[phase]))
    consultation_id = rows.new_id()
    billing = _billing(plan, fl, rule, record, (visit, module, approval))
    interpreting, language = _interpreting(plan, visit.day) if direct else ("keine", None)
    note = pick(rng, NOTES[areas[0]]) if rng.random() < 0.35 else None
    rows.add(
        Consultation,
        id=consultation_id,
        household_id=plan.id,
        counsellor_id=plan.counsellor.id,
        date=visit.day,
        duration_minutes=visit.minutes,
        travel_minutes=_travel(plan, visit.contact_type),
        contact_type=visit.contact_type,
        outcome=visit.outcome,
        sprachmittlung=interpreting,
        sprachmittlung_language=language,
        agreements=pick(rng, AGREEMENTS) if direct and rng.random() < 0.2 else None,
        follow_up_on=visit.day + days(rng.randint(7, 28)) if rng.random() < 0.1 else None,
        note=note,
        confidential=note is not None and areas[0] in ("krise", "familie") and rng.random() < 0.15,
        module=module.value,
        billable=billing[0],
        billable_reason=billing[1],
        bewilligung_id=approval.id if approval is not None else None,
    )
    for area in areas:
        rows.add(ConsultationLifeArea, consultation_id=consultation_id, life_area=area)
    _write_persons(rows, plan, consultation_id, visit, areas)
    _remember(record, visit, direct)


def _billing(
    plan: HouseholdPlan,
    fl: FachleistungPlan,
    rule: BillingRuleData,
    record: CourseRecord,
    facts_in: tuple[Visit, Module, Approval | None],
) -> tuple[bool, str | None]:
    visit, module, approval = facts_in
    used = record.used_minutes.get(approval.id, 0) if approval else 0
    facts = BillingFacts(
        module=module,
        contact_type=visit.contact_type,
        outcome=visit.outcome,
        counsellor_is_fachkraft=plan.counsellor.fachkraft,
        has_approval=approval is not None,
        case_open=fl.case_open(visit.day),
        minutes_used_before=used,
        approved_minutes=approval.minutes if approval else 0,
    )
    result = billability(facts, rule)
    if result.billable and approval is not None:
        travel = 0  # travel never counts under the default rule; kept out of the budget
        record.used_minutes[approval.id] = used + billable_minutes(visit.minutes, travel, rule)
    return result.billable, result.reason


def _travel(plan: HouseholdPlan, contact_type: str) -> int:
    if contact_type == "hausbesuch":
        return 5 * plan.rng.randint(2, 6)
    if contact_type == "begleitung":
        return 5 * plan.rng.randint(3, 9)
    return 0


def _interpreting(plan: HouseholdPlan, day: date) -> tuple[str, str | None]:
    """Interpreters are needed at first; German carries more of the talk as months pass."""
    rng = plan.rng
    months = (day - plan.first_contact).days / 30.4
    if rng.random() > max(0.2, 0.8 * 0.96**months):
        return "keine", None
    return weighted(rng, _INTERPRETING), plan.language


def _write_persons(
    rows: DemoRows, plan: HouseholdPlan, consultation_id: uuid.UUID, visit: Visit, areas: list[str]
) -> None:
    """Who came (direct contacts that took place) and, if someone else, whom it was about."""
    rng = plan.rng
    present = plan.present(visit.day)
    if not present:
        return
    adults = [m for m in present if m.adult_on(visit.day)] or present
    came = [adults[0] if rng.random() < 0.7 else rng.choice(adults)]
    if len(adults) > 1 and rng.random() < 0.2:
        came.append(next(m for m in adults if m is not came[0]))
    if visit.contact_type in DIRECT and visit.outcome == "stattgefunden":
        for member in came:
            rows.add(
                ConsultationPerson,
                consultation_id=consultation_id,
                person_id=member.person.id,
                role="anwesend",
            )
    concerned = _concerned(plan, visit.day, areas, came)
    if concerned is not None:
        rows.add(
            ConsultationPerson,
            consultation_id=consultation_id,
            person_id=concerned.person.id,
            role="betroffen",
        )


def _concerned(
    plan: HouseholdPlan, day: date, areas: list[str], came: list[Member]
) -> Member | None:
    rng = plan.rng
    if "schule_kita" in areas:
        pupils = [m for m in plan.children(day) if age_on(m.person.birth, day) >= 1]
        if pupils:
            return rng.choice(pupils)
    if areas[0] in ("gesundheit", "familie") and rng.random() < 0.4:
        others = [m for m in plan.present(day) if all(m is not c for c in came)]
        if others:
            return rng.choice(others)
    return None


def _remember(record: CourseRecord, visit: Visit, direct: bool) -> None:
    record.consultations += 1
    record.last_contact = visit.day
    if direct:
        record.last_direct = visit.day


def _write_household(
    rows: DemoRows, plan: HouseholdPlan, course: Course, record: CourseRecord, window: Window
) -> None:
    """Status today: closed with a reason, dormant after half a year without contact, or active."""
    rng, today = plan.rng, window.today
    status, since, detail = "aktiv", plan.first_contact, None
    last_direct = record.last_direct or plan.first_contact
    if course.closure is not None:
        status = "abgeschlossen"
        since = min(today, (record.last_contact or course.end) + days(rng.randint(7, 45)))
        options = _CLOSURE_DETAILS.get(course.closure)
        detail = rng.choice(options) if options else None
    elif last_direct < today - days(183):
        status, since = "ruhend", last_direct + days(183)
    rows.add(
        Household,
        id=plan.id,
        household_ref=plan.ref,
        provider=plan.counsellor.provider,
        status=status,
        status_since=since,
        closure_reason=course.closure if status == "abgeschlossen" else None,
        closure_detail=detail,
        allocation_date=plan.allocation,
        first_contact_on=plan.first_contact,
        counsellor_id=plan.counsellor.id,
        split_from_id=plan.split_from.id if plan.split_from is not None else None,
    )
