"""Open office hours (Sprechstunde): one quick entry per visitor, today's list, undoable removal.

A visitor with a household on file gets an ordinary consultation (contact type ``buero``); one
without gets an anonymous Kurzkontakt — no person record (DESIGN.md §3). Both appear in today's
list, newest last, so the counsellor at the desk sees what was entered and can take back a
mistake at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import casework, consultations
from fsa_desk.services.casework import KurzkontaktInput
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.records import live
from fsa_desk.store.changelog import revive, tombstone
from fsa_desk.store.models import (
    Consultation,
    ConsultationLifeArea,
    Household,
    Kurzkontakt,
    Membership,
    Person,
)
from fsa_desk.store.store import Store

OFFICE_CONTACT_TYPE = "buero"
KURZKONTAKT = "kurzkontakt"
CONSULTATION = "consultation"


@dataclass(frozen=True)
class OfficeHoursEntry:
    """What the desk form holds; no household means a Kurzkontakt."""

    date: date
    minutes: int
    household_id: uuid.UUID | None = None
    language: str | None = None
    life_area: str | None = None
    target_group: bool = True
    sprachmittlung: str = "keine"


@dataclass(frozen=True)
class EntryRef:
    kind: str  # kurzkontakt, consultation
    id: uuid.UUID


@dataclass(frozen=True)
class TodayEntry:
    ref: EntryRef
    created_hlc: str
    minutes: int
    language: str | None
    life_areas: tuple[str, ...]
    target_group: bool | None  # only Kurzkontakte record it
    household_ref: str | None
    family_names: str = ""  # "Haddad / Saleh": whom the counsellor spoke with


def record_entry(store: Store, entry: OfficeHoursEntry, *, today: date | None = None) -> EntryRef:
    """A Kurzkontakt, or a consultation at the office when a household was chosen."""
    if entry.household_id is None:
        kurz = KurzkontaktInput(
            entry.date, entry.minutes, entry.language, entry.life_area, entry.target_group
        )
        return EntryRef(KURZKONTAKT, casework.record_kurzkontakt(store, kurz, today=today))
    data = ConsultationInput(
        household_id=entry.household_id,
        date=entry.date,
        duration_minutes=entry.minutes,
        contact_type=OFFICE_CONTACT_TYPE,
        life_areas=(entry.life_area,) if entry.life_area else (),
        sprachmittlung=entry.sprachmittlung,
        sprachmittlung_language=entry.language,
    )
    return EntryRef(CONSULTATION, consultations.record_consultation(store, data, today=today).id)


def delete_entry(store: Store, ref: EntryRef) -> None:
    """A tombstone; ``restore_entry`` takes it back."""
    if ref.kind == CONSULTATION:
        consultations.delete_consultation(store, ref.id)
        return
    with store.transaction() as session:
        tombstone(live(session, Kurzkontakt, ref.id, _("The entry does not exist (any more).")))


def restore_entry(store: Store, ref: EntryRef) -> None:
    if ref.kind == CONSULTATION:
        consultations.restore_consultation(store, ref.id)
        return
    with store.transaction() as session:
        row = session.get(Kurzkontakt, ref.id)
        if row is None:
            raise InputRejected(_("The entry does not exist (any more)."))
        if row.deleted_hlc is not None:
            revive(row)


def todays_entries(store: Store, day: date) -> list[TodayEntry]:
    """This counsellor's Kurzkontakte and office consultations of ``day``, in entry order."""
    counsellor_id = store.installation_counsellor_id()
    with store.read() as session:
        kurz = session.scalars(
            select(Kurzkontakt).where(
                Kurzkontakt.date == day,
                Kurzkontakt.counsellor_id == counsellor_id,
                Kurzkontakt.deleted_hlc.is_(None),
            )
        ).all()
        entries = [
            TodayEntry(
                EntryRef(KURZKONTAKT, k.id),
                k.created_hlc,
                k.minutes,
                k.language,
                (k.life_area,) if k.life_area else (),
                k.target_group,
                None,
            )
            for k in kurz
        ]
        entries += _office_consultations(session, day, counsellor_id)
    return sorted(entries, key=lambda entry: entry.created_hlc)


def _office_consultations(
    session: Session, day: date, counsellor_id: uuid.UUID | None
) -> list[TodayEntry]:
    rows = session.execute(
        select(Consultation, Household.household_ref)
        .join(Household, Household.id == Consultation.household_id)
        .where(
            Consultation.date == day,
            Consultation.counsellor_id == counsellor_id,
            Consultation.contact_type == OFFICE_CONTACT_TYPE,
            Consultation.deleted_hlc.is_(None),
        )
    ).all()
    areas = _areas_by_consultation(session, [row.id for row, _ref in rows])
    names = _family_names(session, {row.household_id for row, _ref in rows}, day)
    return [
        TodayEntry(
            EntryRef(CONSULTATION, row.id),
            row.created_hlc,
            row.duration_minutes,
            row.sprachmittlung_language,
            areas.get(row.id, ()),
            None,
            ref,
            names.get(row.household_id, ""),
        )
        for row, ref in rows
    ]


def _family_names(
    session: Session, household_ids: set[uuid.UUID], day: date
) -> dict[uuid.UUID, str]:
    """The family names living in each household on ``day``, in order of joining."""
    if not household_ids:
        return {}
    query = (
        select(Membership.household_id, Person.family_name)
        .join(Person, Person.id == Membership.person_id)
        .where(
            Membership.household_id.in_(household_ids),
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= day),
        )
        .order_by(Membership.valid_from, Person.birth_year)
    )
    found: dict[uuid.UUID, list[str]] = {}
    for household_id, family_name in session.execute(query):
        names = found.setdefault(household_id, [])
        if family_name and family_name not in names:
            names.append(family_name)
    return {key: " / ".join(value) for key, value in found.items()}


def _areas_by_consultation(
    session: Session, ids: list[uuid.UUID]
) -> dict[uuid.UUID, tuple[str, ...]]:
    if not ids:
        return {}
    query = select(ConsultationLifeArea.consultation_id, ConsultationLifeArea.life_area).where(
        ConsultationLifeArea.consultation_id.in_(ids), ConsultationLifeArea.deleted_hlc.is_(None)
    )
    found: dict[uuid.UUID, list[str]] = {}
    for consultation_id, area in session.execute(query):
        found.setdefault(consultation_id, []).append(area)
    return {key: tuple(sorted(value)) for key, value in found.items()}
