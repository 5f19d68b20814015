"""Client search by name variants, transliterations, reference and birth date."""

from __future__ import annotations

from datetime import date

import pytest

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import households, persons
from fsa_desk.services.search_index import search
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


@pytest.mark.parametrize(
    "query",
    [
        "Haddad",
        "hadd",
        "HADAD",
        "Rania Haddad",
        "B1-2024",
        "b1-2024-001",
        "17.05.1990",
        "1990",
        "05.1990",
        "Omar",
    ],
)
def test_finds_the_household(store: Store, family: Family, query: str) -> None:
    hits = search(store, query)
    assert [h.household_ref for h in hits] == ["B1-2024-001"]
    assert "Haddad, Rania" in hits[0].names


@pytest.mark.parametrize("query", ["Müller", "Rania 1991", "18.05.1990", "B2"])
def test_does_not_find_what_is_not_there(store: Store, family: Family, query: str) -> None:
    assert search(store, query) == []


def test_transliteration_variants_find_each_other(store: Store) -> None:
    household = households.create_household(
        store, households.NewHousehold("B1-2025-003"), today=TODAY
    )
    persons.create_person(
        store,
        persons.PersonData("Mohammadi", "Mohammed", birth=PartialDate(1985)),
        household.id,
        "haushaltsvorstand",
        today=TODAY,
    )
    for query in ("Muhammad", "Mohamed", "Muhammadi"):
        assert [h.household_ref for h in search(store, query)] == ["B1-2025-003"], query


def test_renamed_person_is_found_by_the_new_name(store: Store, family: Family) -> None:
    persons.update_person(
        store, family.mother.id, persons.PersonData("Al-Haddad", "Rania", sex="w"), today=TODAY
    )
    assert [h.household_ref for h in search(store, "Al-Haddad")] == ["B1-2024-001"]


def test_closed_households_are_still_found_with_their_status(store: Store, family: Family) -> None:
    households.set_status(
        store, family.household.id, "abgeschlossen", closure_reason="umzug", today=TODAY
    )
    (hit,) = search(store, "Haddad")
    assert hit.status == "abgeschlossen"


def test_search_respects_the_membership_start(store: Store) -> None:
    household = households.create_household(
        store, households.NewHousehold("B1-2025-009", allocation_date=date(2025, 1, 1)), today=TODAY
    )
    persons.create_person(
        store,
        persons.PersonData("Tesfay", "Senait"),
        household.id,
        "haushaltsvorstand",
        today=TODAY,
    )
    assert [h.household_ref for h in search(store, "Tesfai")] == ["B1-2025-009"]
