"""Bulk inserts write the same rows and change log as the ORM path."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fsa_desk.services.maintenance import check_database
from fsa_desk.store.bulk import insert_rows
from fsa_desk.store.changelog import UnloggedWriteError
from fsa_desk.store.models import ChangeLog, Household
from fsa_desk.store.store import Store


def logged_fields(store: Store, row_id: str) -> dict[str, str | None]:
    with store.read() as session:
        rows = session.execute(
            select(ChangeLog.field, ChangeLog.new).where(ChangeLog.row_id == row_id)
        )
        return {field: new for field, new in rows}


def test_bulk_and_orm_log_the_same_fields(store: Store) -> None:
    with store.transaction() as session:
        (bulk_id,) = insert_rows(
            session, Household, [{"household_ref": "B1-1", "allocation_date": date(2024, 1, 5)}]
        )
        orm = Household(household_ref="B1-1", allocation_date=date(2024, 1, 5))
        session.add(orm)
    assert logged_fields(store, bulk_id.hex) == logged_fields(store, orm.id.hex)
    with store.read() as session:
        stored = session.get(Household, bulk_id)
    assert stored is not None and stored.status == "aktiv"
    assert check_database(store) == []


def test_bulk_insert_outside_a_transaction_is_refused(store: Store) -> None:
    with pytest.raises(UnloggedWriteError), store.read() as session:
        insert_rows(session, Household, [{"household_ref": "X"}])


def test_unknown_column_is_refused(store: Store) -> None:
    with pytest.raises(KeyError), store.transaction() as session:
        insert_rows(session, Household, [{"household_ref": "X", "colour": "blau"}])
    with store.read() as session:
        assert session.scalars(select(Household)).all() == []
