"""The agenda's Fachleistung dates: a Bewilligung running out, a Fallbericht missing after its end,
a scheduled Auswertungsgespräch. Done by their own records, never ticked off in the agenda.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import Exists, Select, and_, exists, or_, select
from sqlalchemy.orm import Session, aliased

from fsa_desk.i18n import _
from fsa_desk.services.agenda_items import AgendaItem, Completion, ItemKind
from fsa_desk.services.agenda_sources import (
    FALLBERICHT_AFTER_END,
    LEAD_TIMES,
    Source,
    Window,
    current_member,
    german,
    mine,
    new_item,
    open_households,
)
from fsa_desk.store.models import (
    Auswertungsgespraech,
    Bedarfsanzeige,
    Bewilligung,
    FachleistungCase,
    Fallbericht,
    Household,
    Integrationsplan,
    Membership,
    Person,
)


def _bewilligung_ends(session: Session, window: Window) -> Iterable[AgendaItem]:
    """A running Bewilligung in its last 8 weeks without a Verlängerung begun."""
    renewed = or_(
        _succeeded(),
        exists().where(
            Bedarfsanzeige.case_id == Bewilligung.case_id,
            Bedarfsanzeige.kind == "verlaengerung",
            Bedarfsanzeige.status != "zurueckgezogen",
            Bedarfsanzeige.deleted_hlc.is_(None),
            or_(
                Bewilligung.bedarfsanzeige_id.is_(None),
                Bedarfsanzeige.id != Bewilligung.bedarfsanzeige_id,
            ),
            or_(
                Bedarfsanzeige.period_from.is_(None),
                Bedarfsanzeige.period_from > Bewilligung.period_from,
            ),
        ),
    )
    query = _bewilligungen().where(
        Bewilligung.status == "laufend",
        Bewilligung.period_to >= window.today,
        Bewilligung.period_to <= window.reaches(ItemKind.FACHLEISTUNG),
        ~renewed,
        *mine(window, FachleistungCase.counsellor_id == window.counsellor),
    )
    lead = LEAD_TIMES[ItemKind.FACHLEISTUNG]
    for bewilligung, household_id, ref in session.execute(query):
        end: date = bewilligung.period_to
        if not window.shows(end, end - lead):
            continue
        yield new_item(
            ItemKind.FACHLEISTUNG,
            end,
            household_id,
            ref,
            _("Bewilligung {number} ends: prepare the Verlängerung or the closing").format(
                number=bewilligung.aktenzeichen
            ),
            _(
                "A Verlängerung needs a new Bedarfsanzeige, a Fallbericht and the "
                "Auswertungsgespräch with the client."
            ),
            bewilligung.id,
            Completion.BY_RECORD,
        )


def _fallberichte(session: Session, window: Window) -> Iterable[AgendaItem]:
    """A Bewilligung that ended without a successor and without its Fallbericht."""
    reported = exists().where(
        Fallbericht.case_id == Bewilligung.case_id,
        Fallbericht.deleted_hlc.is_(None),
        or_(
            Fallbericht.bewilligung_id == Bewilligung.id,
            and_(
                Fallbericht.bewilligung_id.is_(None),
                Fallbericht.period_to >= Bewilligung.period_from,
            ),
        ),
    )
    query = _bewilligungen().where(
        Bewilligung.period_to < window.today,
        Bewilligung.period_to <= window.until - FALLBERICHT_AFTER_END,
        ~_succeeded(),
        ~reported,
        *mine(window, FachleistungCase.counsellor_id == window.counsellor),
    )
    for bewilligung, household_id, ref in session.execute(query):
        ended: date = bewilligung.period_to
        yield new_item(
            ItemKind.FACHLEISTUNG,
            ended + FALLBERICHT_AFTER_END,
            household_id,
            ref,
            _("Write the Fallbericht for Bewilligung {number}").format(
                number=bewilligung.aktenzeichen
            ),
            _("The Bewilligung ended on {day}.").format(day=german(ended)),
            bewilligung.id,
            Completion.BY_RECORD,
        )


def _succeeded() -> Exists:
    """A later Bewilligung in the same case follows this one."""
    later = aliased(Bewilligung)
    return exists().where(
        later.case_id == Bewilligung.case_id,
        later.id != Bewilligung.id,
        later.deleted_hlc.is_(None),
        later.period_from > Bewilligung.period_from,
    )


def _bewilligungen() -> Select[Bewilligung, uuid.UUID, str]:
    return (
        select(Bewilligung, Household.id, Household.household_ref)
        .join(FachleistungCase, FachleistungCase.id == Bewilligung.case_id)
        .join(Household, Household.id == FachleistungCase.household_id)
        .where(
            Bewilligung.deleted_hlc.is_(None),
            FachleistungCase.deleted_hlc.is_(None),
            *open_households(),
        )
    )


def _auswertungsgespraeche(session: Session, window: Window) -> Iterable[AgendaItem]:
    query = (
        select(
            Auswertungsgespraech.id,
            Auswertungsgespraech.scheduled_on,
            Person.given_name,
            Person.family_name,
            Household.id,
            Household.household_ref,
        )
        .join(Integrationsplan, Integrationsplan.id == Auswertungsgespraech.plan_id)
        .join(Person, Person.id == Integrationsplan.person_id)
        .join(Membership, Membership.person_id == Person.id)
        .join(Household, Household.id == Membership.household_id)
        .where(
            Auswertungsgespraech.deleted_hlc.is_(None),
            Auswertungsgespraech.held_on.is_(None),
            Auswertungsgespraech.scheduled_on <= window.until,
            Integrationsplan.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
            current_member(),
            *open_households(),
            *mine(window),
        )
    )
    for row_id, scheduled, given, family, household_id, ref in session.execute(query):
        assert scheduled is not None  # "<= date" is never true for NULL
        yield new_item(
            ItemKind.FACHLEISTUNG,
            scheduled,
            household_id,
            ref,
            _("Auswertungsgespräch with {name}").format(name=f"{given} {family}".strip()),
            _("Reviewing the goals of the Integrationsplan together with the client."),
            row_id,
            Completion.BY_RECORD,
        )


SOURCES: tuple[Source, ...] = (_bewilligung_ends, _fallberichte, _auswertungsgespraeche)
