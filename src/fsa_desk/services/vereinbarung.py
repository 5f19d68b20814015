"""The Vereinbarungsblatt of a consultation: drafted from what was recorded, printed as a PDF.

The draft takes each line of the consultation's agreements as one step and its follow-up date as
the next appointment; the counsellor edits both before printing. The sheet names the persons
present (or, failing that, those concerned, or the household's members) and nothing else about
them: no note, no life area, no address.

The contact line (phone, office hours) is this installation's setting, remembered for next time.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fsa_desk.errors import UsageError
from fsa_desk.forms.vereinbarung import (
    AgreementItem,
    SheetText,
    VereinbarungSheet,
    render_pdf,
    sheet_text,
)
from fsa_desk.i18n import _
from fsa_desk.services import restriction
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Consultation,
    ConsultationPerson,
    Counsellor,
    Household,
    Membership,
    Person,
    Setting,
)
from fsa_desk.store.store import Store

__all__ = [
    "AgreementItem",
    "SheetText",
    "VereinbarungSheet",
    "contact_line",
    "remember_contact_line",
    "save_sheet_pdf",
    "sheet_pdf",
    "sheet_text",
    "vereinbarung_draft",
    "vereinbarung_pdf",
]

CONTACT_LINE_KEY = "vereinbarung_contact_line"
_BULLETS = "-–•*·"


def vereinbarung_draft(store: Store, consultation_id: uuid.UUID) -> VereinbarungSheet:
    """The sheet as the consultation's record suggests it."""
    with store.read() as session:
        consultation = live(
            session,
            Consultation,
            consultation_id,
            _("The consultation does not exist (any more)."),
        )
        household = session.get(Household, consultation.household_id)
        counsellor = session.get(Counsellor, consultation.counsellor_id)
        names = _names_for(session, consultation)
        line = _stored_contact_line(session)
    provider = (counsellor.provider if counsellor else None) or (
        household.provider if household else None
    )
    return VereinbarungSheet(
        household_ref=household.household_ref if household else "",
        for_names=names,
        contact_date=consultation.date,
        counsellor=counsellor.name if counsellor else "",
        provider=provider or store.installation_provider() or "",
        contact_line=line,
        items=items_from_agreements(consultation.agreements),
        next_appointment=consultation.follow_up_on,
    )


def vereinbarung_pdf(
    store: Store, consultation_id: uuid.UUID, items: list[AgreementItem] | None = None
) -> bytes:
    """The sheet as a PDF; ``items`` replace the steps drafted from the agreements."""
    restriction.refuse_for_consultation(store, consultation_id)
    sheet = vereinbarung_draft(store, consultation_id)
    if items is not None:
        sheet = replace(sheet, items=tuple(items))
    return render_pdf(sheet)


def sheet_pdf(sheet: VereinbarungSheet) -> bytes:
    """A sheet the counsellor edited, as a PDF."""
    return render_pdf(sheet)


def items_from_agreements(agreements: str | None) -> tuple[AgreementItem, ...]:
    """One step per line of the recorded agreements, list bullets removed."""
    lines = (line.strip().lstrip(_BULLETS).strip() for line in (agreements or "").splitlines())
    return tuple(AgreementItem(line) for line in lines if line)


def contact_line(store: Store) -> str:
    with store.read() as session:
        return _stored_contact_line(session)


def remember_contact_line(store: Store, text: str) -> None:
    """Keep the contact line for the next sheet (a local setting, never exchanged)."""
    with store.transaction() as session:
        session.merge(Setting(key=CONTACT_LINE_KEY, value=json.dumps(" ".join(text.split()))))


def _stored_contact_line(session: Session) -> str:
    stored = session.get(Setting, CONTACT_LINE_KEY)
    try:
        value = json.loads(stored.value) if stored is not None else ""
    except ValueError:
        return ""
    return value if isinstance(value, str) else ""


def _names_for(session: Session, consultation: Consultation) -> tuple[str, ...]:
    """Who the sheet is for: those present, else those concerned, else the household."""
    linked = session.execute(
        select(ConsultationPerson.role, Person.given_name, Person.family_name)
        .join(Person, Person.id == ConsultationPerson.person_id)
        .where(
            ConsultationPerson.consultation_id == consultation.id,
            ConsultationPerson.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
        .order_by(Person.family_name, Person.given_name)
    ).all()
    for role in ("anwesend", "betroffen"):
        names = [_full(given, family) for r, given, family in linked if r == role]
        if names:
            return tuple(dict.fromkeys(names))
    return _members(session, consultation.household_id, consultation.date)


def _members(session: Session, household_id: uuid.UUID, day: date) -> tuple[str, ...]:
    rows = session.execute(
        select(Person.given_name, Person.family_name)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.household_id == household_id,
            Membership.deleted_hlc.is_(None),
            or_(Membership.valid_from.is_(None), Membership.valid_from <= day),
            or_(Membership.valid_to.is_(None), Membership.valid_to >= day),
            Person.deleted_hlc.is_(None),
        )
        .order_by(Membership.valid_from, Person.family_name)
    ).all()
    return tuple(dict.fromkeys(_full(given, family) for given, family in rows))


def _full(given: str, family: str) -> str:
    return f"{given} {family}".strip()


def save_sheet_pdf(store: Store, sheet: VereinbarungSheet, path: Path) -> Path:
    """Write the sheet's PDF to ``path`` and remember its contact line for the next sheet."""
    data = render_pdf(sheet)
    try:
        path.write_bytes(data)
    except OSError as error:
        raise UsageError(
            _("The file {path} could not be saved: {reason}").format(
                path=path, reason=error.strerror or type(error).__name__
            )
        ) from None
    remember_contact_line(store, sheet.contact_line)
    return path
