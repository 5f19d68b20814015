"""Fachleistung cases: opening and closing, the persons a case covers, its status history, the
consent (Schweigepflichtentbindung) the forms to the Sozialamt rest on — and, for the callers
that know it from here, ``record_bewilligung`` (``services.bewilligung``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.bewilligung import BewilligungInput, BewilligungResult, record_bewilligung
from fsa_desk.services.fachleistung_case import (
    SOZIALAMT,
    load_case,
    record_status,
    set_case_persons,
)
from fsa_desk.services.records import live
from fsa_desk.store.models import CaseStatusChange, Consent, FachleistungCase, Household
from fsa_desk.store.store import Store

__all__ = [
    "BewilligungInput",
    "BewilligungResult",
    "ConsentInput",
    "StatusLine",
    "close_case",
    "open_case",
    "record_bewilligung",
    "record_consent",
    "revoke_consent",
    "set_persons",
    "status_history",
]


def open_case(
    store: Store,
    household_id: uuid.UUID,
    opened_on: date,
    persons: Sequence[uuid.UUID] = (),
) -> uuid.UUID:
    """A new case for the household, covering ``persons`` (default: nobody named yet)."""
    with store.transaction() as session:
        household = live(
            session, Household, household_id, _("The household does not exist (any more).")
        )
        counsellor_id = household.counsellor_id or store.installation_counsellor_id()
        if counsellor_id is None:
            raise InputRejected(_("No counsellor is set up on this installation."))
        case = FachleistungCase(
            household_id=household_id, counsellor_id=counsellor_id, opened_on=opened_on
        )
        session.add(case)
        set_case_persons(session, case, persons)
        record_status(session, case, "vorbereitung", opened_on)
        return case.id


def set_persons(store: Store, case_id: uuid.UUID, persons: Sequence[uuid.UUID]) -> None:
    """The persons the case covers (einbezogene Personen): members of its household."""
    with store.transaction() as session:
        set_case_persons(session, load_case(session, case_id), persons)


@dataclass(frozen=True)
class StatusLine:
    status: str
    changed_on: date
    comment: str | None


def status_history(store: Store, case_id: uuid.UUID) -> list[StatusLine]:
    with store.read() as session:
        rows = session.scalars(
            select(CaseStatusChange)
            .where(CaseStatusChange.case_id == case_id, CaseStatusChange.deleted_hlc.is_(None))
            .order_by(CaseStatusChange.changed_on, CaseStatusChange.created_hlc)
        )
        return [StatusLine(r.status, r.changed_on, r.comment) for r in rows]


def close_case(
    store: Store, case_id: uuid.UUID, closed_on: date, reason: str | None = None
) -> None:
    with store.transaction() as session:
        record_status(session, load_case(session, case_id), "abgeschlossen", closed_on, reason)


# --- consent to the Sozialamt -----------------------------------------------------------------


@dataclass(frozen=True)
class ConsentInput:
    """A Schweigepflichtentbindung towards the Sozialamt for the Fachleistung."""

    person_id: uuid.UUID
    given_on: date
    valid_until: date | None = None
    recipient: str = SOZIALAMT
    purposes: str = "Anzeige, Bewilligung, Verlauf und Abrechnung der Fachleistung"
    data_categories: str = "Stammdaten, Bedarfe und Ziele, Verlauf der Hilfe, Beratungsstunden"
    language: str | None = None
    text_version: str | None = None
    refusal_explained: bool = True


def record_consent(store: Store, data: ConsentInput, *, today: date | None = None) -> uuid.UUID:
    """Store the client's consent; refusing it never ends the counselling."""
    checks = Checks(today or date.today())
    checks.past_date("given_on", _("Given on"), data.given_on)
    if data.valid_until is not None and data.valid_until < data.given_on:
        checks.add("valid_until", _("The consent cannot expire before it was given."))
    if not data.recipient.strip():
        checks.add("recipient", _("A consent needs its recipient."))
    if not data.refusal_explained:
        checks.add(
            "refusal_explained",
            _("Tell the client that refusing does not end the counselling, then confirm it."),
        )
    checks.raise_if_any()
    with store.transaction() as session:
        row = Consent(
            person_id=data.person_id,
            kind="schweigepflichtentbindung",
            recipient=data.recipient.strip(),
            purposes=data.purposes,
            data_categories=data.data_categories,
            language=data.language,
            text_version=data.text_version,
            given_on=data.given_on,
            valid_until=data.valid_until,
            refusal_explained=data.refusal_explained,
        )
        session.add(row)
        return row.id


def revoke_consent(store: Store, consent_id: uuid.UUID, revoked_on: date) -> None:
    with store.transaction() as session:
        row = live(session, Consent, consent_id, _("The consent does not exist (any more)."))
        row.revoked_on = revoked_on
