"""Consultations, Kurzkontakte and group offers (DESIGN.md §3)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged


class Consultation(Exchanged, Base):
    """A Beratungskontakt. Hours beyond a budget are recorded and marked not billable."""

    __tablename__ = "consultation"
    # Covering index for the reports: they read these narrow columns, never the notes.
    __table_args__ = (
        Index(
            "ix_consultation_report",
            "date",
            "deleted_hlc",
            "household_id",
            "counsellor_id",
            "module",
            "contact_type",
            "outcome",
            "duration_minutes",
            "travel_minutes",
            "id",
        ),
        # A household's timeline, last contact and open follow-ups (client list, agenda).
        Index(
            "ix_consultation_household_timeline",
            "household_id",
            "deleted_hlc",
            "outcome",
            "date",
            "follow_up_on",
        ),
    )

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    travel_minutes: Mapped[int] = mapped_column(Integer, default=0)
    contact_type: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20), default="stattgefunden")
    sprachmittlung: Mapped[str] = mapped_column(String(30), default="keine")
    sprachmittlung_language: Mapped[str | None] = mapped_column(String(20))
    agreements: Mapped[str | None] = mapped_column(Text)
    follow_up_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)  # vertraulich
    module: Mapped[str] = mapped_column(String(20))
    module_override_reason: Mapped[str | None] = mapped_column(String(200))
    billable: Mapped[bool] = mapped_column(Boolean, default=False)
    billable_reason: Mapped[str | None] = mapped_column(String(30))
    billable_override_reason: Mapped[str | None] = mapped_column(String(200))  # set = manual
    bewilligung_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("bewilligung.id"), index=True
    )


class ConsultationPerson(Exchanged, Base):
    """A person present (``anwesend``) at or concerned (``betroffen``) by a consultation."""

    __tablename__ = "consultation_person"
    __table_args__ = (
        Index(
            "ix_consultation_person_report", "consultation_id", "role", "deleted_hlc", "person_id"
        ),
    )

    consultation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("consultation.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))


class ConsultationLifeArea(Exchanged, Base):
    __tablename__ = "consultation_life_area"
    __table_args__ = (
        Index(
            "ix_consultation_life_area_report",
            "consultation_id",
            "deleted_hlc",
            "life_area",
            "minutes",
        ),
    )

    consultation_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("consultation.id"), index=True)
    life_area: Mapped[str] = mapped_column(String(30))
    minutes: Mapped[int | None] = mapped_column(Integer)  # optional split of the duration


class Kurzkontakt(Exchanged, Base):
    """Anonymous short contact in open office hours: no person record."""

    __tablename__ = "kurzkontakt"

    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    minutes: Mapped[int] = mapped_column(Integer)
    language: Mapped[str | None] = mapped_column(String(20))
    life_area: Mapped[str | None] = mapped_column(String(30))
    target_group: Mapped[bool] = mapped_column(Boolean, default=True)


class GroupOffer(Exchanged, Base):
    __tablename__ = "group_offer"

    date: Mapped[dt.date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    minutes: Mapped[int] = mapped_column(Integer)
    participants: Mapped[int] = mapped_column(Integer, default=0)
    life_area: Mapped[str | None] = mapped_column(String(30))


class GroupOfferCounsellor(Exchanged, Base):
    __tablename__ = "group_offer_counsellor"

    group_offer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group_offer.id"), index=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"))


class GroupOfferHousehold(Exchanged, Base):
    __tablename__ = "group_offer_household"

    group_offer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("group_offer.id"), index=True)
    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"))


class DuplicateLink(Exchanged, Base):
    """A reviewed pair of person records: same person (reversible link) or not the same."""

    __tablename__ = "duplicate_link"

    person_a_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    person_b_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    decision: Mapped[str] = mapped_column(String(20))  # gleich, verschieden
