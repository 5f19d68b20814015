"""Fristen & Aufgaben: which items appear at the edges of today and the horizon, and ticking off."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from fsa_desk.errors import InputRejected
from fsa_desk.services import fachleistung, households, persons, tasks
from fsa_desk.services.agenda import (
    Completion,
    Group,
    ItemKind,
    agenda,
    complete,
    revert,
)
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Auswertungsgespraech,
    Bedarfsanzeige,
    Bescheid,
    Counsellor,
    Integrationsplan,
    Referral,
    Task,
)
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family

DAY = timedelta(days=1)


def frist(store: Store, family: Family, due: date, subject: str, remind_days: int = 7) -> uuid.UUID:
    """A Frist with exactly this due date (the domain's rules are tested on their own)."""
    with store.transaction() as session:
        row = Bescheid(
            household_id=family.household.id,
            authority="Jobcenter Dresden",
            subject=subject,
            kind="widerspruch",
            letter_date=TODAY - 20 * DAY,
            delivery="post",
            due_on=due,
            remind_from=due - remind_days * DAY,
            rule="Widerspruch: 1 Monat nach Bekanntgabe",
        )
        session.add(row)
        return row.id


def texts(store: Store, group: Group | None = None, **options: object) -> list[str]:
    result = agenda(store, today=TODAY, **options)  # type: ignore[arg-type]
    return [item.text for g, items in result.groups() if group in (None, g) for item in items]


def consultation(family: Family, day: date, **fields: object) -> ConsultationInput:
    base = ConsultationInput(family.household.id, day, duration_minutes=45, contact_type="buero")
    return replace(base, **fields)  # type: ignore[arg-type]


def test_fristen_fall_into_overdue_today_and_upcoming_up_to_the_horizon(
    store: Store, family: Family
) -> None:
    frist(store, family, TODAY - DAY, "Gestern fällig")
    frist(store, family, TODAY, "Heute fällig")
    frist(store, family, TODAY + 14 * DAY, "Am Ende des Horizonts")
    frist(store, family, TODAY + 15 * DAY, "Hinter dem Horizont", remind_days=0)

    result = agenda(store, today=TODAY, horizon_days=14)

    assert [i.text for i in result.overdue] == [
        "Widerspruchsfrist: Gestern fällig (Jobcenter Dresden)"
    ]
    assert [i.text for i in result.due_today] == [
        "Widerspruchsfrist: Heute fällig (Jobcenter Dresden)"
    ]
    assert [i.text for i in result.upcoming] == [
        "Widerspruchsfrist: Am Ende des Horizonts (Jobcenter Dresden)"
    ]
    item = result.due_today[0]
    assert item.household_ref == "B1-2024-001"
    assert item.household_name == "Haddad, Rania (+1)"
    assert item.detail == "Widerspruch: 1 Monat nach Bekanntgabe"
    assert item.completion == Completion.MARK_BESCHEID_DONE


def test_a_frist_beyond_the_horizon_appears_once_its_reminder_starts(
    store: Store, family: Family
) -> None:
    frist(store, family, TODAY + 20 * DAY, "Erinnerung ab heute", remind_days=20)
    frist(store, family, TODAY + 20 * DAY, "Erinnerung ab morgen", remind_days=19)
    assert texts(store, horizon_days=7) == [
        "Widerspruchsfrist: Erinnerung ab heute (Jobcenter Dresden)"
    ]


def test_marking_a_frist_done_removes_it_and_reverting_brings_it_back(
    store: Store, family: Family
) -> None:
    frist(store, family, TODAY, "Bescheid")
    item = agenda(store, today=TODAY).due_today[0]

    done = complete(store, item, today=TODAY)
    assert len(agenda(store, today=TODAY)) == 0

    revert(store, done)
    assert [i.key for i in agenda(store, today=TODAY).due_today] == [item.key]


def test_tasks_complete_and_deleted_tasks_do_not_appear(store: Store, family: Family) -> None:
    open_id = tasks.add_task(store, family.household.id, TODAY + 2 * DAY, "Rückruf", today=TODAY)
    gone_id = tasks.add_task(store, family.household.id, TODAY, "Gelöscht", today=TODAY)
    with store.transaction() as session:
        deleted = session.get(Task, gone_id)
        assert deleted is not None
        tombstone(deleted)

    [item] = agenda(store, today=TODAY).upcoming
    assert (item.kind, item.text, item.source_id) == (ItemKind.AUFGABE, "Rückruf", open_id)

    done = complete(store, item, today=TODAY)
    assert len(agenda(store, today=TODAY)) == 0
    revert(store, done)
    assert texts(store) == ["Rückruf"]


def test_a_closed_households_items_do_not_appear(store: Store, family: Family) -> None:
    frist(store, family, TODAY - DAY, "Vor dem Abschluss")
    tasks.add_task(store, family.household.id, TODAY, "Noch offen", today=TODAY)
    households.set_status(
        store, family.household.id, "abgeschlossen", closure_reason="umzug", today=TODAY
    )
    assert len(agenda(store, today=TODAY)) == 0


def test_a_task_without_household_is_listed_without_one(store: Store) -> None:
    tasks.add_task(store, None, TODAY, "Teamsitzung vorbereiten", today=TODAY)
    [item] = agenda(store, today=TODAY).due_today
    assert (item.household_id, item.household_ref, item.household_name) == (None, "", "")


def test_an_expiring_title_appears_eight_weeks_ahead_once_for_the_family(
    store: Store, family: Family
) -> None:
    expires = TODAY + 50 * DAY  # beyond the 14-day horizon, inside the 8 weeks
    for person in (family.mother, family.child):
        persons.add_residence_status(
            store,
            person.id,
            "erlaubnis",
            valid_from=date(2025, 1, 8),
            expires_on=expires,
            today=TODAY,
        )

    [item] = agenda(store, today=TODAY, horizon_days=14).upcoming
    assert item.kind == ItemKind.AUFENTHALT
    assert item.due == expires
    assert item.text == (
        "Aufenthaltserlaubnis von Rania und Omar Haddad läuft ab: Verlängerung beantragen"
    )
    assert len(agenda(store, today=TODAY - 7 * DAY, horizon_days=14)) == 0  # 57 days ahead


def test_a_title_is_no_reminder_once_a_newer_status_is_recorded(
    store: Store, family: Family
) -> None:
    persons.add_residence_status(
        store,
        family.mother.id,
        "fiktion",
        valid_from=date(2026, 9, 1),
        expires_on=TODAY + 10 * DAY,
        today=TODAY,
    )
    assert len(agenda(store, today=TODAY)) == 1
    persons.add_residence_status(
        store,
        family.mother.id,
        "erlaubnis",
        valid_from=TODAY,
        expires_on=date(2029, 11, 19),
        today=TODAY,
    )
    assert len(agenda(store, today=TODAY)) == 0


def test_ticking_off_a_title_records_a_done_frist_and_undo_removes_it(
    store: Store, family: Family
) -> None:
    expires = TODAY - 2 * DAY
    persons.add_residence_status(
        store,
        family.mother.id,
        "fiktion",
        valid_from=date(2026, 8, 1),
        expires_on=expires,
        today=TODAY,
    )
    [item] = agenda(store, today=TODAY).overdue
    assert item.completion == Completion.RECORD_TITLE_HANDLED

    done = complete(store, item, today=TODAY)
    assert len(agenda(store, today=TODAY)) == 0
    with store.read() as session:
        bescheid = session.get(Bescheid, done.recorded_bescheid_ids[0])
        assert bescheid is not None
        assert (bescheid.kind, bescheid.expires_on, bescheid.done_on) == (
            "fiktion_ablauf",
            expires,
            TODAY,
        )

    revert(store, done)
    assert [i.key for i in agenda(store, today=TODAY).overdue] == [item.key]


def test_the_willkommensjahr_end_appears_six_weeks_ahead_until_its_last_day(
    store: Store,
) -> None:
    # Allocated 21.12.2025: the Willkommensjahr ends on 20.12.2026, 30 days after TODAY.
    ending = households.create_household(
        store,
        households.NewHousehold("B1-2025-090", allocation_date=date(2025, 12, 21)),
        today=TODAY,
    )
    households.create_household(  # ends 09.01.2027: 50 days ahead, not yet
        store,
        households.NewHousehold("B1-2026-001", allocation_date=date(2026, 1, 10)),
        today=TODAY,
    )
    [item] = agenda(store, today=TODAY, horizon_days=14).upcoming
    assert (item.kind, item.due, item.household_ref) == (
        ItemKind.WILLKOMMEN,
        date(2026, 12, 20),
        "B1-2025-090",
    )
    assert not item.can_complete
    with pytest.raises(InputRejected, match="Übergangsgespräch"):
        complete(store, item, today=TODAY)
    after = agenda(store, today=date(2026, 12, 21))  # the year is over
    assert [i.household_ref for g, items in after.groups() for i in items] == ["B1-2026-001"]

    with store.transaction() as session:
        session.add(
            Referral(household_id=ending.id, referred_on=TODAY, to_whom="MBE", is_transition=True)
        )
    assert len(agenda(store, today=TODAY)) == 0  # the transition conversation is recorded


def test_a_follow_up_is_done_by_a_later_consultation_that_took_place(
    store: Store, family: Family
) -> None:
    record_consultation(
        store,
        consultation(
            family,
            TODAY - 10 * DAY,
            follow_up_on=TODAY + 3 * DAY,
            agreements="Kontoauszüge mitbringen\nJobcenter anrufen",
        ),
        today=TODAY,
    )
    assert texts(store) == ["Wiedervorlage aus dem Kontakt vom 10.11.2026: Kontoauszüge mitbringen"]
    record_consultation(
        store,
        consultation(family, TODAY - 2 * DAY, outcome="nicht_erschienen", duration_minutes=0),
        today=TODAY,
    )
    assert len(agenda(store, today=TODAY)) == 1  # a no-show answers nothing
    record_consultation(store, consultation(family, TODAY - DAY), today=TODAY)
    assert len(agenda(store, today=TODAY)) == 0


def test_dismissing_a_follow_up_clears_its_date_and_undo_restores_it(
    store: Store, family: Family
) -> None:
    record_consultation(
        store, consultation(family, TODAY - 3 * DAY, follow_up_on=TODAY - DAY), today=TODAY
    )
    [item] = agenda(store, today=TODAY).overdue
    done = complete(store, item, today=TODAY)
    assert done.previous_follow_up == TODAY - DAY
    assert len(agenda(store, today=TODAY)) == 0
    revert(store, done)
    assert [i.due for i in agenda(store, today=TODAY).overdue] == [TODAY - DAY]


def test_a_bewilligung_ending_is_listed_until_a_verlaengerung_begins(
    store: Store, family: Family
) -> None:
    case_id = fachleistung.open_case(store, family.household.id, date(2026, 1, 5))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.2-FL-2026-0007", date(2026, 2, 1), TODAY + 40 * DAY, Decimal(50)
        ),
        today=TODAY,
    )
    [item] = agenda(store, today=TODAY).upcoming
    assert item.kind == ItemKind.FACHLEISTUNG
    assert "50.2-FL-2026-0007" in item.text
    with store.transaction() as session:
        session.add(Bedarfsanzeige(case_id=case_id, kind="verlaengerung", status="entwurf"))
    assert len(agenda(store, today=TODAY)) == 0


