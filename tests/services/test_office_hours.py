"""Open office hours: Kurzkontakte without a person record, office consultations, undo."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import office_hours
from fsa_desk.services.office_hours import OfficeHoursEntry
from fsa_desk.store.models import Consultation, Kurzkontakt, Person
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def count(store: Store, model: type) -> int:
    with store.read() as session:
        return session.execute(
            select(func.count()).select_from(model).where(model.deleted_hlc.is_(None))
        ).scalar_one()


def test_todays_list_holds_kurzkontakte_and_office_consultations_in_entry_order(
    store: Store, family: Family
) -> None:
    persons_before = count(store, Person)
    first = office_hours.record_entry(
        store, OfficeHoursEntry(TODAY, 10, language="ar", life_area="aufenthalt"), today=TODAY
    )
    second = office_hours.record_entry(
        store,
        OfficeHoursEntry(TODAY, 25, family.household.id, "ar", "wohnen", sprachmittlung="berater"),
        today=TODAY,
    )
    office_hours.record_entry(store, OfficeHoursEntry(date(2026, 11, 19), 5), today=TODAY)
    entries = office_hours.todays_entries(store, TODAY)
    assert [e.ref for e in entries] == [first, second]
    assert [(e.minutes, e.language, e.life_areas, e.household_ref) for e in entries] == [
        (10, "ar", ("aufenthalt",), None),
        (25, "ar", ("wohnen",), "B1-2024-001"),
    ]
    assert entries[0].target_group is True
    assert entries[1].family_names == "Haddad"
    assert count(store, Person) == persons_before  # a Kurzkontakt creates no person


@pytest.mark.parametrize("with_household", [False, True])
def test_a_removed_entry_comes_back_on_undo(
    store: Store, family: Family, with_household: bool
) -> None:
    household = family.household.id if with_household else None
    ref = office_hours.record_entry(
        store, OfficeHoursEntry(TODAY, 15, household, life_area="arbeit"), today=TODAY
    )
    model = Consultation if with_household else Kurzkontakt
    office_hours.delete_entry(store, ref)
    assert office_hours.todays_entries(store, TODAY) == []
    assert count(store, model) == 0
    office_hours.restore_entry(store, ref)
    assert [e.ref for e in office_hours.todays_entries(store, TODAY)] == [ref]
    assert [e.life_areas for e in office_hours.todays_entries(store, TODAY)] == [("arbeit",)]


def test_an_entry_without_minutes_is_refused(store: Store) -> None:
    with pytest.raises(ValidationError) as error:
        office_hours.record_entry(store, OfficeHoursEntry(TODAY, 0), today=TODAY)
    assert "keine gültige Dauer" in str(error.value) or "Dauer" in str(error.value)
    assert count(store, Kurzkontakt) == 0
