"""SQLCipher engine: keyed connections with the pragmas every connection needs."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from fsa_desk.errors import DatabaseCorrupt, WrongPassphrase
from fsa_desk.i18n import _
from fsa_desk.store.keys import DatabaseKey, verifier_accepts

SQLITE_HEADER = b"SQLite format 3\x00"


def connect_raw(path: Path, key: DatabaseKey) -> Any:
    """A keyed DB-API connection outside the engine (probes, backups)."""
    connection = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    # Before the key: otherwise a wrong key prints "ERROR CORE" lines on stderr.
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f"PRAGMA key = {key.pragma_literal()}")
    return connection


def create_store_engine(path: Path, key: DatabaseKey) -> Engine:
    """An engine whose every connection is keyed, in WAL mode, with foreign keys on."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect_raw(path, key),
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=0,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    return engine


def _begin(connection: Any) -> None:
    # SQLAlchemy emits BEGIN itself (the driver's own transaction handling is off). Foreign keys
    # are checked at commit, so a unit of work (or an imported bundle) may insert in any order.
    connection.exec_driver_sql("BEGIN")
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = WAL")
    dbapi_connection.execute("PRAGMA foreign_keys = ON")
    dbapi_connection.execute("PRAGMA synchronous = NORMAL")
    # Reports read every consultation of five years: a 64 MB page cache keeps the decrypted
    # pages, and sorts stay in memory instead of unencrypted temp files.
    dbapi_connection.execute("PRAGMA cache_size = -65536")
    dbapi_connection.execute("PRAGMA temp_store = MEMORY")


def probe(path: Path, key: DatabaseKey, verifier: Path) -> None:
    """Open ``path`` once and read from it; raise a clear error for a wrong key or a bad file."""
    if _looks_unencrypted(path):
        raise DatabaseCorrupt(_("The database file is not an encrypted fsa-desk database."))
    connection = None
    try:
        connection = connect_raw(path, key)
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as error:
        raise _diagnose(verifier, key) from error
    finally:
        if connection is not None:
            connection.close()


def _diagnose(verifier: Path, key: DatabaseKey) -> Exception:
    accepted = verifier_accepts(verifier, key)
    if accepted is True:
        return DatabaseCorrupt(_("The database file is damaged; restore a backup."))
    if accepted is False:
        return WrongPassphrase(_("Wrong passphrase."))
    return WrongPassphrase(_("Wrong passphrase, or the database file is damaged."))


def _looks_unencrypted(path: Path) -> bool:
    with contextlib.suppress(OSError), path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    return False


def export_copy(engine: Engine, target: Path, key: DatabaseKey) -> None:
    """Write an encrypted copy of the database (same key) to ``target`` atomically."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    raw = engine.raw_connection()
    try:
        raw.execute("ATTACH DATABASE ? AS backup KEY ?", (str(tmp), key.secret))
        # The copy is fsynced once below and only renamed into place when complete: per-page
        # syncs and a journal for a file nobody else sees cost seconds (3-4 s → 0.1 s).
        raw.execute("PRAGMA backup.synchronous = OFF")
        raw.execute("PRAGMA backup.journal_mode = OFF")
        try:
            raw.execute("SELECT sqlcipher_export('backup')")
        finally:
            raw.execute("DETACH DATABASE backup")
    finally:
        raw.close()
    with tmp.open("rb+") as file:
        os.fsync(file.fileno())
    os.replace(tmp, target)
