"""Probable existing persons for a person about to be created (the warning before a duplicate).

"Muhammad Hadad" entered last year and "Mohammad Haddad" entered today are usually one person
spelt twice. The search index already holds every person's name skeletons (``domain/names``),
so a candidate is a person whose family *and* given name share a skeleton with the new names
(in either order: name order is often swapped on papers) and whose birth date may be the same.
The check favours recall: a counsellor dismisses a false alarm in a second, a duplicate costs
hours at the team lead's review.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.names import skeleton, words
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.store.models import Household, Membership, Person, SearchKey
from fsa_desk.store.store import Store

MAX_CANDIDATES = 10


@dataclass(frozen=True)
class ProbableDuplicate:
    person_id: uuid.UUID
    family_name: str
    given_name: str
    birth: PartialDate | None
    household_id: uuid.UUID
    household_ref: str

    @property
    def display_name(self) -> str:
        name = ", ".join(part for part in (self.family_name, self.given_name) if part)
        born = f", {self.birth.german()}" if self.birth else ""
        return f"{name}{born} – {self.household_ref}"


def probable_duplicates(
    store: Store, family_name: str, given_name: str, birth: PartialDate | None
) -> list[ProbableDuplicate]:
    """Persons already on file who are probably the person with these names and birth date."""
    family = _skeletons(family_name)
    given = _skeletons(given_name)
    if not family and not given:
        return []
    with store.read() as session:
        matched = _matched_skeletons(session, family | given)
        ids = [
            person_id for person_id, found in matched.items() if _names_agree(found, family, given)
        ]
        candidates = _candidates(session, ids)
    return [c for c in candidates if _births_compatible(birth, c.birth)][:MAX_CANDIDATES]


def _skeletons(text: str) -> set[str]:
    return {key for key in (skeleton(word) for word in words(text)) if key}


def _matched_skeletons(session: Session, keys: set[str]) -> dict[uuid.UUID, set[str]]:
    """Per indexed person, which of ``keys`` their names (and variants) share."""
    query = select(SearchKey.person_id, SearchKey.key).where(
        SearchKey.kind == "skeleton", SearchKey.key.in_(keys), SearchKey.person_id.is_not(None)
    )
    matched: dict[uuid.UUID, set[str]] = {}
    for person_id, key in session.execute(query):
        if person_id is not None:
            matched.setdefault(person_id, set()).add(key)
    return matched


def _names_agree(found: set[str], family: set[str], given: set[str]) -> bool:
    """Every name the counsellor typed is matched (a missing one cannot disagree)."""
    return all(found & part for part in (family, given) if part)


def _candidates(session: Session, person_ids: Iterable[uuid.UUID]) -> list[ProbableDuplicate]:
    ids = list(person_ids)
    if not ids:
        return []
    query = (
        select(Person, Household.id, Household.household_ref)
        .join(Membership, Membership.person_id == Person.id)
        .join(Household, Household.id == Membership.household_id)
        .where(
            Person.id.in_(ids),
            Person.deleted_hlc.is_(None),
            Membership.deleted_hlc.is_(None),
            Household.deleted_hlc.is_(None),
        )
        .order_by(Person.family_name, Person.given_name, Membership.valid_from.desc())
    )
    found: dict[uuid.UUID, ProbableDuplicate] = {}
    for person, household_id, ref in session.execute(query):
        # The latest membership (ordered first) is where a counsellor would look them up.
        found.setdefault(person.id, _duplicate(person, household_id, ref))
    return list(found.values())


def _duplicate(person: Person, household_id: uuid.UUID, ref: str) -> ProbableDuplicate:
    birth = (
        PartialDate(person.birth_year, person.birth_month, person.birth_day)
        if person.birth_year
        else None
    )
    return ProbableDuplicate(
        person.id, person.family_name, person.given_name, birth, household_id, ref
    )


def _births_compatible(new: PartialDate | None, known: PartialDate | None) -> bool:
    """The two dates may stand for the same day; an unknown date excludes nobody."""
    if new is None or known is None:
        return True
    new, known = _as_recorded(new), _as_recorded(known)
    return new.earliest() <= known.latest() and known.earliest() <= new.latest()


def _as_recorded(birth: PartialDate) -> PartialDate:
    """Authorities write an unknown birthday as 1 January: it only tells the year."""
    if (birth.month, birth.day) == (1, 1):
        return PartialDate(birth.year)
    return birth
