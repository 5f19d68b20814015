"""Consultation notes at the lead: read only by an explicit action with a logged reason.

A lead merges everyone's documentation, but the notes are the counsellor's professional record
(DESIGN.md §5): reports never use them, and every opening at the lead is kept in
``note_opening`` — who, when, which consultation and why. On a counsellor's own installation
reading their notes needs no reason.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import Consultation, Counsellor, NoteOpening
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class OpenedNote:
    consultation_id: uuid.UUID
    note: str | None
    confidential: bool  # vertraulich: the text stayed on the counsellor's laptop


@dataclass(frozen=True)
class NoteOpeningRecord:
    consultation_id: uuid.UUID
    opened_at: datetime
    opened_by: str | None
    reason: str


def open_note(store: Store, consultation_id: uuid.UUID, reason: str = "") -> OpenedNote:
    """The note of a consultation; at the lead only with a reason, which is logged."""
    if _is_lead(store):
        log_opening(store, consultation_id, reason)
    with store.read() as session:
        consultation = live(
            session, Consultation, consultation_id, _("The consultation does not exist (any more).")
        )
        return OpenedNote(consultation.id, consultation.note, consultation.confidential)


def log_opening(store: Store, consultation_id: uuid.UUID, reason: str) -> None:
    """Record that a note was opened here and why; refuses an empty reason."""
    if not reason.strip():
        raise InputRejected(_("Opening a note needs a reason."))
    with store.transaction() as session:
        session.add(
            NoteOpening(
                consultation_id=consultation_id,
                counsellor_id=store.installation_counsellor_id(),
                opened_at=datetime.now(),
                reason=reason.strip(),
            )
        )


def openings(store: Store) -> list[NoteOpeningRecord]:
    """The log of opened notes, newest first."""
    query = (
        select(NoteOpening, Counsellor.name)
        .outerjoin(Counsellor, Counsellor.id == NoteOpening.counsellor_id)
        .order_by(NoteOpening.opened_at.desc())
    )
    with store.read() as session:
        return [
            NoteOpeningRecord(row.consultation_id, row.opened_at, name, row.reason)
            for row, name in session.execute(query)
        ]


def _is_lead(store: Store) -> bool:
    return store.installation is not None and store.installation.role == "lead"
