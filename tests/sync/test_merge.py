"""The merge: field by field, the same in any arrival order, concurrent edits never silent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.services import conflicts, households, note_access, persons, sync_import
from fsa_desk.services.handover import write_handover
from fsa_desk.services.maintenance import check_database
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import Consultation, Household, NoteOpening, Person
from fsa_desk.store.store import Store
from tests.sync.teams import Team, add_consultation, open_conflict_pairs, state


@dataclass(frozen=True)
class Shared:
    """One household that B1 entered and the lead handed over to B2: both hold it now."""

    household: uuid.UUID
    person: uuid.UUID
    consultation: uuid.UUID


@pytest.fixture
def shared(sync_team: Team) -> Shared:
    b1 = sync_team["B1"]
    household = households.create_household(b1, households.NewHousehold("B1-2024-001"))
    person = persons.create_person(b1, persons.PersonData("Haddad", "Rania"), household.id, "kind")
    consultation = add_consultation(b1, note="Erstgespräch", household_id=household.id)
    sync_team.import_(sync_team.export("B1", "start"))
    handover = sync_team.root / "handover.fsabundle"
    write_handover(sync_team.lead, ["B1-2024-001"], sync_team.card("B2"), handover)
    assert sync_team.import_(handover, into="B2").bundles[0].status == sync_import.APPLIED
    return Shared(household.id, person.id, consultation)


Edit = Callable[[Session, Shared], None]


def edit(store: Store, shared: Shared, change: Edit) -> None:
    with store.transaction() as session:
        change(session, shared)


def _status(value: str) -> Edit:
    def change(session: Session, shared: Shared) -> None:
        household = session.get(Household, shared.household)
        assert household is not None
        household.status = value

    return change


def _given_name(value: str) -> Edit:
    def change(session: Session, shared: Shared) -> None:
        person = session.get(Person, shared.person)
        assert person is not None
        person.given_name = value

    return change


def _delete_person(session: Session, shared: Shared) -> None:
    person = session.get(Person, shared.person)
    assert person is not None
    tombstone(person)


def _allocation(session: Session, shared: Shared) -> None:
    household = session.get(Household, shared.household)
    assert household is not None
    household.allocation_date = date(2024, 2, 29)


def _note(value: str) -> Edit:
    def change(session: Session, shared: Shared) -> None:
        consultation = session.get(Consultation, shared.consultation)
        assert consultation is not None
        consultation.note = value

    return change


def both_orders(team: Team, shared: Shared, first: Edit, second: Edit) -> tuple[Store, Store]:
    """B1 makes ``first``, B2 ``second`` without seeing each other; the lead and a copy of it
    import the two exports in opposite orders. Both must end in the same state."""
    edit(team["B1"], shared, first)
    edit(team["B2"], shared, second)
    b1, b2 = team.export("B1", "b1-edit"), team.export("B2", "b2-edit")
    other = team.clone("L1", "L1-copy")
    team.import_(b1, b2)
    sync_import.import_bundles(other, [b2, b1])
    assert state(team.lead) == state(other)
    assert check_database(team.lead) == []
    return team.lead, other


def test_same_field_different_values_is_a_conflict_in_both_orders(
    sync_team: Team, shared: Shared
) -> None:
    lead, _ = both_orders(sync_team, shared, _status("ruhend"), _status("abgeschlossen"))
    [conflict] = conflicts.open_conflicts(lead)
    assert (conflict.kind, conflict.table, conflict.field) == ("edit", "household", "status")
    assert {conflict.a.value, conflict.b.value} == {"ruhend", "abgeschlossen"}
    assert {conflict.a.author, conflict.b.author} == {"Anna Berg (B1)", "Karim Said (B2)"}
    assert conflict.household_ref == "B1-2024-001"
    newest = max((conflict.a, conflict.b), key=lambda side: side.at)
    assert households.get_household(lead, shared.household).status == newest.value


def test_same_value_never_conflicts(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(sync_team, shared, _status("ruhend"), _status("ruhend"))
    assert conflicts.open_conflicts(lead) == []
    assert households.get_household(lead, shared.household).status == "ruhend"


def test_different_fields_merge_without_conflict(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(sync_team, shared, _allocation, _status("ruhend"))
    assert conflicts.open_conflicts(lead) == []
    household = households.get_household(lead, shared.household)
    assert (household.status, household.allocation_date) == ("ruhend", date(2024, 2, 29))


def test_edit_of_something_deleted_elsewhere_is_a_conflict(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(sync_team, shared, _delete_person, _given_name("Rana"))
    [conflict] = conflicts.open_conflicts(lead)
    assert (conflict.kind, conflict.table, conflict.field) == ("delete", "person", "_deleted")
    assert {conflict.a.deletes, conflict.b.deletes} == {True, False}


def test_deleted_twice_is_simply_deleted(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(sync_team, shared, _delete_person, _delete_person)
    assert conflicts.open_conflicts(lead) == []
    with lead.read() as session:
        person = session.get(Person, shared.person)
        assert person is not None and person.deleted_hlc is not None


def test_notes_are_never_merged_and_hidden_at_the_lead(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(
        sync_team, shared, _note("Erstgespräch, Termin Jobcenter"), _note("Erstgespräch; Kita")
    )
    [conflict] = conflicts.open_conflicts(lead)
    assert conflict.field == "note" and conflict.hidden
    assert conflict.a.value is None and conflict.b.value is None
    with pytest.raises(InputRejected):
        conflicts.reveal_notes(lead, conflict.id, "  ")
    texts = conflicts.reveal_notes(lead, conflict.id, "Parallele Änderung entscheiden")
    assert set(texts) == {"Erstgespräch, Termin Jobcenter", "Erstgespräch; Kita"}
    with lead.read() as session:
        [opening] = session.query(NoteOpening).all()
        assert opening.reason == "Parallele Änderung entscheiden"


def test_the_lead_opens_a_note_only_with_a_logged_reason(sync_team: Team, shared: Shared) -> None:
    with pytest.raises(InputRejected):
        note_access.open_note(sync_team.lead, shared.consultation)
    opened = note_access.open_note(sync_team.lead, shared.consultation, "Fallberatung")
    assert opened.note == "Erstgespräch"
    assert [o.reason for o in note_access.openings(sync_team.lead)] == ["Fallberatung"]
    assert note_access.open_note(sync_team["B1"], shared.consultation).note == "Erstgespräch"
    assert note_access.openings(sync_team["B1"]) == []


def test_a_decision_is_a_new_change_that_closes_the_conflict(
    sync_team: Team, shared: Shared
) -> None:
    lead, _ = both_orders(sync_team, shared, _status("ruhend"), _status("abgeschlossen"))
    [conflict] = conflicts.open_conflicts(lead)
    older = min((conflict.a, conflict.b), key=lambda side: side.at)
    choice = "a" if older is conflict.a else "b"
    conflicts.decide(lead, conflict.id, choice)
    assert conflicts.open_conflicts(lead) == []
    assert households.get_household(lead, shared.household).status == older.value
    assert check_database(lead) == []
    with pytest.raises(InputRejected):
        conflicts.decide(lead, conflict.id, choice)


def test_keeping_the_displayed_value_is_a_decision_too(sync_team: Team, shared: Shared) -> None:
    lead, _ = both_orders(sync_team, shared, _status("ruhend"), _status("abgeschlossen"))
    [conflict] = conflicts.open_conflicts(lead)
    newer = max((conflict.a, conflict.b), key=lambda side: side.at)
    conflicts.decide(lead, conflict.id, "a" if newer is conflict.a else "b")
    assert conflicts.count_open(lead) == 0
    assert households.get_household(lead, shared.household).status == newer.value


def test_restoring_a_deleted_row_decides_an_edit_delete_conflict(
    sync_team: Team, shared: Shared
) -> None:
    lead, _ = both_orders(sync_team, shared, _delete_person, _given_name("Rana"))
    [conflict] = conflicts.open_conflicts(lead)
    keep = "a" if not conflict.a.deletes else "b"
    conflicts.decide(lead, conflict.id, keep)
    with lead.read() as session:
        person = session.get(Person, shared.person)
        assert person is not None
        assert (person.deleted_hlc, person.given_name) == (None, "Rana")
    assert check_database(lead) == []


def test_the_leads_own_edit_conflicts_with_a_concurrent_one(
    sync_team: Team, shared: Shared
) -> None:
    edit(sync_team.lead, shared, _status("ruhend"))
    edit(sync_team["B1"], shared, _status("abgeschlossen"))
    sync_team.import_(sync_team.export("B1", "b1-edit"))
    assert len(open_conflict_pairs(sync_team.lead)) == 1


def test_an_edit_made_after_seeing_the_other_is_no_conflict(
    sync_team: Team, shared: Shared
) -> None:
    edit(sync_team["B1"], shared, _status("ruhend"))
    sync_team.import_(sync_team.export("B1", "b1-edit"))
    edit(sync_team.lead, shared, _status("abgeschlossen"))  # the lead has seen B1's change
    assert conflicts.open_conflicts(sync_team.lead) == []


def test_handed_over_data_arrives_complete(sync_team: Team, shared: Shared, tmp_path: Path) -> None:
    with sync_team["B2"].read() as session:
        household = session.get(Household, shared.household)
        person = session.get(Person, shared.person)
        consultation = session.get(Consultation, shared.consultation)
    assert household is not None and household.household_ref == "B1-2024-001"
    assert person is not None and person.given_name == "Rania"
    assert consultation is not None and consultation.note == "Erstgespräch"
    assert check_database(sync_team["B2"]) == []
