"""Small households built through the services, as a counsellor would enter them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import households, persons
from fsa_desk.store.store import Store

TODAY = date(2026, 11, 20)


@dataclass(frozen=True)
class Family:
    household: households.HouseholdSummary
    mother: persons.PersonSummary
    child: persons.PersonSummary


@pytest.fixture
def family(store: Store) -> Family:
    household = households.create_household(
        store,
        households.NewHousehold("B1-2024-001", allocation_date=date(2024, 2, 29)),
        today=TODAY,
    )
    mother = persons.create_person(
        store,
        persons.PersonData(
            "Haddad",
            "Rania",
            name_variants="Hadad",
            birth=PartialDate(1990, 5, 17),
            sex="w",
            nationalities="SY",
        ),
        household.id,
        "haushaltsvorstand",
        member_from=date(2024, 2, 29),
        today=TODAY,
    )
    child = persons.create_person(
        store,
        persons.PersonData("Haddad", "Omar", birth=PartialDate(2016), sex="m"),
        household.id,
        "kind",
        member_from=date(2024, 2, 29),
        today=TODAY,
    )
    return Family(household, mother, child)
