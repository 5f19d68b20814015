"""Counsellors, households, persons and their histories (DESIGN.md §3)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged


class Counsellor(Exchanged, Base):
    __tablename__ = "counsellor"

    name: Mapped[str] = mapped_column(String(200))
    code: Mapped[str] = mapped_column(String(20), index=True)  # unique per team, checked at merge
    provider: Mapped[str | None] = mapped_column(String(200))
    region: Mapped[str | None] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(20), default="counsellor")
    fachkraft: Mapped[bool] = mapped_column(Boolean, default=True)


class CounsellorFte(Exchanged, Base):
    """Stellenumfang (VZÄ) from a date on."""

    __tablename__ = "counsellor_fte"

    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    valid_from: Mapped[date] = mapped_column(Date)
    fte: Mapped[Decimal] = mapped_column(Numeric(4, 2))


class CounsellorAbsence(Exchanged, Base):
    __tablename__ = "counsellor_absence"

    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))  # urlaub, krank, fortbildung, sonstiges


class Household(Exchanged, Base):
    __tablename__ = "household"

    household_ref: Mapped[str] = mapped_column(String(50), index=True)
    provider: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="aktiv")
    status_since: Mapped[date | None] = mapped_column(Date)
    closure_reason: Mapped[str | None] = mapped_column(String(30))
    closure_detail: Mapped[str | None] = mapped_column(String(200))  # e.g. "an MBE übergeben"
    allocation_date: Mapped[date | None] = mapped_column(Date)
    first_contact_on: Mapped[date | None] = mapped_column(Date)
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("counsellor.id"), index=True
    )  # Bezugsberater:in
    split_from_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # a separation's origin


class HouseholdCounsellor(Exchanged, Base):
    """Further team members and Vertretung of a household, with their period."""

    __tablename__ = "household_counsellor"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))  # team, vertretung
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class Address(Exchanged, Base):
    __tablename__ = "address"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    street: Mapped[str | None] = mapped_column(String(200))
    postcode: Mapped[str | None] = mapped_column(String(10))
    city: Mapped[str | None] = mapped_column(String(100), default="Dresden")
    district: Mapped[str | None] = mapped_column(String(60))
    region: Mapped[str | None] = mapped_column(String(20))
    housing_type: Mapped[str | None] = mapped_column(String(30))
    # Gewaltschutz: never shown to other household members, never in their access requests.
    secret: Mapped[bool] = mapped_column(Boolean, default=False)


class Person(Exchanged, Base):
    __tablename__ = "person"

    family_name: Mapped[str] = mapped_column(String(200), index=True)
    given_name: Mapped[str] = mapped_column(String(200))
    name_variants: Mapped[str | None] = mapped_column(Text)  # transliterations, one per line
    name_original: Mapped[str | None] = mapped_column(String(200))  # in the person's own script
    birth_year: Mapped[int | None] = mapped_column(Integer)
    birth_month: Mapped[int | None] = mapped_column(Integer)
    birth_day: Mapped[int | None] = mapped_column(Integer)
    sex: Mapped[str | None] = mapped_column(String(2))
    nationalities: Mapped[str | None] = mapped_column(String(60))  # ISO alpha-2, comma separated
    languages: Mapped[str | None] = mapped_column(String(100))
    interpreter_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(20))
    arrival_date: Mapped[date | None] = mapped_column(Date)  # allocation or family reunification
    phone: Mapped[str | None] = mapped_column(String(50))
    sozialamt_ref: Mapped[str | None] = mapped_column(String(50))
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)  # Art. 18 DSGVO


class Membership(Exchanged, Base):
    """A person in a household for a period: births, reunification, separation, moving out."""

    __tablename__ = "membership"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    role: Mapped[str] = mapped_column(String(30))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    reason_from: Mapped[str | None] = mapped_column(String(30))
    reason_to: Mapped[str | None] = mapped_column(String(30))


class ResidenceStatus(Exchanged, Base):
    __tablename__ = "residence_status"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(60))  # e.g. "§ 25 Abs. 2"
    valid_from: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    wohnsitzauflage: Mapped[bool] = mapped_column(Boolean, default=False)  # § 12a AufenthG


class Benefit(Exchanged, Base):
    __tablename__ = "benefit"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    benefit_type: Mapped[str] = mapped_column(String(30))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
