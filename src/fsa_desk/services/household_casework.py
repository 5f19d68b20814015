"""A household's case work for its view: Willkommensleistung, Fristen, tasks, Vollmachten, consents.

Every function reads one kind of record for the whole household in one query; persons are
named through ``names`` (person id → display name) that the caller has already loaded.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list
from fsa_desk.store.models import (
    Art13Record,
    Bescheid,
    Consent,
    Kompetenzerhebung,
    Task,
    Vollmacht,
    WelcomeChecklistItem,
)

# Deadline kinds beside the Bescheide, so the view can word them.
FRIST = "frist"  # from a Bescheid
RESIDENCE_EXPIRY = "aufenthalt"  # a member's residence title or Fiktionsbescheinigung expires
WILLKOMMEN_END = "willkommen"  # the Willkommensjahr ends
APPROVAL_END = "bewilligung"  # the running Bewilligung ends


@dataclass(frozen=True)
class ChecklistLine:
    id: uuid.UUID
    item: str
    person: str | None  # the child, for items kept per child
    status: str  # offen, erledigt, entfaellt
    done_on: date | None
    comment: str | None


@dataclass(frozen=True)
class KompetenzLine:
    """The latest Kompetenzerhebung of one adult."""

    person_id: uuid.UUID
    person: str
    recorded_on: date
    schooling: str | None
    training: str | None
    work_experience: str | None
    german_level: str | None
    recognition: str | None
    interests: str | None


@dataclass(frozen=True)
class DeadlineLine:
    """A date the counsellor must act by; ``id`` is the Bescheid's for kind ``frist``."""

    kind: str
    due_on: date
    subject: str  # Bescheid: its subject; residence: the person; otherwise empty
    detail: str | None  # Bescheid: authority and rule; residence: the status code
    id: uuid.UUID | None = None
    done_on: date | None = None


@dataclass(frozen=True)
class TaskLine:
    id: uuid.UUID
    due_on: date
    text: str


@dataclass(frozen=True)
class VollmachtLine:
    id: uuid.UUID
    person: str
    scope: str
    recipient: str
    valid_from: date | None
    valid_until: date | None
    revoked_on: date | None


@dataclass(frozen=True)
class ConsentLine:
    id: uuid.UUID
    person: str
    kind: str  # einwilligung, schweigepflichtentbindung
    recipient: str
    purposes: str
    given_on: date
    valid_until: date | None
    revoked_on: date | None


@dataclass(frozen=True)
class Art13Line:
    person: str
    given_on: date
    language: str | None


def validity(today: date, valid_until: date | None, revoked_on: date | None) -> str:
    """``gueltig``, ``abgelaufen`` or ``widerrufen`` — how a Vollmacht or consent stands today."""
    if revoked_on is not None and revoked_on <= today:
        return "widerrufen"
    if valid_until is not None and valid_until < today:
        return "abgelaufen"
    return "gueltig"


def checklist(
    session: Session, household_id: uuid.UUID, names: Mapping[uuid.UUID, str]
) -> tuple[ChecklistLine, ...]:
    """The Ankommens-Checkliste in the code list's order, per-child items by child."""
    rows = session.scalars(
        select(WelcomeChecklistItem).where(
            WelcomeChecklistItem.household_id == household_id,
            WelcomeChecklistItem.deleted_hlc.is_(None),
        )
    ).all()
    order = {code.code: index for index, code in enumerate(code_list("welcome_checklist"))}
    lines = [
        ChecklistLine(
            r.id,
            r.item,
            names.get(r.person_id) if r.person_id else None,
            r.status,
            r.done_on,
            r.comment,
        )
        for r in rows
    ]
    lines.sort(key=lambda line: (order.get(line.item, len(order)), line.person or ""))
    return tuple(lines)


def kompetenzen(
    session: Session, person_ids: Collection[uuid.UUID], names: Mapping[uuid.UUID, str]
) -> tuple[KompetenzLine, ...]:
    """The latest Kompetenzerhebung per person."""
    rows = session.scalars(
        select(Kompetenzerhebung)
        .where(
            Kompetenzerhebung.person_id.in_(person_ids),
            Kompetenzerhebung.deleted_hlc.is_(None),
        )
        .order_by(Kompetenzerhebung.recorded_on)
    ).all()
    latest = {row.person_id: row for row in rows}  # the later one wins
    return tuple(
        KompetenzLine(
            row.person_id,
            names.get(row.person_id, ""),
            row.recorded_on,
            row.schooling,
            row.training,
            row.work_experience,
            row.german_level,
            row.recognition,
            row.interests,
        )
        for row in sorted(latest.values(), key=lambda r: names.get(r.person_id, ""))
    )


def bescheid_deadlines(session: Session, household_id: uuid.UUID) -> list[DeadlineLine]:
    """Every Frist from a Bescheid of the household, done ones included (marked)."""
    rows = session.scalars(
        select(Bescheid).where(
            Bescheid.household_id == household_id, Bescheid.deleted_hlc.is_(None)
        )
    )
    return [
        DeadlineLine(
            FRIST,
            row.due_on,
            row.subject,
            f"{row.authority} – {row.rule}",
            id=row.id,
            done_on=row.done_on,
        )
        for row in rows
    ]


def open_tasks(session: Session, household_id: uuid.UUID) -> tuple[TaskLine, ...]:
    rows = session.scalars(
        select(Task)
        .where(
            Task.household_id == household_id,
            Task.done_on.is_(None),
            Task.deleted_hlc.is_(None),
        )
        .order_by(Task.due_on)
    )
    return tuple(TaskLine(row.id, row.due_on, row.text) for row in rows)


def vollmachten(
    session: Session, person_ids: Collection[uuid.UUID], names: Mapping[uuid.UUID, str]
) -> tuple[VollmachtLine, ...]:
    rows = session.scalars(
        select(Vollmacht)
        .where(Vollmacht.person_id.in_(person_ids), Vollmacht.deleted_hlc.is_(None))
        .order_by(Vollmacht.valid_from.desc())
    )
    return tuple(
        VollmachtLine(
            row.id,
            names.get(row.person_id, ""),
            row.scope,
            row.recipient,
            row.valid_from,
            row.valid_until,
            row.revoked_on,
        )
        for row in rows
    )


def consents(
    session: Session, person_ids: Collection[uuid.UUID], names: Mapping[uuid.UUID, str]
) -> tuple[ConsentLine, ...]:
    rows = session.scalars(
        select(Consent)
        .where(Consent.person_id.in_(person_ids), Consent.deleted_hlc.is_(None))
        .order_by(Consent.given_on.desc())
    )
    return tuple(
        ConsentLine(
            row.id,
            names.get(row.person_id, ""),
            row.kind,
            row.recipient,
            row.purposes,
            row.given_on,
            row.valid_until,
            row.revoked_on,
        )
        for row in rows
    )


def art13_records(
    session: Session, person_ids: Collection[uuid.UUID], names: Mapping[uuid.UUID, str]
) -> tuple[Art13Line, ...]:
    rows = session.scalars(
        select(Art13Record)
        .where(Art13Record.person_id.in_(person_ids), Art13Record.deleted_hlc.is_(None))
        .order_by(Art13Record.given_on)
    )
    return tuple(Art13Line(names.get(r.person_id, ""), r.given_on, r.language) for r in rows)
