"""Backups as the settings dialog lists them."""

from __future__ import annotations

from fsa_desk.services import backups
from fsa_desk.store.store import Store


def test_a_new_installation_has_no_backups(store: Store) -> None:
    assert backups.list_backups(store) == []


def test_backing_up_now_adds_a_dated_manual_backup_listed_newest_first(store: Store) -> None:
    first = backups.back_up_now(store)
    second = backups.back_up_now(store)
    listed = backups.list_backups(store)
    assert [b.path for b in listed] == [second.path, first.path]
    assert listed[0].reason == "manuell"
    assert listed[0].size_bytes > 0
    assert listed[0].taken_at.date() == second.taken_at.date()


def test_a_file_copied_in_by_hand_is_listed_with_its_file_time(store: Store) -> None:
    store.data_dir.backups.mkdir()
    (store.data_dir.backups / "alt.db").write_bytes(b"x" * 10)
    (listed,) = backups.list_backups(store)
    assert (listed.reason, listed.size_bytes) == ("", 10)
