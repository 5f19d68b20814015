"""What every Fachleistung service shares about a case: loading it, the persons it covers, its
status history, and whether the consent towards the Sozialamt covers a form.

Case statuses: ``vorbereitung`` (a Bedarfsanzeige is being prepared) → ``angezeigt`` →
``rueckfrage`` → ``laufend`` (a Bewilligung runs) | ``abgelehnt`` | ``zurueckgezogen`` →
``abgeschlossen``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    CasePerson,
    CaseStatusChange,
    Consent,
    FachleistungCase,
    Membership,
)

SOZIALAMT = "Sozialamt Dresden, Fachleistung Migrationssozialarbeit"
CASE_STATUSES = (
    "vorbereitung",
    "angezeigt",
    "rueckfrage",
    "laufend",
    "abgelehnt",
    "zurueckgezogen",
    "abgeschlossen",
)
# While a Bewilligung runs the case stays ``laufend``, whatever a Verlängerung's form goes through.
_PIPELINE = ("vorbereitung", "angezeigt", "rueckfrage", "abgelehnt", "zurueckgezogen")


def load_case(session: Session, case_id: uuid.UUID) -> FachleistungCase:
    return live(
        session, FachleistungCase, case_id, _("The Fachleistung case does not exist (any more).")
    )


def set_case_persons(
    session: Session, case: FachleistungCase, persons: Sequence[uuid.UUID]
) -> None:
    members = set(
        session.scalars(
            select(Membership.person_id).where(
                Membership.household_id == case.household_id, Membership.deleted_hlc.is_(None)
            )
        )
    )
    if not set(persons) <= members:
        raise InputRejected(_("The persons of a case must belong to its household."))
    wanted = set(persons)
    for link in session.scalars(
        select(CasePerson).where(CasePerson.case_id == case.id, CasePerson.deleted_hlc.is_(None))
    ):
        if link.person_id in wanted:
            wanted.discard(link.person_id)
        else:
            tombstone(link)
    for person_id in persons:
        if person_id in wanted:
            session.add(CasePerson(case_id=case.id, person_id=person_id))


def case_person_ids(session: Session, case_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(CasePerson.person_id).where(
                CasePerson.case_id == case_id, CasePerson.deleted_hlc.is_(None)
            )
        )
    )


def record_status(
    session: Session,
    case: FachleistungCase,
    status: str,
    day: date,
    comment: str | None = None,
) -> None:
    """Append to the case's status history; a running case stays ``laufend`` meanwhile."""
    session.add(
        CaseStatusChange(
            case_id=case.id,
            status=status,
            changed_on=day,
            comment=comment[:300] if comment else None,
        )
    )
    if not (case.status == "laufend" and status in _PIPELINE):
        case.status = status
    if status == "abgeschlossen":
        case.closed_on = day


def consent_problem(consent: Consent | None, day: date) -> str | None:
    """Why ``consent`` does not cover a form to the Sozialamt on ``day``, or None."""
    if consent is None or consent.deleted_hlc is not None:
        return _("The client's Schweigepflichtentbindung towards the Sozialamt is missing.")
    if consent.revoked_on is not None and consent.revoked_on <= day:
        return _(
            "The client revoked the Schweigepflichtentbindung on {day}: no form may go to the "
            "Sozialamt any more. End the Fachleistung?"
        ).format(day=consent.revoked_on.strftime("%d.%m.%Y"))
    if consent.valid_until is not None and consent.valid_until < day:
        return _(
            "The client's Schweigepflichtentbindung expired on {day}: no form may go to the "
            "Sozialamt until it is renewed. End the Fachleistung?"
        ).format(day=consent.valid_until.strftime("%d.%m.%Y"))
    if consent.given_on > day:
        return _("The Schweigepflichtentbindung was given only after that day.")
    return None
