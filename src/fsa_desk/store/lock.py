"""One process per data directory: an OS file lock the kernel releases when the process dies."""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from fsa_desk.errors import DataDirLocked
from fsa_desk.i18n import _

LOCK_NAME = "fsa-desk.lock"


class DataDirLock:
    def __init__(self, data_dir: Path) -> None:
        # is_singleton=False: a second open in this process must fail like one in another.
        self._lock = FileLock(
            data_dir / LOCK_NAME, timeout=0, is_singleton=False, thread_local=False
        )

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except Timeout:
            raise DataDirLocked(
                _("fsa-desk is already running with this data directory; close it first.")
            ) from None

    def release(self) -> None:
        self._lock.release()
