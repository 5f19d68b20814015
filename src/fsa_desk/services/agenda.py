"""Fristen & Aufgaben: what is overdue, due today and coming up, and ticking an item off.

``agenda`` gathers, in a handful of set-based queries (``agenda_sources``), everything that asks
a counsellor to act by a date: deadlines from Bescheide, expiring residence titles, the end of
the Willkommensjahr, Fachleistung dates, follow-ups set in a consultation (Wiedervorlagen) and
tasks. Deleted rows and closed households never appear.

What "Erledigt" does depends on the item (``Completion``); every completion can be reverted, so
the GUI offers it on its undo stack:

- a Frist from a Bescheid is marked done (``done_on``), a task completed;
- a follow-up counts as done by itself once a later consultation took place; dismissing it by
  hand clears the consultation's follow-up date (the change log keeps the old one);
- an expiring residence title is done by itself once a newer residence status is recorded;
  ticking it off records it as a handled Frist (``titel_ablauf``/``fiktion_ablauf``), the same
  way a Frist for the title entered from the Bescheid dialog would be;
- the end of the Willkommensjahr and the Fachleistung dates are done by their own records (the
  Übergangsgespräch, a Verlängerung, the Fallbericht, the Auswertungsgespräch held): the agenda
  only points to them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, timedelta

from fsa_desk.domain.deadlines import BescheidKind, Delivery, compute_deadline
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import agenda_fachleistung, agenda_sources
from fsa_desk.services.agenda_items import Agenda, AgendaItem, Completion, Group, ItemKind
from fsa_desk.services.records import live
from fsa_desk.store.base import Exchanged
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import Bescheid, Consultation, ResidenceStatus, Task
from fsa_desk.store.store import Store

DEFAULT_HORIZON_DAYS = 14

__all__ = [
    "Agenda",
    "AgendaItem",
    "Completed",
    "Completion",
    "Group",
    "ItemKind",
    "Viewer",
    "agenda",
    "complete",
    "done_by_record_message",
    "revert",
    "viewer",
]


@dataclass(frozen=True)
class Viewer:
    """Who looks at the agenda: "only mine" means this counsellor; a lead may see the team."""

    counsellor_id: uuid.UUID | None
    is_lead: bool


def viewer(store: Store) -> Viewer:
    """From the installation already in memory: no query, safe on the GUI thread."""
    installation = store.installation
    if installation is None:
        return Viewer(None, False)
    return Viewer(installation.counsellor_id, installation.role == "lead")


def agenda(
    store: Store,
    *,
    today: date | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    counsellor: uuid.UUID | None = None,
) -> Agenda:
    """Open items up to ``horizon_days`` ahead (and longer-lead reminders), grouped by urgency.

    ``counsellor``: only households this counsellor is Bezugsberater:in, team member or
    Vertretung of, plus tasks and follow-ups recorded for them; ``None``: the whole team.
    """
    day = today or date.today()
    if horizon_days < 0:
        raise InputRejected(_("The horizon cannot lie in the past."))
    items = _collect(store, day, day + timedelta(days=horizon_days), counsellor)
    items.sort(key=lambda item: (item.due, list(ItemKind).index(item.kind), item.household_ref))
    grouped: dict[Group, list[AgendaItem]] = {group: [] for group in Group}
    for item in items:
        grouped[item.group(day)].append(item)
    return Agenda(
        day,
        horizon_days,
        tuple(grouped[Group.OVERDUE]),
        tuple(grouped[Group.TODAY]),
        tuple(grouped[Group.UPCOMING]),
    )


def _collect(
    store: Store, today: date, until: date, counsellor: uuid.UUID | None
) -> list[AgendaItem]:
    """Every listed item, unsorted, with its household's display name."""
    window = agenda_sources.Window(today, until, counsellor)
    with store.read() as session:
        items = [item for source in _SOURCES for item in source(session, window)]
        ids = {item.household_id for item in items if item.household_id}
        names = agenda_sources.household_names(session, ids, today)
    return [
        replace(item, household_name=names.get(item.household_id, ""))
        if item.household_id
        else item
        for item in items
    ]


_SOURCES = agenda_sources.SOURCES + agenda_fachleistung.SOURCES


# --- ticking items off -----------------------------------------------------------------------


@dataclass(frozen=True)
class Completed:
    """What ``complete`` changed, so ``revert`` can undo exactly that."""

    item: AgendaItem
    recorded_bescheid_ids: tuple[uuid.UUID, ...] = ()  # the Fristen noted for residence titles
    previous_follow_up: date | None = None


