"""What the printed Fallbericht says: the counsellor's text with the figures read from the store
— hours delivered against hours approved per life area, contacts, the goals as reviewed in the
Auswertungsgespräch — in the current language. ``services.fallbericht`` owns the workflow.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list, kriterienkatalog
from fsa_desk.forms import fallbericht as form
from fsa_desk.i18n import _, language
from fsa_desk.services import (
    fachleistung_documents,
    fachleistung_hours,
    integrationsplan,
    restriction,
)
from fsa_desk.services.fachleistung_case import load_case
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Bedarfsanzeige,
    Bewilligung,
    BewilligungHours,
    Consent,
    Counsellor,
    Fallbericht,
    Household,
)
from fsa_desk.store.store import Store


def kind_label(kind: str) -> str:
    labels = {"verlaengerung": _("Report for a Verlängerung"), "abschluss": _("Closing report")}
    return labels.get(kind, kind)


def status_label(status: str) -> str:
    labels = {"entwurf": _("draft"), "fertig": _("finished"), "versandt": _("sent")}
    return labels.get(status, status)


def area_label(area: str) -> str:
    if area == "ohne":
        return _("without life area")
    areas = code_list("life_areas")
    return areas.label(area, language()) if area in areas else area


def load(session: Session, fallbericht_id: uuid.UUID) -> Fallbericht:
    return live(
        session, Fallbericht, fallbericht_id, _("The Fallbericht does not exist (any more).")
    )


def case_consent(session: Session, row: Fallbericht) -> Consent | None:
    """The consent of the Bedarfsanzeige behind the Bewilligung, else the case's latest one."""
    approval = session.get(Bewilligung, row.bewilligung_id) if row.bewilligung_id else None
    query = select(Bedarfsanzeige.consent_id).where(
        Bedarfsanzeige.case_id == row.case_id,
        Bedarfsanzeige.deleted_hlc.is_(None),
        Bedarfsanzeige.consent_id.is_not(None),
    )
    if approval is not None and approval.bedarfsanzeige_id is not None:
        query = query.order_by((Bedarfsanzeige.id == approval.bedarfsanzeige_id).desc())
    consent_id = session.scalars(query.order_by(Bedarfsanzeige.created_hlc.desc())).first()
    return session.get(Consent, consent_id) if consent_id else None


def fallbericht_form(
    session: Session, fallbericht_id: uuid.UUID, today: date
) -> form.FallberichtForm:
    """The report's content in the current language, figures read from the store."""
    row = load(session, fallbericht_id)
    case = load_case(session, row.case_id)
    household = session.get(Household, case.household_id)
    counsellor = session.get(Counsellor, case.counsellor_id)
    assert household is not None
    approval = session.get(Bewilligung, row.bewilligung_id) if row.bewilligung_id else None
    if row.status != "versandt":  # a copy of what was sent discloses nothing new
        fachleistung_documents.refuse_revoked(case_consent(session, row), today)
    catalogue = kriterienkatalog()
    goals, reviews = _goal_lines(session, case.id, row.period_from, today)
    reviews = tuple(  # the client's words once: section 5 quotes them already
        replace(r, differing_view=None) if r.differing_view == row.client_assessment else r
        for r in reviews
    )
    delivered = (
        fachleistung_hours.delivered(session, approval.id, until=row.period_to)
        if approval
        else fachleistung_hours.Delivered(0, 0, 0, {})
    )
    return form.FallberichtForm(
        provider=household.provider or (counsellor.provider if counsellor else None),
        household_ref=household.household_ref,
        counsellor=counsellor.name if counsellor else "—",
        kind=row.kind,
        kind_label=kind_label(row.kind),
        status_mark=_("Draft") if row.status == "entwurf" else None,
        draft_mark=catalogue.title if catalogue.draft else None,
        persons=fachleistung_documents.case_persons(session, case.id),
        aktenzeichen=approval.aktenzeichen if approval else "—",
        approved_from=approval.period_from if approval else row.period_from,
        approved_to=approval.period_to if approval else row.period_to,
        period_from=row.period_from,
        period_to=row.period_to,
        approved_total=Decimal(approval.approved_hours) if approval else Decimal(0),
        used=_used(session, approval, row.period_to),
        hours=_hours_lines(session, approval, delivered),
        contacts=delivered.contacts,
        direct_contacts=delivered.direct_contacts,
        no_shows=delivered.no_shows,
        course=row.course,
        goals=goals,
        reviews=reviews,
        client_assessment=row.client_assessment,
        client_assessment_on=row.client_assessment_on,
        obstacles_structural=row.obstacles_structural,
        obstacles_official=row.obstacles_official,
        obstacles_personal=row.obstacles_personal,
        further_need=row.further_need,
    )


