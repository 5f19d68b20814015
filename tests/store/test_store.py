"""Store housekeeping: backups rotate."""

from __future__ import annotations

from fsa_desk.store.store import Store


def test_backups_rotate_and_leave_copies_made_by_hand(store: Store) -> None:
    folder = store.data_dir.backups
    folder.mkdir(exist_ok=True)
    by_hand = folder / "meine-kopie.db"
    by_hand.write_bytes(b"not ours")
    for _ in range(13):
        store.backup("test")
    ours = sorted(folder.glob("fsa-desk-*.db"))
    assert len(ours) == 10  # all taken this month: the ten newest
    assert by_hand.exists()
