"""Persons: names, partial birth dates, residence status and benefit histories."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import persons
from fsa_desk.store.models import Benefit, Person, ResidenceStatus
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def test_partial_birth_date_is_stored_as_known(store: Store, family: Family) -> None:
    with store.read() as session:
        child = session.get(Person, family.child.id)
    assert child is not None
    assert (child.birth_year, child.birth_month, child.birth_day) == (2016, None, None)


@pytest.mark.parametrize(
    "data, field",
    [
        (persons.PersonData("", ""), "family_name"),
        (persons.PersonData("Ali", "Amal", sex="q"), "sex"),
        (persons.PersonData("Ali", "Amal", nationalities="SY,ZZ"), "nationalities"),
        (persons.PersonData("Ali", "Amal", birth=PartialDate(2030)), "birth"),
        (persons.PersonData("Ali", "Amal", arrival_date=date(1899, 1, 1)), "arrival_date"),
    ],
)
def test_bad_person_data_is_rejected(
    store: Store, family: Family, data: persons.PersonData, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        persons.create_person(store, data, family.household.id, "sonstige", today=TODAY)
    assert [p.field for p in error.value.problems] == [field]


def test_residence_status_history_is_kept(store: Store, family: Family) -> None:
    persons.add_residence_status(
        store,
        family.mother.id,
        "gestattung",
        valid_from=date(2024, 2, 29),
        expires_on=date(2024, 8, 28),
        today=TODAY,
    )
    persons.add_residence_status(
        store,
        family.mother.id,
        "erlaubnis",
        detail="§ 25 Abs. 2",
        valid_from=date(2024, 8, 1),
        expires_on=date(2027, 7, 31),
        wohnsitzauflage=True,
        today=TODAY,
    )
    with store.read() as session:
        rows = session.scalars(select(ResidenceStatus).order_by(ResidenceStatus.valid_from)).all()
    assert [(r.status, r.detail, r.wohnsitzauflage) for r in rows] == [
        ("gestattung", None, False),
        ("erlaubnis", "§ 25 Abs. 2", True),
    ]


def test_new_benefit_ends_the_previous_one(store: Store, family: Family) -> None:
    persons.add_benefit(
        store, family.mother.id, "asylblg_3", valid_from=date(2024, 2, 29), today=TODAY
    )
    persons.add_benefit(
        store, family.mother.id, "buergergeld", valid_from=date(2024, 9, 1), today=TODAY
    )
    with store.read() as session:
        rows = session.scalars(select(Benefit).order_by(Benefit.valid_from)).all()
    assert [(b.benefit_type, b.valid_to) for b in rows] == [
        ("asylblg_3", date(2024, 8, 31)),
        ("buergergeld", None),
    ]


def test_unknown_benefit_code_is_rejected(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError, match="hartz"):
        persons.add_benefit(
            store, family.mother.id, "hartz4", valid_from=date(2024, 1, 1), today=TODAY
        )
