"""Where the agenda's items come from: one set-based query per kind of item, not per household.

Every query keeps to live rows of households that are not closed (``open_households``), and for
"only mine" to the counsellor's households (``_mine``). An item is listed when it is overdue,
due within the horizon, or inside its own lead time (``LEAD_TIMES``) even beyond the horizon.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.deadlines import BescheidKind, month_later
from fsa_desk.domain.modules import willkommen_last_day
from fsa_desk.domain.validation import EARLIEST
from fsa_desk.i18n import _, language
from fsa_desk.services.agenda_items import AgendaItem, Completion, ItemKind
from fsa_desk.store.models import (
    Bescheid,
    Consultation,
    Household,
    HouseholdCounsellor,
    Membership,
    Person,
    Referral,
    ResidenceStatus,
    Task,
)

# How long before its date each kind of reminder appears, whatever horizon the counsellor chose.
# A Frist from a Bescheid carries its own lead (``remind_from``, domain.deadlines); tasks and
# follow-ups appear within the horizon only.
LEAD_TIMES = {
    # Renewal must be applied for before expiry (§ 81 (4) AufenthG) and appointments at the
    # Ausländerbehörde take weeks to get: the same 8 weeks as the Frist for a title.
    ItemKind.AUFENTHALT: timedelta(weeks=8),
    # The transition conversation belongs in months 10–12 (DESIGN.md §3); 6 weeks leave time
    # to arrange it with an interpreter.
    ItemKind.WILLKOMMEN: timedelta(weeks=6),
    # DESIGN.md §3 warns of an expiry within 8 weeks without a Verlängerung begun: the
    # Bedarfsanzeige, the Fallbericht and the Auswertungsgespräch need that long.
    ItemKind.FACHLEISTUNG: timedelta(weeks=8),
}
# The contract sets no date for the Abschluss-Fallbericht; a month after the Bewilligung ends is
# the usual practice. Change it here if a Leistungsvertrag says otherwise.
FALLBERICHT_AFTER_END = timedelta(weeks=4)
_TITLE_KINDS = (BescheidKind.TITEL_ABLAUF.value, BescheidKind.FIKTION_ABLAUF.value)


@dataclass(frozen=True)
class Window:
    """Today, the end of the horizon and whose items: what every source needs."""

    today: date
    until: date  # the end of the chosen horizon
    counsellor: uuid.UUID | None

    def reaches(self, kind: ItemKind) -> date:
        """The latest date an item of ``kind`` may have and still be listed today."""
        return max(self.until, self.today + LEAD_TIMES.get(kind, timedelta(0)))

    def shows(self, due: date, remind_from: date) -> bool:
        return due <= self.until or remind_from <= self.today


def new_item(
    kind: ItemKind,
    due: date,
    household_id: uuid.UUID | None,
    ref: str,
    text: str,
    detail: str,
    source_id: uuid.UUID,
    completion: Completion,
) -> AgendaItem:
    """An item before its household's display name is known (``collect`` adds it)."""
    return AgendaItem(kind, due, household_id, ref, "", text, detail, source_id, completion)


# --- scope -----------------------------------------------------------------------------------


def open_households() -> list[ColumnElement[bool]]:
    return [Household.deleted_hlc.is_(None), Household.status != "abgeschlossen"]


def mine(window: Window, *also: ColumnElement[bool]) -> list[ColumnElement[bool]]:
    """The household is the counsellor's (Bezug, team, Vertretung today), or ``also`` holds."""
    if window.counsellor is None:
        return []
    today = window.today
    linked = select(HouseholdCounsellor.household_id).where(
        HouseholdCounsellor.counsellor_id == window.counsellor,
        HouseholdCounsellor.deleted_hlc.is_(None),
        or_(HouseholdCounsellor.valid_from.is_(None), HouseholdCounsellor.valid_from <= today),
        or_(HouseholdCounsellor.valid_to.is_(None), HouseholdCounsellor.valid_to >= today),
    )
    return [or_(Household.counsellor_id == window.counsellor, Household.id.in_(linked), *also)]


def current_member() -> ColumnElement[bool]:
    return and_(Membership.deleted_hlc.is_(None), Membership.valid_to.is_(None))


# --- the sources -------------------------------------------------------------------------------


def _fristen(session: Session, window: Window) -> Iterable[AgendaItem]:
    query = (
        select(Bescheid, Household.household_ref)
        .join(Household, Household.id == Bescheid.household_id)
        .where(
            Bescheid.deleted_hlc.is_(None),
            Bescheid.done_on.is_(None),
            or_(Bescheid.due_on <= window.until, Bescheid.remind_from <= window.today),
            *open_households(),
            *mine(window),
        )
    )
    for bescheid, ref in session.execute(query):
        text = _("{kind}: {subject} ({authority})").format(
            kind=label("bescheid_kinds", bescheid.kind),
            subject=bescheid.subject,
            authority=bescheid.authority,
        )
        yield new_item(
            ItemKind.FRIST,
            bescheid.due_on,
            bescheid.household_id,
            ref,
            text,
            bescheid.rule,
            bescheid.id,
            Completion.MARK_BESCHEID_DONE,
        )


