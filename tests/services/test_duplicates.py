"""The warning before creating a person who is probably on file already."""

from __future__ import annotations

from datetime import date

import pytest

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import households, persons
from fsa_desk.services.duplicates import probable_duplicates
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY


@pytest.fixture
def muhammad(store: Store) -> persons.PersonSummary:
    household = households.create_household(
        store, households.NewHousehold("B1-2023-044", date(2023, 5, 2)), today=TODAY
    )
    return persons.create_person(
        store,
        persons.PersonData("Hadad", "Muhammad", birth=PartialDate(1985, 3, 12), sex="m"),
        household.id,
        "haushaltsvorstand",
        today=TODAY,
    )


@pytest.mark.parametrize(
    "family_name, given_name, birth",
    [
        ("Haddad", "Mohammad", PartialDate(1985)),  # other spelling, birth year only
        ("Haddad", "Mohammed", PartialDate(1985, 3, 12)),
        ("Mohamad", "Hadad", None),  # names swapped, no birth date given
        ("HADDAD", "Muhamed", PartialDate(1985, 1, 1)),  # 01.01. = birthday unknown
    ],
)
def test_another_spelling_of_a_known_person_is_a_probable_duplicate(
    store: Store,
    muhammad: persons.PersonSummary,
    family_name: str,
    given_name: str,
    birth: PartialDate | None,
) -> None:
    found = probable_duplicates(store, family_name, given_name, birth)
    assert [d.person_id for d in found] == [muhammad.id]
    assert found[0].household_ref == "B1-2023-044"
    assert found[0].display_name == "Hadad, Muhammad, 12.03.1985 – B1-2023-044"


@pytest.mark.parametrize(
    "family_name, given_name, birth",
    [
        ("Haddad", "Mohammad", PartialDate(1992)),  # same names, another birth year
        ("Haddad", "Samir", PartialDate(1985)),  # another given name
        ("Karimi", "Ahmad", None),  # someone else entirely
        ("Haddad", "Mohammad", PartialDate(1985, 3, 13)),  # a different known birthday
    ],
)
def test_someone_else_raises_no_warning(
    store: Store,
    muhammad: persons.PersonSummary,
    family_name: str,
    given_name: str,
    birth: PartialDate | None,
) -> None:
    assert probable_duplicates(store, family_name, given_name, birth) == []


def test_recorded_name_variants_count_and_empty_names_find_nobody(store: Store) -> None:
    household = households.create_household(
        store, households.NewHousehold("B1-2025-003"), today=TODAY
    )
    persons.create_person(
        store,
        persons.PersonData("Yusufi", "Aisha", name_variants="Jusufi Ayesha"),
        household.id,
        "haushaltsvorstand",
        today=TODAY,
    )
    found = probable_duplicates(store, "Jusufi", "Aysha", PartialDate(1999))
    assert [d.given_name for d in found] == ["Aisha"]
    assert probable_duplicates(store, "", "", None) == []
