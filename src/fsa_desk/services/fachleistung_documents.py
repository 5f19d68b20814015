"""The Bedarfsanzeige's printed form and its plausibility figures, filled from what is documented.

``bedarfsanzeige_pdf`` and ``bedarfsanzeige_preview`` print the same document: the preview is
what the client reads before signing ("Was geht ans Amt").
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.domain.codes import code_list, kriterienkatalog
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.errors import InputRejected
from fsa_desk.forms import bedarfsanzeige as form
from fsa_desk.i18n import language
from fsa_desk.services import bedarfsanzeige, fachleistung_hours, restriction
from fsa_desk.services.fachleistung_case import case_person_ids, consent_problem, load_case
from fsa_desk.store.models import (
    Bedarfsanzeige,
    Bewilligung,
    Consent,
    Counsellor,
    FachleistungCase,
    Household,
    Person,
)
from fsa_desk.store.store import Store

PLAUSIBILITY_MONTHS = 6


@dataclass(frozen=True)
class Plausibility:
    """Documented hours per month before the request, and earlier approvals with their use."""

    months: tuple[tuple[str, Decimal], ...]  # ("YYYY-MM", hours)
    approvals: tuple[form.ApprovalLine, ...]

    @property
    def monthly_mean(self) -> Decimal:
        if not self.months:
            return Decimal(0)
        return sum((hours for _m, hours in self.months), Decimal(0)) / len(self.months)

    @property
    def yearly_pace(self) -> Decimal:
        """The documented pace over 12 months: to hold against the projected total."""
        return self.monthly_mean * 12


def plausibility(store: Store, anzeige_id: uuid.UUID, *, today: date | None = None) -> Plausibility:
    with store.read() as session:
        row = bedarfsanzeige.load(session, anzeige_id)
        return plausibility_of(session, row, today or date.today())


def plausibility_of(session: Session, row: Bedarfsanzeige, today: date) -> Plausibility:
    """The 6 complete months before the form was signed (or before today, for a draft)."""
    case = load_case(session, row.case_id)
    reference = row.signed_counsellor_on or today
    months = rules_of_budget.last_months(reference, PLAUSIBILITY_MONTHS)
    first = date(months[0][0], months[0][1], 1)
    minutes = fachleistung_hours.household_minutes(session, case.household_id, first, reference)
    hours = rules_of_budget.monthly_hours(minutes, months)
    return Plausibility(
        tuple((f"{y:04d}-{m:02d}", value) for (y, m), value in hours),
        _earlier_approvals(session, case, row.period_from or reference),
    )


def _earlier_approvals(
    session: Session, case: FachleistungCase, before: date
) -> tuple[form.ApprovalLine, ...]:
    """The household's approvals that began before the requested period."""
    rows = session.scalars(
        select(Bewilligung)
        .join(FachleistungCase, FachleistungCase.id == Bewilligung.case_id)
        .where(
            FachleistungCase.household_id == case.household_id,
            FachleistungCase.deleted_hlc.is_(None),
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.period_from < before,
        )
        .order_by(Bewilligung.period_from)
    ).all()
    used = fachleistung_hours.used_hours(session, [r.id for r in rows])
    return tuple(
        form.ApprovalLine(
            r.aktenzeichen, r.period_from, r.period_to, Decimal(r.approved_hours), used[r.id]
        )
        for r in rows
    )


def bedarfsanzeige_form(
    session: Session, anzeige_id: uuid.UUID, today: date
) -> form.BedarfsanzeigeForm:
    """The form's content in the current language, from the stored Bedarfsanzeige."""
    row = bedarfsanzeige.load(session, anzeige_id)
    shown = bedarfsanzeige.view(session, row, today)
    case = load_case(session, row.case_id)
    household = session.get(Household, case.household_id)
    assert household is not None
    counsellor = session.get(Counsellor, case.counsellor_id)
    consent = session.get(Consent, row.consent_id) if row.consent_id else None
    _refuse_revoked(consent, today)
    checks = plausibility_of(session, row, today)
    lang = language()
    life_areas = code_list("life_areas")
    services = code_list("other_services")
    catalogue = kriterienkatalog()
    return form.BedarfsanzeigeForm(
        provider=household.provider or (counsellor.provider if counsellor else None),
        household_ref=household.household_ref,
        counsellor=counsellor.name if counsellor else "—",
        kind=code_list("bedarfsanzeige_kinds").label(row.kind, lang),
        version=row.version,
        replaces_version=_replaced_version(session, row),
        persons=_persons(session, case.id),
        period_from=row.period_from,
        period_to=row.period_to,
        catalogue_version=row.kriterienkatalog_version or catalogue.version,
        draft_mark=catalogue.title if catalogue.draft else None,
        criteria=tuple(
            (life_areas.label(c.life_area, lang), c.label, c.justification) for c in shown.criteria
        ),
        services=tuple((services.label(s.service, lang), s.detail) for s in shown.data.services),
        other_services_reason=row.other_services_reason,
        hours=tuple(
            (life_areas.label(area, lang), hours)
            for area, hours in sorted(
                shown.data.hours.items(), key=lambda i: _order(life_areas, i[0])
            )
        ),
        months=tuple((_month_label(month), hours) for month, hours in checks.months),
        approvals=checks.approvals,
        situation_professional=row.situation_professional,
        situation_client=row.situation_client,
        client_view_missing_reason=row.client_view_missing_reason,
        goals=row.goals,
        who_does_what=row.who_does_what,
        sprachmittlung=_sprachmittlung(row),
        consent=form.ConsentLine(consent.recipient, consent.given_on, consent.valid_until)
        if consent is not None and consent.deleted_hlc is None
        else None,
        signed_client_on=row.signed_client_on,
        signed_counsellor_on=row.signed_counsellor_on,
    )