def _residence_titles(session: Session, window: Window) -> Iterable[AgendaItem]:
    """The latest status of each current member, if it expires; not when a Frist tracks it.

    "Latest" is checked against each person's newest start and latest expiry in one grouped
    pass: a renewal, a Fiktionsbescheinigung or a settlement permit recorded after it wins.
    """
    started = func.coalesce(ResidenceStatus.valid_from, EARLIEST)
    latest = (
        select(
            ResidenceStatus.person_id.label("person_id"),
            func.max(started).label("started"),
            func.max(ResidenceStatus.expires_on).label("expires"),
        )
        .where(ResidenceStatus.deleted_hlc.is_(None))
        .group_by(ResidenceStatus.person_id)
        .subquery()
    )
    tracked = exists().where(
        Bescheid.person_id == ResidenceStatus.person_id,
        Bescheid.kind.in_(_TITLE_KINDS),
        Bescheid.expires_on == ResidenceStatus.expires_on,
        Bescheid.deleted_hlc.is_(None),
    )
    query = (
        select(
            ResidenceStatus,
            Person.given_name,
            Person.family_name,
            Household.id,
            Household.household_ref,
        )
        .join(latest, latest.c.person_id == ResidenceStatus.person_id)
        .join(Person, Person.id == ResidenceStatus.person_id)
        .join(Membership, Membership.person_id == Person.id)
        .join(Household, Household.id == Membership.household_id)
        .where(
            ResidenceStatus.deleted_hlc.is_(None),
            ResidenceStatus.expires_on <= window.reaches(ItemKind.AUFENTHALT),
            started >= latest.c.started,
            ResidenceStatus.expires_on >= latest.c.expires,
            Person.deleted_hlc.is_(None),
            current_member(),
            ~tracked,
            *open_households(),
            *mine(window),
        )
        .order_by(Membership.valid_from, Person.birth_year, Person.given_name)  # parents first
    )
    lead = LEAD_TIMES[ItemKind.AUFENTHALT]
    # A family's titles usually run out together and are renewed at one appointment: one item.
    family_titles: dict[tuple[uuid.UUID, str, date], list[tuple[uuid.UUID, str, str, str]]] = {}
    for row, given, family, household_id, ref in session.execute(query):
        expires = row.expires_on
        assert expires is not None  # "<= date" is never true for NULL
        if window.shows(expires, expires - lead):
            key = (household_id, row.status, expires)
            family_titles.setdefault(key, []).append((row.id, ref, given, family))
    for (household_id, code, expires), people in family_titles.items():
        ids = list(dict.fromkeys(person[0] for person in people))
        item = new_item(
            ItemKind.AUFENTHALT,
            expires,
            household_id,
            people[0][1],
            _("{status} of {names} expires: apply for the extension").format(
                status=label("residence_statuses", code),
                names=_names([(given, family) for _id, _ref, given, family in people]),
            ),
            _(
                "Valid until {day}; a renewal applied for in time keeps the stay lawful "
                "(§ 81 (4) AufenthG)."
            ).format(day=german(expires)),
            ids[0],
            Completion.RECORD_TITLE_HANDLED,
        )
        yield replace(item, also=tuple(ids[1:]))


def _willkommensjahr(session: Session, window: Window) -> Iterable[AgendaItem]:
    """From 6 weeks before its last day until that day, unless the Übergangsgespräch is recorded."""
    last_shown = window.reaches(ItemKind.WILLKOMMEN)
    transition = exists().where(
        Referral.household_id == Household.id,
        Referral.is_transition.is_(True),
        Referral.deleted_hlc.is_(None),
    )
    query = select(Household.id, Household.household_ref, Household.allocation_date).where(
        # A generous pre-filter in SQL; the exact last day (29 February!) is the domain's.
        Household.allocation_date >= month_later(window.today, -12) - timedelta(days=3),
        Household.allocation_date <= month_later(last_shown, -12) + timedelta(days=1),
        ~transition,
        *open_households(),
        *mine(window),
    )
    lead = LEAD_TIMES[ItemKind.WILLKOMMEN]
    for household_id, ref, allocation in session.execute(query):
        assert allocation is not None  # the range condition excludes households without one
        last_day = willkommen_last_day(allocation)
        if last_day < window.today or not window.shows(last_day, last_day - lead):
            continue
        yield new_item(
            ItemKind.WILLKOMMEN,
            last_day,
            household_id,
            ref,
            _("Willkommensjahr ends: hold the transition conversation"),
            _("Allocated on {day}; the Willkommensleistung ends after twelve months.").format(
                day=german(allocation)
            ),
            household_id,
            Completion.BY_RECORD,
        )


