"""Fachleistung cases: opening and closing, the persons a case covers, its status history, the
consent (Schweigepflichtentbindung) the forms to the Sozialamt rest on — and, for the callers
that know it from here, ``record_bewilligung`` (``services.bewilligung``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.bewilligung import (
    BewilligungInput,
    BewilligungResult,
    BewilligungView,
    record_bewilligung,
)
from fsa_desk.services.bewilligung import view as bewilligung_view
from fsa_desk.services.fachleistung_case import (
    SOZIALAMT,
    case_person_ids,
    load_case,
    record_status,
    set_case_persons,
)
from fsa_desk.services.fallbericht import FallberichtSummary, case_fallberichte_of
from fsa_desk.services.household_casework import ConsentLine
from fsa_desk.services.household_casework import consents as consent_lines
from fsa_desk.services.integrationsplan import PlanView, case_plans_of
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Abrechnung,
    Bedarfsanzeige,
    BedarfsanzeigeHours,
    Bewilligung,
    CaseStatusChange,
    Consent,
    Counsellor,
    FachleistungCase,
    Household,
    Person,
)
from fsa_desk.store.store import Store

__all__ = [
    "AbrechnungSummary",
    "AnzeigeLine",
    "BewilligungInput",
    "BewilligungResult",
    "CaseOverview",
    "ConsentInput",
    "StatusLine",
    "abrechnungen",
    "case_overview",
    "close_case",
    "household_cases",
    "household_members",
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


# --- what a household's Fachleistung page shows ---------------------------------------------------


@dataclass(frozen=True)
class AnzeigeLine:
    """A Bedarfsanzeige as the case's list shows it."""

    id: uuid.UUID
    kind: str
    version: int
    status: str
    period_from: date | None
    period_to: date | None
    sent_on: date | None
    received_on: date | None
    decided_on: date | None
    total_hours: Decimal


@dataclass(frozen=True)
class CaseOverview:
    """One case with everything its page lists, read in one transaction."""

    id: uuid.UUID
    household_id: uuid.UUID
    household_ref: str
    status: str
    opened_on: date
    closed_on: date | None
    counsellor: str
    persons: tuple[tuple[uuid.UUID, str], ...]  # einbezogene Personen, eldest first
    anzeigen: tuple[AnzeigeLine, ...]  # oldest first
    bewilligungen: tuple[BewilligungView, ...]  # by period
    fallberichte: tuple[FallberichtSummary, ...]
    plans: tuple[PlanView, ...]
    consents: tuple[ConsentLine, ...]  # Schweigepflichtentbindungen of the case's persons

    @property
    def running(self) -> BewilligungView | None:
        """The Bewilligung running today, else the latest that has begun, else the latest."""
        begun = [b for b in self.bewilligungen if b.budget.elapsed_share > 0]
        today = [b for b in begun if b.status == "laufend" and b.budget.days_left >= 0]
        chosen = today or begun or list(self.bewilligungen)
        return chosen[-1] if chosen else None


def case_overview(store: Store, case_id: uuid.UUID, *, today: date | None = None) -> CaseOverview:
    with store.read() as session:
        return _overview(session, load_case(session, case_id), today or date.today())


def household_cases(
    store: Store, household_id: uuid.UUID, *, today: date | None = None
) -> list[CaseOverview]:
    """The household's Fachleistung cases, newest first."""
    with store.read() as session:
        rows = session.scalars(
            select(FachleistungCase)
            .where(
                FachleistungCase.household_id == household_id,
                FachleistungCase.deleted_hlc.is_(None),
            )
            .order_by(FachleistungCase.opened_on.desc(), FachleistungCase.created_hlc.desc())
        ).all()
        return [_overview(session, row, today or date.today()) for row in rows]


def _overview(session: Session, case: FachleistungCase, today: date) -> CaseOverview:
    household = session.get(Household, case.household_id)
    counsellor = session.get(Counsellor, case.counsellor_id)
    person_ids = case_person_ids(session, case.id)
    people = session.scalars(
        select(Person)
        .where(Person.id.in_(person_ids))
        .order_by(Person.birth_year.is_(None), Person.birth_year, Person.given_name)
    )
    names = {p.id: f"{p.given_name} {p.family_name}".strip() for p in people}  # eldest first
    approvals = session.scalars(
        select(Bewilligung)
        .where(Bewilligung.case_id == case.id, Bewilligung.deleted_hlc.is_(None))
        .order_by(Bewilligung.period_from)
    ).all()
    return CaseOverview(
        id=case.id,
        household_id=case.household_id,
        household_ref=household.household_ref if household else "",
        status=case.status,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        counsellor=counsellor.name if counsellor else "",
        persons=tuple(names.items()),
        anzeigen=_anzeigen(session, case.id),
        bewilligungen=tuple(bewilligung_view(session, row, today) for row in approvals),
        fallberichte=tuple(case_fallberichte_of(session, case.id)),
        plans=tuple(case_plans_of(session, case.id, today)),
        consents=tuple(
            line
            for line in consent_lines(session, person_ids, names)
            if line.kind == "schweigepflichtentbindung"
        ),
    )


def _anzeigen(session: Session, case_id: uuid.UUID) -> tuple[AnzeigeLine, ...]:
    totals: dict[uuid.UUID, Decimal] = {
        anzeige_id: total
        for anzeige_id, total in session.execute(
            select(BedarfsanzeigeHours.bedarfsanzeige_id, func.sum(BedarfsanzeigeHours.hours))
            .join(Bedarfsanzeige, Bedarfsanzeige.id == BedarfsanzeigeHours.bedarfsanzeige_id)
            .where(Bedarfsanzeige.case_id == case_id, BedarfsanzeigeHours.deleted_hlc.is_(None))
            .group_by(BedarfsanzeigeHours.bedarfsanzeige_id)
        )
    }
    rows = session.scalars(
        select(Bedarfsanzeige)
        .where(Bedarfsanzeige.case_id == case_id, Bedarfsanzeige.deleted_hlc.is_(None))
        .order_by(Bedarfsanzeige.created_hlc)
    ).all()
    return tuple(
        AnzeigeLine(
            r.id,
            r.kind,
            r.version,
            r.status,
            r.period_from,
            r.period_to,
            r.sent_on,
            r.received_on,
            r.decided_on,
            Decimal(totals.get(r.id) or 0),
        )
        for r in rows
    )


# --- the Abrechnungen of this installation --------------------------------------------------------


@dataclass(frozen=True)
class AbrechnungSummary:
    id: uuid.UUID
    period: BillingPeriod
    status: str
    invoice_number: str | None
    corrects_id: uuid.UUID | None


def abrechnungen(store: Store) -> list[AbrechnungSummary]:
    """The stored Abrechnungen, newest period first (corrections after what they correct)."""
    with store.read() as session:
        rows = session.scalars(
            select(Abrechnung)
            .where(Abrechnung.deleted_hlc.is_(None))
            .order_by(Abrechnung.period_from.desc(), Abrechnung.created_hlc)
        ).all()
        return [
            AbrechnungSummary(
                r.id,
                BillingPeriod(r.period_from, r.period_to),
                r.status,
                r.invoice_number,
                r.corrects_id,
            )
            for r in rows
        ]


def household_members(
    store: Store, household_id: uuid.UUID, *, today: date | None = None
) -> list[tuple[uuid.UUID, str]]:
    """The household's current members (id, name): whom a case can cover."""
    from fsa_desk.services.household_members import members

    with store.read() as session:
        live(session, Household, household_id, _("The household does not exist (any more)."))
        lines = members(session, household_id, today or date.today())
        return [(line.person_id, line.name) for line in lines if line.current]
