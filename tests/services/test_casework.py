"""Tasks, deadlines from Bescheide, the Willkommensleistung checklist, Vollmachten, Kurzkontakte."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.services import casework, deadlines, tasks, welcome
from fsa_desk.store.models import ChangeLog, Kompetenzerhebung, Kurzkontakt, Person
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def test_posted_widerspruch_deadline_appears_in_the_task_list(store: Store, family: Family) -> None:
    deadline = deadlines.record_bescheid(
        store,
        deadlines.BescheidInput(
            family.household.id,
            "Jobcenter Dresden",
            "Aufhebungsbescheid",
            "widerspruch",
            letter_date=date(2026, 10, 14),
        ),
        today=TODAY,
    )
    # Bekanntgabe 18.10.2026 (4th day after posting) + 1 month = 18.11.2026, Buß- und Bettag
    # in Saxony → Thursday 19.11.2026.
    assert deadline.due == date(2026, 11, 19)
    tasks.add_task(
        store, family.household.id, date(2026, 11, 18), "Kita-Platz nachfragen", today=TODAY
    )
    items = tasks.open_items(store, until=TODAY)
    assert [(i.kind, i.due_on, i.household_ref) for i in items] == [
        ("task", date(2026, 11, 18), "B1-2024-001"),
        ("frist", date(2026, 11, 19), "B1-2024-001"),
    ]
    assert "Aufhebungsbescheid" in items[1].text


def test_done_items_leave_the_task_list(store: Store, family: Family) -> None:
    task_id = tasks.add_task(store, family.household.id, date(2026, 11, 1), "Antrag", today=TODAY)
    tasks.complete_task(store, task_id, today=TODAY)
    assert tasks.open_items(store, until=TODAY) == []


def test_residence_title_expiry_needs_the_expiry_date(store: Store, family: Family) -> None:
    with pytest.raises(InputRejected):
        deadlines.record_bescheid(
            store,
            deadlines.BescheidInput(
                family.household.id,
                "Ausländerbehörde",
                "Aufenthaltstitel",
                "titel_ablauf",
                letter_date=date(2026, 1, 5),
            ),
            today=TODAY,
        )


def test_bescheid_with_impossible_input_writes_nothing(store: Store, family: Family) -> None:
    before = count(store, ChangeLog)
    with pytest.raises(ValidationError):
        deadlines.record_bescheid(
            store,
            deadlines.BescheidInput(
                family.household.id, "Jobcenter", "x", "mahnung", letter_date=date(2027, 1, 1)
            ),
            today=TODAY,
        )
    assert count(store, ChangeLog) == before


def count(store: Store, model: type) -> int:
    with store.read() as session:
        return session.execute(select(func.count()).select_from(model)).scalar_one()


def test_checklist_has_kita_schule_per_child_and_is_created_once(
    store: Store, family: Family
) -> None:
    entries = welcome.start_checklist(store, family.household.id)
    kita = [e for e in entries if e.item == "kita_schule"]
    assert [e.person_id for e in kita] == [family.child.id]
    assert len(welcome.start_checklist(store, family.household.id)) == len(entries)
    done = welcome.set_item_status(store, entries[0].id, "erledigt", today=TODAY)
    assert (done.status, done.done_on) == ("erledigt", TODAY)


def test_kompetenzerhebung_checks_the_german_level(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError):
        welcome.record_kompetenzen(
            store, family.mother.id, welcome.Kompetenzen(TODAY, german_level="B5"), today=TODAY
        )
    welcome.record_kompetenzen(
        store,
        family.mother.id,
        welcome.Kompetenzen(TODAY, schooling="12 Jahre", german_level="A2", interests="Pflege"),
        today=TODAY,
    )
    with store.read() as session:
        row = session.scalars(select(Kompetenzerhebung)).one()
    assert (row.german_level, row.interests) == ("A2", "Pflege")


def test_vollmacht_period_must_be_consistent(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError):
        casework.record_vollmacht(
            store,
            casework.VollmachtInput(
                family.mother.id,
                "Jobcenter-Angelegenheiten",
                "Jobcenter",
                date(2026, 5, 1),
                date(2026, 4, 1),
            ),
            today=TODAY,
        )
    casework.record_vollmacht(
        store,
        casework.VollmachtInput(
            family.mother.id,
            "Jobcenter-Angelegenheiten",
            "Jobcenter",
            date(2026, 5, 1),
            date(2027, 4, 30),
        ),
        today=TODAY,
    )


def test_kurzkontakt_creates_no_person(store: Store) -> None:
    casework.record_kurzkontakt(
        store,
        casework.KurzkontaktInput(TODAY, 10, language="ar", life_area="aufenthalt"),
        today=TODAY,
    )
    assert count(store, Kurzkontakt) == 1
    assert count(store, Person) == 0
    with pytest.raises(ValidationError):
        casework.record_kurzkontakt(store, casework.KurzkontaktInput(TODAY, 0), today=TODAY)
