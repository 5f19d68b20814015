"""The client list ("Klient:innen"): households with the columns a counsellor scans, found by
search-as-you-type and narrowed by filters, for tables of any size.

Large lists stay fast because the work is split (DESIGN.md §4): ``client_ids`` filters and sorts
in SQL and returns only ids; ``client_rows`` fills the columns of one page of ids. The derived
columns are the SQL expressions of ``client_columns``, the same for filter, sort and display.

The text search is the client search of ``search_index`` (name variants, transliterations,
``household_ref``, birth date); this module adds which member a hit was found by.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from fsa_desk.domain.names import skeleton, words
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import search_index
from fsa_desk.services.client_columns import ClientColumns, SortKey, head_first
from fsa_desk.store.models import Counsellor, Household, Membership, Person, SearchKey
from fsa_desk.store.store import Store

PAGE_SIZE = 50


@dataclass(frozen=True)
class ClientQuery:
    """What the counsellor typed and chose; empty text and ``None`` filters mean "all"."""

    text: str = ""
    module: str | None = None
    status: str | None = None
    counsellor_id: uuid.UUID | None = None
    region: str | None = None
    sort: SortKey = SortKey.NAMES
    descending: bool = False


@dataclass(frozen=True)
class Member:
    id: uuid.UUID
    family_name: str
    given_name: str
    birth: PartialDate | None
    role: str

    @property
    def name(self) -> str:
        return ", ".join(part for part in (self.family_name, self.given_name) if part)


@dataclass(frozen=True)
class Match:
    """The member a search found the household by; ``current`` is False for a former member."""

    member: Member
    current: bool


@dataclass(frozen=True)
class ClientRow:
    id: uuid.UUID
    household_ref: str
    members: tuple[Member, ...]  # current members, head first
    module: str
    status: str
    counsellor_code: str | None
    counsellor_name: str | None
    region: str | None
    last_contact: date | None
    next_due: date | None
    match: Match | None  # only while searching, and only for a match by person


@dataclass(frozen=True)
class ClientPage:
    """The sorted ids of the whole result and the rows of its first page."""

    ids: list[uuid.UUID]
    rows: list[ClientRow]


@dataclass(frozen=True)
class CounsellorChoice:
    id: uuid.UUID
    code: str
    name: str


def search_clients(
    store: Store, query: ClientQuery, *, page_size: int = PAGE_SIZE, today: date | None = None
) -> ClientPage:
    """Ids and the first page in one read: what a keystroke in the search field costs."""
    day = today or date.today()
    with store.read() as session:
        ids = _ids(session, query, day)
        return ClientPage(ids, _rows(session, ids[:page_size], query.text, day))


def client_ids(store: Store, query: ClientQuery, *, today: date | None = None) -> list[uuid.UUID]:
    """The ids of every household the query finds, filtered and sorted in SQL."""
    with store.read() as session:
        return _ids(session, query, today or date.today())


def client_rows(
    store: Store, ids: Sequence[uuid.UUID], *, text: str = "", today: date | None = None
) -> list[ClientRow]:
    """The rows of ``ids`` in their order (deleted ones left out); ``text`` marks matches."""
    with store.read() as session:
        return _rows(session, ids, text, today or date.today())


def counsellor_choices(store: Store) -> list[CounsellorChoice]:
    """Everyone who can be a household's Bezugsberater:in, for the filter."""
    with store.read() as session:
        query = (
            select(Counsellor.id, Counsellor.code, Counsellor.name)
            .where(Counsellor.deleted_hlc.is_(None))
            .order_by(Counsellor.name, Counsellor.code)
        )
        return [CounsellorChoice(*row) for row in session.execute(query)]


def matching_households(session: Session, text: str) -> set[uuid.UUID] | None:
    """Households matching every term of ``text`` by the client search's own rules, without
    its hit limit; ``None`` when there is nothing to search for."""
    terms = text.split()
    if not terms:
        return None
    found: set[uuid.UUID] | None = None
    for term in terms:
        matches = search_index._households_for_term(session, term)
        found = matches if found is None else found & matches
        if not found:
            return set()
    return found


# --- ids: filtering and sorting in SQL -------------------------------------------------------


def _ids(session: Session, query: ClientQuery, today: date) -> list[uuid.UUID]:
    matching = matching_households(session, query.text)
    if matching is not None and not matching:
        return []
    columns = ClientColumns(today)
    statement = select(Household.id).where(Household.deleted_hlc.is_(None))
    if matching is not None:
        statement = statement.where(Household.id.in_(matching))
    statement = _filtered(statement, query, columns)
    key = columns.sort_key(query.sort)
    ordered = key.desc() if query.descending else key.asc()
    statement = statement.order_by(ordered.nulls_last(), Household.household_ref, Household.id)
    return list(session.scalars(statement))


def _filtered(statement: Select[Any], query: ClientQuery, columns: ClientColumns) -> Select[Any]:
    if query.status is not None:
        statement = statement.where(Household.status == query.status)
    if query.counsellor_id is not None:
        statement = statement.where(Household.counsellor_id == query.counsellor_id)
    if query.module is not None:
        statement = statement.where(columns.module() == query.module)
    if query.region is not None:
        statement = statement.where(columns.region() == query.region)
    return statement


