"""Tables that stay on this installation: identity and keys, settings, the change log."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Index, Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from fsa_desk.store.base import HLC_TYPE, Base


class Installation(Base):
    """This device: who works on it and its keys (stored inside the encrypted database)."""

    __tablename__ = "installation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    device_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    counsellor_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    role: Mapped[str] = mapped_column(String(20))
    provider: Mapped[str | None] = mapped_column(String(200))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519 private key, raw 32 bytes
    age_identity: Mapped[str] = mapped_column(Text)  # X25519 age identity (AGE-SECRET-KEY-1…)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON


class ChangeLog(Base):
    """One row per changed field; the audit trail and the source of bundles (DESIGN.md §5)."""

    __tablename__ = "change_log"
    __table_args__ = (
        Index("ix_change_log_row_field", "table_name", "row_id", "field", "hlc"),
        Index("ix_change_log_device_hlc", "device", "hlc"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    change_id: Mapped[str] = mapped_column(String(32), unique=True)
    hlc: Mapped[str] = mapped_column(HLC_TYPE, index=True)
    base_hlc: Mapped[str | None] = mapped_column(HLC_TYPE)
    device: Mapped[str] = mapped_column(String(32))
    counsellor_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    table_name: Mapped[str] = mapped_column(String(60))
    row_id: Mapped[str] = mapped_column(String(32))
    field: Mapped[str] = mapped_column(String(60))
    old: Mapped[str | None] = mapped_column(Text)  # JSON
    new: Mapped[str | None] = mapped_column(Text)  # JSON


class SearchKey(Base):
    """Derived search terms per household and person; rebuilt from the data at any time."""

    __tablename__ = "search_key"
    __table_args__ = (Index("ix_search_key_kind_key", "kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    household_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    person_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(10))  # word, skeleton, ref
    key: Mapped[str] = mapped_column(String(100))
