"""Received decisions (Bescheide) and the deadlines computed from them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from fsa_desk.domain.deadlines import BescheidKind, Deadline, Delivery, compute_deadline
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import Bescheid
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class BescheidInput:
    household_id: uuid.UUID
    authority: str
    subject: str
    kind: str
    letter_date: date | None
    delivery: str = "post"
    received_on: date | None = None
    expires_on: date | None = None
    person_id: uuid.UUID | None = None


def record_bescheid(store: Store, data: BescheidInput, *, today: date | None = None) -> Deadline:
    """Store the decision with its computed deadline; returns the deadline and its rule."""
    checks = Checks(today or date.today())
    checks.code("kind", _("Kind of decision"), data.kind, "bescheid_kinds")
    checks.past_date("letter_date", _("Date of the letter"), data.letter_date)
    checks.past_date("received_on", _("Received on"), data.received_on)
    checks.plausible_date("expires_on", _("Expires on"), data.expires_on)
    if data.delivery not in {d.value for d in Delivery}:
        checks.add("delivery", _("Unknown kind of delivery '{value}'.").format(value=data.delivery))
    checks.raise_if_any()
    deadline = _compute(data)
    with store.transaction() as session:
        session.add(
            Bescheid(
                household_id=data.household_id,
                person_id=data.person_id,
                authority=data.authority,
                subject=data.subject,
                kind=data.kind,
                letter_date=data.letter_date,
                delivery=data.delivery,
                received_on=data.received_on,
                expires_on=data.expires_on,
                due_on=deadline.due,
                remind_from=deadline.remind_from,
                rule=deadline.rule,
            )
        )
    return deadline


def _compute(data: BescheidInput) -> Deadline:
    try:
        return compute_deadline(
            BescheidKind(data.kind),
            data.letter_date or data.received_on or data.expires_on,  # type: ignore[arg-type]
            Delivery(data.delivery),
            received_on=data.received_on,
            expires_on=data.expires_on,
        )
    except ValueError as error:
        raise InputRejected(str(error)) from None


def mark_done(store: Store, bescheid_id: uuid.UUID, *, today: date | None = None) -> None:
    with store.transaction() as session:
        row = live(session, Bescheid, bescheid_id, _("The decision does not exist (any more)."))
        row.done_on = today or date.today()
