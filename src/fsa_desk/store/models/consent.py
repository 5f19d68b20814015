"""Art. 13 information records and consents (Einwilligung, Schweigepflichtentbindung)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged


class Art13Record(Exchanged, Base):
    """Information under Art. 13 DSGVO given to an adult at first contact."""

    __tablename__ = "art13_record"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    given_on: Mapped[date] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(String(20))
    text_version: Mapped[str | None] = mapped_column(String(40))
    interpreter: Mapped[str | None] = mapped_column(String(30))


class Consent(Exchanged, Base):
    __tablename__ = "consent"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # einwilligung, schweigepflichtentbindung
    recipient: Mapped[str] = mapped_column(String(200))
    purposes: Mapped[str] = mapped_column(Text)
    data_categories: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(20))
    text_version: Mapped[str | None] = mapped_column(String(40))
    given_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    revoked_on: Mapped[date | None] = mapped_column(Date)
    refusal_explained: Mapped[bool] = mapped_column(Boolean, default=True)


class InterpreterCommitment(Exchanged, Base):
    """An interpreter's written confidentiality commitment."""

    __tablename__ = "interpreter_commitment"

    interpreter_name: Mapped[str] = mapped_column(String(200))
    signed_on: Mapped[date] = mapped_column(Date)
    languages: Mapped[str | None] = mapped_column(String(100))
    comment: Mapped[str | None] = mapped_column(Text)
