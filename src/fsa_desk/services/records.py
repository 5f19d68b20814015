"""Loading rows the one way every service does it: a row that must exist and not be deleted;
everything that hangs off a household or a person."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.store.base import Exchanged
from fsa_desk.store.store import exchanged_tables

Row = TypeVar("Row", bound=Exchanged)


def live(session: Session, model: type[Row], row_id: uuid.UUID, missing: str) -> Row:
    """The row with ``row_id``; ``InputRejected(missing)`` if it is unknown or tombstoned."""
    row = session.get(model, row_id)
    if row is None or row.deleted_hlc is not None:
        raise InputRejected(missing)
    return row


CHUNK = 500  # ids per IN (…) list


def descendant_ids(
    session: Session, roots: dict[str, set[uuid.UUID]], *, skip: frozenset[str] = frozenset()
) -> dict[str, set[uuid.UUID]]:
    """The root rows (by table) and every exchanged row that refers to one of them through its
    foreign keys, transitively, tombstoned rows too — what belongs to a household or a person
    (erasure, the audit trail). Tables in ``skip`` are not followed."""
    found = {name: set(ids) for name, ids in roots.items() if ids}
    frontier = dict(found)
    while frontier:
        new: dict[str, set[uuid.UUID]] = {}
        for table in exchanged_tables():
            if table.name in skip:
                continue
            for key in table.foreign_keys:
                parents = sorted(frontier.get(key.column.table.name, ()))
                for start in range(0, len(parents), CHUNK):
                    chunk = parents[start : start + CHUNK]
                    for row_id in session.scalars(select(table.c.id).where(key.parent.in_(chunk))):
                        if row_id not in found.get(table.name, ()):
                            new.setdefault(table.name, set()).add(row_id)
        for name, ids in new.items():
            found.setdefault(name, set()).update(ids)
        frontier = new
    return found
