"""The Bedarfsanzeige: the form that requests Fachleistung hours, and its way to the Sozialamt.

Status (DESIGN.md §3): ``entwurf`` → ``unterschrieben`` → ``angezeigt`` (sent, received) →
``rueckfrage`` → ``bewilligt`` | ``teilweise_bewilligt`` | ``abgelehnt``, or ``zurueckgezogen``.
A draft is edited freely; editing a signed form takes it back to ``entwurf`` (the client must sign
what the Amt will read). A submitted form is read-only: a change makes a new version that
``ersetzt`` the old one once it is sent. Fewer than 35 projected hours is a warning with its
reason, never a block: the decision is the Sozialamt's.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.domain.codes import kriterienkatalog
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.fachleistung_case import consent_problem, load_case, record_status
from fsa_desk.services.records import live
from fsa_desk.store.base import Base
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Bedarfsanzeige,
    BedarfsanzeigeCriterion,
    BedarfsanzeigeHours,
    BedarfsanzeigeService,
    Consent,
)
from fsa_desk.store.store import Store

KINDS = ("erst", "verlaengerung", "aufstockung")
EDITABLE = ("entwurf", "unterschrieben")
SUBMITTED = ("angezeigt", "rueckfrage")
DECIDED = ("bewilligt", "teilweise_bewilligt", "abgelehnt")
CLOSED = (*DECIDED, "zurueckgezogen", "ersetzt")
STATUSES = (*EDITABLE, *SUBMITTED, *CLOSED)
Line = TypeVar("Line", BedarfsanzeigeCriterion, BedarfsanzeigeService, BedarfsanzeigeHours)


@dataclass(frozen=True)
class CriterionInput:
    code: str  # a Kriterienkatalog item; its life area comes from the catalogue
    justification: str


@dataclass(frozen=True)
class ServiceInput:
    service: str  # other_services code
    detail: str | None = None


@dataclass(frozen=True)
class BedarfsanzeigeInput:
    """What the counsellor writes; a draft may be incomplete, signing checks completeness."""

    kind: str = "erst"
    period_from: date | None = None
    period_to: date | None = None
    criteria: tuple[CriterionInput, ...] = ()
    services: tuple[ServiceInput, ...] = ()
    other_services_reason: str | None = None
    hours: Mapping[str, Decimal] = field(default_factory=dict)  # projected, per life area
    situation_professional: str | None = None
    situation_client: str | None = None  # in the client's own words
    client_view_missing_reason: str | None = None  # "nicht erhoben, weil …"
    goals: str | None = None
    who_does_what: str | None = None
    sprachmittlung: str | None = None
    sprachmittlung_language: str | None = None
    consent_id: uuid.UUID | None = None


def create(
    store: Store, case_id: uuid.UUID, data: BedarfsanzeigeInput, *, today: date | None = None
) -> uuid.UUID:
    """A new draft of the case's Bedarfsanzeige."""
    _check_input(data, Checks(today or date.today())).raise_if_any()
    with store.transaction() as session:
        load_case(session, case_id)
        row = Bedarfsanzeige(case_id=case_id, status="entwurf", version=1)
        session.add(row)
        _write(session, row, data)
        return row.id


def update(
    store: Store, anzeige_id: uuid.UUID, data: BedarfsanzeigeInput, *, today: date | None = None
) -> None:
    """Replace a draft's content; a signed form returns to ``entwurf`` without signatures."""
    _check_input(data, Checks(today or date.today())).raise_if_any()
    with store.transaction() as session:
        row = _editable(session, anzeige_id)
        if row.status == "unterschrieben":
            row.status = "entwurf"
            row.signed_client_on = row.signed_counsellor_on = None
        _write(session, row, data)


def _editable(session: Session, anzeige_id: uuid.UUID) -> Bedarfsanzeige:
    row = load(session, anzeige_id)
    if row.status not in EDITABLE:
        raise InputRejected(
            _(
                "This Bedarfsanzeige was submitted and can no longer be changed; "
                "create a new version instead."
            )
        )
    return row


def load(session: Session, anzeige_id: uuid.UUID) -> Bedarfsanzeige:
    return live(
        session, Bedarfsanzeige, anzeige_id, _("The Bedarfsanzeige does not exist (any more).")
    )


