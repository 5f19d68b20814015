"""Billing rules from the Leistungsvertrag and the Abrechnung per period."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import Boolean, Date, ForeignKey, Integer, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import Base, Exchanged
from fsa_desk.store.models.fachleistung import HOURS


class BillingRule(Exchanged, Base):
    """Which time counts as a Fachleistungsstunde, from ``valid_from`` on."""

    __tablename__ = "billing_rule"

    valid_from: Mapped[date] = mapped_column(Date)
    counts_direct: Mapped[bool] = mapped_column(Boolean, default=True)
    counts_indirect: Mapped[bool] = mapped_column(Boolean, default=True)
    counts_travel: Mapped[bool] = mapped_column(Boolean, default=False)
    counts_no_show: Mapped[bool] = mapped_column(Boolean, default=False)
    rounding_minutes: Mapped[int] = mapped_column(Integer, default=15)  # Takt
    hourly_rate: Mapped[Decimal] = mapped_column(Numeric(8, 2))  # Stundensatz in €
    period: Mapped[str] = mapped_column(String(10), default="month")  # month, quarter
    fachkraft_only: Mapped[bool] = mapped_column(Boolean, default=True)


class Abrechnung(Exchanged, Base):
    __tablename__ = "abrechnung"

    provider: Mapped[str] = mapped_column(String(200))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    invoice_number: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(20), default="offen")
    corrects_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("abrechnung.id"))


class AbrechnungLine(Exchanged, Base):
    """One Bewilligung in an Abrechnung, by Aktenzeichen (never the client's name)."""

    __tablename__ = "abrechnung_line"

    abrechnung_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("abrechnung.id"), index=True)
    bewilligung_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bewilligung.id"), index=True)
    aktenzeichen: Mapped[str] = mapped_column(String(60))
    hours_period: Mapped[Decimal] = mapped_column(HOURS)
    hours_cumulative: Mapped[Decimal] = mapped_column(HOURS)
    hours_remaining: Mapped[Decimal] = mapped_column(HOURS)
    amount: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    is_nachberechnung: Mapped[bool] = mapped_column(Boolean, default=False)
