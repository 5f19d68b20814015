"""Demo histories of a household: addresses and housing, residence status and benefits.

Residence paths follow the usual course per origin (UA: § 24; SY, ER: Gestattung, then
protection under § 25 Abs. 2; AF, IQ, IR …: protection or Duldung), with expiry dates, renewals
that sometimes need a Fiktionsbescheinigung, and the benefit changes that go with them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from fsa_desk.domain.codes import code_list, region_of_district
from fsa_desk.domain.deadlines import month_later
from fsa_desk.services.demo_base import DemoRows, Window, days, weighted
from fsa_desk.store.models import Address, Benefit, ResidenceStatus

if TYPE_CHECKING:
    from fsa_desk.services.demo_people import HouseholdPlan, Member

# Months from arrival to the asylum decision and the share that gets protection, per origin.
_DECISION_MONTHS = {
    "syria": (4, 10), "eritrea": (5, 12), "afghanistan": (8, 24), "iraq": (8, 20),
    "iran": (8, 20), "turkey": (10, 24), "somalia": (8, 18), "russia": (8, 18),
    "georgia": (3, 8),
}  # fmt: skip
_PROTECTION = {
    "syria": 0.95, "eritrea": 0.9, "afghanistan": 0.6, "iraq": 0.45, "iran": 0.55,
    "turkey": 0.35, "somalia": 0.6, "russia": 0.25, "georgia": 0.03,
}  # fmt: skip
_STREETS = {
    "mitte": (("Pfotenhauerstraße", "01307"), ("Gerokstraße", "01307"),
              ("Grunaer Straße", "01069"), ("Florian-Geyer-Straße", "01307"),
              ("Schweriner Straße", "01067"), ("Friedrichstraße", "01067")),
    "nord": (("Hechtstraße", "01097"), ("Großenhainer Straße", "01127"),
             ("Leipziger Straße", "01127"), ("Bürgerstraße", "01127")),
    "west": (("Kesselsdorfer Straße", "01159"), ("Leutewitzer Ring", "01169"),
             ("Harthaer Straße", "01169"), ("Wölfnitzer Ring", "01169")),
    "sued": (("Prohliser Allee", "01239"), ("Jacob-Winter-Platz", "01239"),
             ("Dohnaer Straße", "01219"), ("Georg-Palitzsch-Straße", "01239")),
}  # fmt: skip


@dataclass(frozen=True)
class Status:
    status: str
    detail: str | None
    valid_from: date
    expires_on: date | None
    wohnsitzauflage: bool = False


# --- addresses --------------------------------------------------------------------------------


def write_addresses(rows: DemoRows, plan: HouseholdPlan, window: Window) -> None:
    """First housing at allocation (often a Gemeinschaftsunterkunft), later an own flat."""
    rng = plan.rng
    start = min(m.member_from for m in plan.members)
    housing = _first_housing(rng, plan)
    moves = [(start, housing, _region(rng, plan.counsellor.region, 0.8))]
    if housing != "eigene_wohnung" and rng.random() < 0.75:
        moved_on = month_later(
            start, rng.randint(2, 8) if housing == "frauenhaus" else rng.randint(4, 30)
        )
        if moved_on <= window.today:
            moves.append((moved_on, "eigene_wohnung", _region(rng, moves[0][2], 0.7)))
    for index, (valid_from, kind, where) in enumerate(moves):
        valid_to = moves[index + 1][0] - days(1) if index + 1 < len(moves) else None
        _write_address(rows, plan, (valid_from, valid_to), kind, where)


def _region(rng: random.Random, home: str, stay: float) -> str:
    """Mostly the counsellor's own region; some households live (or move) elsewhere in Dresden."""
    return home if rng.random() < stay else rng.choice(sorted(_STREETS))


def _first_housing(rng: random.Random, plan: HouseholdPlan) -> str:
    if plan.split_from is not None:
        return "frauenhaus" if rng.random() < 0.3 else "eigene_wohnung"
    if plan.origin.country == "UA":
        return weighted(rng, [("gu", 35), ("gewaehrleistungswohnung", 25), ("eigene_wohnung", 40)])
    options = [
        ("gu", 70),
        ("gewaehrleistungswohnung", 15),
        ("notunterkunft", 5),
        ("eigene_wohnung", 10),
    ]
    return weighted(rng, options)


def _write_address(
    rows: DemoRows, plan: HouseholdPlan, period: tuple[date, date | None], kind: str, region: str
) -> None:
    rng = plan.rng
    district = rng.choice(code_list("districts").codes_where(region=region))
    street, postcode = rng.choice(_STREETS[region])
    rows.add(
        Address,
        household_id=plan.id,
        valid_from=period[0],
        valid_to=period[1],
        street=f"{street} {rng.randint(1, 120)}",
        postcode=postcode,
        city="Dresden",
        district=district.de,
        region=region_of_district(district.de),  # derived as the household service does
        housing_type=kind,
        secret=kind == "frauenhaus",  # Gewaltschutz
    )


# --- residence status and benefits ------------------------------------------------------------


def write_histories(rows: DemoRows, plan: HouseholdPlan, window: Window) -> list[Status]:
    """Every member's residence status and benefit rows, from the day they joined.

    Returns the household's residence path (the head's), which the demo Fristen follow.
    """
    rng = plan.rng
    path = residence_path(rng, plan.origin.residence, plan.allocation, window.today)
    benefits = benefit_path(rng, plan.origin.country, path, plan.allocation, window.today)
    for member in plan.members:
        if member.reason_from == "trennung":
            continue  # the person's histories were written in the household they came from
        own = (
            _reunification_path(rng, member, window.today)
            if member.reason_from == "familiennachzug"
            else path
        )
        for status in _from_day(own, member.member_from):
            rows.add(
                ResidenceStatus,
                person_id=member.person.id,
                status=status.status,
                detail=status.detail,
                valid_from=status.valid_from,
                expires_on=status.expires_on,
                wohnsitzauflage=status.wohnsitzauflage,
            )
        _write_benefits(rows, member, benefits)
    return path