def _refuse_revoked(consent: Consent | None, today: date) -> None:
    """A revoked or expired consent blocks every form to the Sozialamt (a missing one does not:
    a draft is printed to discuss it with the client)."""
    if consent is None:
        return
    revoked = consent.revoked_on is not None and consent.revoked_on <= today
    expired = consent.valid_until is not None and consent.valid_until < today
    if revoked or expired:
        raise InputRejected(consent_problem(consent, today) or "")


def _replaced_version(session: Session, row: Bedarfsanzeige) -> int | None:
    if row.replaces_id is None:
        return None
    old = session.get(Bedarfsanzeige, row.replaces_id)
    return old.version if old is not None else None


def _persons(session: Session, case_id: uuid.UUID) -> tuple[form.PersonLine, ...]:
    ids = case_person_ids(session, case_id)
    people = session.scalars(
        select(Person).where(Person.id.in_(ids)).order_by(Person.birth_year, Person.given_name)
    ).all()
    return tuple(
        form.PersonLine(
            f"{p.given_name} {p.family_name}".strip(),
            PartialDate(p.birth_year, p.birth_month, p.birth_day).german() if p.birth_year else "",
            p.sozialamt_ref,
        )
        for p in people
    )


def _order(codes: object, code: str) -> int:
    listed = [c.code for c in codes]  # type: ignore[attr-defined]
    return listed.index(code) if code in listed else len(listed)


def _month_label(month: str) -> str:
    year, number = month.split("-")
    return f"{number}/{year}"


def _sprachmittlung(row: Bedarfsanzeige) -> str | None:
    if not row.sprachmittlung or row.sprachmittlung == "keine":
        return None
    lang = language()
    text = code_list("sprachmittlung").label(row.sprachmittlung, lang)
    if row.sprachmittlung_language:
        languages = code_list("languages")
        known = row.sprachmittlung_language in languages
        name = (
            languages.label(row.sprachmittlung_language, lang)
            if known
            else row.sprachmittlung_language
        )
        text += f" ({name})"
    return text


def bedarfsanzeige_pdf(store: Store, anzeige_id: uuid.UUID, *, today: date | None = None) -> bytes:
    """The Bedarfsanzeige as an A4 PDF."""
    restriction.refuse_case_of(store, Bedarfsanzeige, anzeige_id)
    with store.read() as session:
        content = bedarfsanzeige_form(session, anzeige_id, today or date.today())
    return form.pdf(content)


def bedarfsanzeige_preview(
    store: Store, anzeige_id: uuid.UUID, *, today: date | None = None
) -> str:
    """ "Was geht ans Amt": exactly the text the Sozialamt will read, to show the client."""
    with store.read() as session:
        content = bedarfsanzeige_form(session, anzeige_id, today or date.today())
    return form.text(content)


# --- shared with the Fallbericht and the client sheet -------------------------------------------


def case_persons(session: Session, case_id: uuid.UUID) -> tuple[form.PersonLine, ...]:
    """The persons the case covers, as the forms print them."""
    return _persons(session, case_id)


def refuse_revoked(consent: Consent | None, today: date) -> None:
    """Refuse a form to the Sozialamt once the client revoked the consent or it expired."""
    _refuse_revoked(consent, today)


def case_plausibility(
    store: Store,
    case_id: uuid.UUID,
    *,
    period_from: date | None = None,
    today: date | None = None,
) -> Plausibility:
    """The plausibility figures for a form not yet saved: as a new draft of the case would show
    them (a transient row, never added to the session)."""
    with store.read() as session:
        load_case(session, case_id)
        draft = Bedarfsanzeige(case_id=case_id, period_from=period_from)
        return plausibility_of(session, draft, today or date.today())
