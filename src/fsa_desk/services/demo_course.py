"""The monthly course of a demo counselling relationship, as the source text describes it.

A relationship starts with few, practical topics; after some months the "real" topics come up
and contacts cover more life areas; later the need falls. Whether a household has a direct
contact in the month after the first-contact month decides its later pace: about 3 hours a
month with such a contact, about 2 without (the prognosis effect). The effect is built in per
household here, so that the reports can find it again in the consultations.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from fsa_desk.services.demo_base import (
    Window,
    mean_one,
    minutes_between,
    month_bounds,
    month_number,
    random_day,
    weighted,
    working_day,
)
from fsa_desk.services.demo_fachleistung import FachleistungPlan
from fsa_desk.services.demo_people import HouseholdPlan

EARLY_SHARE = 0.55  # households with a direct contact in the month after the first one
EARLY_LEVEL = 2.95  # hours a month they need later ("knapp 3 h")
LATE_LEVEL = 2.0  # hours a month the others need later ("eher 2 h")
NO_SHOW = 0.17  # of appointments; about 8 % of all consultations
# Months m1+2 … m1+7 while trust grows; mean 1, so the levels above hold for that half year.
_TRUST = (0.85, 0.95, 1.05, 1.1, 1.05, 1.0)
APPOINTMENTS = frozenset({"buero", "hausbesuch", "online", "begleitung"})
DIRECT = frozenset({"buero", "hausbesuch", "telefon", "online", "begleitung"})
CONTACT_TYPES = {
    "intake": (("buero", 50), ("telefon", 18), ("hausbesuch", 8), ("begleitung", 8),
               ("online", 2), ("schriftlich", 7), ("indirekt", 7)),
    "regular": (("buero", 28), ("telefon", 34), ("online", 8), ("hausbesuch", 4),
                ("begleitung", 5), ("schriftlich", 10), ("indirekt", 11)),
    "fachleistung": (("buero", 26), ("telefon", 22), ("online", 4), ("hausbesuch", 10),
                     ("begleitung", 12), ("schriftlich", 10), ("indirekt", 16)),
}  # fmt: skip
_DURATIONS = {  # low, high, most common, in minutes
    "buero": (15, 75, 30), "telefon": (5, 30, 10), "online": (5, 40, 15),
    "hausbesuch": (30, 90, 45), "begleitung": (45, 180, 90), "schriftlich": (5, 45, 15),
    "indirekt": (5, 40, 15),
}  # fmt: skip
_CLOSURES = (
    ("ziele_erreicht", 30),
    ("umzug", 22),
    ("kontaktabbruch", 20),
    ("uebergang", 18),
    ("ausreise", 8),
    ("verstorben", 2),
)
_EARLY_CLOSURES = (("umzug", 5), ("kontaktabbruch", 3), ("ausreise", 2))
_CONCERNS = (
    ("gesundheit", 5),
    ("familie", 4),
    ("arbeit", 4),
    ("wohnen", 3),
    ("sprache_bildung", 3),
    ("krise", 2),
    ("teilhabe", 2),
)


class Visit(NamedTuple):
    day: date
    contact_type: str
    outcome: str
    minutes: int


@dataclass
class Course:
    early: bool  # a direct contact takes place in the month after the first-contact month
    level: float  # hours a month from the third month on, before the later decline
    end: date  # no contact after this day
    closure: str | None  # closure reason if the household is closed at ``end``
    concerns: tuple[str, ...]  # the "real" topics that come up after a few months


def plan_course(plan: HouseholdPlan, window: Window) -> Course:
    rng = plan.rng
    early = rng.random() < EARLY_SHARE
    level = (EARLY_LEVEL if early else LATE_LEVEL) * mean_one(rng, 0.3)
    end, closure = _course_end(rng, plan.first_contact, window)
    first = weighted(rng, _CONCERNS)
    second = weighted(rng, [(a, w) for a, w in _CONCERNS if a != first])
    return Course(early, level, end, closure, (first, second))


def _course_end(rng: random.Random, first_contact: date, window: Window) -> tuple[date, str | None]:
    """Few households leave in the first months; later some close, others fall silent."""
    for k in range(1, month_number(window.today) - month_number(first_contact) + 1):
        closing = 0.004 if k < 9 else 0.01
        silent = 0.0 if k < 12 else 0.006
        draw = rng.random()
        if draw < closing + silent:
            first, last = month_bounds(first_contact, k)
            end = random_day(rng, first, min(last, window.today))
            if draw >= closing:
                return end, None
            return end, weighted(rng, _EARLY_CLOSURES if k < 9 else _CLOSURES)
    return window.today, None


def month_visits(
    plan: HouseholdPlan, course: Course, fl: FachleistungPlan, k: int, span: tuple[date, date]
) -> list[Visit]:
    """The consultations of month ``k`` after the first-contact month, within ``span``."""
    rng, (first, last) = plan.rng, span
    if k == 0:
        return _intake(rng, span)
    if k == 1 and not course.early:
        return _without_direct_contact(rng, span)
    month_first, month_last = month_bounds(first, 0)
    part = ((last - first).days + 1) / ((month_last - month_first).days + 1)
    share, pace = fl.coverage(first, last)
    hours = (1 - share) * _regular_hours(rng, course, k) + share * pace * mean_one(rng, 0.3)
    phase = "fachleistung" if share > 0.5 else "regular"
    visits = _fill(rng, hours * 60 * part, span, phase)
    if k == 1:  # by definition of the group: the first contact of the month takes place
        visits = [_direct(rng, first, last), *visits]
    return sorted(visits)


def _regular_hours(rng: random.Random, course: Course, k: int) -> float:
    if k == 1:
        return course.level * rng.uniform(0.7, 1.0)
    shape = _TRUST[k - 2] if k <= 7 else max(0.5, 1 - 0.025 * (k - 7))
    empty = 0.08 if k <= 7 else min(0.4, 0.1 + 0.015 * (k - 7))
    if rng.random() < empty:
        return 0.0
    return course.level * shape * mean_one(rng, 0.45) / (1 - empty)


def _intake(rng: random.Random, span: tuple[date, date]) -> list[Visit]:
    """The first contact, usually in the office and long, then what the first weeks bring."""
    first, last = span
    kind = weighted(rng, [("buero", 75), ("hausbesuch", 15), ("telefon", 10)])
    low, high, usual = (15, 45, 25) if kind == "telefon" else (45, 120, 75)
    opening = Visit(first, kind, "stattgefunden", minutes_between(rng, low, high, usual))
    rest = _fill(rng, rng.uniform(0.5, 2.0) * 60, (first, last), "intake")
    return [opening, *sorted(rest)]


def _without_direct_contact(rng: random.Random, span: tuple[date, date]) -> list[Visit]:
    """Households of the "no contact" group: at most written work or a missed appointment."""
    draw = rng.random()
    day = working_day(rng, *span)
    if draw < 0.25:
        kind = rng.choice(("schriftlich", "indirekt"))
        return [Visit(day, kind, "stattgefunden", minutes_between(rng, 10, 40, 20))]
    if draw < 0.35:
        return [Visit(day, "buero", "nicht_erschienen", 15)]
    return []


def _direct(rng: random.Random, first: date, last: date) -> Visit:
    kind = weighted(rng, [("buero", 60), ("telefon", 30), ("hausbesuch", 10)])
    return Visit(working_day(rng, first, last), kind, "stattgefunden", _duration(rng, kind))


def _fill(rng: random.Random, minutes: float, span: tuple[date, date], phase: str) -> list[Visit]:
    """Contacts until the month's minutes are spent; a missed appointment costs a quarter hour."""
    visits, remaining = [], minutes
    while remaining >= 10:
        kind = weighted(rng, CONTACT_TYPES[phase])
        length = _duration(rng, kind)
        if length > remaining + 15:
            length = max(10, 5 * round(remaining / 5))
        outcome = "stattgefunden"
        if kind in APPOINTMENTS and rng.random() < NO_SHOW:
            outcome, length = "nicht_erschienen", 15
        visits.append(Visit(working_day(rng, *span), kind, outcome, length))
        remaining -= length
    return visits


def _duration(rng: random.Random, kind: str) -> int:
    return minutes_between(rng, *_DURATIONS[kind])