def _used(session: Session, approval: Bewilligung | None, until: date) -> Decimal:
    if approval is None:
        return Decimal(0)
    return fachleistung_hours.used_hours(session, [approval.id], until=until)[approval.id]


def _hours_lines(
    session: Session, approval: Bewilligung | None, delivered: fachleistung_hours.Delivered
) -> tuple[form.HoursLine, ...]:
    approved: dict[str, Decimal] = {}
    if approval is not None:
        approved = {
            area: Decimal(hours)
            for area, hours in session.execute(
                select(BewilligungHours.life_area, BewilligungHours.hours).where(
                    BewilligungHours.bewilligung_id == approval.id,
                    BewilligungHours.deleted_hlc.is_(None),
                )
            )
        }
    order = [code.code for code in code_list("life_areas")] + ["ohne"]
    areas = sorted(
        set(approved) | {a for a, h in delivered.hours_by_life_area.items() if h},
        key=lambda a: order.index(a) if a in order else len(order),
    )
    return tuple(
        form.HoursLine(
            area_label(area),
            approved.get(area),
            delivered.hours_by_life_area.get(area, Decimal(0)),
        )
        for area in areas
    )


def _goal_lines(
    session: Session, case_id: uuid.UUID, since: date, today: date
) -> tuple[tuple[form.GoalLine, ...], tuple[form.ReviewLine, ...]]:
    """Every goal of the case's plans with its latest rating since ``since``."""
    goals: list[form.GoalLine] = []
    reviews: list[form.ReviewLine] = []
    for plan in integrationsplan.case_plans_of(session, case_id, today):
        held = [a for a in plan.auswertungen if a.held_on is not None and a.held_on >= since]
        latest = held[-1] if held else None
        for goal in plan.goals:
            rating = latest.rating_of(goal.id) if latest else None
            goals.append(
                form.GoalLine(
                    plan.person_name,
                    goal.text_client,
                    goal.text_professional,
                    integrationsplan.rating_label(rating.client_rating if rating else None),
                    integrationsplan.rating_label(rating.counsellor_rating if rating else None),
                    integrationsplan.goal_status_label(goal.status),
                )
            )
        reviews += [
            form.ReviewLine(plan.person_name, a.held_on, a.what_helped, a.client_differing_view)
            for a in held
            if a.held_on is not None
        ]
    return tuple(goals), tuple(sorted(reviews, key=lambda r: r.held_on))


def fallbericht_pdf(store: Store, fallbericht_id: uuid.UUID, *, today: date | None = None) -> bytes:
    """The Fallbericht as an A4 PDF."""
    restriction.refuse_case_of(store, Fallbericht, fallbericht_id)
    with store.read() as session:
        content = fallbericht_form(session, fallbericht_id, today or date.today())
    return form.pdf(content)


def fallbericht_preview(
    store: Store, fallbericht_id: uuid.UUID, *, today: date | None = None
) -> str:
    """Every word of the PDF, for the editor's preview and for reading it to the client."""
    with store.read() as session:
        content = fallbericht_form(session, fallbericht_id, today or date.today())
    return form.text(content)
