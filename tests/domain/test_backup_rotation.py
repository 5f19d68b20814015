"""Backup rotation: the recent ones and one a month for a year survive, nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from fsa_desk.domain.backup_rotation import to_remove

MOMENTS = st.lists(
    st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2026, 12, 31)),
    max_size=60,
)


def test_daily_backups_for_a_year_keep_ten_plus_one_per_month() -> None:
    taken = [datetime(2026, 1, 1, 9) + timedelta(days=n) for n in range(365)]
    kept = set(taken) - to_remove(taken)
    newest_ten = set(sorted(taken)[-10:])
    assert newest_ten <= kept
    monthly = kept - newest_ten
    assert len({(m.year, m.month) for m in monthly}) == len(monthly)  # one per month
    assert len(kept) == 10 + 11  # December's newest is among the ten


@given(MOMENTS)
def test_rotation_keeps_the_newest_and_every_recent_month(taken: list[datetime]) -> None:
    removed = to_remove(taken)
    kept = set(taken) - removed
    assert removed <= set(taken)
    assert set(sorted(set(taken))[-10:]) <= kept
    months = sorted({(m.year, m.month) for m in taken}, reverse=True)[:12]
    for year, month in months:
        newest = max(m for m in taken if (m.year, m.month) == (year, month))
        assert newest in kept
    assert to_remove(kept) == set()  # rotating again removes nothing more
