"""Recording consultations: validation, module derivation, billability, persons and life areas."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import Billability, BillingFacts, billability, billable_minutes
from fsa_desk.domain.modules import ApprovalPeriod, Module, derive_module
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import billing_rules, restriction
from fsa_desk.services.records import live
from fsa_desk.store.changelog import revive, tombstone
from fsa_desk.store.models import (
    Bewilligung,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Counsellor,
    FachleistungCase,
    Household,
    Membership,
    Person,
)
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class ConsultationInput:
    household_id: uuid.UUID
    date: dt.date
    duration_minutes: int
    contact_type: str
    travel_minutes: int = 0
    outcome: str = "stattgefunden"
    life_areas: tuple[str, ...] = ()
    life_area_minutes: Mapping[str, int] = field(default_factory=dict)
    persons_present: tuple[uuid.UUID, ...] = ()
    persons_concerned: tuple[uuid.UUID, ...] = ()
    sprachmittlung: str = "keine"
    sprachmittlung_language: str | None = None
    agreements: str | None = None
    follow_up_on: dt.date | None = None
    note: str | None = None
    confidential: bool = False
    counsellor_id: uuid.UUID | None = None  # default: this installation's counsellor
    module_override: str | None = None
    module_override_reason: str | None = None
    billable_override: bool | None = None
    billable_override_reason: str | None = None


@dataclass(frozen=True)
class ConsultationSummary:
    id: uuid.UUID
    household_id: uuid.UUID
    date: dt.date
    duration_minutes: int
    contact_type: str
    module: str
    billable: bool
    billable_reason: str | None
    life_areas: tuple[str, ...]


def _validate(data: ConsultationInput, today: date) -> Checks:
    checks = Checks(today)
    checks.past_date("date", _("Date"), data.date)
    no_show = data.outcome == "nicht_erschienen"
    checks.minutes("duration_minutes", _("Duration"), data.duration_minutes, allow_zero=no_show)
    checks.minutes("travel_minutes", _("Travel time"), data.travel_minutes, allow_zero=True)
    checks.code("contact_type", _("Contact type"), data.contact_type, "contact_types")
    checks.code("outcome", _("Outcome"), data.outcome, "outcomes")
    checks.code("sprachmittlung", _("Interpreting"), data.sprachmittlung, "sprachmittlung")
    for area in data.life_areas:
        checks.code("life_areas", _("Life area"), area, "life_areas")
    checks.plausible_date("follow_up_on", _("Follow-up"), data.follow_up_on)
    _check_overrides(data, checks)
    return checks


def _check_overrides(data: ConsultationInput, checks: Checks) -> None:
    if data.module_override is not None:
        checks.code("module_override", _("Module"), data.module_override, "modules")
        if not (data.module_override_reason or "").strip():
            checks.add("module_override_reason", _("Overriding the module needs a reason."))
    if data.billable_override is not None and not data.billable_override_reason:
        checks.add("billable_reason", _("Overriding billability needs a reason."))


def _check_against_household(
    session: Session, data: ConsultationInput, checks: Checks
) -> Household:
    household = live(
        session, Household, data.household_id, _("The household does not exist (any more).")
    )
    start = household.allocation_date or _earliest_arrival(session, data.household_id)
    date_already_wrong = any(p.field == "date" for p in checks.problems)
    if not date_already_wrong:
        checks.not_before(
            "date",
            data.date,
            start,
            _("The consultation lies before the household's allocation or arrival on {day}."),
        )
    members = _member_ids(session, data.household_id)
    if not set(data.persons_present) | set(data.persons_concerned) <= members:
        checks.add("persons", _("Persons present or concerned must belong to the household."))
    return household


def _earliest_arrival(session: Session, household_id: uuid.UUID) -> date | None:
    query = (
        select(func.min(Person.arrival_date))
        .join(Membership, Membership.person_id == Person.id)
        .where(Membership.household_id == household_id, Membership.deleted_hlc.is_(None))
    )
    return session.execute(query).scalar()


def _member_ids(session: Session, household_id: uuid.UUID) -> set[uuid.UUID]:
    query = select(Membership.person_id).where(
        Membership.household_id == household_id, Membership.deleted_hlc.is_(None)
    )
    return set(session.scalars(query))


def record_consultation(
    store: Store, data: ConsultationInput, *, today: date | None = None
) -> ConsultationSummary:
    """Save a new consultation. Hours beyond a budget are saved and marked not billable."""
    checks = _validate(data, today or date.today())
    with store.transaction() as session:
        household = _check_against_household(session, data, checks)
        checks.raise_if_any()
        restriction.refuse_persons(session, [*data.persons_present, *data.persons_concerned])
        counsellor_id = data.counsellor_id or store.installation_counsellor_id()
        if counsellor_id is None:
            raise InputRejected(_("No counsellor is set up on this installation."))
        row = Consultation(household_id=household.id, counsellor_id=counsellor_id)
        _fill(session, row, data, household)
        session.add(row)
        _write_links(session, row.id, data)
        return _summary(row, data.life_areas)


def update_consultation(
    store: Store, consultation_id: uuid.UUID, data: ConsultationInput, *, today: date | None = None
) -> ConsultationSummary:
    """Replace a consultation's content; the change log keeps what it was."""
    checks = _validate(data, today or date.today())
    with store.transaction() as session:
        row = _load(session, consultation_id)
        household = _check_against_household(session, data, checks)
        checks.raise_if_any()
        restriction.refuse_consultation(session, consultation_id)
        restriction.refuse_persons(session, [*data.persons_present, *data.persons_concerned])
        if data.counsellor_id is not None:
            row.counsellor_id = data.counsellor_id
        row.household_id = household.id
        _fill(session, row, data, household)
        _write_links(session, row.id, data)
        return _summary(row, data.life_areas)


