"""Vollmachten and Kurzkontakte in open office hours."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from datetime import date

from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import Kurzkontakt, Vollmacht
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class VollmachtInput:
    person_id: uuid.UUID
    scope: str
    recipient: str
    valid_from: date | None = None
    valid_until: date | None = None


def record_vollmacht(store: Store, data: VollmachtInput, *, today: date | None = None) -> uuid.UUID:
    """A power of attorney (§ 13 SGB X) with its scope, recipient and validity."""
    checks = Checks(today or date.today())
    if not data.scope.strip() or not data.recipient.strip():
        checks.add("scope", _("A power of attorney needs a scope and a recipient."))
    checks.past_date("valid_from", _("Valid from"), data.valid_from)
    checks.plausible_date("valid_until", _("Valid until"), data.valid_until)
    if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
        checks.add("valid_until", _("The period ends before it begins."))
    checks.raise_if_any()
    with store.transaction() as session:
        row = Vollmacht(
            person_id=data.person_id,
            scope=data.scope.strip(),
            recipient=data.recipient.strip(),
            valid_from=data.valid_from,
            valid_until=data.valid_until,
        )
        session.add(row)
        return row.id


def revoke_vollmacht(store: Store, vollmacht_id: uuid.UUID, revoked_on: date) -> None:
    with store.transaction() as session:
        row = live(
            session, Vollmacht, vollmacht_id, _("The power of attorney does not exist (any more).")
        )
        row.revoked_on = revoked_on


@dataclass(frozen=True)
class KurzkontaktInput:
    date: dt.date
    minutes: int
    language: str | None = None
    life_area: str | None = None
    target_group: bool = True


def record_kurzkontakt(
    store: Store, data: KurzkontaktInput, *, today: date | None = None
) -> uuid.UUID:
    """An anonymous short contact in open office hours: no person record is created."""
    checks = Checks(today or date.today())
    checks.past_date("date", _("Date"), data.date)
    checks.minutes("minutes", _("Duration"), data.minutes, allow_zero=False)
    checks.code("life_area", _("Life area"), data.life_area, "life_areas")
    checks.code("language", _("Language"), data.language, "languages")
    checks.raise_if_any()
    counsellor_id = store.installation_counsellor_id()
    if counsellor_id is None:
        raise InputRejected(_("No counsellor is set up on this installation."))
    with store.transaction() as session:
        row = Kurzkontakt(
            counsellor_id=counsellor_id,
            date=data.date,
            minutes=data.minutes,
            language=data.language,
            life_area=data.life_area,
            target_group=data.target_group,
        )
        session.add(row)
        return row.id
