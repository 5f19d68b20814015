"""Right of access (Art. 15 DSGVO): everything stored about one person, as PDF and JSON.

What the report holds, and why (a provider decision, documented in SECURITY.md):
- the person's own records in full: person data, memberships, residence and benefit histories,
  consents, Art. 13 records, Vollmachten, Kompetenzerhebung, Bescheide, referrals, checklist
  items, Integrationspläne with their goals;
- the addresses of a household only for the time the person lived in it. An "Adresse geheim"
  (Gewaltschutz) is thereby the person's own when they lived there, and never shown to someone
  who had left the household before (DESIGN.md §3);
- consultations the person was present at or concerned by, with date, type, duration, life
  areas and the agreements and note — other persons' names removed. A ``vertraulich`` note and
  the free texts of a Fachleistung case that covers several persons are withheld for an
  individual review: they may hold third parties' data (Art. 15 (4) DSGVO, § 83 SGB X);
- never another person's data: other members, other persons present, counsellors.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from fsa_desk.forms.subject_access import AccessReport, AccessSection, Value, subject_access_pdf
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.base import SYNC_COLUMNS, Exchanged
from fsa_desk.store.models import (
    Address,
    Art13Record,
    Benefit,
    Bescheid,
    Bewilligung,
    CasePerson,
    Consent,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    FachleistungCase,
    Goal,
    Household,
    Integrationsplan,
    Kompetenzerhebung,
    Membership,
    Person,
    Referral,
    ResidenceStatus,
    Vollmacht,
    WelcomeChecklistItem,
)
from fsa_desk.store.store import Store

THIRD_PARTY = "[Dritte Person]"
# Internal references: they say nothing to the person and may point at other records.
_HIDDEN = frozenset(
    {
        "person_id",
        "household_id",
        "case_id",
        "plan_id",
        "consent_id",
        "counsellor_id",
        "bewilligung_id",
        "bedarfsanzeige_id",
        "replaces_id",
        "split_from_id",
        "consultation_id",
    }
)
# Tables that belong to the person through their ``person_id``: shown in full.
_OWN_TABLES: tuple[tuple[str, type[Exchanged]], ...] = (
    ("residence_statuses", ResidenceStatus),
    ("benefits", Benefit),
    ("art13_records", Art13Record),
    ("consents", Consent),
    ("vollmachten", Vollmacht),
    ("kompetenzerhebung", Kompetenzerhebung),
    ("bescheide", Bescheid),
    ("referrals", Referral),
    ("checklist", WelcomeChecklistItem),
)


def subject_access(
    store: Store, person_id: uuid.UUID, *, today: date | None = None
) -> AccessReport:
    """Everything stored about ``person_id`` that the person may see, as plain data."""
    with store.read() as session:
        person = live(session, Person, person_id, _("The person does not exist (any more)."))
        scrub = _scrubber(_third_party_names(session, person))
        sections = [AccessSection("person", _("Person"), (_fields(person),))]
        sections += _households(session, person_id, scrub)
        sections += [_own(session, key, m, person_id, scrub) for key, m in _OWN_TABLES]
        consultations, withheld = _consultations(session, person_id, scrub)
        sections.append(consultations)
        cases, case_withheld = _cases(session, person_id, scrub)
        sections += [cases, _plans(session, person_id, scrub)]
    statements = [_("This information lists every record stored about you in fsa-desk.")]
    if withheld:
        statements.append(_confidential_statement(withheld))
    if case_withheld:
        statements.append(_case_statement(case_withheld))
    statements.append(_("Names of other persons are replaced by [Dritte Person]."))
    return AccessReport(
        person_id=str(person_id),
        person_name=f"{person.given_name} {person.family_name}".strip(),
        generated_on=today or date.today(),
        provider=store.installation_provider(),
        sections=tuple(sections),
        statements=tuple(statements),
    )


def write_subject_access(
    store: Store, person_id: uuid.UUID, directory: Path, *, today: date | None = None
) -> tuple[Path, Path]:
    """The access report as ``auskunft-<id>.pdf`` and ``.json`` in ``directory``."""
    report = subject_access(store, person_id, today=today)
    pdf = subject_access_pdf(report)
    directory.mkdir(parents=True, exist_ok=True)
    stem = directory / f"auskunft-{person_id.hex[:8]}"
    pdf_path, json_path = stem.with_suffix(".pdf"), stem.with_suffix(".json")
    pdf_path.write_bytes(pdf)
    json_path.write_text(report_json(report), encoding="utf-8")
    return pdf_path, json_path


def report_json(report: AccessReport) -> str:
    payload: dict[str, Any] = asdict(report)
    payload["generated_on"] = report.generated_on.isoformat()
    payload["sections"] = {
        s.key: {"heading": s.heading, "rows": [dict(row) for row in s.rows]}
        for s in report.sections
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)


# --- the person's own records ----------------------------------------------------------------


def _own(
    session: Session, key: str, model: type[Exchanged], person_id: uuid.UUID, scrub: Scrub
) -> AccessSection:
    rows = session.scalars(
        select(model).where(model.person_id == person_id, model.deleted_hlc.is_(None))  # type: ignore[attr-defined]
    ).all()
    return AccessSection(
        key, _section_heading(key), tuple(_scrubbed(_fields(r), scrub) for r in rows)
    )


def _households(session: Session, person_id: uuid.UUID, scrub: Scrub) -> list[AccessSection]:
    memberships = session.scalars(
        select(Membership).where(
            Membership.person_id == person_id, Membership.deleted_hlc.is_(None)
        )
    ).all()
    member_rows, address_rows = [], []
    for membership in memberships:
        household = session.get(Household, membership.household_id)
        if household is None or household.deleted_hlc is not None:
            continue
        ref = (_("Household"), household.household_ref)
        household_fields = _scrubbed(_fields(household, {"household_ref"}), scrub)
        member_rows.append((ref, *_fields(membership), *household_fields))
        address_rows += [(ref, *_fields(a)) for a in _lived_at(session, membership)]
    return [
        AccessSection("memberships", _("Households"), tuple(member_rows)),
        AccessSection("addresses", _("Addresses"), tuple(address_rows)),
    ]


def _lived_at(session: Session, membership: Membership) -> list[Address]:
    """The household's addresses whose period overlaps the person's membership."""
    addresses = session.scalars(
        select(Address).where(
            Address.household_id == membership.household_id, Address.deleted_hlc.is_(None)
        )
    ).all()
    return [a for a in addresses if _overlaps(a.valid_from, a.valid_to, membership)]


def _overlaps(start: date | None, end: date | None, membership: Membership) -> bool:
    member_from, member_to = membership.valid_from or date.min, membership.valid_to or date.max
    return (start or date.min) <= member_to and (end or date.max) >= member_from


# --- consultations -------------------------------------------------------------------------


def _consultations(
    session: Session, person_id: uuid.UUID, scrub: Scrub
) -> tuple[AccessSection, int]:
    query = (
        select(Consultation, ConsultationPerson.role)
        .join(ConsultationPerson, ConsultationPerson.consultation_id == Consultation.id)
        .where(
            ConsultationPerson.person_id == person_id,
            ConsultationPerson.deleted_hlc.is_(None),
            Consultation.deleted_hlc.is_(None),
        )
        .order_by(Consultation.date)
    )
    rows, withheld = [], 0
    for consultation, role in session.execute(query).all():
        withheld += consultation.confidential and bool(consultation.note)
        rows.append(_consultation_row(session, consultation, role, scrub))
    return AccessSection("consultations", _("Consultations"), tuple(rows)), withheld


def _consultation_row(
    session: Session, consultation: Consultation, role: str, scrub: Scrub
) -> tuple[tuple[str, Value], ...]:
    areas = session.scalars(
        select(ConsultationLifeArea.life_area).where(
            ConsultationLifeArea.consultation_id == consultation.id,
            ConsultationLifeArea.deleted_hlc.is_(None),
        )
    ).all()
    withheld = consultation.confidential and consultation.note
    note = _("withheld for review") if withheld else scrub(consultation.note)
    return (
        (_("Date"), _day(consultation.date)),
        (_("Your role"), role),
        (_("Contact type"), consultation.contact_type),
        (_("Duration (minutes)"), consultation.duration_minutes),
        (_("Outcome"), consultation.outcome),
        (_("Life areas"), ", ".join(sorted(areas)) or None),
        (_("Language mediation"), consultation.sprachmittlung),
        (_("Agreements"), scrub(consultation.agreements)),
        (_("Note"), note),
        (_("Module"), consultation.module),
    )


# --- Fachleistung ----------------------------------------------------------------------------


def _cases(session: Session, person_id: uuid.UUID, scrub: Scrub) -> tuple[AccessSection, int]:
    case_ids = session.scalars(
        select(CasePerson.case_id).where(
            CasePerson.person_id == person_id, CasePerson.deleted_hlc.is_(None)
        )
    ).all()
    rows, withheld = [], 0
    for case_id in dict.fromkeys(case_ids):
        case = session.get(FachleistungCase, case_id)
        if case is None or case.deleted_hlc is not None:
            continue
        shared = _persons_in_case(session, case_id) > 1
        withheld += shared
        rows.append(_fields(case))
        for approval in _live_rows(session, Bewilligung, Bewilligung.case_id == case_id):
            skip = {"goals", "conditions"} if shared else set()
            rows.append(_scrubbed(_fields(approval, skip), scrub))
    return AccessSection("fachleistung", _("Fachleistung"), tuple(rows)), withheld


def _persons_in_case(session: Session, case_id: uuid.UUID) -> int:
    return len(_live_rows(session, CasePerson, CasePerson.case_id == case_id))


def _plans(session: Session, person_id: uuid.UUID, scrub: Scrub) -> AccessSection:
    rows: list[tuple[tuple[str, Value], ...]] = []
    for plan in _live_rows(session, Integrationsplan, Integrationsplan.person_id == person_id):
        rows.append(_fields(plan))
        rows += [
            _scrubbed(_fields(g), scrub) for g in _live_rows(session, Goal, Goal.plan_id == plan.id)
        ]
    return AccessSection("integrationsplan", _("Integration plan"), tuple(rows))


def _live_rows(session: Session, model: type[Any], condition: Any) -> Sequence[Any]:
    return session.scalars(select(model).where(condition, model.deleted_hlc.is_(None))).all()


# --- values ----------------------------------------------------------------------------------


def _fields(row: Exchanged, skip: Iterable[str] = ()) -> tuple[tuple[str, Value], ...]:
    hidden = _HIDDEN | SYNC_COLUMNS | set(skip)
    columns = [c.key for c in inspect(type(row)).column_attrs if c.key not in hidden]
    return tuple((name, _plain(getattr(row, name))) for name in columns)


def _plain(value: object) -> Value:
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value  # type: ignore[return-value]


def _day(value: date) -> str:
    return value.isoformat()


def _scrubbed(row: tuple[tuple[str, Value], ...], scrub: Scrub) -> tuple[tuple[str, Value], ...]:
    return tuple((k, scrub(v) if isinstance(v, str) else v) for k, v in row)


def _section_heading(key: str) -> str:
    return {
        "residence_statuses": _("Residence status history"),
        "benefits": _("Benefit history"),
        "art13_records": _("Information under Art. 13 GDPR"),
        "consents": _("Consents"),
        "vollmachten": _("Powers of attorney"),
        "kompetenzerhebung": _("Skills assessment"),
        "bescheide": _("Decisions and deadlines"),
        "referrals": _("Referrals"),
        "checklist": _("Arrival checklist"),
    }[key]


def _confidential_statement(count: int) -> str:
    return _(
        "{count} confidential note(s) are withheld: they may contain data of third persons "
        "and are disclosed after individual review (Art. 15 (4) GDPR)."
    ).format(count=count)


def _case_statement(count: int) -> str:
    return _(
        "{count} Fachleistung case(s) cover several persons: their free texts are disclosed "
        "after individual review (Art. 15 (4) GDPR)."
    ).format(count=count)


# --- third parties ---------------------------------------------------------------------------


class Scrub:
    """Replaces other persons' names in a free text by ``THIRD_PARTY``."""

    def __init__(self, pattern: re.Pattern[str] | None):
        self._pattern = pattern

    def __call__(self, text: Value) -> str | None:
        if text is None:
            return None
        if self._pattern is None:
            return str(text)
        return self._pattern.sub(THIRD_PARTY, str(text))