def delete_consultation(store: Store, consultation_id: uuid.UUID) -> None:
    """A tombstone for the consultation and its links; ``restore_consultation`` undoes it."""
    with store.transaction() as session:
        row = _load(session, consultation_id)
        tombstone(row)
        for link in _links(session, consultation_id):
            tombstone(link)


def restore_consultation(store: Store, consultation_id: uuid.UUID) -> None:
    with store.transaction() as session:
        row = session.get(Consultation, consultation_id)
        if row is None:
            raise InputRejected(_("The consultation does not exist."))
        deleted_at = row.deleted_hlc
        if deleted_at is None:
            return
        revive(row)
        # Links removed together with the consultation (not those removed by an earlier edit).
        for link in _links(session, consultation_id, include_deleted=True):
            if link.deleted_hlc is not None and link.deleted_hlc >= deleted_at:
                revive(link)


def _load(session: Session, consultation_id: uuid.UUID) -> Consultation:
    row = live(
        session, Consultation, consultation_id, _("The consultation does not exist (any more).")
    )
    return row


def _links(
    session: Session, consultation_id: uuid.UUID, include_deleted: bool = False
) -> list[ConsultationPerson | ConsultationLifeArea]:
    links: list[ConsultationPerson | ConsultationLifeArea] = []
    for model in (ConsultationPerson, ConsultationLifeArea):
        query = select(model).where(model.consultation_id == consultation_id)
        if not include_deleted:
            query = query.where(model.deleted_hlc.is_(None))
        links.extend(session.scalars(query))
    return links


