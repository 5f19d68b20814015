"""The change log: every create, update and delete of an exchanged row, field by field.

Written in the same transaction as the change (DESIGN.md §5): a ``before_flush`` hook stamps
HLCs and collects one entry per changed field; ``after_flush`` inserts them set-based. Exchanged
rows are never hard-deleted — a tombstone (``deleted_hlc``, field ``_deleted``) is.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, func, insert, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from fsa_desk.domain.hlc import Clock
from fsa_desk.store.base import SYNC_COLUMNS, Exchanged
from fsa_desk.store.models.local import ChangeLog

CONTEXT_KEY = "fsa_desk.change_context"
_PENDING_KEY = "fsa_desk.pending_changes"
DELETED_FIELD = "_deleted"
_TOMBSTONE_MARKER = "tombstone"


class UnloggedWriteError(RuntimeError):
    """An exchanged row was written outside ``Store.transaction()`` or hard-deleted."""


@dataclass(frozen=True)
class ChangeContext:
    clock: Clock
    counsellor_id: uuid.UUID | None

    @property
    def device(self) -> str:
        return self.clock.device_hex


def encode(value: object) -> str | None:
    """Canonical JSON of a column value; ``None`` stays SQL NULL. UUIDs travel as 32 hex digits."""
    if value is None:
        return None
    return json.dumps(_plain(value), ensure_ascii=False, separators=(",", ":"))


def _plain(value: object) -> object:
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def install(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_flush", _after_flush)


def _before_flush(session: Session, _context: object, _instances: object) -> None:
    exchanged = [o for o in (*session.new, *session.dirty) if isinstance(o, Exchanged)]
    if any(isinstance(o, Exchanged) for o in session.deleted):
        raise UnloggedWriteError("exchanged rows are tombstoned, never deleted")
    if not exchanged:
        return
    context: ChangeContext | None = session.info.get(CONTEXT_KEY)
    if context is None:
        raise UnloggedWriteError("exchanged rows may only be written in Store.transaction()")
    pending = session.info.setdefault(_PENDING_KEY, [])
    for obj in exchanged:
        if obj in session.new:
            pending.extend(_log_insert(obj, context))
        elif session.is_modified(obj, include_collections=False):
            pending.extend(_log_update(session, obj, context))


def _after_flush(session: Session, _context: object) -> None:
    pending = session.info.pop(_PENDING_KEY, None)
    if pending:
        session.connection().execute(insert(ChangeLog), pending)


def _log_insert(obj: Exchanged, context: ChangeContext) -> list[dict[str, Any]]:
    hlc = context.clock.tick()
    _apply_scalar_defaults(obj)
    if obj.id is None:
        obj.id = uuid.uuid4()
    obj.created_hlc = obj.updated_hlc = hlc
    obj.origin_device = context.device
    changes = [(key, None, getattr(obj, key)) for key in _fields(obj)]
    return _entries(obj, context, hlc, None, [c for c in changes if c[2] is not None])


def _log_update(session: Session, obj: Exchanged, context: ChangeContext) -> list[dict[str, Any]]:
    state = inspect(obj)
    changes: list[tuple[str, object, object]] = []
    for key in (*_fields(obj), "deleted_hlc"):
        history = state.attrs[key].history
        if not history.added:
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0]
        if old != new:
            changes.append((key, old, new))
    if not changes:
        return []
    hlc = context.clock.tick()
    obj.updated_hlc = hlc
    if obj.deleted_hlc == _TOMBSTONE_MARKER:
        obj.deleted_hlc = hlc
    changes = [_tombstone_change(c) if c[0] == "deleted_hlc" else c for c in changes]
    return _entries(obj, context, hlc, _last_hlc(session, obj), changes)


def _tombstone_change(change: tuple[str, object, object]) -> tuple[str, object, object]:
    _key, old, new = change
    return (DELETED_FIELD, old is not None, new is not None)


def tombstone(obj: Exchanged) -> None:
    """Mark ``obj`` deleted; the flush replaces the marker with the deleting change's HLC."""
    obj.deleted_hlc = _TOMBSTONE_MARKER


def revive(obj: Exchanged) -> None:
    obj.deleted_hlc = None


def _last_hlc(session: Session, obj: Exchanged) -> str | None:
    """The HLC of the value the editor saw: the latest logged change of this row here."""
    query = select(func.max(ChangeLog.hlc)).where(
        ChangeLog.table_name == type(obj).__tablename__,  # type: ignore[attr-defined]
        ChangeLog.row_id == obj.id.hex,
    )
    return session.connection().execute(query).scalar()


def _entries(
    obj: Exchanged,
    context: ChangeContext,
    hlc: str,
    base_hlc: str | None,
    changes: Iterable[tuple[str, object, object]],
) -> list[dict[str, Any]]:
    table = type(obj).__tablename__  # type: ignore[attr-defined]
    return [
        {
            "change_id": uuid.uuid4().hex,
            "hlc": hlc,
            "base_hlc": base_hlc,
            "device": context.device,
            "counsellor_id": context.counsellor_id,
            "table_name": table,
            "row_id": obj.id.hex,
            "field": key,
            "old": encode(old),
            "new": encode(new),
        }
        for key, old, new in changes
    ]


def _fields(obj: Exchanged) -> list[str]:
    return [c.key for c in inspect(type(obj)).column_attrs if c.key not in SYNC_COLUMNS]


def _apply_scalar_defaults(obj: Exchanged) -> None:
    """Fill column defaults now, so the log records the value the row will really hold."""
    for attr in inspect(type(obj)).column_attrs:
        column = attr.columns[0]
        default = column.default
        if attr.key in SYNC_COLUMNS or default is None or not default.is_scalar:
            continue
        if getattr(obj, attr.key) is None:
            setattr(obj, attr.key, default.arg)