def test_a_missing_fallbericht_is_due_four_weeks_after_the_bewilligung_ended(
    store: Store, family: Family
) -> None:
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 12, 1))
    ended = TODAY - 20 * DAY
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.2-FL-2025-0100", date(2026, 1, 1), ended, Decimal(40)
        ),
        today=TODAY,
    )
    [item] = agenda(store, today=TODAY).upcoming
    assert item.due == ended + 28 * DAY
    assert item.text == "Fallbericht zur Bewilligung 50.2-FL-2025-0100 schreiben"


def test_only_mine_keeps_to_my_households_and_vertretungen(store: Store, family: Family) -> None:
    me = store.installation_counsellor_id()
    assert me is not None
    with store.transaction() as session:
        colleague = Counsellor(name="Jonas Richter", code="D6")
        session.add(colleague)
    other = households.create_household(
        store,
        households.NewHousehold("D6-2025-001", counsellor_id=colleague.id),
        today=TODAY,
    )
    frist(store, family, TODAY, "Meine Frist")
    with store.transaction() as session:
        session.add(
            Bescheid(
                household_id=other.id,
                authority="BAMF",
                subject="Fremde Frist",
                kind="asyl_klage",
                due_on=TODAY,
                remind_from=TODAY,
                rule="2 Wochen",
            )
        )

    assert len(texts(store, counsellor=me)) == 1
    assert len(texts(store, counsellor=None)) == 2
    households.assign_counsellor(
        store, other.id, me, "vertretung", valid_from=TODAY - DAY, valid_to=TODAY + 7 * DAY
    )
    assert len(texts(store, counsellor=me)) == 2


def test_a_scheduled_auswertungsgespraech_is_due_until_it_is_held(
    store: Store, family: Family
) -> None:
    with store.transaction() as session:
        plan = Integrationsplan(person_id=family.mother.id, agreed_on=date(2026, 3, 1))
        talk = Auswertungsgespraech(plan_id=plan.id, scheduled_on=TODAY)
        session.add_all([plan, talk])
    assert texts(store, Group.TODAY) == ["Auswertungsgespräch mit Rania Haddad"]
    with store.transaction() as session:
        held = session.get(Auswertungsgespraech, talk.id)
        assert held is not None
        held.held_on = TODAY
    assert len(agenda(store, today=TODAY)) == 0
