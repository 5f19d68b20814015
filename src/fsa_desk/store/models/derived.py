"""Report facts: narrow, integer-keyed copies of what the reports count, rebuilt at any time.

Reports over five years read every consultation. Joining and counting 32-character ids costs most of
a report's time, so ``reports.facts`` keeps one row per counted consultation, life-area share,
person present and membership here, with small integers instead of ids (``report_key``). They are
derived data: never exchanged, never change-logged, refreshed from the change log before a report
runs (``report_state`` remembers how far).

Every fact row carries the dimensions a report groups and filters by — month (``YYYYMM``), day,
counsellor, module,
the regions the household lived in on the day — so a filtered report never joins back to the wide
tables.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Boolean, Date, Float, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base


class ReportKey(Base):
    """A small integer for the id of a household, person or counsellor."""

    __tablename__ = "report_key"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)


class ReportState(Base):
    """How far the facts follow the change log, and which definition of the facts built them."""

    __tablename__ = "report_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    version: Mapped[int] = mapped_column(Integer)
    change_seq: Mapped[int] = mapped_column(Integer)


class _Dimensions:
    """What a report groups and filters by."""

    household: Mapped[int] = mapped_column(Integer)
    counsellor: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)  # YYYYMM
    day: Mapped[dt.date] = mapped_column(Date)
    module: Mapped[str] = mapped_column(String(20))
    regions: Mapped[str | None] = mapped_column(String(200))  # "|Mitte|" — lived there that day


class ReportConsultation(_Dimensions, Base):
    """A consultation that counts: not deleted, of a household that is not deleted."""

    __tablename__ = "report_consultation"
    __table_args__ = (
        Index(
            "ix_report_consultation_month",
            "month",
            "module",
            "contact_type",
            "counsellor",
            "minutes",
            "travel",
            "no_show",
            "household",
        ),
        # Per household: the first consultation, minutes per month (course reports).
        Index(
            "ix_report_consultation_household",
            "household",
            "month",
            "day",
            "no_show",
            "minutes",
            "contact_type",
        ),
    )

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    consultation_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    contact_type: Mapped[str] = mapped_column(String(20))
    no_show: Mapped[bool] = mapped_column(Boolean)
    minutes: Mapped[int] = mapped_column(Integer)
    travel: Mapped[int] = mapped_column(Integer)


class ReportLifeArea(_Dimensions, Base):
    """A consultation's minutes in one life area (``ohne`` without one); see ``reports.monthly``."""

    __tablename__ = "report_life_area"
    __table_args__ = (
        Index("ix_report_life_area_month", "month", "life_area", "module", "counsellor", "minutes"),
        Index("ix_report_life_area_household", "household", "month", "life_area"),
    )

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    life_area: Mapped[str] = mapped_column(String(30))
    minutes: Mapped[float] = mapped_column(Float)


class ReportPresence(_Dimensions, Base):
    """A person present at a consultation that took place."""

    __tablename__ = "report_presence"
    __table_args__ = (
        Index("ix_report_presence_month", "month", "person", "module", "counsellor"),
        Index("ix_report_presence_household", "household"),
    )

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person: Mapped[int] = mapped_column(Integer)


class ReportMembership(Base):
    """A membership of a person who is not deleted, by month (``None``: open)."""

    __tablename__ = "report_membership"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household: Mapped[int] = mapped_column(Integer, index=True)
    person: Mapped[int] = mapped_column(Integer)
    from_month: Mapped[int | None] = mapped_column(Integer)
    to_month: Mapped[int | None] = mapped_column(Integer)
