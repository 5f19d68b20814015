"""Duplicate review at the lead: one person entered on two laptops, found after an import.

Each person new to this installation is compared with the persons entered on *other* devices
that share a name skeleton (``domain.names``: Mohammad/Muhammad/Mohamed), a phone number or a
Sozialamt file number. The score (0–100) combines rapidfuzz name similarity over every spelling
and both name orders with the birth dates (partial dates are compatible, not equal) and the
numbers; pairs at or above ``THRESHOLD`` are queued. The threshold was tuned on the labelled
pairs in ``tests/services/data/duplicate_pairs.csv``.

"Same person" creates a reversible link (an exchanged ``duplicate_link`` row); "not the same" is
remembered the same way, so the pair is never queued again.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from rapidfuzz import fuzz
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from fsa_desk.domain.names import search_key, skeleton, words
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import DuplicateCandidate, DuplicateLink, Person
from fsa_desk.store.store import Store

THRESHOLD = 78.0  # midway between the labelled set's lowest same (86) and highest other (71)
SAME, NOT_SAME = "gleich", "verschieden"


@dataclass(frozen=True)
class PersonFacts:
    """What the score looks at."""

    family_name: str
    given_name: str
    variants: tuple[str, ...] = ()
    birth: PartialDate | None = None
    phone: str | None = None
    sozialamt_ref: str | None = None


@dataclass(frozen=True)
class Score:
    value: float
    reasons: tuple[str, ...]  # codes: name, name_order, birth, birth_differs, phone, file_number


def score_pair(a: PersonFacts, b: PersonFacts) -> Score:
    """How likely ``a`` and ``b`` are one person, 0–100, with the reasons that count."""
    name, swapped = _name_similarity(a, b)
    birth_points, birth_reason = _birth_points(a.birth, b.birth)
    value = 0.65 * name + 0.35 * birth_points
    reasons = ["name"] if name >= NAME_AGREES else []
    if swapped:
        reasons.append("name_order")
    if birth_reason:
        reasons.append(birth_reason)
    for code, left, right in (
        ("phone", _digits(a.phone), _digits(b.phone)),
        ("file_number", _compact(a.sozialamt_ref), _compact(b.sozialamt_ref)),
    ):
        if left and left == right:
            value += 20
            reasons.append(code)
    return Score(min(value, 100.0), tuple(reasons))


NAME_AGREES = 80.0  # below this for family or given name, the two names differ
_ONE_NAME_DIFFERS = 55.0


def _name_similarity(a: PersonFacts, b: PersonFacts) -> tuple[float, bool]:
    """Family and given name compared on their own, in both orders (papers swap them)."""
    direct = _pair_score(
        _part_similarity(a.family_name, b.family_name), _part_similarity(a.given_name, b.given_name)
    )
    swapped = _pair_score(
        _part_similarity(a.family_name, b.given_name), _part_similarity(a.given_name, b.family_name)
    )
    best = max(direct, swapped, _variant_similarity(a, b), _variant_similarity(b, a))
    return best, swapped > direct and swapped == best


def _pair_score(family: float, given: float) -> float:
    mean = (family + given) / 2
    return mean if min(family, given) >= NAME_AGREES else min(mean, _ONE_NAME_DIFFERS)


def _part_similarity(left: str, right: str) -> float:
    """One name part, spaces and hyphens ignored; equal transliteration skeletons are equal."""
    a, b = "".join(words(left)), "".join(words(right))
    if not a or not b:
        return 0.0
    if skeleton(a) == skeleton(b):
        return 100.0
    return float(fuzz.ratio(a, b))


def _variant_similarity(a: PersonFacts, b: PersonFacts) -> float:
    """A recorded spelling of ``a``'s whole name that matches ``b``'s name almost exactly."""
    target = " ".join(words(f"{b.family_name} {b.given_name}"))
    scores = [fuzz.token_sort_ratio(" ".join(words(v)), target) for v in a.variants]
    best = max(scores, default=0.0)
    return float(best) if best >= 90 else 0.0


def _birth_points(a: PartialDate | None, b: PartialDate | None) -> tuple[float, str | None]:
    if a is None or b is None:
        return 50.0, None
    a, b = _as_recorded(a), _as_recorded(b)
    if a == b and a.is_complete:
        return 100.0, "birth"
    if a.earliest() <= b.latest() and b.earliest() <= a.latest():
        return 80.0, "birth"
    if (a.month, a.day) == (b.month, b.day) and abs(a.year - b.year) == 1:
        return 60.0, None  # papers often disagree by a year, rarely by a day too
    return 0.0, "birth_differs"


def _as_recorded(birth: PartialDate) -> PartialDate:
    """Authorities write an unknown birthday as 1 January: it only tells the year."""
    if (birth.month, birth.day) == (1, 1):
        return PartialDate(birth.year)
    return birth


def _digits(text: str | None) -> str:
    return re.sub(r"\D", "", text or "")[-9:]


def _compact(text: str | None) -> str:
    return search_key(text or "")


# --- the queue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    id: int
    person_a: uuid.UUID
    person_b: uuid.UUID
    name_a: str
    name_b: str
    score: float
    reasons: tuple[str, ...]


def queue_candidates(session: Session, new_person_ids: Iterable[str | uuid.UUID]) -> int:
    """Score the new persons against those from other devices; returns pairs queued."""
    new_ids = {uuid.UUID(str(p)) if not isinstance(p, uuid.UUID) else p for p in new_person_ids}
    if not new_ids:
        return 0
    people = _live_persons(session)
    blocks = _blocks(people.values())
    decided = _decided_pairs(session)
    rows = []
    for person_id in sorted(new_ids & people.keys()):
        for other_id in _neighbours(people[person_id], blocks):
            pair = tuple(sorted((person_id, other_id)))
            if other_id == person_id or pair in decided:
                continue
            if people[other_id].origin_device == people[person_id].origin_device:
                continue
            score = score_pair(people[person_id].facts, people[other_id].facts)
            if score.value >= THRESHOLD:
                decided.add(pair)
                rows.append(_candidate_row(pair, score))
    if rows:
        session.execute(insert(DuplicateCandidate).prefix_with("OR IGNORE"), rows)
    return len(rows)


@dataclass(frozen=True)
class _Person:
    id: uuid.UUID
    origin_device: str
    facts: PersonFacts

    def block_keys(self) -> set[str]:
        names = " ".join([self.facts.family_name, self.facts.given_name, *self.facts.variants])
        keys = {f"s:{skeleton(word)}" for word in words(names) if len(skeleton(word)) >= 2}
        if _digits(self.facts.phone):
            keys.add(f"p:{_digits(self.facts.phone)}")
        if _compact(self.facts.sozialamt_ref):
            keys.add(f"f:{_compact(self.facts.sozialamt_ref)}")
        return keys


def _live_persons(session: Session) -> dict[uuid.UUID, _Person]:
    rows = session.scalars(select(Person).where(Person.deleted_hlc.is_(None)))
    return {row.id: _person(row) for row in rows}


def _person(row: Person) -> _Person:
    birth = None
    if row.birth_year:
        birth = PartialDate(row.birth_year, row.birth_month, row.birth_day)
    variants = tuple(v.strip() for v in (row.name_variants or "").splitlines() if v.strip())
    facts = PersonFacts(
        row.family_name, row.given_name, variants, birth, row.phone, row.sozialamt_ref
    )
    return _Person(row.id, row.origin_device, facts)


def _blocks(people: Iterable[_Person]) -> dict[str, set[uuid.UUID]]:
    blocks: dict[str, set[uuid.UUID]] = {}
    for person in people:
        for key in person.block_keys():
            blocks.setdefault(key, set()).add(person.id)
    return blocks


def _neighbours(person: _Person, blocks: dict[str, set[uuid.UUID]]) -> set[uuid.UUID]:
    found: set[uuid.UUID] = set()
    for key in person.block_keys():
        found |= blocks.get(key, set())
    return found


def _decided_pairs(session: Session) -> set[tuple[uuid.UUID, ...]]:
    pairs: set[tuple[uuid.UUID, ...]] = set()
    for a, b in session.execute(
        select(DuplicateCandidate.person_a_id, DuplicateCandidate.person_b_id)
    ):
        pairs.add((a, b))
    links = select(DuplicateLink.person_a_id, DuplicateLink.person_b_id).where(
        DuplicateLink.deleted_hlc.is_(None)
    )
    for a, b in session.execute(links):
        pairs.add(tuple(sorted((a, b))))
    return pairs


def _candidate_row(pair: tuple[uuid.UUID, ...], score: Score) -> dict[str, object]:
    return {
        "person_a_id": pair[0],
        "person_b_id": pair[1],
        "score": round(score.value, 1),
        "reasons": json.dumps(list(score.reasons)),
        "found_at": datetime.now(),
    }


def open_candidates(store: Store) -> list[Candidate]:
    """Queued pairs without a decision, best score first."""
    with store.read() as session:
        decided = _linked_pairs(session)
        persons = {p.id: p for p in session.scalars(select(Person))}
        found = []
        query = select(DuplicateCandidate).order_by(
            DuplicateCandidate.score.desc(), DuplicateCandidate.id
        )
        for row in session.scalars(query):
            a, b = persons.get(row.person_a_id), persons.get(row.person_b_id)
            if (row.person_a_id, row.person_b_id) in decided or a is None or b is None:
                continue
            if a.deleted_hlc or b.deleted_hlc:
                continue
            found.append(_described(row, a, b))
        return found


def _described(row: DuplicateCandidate, a: Person, b: Person) -> Candidate:
    return Candidate(
        row.id,
        a.id,
        b.id,
        f"{a.family_name}, {a.given_name}",
        f"{b.family_name}, {b.given_name}",
        row.score,
        tuple(json.loads(row.reasons)),
    )


def _linked_pairs(session: Session) -> set[tuple[uuid.UUID, uuid.UUID]]:
    query = select(DuplicateLink.person_a_id, DuplicateLink.person_b_id).where(
        DuplicateLink.deleted_hlc.is_(None)
    )
    return {(min(a, b), max(a, b)) for a, b in session.execute(query)}


def mark_same(store: Store, candidate_id: int) -> uuid.UUID:
    """ "Same person": a reversible link; returns the link's id."""
    return _decide(store, candidate_id, SAME)


def mark_not_same(store: Store, candidate_id: int) -> uuid.UUID:
    """ "Not the same": remembered, the pair is not queued again."""
    return _decide(store, candidate_id, NOT_SAME)


def _decide(store: Store, candidate_id: int, decision: str) -> uuid.UUID:
    with store.transaction() as session:
        candidate = session.get(DuplicateCandidate, candidate_id)
        if candidate is None:
            raise InputRejected(_("This duplicate candidate does not exist."))
        pair = (candidate.person_a_id, candidate.person_b_id)
        if pair in _linked_pairs(session):
            raise InputRejected(_("This pair was decided already."))
        link = DuplicateLink(person_a_id=pair[0], person_b_id=pair[1], decision=decision)
        session.add(link)
        session.flush()
        return link.id


def undo(store: Store, link_id: uuid.UUID) -> None:
    """Take a decision back: the link is deleted and the pair returns to the queue."""
    with store.transaction() as session:
        link = session.get(DuplicateLink, link_id)
        if link is None or link.deleted_hlc is not None:
            raise InputRejected(_("This decision does not exist (any more)."))
        tombstone(link)
