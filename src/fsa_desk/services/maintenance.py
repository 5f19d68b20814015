"""Database care: integrity and change-log checks, backups, restore."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, Table, text

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.store import schema
from fsa_desk.store.base import SYNC_COLUMNS
from fsa_desk.store.changelog import encode
from fsa_desk.store.database import connect_raw
from fsa_desk.store.store import Store, exchanged_tables


@dataclass(frozen=True)
class Problem:
    check: str
    detail: str  # ids and counts only, never client data


def check_database(store: Store) -> list[Problem]:
    """All problems found; an empty list means the database is sound."""
    with store.engine.connect() as connection:
        problems = [
            *_integrity(connection),
            *_foreign_keys(connection),
            *_revision(connection),
        ]
        for table in exchanged_tables():
            problems.extend(_change_log_consistency(connection, table))
    return problems


def _integrity(connection: Connection) -> list[Problem]:
    rows = connection.exec_driver_sql("PRAGMA integrity_check").scalars().all()
    return [] if rows == ["ok"] else [Problem("integrity_check", str(r)) for r in rows]


def _foreign_keys(connection: Connection) -> list[Problem]:
    rows = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    return [Problem("foreign_key_check", f"{r[0]} rowid {r[1]} → {r[2]}") for r in rows]


def _revision(connection: Connection) -> list[Problem]:
    revision = schema.current_revision(connection)
    if revision == schema.HEAD:
        return []
    return [Problem("revision", f"{revision} != {schema.HEAD}")]


def _change_log_consistency(connection: Connection, table: Table) -> Iterator[Problem]:
    """Every row's stored values equal the latest logged value of each field."""
    logged = _latest_logged_values(connection, table.name)
    fields = [c.name for c in table.columns if c.name not in SYNC_COLUMNS]
    for row in connection.execute(table.select()):
        row_id = row.id.hex
        values = logged.pop(row_id, None)
        if values is None:
            yield Problem("change_log", f"{table.name} {row_id}: no logged changes")
            continue
        yield from _compare_row(table.name, row, values, fields)
    for row_id in logged:
        yield Problem("change_log", f"{table.name} {row_id}: logged but missing")


def _compare_row(
    table: str, row: Row[Any], values: dict[str, str | None], fields: list[str]
) -> Iterator[Problem]:
    for field in fields:
        if values.get(field) != encode(getattr(row, field)):
            yield Problem("change_log", f"{table} {row.id.hex}: field {field} differs")
    if values.get("_deleted", "false") != encode(row.deleted_hlc is not None):
        yield Problem("change_log", f"{table} {row.id.hex}: tombstone differs")


def _latest_logged_values(
    connection: Connection, table_name: str
) -> dict[str, dict[str, str | None]]:
    query = text(
        "SELECT row_id, field, new FROM change_log WHERE table_name = :t ORDER BY hlc, seq"
    )
    latest: dict[str, dict[str, str | None]] = {}
    for row_id, field, new in connection.execute(query, {"t": table_name}):
        latest.setdefault(row_id, {})[field] = new
    return latest


def restore_backup(store: Store, backup_file: Path) -> Path:
    """Replace the database by ``backup_file``; the current state is backed up first."""
    _verify_backup(store, backup_file)
    safety = store.backup("vor-wiederherstellung")
    store.engine.dispose()
    database = store.data_dir.database
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    tmp = database.with_name(database.name + ".restore")
    shutil.copyfile(backup_file, tmp)
    os.replace(tmp, database)
    store.rekeyed(store.key)
    schema.ensure_schema(store.engine, store.backup)
    store.load_installation()
    return safety


def _verify_backup(store: Store, backup_file: Path) -> None:
    if not backup_file.is_file():
        raise InputRejected(_("The backup file {path} does not exist.").format(path=backup_file))
    try:
        connection = connect_raw(backup_file, store.key)
        try:
            result = connection.execute("PRAGMA integrity_check").fetchall()
        finally:
            connection.close()
    except Exception:
        raise InputRejected(
            _("The backup cannot be opened with the current passphrase, or it is damaged.")
        ) from None
    if result != [("ok",)]:
        raise InputRejected(_("The backup file is damaged; nothing was changed."))