def _check_input(data: BedarfsanzeigeInput, checks: Checks) -> Checks:
    if data.kind not in KINDS:
        checks.code("kind", _("Kind"), data.kind, "bedarfsanzeige_kinds")
    if data.period_from is not None and data.period_to is not None:
        problem = rules_of_budget.period_problem(data.period_from, data.period_to)
        if problem:
            checks.add("period_to", problem)
    checks.plausible_date("period_from", _("Requested from"), data.period_from)
    catalogue = kriterienkatalog()
    known = {item.code for item in catalogue.items}
    for criterion in data.criteria:
        if criterion.code not in known:
            checks.add(
                "criteria",
                _("'{code}' is not in the Kriterienkatalog {version}.").format(
                    code=criterion.code, version=catalogue.version
                ),
            )
    if len({c.code for c in data.criteria}) != len(data.criteria):
        checks.add("criteria", _("A criterion is listed twice."))
    for service in data.services:
        checks.code("services", _("Other service"), service.service, "other_services")
    for area, hours in data.hours.items():
        checks.code("hours", _("Life area"), area, "life_areas")
        if hours < 0:
            checks.add("hours", _("Projected hours cannot be negative."))
    if data.sprachmittlung:
        checks.code("sprachmittlung", _("Interpreting"), data.sprachmittlung, "sprachmittlung")
    return checks


def _write(session: Session, row: Bedarfsanzeige, data: BedarfsanzeigeInput) -> None:
    row.kind = data.kind
    row.period_from, row.period_to = data.period_from, data.period_to
    row.kriterienkatalog_version = kriterienkatalog().version
    row.other_services_reason = _clean(data.other_services_reason)
    row.situation_professional = _clean(data.situation_professional)
    row.situation_client = _clean(data.situation_client)
    row.client_view_missing_reason = _clean(data.client_view_missing_reason)
    row.goals, row.who_does_what = _clean(data.goals), _clean(data.who_does_what)
    row.sprachmittlung, row.sprachmittlung_language = (
        data.sprachmittlung,
        data.sprachmittlung_language,
    )
    row.consent_id = data.consent_id
    session.flush()
    catalogue = kriterienkatalog()
    _replace(
        session,
        BedarfsanzeigeCriterion,
        row.id,
        {(c.code, catalogue.get(c.code).life_area, c.justification.strip()) for c in data.criteria},
        lambda line: (line.criterion, line.life_area, line.justification),
        lambda key: BedarfsanzeigeCriterion(
            bedarfsanzeige_id=row.id, criterion=key[0], life_area=key[1], justification=key[2]
        ),
    )
    _replace(
        session,
        BedarfsanzeigeService,
        row.id,
        {(s.service, _clean(s.detail)) for s in data.services},
        lambda line: (line.service, line.detail),
        lambda key: BedarfsanzeigeService(bedarfsanzeige_id=row.id, service=key[0], detail=key[1]),
    )
    _replace(
        session,
        BedarfsanzeigeHours,
        row.id,
        {(area, hours.quantize(Decimal("0.01"))) for area, hours in data.hours.items() if hours},
        lambda line: (line.life_area, Decimal(line.hours)),
        lambda key: BedarfsanzeigeHours(bedarfsanzeige_id=row.id, life_area=key[0], hours=key[1]),
    )


def _replace(session, model, anzeige_id, wanted, key_of, make) -> None:  # type: ignore[no-untyped-def]
    """Make the stored lines equal ``wanted``: tombstone or add, never rewrite a line."""
    wanted = set(wanted)
    lines = session.scalars(
        select(model).where(model.bedarfsanzeige_id == anzeige_id, model.deleted_hlc.is_(None))
    )
    for line in lines:
        key = key_of(line)
        if key in wanted:
            wanted.discard(key)
        else:
            tombstone(line)
    for key in sorted(wanted, key=str):
        session.add(make(key))


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


# --- completeness and the workflow ----------------------------------------------------------


