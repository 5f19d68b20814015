"""The client sheet of a Fachleistung case, "für Sie zum Mitnehmen", filled from the records.

Goals come from the Integrationspläne of the case's persons (in their own words where they gave
them; reached and dropped goals are left out), the next steps from who does what by when and the
next Auswertungsgespräch, the dates from open Fristen, expiring residence papers and the end of
the running Bewilligung. The contact line (phone, office hours) is the one of the
Vereinbarungsblatt; the complaint contact is this installation's setting. Nothing else about the
persons, and never a note.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fsa_desk.forms import client_sheet as form
from fsa_desk.i18n import _
from fsa_desk.services import integrationsplan, restriction, vereinbarung
from fsa_desk.services.fachleistung_case import case_person_ids, load_case
from fsa_desk.store.models import (
    Bedarfsanzeige,
    Bescheid,
    Bewilligung,
    Consent,
    Counsellor,
    FachleistungCase,
    Household,
    Membership,
    Person,
    ResidenceStatus,
    Setting,
)
from fsa_desk.store.store import Store

COMPLAINT_KEY = "client_sheet_complaint_contact"
_SHOWN_GOALS = ("offen", "teilweise_erreicht")


def client_sheet(
    store: Store,
    case_id: uuid.UUID,
    *,
    documents: Sequence[str] | None = None,
    today: date | None = None,
) -> form.ClientSheet:
    """The sheet as the records suggest it; ``documents`` replace the suggested list to bring."""
    today = today or date.today()
    with store.read() as session:
        case = load_case(session, case_id)
        household = session.get(Household, case.household_id)
        counsellor = session.get(Counsellor, case.counsellor_id)
        assert household is not None
        plans = integrationsplan.case_plans_of(session, case.id, today)
        sheet = form.ClientSheet(
            household_ref=household.household_ref,
            provider=household.provider or (counsellor.provider if counsellor else None),
            names=_names(session, case, today),
            made_on=today,
            counsellor=counsellor.name if counsellor else "",
            contact_line=vereinbarung.contact_line(store),
            goals=_goals(plans),
            steps=_steps(plans, counsellor.name if counsellor else "", today),
            documents=suggested_documents(),
            dates=_dates(session, case, today),
            complaint_contact=_complaint(session, household.provider),
            consent_recipient=_consent_recipient(session, case.id, today),
        )
    if documents is not None:
        sheet = replace(sheet, documents=tuple(d.strip() for d in documents if d.strip()))
    return sheet


def client_sheet_pdf(
    store: Store,
    case_id: uuid.UUID,
    *,
    documents: Sequence[str] | None = None,
    today: date | None = None,
) -> bytes:
    """The sheet as an A4 PDF."""
    restriction.refuse_for_case(store, case_id)
    return form.pdf(client_sheet(store, case_id, documents=documents, today=today))


def client_sheet_text(store: Store, case_id: uuid.UUID, *, today: date | None = None) -> str:
    """Every word of the sheet, for a preview."""
    return form.text(client_sheet(store, case_id, today=today))


def suggested_documents() -> tuple[str, ...]:
    """What to bring, until the counsellor says otherwise."""
    return (
        _("All new letters from offices (Jobcenter, Sozialamt, Ausländerbehörde, landlord)"),
        _("Your passport or residence paper"),
    )


def _names(session: Session, case: FachleistungCase, today: date) -> tuple[str, ...]:
    """The persons the case covers; without any named, the household's current members."""
    ids = case_person_ids(session, case.id)
    if not ids:
        ids = list(
            session.scalars(
                select(Membership.person_id).where(
                    Membership.household_id == case.household_id,
                    Membership.deleted_hlc.is_(None),
                    or_(Membership.valid_to.is_(None), Membership.valid_to >= today),
                )
            )
        )
    people = session.scalars(
        select(Person)
        .where(Person.id.in_(ids), Person.deleted_hlc.is_(None))
        .order_by(Person.birth_year, Person.given_name)
    ).all()
    return tuple(f"{p.given_name} {p.family_name}".strip() for p in people)


def _goals(plans: Sequence[integrationsplan.PlanView]) -> tuple[form.SheetGoal, ...]:
    return tuple(
        form.SheetGoal(plan.person_name, goal.text, goal.due_on, goal.text_professional)
        for plan in plans
        for goal in plan.goals
        if goal.status in _SHOWN_GOALS and goal.text
    )