# --- rows: the columns of one page ------------------------------------------------------------


def _rows(session: Session, ids: Sequence[uuid.UUID], text: str, today: date) -> list[ClientRow]:
    if not ids:
        return []
    columns = ClientColumns(today)
    query = (
        select(
            Household.id,
            Household.household_ref,
            columns.module(),
            Household.status,
            Counsellor.code,
            Counsellor.name,
            columns.region(),
            columns.last_contact(),
            columns.next_due(),
        )
        .outerjoin(Counsellor, Counsellor.id == Household.counsellor_id)
        .where(Household.id.in_(ids), Household.deleted_hlc.is_(None))
    )
    found = {row[0]: row for row in session.execute(query)}
    members = _members(session, list(found), today)
    matches = _matches(session, text, list(found), today) if text.strip() else {}
    rows = []
    for household_id in ids:
        if household_id not in found:
            continue
        _, ref, module, status, code, name, region, last_contact, next_due = found[household_id]
        rows.append(
            ClientRow(
                household_id,
                ref,
                members.get(household_id, ()),
                module,
                status,
                code,
                name,
                region,
                last_contact,
                next_due,
                matches.get(household_id),
            )
        )
    return rows


_MEMBER_COLUMNS = (
    Person.id,
    Person.family_name,
    Person.given_name,
    Person.birth_year,
    Person.birth_month,
    Person.birth_day,
    Membership.role,
)


def _members(
    session: Session, household_ids: list[uuid.UUID], today: date
) -> dict[uuid.UUID, tuple[Member, ...]]:
    query = (
        select(Membership.household_id, *_MEMBER_COLUMNS)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(household_ids),
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
            or_(Membership.valid_from.is_(None), Membership.valid_from <= today),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= today),
        )
        .order_by(*head_first())
    )
    members: dict[uuid.UUID, list[Member]] = {}
    for row in session.execute(query):
        listed = members.setdefault(row.household_id, [])
        if all(m.id != row.id for m in listed):
            listed.append(_member(row))
    return {household_id: tuple(listed) for household_id, listed in members.items()}


def _member(row: Any) -> Member:
    """A member from a row of ``_MEMBER_COLUMNS``."""
    birth = PartialDate(row.birth_year, row.birth_month, row.birth_day) if row.birth_year else None
    return Member(row.id, row.family_name, row.given_name, birth, row.role)


# --- which member a search found ---------------------------------------------------------------


def _matches(
    session: Session, text: str, household_ids: list[uuid.UUID], today: date
) -> dict[uuid.UUID, Match]:
    """Per household the member who matches the most search terms (head first on a tie)."""
    scores: dict[tuple[uuid.UUID, uuid.UUID], int] = {}
    for term in text.split():
        for pair in _persons_for_term(session, term, household_ids):
            scores[pair] = scores.get(pair, 0) + 1
    if not scores:
        return {}
    query = (
        select(Membership.household_id, Membership.valid_to, *_MEMBER_COLUMNS)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(household_ids),
            Membership.person_id.in_({person for _, person in scores}),
            Membership.deleted_hlc.is_(None),
        )
        .order_by(*head_first())
    )
    best: dict[uuid.UUID, tuple[int, Match]] = {}
    for row in session.execute(query):
        score = scores.get((row.household_id, row.id), 0)
        if score > best.get(row.household_id, (0, None))[0]:
            current = row.valid_to is None or row.valid_to >= today
            best[row.household_id] = (score, Match(_member(row), current))
    return {household_id: match for household_id, (_, match) in best.items()}


def _persons_for_term(
    session: Session, term: str, household_ids: list[uuid.UUID]
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    """(household, person) pairs a term matches by name or birth date (a file number matches
    the household, not a person)."""
    if any(c.isdigit() for c in term):
        birth = search_index._as_birth_date(term)
        return _persons_born(session, birth, household_ids) if birth else set()
    found: set[tuple[uuid.UUID, uuid.UUID]] | None = None
    for word in words(term):
        conditions = [search_index._prefix("word", word)]
        if len(word) >= 3:  # as the client search: short skeletons match too much
            conditions.append(search_index._prefix("skeleton", skeleton(word)))
        query = select(SearchKey.household_id, SearchKey.person_id).where(
            SearchKey.household_id.in_(household_ids),
            SearchKey.person_id.is_not(None),
            or_(*conditions),
        )
        pairs = {(h, p) for h, p in session.execute(query) if p is not None}
        found = pairs if found is None else found & pairs
    return found or set()


def _persons_born(
    session: Session, birth: PartialDate, household_ids: list[uuid.UUID]
) -> set[tuple[uuid.UUID, uuid.UUID]]:
    conditions = [Person.birth_year == birth.year]
    if birth.month is not None:
        conditions.append(Person.birth_month == birth.month)
    if birth.day is not None:
        conditions.append(Person.birth_day == birth.day)
    query = (
        select(Membership.household_id, Membership.person_id)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(household_ids),
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
            *conditions,
        )
    )
    return {(h, p) for h, p in session.execute(query)}
