"""Demo households and their people: family shapes, names, births, reunification, separation.

A household's plan holds who lives in it from when to when; ``write_people`` turns it into
Person, Membership, Address, ResidenceStatus and Benefit rows.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import date

from fsa_desk.services.demo_base import (
    DemoRows,
    Window,
    age_on,
    days,
    random_day,
    weighted,
)
from fsa_desk.services.demo_names import (
    FAMILY_SHAPES,
    Origin,
    female_family,
    origins_on,
    spellings,
)
from fsa_desk.services.demo_status import Status, write_addresses, write_histories
from fsa_desk.store.models import Membership, Person

STOCK_SHARE = 0.15  # households already in counselling when the documented period begins
SEPARATION_SHARE = 0.15  # of couples during the documented period
# The Federal Network Agency keeps 030 23125 000–999 free for fiction: no real person answers.
FICTION_PHONE = "030 23125 {:03d}"


@dataclass(frozen=True)
class CounsellorInfo:
    id: uuid.UUID
    code: str
    fachkraft: bool
    region: str
    fte: float
    provider: str | None


@dataclass
class PersonPlan:
    id: uuid.UUID
    sex: str
    birth: date
    given: str  # "Mohammed/Muhammad": the spelling in use, then variants
    family: str
    precision: str  # which parts of the birth date are known: day, month, year


@dataclass
class Member:
    person: PersonPlan
    role: str
    member_from: date
    reason_from: str | None = None
    member_to: date | None = None
    reason_to: str | None = None

    def present_on(self, day: date) -> bool:
        return self.member_from <= day and (self.member_to is None or day < self.member_to)

    def adult_on(self, day: date) -> bool:
        return age_on(self.person.birth, day) >= 18


@dataclass
class HouseholdPlan:
    id: uuid.UUID
    rng: random.Random
    counsellor: CounsellorInfo
    origin: Origin
    language: str
    allocation: date
    first_contact: date
    family_root: str  # the family name every member shares (male form where names are gendered)
    members: list[Member] = field(default_factory=list)
    split_from: HouseholdPlan | None = None
    ref: str = ""

    def present(self, day: date) -> list[Member]:
        return [m for m in self.members if m.present_on(day)]

    def adults(self, day: date) -> list[Member]:
        return [m for m in self.present(day) if m.adult_on(day)]

    def children(self, day: date) -> list[Member]:
        return [m for m in self.present(day) if not m.adult_on(day)]


def plan_households(
    rng: random.Random,
    rows: DemoRows,
    window: Window,
    counsellors: list[CounsellorInfo],
    count: int,
) -> list[HouseholdPlan]:
    """``count`` households with families, plus those that separation creates; refs assigned."""
    plans: list[HouseholdPlan] = []
    for _index in range(count):
        plan = _new_household(random.Random(rng.getrandbits(64)), rows, window, counsellors)
        plans.append(plan)
        split = _maybe_separate(plan, rows, window)
        if split is not None:
            plans.append(split)
    _assign_refs(plans)
    return plans


def _new_household(
    rng: random.Random, rows: DemoRows, window: Window, counsellors: list[CounsellorInfo]
) -> HouseholdPlan:
    stock = rng.random() < STOCK_SHARE
    first_contact = _first_contact(rng, window, stock)
    origin = weighted(rng, origins_on(first_contact))
    allocation = _allocation(rng, origin, first_contact, old=stock or rng.random() < 0.1)
    plan = HouseholdPlan(
        id=rows.new_id(),
        rng=rng,
        counsellor=weighted(rng, [(c, c.fte) for c in counsellors]),
        origin=origin,
        language=weighted(rng, origin.languages),
        allocation=allocation,
        first_contact=first_contact,
        family_root=rng.choice(origin.family),
    )
    _add_family(plan, rows, window)
    return plan


def _first_contact(rng: random.Random, window: Window, stock: bool) -> date:
    """Stock households start in the first three months; new ones come at a slowly rising rate."""
    last = max(window.start, window.today - days(2))
    if stock:
        return random_day(rng, window.start, min(last, window.start + days(90)))
    # Inverse of the distribution with density 1 + x on [0, 1]: more arrivals lately.
    share = -1 + (1 + 3 * rng.random()) ** 0.5
    return window.start + days(round(share * (last - window.start).days))


def _allocation(rng: random.Random, origin: Origin, first_contact: date, *, old: bool) -> date:
    """Newcomers come within weeks of their allocation; others moved in or came back years later."""
    delay = rng.randint(365, 6 * 365) if old else rng.randint(3, 45)
    allocation = first_contact - days(delay)
    if origin.since is not None and allocation < origin.since:
        allocation = random_day(rng, origin.since, first_contact)
    return allocation


def _add_family(plan: HouseholdPlan, rows: DemoRows, window: Window) -> None:
    rng = plan.rng
    shape = weighted(rng, list(zip(FAMILY_SHAPES, plan.origin.shapes, strict=True)))
    head_sex = _head_sex(rng, shape)
    head = _person(plan, rows, head_sex, _head_birth(rng, shape, plan.allocation))
    plan.members.append(Member(head, "haushaltsvorstand", plan.allocation))
    if shape in ("couple", "family"):
        partner_birth = head.birth - days(
            rng.randint(-3 * 365, 8 * 365) * (1 if head_sex == "m" else -1)
        )
        partner = _person(plan, rows, "w" if head_sex == "m" else "m", partner_birth)
        plan.members.append(Member(partner, "partner", plan.allocation))
    if shape in ("family", "single_parent"):
        _add_children(plan, rows, weighted(rng, [(1, 25), (2, 30), (3, 22), (4, 13), (5, 10)]))
    reunifying = plan.origin.residence in ("syria", "eritrea", "afghanistan")
    if shape == "family" and head_sex == "m" and reunifying and rng.random() < 0.25:
        _reunify_later(plan, window)
    _maybe_birth(plan, rows, window)


def _head_sex(rng: random.Random, shape: str) -> str:
    if shape == "single_m":
        return "m"
    if shape in ("single_w", "elder_w"):
        return "w"
    if shape == "single_parent":
        return "w" if rng.random() < 0.9 else "m"
    return "m" if rng.random() < 0.85 else "w"


def _head_birth(rng: random.Random, shape: str, allocation: date) -> date:
    low, high = {"elder_w": (55, 76), "single_m": (18, 45), "single_parent": (22, 46)}.get(
        shape, (20, 52)
    )
    return allocation - days(rng.randint(low * 365, high * 365))


def _person(plan: HouseholdPlan, rows: DemoRows, sex: str, birth: date) -> PersonPlan:
    rng, origin = plan.rng, plan.origin
    taken = {m.person.given for m in plan.members}  # siblings do not share a first name
    names = [n for n in (origin.male if sex == "m" else origin.female) if n not in taken]
    given = rng.choice(names or (origin.male if sex == "m" else origin.female))
    family = plan.family_root
    if origin.gendered_family and sex == "w":
        family = female_family(family)
    adult = age_on(birth, plan.allocation) >= 18
    precision = weighted(
        rng, [("day", 70 if adult else 92), ("month", 5), ("year", 25 if adult else 3)]
    )
    return PersonPlan(rows.new_id(), sex, birth, given, family, precision)


def _add_children(plan: HouseholdPlan, rows: DemoRows, count: int) -> None:
    rng = plan.rng
    mother = next((m.person for m in plan.members if m.person.sex == "w"), plan.members[0].person)
    youngest = plan.allocation - days(rng.randint(60, 3 * 365))
    earliest = mother.birth + days(18 * 365)
    birth = youngest
    for _child in range(count):
        if birth < earliest:
            break
        child = _person(plan, rows, rng.choice("mw"), birth)
        if plan.origin.country == "ER" and plan.members[0].person.sex == "m":
            child.family = plan.members[0].person.given  # Eritrean names: the father's name
        plan.members.append(Member(child, "kind", plan.allocation))
        birth -= days(rng.randint(450, 4 * 365))


def _reunify_later(plan: HouseholdPlan, window: Window) -> None:
    """Partner and children follow by family reunification; not yet arrived ones stay out."""
    arrival = plan.allocation + days(plan.rng.randint(270, 900))
    followers = [m for m in plan.members if m.role != "haushaltsvorstand"]
    if arrival > window.today:
        plan.members = [m for m in plan.members if m not in followers]
        return
    for member in followers:
        member.member_from, member.reason_from = arrival, "familiennachzug"


def _maybe_birth(plan: HouseholdPlan, rows: DemoRows, window: Window) -> None:
    rng = plan.rng
    mothers = [
        m
        for m in plan.members
        if m.person.sex == "w" and 18 <= age_on(m.person.birth, window.today) <= 42
    ]
    couple = any(m.role == "partner" for m in plan.members)
    if not mothers or rng.random() > (0.35 if couple else 0.05):
        return
    earliest = max(m.member_from for m in plan.members) + days(280)
    if earliest >= window.today:
        return
    birth = random_day(rng, earliest, window.today)
    child = _person(plan, rows, rng.choice("mw"), birth)
    child.precision = "day"
    plan.members.append(Member(child, "kind", birth, reason_from="geburt"))


def _maybe_separate(plan: HouseholdPlan, rows: DemoRows, window: Window) -> HouseholdPlan | None:
    """A couple separates: the partner, often with the children, forms a second household."""
    rng = plan.rng
    partner = next((m for m in plan.members if m.role == "partner"), None)
    if partner is None or rng.random() > SEPARATION_SHARE:
        return None
    # After every arrival and birth, so that each child is clearly on one side of the split.
    earliest = max(plan.first_contact, *(m.member_from for m in plan.members)) + days(180)
    if earliest >= window.today - days(60):
        return None
    split_on = random_day(rng, earliest, window.today - days(60))
    movers = [partner]
    if rng.random() < 0.6:
        movers += [m for m in plan.members if m.role == "kind" and m.present_on(split_on)]
    new = HouseholdPlan(
        id=rows.new_id(),
        rng=random.Random(rng.getrandbits(64)),
        counsellor=plan.counsellor,
        origin=plan.origin,
        language=plan.language,
        allocation=plan.allocation,  # a split keeps the allocation date
        first_contact=min(window.today, split_on + days(rng.randint(0, 20))),
        family_root=plan.family_root,
        split_from=plan,
    )
    for member in movers:
        member.member_to, member.reason_to = split_on, "trennung"
        role = "haushaltsvorstand" if member is partner else "kind"
        new.members.append(Member(member.person, role, split_on, reason_from="trennung"))
    return new


def _assign_refs(plans: list[HouseholdPlan]) -> None:
    """File numbers like B1-2024-017: counsellor code, year of first contact, running number."""
    counters: dict[tuple[str, int], int] = {}
    for plan in sorted(plans, key=lambda p: (p.first_contact, p.id)):
        key = (plan.counsellor.code, plan.first_contact.year)
        counters[key] = counters.get(key, 0) + 1
        plan.ref = f"{key[0]}-{key[1]}-{counters[key]:03d}"


def write_people(rows: DemoRows, plan: HouseholdPlan, window: Window) -> list[Status]:
    """Persons (once, in the household they first lived in), memberships, addresses, histories.

    Returns the household's residence path for the demo Fristen.
    """
    for member in plan.members:
        rows.add(
            Membership,
            person_id=member.person.id,
            household_id=plan.id,
            role=member.role,
            valid_from=member.member_from,
            valid_to=member.member_to,
            reason_from=member.reason_from,
            reason_to=member.reason_to,
        )
        if member.reason_from != "trennung":
            _write_person(rows, plan, member)
    write_addresses(rows, plan, window)
    return write_histories(rows, plan, window)


def _write_person(rows: DemoRows, plan: HouseholdPlan, member: Member) -> None:
    person, rng = member.person, plan.rng
    given, given_variants = spellings(person.given)
    family, family_variants = spellings(person.family)
    adult = member.adult_on(member.member_from)
    interpreter = adult and rng.random() < 0.7
    languages = [plan.language, plan.origin.second_language]
    if not adult:
        languages.append("de")
    rows.add(
        Person,
        id=person.id,
        family_name=family,
        given_name=given,
        name_variants="\n".join((*given_variants, *family_variants)) or None,
        birth_year=person.birth.year,
        birth_month=person.birth.month if person.precision != "year" else None,
        birth_day=person.birth.day if person.precision == "day" else None,
        sex=person.sex,
        nationalities=plan.origin.country,
        languages=",".join(dict.fromkeys(lang for lang in languages if lang)),
        interpreter_needed=interpreter,
        interpreter_language=plan.language if interpreter else None,
        arrival_date=member.member_from,
        phone=FICTION_PHONE.format(rng.randint(0, 999)) if adult and rng.random() < 0.4 else None,
    )
