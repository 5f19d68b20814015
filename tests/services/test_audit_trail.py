"""The audit trail: who entered, changed or deleted what and when — field names, never values."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from fsa_desk.errors import InputRejected
from fsa_desk.services import consultations, persons
from fsa_desk.services.audit_trail import (
    CHANGED,
    CREATED,
    DELETED,
    AuditQuery,
    audit_csv,
    audit_trail,
)
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


@pytest.fixture
def worked(store: Store, family: Family) -> Family:
    consultation = consultations.record_consultation(
        store,
        consultations.ConsultationInput(family.household.id, date(2026, 11, 3), 45, "buero"),
        today=TODAY,
    )
    persons.update_person(
        store,
        family.mother.id,
        persons.PersonData("Haddad", "Rania", phone="0351 000000", name_variants="Hadad"),
        today=TODAY,
    )
    consultations.delete_consultation(store, consultation.id)
    return family


def actions(entries: list) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(entry.record, entry.action) for entry in entries]


def test_the_household_trail_lists_every_event_in_order(store: Store, worked: Family) -> None:
    entries = audit_trail(store, AuditQuery(household_id=worked.household.id))
    events = actions(entries)
    assert events[0] == ("Haushalt", CREATED)
    assert ("Person", CREATED) in events and ("Zugehörigkeit", CREATED) in events
    assert ("Beratungskontakt", CREATED) in events
    assert events[-1] == ("Beratungskontakt", DELETED)
    [change] = [e for e in entries if e.action == CHANGED and e.record == "Person"]
    assert "phone" in change.fields
    assert all(entry.counsellor == "Anna Berg (B1)" for entry in entries)
    assert [e.when for e in entries] == sorted(e.when for e in entries)


def test_a_persons_trail_leaves_out_the_rest_of_the_household(store: Store, worked: Family) -> None:
    entries = audit_trail(store, AuditQuery(person_id=worked.child.id))
    assert {entry.record for entry in entries} <= {"Person", "Zugehörigkeit"}
    assert ("Person", CHANGED) not in actions(entries)  # only the mother was changed


def test_filters_by_counsellor_and_period(store: Store, worked: Family) -> None:
    household = worked.household.id
    assert audit_trail(store, AuditQuery(household_id=household, counsellor="XX")) == []
    tomorrow = date.today() + timedelta(days=1)
    assert audit_trail(store, AuditQuery(household_id=household, from_day=tomorrow)) == []
    today = AuditQuery(household_id=household, from_day=date.today(), to_day=date.today())
    assert len(audit_trail(store, today)) == len(audit_trail(store, AuditQuery(household)))


def test_the_csv_names_fields_but_never_values(store: Store, worked: Family) -> None:
    text = audit_csv(audit_trail(store, AuditQuery(household_id=worked.household.id)))
    assert text.splitlines()[0].startswith("Wann;Wer;Datensatz")
    assert "phone" in text
    for value in ("Rania", "Haddad", "0351 000000", "Hadad"):
        assert value not in text


def test_exactly_one_of_household_or_person(store: Store, worked: Family) -> None:
    with pytest.raises(InputRejected):
        audit_trail(store, AuditQuery())
    with pytest.raises(InputRejected):
        audit_trail(store, AuditQuery(worked.household.id, worked.mother.id))
