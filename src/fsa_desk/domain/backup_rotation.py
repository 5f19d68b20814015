"""Which backups to keep: the most recent ones, plus one per month for a year (DESIGN.md §10).

A laptop takes a backup before every bundle import and schema upgrade; without rotation the
encrypted copies would fill the disk and keep old (possibly since erased) data around for ever.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

KEEP_RECENT = 10
KEEP_MONTHS = 12


def to_remove(
    taken: Iterable[datetime], *, keep_recent: int = KEEP_RECENT, keep_months: int = KEEP_MONTHS
) -> set[datetime]:
    """The backups (by when they were taken) that rotation removes: all but the ``keep_recent``
    newest and the newest of each of the ``keep_months`` most recent months that have one."""
    newest_first = sorted(set(taken), reverse=True)
    keep = set(newest_first[:keep_recent])
    months: dict[tuple[int, int], datetime] = {}
    for moment in newest_first:
        months.setdefault((moment.year, moment.month), moment)
    keep.update(sorted(months.values(), reverse=True)[:keep_months])
    return set(newest_first) - keep
