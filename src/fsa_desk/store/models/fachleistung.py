"""Fachleistung: cases, Bedarfsanzeigen, Bewilligungen, Fallberichte, Integrationspläne."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, Numeric, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged

HOURS = Numeric(7, 2)


class FachleistungCase(Exchanged, Base):
    __tablename__ = "fachleistung_case"

    household_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("household.id"), index=True)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("counsellor.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="vorbereitung")
    opened_on: Mapped[date] = mapped_column(Date)
    closed_on: Mapped[date | None] = mapped_column(Date)


class CaseStatusChange(Exchanged, Base):
    __tablename__ = "case_status_change"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[date] = mapped_column(Date)
    comment: Mapped[str | None] = mapped_column(String(300))


class CasePerson(Exchanged, Base):
    """A person the case covers (einbezogene Person)."""

    __tablename__ = "case_person"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)


class Bedarfsanzeige(Exchanged, Base):
    __tablename__ = "bedarfsanzeige"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # erst, verlaengerung, aufstockung
    version: Mapped[int] = mapped_column(Integer, default=1)
    replaces_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)  # the version it ersetzt
    status: Mapped[str] = mapped_column(String(30), default="entwurf")
    period_from: Mapped[date | None] = mapped_column(Date)
    period_to: Mapped[date | None] = mapped_column(Date)
    kriterienkatalog_version: Mapped[str | None] = mapped_column(String(40))
    other_services_reason: Mapped[str | None] = mapped_column(Text)  # why Fachleistung still
    situation_professional: Mapped[str | None] = mapped_column(Text)
    situation_client: Mapped[str | None] = mapped_column(Text)  # in the client's own words
    client_view_missing_reason: Mapped[str | None] = mapped_column(String(300))
    goals: Mapped[str | None] = mapped_column(Text)
    who_does_what: Mapped[str | None] = mapped_column(Text)
    sprachmittlung: Mapped[str | None] = mapped_column(String(30))
    sprachmittlung_language: Mapped[str | None] = mapped_column(String(20))
    consent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("consent.id"))
    signed_client_on: Mapped[date | None] = mapped_column(Date)
    signed_counsellor_on: Mapped[date | None] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    decided_on: Mapped[date | None] = mapped_column(Date)


class BedarfsanzeigeCriterion(Exchanged, Base):
    __tablename__ = "bedarfsanzeige_criterion"

    bedarfsanzeige_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bedarfsanzeige.id"), index=True
    )
    criterion: Mapped[str] = mapped_column(String(80))
    life_area: Mapped[str] = mapped_column(String(30))
    justification: Mapped[str] = mapped_column(Text)


class BedarfsanzeigeService(Exchanged, Base):
    """Another service involved (ASD, SpDi, Schuldnerberatung …)."""

    __tablename__ = "bedarfsanzeige_service"

    bedarfsanzeige_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bedarfsanzeige.id"), index=True
    )
    service: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(String(300))


class BedarfsanzeigeHours(Exchanged, Base):
    """Projected hours per life area for the next 12 months."""

    __tablename__ = "bedarfsanzeige_hours"

    bedarfsanzeige_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("bedarfsanzeige.id"), index=True
    )
    life_area: Mapped[str] = mapped_column(String(30))
    hours: Mapped[Decimal] = mapped_column(HOURS)


class Bewilligung(Exchanged, Base):
    __tablename__ = "bewilligung"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    bedarfsanzeige_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bedarfsanzeige.id"))
    decision_date: Mapped[date | None] = mapped_column(Date)
    aktenzeichen: Mapped[str] = mapped_column(String(60))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    approved_hours: Mapped[Decimal] = mapped_column(HOURS)
    goals: Mapped[str | None] = mapped_column(Text)  # the Amt's goals
    conditions: Mapped[str | None] = mapped_column(Text)  # Auflagen
    status: Mapped[str] = mapped_column(String(20), default="laufend")


class BewilligungHours(Exchanged, Base):
    __tablename__ = "bewilligung_hours"

    bewilligung_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bewilligung.id"), index=True)
    life_area: Mapped[str] = mapped_column(String(30))
    hours: Mapped[Decimal] = mapped_column(HOURS)


class Fallbericht(Exchanged, Base):
    __tablename__ = "fallbericht"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    bewilligung_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("bewilligung.id"))
    kind: Mapped[str] = mapped_column(String(20))  # verlaengerung, abschluss
    status: Mapped[str] = mapped_column(String(20), default="entwurf")
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    course: Mapped[str | None] = mapped_column(Text)
    client_assessment: Mapped[str | None] = mapped_column(Text)  # verbatim
    client_assessment_on: Mapped[date | None] = mapped_column(Date)
    obstacles_structural: Mapped[str | None] = mapped_column(Text)
    obstacles_official: Mapped[str | None] = mapped_column(Text)
    obstacles_personal: Mapped[str | None] = mapped_column(Text)
    further_need: Mapped[str | None] = mapped_column(Text)


class Fallberatung(Exchanged, Base):
    """A case conference with the Sozialamt."""

    __tablename__ = "fallberatung"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("fachleistung_case.id"), index=True)
    held_on: Mapped[date] = mapped_column(Date)
    participants: Mapped[str | None] = mapped_column(String(300))
    result: Mapped[str | None] = mapped_column(Text)


class Integrationsplan(Exchanged, Base):
    __tablename__ = "integrationsplan"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("fachleistung_case.id"))
    agreed_on: Mapped[date | None] = mapped_column(Date)
    review_on: Mapped[date | None] = mapped_column(Date)


class Goal(Exchanged, Base):
    __tablename__ = "goal"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("integrationsplan.id"), index=True)
    text_client: Mapped[str | None] = mapped_column(Text)  # the person's own words, any script
    text_professional: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int | None] = mapped_column(Integer)
    who_does_what: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="offen")


class Auswertungsgespraech(Exchanged, Base):
    __tablename__ = "auswertungsgespraech"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("integrationsplan.id"), index=True)
    scheduled_on: Mapped[date | None] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    what_helped: Mapped[str | None] = mapped_column(Text)
    client_differing_view: Mapped[str | None] = mapped_column(Text)


class GoalRating(Exchanged, Base):
    __tablename__ = "goal_rating"

    gespraech_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("auswertungsgespraech.id"), index=True
    )
    goal_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("goal.id"), index=True)
    client_rating: Mapped[int | None] = mapped_column(Integer)  # 1 (nicht) … 4 (erreicht)
    counsellor_rating: Mapped[int | None] = mapped_column(Integer)
    comment: Mapped[str | None] = mapped_column(Text)
