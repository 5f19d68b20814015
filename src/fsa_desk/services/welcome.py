"""Willkommensleistung deliverables: Ankommens-Checkliste, Kompetenzerhebung, Vermittlungen."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, fields
from datetime import date

from sqlalchemy import select

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import Kompetenzerhebung, Membership, WelcomeChecklistItem
from fsa_desk.store.store import Store

ITEM_STATUSES = ("offen", "erledigt", "entfaellt")


@dataclass(frozen=True)
class ChecklistEntry:
    id: uuid.UUID
    item: str
    person_id: uuid.UUID | None
    status: str
    done_on: date | None


def start_checklist(store: Store, household_id: uuid.UUID) -> list[ChecklistEntry]:
    """Create the open checklist once: one entry per item, Kita/Schule once per child."""
    with store.transaction() as session:
        existing = session.scalars(
            select(WelcomeChecklistItem).where(
                WelcomeChecklistItem.household_id == household_id,
                WelcomeChecklistItem.deleted_hlc.is_(None),
            )
        ).all()
        if not existing:
            children = session.scalars(
                select(Membership.person_id).where(
                    Membership.household_id == household_id,
                    Membership.role == "kind",
                    Membership.deleted_hlc.is_(None),
                    Membership.valid_to.is_(None),
                )
            ).all()
            existing = _new_items(household_id, list(children))
            session.add_all(existing)
        return [_entry(i) for i in existing]


def _new_items(household_id: uuid.UUID, children: list[uuid.UUID]) -> list[WelcomeChecklistItem]:
    items = []
    for code in code_list("welcome_checklist").codes:
        for person_id in children if code.extra.get("per_child") else [None]:
            items.append(
                WelcomeChecklistItem(
                    household_id=household_id, item=code.code, person_id=person_id, status="offen"
                )
            )
    return items


def set_item_status(
    store: Store,
    item_id: uuid.UUID,
    status: str,
    *,
    comment: str | None = None,
    today: date | None = None,
) -> ChecklistEntry:
    if status not in ITEM_STATUSES:
        raise InputRejected(_("Unknown checklist status '{status}'.").format(status=status))
    with store.transaction() as session:
        item = live(
            session,
            WelcomeChecklistItem,
            item_id,
            _("The checklist item does not exist (any more)."),
        )
        item.status = status
        item.done_on = (today or date.today()) if status == "erledigt" else None
        item.comment = comment
        return _entry(item)


def _entry(item: WelcomeChecklistItem) -> ChecklistEntry:
    return ChecklistEntry(item.id, item.item, item.person_id, item.status, item.done_on)


@dataclass(frozen=True)
class Kompetenzen:
    recorded_on: date
    schooling: str | None = None
    training: str | None = None
    work_experience: str | None = None
    german_level: str | None = None
    recognition: str | None = None
    interests: str | None = None


GERMAN_LEVELS = ("A0", "A1", "A2", "B1", "B2", "C1", "C2")


def record_kompetenzen(
    store: Store, person_id: uuid.UUID, data: Kompetenzen, *, today: date | None = None
) -> uuid.UUID:
    checks = Checks(today or date.today())
    checks.past_date("recorded_on", _("Recorded on"), data.recorded_on)
    if data.german_level is not None and data.german_level not in GERMAN_LEVELS:
        checks.add("german_level", _("German level must be one of A0 to C2."))
    checks.raise_if_any()
    with store.transaction() as session:
        row = Kompetenzerhebung(
            person_id=person_id, **{f.name: getattr(data, f.name) for f in fields(data)}
        )
        session.add(row)
        return row.id