def signing_problems(session: Session, row: Bedarfsanzeige, day: date) -> list[str]:
    """What is missing before the client can sign, in sentences; empty when complete."""
    problems = []
    if row.period_from is None or row.period_to is None:
        problems.append(_("The requested period is missing."))
    criteria = _lines(session, BedarfsanzeigeCriterion, row.id)
    if not criteria:
        problems.append(_("Name at least one criterion of the Kriterienkatalog."))
    if any(not c.justification.strip() for c in criteria):
        problems.append(_("Every criterion needs its justification."))
    if not _lines(session, BedarfsanzeigeHours, row.id):
        problems.append(_("The projected hours per life area are missing."))
    if not row.situation_professional:
        problems.append(_("Describe the situation in professional terms."))
    if not row.situation_client and not row.client_view_missing_reason:
        problems.append(
            _(
                "Write down the situation in the client's own words, or why it was not "
                "recorded ('nicht erhoben, weil …')."
            )
        )
    if not row.goals:
        problems.append(_("The goals are missing."))
    consent = session.get(Consent, row.consent_id) if row.consent_id else None
    problem = consent_problem(consent, day)
    if problem:
        problems.append(problem)
    return problems


def _lines(session: Session, model: type[Line], anzeige_id: uuid.UUID) -> Sequence[Line]:
    return session.scalars(
        select(model).where(model.bedarfsanzeige_id == anzeige_id, model.deleted_hlc.is_(None))
    ).all()


def sign(
    store: Store,
    anzeige_id: uuid.UUID,
    client_on: date,
    counsellor_on: date,
    *,
    today: date | None = None,
) -> None:
    """Client and counsellor signed: only a complete form with a valid consent."""
    checks = Checks(today or date.today())
    checks.past_date("signed_client_on", _("Signed by the client"), client_on)
    checks.past_date("signed_counsellor_on", _("Signed by the counsellor"), counsellor_on)
    with store.transaction() as session:
        row = _editable(session, anzeige_id)
        for problem in signing_problems(session, row, max(client_on, counsellor_on)):
            checks.add("sign", problem)
        checks.raise_if_any()
        row.status = "unterschrieben"
        row.signed_client_on, row.signed_counsellor_on = client_on, counsellor_on


def send(
    store: Store,
    anzeige_id: uuid.UUID,
    sent_on: date,
    *,
    received_on: date | None = None,
    today: date | None = None,
) -> None:
    """Sent to the Sozialamt; the version it replaces becomes ``ersetzt``."""
    checks = Checks(today or date.today())
    checks.past_date("sent_on", _("Sent on"), sent_on)
    checks.past_date("received_on", _("Received on"), received_on)
    with store.transaction() as session:
        row = load(session, anzeige_id)
        if row.status != "unterschrieben":
            checks.add("status", _("Only a signed Bedarfsanzeige can be sent."))
        elif sent_on < max(row.signed_client_on or sent_on, row.signed_counsellor_on or sent_on):
            checks.add("sent_on", _("The form cannot be sent before it was signed."))
        if received_on is not None and received_on < sent_on:
            checks.add(
                "received_on", _("The Sozialamt cannot receive the form before it was sent.")
            )
        consent = session.get(Consent, row.consent_id) if row.consent_id else None
        problem = consent_problem(consent, sent_on)
        if problem:
            checks.add("consent", problem)
        checks.raise_if_any()
        row.status, row.sent_on, row.received_on = "angezeigt", sent_on, received_on
        if row.replaces_id is not None:
            load(session, row.replaces_id).status = "ersetzt"
        record_status(session, load_case(session, row.case_id), "angezeigt", sent_on, _version(row))


def confirm_receipt(
    store: Store, anzeige_id: uuid.UUID, received_on: date, *, today: date | None = None
) -> None:
    """The Sozialamt confirmed receipt (Eingangsdatum)."""
    checks = Checks(today or date.today())
    checks.past_date("received_on", _("Received on"), received_on)
    with store.transaction() as session:
        row = _submitted(session, anzeige_id)
        if row.sent_on is not None and received_on < row.sent_on:
            checks.add(
                "received_on", _("The Sozialamt cannot receive the form before it was sent.")
            )
        checks.raise_if_any()
        row.received_on = received_on


def rueckfrage(
    store: Store, anzeige_id: uuid.UUID, asked_on: date, question: str, *, today: date | None = None
) -> None:
    """The Sozialamt asked back; the question is kept in the case history."""
    checks = Checks(today or date.today())
    checks.past_date("asked_on", _("Date of the query"), asked_on)
    if not question.strip():
        checks.add("question", _("Write down what the Sozialamt asked."))
    checks.raise_if_any()
    with store.transaction() as session:
        row = _submitted(session, anzeige_id)
        row.status = "rueckfrage"
        record_status(
            session,
            load_case(session, row.case_id),
            "rueckfrage",
            asked_on,
            f"{_version(row)}: {question.strip()}",
        )


