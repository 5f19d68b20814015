"""Declarative base, naming convention and the sync columns every exchanged table carries."""

from __future__ import annotations

import uuid
from typing import ClassVar

from sqlalchemy import MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

HLC_TYPE = String(51)  # 13-digit wall ms, 4-digit counter, 32 hex device

# Columns the sync layer maintains itself; they never appear as fields in the change log.
SYNC_COLUMNS = frozenset({"id", "created_hlc", "updated_hlc", "origin_device", "deleted_hlc"})


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Exchanged:
    """Mixin for tables that travel in bundles: UUID id, HLCs, origin device and a tombstone."""

    __exchanged__: ClassVar[bool] = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_hlc: Mapped[str] = mapped_column(HLC_TYPE)
    updated_hlc: Mapped[str] = mapped_column(HLC_TYPE)
    origin_device: Mapped[str] = mapped_column(String(32))
    deleted_hlc: Mapped[str | None] = mapped_column(HLC_TYPE, default=None)

    def __init__(self, **fields: object) -> None:
        # The id exists from construction on, so links can be made before the first flush.
        fields.setdefault("id", uuid.uuid4())
        super().__init__(**fields)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_hlc is not None


def new_id() -> uuid.UUID:
    return uuid.uuid4()
