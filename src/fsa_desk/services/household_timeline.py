"""A household's consultation timeline and the "ruhend" suggestion drawn from it.

Notes marked ``vertraulich`` never leave this module as text: the timeline carries only that a
confidential note exists. Other notes appear as a short preview of their first line.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.deadlines import month_later
from fsa_desk.store.models import Consultation, ConsultationLifeArea, Counsellor

NOTE_PREVIEW_CHARS = 80
# DESIGN.md §3 leaves N open: three months without direct contact suggest "ruhend".
DORMANT_AFTER_MONTHS = 3


@dataclass(frozen=True)
class ConsultationLine:
    id: uuid.UUID
    date: dt.date
    contact_type: str
    duration_minutes: int
    travel_minutes: int
    outcome: str
    life_areas: tuple[str, ...]
    counsellor: str
    module: str
    billable: bool
    agreements: str | None
    follow_up_on: dt.date | None
    has_note: bool
    confidential: bool  # the note is vertraulich: no preview
    note_preview: str | None  # None for a confidential note or none at all


@dataclass(frozen=True)
class DormantSuggestion:
    """Suggest status ``ruhend``: no direct contact since ``since`` for ``months`` months."""

    last_direct_contact: date | None
    since: date
    months: int


def timeline(session: Session, household_id: uuid.UUID) -> tuple[ConsultationLine, ...]:
    """The household's consultations, newest first, in two queries."""
    rows = session.execute(
        select(Consultation, Counsellor.name)
        .outerjoin(Counsellor, Counsellor.id == Consultation.counsellor_id)
        .where(Consultation.household_id == household_id, Consultation.deleted_hlc.is_(None))
        .order_by(Consultation.date.desc(), Consultation.created_hlc.desc())
    ).all()
    areas = _life_areas(session, household_id)
    return tuple(_line(row, name or "", areas.get(row.id, ())) for row, name in rows)


def _life_areas(session: Session, household_id: uuid.UUID) -> dict[uuid.UUID, tuple[str, ...]]:
    query = (
        select(ConsultationLifeArea.consultation_id, ConsultationLifeArea.life_area)
        .join(Consultation, Consultation.id == ConsultationLifeArea.consultation_id)
        .where(
            Consultation.household_id == household_id,
            Consultation.deleted_hlc.is_(None),
            ConsultationLifeArea.deleted_hlc.is_(None),
        )
    )
    found: dict[uuid.UUID, list[str]] = defaultdict(list)
    for consultation_id, area in session.execute(query):
        found[consultation_id].append(area)
    order = {code.code: index for index, code in enumerate(code_list("life_areas"))}
    return {
        key: tuple(sorted(areas, key=lambda area: order.get(area, len(order))))
        for key, areas in found.items()
    }


def _line(row: Consultation, counsellor: str, areas: tuple[str, ...]) -> ConsultationLine:
    has_note = bool((row.note or "").strip())
    return ConsultationLine(
        id=row.id,
        date=row.date,
        contact_type=row.contact_type,
        duration_minutes=row.duration_minutes,
        travel_minutes=row.travel_minutes,
        outcome=row.outcome,
        life_areas=areas,
        counsellor=counsellor,
        module=row.module,
        billable=row.billable,
        agreements=row.agreements,
        follow_up_on=row.follow_up_on,
        has_note=has_note,
        confidential=has_note and row.confidential,
        note_preview=None if row.confidential or not has_note else preview(row.note or ""),
    )


def preview(note: str) -> str:
    """The note's first non-empty line, cut at a word boundary; "…" marks that there is more."""
    lines = [line.strip() for line in note.splitlines() if line.strip()]
    first = lines[0]
    if len(first) > NOTE_PREVIEW_CHARS:
        return first[:NOTE_PREVIEW_CHARS].rsplit(" ", 1)[0].rstrip(" ,.;:") + " …"
    return first + " …" if len(lines) > 1 else first


def direct_contact_types() -> frozenset[str]:
    """Contact types that count as direct client contact (DESIGN.md §2, the ``direct`` flag)."""
    return frozenset(code.code for code in code_list("contact_types").codes_where(direct=True))


def last_direct_contact(lines: tuple[ConsultationLine, ...]) -> date | None:
    """The latest direct contact that took place: case work without the client (``indirekt``,
    ``schriftlich``) and appointments the client missed do not count."""
    direct = direct_contact_types()
    days = [c.date for c in lines if c.contact_type in direct and c.outcome == "stattgefunden"]
    return max(days, default=None)


def dormant_suggestion(
    status: str,
    status_since: date | None,
    last_direct: date | None,
    today: date,
    months: int = DORMANT_AFTER_MONTHS,
) -> DormantSuggestion | None:
    """Suggest ``ruhend`` for an active household without direct contact for ``months`` months.

    The months count from the later of the last direct contact and the day the household became
    active, so a household reopened yesterday is not suggested again at once. On the day
    ``months`` calendar months have passed (3 months after 20 August: 20 November) the
    suggestion appears.
    """
    if status != "aktiv":
        return None
    known = [day for day in (last_direct, status_since) if day is not None]
    if not known:
        return None
    since = max(known)
    if today < month_later(since, months):
        return None
    return DormantSuggestion(last_direct, since, months)
