"""The open store: an encrypted database in a locked data directory, with its device clock.

Everything that reads or writes client data goes through ``Store.transaction()`` (writes,
change-logged) or ``Store.read()``.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, Table, func, select
from sqlalchemy.orm import Session, sessionmaker

from fsa_desk.domain import backup_rotation
from fsa_desk.domain.hlc import Clock
from fsa_desk.errors import DataDirError
from fsa_desk.i18n import _
from fsa_desk.store import changelog, schema
from fsa_desk.store.base import Base, Exchanged
from fsa_desk.store.database import create_store_engine, export_copy, probe
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.lock import DataDirLock
from fsa_desk.store.models.local import ChangeLog, Installation

DATABASE_NAME = "fsa-desk.db"
VERIFIER_NAME = "keycheck.json"
BACKUP_DIR = "backups"


@dataclass(frozen=True)
class DataDir:
    """The files of one installation."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DATABASE_NAME

    @property
    def verifier(self) -> Path:
        return self.root / VERIFIER_NAME

    @property
    def backups(self) -> Path:
        return self.root / BACKUP_DIR

    def is_initialised(self) -> bool:
        return self.database.is_file()

    def check_usable(self) -> None:
        if not self.root.is_dir():
            raise DataDirError(
                _("The data directory {path} does not exist.").format(path=self.root)
            )
        probe_file = self.root / ".write-test"
        try:
            probe_file.write_bytes(b"")
            probe_file.unlink()
        except OSError:
            raise DataDirError(
                _("The data directory {path} is not writable.").format(path=self.root)
            ) from None


class Store:
    def __init__(self, data_dir: DataDir, key: DatabaseKey, lock: DataDirLock):
        self.data_dir = data_dir
        self._lock = lock
        self._bind(key)
        self.installation: Installation | None = None
        self.clock = Clock(uuid.UUID(int=0))

    def _bind(self, key: DatabaseKey) -> None:
        self._key = key
        self.engine: Engine = create_store_engine(self.data_dir.database, key)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        changelog.install(self._sessions)

    def rekeyed(self, key: DatabaseKey) -> None:
        """Reconnect after ``PRAGMA rekey``: pooled connections still hold the old key."""
        self.engine.dispose()
        self._bind(key)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A change-logged unit of work: committed on success, rolled back on any error."""
        context = changelog.ChangeContext(self.clock, self._counsellor_id())
        with self._sessions() as session, session.begin():
            session.info[changelog.CONTEXT_KEY] = context
            yield session

    def load_installation(self) -> None:
        with self.read() as session:
            self.installation = session.get(Installation, 1)
            last = session.execute(select(func.max(ChangeLog.hlc))).scalar()
        if self.installation is not None:
            self.clock = Clock(self.installation.device_id, last)

    def _counsellor_id(self) -> uuid.UUID | None:
        return self.installation.counsellor_id if self.installation else None

    def installation_counsellor_id(self) -> uuid.UUID | None:
        """The counsellor working on this installation."""
        return self._counsellor_id()

    def installation_provider(self) -> str | None:
        return self.installation.provider if self.installation else None

    def backup(self, reason: str) -> Path:
        """An encrypted copy in ``backups/``, named by time and reason."""
        self.data_dir.backups.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.data_dir.backups / f"fsa-desk-{stamp}-{reason}.db"
        export_copy(self.engine, target, self._key)
        self._rotate_backups()
        return target

    def _rotate_backups(self) -> None:
        """Keep the recent backups and one a month for a year (``domain.backup_rotation``);
        files copied in by hand (other names) are left alone."""
        taken: dict[datetime, Path] = {}
        for path in self.data_dir.backups.glob("fsa-desk-*.db"):
            stamp = "-".join(path.stem.split("-")[2:5])  # YYYYmmdd-HHMMSS-ffffff
            try:
                taken[datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f")] = path
            except ValueError:
                continue
        for moment in backup_rotation.to_remove(taken):
            taken[moment].unlink(missing_ok=True)

    @property
    def key(self) -> DatabaseKey:
        return self._key

    def close(self) -> None:
        self.engine.dispose()
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def exchanged_tables() -> list[Table]:
    """Every table that travels in bundles, in dependency order."""
    from fsa_desk.store import models  # noqa: F401  (registers every table)

    exchanged = {m.local_table for m in Base.registry.mappers if issubclass(m.class_, Exchanged)}
    return [t for t in Base.metadata.sorted_tables if t in exchanged]


def open_store(root: Path, key: DatabaseKey, *, create: bool = False) -> Store:
    """Lock the data directory, open and check the database, bring its schema to head."""
    data_dir = DataDir(root)
    if create:
        root.mkdir(parents=True, exist_ok=True)
    data_dir.check_usable()
    if not create and not data_dir.is_initialised():
        raise DataDirError(
            _("No fsa-desk installation in {path}; create one with 'fsa-desk init'.").format(
                path=root
            )
        )
    lock = DataDirLock(root)
    lock.acquire()
    try:
        return _open_locked(data_dir, key, lock)
    except BaseException:
        lock.release()
        raise


def _open_locked(data_dir: DataDir, key: DatabaseKey, lock: DataDirLock) -> Store:
    if data_dir.is_initialised():
        probe(data_dir.database, key, data_dir.verifier)
    store = Store(data_dir, key, lock)
    try:
        schema.ensure_schema(store.engine, store.backup)
        store.load_installation()
    except BaseException:
        store.engine.dispose()
        raise
    return store
