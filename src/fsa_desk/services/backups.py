"""The backups of an installation: which exist, and taking one now (settings dialog)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from fsa_desk.store.store import Store

MANUAL_REASON = "manuell"
# Store.backup names its files fsa-desk-YYYYmmdd-HHMMSS-ffffff-<reason>.db
_NAME = re.compile(r"fsa-desk-(\d{8}-\d{6}-\d{6})-(?P<reason>.+)\.db")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str  # manuell, vor-import, vor-migration, vor-passphrasenwechsel, …
    size_bytes: int


def list_backups(store: Store) -> list[BackupFile]:
    """Every backup in the data directory, newest first."""
    folder = store.data_dir.backups
    if not folder.is_dir():
        return []
    found = [_describe(path) for path in folder.glob("*.db") if path.is_file()]
    return sorted(found, key=lambda backup: backup.taken_at, reverse=True)


def back_up_now(store: Store) -> BackupFile:
    """An encrypted copy of the database as it is now (same passphrase)."""
    return _describe(store.backup(MANUAL_REASON))


def _describe(path: Path) -> BackupFile:
    status = path.stat()
    match = _NAME.fullmatch(path.name)
    if match is None:  # copied in by hand: the file's own time is the best we know
        return BackupFile(path, datetime.fromtimestamp(status.st_mtime), "", status.st_size)
    taken_at = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S-%f")
    return BackupFile(path, taken_at, match.group("reason"), status.st_size)
