"""The Fallbericht (``verlaengerung`` or ``abschluss``): drafted from the documented period,
edited by the counsellor, printed for the Sozialamt.

The draft starts from what is recorded: the figures (hours delivered against hours approved per
life area, contacts, the goals as reviewed in the Auswertungsgespräch) are read from the store
whenever the report is shown or printed; the course opens with a sentence on the contacts, and
the client's own assessment is the client's view from the last Auswertungsgespräch, verbatim and
dated. Clerks want one or two pages: fields longer than that get a **soft hint**, never a block,
and nothing is ever cut off.

The printed report and its figures: ``services.fallbericht_content``.

Status: ``entwurf`` → ``fertig`` (complete; editing takes it back) → ``versandt`` (read-only;
the day it was sent goes into the case history). A revoked or expired consent blocks printing a
report not yet sent.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.forms import fallbericht as form
from fsa_desk.i18n import _
from fsa_desk.services import fachleistung_hours, integrationsplan
from fsa_desk.services.fachleistung_case import consent_problem, load_case
from fsa_desk.services.fallbericht_content import (
    area_label,
    case_consent,
    fallbericht_form,
    fallbericht_pdf,
    fallbericht_preview,
    kind_label,
    load,
    status_label,
)
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Bedarfsanzeige,
    Bewilligung,
    CaseStatusChange,
    FachleistungCase,
    Fallbericht,
)
from fsa_desk.store.store import Store

__all__ = [
    "FallberichtInput",
    "FallberichtSummary",
    "FallberichtView",
    "LengthHint",
    "case_fallberichte",
    "case_fallberichte_of",
    "completeness_problems",
    "draft_fallbericht",
    "fallbericht_pdf",
    "fallbericht_preview",
    "get_fallbericht",
    "kind_label",
    "length_hints",
    "mark_ready",
    "mark_sent",
    "reopen",
    "status_label",
    "update_fallbericht",
]

KINDS = ("verlaengerung", "abschluss")
STATUSES = ("entwurf", "fertig", "versandt")
EDITABLE = ("entwurf", "fertig")
# Soft length hints in characters: about two pages in all, with the tables.
LENGTH_HINTS = {
    "course": 1500,
    "client_assessment": 800,
    "obstacles_structural": 500,
    "obstacles_official": 500,
    "obstacles_personal": 500,
    "further_need": 800,
}
TOTAL_HINT = 3500


@dataclass(frozen=True)
class FallberichtInput:
    """What the counsellor writes; the figures come from the store."""

    period_from: date
    period_to: date
    course: str | None = None
    client_assessment: str | None = None  # verbatim
    client_assessment_on: date | None = None
    obstacles_structural: str | None = None
    obstacles_official: str | None = None
    obstacles_personal: str | None = None
    further_need: str | None = None


_TEXTS = tuple(name for name in LENGTH_HINTS)


@dataclass(frozen=True)
class LengthHint:
    field: str  # a text field of ``FallberichtInput``, or "" for the whole report
    message: str


def length_hints(data: FallberichtInput) -> tuple[LengthHint, ...]:
    """Soft hints where the report grows beyond what a clerk reads: a warning, never a block."""
    hints = []
    for name, limit in LENGTH_HINTS.items():
        size = len(getattr(data, name) or "")
        if size > limit:
            hints.append(
                LengthHint(
                    name,
                    _(
                        "{size} characters – about {limit} are usually enough. Shorter reads "
                        "better; nothing will be cut off."
                    ).format(size=size, limit=limit),
                )
            )
    total = sum(len(getattr(data, name) or "") for name in _TEXTS)
    if total > TOTAL_HINT:
        hints.append(
            LengthHint(
                "",
                _(
                    "The texts run to {size} characters: the report will probably be longer "
                    "than the 1–2 pages the Sozialamt asks for."
                ).format(size=total),
            )
        )
    return tuple(hints)


def _check(data: FallberichtInput, checks: Checks) -> Checks:
    if data.period_to < data.period_from:
        checks.add("period_to", _("The period ends before it begins."))
    checks.plausible_date("period_from", _("Reporting period from"), data.period_from)
    checks.plausible_date("period_to", _("Reporting period until"), data.period_to)
    checks.past_date("client_assessment_on", _("Assessment given on"), data.client_assessment_on)
    return checks


# --- the draft ---------------------------------------------------------------------------------


def draft_fallbericht(
    store: Store,
    case_id: uuid.UUID,
    kind: str,
    *,
    bewilligung_id: uuid.UUID | None = None,
    today: date | None = None,
) -> uuid.UUID:
    """A new report on the case's Bewilligung (default: the latest that has begun), pre-filled."""
    today = today or date.today()
    if kind not in KINDS:
        raise InputRejected(_("Unknown kind of Fallbericht '{kind}'.").format(kind=kind))
    with store.transaction() as session:
        case = load_case(session, case_id)
        approval = _approval_for(session, case, bewilligung_id, today)
        _refuse_second(session, approval, kind)
        period_to = min(approval.period_to, today)
        delivered = fachleistung_hours.delivered(session, approval.id, until=period_to)
        review = _last_review(session, case.id, approval.period_from, today)
        row = Fallbericht(
            case_id=case.id,
            bewilligung_id=approval.id,
            kind=kind,
            status="entwurf",
            period_from=approval.period_from,
            period_to=period_to,
            course=_course_opening(delivered, approval.period_from, period_to),
            client_assessment=review[1] if review else None,
            client_assessment_on=review[0] if review else None,
            further_need=_further_need(session, case.id, approval) if kind != "abschluss" else None,
        )
        session.add(row)
        return row.id


