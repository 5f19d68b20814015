"""A household's members over time and its addresses, as the household view shows them.

"Adresse geheim" (Gewaltschutz, DESIGN.md §3): a secret address leaves this module without
street, postcode, city and Stadtteil, so no screen, list or presentation can show them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.store.models import Address, Benefit, Membership, Person, ResidenceStatus


@dataclass(frozen=True)
class MemberLine:
    membership_id: uuid.UUID
    person_id: uuid.UUID
    name: str
    role: str
    birth: PartialDate | None
    sex: str | None
    member_from: date | None
    member_to: date | None
    reason_from: str | None
    reason_to: str | None
    current: bool
    residence_status: str | None
    residence_detail: str | None
    residence_expires_on: date | None
    wohnsitzauflage: bool
    benefit: str | None


@dataclass(frozen=True)
class AddressLine:
    """One address of the household; street, postcode and Stadtteil are None when secret."""

    valid_from: date | None
    valid_to: date | None
    current: bool
    secret: bool
    street: str | None
    postcode: str | None
    city: str | None
    district: str | None
    region: str | None
    housing_type: str | None


# --- members ----------------------------------------------------------------------------------


def members(session: Session, household_id: uuid.UUID, today: date) -> tuple[MemberLine, ...]:
    """Members over time with today's residence status and benefit, in three queries."""
    rows = session.execute(
        select(Membership, Person)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id == household_id,
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
    ).all()
    person_ids = [person.id for _membership, person in rows]
    statuses = _current_residence(session, person_ids, today)
    benefits = _current_benefits(session, person_ids, today)
    lines = [
        _member(membership, person, statuses.get(person.id), benefits.get(person.id), today)
        for membership, person in rows
    ]
    roles = {code.code: index for index, code in enumerate(code_list("household_roles"))}
    lines.sort(
        key=lambda m: (
            not m.current,
            roles.get(m.role, len(roles)),
            m.birth or PartialDate(9999),
            m.name,
        )
    )
    return tuple(lines)


def _member(
    membership: Membership,
    person: Person,
    status: ResidenceStatus | None,
    benefit: str | None,
    today: date,
) -> MemberLine:
    birth = (
        PartialDate(person.birth_year, person.birth_month, person.birth_day)
        if person.birth_year
        else None
    )
    return MemberLine(
        membership_id=membership.id,
        person_id=person.id,
        name=f"{person.given_name} {person.family_name}".strip(),
        role=membership.role,
        birth=birth,
        sex=person.sex,
        member_from=membership.valid_from,
        member_to=membership.valid_to,
        reason_from=membership.reason_from,
        reason_to=membership.reason_to,
        current=within(today, membership.valid_from, membership.valid_to),
        residence_status=status.status if status else None,
        residence_detail=status.detail if status else None,
        residence_expires_on=status.expires_on if status else None,
        wohnsitzauflage=bool(status and status.wohnsitzauflage),
        benefit=benefit,
    )


def within(day: date, first: date | None, last: date | None) -> bool:
    return (first is None or first <= day) and (last is None or day <= last)


def _current_residence(
    session: Session, person_ids: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, ResidenceStatus]:
    """Per person the latest residence status that has begun (the history is never rewritten)."""
    rows = session.scalars(
        select(ResidenceStatus)
        .where(
            ResidenceStatus.person_id.in_(person_ids),
            ResidenceStatus.deleted_hlc.is_(None),
        )
        .order_by(ResidenceStatus.valid_from.nulls_first(), ResidenceStatus.created_hlc)
    )
    return {row.person_id: row for row in rows if row.valid_from is None or row.valid_from <= today}


def _current_benefits(
    session: Session, person_ids: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, str]:
    rows = session.scalars(
        select(Benefit)
        .where(Benefit.person_id.in_(person_ids), Benefit.deleted_hlc.is_(None))
        .order_by(Benefit.valid_from.nulls_first(), Benefit.created_hlc)
    )
    return {
        row.person_id: row.benefit_type
        for row in rows
        if within(today, row.valid_from, row.valid_to)
    }


# --- addresses --------------------------------------------------------------------------------


def addresses(session: Session, household_id: uuid.UUID, today: date) -> tuple[AddressLine, ...]:
    rows = session.scalars(
        select(Address)
        .where(Address.household_id == household_id, Address.deleted_hlc.is_(None))
        .order_by(Address.valid_from.desc().nulls_last())
    )
    return tuple(_address(row, today) for row in rows)


def _address(row: Address, today: date) -> AddressLine:
    secret = bool(row.secret)
    return AddressLine(
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        current=within(today, row.valid_from, row.valid_to),
        secret=secret,
        street=None if secret else row.street,
        postcode=None if secret else row.postcode,
        city=None if secret else row.city,
        district=None if secret else row.district,
        region=row.region,
        housing_type=row.housing_type,
    )
