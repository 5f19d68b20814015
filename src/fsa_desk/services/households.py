"""Households: creation, members over time, addresses, status, Bezugsberater:in and Vertretung."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import region_of_district
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import restriction, search_index
from fsa_desk.services.records import live
from fsa_desk.store.models import Address, Counsellor, Household, HouseholdCounsellor, Membership
from fsa_desk.store.store import Store

STATUSES = ("aktiv", "ruhend", "abgeschlossen")


@dataclass(frozen=True)
class NewHousehold:
    household_ref: str
    allocation_date: date | None = None
    counsellor_id: uuid.UUID | None = None
    provider: str | None = None


@dataclass(frozen=True)
class NewAddress:
    valid_from: date | None
    street: str | None = None
    postcode: str | None = None
    district: str | None = None
    housing_type: str | None = None
    secret: bool = False


@dataclass(frozen=True)
class HouseholdSummary:
    id: uuid.UUID
    household_ref: str
    status: str
    allocation_date: date | None
    counsellor_id: uuid.UUID | None
    closure_reason: str | None


def summary(household: Household) -> HouseholdSummary:
    return HouseholdSummary(
        household.id,
        household.household_ref,
        household.status,
        household.allocation_date,
        household.counsellor_id,
        household.closure_reason,
    )


def create_household(
    store: Store,
    new: NewHousehold,
    *,
    address: NewAddress | None = None,
    today: date | None = None,
) -> HouseholdSummary:
    """A new household, with its first address if given, in one transaction."""
    checks = Checks(today or date.today())
    if not new.household_ref.strip():
        checks.add("household_ref", _("The household reference must not be empty."))
    checks.past_date("allocation_date", _("Allocation date"), new.allocation_date)
    if address is not None:
        _check_address(address, checks)
    checks.raise_if_any()
    with store.transaction() as session:
        household = Household(
            household_ref=new.household_ref.strip(),
            allocation_date=new.allocation_date,
            counsellor_id=new.counsellor_id or store.installation_counsellor_id(),
            provider=new.provider or store.installation_provider(),
            status_since=today or date.today(),
        )
        session.add(household)
        session.flush()
        if address is not None:
            session.add(_address_row(household.id, address))
        search_index.index_household(session, household.id)
        return summary(household)


def suggest_ref(store: Store, *, today: date | None = None) -> str:
    """The next Haushalt-Nr. of this counsellor and year: ``B1-2026-018``."""
    year = (today or date.today()).year
    with store.read() as session:
        counsellor_id = store.installation_counsellor_id()
        code = session.scalar(select(Counsellor.code).where(Counsellor.id == counsellor_id))
        prefix = f"{code or 'HH'}-{year}-"
        refs = session.scalars(
            select(Household.household_ref).where(Household.household_ref.startswith(prefix))
        ).all()
    numbers = [int(ref[len(prefix) :]) for ref in refs if ref[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def get_household(store: Store, household_id: uuid.UUID) -> HouseholdSummary:
    with store.read() as session:
        return summary(_load(session, household_id))


def _load(session: Session, household_id: uuid.UUID) -> Household:
    household = live(
        session, Household, household_id, _("The household does not exist (any more).")
    )
    return household


def set_status(
    store: Store,
    household_id: uuid.UUID,
    status: str,
    *,
    closure_reason: str | None = None,
    closure_detail: str | None = None,
    today: date | None = None,
) -> HouseholdSummary:
    """aktiv → ruhend → abgeschlossen (with a reason); reopening sets aktiv again."""
    checks = Checks(today or date.today())
    if status not in STATUSES:
        checks.add("status", _("Unknown status '{status}'.").format(status=status))
    if status == "abgeschlossen":
        if closure_reason is None:
            checks.add("closure_reason", _("Closing a household needs a reason."))
        checks.code("closure_reason", _("Closure reason"), closure_reason, "closure_reasons")
    checks.raise_if_any()
    with store.transaction() as session:
        household = _load(session, household_id)
        household.status = status
        household.status_since = today or date.today()
        closing = status == "abgeschlossen"
        household.closure_reason = closure_reason if closing else None
        household.closure_detail = closure_detail if closing else None
        return summary(household)


def add_member(
    store: Store,
    household_id: uuid.UUID,
    person_id: uuid.UUID,
    role: str,
    *,
    valid_from: date | None = None,
    reason: str | None = None,
    today: date | None = None,
) -> uuid.UUID:
    checks = Checks(today or date.today())
    check_membership(checks, role, reason, valid_from)
    checks.raise_if_any()
    with store.transaction() as session:
        _load(session, household_id)
        restriction.refuse_persons(session, [person_id])
        return join(session, household_id, person_id, role, valid_from, reason).id


def check_membership(
    checks: Checks, role: str, reason: str | None, valid_from: date | None
) -> None:
    """The rules for a person joining a household, wherever that happens."""
    checks.code("role", _("Role in the household"), role, "household_roles")
    checks.code("reason", _("Reason"), reason, "membership_reasons")
    checks.past_date("valid_from", _("Member from"), valid_from)


def join(
    session: Session,
    household_id: uuid.UUID,
    person_id: uuid.UUID,
    role: str,
    valid_from: date | None,
    reason: str | None,
) -> Membership:
    """Add the membership and refresh the household's search terms (checked beforehand)."""
    membership = Membership(
        person_id=person_id,
        household_id=household_id,
        role=role,
        valid_from=valid_from,
        reason_from=reason,
    )
    session.add(membership)
    session.flush()
    search_index.index_household(session, household_id)
    return membership


