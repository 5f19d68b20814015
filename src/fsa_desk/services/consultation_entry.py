"""What the quick consultation entry needs beyond recording: completion, defaults, editing.

``services/consultations.py`` records, changes and deletes; this module answers the questions
the entry dialog asks while a counsellor types: which household is meant, who lives there, what
the last contact looked like ("wie letzter Kontakt"), how long a contact of a type usually takes,
and what an existing consultation holds so it can be edited and its edit undone.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.i18n import _, language
from fsa_desk.services import preferences, search_index
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.records import live
from fsa_desk.services.search_index import ClientHit
from fsa_desk.store.models import (
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Household,
    Membership,
    Person,
)
from fsa_desk.store.store import Store

COMPLETION_LIMIT = 30
KURZKONTAKT_MINUTES = 10  # a typical question at the office-hours desk
_FALLBACK_MINUTES = 30


@dataclass(frozen=True)
class Choice:
    """One entry of a code list as a combo box or toggle shows it."""

    code: str
    label: str
    hint: str = ""


@dataclass(frozen=True)
class Member:
    """A household member the counsellor can tick as present or concerned."""

    person_id: uuid.UUID
    family_name: str
    given_name: str
    birth: PartialDate | None
    role: str

    @property
    def display_name(self) -> str:
        name = ", ".join(part for part in (self.family_name, self.given_name) if part)
        return f"{name} ({self.birth.german()})" if self.birth else name


@dataclass(frozen=True)
class LastContact:
    """What "wie letzter Kontakt" copies from the household's most recent consultation."""

    date: date
    contact_type: str
    duration_minutes: int
    travel_minutes: int
    life_areas: tuple[str, ...]
    persons_present: tuple[uuid.UUID, ...]
    persons_concerned: tuple[uuid.UUID, ...]
    sprachmittlung: str
    sprachmittlung_language: str | None


@dataclass(frozen=True)
class EditableConsultation:
    """A stored consultation as input again: the dialog edits it, undo writes it back."""

    id: uuid.UUID
    household: ClientHit
    input: ConsultationInput


# --- code lists ------------------------------------------------------------------------------


def choices(list_name: str) -> tuple[Choice, ...]:
    """A code list in file order, labelled in the GUI's language, with coding hints."""
    lang = language()
    return tuple(Choice(c.code, c.label(lang), c.hint(lang)) for c in code_list(list_name))


def contact_minutes(store: Store) -> dict[str, int]:
    """Default duration per contact type: this installation's settings over the shipped ones."""
    return dict(preferences.load_preferences(store).contact_minutes)


def default_minutes(contact_type: str, preferred: Mapping[str, int] | None = None) -> int:
    """The usual duration of a contact type (telefon 15, buero 45, begleitung 120 …)."""
    minutes = preferences.shipped_contact_minutes() if preferred is None else preferred
    return minutes.get(contact_type, _FALLBACK_MINUTES)


def default_contact_type() -> str:
    return code_list("contact_types").codes[0].code


def default_outcome() -> str:
    outcomes = code_list("outcomes")
    marked = outcomes.codes_where(default=True)
    return (marked or outcomes.codes)[0].code


# --- households and members ------------------------------------------------------------------


def household_completions(store: Store, text: str) -> list[ClientHit]:
    """Households for the picker: by name, transliteration variant, reference or birth date."""
    return search_index.search(store, text, limit=COMPLETION_LIMIT)


def household_choice(store: Store, household_id: uuid.UUID) -> ClientHit:
    """The picker's text for a household chosen elsewhere (dialog opened from a household)."""
    with store.read() as session:
        return _client_hit(session, household_id)


def _client_hit(session: Session, household_id: uuid.UUID) -> ClientHit:
    household = live(
        session, Household, household_id, _("The household does not exist (any more).")
    )
    names = [_name(member) for member in _members(session, household_id, None)]
    return ClientHit(household.id, household.household_ref, household.status, "; ".join(names))


def members(store: Store, household_id: uuid.UUID, on: date | None = None) -> list[Member]:
    """Members of the household on ``on`` (all members, former ones too, when ``on`` is None)."""
    with store.read() as session:
        return _members(session, household_id, on)


def _members(session: Session, household_id: uuid.UUID, on: date | None) -> list[Member]:
    query = (
        select(Person, Membership.role)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.household_id == household_id,
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
        .order_by(Membership.valid_from, Person.birth_year, Person.given_name)
    )
    if on is not None:
        query = query.where(
            or_(Membership.valid_from.is_(None), Membership.valid_from <= on),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= on),
        )
    found: dict[uuid.UUID, Member] = {}
    for person, role in session.execute(query):
        found.setdefault(person.id, _member(person, role))
    return list(found.values())