def _steps(
    plans: Sequence[integrationsplan.PlanView], counsellor: str, today: date
) -> tuple[form.SheetStep, ...]:
    steps = [
        form.SheetStep(goal.who_does_what, goal.due_on)
        for plan in plans
        for goal in plan.goals
        if goal.status in _SHOWN_GOALS and goal.who_does_what
    ]
    talks = {
        a.scheduled_on
        for plan in plans
        for a in plan.auswertungen
        if a.held_on is None and a.scheduled_on is not None and a.scheduled_on >= today
    }
    if talks:
        talk = _("We talk together about how far you have come: you and {name}.").format(
            name=counsellor
        )
        steps.append(form.SheetStep(talk, min(talks)))
    return tuple(sorted(steps, key=lambda step: step.due or date.max))


def _dates(session: Session, case: FachleistungCase, today: date) -> tuple[form.SheetDate, ...]:
    dates = [
        form.SheetDate(
            _("Answer in time: {subject} ({authority})").format(
                subject=row.subject, authority=row.authority
            ),
            row.due_on,
        )
        for row in session.scalars(
            select(Bescheid).where(
                Bescheid.household_id == case.household_id,
                Bescheid.deleted_hlc.is_(None),
                Bescheid.done_on.is_(None),
                Bescheid.due_on >= today,
            )
        )
    ]
    dates += _residence_expiries(session, case, today)
    running = session.scalars(
        select(Bewilligung.period_to).where(
            Bewilligung.case_id == case.id,
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.status == "laufend",
            Bewilligung.period_from <= today,
            Bewilligung.period_to >= today,
        )
    ).first()
    if running is not None:
        dates.append(form.SheetDate(_("Your Fachleistung ends (it can be extended)"), running))
    return tuple(sorted(dates, key=lambda item: item.due))


def _residence_expiries(
    session: Session, case: FachleistungCase, today: date
) -> list[form.SheetDate]:
    """The latest residence paper of each covered person, when it expires from today on."""
    rows = session.execute(
        select(ResidenceStatus, Person.given_name, Person.family_name)
        .join(Person, Person.id == ResidenceStatus.person_id)
        .where(
            ResidenceStatus.person_id.in_(case_person_ids(session, case.id)),
            ResidenceStatus.deleted_hlc.is_(None),
        )
        .order_by(ResidenceStatus.valid_from)
    ).all()
    latest = {status.person_id: (status, f"{given} {family}") for status, given, family in rows}
    return [
        form.SheetDate(
            _("Residence paper of {name} expires: ask for the extension in time").format(
                name=name.strip()
            ),
            status.expires_on,
        )
        for status, name in latest.values()
        if status.expires_on is not None and status.expires_on >= today
    ]


def _consent_recipient(session: Session, case_id: uuid.UUID, today: date) -> str | None:
    """Whom the client's valid Schweigepflichtentbindung of this case names."""
    consent = session.scalars(
        select(Consent)
        .join(Bedarfsanzeige, Bedarfsanzeige.consent_id == Consent.id)
        .where(
            Bedarfsanzeige.case_id == case_id,
            Bedarfsanzeige.deleted_hlc.is_(None),
            Consent.deleted_hlc.is_(None),
            or_(Consent.revoked_on.is_(None), Consent.revoked_on > today),
            or_(Consent.valid_until.is_(None), Consent.valid_until >= today),
        )
        .order_by(Consent.given_on.desc())
    ).first()
    return consent.recipient if consent is not None else None


# --- the complaint contact: a local setting ----------------------------------------------------


def complaint_contact(store: Store) -> str:
    with store.read() as session:
        return _complaint(session, store.installation_provider())


def remember_complaint_contact(store: Store, text: str) -> None:
    """Keep the complaint contact for every later sheet (a local setting, never exchanged)."""
    with store.transaction() as session:
        session.merge(Setting(key=COMPLAINT_KEY, value=json.dumps(" ".join(text.split()))))


def _complaint(session: Session, provider: str | None) -> str:
    stored = session.get(Setting, COMPLAINT_KEY)
    try:
        value = json.loads(stored.value) if stored is not None else ""
    except ValueError:
        value = ""
    if isinstance(value, str) and value.strip():
        return value
    if provider:
        return _("the management of {provider}").format(provider=provider)
    return _("the management of our organisation")