def _follow_ups(session: Session, window: Window) -> Iterable[AgendaItem]:
    """A consultation's follow-up date, until a later consultation with the household took place.

    Only the columns shown are read; never the note.
    """
    later = aliased(Consultation)
    answered = exists().where(
        later.household_id == Consultation.household_id,
        later.deleted_hlc.is_(None),
        later.outcome == "stattgefunden",
        later.date > Consultation.date,
    )
    query = (
        select(
            Consultation.id,
            Consultation.household_id,
            Consultation.date,
            Consultation.follow_up_on,
            Consultation.agreements,
            Household.household_ref,
        )
        .join(Household, Household.id == Consultation.household_id)
        .where(
            Consultation.deleted_hlc.is_(None),
            Consultation.follow_up_on <= window.until,
            ~answered,
            *open_households(),
            *mine(window, Consultation.counsellor_id == window.counsellor),
        )
    )
    for row_id, household_id, day, follow_up, agreements, ref in session.execute(query):
        assert follow_up is not None  # "<= date" is never true for NULL
        text = _("Follow-up from the contact on {day}").format(day=german(day))
        agreed = _first_line(agreements)
        yield new_item(
            ItemKind.WIEDERVORLAGE,
            follow_up,
            household_id,
            ref,
            f"{text}: {agreed}" if agreed else text,
            _("Done by itself once a later consultation with the household has taken place."),
            row_id,
            Completion.DISMISS_FOLLOW_UP,
        )


def _tasks(session: Session, window: Window) -> Iterable[AgendaItem]:
    scope: list[ColumnElement[bool]] = [or_(Task.household_id.is_(None), and_(*open_households()))]
    if window.counsellor is not None:
        own = Task.counsellor_id == window.counsellor
        scope.append(or_(own, and_(Task.counsellor_id.is_(None), *mine(window))))
    query = (
        select(Task, Household.household_ref)
        .outerjoin(Household, Household.id == Task.household_id)
        .where(
            Task.deleted_hlc.is_(None),
            Task.done_on.is_(None),
            Task.due_on <= window.until,
            *scope,
        )
    )
    for task, ref in session.execute(query):
        yield new_item(
            ItemKind.AUFGABE,
            task.due_on,
            task.household_id,
            ref or "",
            task.text,
            "",
            task.id,
            Completion.COMPLETE_TASK,
        )


Source = Callable[[Session, Window], Iterable[AgendaItem]]
SOURCES: tuple[Source, ...] = (
    _fristen,
    _residence_titles,
    _willkommensjahr,
    _follow_ups,
    _tasks,
)


# --- display names -----------------------------------------------------------------------------


def household_names(
    session: Session, household_ids: set[uuid.UUID], today: date
) -> dict[uuid.UUID, str]:
    """ "Haddad, Rania (+1)": the head of household (or first member) and how many more."""
    if not household_ids:
        return {}
    query = (
        select(Membership.household_id, Membership.role, Person.family_name, Person.given_name)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(household_ids),
            Membership.deleted_hlc.is_(None),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= today),
            Person.deleted_hlc.is_(None),
        )
        .order_by(Membership.valid_from, Person.family_name, Person.given_name)
    )
    members: dict[uuid.UUID, list[tuple[str, str]]] = {}
    for household_id, role, family, given in session.execute(query):
        members.setdefault(household_id, []).append((role, f"{family}, {given}"))
    return {household_id: _display(found) for household_id, found in members.items()}


def _display(members: list[tuple[str, str]]) -> str:
    heads = [name for role, name in members if role == "haushaltsvorstand"]
    first = heads[0] if heads else members[0][1]
    return f"{first} (+{len(members) - 1})" if len(members) > 1 else first


def label(list_name: str, code: str) -> str:
    """The code's label in the current language; an unknown code (a newer list) as it is."""
    codes = code_list(list_name)
    return codes.label(code, language()) if code in codes else code


def _names(people: list[tuple[str, str]]) -> str:
    """ "Rahim, Shabnam and Nilofar Azizi", or full names when the family names differ."""
    unique = list(dict.fromkeys(people))
    families = {family for _given, family in unique}
    if len(families) == 1 and len(unique) > 1:
        given = [g for g, _family in unique]
        return _("{first} and {last}").format(first=", ".join(given[:-1]), last=given[-1]) + (
            f" {families.pop()}"
        )
    full = [f"{given} {family}".strip() for given, family in unique]
    if len(full) == 1:
        return full[0]
    return _("{first} and {last}").format(first=", ".join(full[:-1]), last=full[-1])


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""


def german(day: date) -> str:
    return day.strftime("%d.%m.%Y")
