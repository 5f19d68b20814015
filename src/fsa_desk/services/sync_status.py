"""What the "Austausch" page shows at a glance: role, team membership, fingerprint, export
reminder and the lengths of the two review lists — one read for the GUI instead of five."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import conflicts, duplicate_review, sync_export, team
from fsa_desk.store.models import Household, Membership, Person
from fsa_desk.store.store import Store
from fsa_desk.sync import keys


@dataclass(frozen=True)
class SyncStatus:
    role: str  # lead, counsellor
    code: str | None
    provider: str | None
    joined: bool
    fingerprint: str  # for reading out: "7F3A 0C19 …"
    reminder: sync_export.ExportReminder
    open_conflicts: int
    open_duplicates: int

    @property
    def is_lead(self) -> bool:
        return self.role == "lead"


def sync_status(store: Store, today: date | None = None) -> SyncStatus:
    """The page's header facts; the review counts only matter at the lead."""
    installation = team.installation_of(store)
    with store.read() as session:
        joined = team.team_file(session) is not None
        code = team.own_card(store, session).code
    lead = installation.role == "lead"
    return SyncStatus(
        role=installation.role,
        code=code,
        provider=installation.provider,
        joined=joined,
        fingerprint=keys.display_fingerprint(team.own_fingerprint(store)),
        reminder=sync_export.export_reminder(store, today),
        open_conflicts=conflicts.count_open(store) if lead else 0,
        open_duplicates=len(duplicate_review.open_candidates(store)) if lead else 0,
    )


@dataclass(frozen=True)
class PersonSide:
    """What the lead compares for a suspected duplicate (names come with the candidate)."""

    birth: str | None  # "1985", "03.1985", "12.03.1985"
    phone: str | None
    sozialamt_ref: str | None
    households: tuple[str, ...]  # household_ref of every membership


def person_facts(store: Store, person_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, PersonSide]:
    """Birth, phone, file number and households of the given persons, for the review list."""
    wanted = list(set(person_ids))
    with store.read() as session:
        refs: dict[uuid.UUID, list[str]] = {}
        query = (
            select(Membership.person_id, Household.household_ref)
            .join(Household, Household.id == Membership.household_id)
            .where(Membership.person_id.in_(wanted), Membership.deleted_hlc.is_(None))
        )
        for person_id, ref in session.execute(query):
            refs.setdefault(person_id, []).append(ref)
        people = session.scalars(select(Person).where(Person.id.in_(wanted)))
        return {
            person.id: PersonSide(
                _birth(person),
                person.phone,
                person.sozialamt_ref,
                tuple(sorted(refs.get(person.id, []))),
            )
            for person in people
        }


def _birth(person: Person) -> str | None:
    if not person.birth_year:
        return None
    return PartialDate(person.birth_year, person.birth_month, person.birth_day).german()