def end_membership(
    store: Store,
    membership_id: uuid.UUID,
    valid_to: date,
    reason: str,
    *,
    today: date | None = None,
) -> None:
    """A member leaves (moving out, separation, death); the history stays."""
    checks = Checks(today or date.today())
    checks.code("reason", _("Reason"), reason, "membership_reasons")
    checks.raise_if_any()
    with store.transaction() as session:
        membership = live(
            session, Membership, membership_id, _("The membership does not exist (any more).")
        )
        restriction.refuse_persons(session, [membership.person_id])
        if membership.valid_from and valid_to < membership.valid_from:
            raise InputRejected(_("A membership cannot end before it began."))
        membership.valid_to, membership.reason_to = valid_to, reason


def move(
    store: Store, household_id: uuid.UUID, address: NewAddress, *, today: date | None = None
) -> uuid.UUID:
    """A new address from ``valid_from``; the previous one ends the day before."""
    checks = Checks(today or date.today())
    _check_address(address, checks)
    checks.raise_if_any()
    with store.transaction() as session:
        _load(session, household_id)
        _close_current_address(session, household_id, address.valid_from)
        row = _address_row(household_id, address)
        session.add(row)
        return row.id


def _check_address(address: NewAddress, checks: Checks) -> None:
    checks.past_date("valid_from", _("Address from"), address.valid_from)
    checks.code("housing_type", _("Housing"), address.housing_type, "housing_types")


def _address_row(household_id: uuid.UUID, address: NewAddress) -> Address:
    return Address(
        household_id=household_id,
        valid_from=address.valid_from,
        street=address.street,
        postcode=address.postcode,
        district=address.district,
        region=region_of_district(address.district) if address.district else None,
        housing_type=address.housing_type,
        secret=address.secret,
    )


def _close_current_address(
    session: Session, household_id: uuid.UUID, new_from: date | None
) -> None:
    query = select(Address).where(
        Address.household_id == household_id,
        Address.valid_to.is_(None),
        Address.deleted_hlc.is_(None),
    )
    for current in session.scalars(query):
        if new_from is not None:
            current.valid_to = date.fromordinal(new_from.toordinal() - 1)


def assign_counsellor(
    store: Store,
    household_id: uuid.UUID,
    counsellor_id: uuid.UUID,
    role: str,
    *,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> uuid.UUID:
    """Bezugsberater:in (role ``bezug``), a further team member (``team``) or ``vertretung``."""
    if role not in ("bezug", "team", "vertretung"):
        raise InputRejected(_("Unknown counsellor role '{role}'.").format(role=role))
    if valid_from and valid_to and valid_to < valid_from:
        raise InputRejected(_("The period ends before it begins."))
    with store.transaction() as session:
        household = _load(session, household_id)
        if role == "bezug":
            household.counsellor_id = counsellor_id
            return household.id
        link = HouseholdCounsellor(
            household_id=household_id,
            counsellor_id=counsellor_id,
            role=role,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        session.add(link)
        return link.id