def _approval_for(
    session: Session, case: FachleistungCase, bewilligung_id: uuid.UUID | None, today: date
) -> Bewilligung:
    if bewilligung_id is not None:
        approval = live(
            session, Bewilligung, bewilligung_id, _("The Bewilligung does not exist (any more).")
        )
        if approval.case_id != case.id:
            raise InputRejected(_("The Bewilligung belongs to another case."))
        return approval
    latest = session.scalars(
        select(Bewilligung)
        .where(
            Bewilligung.case_id == case.id,
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.period_from <= today,
        )
        .order_by(Bewilligung.period_from.desc())
    ).first()
    if latest is None:
        raise InputRejected(
            _("A Fallbericht reports on a Bewilligung; this case has none that has begun.")
        )
    return latest


def _refuse_second(session: Session, approval: Bewilligung, kind: str) -> None:
    existing = session.scalars(
        select(Fallbericht.id).where(
            Fallbericht.bewilligung_id == approval.id,
            Fallbericht.kind == kind,
            Fallbericht.deleted_hlc.is_(None),
        )
    ).first()
    if existing is not None:
        raise InputRejected(
            _("There is already a Fallbericht of this kind for Bewilligung {number}.").format(
                number=approval.aktenzeichen
            )
        )


def _course_opening(delivered: fachleistung_hours.Delivered, first: date, last: date) -> str:
    areas = sorted(delivered.hours_by_life_area.items(), key=lambda item: -item[1])
    names = [area_label(area) for area, hours in areas[:3] if hours > 0]
    text = _(
        "From {first} to {last}: {contacts} documented contacts, of them {direct} direct "
        "contacts with the client; missed appointments: {no_shows}."
    ).format(
        first=first.strftime("%d.%m.%Y"),
        last=last.strftime("%d.%m.%Y"),
        contacts=delivered.contacts,
        direct=delivered.direct_contacts,
        no_shows=delivered.no_shows,
    )
    if names:
        text += " " + _("Main life areas: {areas}.").format(areas=", ".join(names))
    return text


def _last_review(
    session: Session, case_id: uuid.UUID, since: date, today: date
) -> tuple[date, str] | None:
    """The client's view from the latest Auswertungsgespräch held since ``since``."""
    held = [
        (review.held_on, review.client_differing_view)
        for plan in integrationsplan.case_plans_of(session, case_id, today)
        for review in plan.auswertungen
        if review.held_on is not None and review.held_on >= since and review.client_differing_view
    ]
    if not held:
        return None
    day, words = max(held, key=lambda item: item[0])
    assert day is not None and words is not None
    return day, words


def _further_need(session: Session, case_id: uuid.UUID, approval: Bewilligung) -> str | None:
    """For a Verlängerung: what the new Bedarfsanzeige requests, if one is drafted."""
    request = session.scalars(
        select(Bedarfsanzeige)
        .where(
            Bedarfsanzeige.case_id == case_id,
            Bedarfsanzeige.kind == "verlaengerung",
            Bedarfsanzeige.deleted_hlc.is_(None),
            Bedarfsanzeige.id != approval.bedarfsanzeige_id,
        )
        .order_by(Bedarfsanzeige.created_hlc.desc())
    ).first()
    if request is None or request.period_from is None or request.period_to is None:
        return None
    return _("Requested with the Bedarfsanzeige for {first} – {last}.").format(
        first=request.period_from.strftime("%d.%m.%Y"),
        last=request.period_to.strftime("%d.%m.%Y"),
    )


# --- editing and the workflow ------------------------------------------------------------------


def _editable(session: Session, fallbericht_id: uuid.UUID) -> Fallbericht:
    row = load(session, fallbericht_id)
    if row.status not in EDITABLE:
        raise InputRejected(_("This Fallbericht was sent and can no longer be changed."))
    return row


