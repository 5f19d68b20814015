"""Matching spreadsheet person rows against the store: persons, memberships, residence status.

A new person joins their household as ``haushaltsvorstand`` when they are its first member
(first in file order, and the household has no members yet), else as ``sonstige``; the role is
set only when the person is created, so a role changed later by hand stays.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from fsa_desk.domain.spreadsheet_header import FileKind
from fsa_desk.domain.spreadsheet_rows import PersonRow, Source, part_identity, person_identity
from fsa_desk.i18n import _
from fsa_desk.services.spreadsheet_households import MemberRows
from fsa_desk.services.spreadsheet_resolution import changed, chunks
from fsa_desk.store.models import Membership, Person, ResidenceStatus

Placed = tuple[PersonRow, uuid.UUID, uuid.UUID]  # row, person id, household id


class PersonResolver(MemberRows):
    def resolve(self, rows: Sequence[PersonRow]) -> None:
        placed = self._place(rows)
        stored = self._stored([person_id for _row, person_id, _household in placed])
        statuses = _Statuses(self, list(stored))
        heads = self._households_with_members({household_id for *_, household_id in placed})
        for row, person_id, household_id in placed:
            if person_id not in stored:
                self._new_person(row, person_id, household_id, head=household_id not in heads)
                heads.add(household_id)
                continue
            fields = stored[person_id]
            if fields is None:
                self.result.kept_deleted["persons"] += 1
            else:
                self._update_person(row, person_id, fields, statuses)

    def _place(self, rows: Sequence[PersonRow]) -> list[Placed]:
        """Rows with their identity and household; unknown households and duplicates left out."""
        placed = []
        first: dict[uuid.UUID, Source] = {}
        for row in rows:
            target = self.households.target(row.household_ref, row.source)
            if target is None or target.deleted:
                self.result.kept_deleted["persons"] += target is not None
                continue
            person_id = person_identity(target.id, row.family_name, row.given_name, row.birth)
            if person_id in first:
                message = _("Duplicate row: this person is already on {place}.")
                self.result.problem(
                    row.source, "family_name", message.format(place=first[person_id])
                )
                continue
            first[person_id] = row.source
            self.result.saw(FileKind.PERSONS, person_id)
            placed.append((row, person_id, target.id))
        return placed

    def _stored(self, ids: list[uuid.UUID]) -> dict[uuid.UUID, dict[str, Any] | None]:
        """Stored persons by id: the fields an import may change, or None when deleted."""
        found: dict[uuid.UUID, dict[str, Any] | None] = {}
        columns = (Person.id, Person.sex, Person.nationalities, Person.deleted_hlc)
        for chunk in chunks(ids):
            query = select(*columns).where(Person.id.in_(chunk))
            for row_id, sex, nationalities, deleted in self.session.execute(query):
                fields = {"sex": sex, "nationalities": nationalities}
                found[row_id] = None if deleted else fields
        return found

    def _households_with_members(self, ids: set[uuid.UUID]) -> set[uuid.UUID]:
        found: set[uuid.UUID] = set()
        for chunk in chunks(sorted(ids)):
            query = select(Membership.household_id).where(
                Membership.household_id.in_(chunk), Membership.deleted_hlc.is_(None)
            )
            found.update(self.session.scalars(query))
        return found

    def _new_person(
        self, row: PersonRow, person_id: uuid.UUID, household_id: uuid.UUID, *, head: bool
    ) -> None:
        birth = row.birth
        person = {
            "id": person_id,
            "family_name": row.family_name,
            "given_name": row.given_name,
            "birth_year": birth.year if birth else None,
            "birth_month": birth.month if birth else None,
            "birth_day": birth.day if birth else None,
            "sex": row.sex,
            "nationalities": row.nationalities,
        }
        membership = {
            "id": part_identity(person_id, f"membership|{household_id.hex}"),
            "person_id": person_id,
            "household_id": household_id,
            "role": "haushaltsvorstand" if head else "sonstige",
        }
        self.result.writes.insert(Person, person)
        self.result.writes.insert(Membership, membership)
        if row.residence_status:
            status = _status_row(person_id, row.residence_status, row.residence_detail)
            self.result.writes.insert(ResidenceStatus, status)
        self.result.created["persons"] += 1

    def _update_person(
        self, row: PersonRow, person_id: uuid.UUID, stored: dict[str, Any], statuses: _Statuses
    ) -> None:
        updates = changed(stored, {"sex": row.sex, "nationalities": row.nationalities})
        self.result.writes.update(Person, person_id, updates)
        status_changed = statuses.set_status(person_id, row.residence_status, row.residence_detail)
        self.result.updated["persons"] += bool(updates or status_changed)


class _Statuses:
    """Like the district: the import's own residence-status record; a history typed by hand
    is left alone."""

    def __init__(self, resolver: PersonResolver, person_ids: list[uuid.UUID]) -> None:
        self.result = resolver.result
        self.statuses: dict[uuid.UUID, dict[str, Any]] = {}
        self.persons: set[uuid.UUID] = set()
        link = ResidenceStatus
        for chunk in chunks(person_ids):
            query = select(link.id, link.person_id, link.status, link.detail).where(
                link.person_id.in_(chunk), link.deleted_hlc.is_(None)
            )
            for row_id, person_id, status, detail in resolver.session.execute(query):
                self.statuses[row_id] = {"status": status, "detail": detail}
                self.persons.add(person_id)

    def set_status(self, person_id: uuid.UUID, status: str | None, detail: str | None) -> bool:
        """Whether the person's residence status (or its legal basis) changes."""
        if status is None:
            return False
        wanted = _status_row(person_id, status, detail)
        if wanted["id"] in self.statuses:
            stored = self.statuses[wanted["id"]]
            values = changed(stored, {"status": status, "detail": detail})
            if "status" in values and stored["detail"] != detail:
                values["detail"] = detail  # another status: the old one's legal basis goes
            self.result.writes.update(ResidenceStatus, wanted["id"], values)
            return bool(values)
        if person_id in self.persons:
            return False
        self.result.writes.insert(ResidenceStatus, wanted)
        return True


def _status_row(person_id: uuid.UUID, status: str, detail: str | None) -> dict[str, Any]:
    return {
        "id": part_identity(person_id, "residence_status"),
        "person_id": person_id,
        "status": status,
        "detail": detail,
    }
