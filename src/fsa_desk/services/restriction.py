"""Restriction of processing (Art. 18 DSGVO): a person's data kept but locked.

A restricted person's data stay stored (and travel to the lead, so that the lock holds there
too), but they cannot be edited, printed on a form or handed out; setting or clearing the lock
is an ordinary logged change (who and when are in the change log). The person's own access
request (Art. 15) stays possible: it is the person's right.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import CasePerson, ConsultationPerson, Person
from fsa_desk.store.store import Store


class PersonRestricted(InputRejected):
    """The data of a person concerned are restricted (Art. 18 DSGVO)."""


def set_restricted(store: Store, person_id: uuid.UUID, restricted: bool) -> bool:
    """Lock (or unlock) a person's data; returns the new state."""
    with store.transaction() as session:
        person = live(session, Person, person_id, _("The person does not exist (any more)."))
        person.restricted = restricted
        return person.restricted


def is_restricted(store: Store, person_id: uuid.UUID) -> bool:
    with store.read() as session:
        person = session.get(Person, person_id)
        return bool(person and person.restricted)


def refuse_persons(session: Session, person_ids: Iterable[uuid.UUID]) -> None:
    """Raise ``PersonRestricted`` if any of ``person_ids`` is restricted."""
    ids = list(person_ids)
    if not ids:
        return
    query = select(Person.id).where(Person.id.in_(ids), Person.restricted.is_(True))
    if session.scalars(query.limit(1)).first() is not None:
        raise PersonRestricted(
            _(
                "The data of a person concerned are restricted (Art. 18 GDPR): they cannot be "
                "changed, printed on a form or exported."
            )
        )


def refuse_case(session: Session, case_id: uuid.UUID) -> None:
    """A Fachleistung form covers the case's persons: none of them may be restricted."""
    persons = select(CasePerson.person_id).where(
        CasePerson.case_id == case_id, CasePerson.deleted_hlc.is_(None)
    )
    refuse_persons(session, session.scalars(persons))


def refuse_consultation(session: Session, consultation_id: uuid.UUID) -> None:
    persons = select(ConsultationPerson.person_id).where(
        ConsultationPerson.consultation_id == consultation_id,
        ConsultationPerson.deleted_hlc.is_(None),
    )
    refuse_persons(session, session.scalars(persons))


def refuse_case_of(store: Store, model: type[object], row_id: uuid.UUID) -> None:
    """For a document with a ``case_id`` (Bedarfsanzeige, Fallbericht)."""
    with store.read() as session:
        row = session.get(model, row_id)
        if row is not None:
            refuse_case(session, row.case_id)  # type: ignore[attr-defined]


def refuse_for_consultation(store: Store, consultation_id: uuid.UUID) -> None:
    with store.read() as session:
        refuse_consultation(session, consultation_id)


def refuse_for_case(store: Store, case_id: uuid.UUID) -> None:
    with store.read() as session:
        refuse_case(session, case_id)


def refuse_for_person(store: Store, person_id: uuid.UUID) -> None:
    with store.read() as session:
        refuse_persons(session, [person_id])
