"""Fachleistung cases and Bewilligungen, as far as module derivation needs them.

Recording a Bewilligung — also a backdated one — re-derives the module and billability of
the household's consultations (DESIGN.md §3).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fsa_desk.domain.deadlines import month_later
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.consultations import recompute_household
from fsa_desk.services.records import live
from fsa_desk.store.models import Bewilligung, FachleistungCase, Household
from fsa_desk.store.store import Store


def open_case(store: Store, household_id: uuid.UUID, opened_on: date) -> uuid.UUID:
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
        return case.id


@dataclass(frozen=True)
class BewilligungInput:
    case_id: uuid.UUID
    aktenzeichen: str
    period_from: date
    period_to: date
    approved_hours: Decimal
    decision_date: date | None = None


@dataclass(frozen=True)
class BewilligungResult:
    id: uuid.UUID
    recomputed_consultations: tuple[uuid.UUID, ...]


def record_bewilligung(
    store: Store, data: BewilligungInput, *, today: date | None = None
) -> BewilligungResult:
    """Store an approval (at most 12 months) and re-derive the household's consultations."""
    _validate(data, Checks(today or date.today()))
    with store.transaction() as session:
        case = live(
            session,
            FachleistungCase,
            data.case_id,
            _("The Fachleistung case does not exist (any more)."),
        )
        row = Bewilligung(
            case_id=case.id,
            aktenzeichen=data.aktenzeichen.strip(),
            period_from=data.period_from,
            period_to=data.period_to,
            approved_hours=data.approved_hours,
            decision_date=data.decision_date,
        )
        session.add(row)
        session.flush()
        changed = recompute_household(session, case.household_id)
        return BewilligungResult(row.id, tuple(changed))


def _validate(data: BewilligungInput, checks: Checks) -> None:
    if not data.aktenzeichen.strip():
        checks.add("aktenzeichen", _("A Bewilligung needs the Amt's file number (Aktenzeichen)."))
    checks.plausible_date("period_from", _("Approved from"), data.period_from)
    checks.plausible_date("period_to", _("Approved until"), data.period_to)
    if data.period_to < data.period_from:
        checks.add("period_to", _("The period ends before it begins."))
    elif data.period_to >= month_later(data.period_from, 12):
        checks.add("period_to", _("A Bewilligung runs for at most 12 months."))
    if data.approved_hours <= 0:
        checks.add("approved_hours", _("The approved hours must be more than zero."))
    checks.past_date("decision_date", _("Decision date"), data.decision_date)
    checks.raise_if_any()