def complete(store: Store, item: AgendaItem, *, today: date | None = None) -> Completed:
    """Tick the item off as its ``completion`` says; ``InputRejected`` for ``BY_RECORD`` items."""
    day = today or date.today()
    match item.completion:
        case Completion.MARK_BESCHEID_DONE | Completion.COMPLETE_TASK:
            _set_done(store, item, day)
        case Completion.DISMISS_FOLLOW_UP:
            return Completed(item, previous_follow_up=_set_follow_up(store, item.source_id, None))
        case Completion.RECORD_TITLE_HANDLED:
            return Completed(item, recorded_bescheid_ids=_record_titles_handled(store, item, day))
        case _:
            raise InputRejected(done_by_record_message(item))
    return Completed(item)


def revert(store: Store, done: Completed) -> None:
    """Undo ``complete``: the item is open again."""
    match done.item.completion:
        case Completion.MARK_BESCHEID_DONE | Completion.COMPLETE_TASK:
            _set_done(store, done.item, None)
        case Completion.DISMISS_FOLLOW_UP:
            _set_follow_up(store, done.item.source_id, done.previous_follow_up)
        case Completion.RECORD_TITLE_HANDLED:
            with store.transaction() as session:
                for bescheid_id in done.recorded_bescheid_ids:
                    tombstone(live(session, Bescheid, bescheid_id, _missing(Bescheid)))


def _set_done(store: Store, item: AgendaItem, day: date | None) -> None:
    with store.transaction() as session:
        row: Bescheid | Task
        if item.completion == Completion.MARK_BESCHEID_DONE:
            row = live(session, Bescheid, item.source_id, _missing(Bescheid))
        else:
            row = live(session, Task, item.source_id, _missing(Task))
        row.done_on = day


def _set_follow_up(store: Store, consultation_id: uuid.UUID, day: date | None) -> date | None:
    with store.transaction() as session:
        row = live(session, Consultation, consultation_id, _missing(Consultation))
        previous, row.follow_up_on = row.follow_up_on, day
        return previous


def _record_titles_handled(store: Store, item: AgendaItem, day: date) -> tuple[uuid.UUID, ...]:
    """A done Frist per expiring title: the record the Bescheid dialog makes for a title, so
    the reminder and a Frist never both appear, and the lead sees the renewal was seen to."""
    with store.transaction() as session:
        rows = [
            _handled_title(
                live(session, ResidenceStatus, status_id, _missing(ResidenceStatus)), item, day
            )
            for status_id in (item.source_id, *item.also)
        ]
        session.add_all(rows)
        return tuple(row.id for row in rows)


def _handled_title(status: ResidenceStatus, item: AgendaItem, day: date) -> Bescheid:
    assert status.expires_on is not None and item.household_id is not None  # as listed
    fiktion = status.status == "fiktion"
    kind = BescheidKind.FIKTION_ABLAUF if fiktion else BescheidKind.TITEL_ABLAUF
    issued = status.valid_from or min(day, status.expires_on)
    deadline = compute_deadline(kind, issued, Delivery.UEBERGABE, expires_on=status.expires_on)
    return Bescheid(
        household_id=item.household_id,
        person_id=status.person_id,
        authority="Ausländerbehörde",  # stored data, German like the Frist's rule
        subject="Fiktionsbescheinigung" if fiktion else "Aufenthaltstitel",
        kind=kind.value,
        letter_date=status.valid_from,
        delivery=Delivery.UEBERGABE.value,
        expires_on=status.expires_on,
        due_on=deadline.due,
        remind_from=deadline.remind_from,
        rule=deadline.rule,
        done_on=day,
    )


def _missing(model: type[Exchanged]) -> str:
    messages: dict[type[Exchanged], str] = {
        Bescheid: _("The decision does not exist (any more)."),
        Task: _("The task does not exist (any more)."),
        Consultation: _("The consultation does not exist (any more)."),
    }
    return messages.get(model, _("The residence status does not exist (any more)."))


def done_by_record_message(item: AgendaItem) -> str:
    """Why a ``BY_RECORD`` item has no "Erledigt": what makes it go away instead."""
    if item.kind == ItemKind.WILLKOMMEN:
        return _("This reminder goes once the transition conversation is recorded.")
    return _("This reminder goes once the matching Fachleistung record is entered.")