def _fill(
    session: Session, row: Consultation, data: ConsultationInput, household: Household
) -> None:
    row.date = data.date
    row.duration_minutes = data.duration_minutes
    row.travel_minutes = data.travel_minutes
    row.contact_type = data.contact_type
    row.outcome = data.outcome
    row.sprachmittlung = data.sprachmittlung
    row.sprachmittlung_language = data.sprachmittlung_language
    row.agreements = data.agreements
    row.follow_up_on = data.follow_up_on
    row.note = data.note
    row.confidential = data.confidential
    row.module_override_reason = data.module_override_reason if data.module_override else None
    if data.module_override:
        row.module = data.module_override
    row.billable_override_reason = (
        data.billable_override_reason if data.billable_override is not None else None
    )
    if data.billable_override is not None:
        row.billable = data.billable_override
        row.billable_reason = None if data.billable_override else "manuell"
    apply_rules(session, row, household, _approvals(session, household.id))


def apply_rules(
    session: Session,
    row: Consultation,
    household: Household,
    approvals: list[tuple[ApprovalPeriod, Bewilligung]],
) -> None:
    """Derive module and billability, except where a counsellor overrode them with a reason."""
    if row.module_override_reason is None:
        periods = [period for period, _ in approvals]
        row.module = derive_module(row.date, household.allocation_date, periods).value
    if row.billable_override_reason is None:
        result, bewilligung = _billability(session, row, approvals)
        row.billable, row.billable_reason = result.billable, result.reason
        row.bewilligung_id = bewilligung.id if bewilligung is not None else None


def recompute_household(session: Session, household_id: uuid.UUID) -> list[uuid.UUID]:
    """Re-derive every consultation of a household in date order (e.g. after a backdated
    Bewilligung); returns the ids whose module or billability changed."""
    household = session.get(Household, household_id)
    if household is None:
        return []
    approvals = _approvals(session, household_id)
    query = (
        select(Consultation)
        .where(Consultation.household_id == household_id, Consultation.deleted_hlc.is_(None))
        .order_by(Consultation.date, Consultation.created_hlc)
    )
    changed = []
    for row in session.scalars(query):
        before = (row.module, row.billable, row.billable_reason, row.bewilligung_id)
        apply_rules(session, row, household, approvals)
        if (row.module, row.billable, row.billable_reason, row.bewilligung_id) != before:
            changed.append(row.id)
        session.flush()  # the next row's budget use sees this one
    return changed


@dataclass(frozen=True)
class ImportDerivation:
    """Module and billability of a household's new consultations, for bulk imports."""

    modules: tuple[str, ...]  # one per day asked for
    billable: bool
    billable_reasons: tuple[str | None, ...]  # one per day: vor_bewilligung while a case is open
    needs_recompute: bool  # a Bewilligung exists: call ``recompute_household`` after writing


def derive_for_import(
    session: Session,
    household_id: uuid.UUID,
    allocation_date: date | None,
    days: Sequence[date],
) -> ImportDerivation:
    """What ``apply_rules`` would derive for new consultations on ``days``, in two queries.

    Without a Bewilligung nothing is billable, whatever the consultation; with one,
    billability depends on the budget used before each consultation, so the rows are written
    first and ``recompute_household`` derives them in date order.
    """
    approvals = _approvals(session, household_id)
    periods = [period for period, _ in approvals]
    modules = tuple(derive_module(day, allocation_date, periods).value for day in days)
    cases = _case_periods(session, household_id)
    reasons = tuple(
        "vor_bewilligung" if any(start <= day <= end for start, end in cases) else None
        for day in days
    )
    return ImportDerivation(modules, False, reasons, needs_recompute=bool(approvals))


def _case_periods(session: Session, household_id: uuid.UUID) -> list[tuple[date, date]]:
    query = select(FachleistungCase.opened_on, FachleistungCase.closed_on).where(
        FachleistungCase.household_id == household_id, FachleistungCase.deleted_hlc.is_(None)
    )
    return [(opened, closed or date.max) for opened, closed in session.execute(query)]


