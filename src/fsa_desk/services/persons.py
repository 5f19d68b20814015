"""Persons: names and variants, partial birth dates, residence-status and benefit histories."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import households, restriction, search_index
from fsa_desk.services.records import live
from fsa_desk.store.models import Benefit, Membership, Person, ResidenceStatus
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class PersonData:
    family_name: str
    given_name: str
    name_variants: str | None = None
    name_original: str | None = None
    birth: PartialDate | None = None
    sex: str | None = None
    nationalities: str | None = None  # ISO alpha-2, comma separated
    languages: str | None = None
    interpreter_needed: bool = False
    interpreter_language: str | None = None
    arrival_date: date | None = None
    phone: str | None = None
    sozialamt_ref: str | None = None


@dataclass(frozen=True)
class PersonSummary:
    id: uuid.UUID
    family_name: str
    given_name: str
    birth: PartialDate | None
    sex: str | None


def _check(person: PersonData, checks: Checks) -> None:
    if not person.family_name.strip() and not person.given_name.strip():
        checks.add("family_name", _("A person needs at least a family or a given name."))
    checks.code("sex", _("Sex"), person.sex, "sexes")
    for code in (person.nationalities or "").split(","):
        checks.code("nationalities", _("Nationality"), code.strip() or None, "nationalities")
    checks.past_date("arrival_date", _("Arrival date"), person.arrival_date)
    if person.birth is not None:
        checks.past_date("birth", _("Birth date"), person.birth.earliest())


def _columns(person: PersonData) -> dict[str, object]:
    values = {f.name: getattr(person, f.name) for f in fields(person) if f.name != "birth"}
    birth = person.birth
    values.update(
        family_name=person.family_name.strip(),
        given_name=person.given_name.strip(),
        birth_year=birth.year if birth else None,
        birth_month=birth.month if birth else None,
        birth_day=birth.day if birth else None,
    )
    return values


def summary(person: Person) -> PersonSummary:
    birth = (
        PartialDate(person.birth_year, person.birth_month, person.birth_day)
        if person.birth_year
        else None
    )
    return PersonSummary(person.id, person.family_name, person.given_name, birth, person.sex)


def create_person(
    store: Store,
    person: PersonData,
    household_id: uuid.UUID,
    role: str,
    *,
    member_from: date | None = None,
    reason: str | None = None,
    today: date | None = None,
) -> PersonSummary:
    """A person and their membership of a household, in one step."""
    checks = Checks(today or date.today())
    _check(person, checks)
    households.check_membership(checks, role, reason, member_from)
    checks.raise_if_any()
    with store.transaction() as session:
        row = Person(**_columns(person))
        session.add(row)
        households.join(session, household_id, row.id, role, member_from, reason)
        return summary(row)


def update_person(
    store: Store, person_id: uuid.UUID, person: PersonData, *, today: date | None = None
) -> PersonSummary:
    checks = Checks(today or date.today())
    _check(person, checks)
    checks.raise_if_any()
    with store.transaction() as session:
        row = live(session, Person, person_id, _("The person does not exist (any more)."))
        if row.restricted:
            raise InputRejected(_("This person's data are restricted (Art. 18 GDPR)."))
        for name, value in _columns(person).items():
            setattr(row, name, value)
        session.flush()
        households = session.scalars(
            select(Membership.household_id).where(Membership.person_id == person_id)
        ).all()
        for household_id in set(households):
            search_index.index_household(session, household_id)
        return summary(row)


def add_residence_status(
    store: Store,
    person_id: uuid.UUID,
    status: str,
    *,
    valid_from: date | None,
    expires_on: date | None = None,
    detail: str | None = None,
    wohnsitzauflage: bool = False,
    today: date | None = None,
) -> uuid.UUID:
    """A new entry in the residence-status history (the history is never overwritten)."""
    checks = Checks(today or date.today())
    checks.code("status", _("Residence status"), status, "residence_statuses")
    checks.past_date("valid_from", _("Status from"), valid_from)
    checks.plausible_date("expires_on", _("Valid until"), expires_on)
    checks.raise_if_any()
    restriction.refuse_for_person(store, person_id)
    with store.transaction() as session:
        row = ResidenceStatus(
            person_id=person_id,
            status=status,
            detail=detail,
            valid_from=valid_from,
            expires_on=expires_on,
            wohnsitzauflage=wohnsitzauflage,
        )
        session.add(row)
        return row.id


def add_benefit(
    store: Store,
    person_id: uuid.UUID,
    benefit_type: str,
    *,
    valid_from: date | None,
    today: date | None = None,
) -> uuid.UUID:
    """A new benefit from ``valid_from``; the previous open entry ends the day before."""
    checks = Checks(today or date.today())
    checks.code("benefit_type", _("Benefit"), benefit_type, "benefit_types")
    checks.past_date("valid_from", _("Benefit from"), valid_from)
    checks.raise_if_any()
    restriction.refuse_for_person(store, person_id)
    with store.transaction() as session:
        open_entries = select(Benefit).where(
            Benefit.person_id == person_id,
            Benefit.valid_to.is_(None),
            Benefit.deleted_hlc.is_(None),
        )
        for previous in session.scalars(open_entries):
            if valid_from is not None:
                previous.valid_to = date.fromordinal(valid_from.toordinal() - 1)
        row = Benefit(person_id=person_id, benefit_type=benefit_type, valid_from=valid_from)
        session.add(row)
        return row.id