def _member(person: Person, role: str) -> Member:
    birth = (
        PartialDate(person.birth_year, person.birth_month, person.birth_day)
        if person.birth_year
        else None
    )
    return Member(person.id, person.family_name, person.given_name, birth, role)


def _name(member: Member) -> str:
    return ", ".join(part for part in (member.family_name, member.given_name) if part)


# --- "wie letzter Kontakt" and editing -------------------------------------------------------


def last_contact(
    store: Store, household_id: uuid.UUID, *, before: uuid.UUID | None = None
) -> LastContact | None:
    """The household's most recent consultation, or None if it has none yet.

    ``before`` leaves out the consultation being edited, so its own values are not offered.
    """
    with store.read() as session:
        query = (
            select(Consultation)
            .where(Consultation.household_id == household_id, Consultation.deleted_hlc.is_(None))
            .order_by(Consultation.date.desc(), Consultation.created_hlc.desc())
            .limit(1)
        )
        if before is not None:
            query = query.where(Consultation.id != before)
        row = session.scalars(query).first()
        if row is None:
            return None
        areas, _minutes = _life_areas(session, row.id)
        present, concerned = _persons(session, row.id)
        return LastContact(
            row.date,
            row.contact_type,
            row.duration_minutes,
            row.travel_minutes,
            areas,
            present,
            concerned,
            row.sprachmittlung,
            row.sprachmittlung_language,
        )


def consultation_for_editing(store: Store, consultation_id: uuid.UUID) -> EditableConsultation:
    """Everything stored about a consultation, overrides included, as a ``ConsultationInput``."""
    with store.read() as session:
        row = live(
            session,
            Consultation,
            consultation_id,
            _("The consultation does not exist (any more)."),
        )
        areas, area_minutes = _life_areas(session, row.id)
        present, concerned = _persons(session, row.id)
        data = ConsultationInput(
            household_id=row.household_id,
            date=row.date,
            duration_minutes=row.duration_minutes,
            contact_type=row.contact_type,
            travel_minutes=row.travel_minutes,
            outcome=row.outcome,
            life_areas=areas,
            life_area_minutes=area_minutes,
            persons_present=present,
            persons_concerned=concerned,
            sprachmittlung=row.sprachmittlung,
            sprachmittlung_language=row.sprachmittlung_language,
            agreements=row.agreements,
            follow_up_on=row.follow_up_on,
            note=row.note,
            confidential=row.confidential,
            counsellor_id=row.counsellor_id,
            module_override=row.module if row.module_override_reason else None,
            module_override_reason=row.module_override_reason,
            billable_override=row.billable if row.billable_override_reason else None,
            billable_override_reason=row.billable_override_reason,
        )
        return EditableConsultation(row.id, _client_hit(session, row.household_id), data)


def _life_areas(
    session: Session, consultation_id: uuid.UUID
) -> tuple[tuple[str, ...], dict[str, int]]:
    """The areas in code-list order (so the dialog and undo see a stable order) and minutes."""
    query = select(ConsultationLifeArea.life_area, ConsultationLifeArea.minutes).where(
        ConsultationLifeArea.consultation_id == consultation_id,
        ConsultationLifeArea.deleted_hlc.is_(None),
    )
    rows = list(session.execute(query))
    order = {code.code: position for position, code in enumerate(code_list("life_areas"))}
    areas = tuple(sorted({area for area, _m in rows}, key=lambda a: order.get(a, len(order))))
    minutes = {area: m for area, m in rows if m is not None}
    return areas, minutes


def _persons(
    session: Session, consultation_id: uuid.UUID
) -> tuple[tuple[uuid.UUID, ...], tuple[uuid.UUID, ...]]:
    query = (
        select(ConsultationPerson.person_id, ConsultationPerson.role)
        .join(Person, Person.id == ConsultationPerson.person_id)
        .where(
            and_(
                ConsultationPerson.consultation_id == consultation_id,
                ConsultationPerson.deleted_hlc.is_(None),
            )
        )
        .order_by(Person.birth_year, Person.given_name)
    )
    rows = list(session.execute(query))
    present = tuple(dict.fromkeys(p for p, role in rows if role == "anwesend"))
    concerned = tuple(dict.fromkeys(p for p, role in rows if role == "betroffen"))
    return present, concerned
