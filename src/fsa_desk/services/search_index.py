"""Client search: households and persons by name variant, transliteration, reference, birth date.

Search terms live in the local ``search_key`` table (derived, rebuilt at will), so a keystroke is
a few indexed range queries — portable SQL, no SQLite-only full-text index.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from fsa_desk.domain.names import skeleton, words
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.store.models import Household, Membership, Person, SearchKey
from fsa_desk.store.store import Store

MAX_HITS = 200


@dataclass(frozen=True)
class ClientHit:
    household_id: uuid.UUID
    household_ref: str
    status: str
    names: str  # "Haddad, Rania; Haddad, Omar"


def index_household(session: Session, household_id: uuid.UUID) -> None:
    """Recompute the search terms of one household and its current and former members."""
    session.execute(delete(SearchKey).where(SearchKey.household_id == household_id))
    household = session.get(Household, household_id)
    if household is None or household.deleted_hlc is not None:
        return
    rows = [_row(household_id, None, "ref", ref_key(household.household_ref))]
    for person in _members(session, household_id):
        rows.extend(_person_rows(household_id, person))
    session.execute(insert(SearchKey), [r for r in rows if r["key"]])


def rebuild(session: Session) -> None:
    """Rebuild every household's terms (after imports or a restore)."""
    session.execute(delete(SearchKey))
    ids = session.scalars(select(Household.id).where(Household.deleted_hlc.is_(None))).all()
    for household_id in ids:
        index_household(session, household_id)


def _members(session: Session, household_id: uuid.UUID) -> list[Person]:
    query = (
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.household_id == household_id,
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
    )
    return list(session.scalars(query).unique())


def _person_rows(household_id: uuid.UUID, person: Person) -> list[dict[str, object]]:
    names = " ".join(filter(None, [person.family_name, person.given_name, person.name_variants]))
    rows = []
    for word in set(words(names)):
        rows.append(_row(household_id, person.id, "word", word))
        rows.append(_row(household_id, person.id, "skeleton", skeleton(word)))
    return rows


def _row(
    household_id: uuid.UUID, person_id: uuid.UUID | None, kind: str, key: str
) -> dict[str, object]:
    return {"household_id": household_id, "person_id": person_id, "kind": kind, "key": key}


def search(store: Store, text: str, *, limit: int = MAX_HITS) -> list[ClientHit]:
    """Households matching every term of ``text`` (names, variants, reference, birth date)."""
    terms = text.split()
    if not terms:
        return []
    with store.read() as session:
        matching: set[uuid.UUID] | None = None
        for term in terms:
            found = _households_for_term(session, term)
            matching = found if matching is None else matching & found
            if not matching:
                return []
        assert matching is not None
        return _hits(session, matching, limit)


def ref_key(text: str) -> str:
    """File numbers compare by letters and digits only: "B1-2024-017" ~ "b1 2024 017"."""
    return "".join(c for c in text.casefold() if c.isascii() and c.isalnum())


def _households_for_term(session: Session, term: str) -> set[uuid.UUID]:
    """A term with digits is a birth date or a file number; otherwise every word is a name."""
    if any(c.isdigit() for c in term):
        birth = _as_birth_date(term)
        if birth is not None:
            return _households_born(session, birth) | _households_with_ref(session, term)
        return _households_with_ref(session, term)
    found: set[uuid.UUID] | None = None
    for word in words(term):
        matches = _households_named(session, word)
        found = matches if found is None else found & matches
    return found or set()


def _households_with_ref(session: Session, term: str) -> set[uuid.UUID]:
    key = ref_key(term)
    query = select(SearchKey.household_id).where(_prefix("ref", key)).distinct()
    return set(session.scalars(query)) if key else set()


def _households_named(session: Session, word: str) -> set[uuid.UUID]:
    conditions = [_prefix("word", word), _prefix("ref", word)]
    if len(word) >= 3:
        conditions.append(_prefix("skeleton", skeleton(word)))
    query = select(SearchKey.household_id).where(or_(*conditions)).distinct()
    return set(session.scalars(query))


def _prefix(kind: str, key: str) -> ColumnElement[bool]:
    # A range instead of LIKE: uses the (kind, key) index on every database.
    return and_(SearchKey.kind == kind, SearchKey.key >= key, SearchKey.key < key + "\uffff")


def _as_birth_date(term: str) -> PartialDate | None:
    if not any(c.isdigit() for c in term) or not term.replace(".", "").replace("-", "").isdigit():
        return None
    try:
        return PartialDate.parse(term)
    except ValueError:
        return None


def _households_born(session: Session, birth: PartialDate) -> set[uuid.UUID]:
    conditions = [Person.birth_year == birth.year]
    if birth.month is not None:
        conditions.append(Person.birth_month == birth.month)
    if birth.day is not None:
        conditions.append(Person.birth_day == birth.day)
    query = (
        select(Membership.household_id)
        .join(Person, Person.id == Membership.person_id)
        .where(*conditions, Person.deleted_hlc.is_(None), Membership.deleted_hlc.is_(None))
    )
    return set(session.scalars(query))


def _hits(session: Session, household_ids: set[uuid.UUID], limit: int) -> list[ClientHit]:
    households = session.scalars(
        select(Household)
        .where(Household.id.in_(household_ids), Household.deleted_hlc.is_(None))
        .order_by(Household.household_ref)
        .limit(limit)
    ).all()
    names = _names_by_household(session, [h.id for h in households])
    return [
        ClientHit(h.id, h.household_ref, h.status, "; ".join(names.get(h.id, [])))
        for h in households
    ]


def _names_by_household(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    query = (
        select(Membership.household_id, Person.family_name, Person.given_name)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(ids),
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
        .order_by(Membership.valid_from, Person.family_name)
    )
    names: dict[uuid.UUID, list[str]] = {}
    for household_id, family, given in session.execute(query):
        names.setdefault(household_id, []).append(f"{family}, {given}")
    return names