def answer_rueckfrage(
    store: Store, anzeige_id: uuid.UUID, answered_on: date, note: str | None = None
) -> None:
    """The query was answered without changing the form (else: ``new_version``)."""
    with store.transaction() as session:
        row = load(session, anzeige_id)
        if row.status != "rueckfrage":
            raise InputRejected(_("The Sozialamt has no open query on this Bedarfsanzeige."))
        row.status = "angezeigt"
        comment = f"{_version(row)}: {note.strip()}" if note and note.strip() else _version(row)
        record_status(session, load_case(session, row.case_id), "angezeigt", answered_on, comment)


def refuse(
    store: Store, anzeige_id: uuid.UUID, decided_on: date, *, today: date | None = None
) -> None:
    """The Sozialamt refused (Ablehnung); approvals are recorded with ``record_bewilligung``."""
    checks = Checks(today or date.today())
    checks.past_date("decided_on", _("Decision date"), decided_on)
    checks.raise_if_any()
    with store.transaction() as session:
        row = _submitted(session, anzeige_id)
        row.status, row.decided_on = "abgelehnt", decided_on
        record_status(
            session, load_case(session, row.case_id), "abgelehnt", decided_on, _version(row)
        )


def withdraw(
    store: Store, anzeige_id: uuid.UUID, withdrawn_on: date, reason: str | None = None
) -> None:
    """Zurückgezogen: by the client or the counsellor, at any time before the decision."""
    with store.transaction() as session:
        row = load(session, anzeige_id)
        if row.status in CLOSED:
            raise InputRejected(_("This Bedarfsanzeige is already decided or closed."))
        row.status = "zurueckgezogen"
        comment = (
            f"{_version(row)}: {reason.strip()}" if reason and reason.strip() else _version(row)
        )
        record_status(
            session, load_case(session, row.case_id), "zurueckgezogen", withdrawn_on, comment
        )


def new_version(store: Store, anzeige_id: uuid.UUID) -> uuid.UUID:
    """A changeable copy of a submitted form; once sent, it ``ersetzt`` the old version."""
    with store.transaction() as session:
        old = _submitted(session, anzeige_id)
        copy = Bedarfsanzeige(
            case_id=old.case_id,
            kind=old.kind,
            version=old.version + 1,
            replaces_id=old.id,
            status="entwurf",
        )
        for name in _COPIED:
            setattr(copy, name, getattr(old, name))
        session.add(copy)
        session.flush()
        for model, names in _LINE_FIELDS.items():
            for line in session.scalars(
                select(model).where(
                    model.bedarfsanzeige_id == old.id,  # type: ignore[attr-defined]
                    model.deleted_hlc.is_(None),  # type: ignore[attr-defined]
                )
            ):
                values = {name: getattr(line, name) for name in names}
                session.add(model(bedarfsanzeige_id=copy.id, **values))
        return copy.id


_COPIED = (
    "period_from",
    "period_to",
    "kriterienkatalog_version",
    "other_services_reason",
    "situation_professional",
    "situation_client",
    "client_view_missing_reason",
    "goals",
    "who_does_what",
    "sprachmittlung",
    "sprachmittlung_language",
    "consent_id",
)
_LINE_FIELDS: dict[type[Base], tuple[str, ...]] = {
    BedarfsanzeigeCriterion: ("criterion", "life_area", "justification"),
    BedarfsanzeigeService: ("service", "detail"),
    BedarfsanzeigeHours: ("life_area", "hours"),
}


def _submitted(session: Session, anzeige_id: uuid.UUID) -> Bedarfsanzeige:
    row = load(session, anzeige_id)
    if row.status not in SUBMITTED:
        raise InputRejected(
            _("This Bedarfsanzeige has not been sent to the Sozialamt (or is decided).")
        )
    return row


def _version(row: Bedarfsanzeige) -> str:
    return _("Bedarfsanzeige version {version}").format(version=row.version)


