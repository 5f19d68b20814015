"""Households: status with reasons, members over time, addresses, counsellors."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import households
from fsa_desk.store.models import Address, Household, HouseholdCounsellor, Membership
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def test_closing_needs_a_known_reason_and_reopening_clears_it(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError):
        households.set_status(store, family.household.id, "abgeschlossen", today=TODAY)
    with pytest.raises(ValidationError, match="ausgewandert"):
        households.set_status(
            store, family.household.id, "abgeschlossen", closure_reason="ausgewandert", today=TODAY
        )
    closed = households.set_status(
        store,
        family.household.id,
        "abgeschlossen",
        closure_reason="uebergang",
        closure_detail="MBE",
        today=TODAY,
    )
    assert (closed.status, closed.closure_reason) == ("abgeschlossen", "uebergang")
    reopened = households.set_status(store, family.household.id, "aktiv", today=TODAY)
    assert (reopened.status, reopened.closure_reason) == ("aktiv", None)


def test_moving_ends_the_previous_address_and_derives_the_region(
    store: Store, family: Family
) -> None:
    households.move(
        store,
        family.household.id,
        households.NewAddress(date(2024, 3, 1), district="Johannstadt", housing_type="gu"),
        today=TODAY,
    )
    households.move(
        store,
        family.household.id,
        households.NewAddress(
            date(2025, 1, 15), district="Prohlis", housing_type="eigene_wohnung", secret=True
        ),
        today=TODAY,
    )
    with store.read() as session:
        rows = session.scalars(select(Address).order_by(Address.valid_from)).all()
    assert [(a.valid_from, a.valid_to, a.region) for a in rows] == [
        (date(2024, 3, 1), date(2025, 1, 14), "mitte"),
        (date(2025, 1, 15), None, "sued"),
    ]
    assert rows[1].secret is True


def test_a_member_leaving_keeps_the_history(store: Store, family: Family) -> None:
    with store.read() as session:
        membership = session.scalars(
            select(Membership).where(Membership.person_id == family.child.id)
        ).one()
    households.end_membership(store, membership.id, date(2025, 8, 1), "auszug", today=TODAY)
    with store.read() as session:
        rows = session.scalars(
            select(Membership).where(Membership.person_id == family.child.id)
        ).all()
    assert [(m.valid_from, m.valid_to, m.reason_to) for m in rows] == [
        (date(2024, 2, 29), date(2025, 8, 1), "auszug")
    ]


def test_vertretung_with_a_period(store: Store, family: Family) -> None:
    colleague = store.installation_counsellor_id()
    assert colleague is not None
    households.assign_counsellor(
        store,
        family.household.id,
        colleague,
        "vertretung",
        valid_from=date(2025, 7, 1),
        valid_to=date(2025, 7, 31),
    )
    with store.read() as session:
        link = session.scalars(select(HouseholdCounsellor)).one()
    assert (link.role, link.valid_from, link.valid_to) == (
        "vertretung",
        date(2025, 7, 1),
        date(2025, 7, 31),
    )
    with pytest.raises(Exception, match=r"endet|ends"):
        households.assign_counsellor(
            store,
            family.household.id,
            colleague,
            "vertretung",
            valid_from=date(2025, 7, 31),
            valid_to=date(2025, 7, 1),
        )


def test_a_household_is_created_with_its_first_address_in_one_step(store: Store) -> None:
    from fsa_desk.services.households import NewAddress, NewHousehold, create_household

    address = NewAddress(valid_from=date(2026, 11, 2), street="Hauptstraße 1", district="Pieschen")
    created = create_household(
        store, NewHousehold("B1-2026-001"), address=address, today=date(2026, 11, 20)
    )
    with store.read() as session:
        [row] = session.scalars(select(Address).where(Address.household_id == created.id)).all()
    assert (row.street, row.region) == ("Hauptstraße 1", "nord")


def test_a_bad_address_creates_no_household(store: Store) -> None:
    from fsa_desk.services.households import NewAddress, NewHousehold, create_household

    address = NewAddress(valid_from=date(2030, 1, 1), street="Hauptstraße 1")
    with pytest.raises(ValidationError):
        create_household(
            store, NewHousehold("B1-2026-001"), address=address, today=date(2026, 11, 20)
        )
    with store.read() as session:
        assert session.scalars(select(Household)).all() == []


def test_the_next_household_number_follows_the_counsellors_last(store: Store) -> None:
    from fsa_desk.services.households import NewHousehold, create_household, suggest_ref

    today = date(2026, 11, 20)
    assert suggest_ref(store, today=today) == "B1-2026-001"
    create_household(store, NewHousehold("B1-2026-007"), today=today)
    create_household(store, NewHousehold("B1-2025-012"), today=today)
    assert suggest_ref(store, today=today) == "B1-2026-008"
