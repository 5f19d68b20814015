"""The plain data of the agenda (Fristen & Aufgaben): item kinds, groups and what ticks them off."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class ItemKind(StrEnum):
    """In the order items of the same day are listed."""

    FRIST = "frist"  # a deadline from a Bescheid
    AUFENTHALT = "aufenthalt"  # a residence title or Fiktionsbescheinigung runs out
    FACHLEISTUNG = "fachleistung"  # Bewilligung ends, Fallbericht due, Auswertungsgespräch
    WILLKOMMEN = "willkommen"  # the Willkommensjahr ends
    WIEDERVORLAGE = "wiedervorlage"  # follow-up date of a consultation
    AUFGABE = "aufgabe"  # a task


class Completion(StrEnum):
    """What "Erledigt" does for an item (``services.agenda.complete``)."""

    MARK_BESCHEID_DONE = "bescheid"
    COMPLETE_TASK = "task"
    DISMISS_FOLLOW_UP = "follow_up"
    RECORD_TITLE_HANDLED = "title"
    BY_RECORD = "by_record"  # nothing to tick: the item goes once its own record exists


class Group(StrEnum):
    OVERDUE = "overdue"
    TODAY = "today"
    UPCOMING = "upcoming"


@dataclass(frozen=True)
class AgendaItem:
    kind: ItemKind
    due: date
    household_id: uuid.UUID | None  # None: a task not tied to a household
    household_ref: str
    household_name: str  # "Haddad, Rania (+1)"
    text: str
    detail: str  # how the date came about, e.g. the Frist's rule
    source_id: uuid.UUID  # the row the item comes from (Bescheid, Task, Consultation …)
    completion: Completion
    # Further rows the item stands for: a family's titles that expire on the same day.
    also: tuple[uuid.UUID, ...] = ()

    @property
    def key(self) -> str:
        """Stable across reloads: keeps the selection when the list refreshes."""
        return f"{self.kind}:{self.source_id}"

    @property
    def can_complete(self) -> bool:
        return self.completion != Completion.BY_RECORD

    def group(self, today: date) -> Group:
        if self.due < today:
            return Group.OVERDUE
        return Group.TODAY if self.due == today else Group.UPCOMING


@dataclass(frozen=True)
class Agenda:
    today: date
    horizon_days: int
    overdue: tuple[AgendaItem, ...]
    due_today: tuple[AgendaItem, ...]
    upcoming: tuple[AgendaItem, ...]

    def groups(self) -> tuple[tuple[Group, tuple[AgendaItem, ...]], ...]:
        return (
            (Group.OVERDUE, self.overdue),
            (Group.TODAY, self.due_today),
            (Group.UPCOMING, self.upcoming),
        )

    def __len__(self) -> int:
        return len(self.overdue) + len(self.due_today) + len(self.upcoming)