def update_fallbericht(
    store: Store, fallbericht_id: uuid.UUID, data: FallberichtInput, *, today: date | None = None
) -> None:
    """The counsellor's text; a finished report returns to ``entwurf``."""
    _check(data, Checks(today or date.today())).raise_if_any()
    with store.transaction() as session:
        row = _editable(session, fallbericht_id)
        for item in fields(FallberichtInput):
            value = getattr(data, item.name)
            setattr(row, item.name, _clean(value) if isinstance(value, str) else value)
        row.status = "entwurf"


def _clean(text: str) -> str | None:
    return text.strip() if text.strip() else None


def completeness_problems(row: Fallbericht) -> list[str]:
    """What a finished report needs; the client's view may be "nicht erhoben, weil …"."""
    problems = []
    if not row.course:
        problems.append(_("Describe the course of the help."))
    if not row.client_assessment:
        problems.append(
            _(
                "Quote the client's own assessment, or write why it was not recorded "
                "('nicht erhoben, weil …')."
            )
        )
    if row.kind == "verlaengerung" and not row.further_need:
        problems.append(_("A report for a Verlängerung needs the further need."))
    return problems


def mark_ready(store: Store, fallbericht_id: uuid.UUID) -> None:
    """Entwurf → fertig, once complete."""
    with store.transaction() as session:
        row = _editable(session, fallbericht_id)
        problems = completeness_problems(row)
        if problems:
            raise InputRejected(" ".join(problems))
        row.status = "fertig"


def reopen(store: Store, fallbericht_id: uuid.UUID) -> None:
    """Fertig → entwurf, to change it once more."""
    with store.transaction() as session:
        _editable(session, fallbericht_id).status = "entwurf"


def mark_sent(
    store: Store, fallbericht_id: uuid.UUID, sent_on: date, *, today: date | None = None
) -> None:
    """Fertig → versandt; the day goes into the case history. Needs a valid consent."""
    checks = Checks(today or date.today())
    checks.past_date("sent_on", _("Sent on"), sent_on)
    with store.transaction() as session:
        row = load(session, fallbericht_id)
        if row.status != "fertig":
            checks.add("status", _("Only a finished Fallbericht can be sent."))
        problem = consent_problem(case_consent(session, row), sent_on)
        if problem:
            checks.add("consent", problem)
        checks.raise_if_any()
        row.status = "versandt"
        case = load_case(session, row.case_id)
        comment = _("{kind} sent to the Sozialamt").format(kind=kind_label(row.kind))
        session.add(
            CaseStatusChange(
                case_id=case.id, status=case.status, changed_on=sent_on, comment=comment
            )
        )


# --- reading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FallberichtView:
    id: uuid.UUID
    case_id: uuid.UUID
    bewilligung_id: uuid.UUID | None
    kind: str
    status: str
    editable: bool
    data: FallberichtInput
    figures: form.FallberichtForm  # the printed content, figures included
    hints: tuple[LengthHint, ...]
    problems: tuple[str, ...]  # before it can be finished


@dataclass(frozen=True)
class FallberichtSummary:
    id: uuid.UUID
    kind: str
    status: str
    period_from: date
    period_to: date
    aktenzeichen: str | None


def get_fallbericht(
    store: Store, fallbericht_id: uuid.UUID, *, today: date | None = None
) -> FallberichtView:
    with store.read() as session:
        row = load(session, fallbericht_id)
        data = FallberichtInput(
            **{item.name: getattr(row, item.name) for item in fields(FallberichtInput)}
        )
        return FallberichtView(
            id=row.id,
            case_id=row.case_id,
            bewilligung_id=row.bewilligung_id,
            kind=row.kind,
            status=row.status,
            editable=row.status in EDITABLE,
            data=data,
            figures=fallbericht_form(session, row.id, today or date.today()),
            hints=length_hints(data),
            problems=tuple(completeness_problems(row)),
        )


def case_fallberichte(store: Store, case_id: uuid.UUID) -> list[FallberichtSummary]:
    with store.read() as session:
        return case_fallberichte_of(session, case_id)


def case_fallberichte_of(session: Session, case_id: uuid.UUID) -> list[FallberichtSummary]:
    """The case's reports by period, with the Aktenzeichen they report on."""
    rows = session.execute(
        select(Fallbericht, Bewilligung.aktenzeichen)
        .outerjoin(Bewilligung, Bewilligung.id == Fallbericht.bewilligung_id)
        .where(Fallbericht.case_id == case_id, Fallbericht.deleted_hlc.is_(None))
        .order_by(Fallbericht.period_to, Fallbericht.created_hlc)
    ).all()
    return [
        FallberichtSummary(r.id, r.kind, r.status, r.period_from, r.period_to, number)
        for r, number in rows
    ]