def _approvals(
    session: Session, household_id: uuid.UUID
) -> list[tuple[ApprovalPeriod, Bewilligung]]:
    query = (
        select(Bewilligung)
        .join(FachleistungCase, FachleistungCase.id == Bewilligung.case_id)
        .where(
            FachleistungCase.household_id == household_id,
            FachleistungCase.deleted_hlc.is_(None),
            Bewilligung.deleted_hlc.is_(None),
        )
    )
    return [(ApprovalPeriod(b.period_from, b.period_to), b) for b in session.scalars(query)]


def _billability(
    session: Session, row: Consultation, approvals: list[tuple[ApprovalPeriod, Bewilligung]]
) -> tuple[Billability, Bewilligung | None]:
    covering = [b for p, b in approvals if p.start <= row.date <= p.end]
    bewilligung = covering[0] if covering else None
    rule = billing_rules.rule_on(session, row.date)
    counsellor = session.get(Counsellor, row.counsellor_id)
    facts = BillingFacts(
        module=Module(row.module),
        contact_type=row.contact_type,
        outcome=row.outcome,
        counsellor_is_fachkraft=bool(counsellor and counsellor.fachkraft),
        has_approval=bewilligung is not None,
        case_open=_case_open(session, row.household_id, row.date),
        minutes_used_before=_used_minutes(session, bewilligung, row, rule) if bewilligung else 0,
        approved_minutes=int(bewilligung.approved_hours * 60) if bewilligung else 0,
    )
    return billability(facts, rule), bewilligung


def _case_open(session: Session, household_id: uuid.UUID, day: date) -> bool:
    """A Fachleistung case was open on ``day`` (its Bewilligung may still be pending)."""
    query = select(func.count()).where(
        FachleistungCase.household_id == household_id,
        FachleistungCase.opened_on <= day,
        or_(FachleistungCase.closed_on.is_(None), FachleistungCase.closed_on >= day),
        FachleistungCase.deleted_hlc.is_(None),
    )
    return bool(session.execute(query).scalar())


def _used_minutes(
    session: Session,
    bewilligung: Bewilligung,
    row: Consultation,
    rule: billing_rules.BillingRuleData,
) -> int:
    """Billable minutes already counted on the Bewilligung before this consultation."""
    query = select(Consultation.duration_minutes, Consultation.travel_minutes).where(
        Consultation.bewilligung_id == bewilligung.id,
        Consultation.billable.is_(True),
        Consultation.deleted_hlc.is_(None),
        Consultation.id != row.id,
        Consultation.date <= row.date,
    )
    return sum(billable_minutes(d, t, rule) for d, t in session.execute(query))


def _write_links(session: Session, consultation_id: uuid.UUID, data: ConsultationInput) -> None:
    """Make the stored persons and life areas equal to ``data``: tombstone or add, never rewrite."""
    wanted_persons = {(p, "anwesend") for p in data.persons_present}
    wanted_persons |= {(p, "betroffen") for p in data.persons_concerned}
    wanted_areas = {(a, data.life_area_minutes.get(a)) for a in data.life_areas}
    for link in _links(session, consultation_id):
        key: tuple[object, object]
        if isinstance(link, ConsultationPerson):
            key = (link.person_id, link.role)
            wanted: set[tuple[object, object]] = wanted_persons  # type: ignore[assignment]
        else:
            key = (link.life_area, link.minutes)
            wanted = wanted_areas  # type: ignore[assignment]
        if key in wanted:
            wanted.discard(key)
        else:
            tombstone(link)
    for person_id, role in wanted_persons:
        session.add(
            ConsultationPerson(consultation_id=consultation_id, person_id=person_id, role=role)
        )
    for area, minutes in wanted_areas:
        session.add(
            ConsultationLifeArea(consultation_id=consultation_id, life_area=area, minutes=minutes)
        )


def _summary(row: Consultation, life_areas: tuple[str, ...]) -> ConsultationSummary:
    return ConsultationSummary(
        row.id,
        row.household_id,
        row.date,
        row.duration_minutes,
        row.contact_type,
        row.module,
        row.billable,
        row.billable_reason,
        life_areas,
    )