# --- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionLine:
    code: str
    life_area: str
    label: str
    justification: str


@dataclass(frozen=True)
class BedarfsanzeigeView:
    """Everything the editor shows, with the derived total, threshold and completeness."""

    id: uuid.UUID
    case_id: uuid.UUID
    kind: str
    version: int
    replaces_id: uuid.UUID | None
    status: str
    editable: bool
    data: BedarfsanzeigeInput
    criteria: tuple[CriterionLine, ...]
    total_hours: Decimal
    threshold: rules_of_budget.ThresholdCheck
    signing_problems: tuple[str, ...]
    signed_client_on: date | None
    signed_counsellor_on: date | None
    sent_on: date | None
    received_on: date | None
    decided_on: date | None


def get(store: Store, anzeige_id: uuid.UUID, *, today: date | None = None) -> BedarfsanzeigeView:
    with store.read() as session:
        return view(session, load(session, anzeige_id), today or date.today())


def view(session: Session, row: Bedarfsanzeige, today: date) -> BedarfsanzeigeView:
    criteria = tuple(
        CriterionLine(
            line.criterion, line.life_area, _criterion_label(line.criterion), line.justification
        )
        for line in sorted(
            _lines(session, BedarfsanzeigeCriterion, row.id),
            key=lambda line: _catalogue_order(line.criterion),
        )
    )
    hours = {
        line.life_area: Decimal(line.hours) for line in _lines(session, BedarfsanzeigeHours, row.id)
    }
    services = tuple(
        ServiceInput(line.service, line.detail)
        for line in _lines(session, BedarfsanzeigeService, row.id)
    )
    data = BedarfsanzeigeInput(
        kind=row.kind,
        period_from=row.period_from,
        period_to=row.period_to,
        criteria=tuple(CriterionInput(c.code, c.justification) for c in criteria),
        services=services,
        other_services_reason=row.other_services_reason,
        hours=hours,
        situation_professional=row.situation_professional,
        situation_client=row.situation_client,
        client_view_missing_reason=row.client_view_missing_reason,
        goals=row.goals,
        who_does_what=row.who_does_what,
        sprachmittlung=row.sprachmittlung,
        sprachmittlung_language=row.sprachmittlung_language,
        consent_id=row.consent_id,
    )
    total = rules_of_budget.projected_total(hours)
    return BedarfsanzeigeView(
        id=row.id,
        case_id=row.case_id,
        kind=row.kind,
        version=row.version,
        replaces_id=row.replaces_id,
        status=row.status,
        editable=row.status in EDITABLE,
        data=data,
        criteria=criteria,
        total_hours=total,
        threshold=rules_of_budget.threshold_check(total),
        signing_problems=tuple(signing_problems(session, row, today))
        if row.status in EDITABLE
        else (),
        signed_client_on=row.signed_client_on,
        signed_counsellor_on=row.signed_counsellor_on,
        sent_on=row.sent_on,
        received_on=row.received_on,
        decided_on=row.decided_on,
    )


def _criterion_label(code: str) -> str:
    from fsa_desk.i18n import language

    try:
        return kriterienkatalog().get(code).label(language())
    except KeyError:
        return code  # cited from an older catalogue


def _catalogue_order(code: str) -> int:
    codes = [item.code for item in kriterienkatalog().items]
    return codes.index(code) if code in codes else len(codes)


def case_bedarfsanzeigen(store: Store, case_id: uuid.UUID) -> list[tuple[uuid.UUID, str, int, str]]:
    """(id, kind, version, status) of the case's forms, oldest first."""
    with store.read() as session:
        rows = session.execute(
            select(
                Bedarfsanzeige.id,
                Bedarfsanzeige.kind,
                Bedarfsanzeige.version,
                Bedarfsanzeige.status,
            )
            .where(Bedarfsanzeige.case_id == case_id, Bedarfsanzeige.deleted_hlc.is_(None))
            .order_by(Bedarfsanzeige.created_hlc)
        ).all()
        return [(r[0], r[1], r[2], r[3]) for r in rows]


def live_total(hours: Mapping[str, Decimal]) -> rules_of_budget.ThresholdCheck:
    """The editor's live total and 35-hour warning, without touching the store."""
    return rules_of_budget.threshold_check(rules_of_budget.projected_total(hours))
