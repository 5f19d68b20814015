"""Wiedervorlagen and the task list that also shows open deadlines (Fristen)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from fsa_desk.domain.validation import Checks
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import Bescheid, Household, Task
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class TaskItem:
    id: uuid.UUID
    kind: str  # task, frist
    household_id: uuid.UUID | None
    household_ref: str | None
    due_on: date
    text: str


def add_task(
    store: Store,
    household_id: uuid.UUID | None,
    due_on: date,
    text: str,
    *,
    today: date | None = None,
) -> uuid.UUID:
    checks = Checks(today or date.today())
    checks.plausible_date("due_on", _("Due"), due_on)
    if not text.strip():
        checks.add("text", _("A task needs a text."))
    checks.raise_if_any()
    with store.transaction() as session:
        task = Task(
            household_id=household_id,
            counsellor_id=store.installation_counsellor_id(),
            due_on=due_on,
            text=text.strip(),
        )
        session.add(task)
        return task.id


def complete_task(store: Store, task_id: uuid.UUID, *, today: date | None = None) -> None:
    with store.transaction() as session:
        task = live(session, Task, task_id, _("The task does not exist (any more)."))
        task.done_on = today or date.today()


def open_items(store: Store, *, until: date | None = None) -> list[TaskItem]:
    """Open tasks and deadlines (from their reminder date on), soonest first."""
    horizon = until or date.today()
    with store.read() as session:
        tasks = session.execute(
            select(Task, Household.household_ref)
            .outerjoin(Household, Household.id == Task.household_id)
            .where(Task.done_on.is_(None), Task.deleted_hlc.is_(None), Task.due_on <= horizon)
        ).all()
        deadlines = session.execute(
            select(Bescheid, Household.household_ref)
            .join(Household, Household.id == Bescheid.household_id)
            .where(
                Bescheid.done_on.is_(None),
                Bescheid.deleted_hlc.is_(None),
                Bescheid.remind_from <= horizon,
            )
        ).all()
    items = [TaskItem(t.id, "task", t.household_id, ref, t.due_on, t.text) for t, ref in tasks]
    items += [
        TaskItem(b.id, "frist", b.household_id, ref, b.due_on, f"{b.subject} – {b.rule}")
        for b, ref in deadlines
    ]
    return sorted(items, key=lambda item: (item.due_on, item.kind))