def _scrubber(names: set[str]) -> Scrub:
    words = sorted((n for n in names if len(n) > 1), key=len, reverse=True)
    if not words:
        return Scrub(None)
    alternatives = "|".join(re.escape(w) for w in words)
    return Scrub(re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE))


def _third_party_names(session: Session, person: Person) -> set[str]:
    """Names of everyone who shares a household or a consultation with ``person``.

    A family name shared with the person stays: it is also the person's own name; the given
    name and the full name of the other person go.
    """
    own = {n.casefold() for n in _names(person)}
    names: set[str] = set()
    for other in _related_persons(session, person.id):
        names |= {n for n in _names(other) if n.casefold() not in own}
        names.add(f"{other.given_name} {other.family_name}")
    return names


def _names(person: Person) -> set[str]:
    names = {person.family_name, person.given_name, person.name_original or ""}
    names |= set((person.name_variants or "").splitlines())
    return {n.strip() for n in names if n and n.strip()}


def _related_persons(session: Session, person_id: uuid.UUID) -> Sequence[Person]:
    households = select(Membership.household_id).where(Membership.person_id == person_id)
    consultations = select(ConsultationPerson.consultation_id).where(
        ConsultationPerson.person_id == person_id
    )
    members = select(Membership.person_id).where(Membership.household_id.in_(households))
    present = select(ConsultationPerson.person_id).where(
        ConsultationPerson.consultation_id.in_(consultations)
    )
    return session.scalars(
        select(Person).where(Person.id != person_id, Person.id.in_(members.union(present)))
    ).all()
