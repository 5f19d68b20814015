"""Everyday case work: Fristen, Vollmachten, tasks, Willkommensleistung deliverables."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged


class Bescheid(Exchanged, Base):
    """A received decision and the deadline computed from it (Frist)."""

    __tablename__ = "bescheid"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    authority: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(30))
    letter_date: Mapped[date | None] = mapped_column(Date)
    delivery: Mapped[str] = mapped_column(String(20), default="post")
    received_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    remind_from: Mapped[date] = mapped_column(Date)
    rule: Mapped[str] = mapped_column(String(300))  # how the deadline was computed, in German
    done_on: Mapped[date | None] = mapped_column(Date)


class Vollmacht(Exchanged, Base):
    """Power of attorney under § 13 SGB X."""

    __tablename__ = "vollmacht"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    scope: Mapped[str] = mapped_column(String(300))
    recipient: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)


class Task(Exchanged, Base):
    """Wiedervorlage."""

    __tablename__ = "task"

    household_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("household.id"), index=True)
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("counsellor.id"))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    text: Mapped[str] = mapped_column(String(500))
    done_on: Mapped[date | None] = mapped_column(Date)


class WelcomeChecklistItem(Exchanged, Base):
    """One item of the Ankommens-Checkliste; Kita/Schule is kept per child."""

    __tablename__ = "welcome_checklist_item"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    item: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="offen")  # offen, erledigt, entfaellt
    done_on: Mapped[date | None] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(String(300))


class Kompetenzerhebung(Exchanged, Base):
    """Skills and interests of an adult, recorded in the Willkommensjahr."""

    __tablename__ = "kompetenzerhebung"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    recorded_on: Mapped[date] = mapped_column(Date)
    schooling: Mapped[str | None] = mapped_column(Text)
    training: Mapped[str | None] = mapped_column(Text)
    work_experience: Mapped[str | None] = mapped_column(Text)
    german_level: Mapped[str | None] = mapped_column(String(10))  # A1 … C2
    recognition: Mapped[str | None] = mapped_column(Text)  # Anerkennung von Abschlüssen
    interests: Mapped[str | None] = mapped_column(Text)


class Referral(Exchanged, Base):
    """Vermittlung to another service and its result."""

    __tablename__ = "referral"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id"))
    referred_on: Mapped[date] = mapped_column(Date)
    to_whom: Mapped[str] = mapped_column(String(200))
    result: Mapped[str | None] = mapped_column(String(300))
    is_transition: Mapped[bool] = mapped_column(Boolean, default=False)  # Übergangsgespräch
