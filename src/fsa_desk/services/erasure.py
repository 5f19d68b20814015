"""Erasure by redaction (DESIGN.md §5): values go, ids, change ids and tombstones stay.

An erased row keeps its id, its keys to other rows and its tombstone; every other value is
replaced — by NULL where the column allows it, by ``MARKER`` where it does not. The same values
are redacted in the change log's ``old`` and ``new``, while its ``change_id`` rows stay: an old
bundle re-imported is then recognised as known and cannot bring the erased values back. The
redacting writes are ordinary logged changes with the newest HLC, so the erasure travels to the
lead like any other change.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Column, Table, delete, select, update
from sqlalchemy.orm import Session

from fsa_desk.services.records import descendant_ids
from fsa_desk.store import changelog
from fsa_desk.store.base import SYNC_COLUMNS, Base, Exchanged
from fsa_desk.store.models import (
    ChangeLog,
    Membership,
    SearchKey,
    TeamIndexEntry,
)
from fsa_desk.store.store import exchanged_tables

MARKER = "[gelöscht]"
_MARKER_JSON = changelog.encode(MARKER)
# Billing records follow their own, longer rule (§ 147 AO); erasing a household never takes them.
_KEPT_BY_OTHER_RULES = frozenset({"abrechnung", "abrechnung_line", "counsellor"})
_CHUNK = 500
Item = TypeVar("Item")


@dataclass(frozen=True)
class Erased:
    rows: int  # rows redacted and tombstoned
    households: int
    persons: int


def is_key(column: Column[object]) -> bool:
    """Ids and references to other rows: they are kept, they say nothing about a person."""
    return bool(column.foreign_keys) or column.name in SYNC_COLUMNS or column.name.endswith("_id")


def content_fields(table: Table) -> list[Column[object]]:
    return [c for c in table.columns if not is_key(c)]


def redact(session: Session, rows: Iterable[Exchanged], fields: Sequence[str] | None = None) -> int:
    """Replace the values of ``rows`` (all content fields, or ``fields``) here and in the log."""
    by_table: dict[Table, list[Exchanged]] = {}
    for row in rows:
        by_table.setdefault(row.__table__, []).append(row)  # type: ignore[attr-defined]
    for table, members in by_table.items():
        columns = [c for c in content_fields(table) if fields is None or c.name in fields]
        for row in members:
            for column in columns:
                setattr(row, column.key, None if column.nullable else _placeholder(column, row))
        session.flush()
        redact_log(session, table.name, [r.id for r in members], [c.name for c in columns])
    return sum(len(m) for m in by_table.values())


def erase(session: Session, rows: Iterable[Exchanged]) -> int:
    """Redact every content field of ``rows`` and tombstone them (a row already deleted keeps
    its tombstone)."""
    rows = list(rows)
    for row in rows:
        if row.deleted_hlc is None:
            changelog.tombstone(row)
    return redact(session, rows)


def _placeholder(column: Column[object], row: Exchanged) -> object:
    if column.type.python_type is str:
        return MARKER
    return getattr(row, column.key)  # a required date or number: no person in it, it stays


def redact_log(
    session: Session, table: str, row_ids: Sequence[uuid.UUID], fields: list[str]
) -> None:
    if not fields:
        return
    for chunk in _chunks([i.hex for i in row_ids]):
        scope = (
            ChangeLog.table_name == table,
            ChangeLog.row_id.in_(chunk),
            ChangeLog.field.in_(fields),
        )
        for column in (ChangeLog.old, ChangeLog.new):
            session.execute(
                update(ChangeLog).where(*scope, column.is_not(None)).values({column: _MARKER_JSON}),
                execution_options={"synchronize_session": False},
            )


# --- what belongs to a household ------------------------------------------------------------


def erase_households(session: Session, household_ids: Sequence[uuid.UUID]) -> Erased:
    """Erase the households, every row that hangs off them and the persons who belonged to no
    other household; local search terms go with them."""
    persons = _only_in(session, household_ids)
    rows = _descendants(session, {"household": set(household_ids), "person": set(persons)})
    count = erase(session, rows)
    _forget_locally(session, household_ids)
    return Erased(count, len(household_ids), len(persons))


def _only_in(session: Session, household_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
    """Persons whose every membership is in ``household_ids``."""
    members = set(
        session.scalars(
            select(Membership.person_id).where(Membership.household_id.in_(household_ids))
        )
    )
    elsewhere = set(
        session.scalars(
            select(Membership.person_id).where(
                Membership.person_id.in_(members), Membership.household_id.not_in(household_ids)
            )
        )
    )
    return sorted(members - elsewhere)


def _descendants(session: Session, roots: dict[str, set[uuid.UUID]]) -> list[Exchanged]:
    """The root rows and every row that refers to one of them, transitively (tombstoned too)."""
    models = _models()
    rows: list[Exchanged] = []
    for name, ids in descendant_ids(session, roots, skip=_KEPT_BY_OTHER_RULES).items():
        for chunk in _chunks(sorted(ids)):
            rows.extend(session.scalars(select(models[name]).where(models[name].id.in_(chunk))))
    return rows


def _models() -> dict[str, type[Exchanged]]:
    return {
        m.local_table.name: m.class_  # type: ignore[attr-defined]
        for m in Base.registry.mappers
        if issubclass(m.class_, Exchanged)
    }


def _forget_locally(session: Session, household_ids: Sequence[uuid.UUID]) -> None:
    for chunk in _chunks(list(household_ids)):
        session.execute(delete(SearchKey).where(SearchKey.household_id.in_(chunk)))
        hexes = [i.hex for i in chunk]
        session.execute(delete(TeamIndexEntry).where(TeamIndexEntry.household_id.in_(hexes)))


def _chunks(items: Sequence[Item]) -> Iterator[list[Item]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])


# --- erasures that arrived from another installation ---------------------------------------


def erased_elsewhere(session: Session) -> dict[str, list[uuid.UUID]]:
    """Rows erased on another installation (tombstoned, every content value gone) whose earlier
    values this installation's change log still holds: per table, their ids."""
    found: dict[str, list[uuid.UUID]] = {}
    for name, model in _models().items():
        table: Table = model.__table__  # type: ignore[attr-defined]
        fields = [c.name for c in content_fields(table)]
        erased = [
            row.id
            for row in session.scalars(select(model).where(model.deleted_hlc.is_not(None)))
            if _all_erased(row, table)
        ]
        stale = _with_history(session, name, erased, fields)
        if stale:
            found[name] = stale
    return found


def redact_history(session: Session, rows: dict[str, list[uuid.UUID]]) -> None:
    tables = {t.name: t for t in exchanged_tables()}
    for name, ids in rows.items():
        redact_log(session, name, ids, [c.name for c in content_fields(tables[name])])


def _all_erased(row: Exchanged, table: Table) -> bool:
    values = [getattr(row, c.key) for c in content_fields(table) if c.nullable]
    texts = [getattr(row, c.key) for c in content_fields(table) if not c.nullable]
    return all(v is None for v in values) and all(t == MARKER for t in texts if isinstance(t, str))


def _with_history(
    session: Session, table: str, ids: list[uuid.UUID], fields: list[str]
) -> list[uuid.UUID]:
    stale: set[str] = set()
    for chunk in _chunks([i.hex for i in ids]):
        query = select(ChangeLog.row_id).where(
            ChangeLog.table_name == table,
            ChangeLog.row_id.in_(chunk),
            ChangeLog.field.in_(fields),
            (ChangeLog.old.is_not(None) & (ChangeLog.old != _MARKER_JSON))
            | (ChangeLog.new.is_not(None) & (ChangeLog.new != _MARKER_JSON)),
        )
        stale |= set(session.scalars(query))
    return [i for i in ids if i.hex in stale]
