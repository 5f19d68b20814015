"""The change log records every create, update and delete, field by field (DESIGN.md §5)."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from fsa_desk.store.changelog import UnloggedWriteError, revive, tombstone
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import ChangeLog, Consultation, Counsellor, Household
from fsa_desk.store.store import Store, open_store


def log_of(store: Store, row_id: uuid.UUID) -> list[ChangeLog]:
    with store.read() as session:
        query = select(ChangeLog).where(ChangeLog.row_id == row_id.hex).order_by(ChangeLog.seq)
        return list(session.scalars(query))


def add_household(store: Store, ref: str = "B1-2024-001") -> uuid.UUID:
    with store.transaction() as session:
        household = Household(household_ref=ref, allocation_date=date(2024, 2, 29))
        session.add(household)
    return household.id


def test_insert_logs_one_row_per_set_field_including_defaults(store: Store) -> None:
    household_id = add_household(store)
    entries = {e.field: e for e in log_of(store, household_id)}
    assert set(entries) == {"household_ref", "allocation_date", "status"}
    assert json.loads(entries["allocation_date"].new) == "2024-02-29"
    assert json.loads(entries["status"].new) == "aktiv"  # a column default is logged, too
    assert all(e.old is None and e.base_hlc is None for e in entries.values())
    assert len({e.hlc for e in entries.values()}) == 1
    assert all(e.table_name == "household" for e in entries.values())


def test_insert_stamps_sync_columns(store: Store) -> None:
    household_id = add_household(store)
    with store.read() as session:
        household = session.get(Household, household_id)
    assert household is not None
    assert household.created_hlc == household.updated_hlc
    assert household.origin_device == store.clock.device_hex
    assert household.deleted_hlc is None


def test_update_logs_only_changed_fields_with_old_new_and_base_hlc(store: Store) -> None:
    household_id = add_household(store)
    created_hlc = log_of(store, household_id)[0].hlc
    with store.transaction() as session:
        household = session.get(Household, household_id)
        assert household is not None
        household.status = "ruhend"
        household.household_ref = "B1-2024-001"  # same value: no change
    update = log_of(store, household_id)[3:]
    assert [(e.field, e.old, e.new) for e in update] == [("status", '"aktiv"', '"ruhend"')]
    assert update[0].base_hlc == created_hlc
    assert update[0].hlc > created_hlc
    assert update[0].counsellor_id == store.installation.counsellor_id  # type: ignore[union-attr]


def test_setting_a_value_to_none_logs_null(store: Store) -> None:
    household_id = add_household(store)
    with store.transaction() as session:
        household = session.get(Household, household_id)
        assert household is not None
        household.allocation_date = None
    last = log_of(store, household_id)[-1]
    assert (last.field, last.old, last.new) == ("allocation_date", '"2024-02-29"', None)


def test_delete_is_a_tombstone_logged_as_field_deleted(store: Store) -> None:
    household_id = add_household(store)
    with store.transaction() as session:
        household = session.get(Household, household_id)
        assert household is not None
        tombstone(household)
    with store.read() as session:
        stored = session.get(Household, household_id)
    assert stored is not None  # still there: tombstones are never purged
    last = log_of(store, household_id)[-1]
    assert (last.field, last.old, last.new) == ("_deleted", "false", "true")
    assert stored.deleted_hlc == last.hlc == stored.updated_hlc


def test_undelete_logs_deleted_false(store: Store) -> None:
    household_id = add_household(store)
    for change in (tombstone, revive):
        with store.transaction() as session:
            household = session.get(Household, household_id)
            assert household is not None
            change(household)
    last = log_of(store, household_id)[-1]
    assert (last.field, last.old, last.new) == ("_deleted", "true", "false")


def test_hard_delete_of_an_exchanged_row_is_refused_and_changes_nothing(store: Store) -> None:
    household_id = add_household(store)
    with pytest.raises(UnloggedWriteError), store.transaction() as session:
        household = session.get(Household, household_id)
        session.delete(household)
    with store.read() as session:
        assert session.get(Household, household_id) is not None


def test_writes_outside_a_transaction_are_refused(store: Store) -> None:
    with pytest.raises(UnloggedWriteError), store.read() as session:
        session.add(Household(household_ref="X"))
        session.commit()
    with store.read() as session:
        assert session.scalars(select(Household)).all() == []


def test_a_failed_transaction_leaves_neither_row_nor_log(store: Store) -> None:
    before = len(log_of_all(store))
    with pytest.raises(RuntimeError), store.transaction() as session:
        session.add(Household(household_ref="B1-2024-099"))
        session.flush()
        raise RuntimeError("simulated crash")
    assert len(log_of_all(store)) == before


def log_of_all(store: Store) -> list[ChangeLog]:
    with store.read() as session:
        return list(session.scalars(select(ChangeLog)))


def test_values_are_canonical_json(store: Store) -> None:
    household_id = add_household(store)
    with store.transaction() as session:
        counsellor = session.scalars(select(Counsellor)).one()
        consultation = Consultation(
            household_id=household_id,
            counsellor_id=counsellor.id,
            date=date(2024, 3, 1),
            duration_minutes=45,
            contact_type="buero",
            module="willkommen",
            note="Termin beim Jobcenter vereinbart",
        )
        session.add(consultation)
    entries = {e.field: e.new for e in log_of(store, consultation.id)}
    assert entries["household_id"] == json.dumps(household_id.hex)
    assert entries["duration_minutes"] == "45"
    assert entries["billable"] == "false"
    assert entries["travel_minutes"] == "0"
    assert entries["note"] == '"Termin beim Jobcenter vereinbart"'


def test_clock_is_monotonic_across_restarts(data_dir: Path, key: DatabaseKey) -> None:
    with open_store(data_dir, key) as store:
        household_id = add_household(store)
        last = log_of(store, household_id)[-1].hlc
    with open_store(data_dir, key) as reopened:
        assert reopened.clock.tick() > last


def test_clock_continues_after_a_future_hlc_seen_in_the_log(
    data_dir: Path, key: DatabaseKey
) -> None:
    future = f"{9_999_999_999_999:013d}-0003-{uuid.UUID(int=5).hex}"
    with open_store(data_dir, key) as store, store.transaction() as session:
        session.add(
            ChangeLog(
                change_id=uuid.uuid4().hex,
                hlc=future,
                device=uuid.UUID(int=5).hex,
                table_name="household",
                row_id=uuid.uuid4().hex,
                field="status",
                new='"aktiv"',
            )
        )
    with open_store(data_dir, key) as reopened:
        household_id = add_household(reopened)
        assert log_of(reopened, household_id)[0].hlc > future
