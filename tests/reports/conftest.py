"""Small hand-built worlds for the reports.

``world``: two counsellors, two households, four months of 2024 (``monthly``).
``households``: three households over January–October 2024 (the course reports); see
tests/reports/test_course.py for the figures.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Address,
    Bewilligung,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Counsellor,
    CounsellorFte,
    FachleistungCase,
    Household,
    Kurzkontakt,
    Membership,
    Person,
)
from fsa_desk.store.store import Store


@dataclass
class World:
    b1: uuid.UUID
    c2: uuid.UUID
    h1: uuid.UUID  # Mitte throughout
    h2: uuid.UUID  # Nord until January 2024, then Mitte
    p1: uuid.UUID
    p2: uuid.UUID  # joins h1 on 15 February 2024
    p3: uuid.UUID


def person(session: Session, household: uuid.UUID, given_name: str, **membership: Any) -> uuid.UUID:
    someone = Person(family_name="Haddad", given_name=given_name)
    session.add(someone)
    session.flush()
    session.add(
        Membership(person_id=someone.id, household_id=household, role="mitglied", **membership)
    )
    return someone.id


def consultation(
    session: Session,
    household: uuid.UUID,
    counsellor: uuid.UUID,
    day: date,
    minutes: int,
    *,
    areas: dict[str, int | None] | None = None,
    present: tuple[uuid.UUID, ...] = (),
    **fields: Any,
) -> Consultation:
    fields.setdefault("contact_type", "buero")
    fields.setdefault("module", "integrationsbuero")
    row = Consultation(
        household_id=household,
        counsellor_id=counsellor,
        date=day,
        duration_minutes=minutes,
        **fields,
    )
    session.add(row)
    session.flush()
    for area, area_minutes in (areas or {}).items():
        session.add(
            ConsultationLifeArea(consultation_id=row.id, life_area=area, minutes=area_minutes)
        )
    for who in present:
        session.add(ConsultationPerson(consultation_id=row.id, person_id=who, role="anwesend"))
    return row


@pytest.fixture
def world(store: Store) -> World:
    with store.transaction() as session:
        b1 = session.scalars(select(Counsellor.id).where(Counsellor.code == "B1")).one()
        c2 = Counsellor(name="Chris Dorn", code="C2", region="Mitte")
        h1, h2 = Household(household_ref="H1"), Household(household_ref="H2")
        session.add_all([c2, h1, h2])
        session.flush()  # no ORM relationships: parents are written first by hand
        session.add_all(
            [
                Address(household_id=h1.id, valid_from=date(2023, 1, 1), region="Mitte"),
                Address(
                    household_id=h2.id,
                    valid_from=date(2023, 1, 1),
                    valid_to=date(2024, 1, 31),
                    region="Nord",
                ),
                Address(household_id=h2.id, valid_from=date(2024, 2, 1), region="Mitte"),
            ]
        )
        world = World(
            b1=b1,
            c2=c2.id,
            h1=h1.id,
            h2=h2.id,
            p1=person(session, h1.id, "Rania", valid_from=date(2023, 5, 1)),
            p2=person(session, h1.id, "Samir", valid_from=date(2024, 2, 15)),
            p3=person(session, h2.id, "Lina"),
        )
        person(session, h2.id, "Omar", valid_to=date(2023, 12, 31))  # moved out before
        session.flush()
        _consultations(session, world)
        _kurzkontakte(session, world)
    return world


def _consultations(session: Session, w: World) -> None:
    c1 = consultation(
        session,
        w.h1,
        w.b1,
        date(2024, 1, 10),
        90,
        travel_minutes=20,
        module="willkommen",
        areas={"wohnen": None, "gesundheit": None},
        present=(w.p1,),
    )
    stale_area = ConsultationLifeArea(consultation_id=c1.id, life_area="arbeit")
    session.add(stale_area)
    consultation(
        session,
        w.h2,
        w.c2,
        date(2024, 1, 20),
        60,
        contact_type="telefon",
        areas={"existenzsicherung": 40, "aufenthalt": None, "familie": None},
        present=(w.p3,),
    )
    c3 = consultation(
        session,
        w.h1,
        w.b1,
        date(2024, 2, 5),
        30,
        travel_minutes=30,
        contact_type="hausbesuch",
        module="willkommen",
        present=(w.p1,),
    )
    session.add(ConsultationPerson(consultation_id=c3.id, person_id=w.p2, role="betroffen"))
    consultation(
        session,
        w.h2,
        w.b1,
        date(2024, 2, 12),
        45,
        outcome="nicht_erschienen",
        areas={"aufenthalt": None},
        present=(w.p3,),
    )
    deleted = consultation(session, w.h1, w.b1, date(2024, 2, 20), 120, module="willkommen")
    consultation(
        session,
        w.h2,
        w.c2,
        date(2024, 4, 2),
        75,
        contact_type="begleitung",
        module="fachleistung",
        areas={"krise": 50, "familie": 25},
        present=(w.p3,),
    )
    session.flush()
    tombstone(deleted)
    tombstone(stale_area)


def _kurzkontakte(session: Session, w: World) -> None:
    for counsellor, day in (
        (w.b1, date(2024, 1, 3)),
        (w.b1, date(2024, 1, 4)),
        (w.c2, date(2024, 3, 7)),
    ):
        session.add(Kurzkontakt(counsellor_id=counsellor, date=day, minutes=10))
    gone = Kurzkontakt(counsellor_id=w.c2, date=date(2024, 3, 8), minutes=5)
    session.add(gone)
    session.flush()
    tombstone(gone)


@dataclass
class Households:
    ha: uuid.UUID
    hb: uuid.UUID
    hc: uuid.UUID


@pytest.fixture
def households(store: Store) -> Households:
    with store.transaction() as session:
        b1 = session.scalars(select(Counsellor.id).where(Counsellor.code == "B1")).one()
        c2 = Counsellor(name="Chris Dorn", code="C2", region="Mitte")
        ha = Household(household_ref="HA")
        hb = Household(household_ref="HB", status="abgeschlossen", status_since=date(2024, 6, 15))
        hc = Household(household_ref="HC")
        session.add_all([c2, ha, hb, hc])
        session.flush()
        ha.counsellor_id, hb.counsellor_id, hc.counsellor_id = b1, c2.id, c2.id
        session.add_all(
            [
                CounsellorFte(counsellor_id=b1, valid_from=date(2024, 1, 1), fte=Decimal("0.5")),
                CounsellorFte(counsellor_id=b1, valid_from=date(2024, 12, 1), fte=Decimal("1")),
            ]
        )
        case = FachleistungCase(household_id=ha.id, counsellor_id=b1, opened_on=date(2024, 2, 1))
        session.add(case)
        session.flush()
        approval = Bewilligung(
            case_id=case.id,
            aktenzeichen="50-2024-1",
            period_from=date(2024, 3, 1),
            period_to=date(2025, 2, 28),
            approved_hours=Decimal(50),
        )
        session.add(approval)
        session.flush()

        def visit(household: Household, who: uuid.UUID, day: date, minutes: int, **kw: Any) -> None:
            consultation(session, household.id, who, day, minutes, **kw)

        visit(ha, b1, date(2024, 1, 10), 60, areas={"wohnen": None, "gesundheit": None})
        visit(ha, b1, date(2024, 2, 5), 30, contact_type="telefon")
        visit(ha, b1, date(2024, 3, 15), 120)
        on_budget = {"bewilligung_id": approval.id, "billable": True}
        visit(ha, b1, date(2024, 5, 20), 60, **on_budget)
        visit(ha, b1, date(2024, 8, 1), 180, **on_budget)
        visit(hb, c2.id, date(2023, 12, 20), 30, outcome="nicht_erschienen")
        visit(hb, c2.id, date(2024, 1, 20), 45, areas={"aufenthalt": None})
        visit(hb, c2.id, date(2024, 2, 12), 30, contact_type="indirekt")
        visit(hb, c2.id, date(2024, 4, 10), 240)
        visit(hc, c2.id, date(2024, 6, 10), 90)
        visit(hc, c2.id, date(2024, 10, 2), 30)
        return Households(ha.id, hb.id, hc.id)