def residence_path(rng: random.Random, residence: str, arrival: date, today: date) -> list[Status]:
    if residence == "ukraine":
        return _renewed(rng, ("erlaubnis_24", None), arrival, today, (24, 12))
    decided = month_later(arrival, rng.randint(*_DECISION_MONTHS[residence]))
    path = _renewed(rng, ("gestattung", None), arrival, min(today, decided - days(1)), (6, 6))
    if decided > today:
        return path
    if rng.random() < _PROTECTION[residence]:
        abs2 = residence in ("syria", "eritrea") or rng.random() < 0.75
        detail = "§ 25 Abs. 2" if abs2 else "§ 25 Abs. 3"
        steps = _renewed(rng, ("erlaubnis", detail), decided, today, (36 if abs2 else 12, 24))
        return path + _settle(rng, _with_wohnsitzauflage(steps, month_later(decided, 36)), arrival)
    return path + _tolerated(rng, decided, arrival, today)


def _renewed(
    rng: random.Random,
    kind: tuple[str, str | None],
    start: date,
    until: date,
    months: tuple[int, int],
) -> list[Status]:
    """A status renewed again and again; a slow renewal bridges with a Fiktionsbescheinigung."""
    steps: list[Status] = []
    valid_from, length = start, months[0]
    while valid_from <= until:
        expires = month_later(valid_from, length) - days(1)
        steps.append(Status(kind[0], kind[1], valid_from, expires))
        valid_from, length = expires + days(1), months[1]
        if kind[0] != "gestattung" and valid_from <= until and rng.random() < 0.15:
            bridge_end = month_later(valid_from, 3) - days(1)
            steps.append(Status("fiktion", None, valid_from, bridge_end))
            valid_from = bridge_end + days(1)
    return steps


def _with_wohnsitzauflage(steps: list[Status], until: date) -> list[Status]:
    """§ 12a AufenthG binds recognised refugees to their Land for three years."""
    return [
        Status(s.status, s.detail, s.valid_from, s.expires_on, s.valid_from < until) for s in steps
    ]


def _settle(rng: random.Random, steps: list[Status], arrival: date) -> list[Status]:
    """After five years some receive a Niederlassungserlaubnis, which does not expire."""
    settle_from = month_later(arrival, 60)
    for index, step in enumerate(steps):
        if step.valid_from >= settle_from and step.status == "erlaubnis" and rng.random() < 0.4:
            return [*steps[:index], Status("niederlassung", None, step.valid_from, None)]
    return steps


def _tolerated(rng: random.Random, decided: date, arrival: date, today: date) -> list[Status]:
    """Rejected: Duldung for six months at a time, for some later a Bleiberecht (§ 25b)."""
    steps = _renewed(rng, ("duldung", None), decided, today, (6, 6))
    for index, step in enumerate(steps):
        if step.valid_from >= month_later(arrival, 48) and rng.random() < 0.25:
            rest = _renewed(rng, ("erlaubnis", "§ 25b"), step.valid_from, today, (24, 24))
            return steps[:index] + rest
    return steps


def _reunification_path(rng: random.Random, member: Member, today: date) -> list[Status]:
    detail = "§ 32" if member.role == "kind" else "§ 30"
    return _renewed(rng, ("erlaubnis", detail), member.member_from, today, (12, 24))


def _from_day(path: list[Status], day: date) -> list[Status]:
    """The part of a path from ``day`` on; the status running on that day starts then."""
    result = []
    for step in path:
        if step.expires_on is not None and step.expires_on < day:
            continue
        start = max(step.valid_from, day)
        result.append(
            Status(step.status, step.detail, start, step.expires_on, step.wohnsitzauflage)
        )
    return result


def benefit_path(
    rng: random.Random, country: str, path: list[Status], arrival: date, today: date
) -> list[tuple[str, date]]:
    """Benefit types with their start: AsylbLG first, Bürgergeld with protection, work later."""
    if country == "UA":  # Ukrainians moved to the Jobcenter once they held their § 24 permit
        changes = [
            ("asylblg_3", arrival),
            ("buergergeld", max(month_later(arrival, 1), date(2022, 6, 1))),
        ]
    else:
        changes = [("asylblg_3", arrival)]
        protected = next((s for s in path if s.status == "erlaubnis"), None)
        analog_from = month_later(arrival, 36)  # § 2 AsylbLG after 36 months
        if protected is None or protected.valid_from > analog_from:
            changes.append(("asylblg_2", analog_from))
        if protected is not None:
            changes.append(("buergergeld", month_later(protected.valid_from, 1)))
    changes.sort(key=lambda change: change[1])
    if changes[-1][0] == "buergergeld" and rng.random() < 0.3:
        changes.append(("erwerb", month_later(changes[-1][1], rng.randint(12, 48))))
    return [change for change in changes if change[1] <= today]


def _write_benefits(rows: DemoRows, member: Member, benefits: list[tuple[str, date]]) -> None:
    for index, (kind, valid_from) in enumerate(benefits):
        following = benefits[index + 1][1] if index + 1 < len(benefits) else None
        if following is not None and following <= member.member_from:
            continue
        rows.add(
            Benefit,
            person_id=member.person.id,
            benefit_type=kind,
            valid_from=max(valid_from, member.member_from),
            valid_to=following - days(1) if following is not None else None,
        )
