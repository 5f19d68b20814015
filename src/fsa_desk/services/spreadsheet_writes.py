"""The apply stage of the spreadsheet import: what matching decided, written in one transaction.

New rows go in set-based (``store.bulk``), changes through the ORM, so the change log records
old and new values exactly as for an edit in the app.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.spreadsheet_rows import part_identity
from fsa_desk.services.consultations import recompute_household
from fsa_desk.services.spreadsheet_resolution import Writes, chunks
from fsa_desk.store.base import Exchanged
from fsa_desk.store.bulk import insert_rows, large_write
from fsa_desk.store.changelog import revive, tombstone
from fsa_desk.store.models import ConsultationLifeArea

INSERT_BATCH = 2000  # rows per bulk insert: keeps the change-log entries of a batch small

# ``progress(done, total)`` after each step; the GUI's cancels by raising from it, which rolls
# the transaction back.
Progress = Callable[[int, int], None]


def write(session: Session, writes: Writes, progress: Progress | None = None) -> None:
    """New rows set-based, changes through the ORM, so the change log keeps old and new."""
    steps = _Steps(writes, progress)
    with large_write(session):
        for model, rows in writes.inserts.items():
            for batch in chunks(rows, INSERT_BATCH):
                insert_rows(session, model, batch)
                steps.done(len(batch))
    for model, updates in writes.updates.items():
        _update(session, model, updates)
        steps.done(len(updates))
    for consultation_id, areas in writes.life_areas.items():
        _set_life_areas(session, consultation_id, areas)
    session.flush()
    steps.done(len(writes.life_areas))
    for household_id in sorted(writes.recompute):
        recompute_household(session, household_id)
        steps.done(1)


class _Steps:
    """Counts written rows for ``progress``: inserts, updates, life areas, recomputations."""

    def __init__(self, writes: Writes, progress: Progress | None) -> None:
        self.progress = progress
        self.total = (
            sum(len(rows) for rows in writes.inserts.values())
            + sum(len(updates) for updates in writes.updates.values())
            + len(writes.life_areas)
            + len(writes.recompute)
        )
        self.count = 0
        self.done(0)

    def done(self, count: int) -> None:
        self.count += count
        if self.progress is not None:
            self.progress(self.count, self.total)


def _update(
    session: Session, model: type[Exchanged], updates: dict[uuid.UUID, dict[str, Any]]
) -> None:
    for chunk in chunks(list(updates)):
        for row in session.scalars(select(model).where(model.id.in_(chunk))):
            for name, value in updates[row.id].items():
                setattr(row, name, value)


def _set_life_areas(session: Session, consultation_id: uuid.UUID, areas: tuple[str, ...]) -> None:
    """Make the live areas equal ``areas``: tombstone, revive or add, never rewrite a link."""
    links = session.scalars(
        select(ConsultationLifeArea).where(ConsultationLifeArea.consultation_id == consultation_id)
    ).all()
    live = {link.life_area for link in links if link.deleted_hlc is None}
    for link in links:
        if link.deleted_hlc is None and link.life_area not in areas:
            tombstone(link)
    for area in dict.fromkeys(areas):
        if area in live:
            continue
        dead = next((link for link in links if link.life_area == area), None)
        if dead is not None:
            revive(dead)
        else:
            link_id = part_identity(consultation_id, f"life_area|{area}")
            session.add(
                ConsultationLifeArea(id=link_id, consultation_id=consultation_id, life_area=area)
            )
