"""The client list's derived columns as SQL expressions, correlated to ``Household``.

Each column (current module, region, last contact, next deadline …) is defined once here and used
alike for filtering, sorting and display, so what the list shows is what it was sorted by. All of
it is portable SQL: correlated subqueries on indexed columns, no SQLite-only functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    ColumnElement,
    SQLColumnExpression,
    and_,
    case,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import aliased

from fsa_desk.domain.modules import DEFAULT_POLICY, Module, willkommen_last_day
from fsa_desk.store.models import (
    Address,
    Bescheid,
    Bewilligung,
    Consultation,
    Counsellor,
    FachleistungCase,
    Household,
    Membership,
    Person,
    Task,
)

HEAD_ROLE = "haushaltsvorstand"
STATUS_ORDER = ("aktiv", "ruhend", "abgeschlossen")
CLOSED = "abgeschlossen"
TOOK_PLACE = "stattgefunden"
MODULE_ORDER = tuple(module.value for module in Module)
REGION_ORDER = ("nord", "west", "mitte", "sued")


class SortKey(StrEnum):
    """The columns the list can be sorted by."""

    REF = "household_ref"
    NAMES = "names"
    PERSONS = "persons"
    MODULE = "module"
    STATUS = "status"
    COUNSELLOR = "counsellor"
    REGION = "region"
    LAST_CONTACT = "last_contact"
    NEXT_DUE = "next_due"


class ClientColumns:
    """The derived columns as SQL expressions correlated to ``Household``, on one day."""

    def __init__(self, today: date) -> None:
        self.today = today

    def sort_key(self, key: SortKey) -> ColumnElement[Any]:
        if key is SortKey.REF:
            return func.lower(Household.household_ref)
        if key is SortKey.MODULE:
            return rank(self.module(), MODULE_ORDER)
        if key is SortKey.STATUS:
            return rank(Household.status, STATUS_ORDER)
        if key is SortKey.REGION:
            return rank(self.region(), REGION_ORDER)
        plain = {
            SortKey.NAMES: self.head_name,
            SortKey.PERSONS: self.persons,
            SortKey.COUNSELLOR: self.counsellor_name,
            SortKey.LAST_CONTACT: self.last_contact,
            SortKey.NEXT_DUE: self.next_due,
        }
        return plain[key]()

    def current_member(self) -> ColumnElement[bool]:
        return and_(
            Membership.household_id == Household.id,
            Membership.deleted_hlc.is_(None),
            or_(Membership.valid_from.is_(None), Membership.valid_from <= self.today),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= self.today),
        )

    def head_name(self) -> ColumnElement[Any]:
        """The name listed first (``_head_first``). Looking for a head of household first and
        for anyone only when there is none reads a third of the rows of one query for all."""
        name = func.lower(Person.family_name + " " + Person.given_name)
        query = (
            select(name)
            .join(Membership, Membership.person_id == Person.id)
            .where(self.current_member(), Person.deleted_hlc.is_(None))
            .order_by(*head_first())
            .limit(1)
        )
        head = query.where(Membership.role == HEAD_ROLE).scalar_subquery()
        return func.coalesce(head, query.scalar_subquery())

    def persons(self) -> ColumnElement[Any]:
        query = (
            select(func.count(func.distinct(Membership.person_id)))
            .join(Person, Person.id == Membership.person_id)
            .where(self.current_member(), Person.deleted_hlc.is_(None))
        )
        return query.scalar_subquery()

    def module(self) -> ColumnElement[str]:
        """``derive_module`` for today, as SQL (the tests hold the two together)."""
        approved = exists().where(
            FachleistungCase.household_id == Household.id,
            FachleistungCase.deleted_hlc.is_(None),
            Bewilligung.case_id == FachleistungCase.id,
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.period_from <= self.today,
            Bewilligung.period_to >= self.today,
        )
        welcome = Household.allocation_date.between(earliest_welcome(self.today), self.today)
        order = [(approved, Module.FACHLEISTUNG.value), (welcome, Module.WILLKOMMEN.value)]
        if not DEFAULT_POLICY.fachleistung_in_willkommensjahr:
            order.reverse()
        return case(*order, else_=literal(Module.INTEGRATIONSBUERO.value))

    def region(self) -> ColumnElement[str]:
        query = (
            select(Address.region)
            .where(
                Address.household_id == Household.id,
                Address.deleted_hlc.is_(None),
                or_(Address.valid_from.is_(None), Address.valid_from <= self.today),
                or_(Address.valid_to.is_(None), Address.valid_to >= self.today),
            )
            .order_by(Address.valid_from.desc().nulls_last())
            .limit(1)
        )
        return query.scalar_subquery()

    def counsellor_name(self) -> ColumnElement[Any]:
        query = select(func.lower(Counsellor.name)).where(Counsellor.id == Household.counsellor_id)
        return query.scalar_subquery()

    def last_contact(self) -> ColumnElement[date]:
        """The last consultation that took place (a no-show is no contact)."""
        query = select(func.max(Consultation.date)).where(
            Consultation.household_id == Household.id,
            Consultation.deleted_hlc.is_(None),
            Consultation.outcome == TOOK_PLACE,
        )
        return query.scalar_subquery()

    def next_due(self) -> ColumnElement[date]:
        """The soonest open Frist, task (Wiedervorlage) or follow-up, overdue ones included; none
        for a closed household (as on the agenda).

        A follow-up is open until a later consultation with the household took place.
        """
        frist = select(Bescheid.due_on.label("due")).where(
            Bescheid.household_id == Household.id,
            Bescheid.done_on.is_(None),
            Bescheid.deleted_hlc.is_(None),
        )
        task = select(Task.due_on.label("due")).where(
            Task.household_id == Household.id, Task.done_on.is_(None), Task.deleted_hlc.is_(None)
        )
        later = aliased(Consultation)
        answered = exists().where(
            later.household_id == Consultation.household_id,
            later.deleted_hlc.is_(None),
            later.outcome == TOOK_PLACE,
            later.date > Consultation.date,
        )
        follow_up = select(Consultation.follow_up_on.label("due")).where(
            Consultation.household_id == Household.id,
            Consultation.deleted_hlc.is_(None),
            Consultation.follow_up_on.is_not(None),
            ~answered,
        )
        parts = (part.correlate(Household) for part in (frist, task, follow_up))
        dues = union_all(*parts).subquery()
        soonest = select(func.min(dues.c.due)).scalar_subquery()
        return case((Household.status == CLOSED, null()), else_=soonest)


def head_first() -> list[SQLColumnExpression[Any]]:
    """Head of household first, then the eldest (the order names are listed in)."""
    return [
        case((Membership.role == HEAD_ROLE, 0), else_=1),
        Person.birth_year.asc().nulls_last(),
        Person.birth_month.asc().nulls_last(),
        Person.birth_day.asc().nulls_last(),
        Person.family_name,
        Person.given_name,
    ]


def rank(column: SQLColumnExpression[Any], order: Sequence[str]) -> ColumnElement[Any]:
    """Sort codes in their list's order (aktiv before ruhend), not alphabetically; unknown or
    missing ones last."""
    return case({code: index for index, code in enumerate(order)}, value=column, else_=null())


def earliest_welcome(today: date) -> date:
    """The earliest allocation date whose Willkommensjahr still includes ``today``."""
    day = today - timedelta(days=367)
    while willkommen_last_day(day) < today:
        day += timedelta(days=1)
    return day
