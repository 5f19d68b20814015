"""Merging verified changes into the store: set-based SQL inside the caller's transaction.

The change log is the truth. Every row holds, field by field, the value of the change with the
highest HLC (a tombstone is the field ``_deleted``), so the result does not depend on the order
in which bundles arrive. Applying a bundle is therefore:

1. its changes go into the change log with their original ids and HLCs — ``INSERT OR IGNORE``
   on the change id, so a change this installation has is skipped (re-imports change nothing);
   the new ones are those past the log's previous end;
2. the rows they touch are staged in ``sync_stage``, marked ``known`` if they existed here (or
   were waiting) before;
3. SQL writes every touched row from the log's winners, table by table in dependency order —
   new rows are inserted, existing ones rewritten;
4. concurrent changes of known rows are paired up in ``sync_conflict``.

No ORM object per change (DESIGN.md §5 measured that 100× too slow). A row can only exist once its
required fields and the rows it refers to are known; when a bundle arrives before the one that
created a row (or its parent), the row waits in ``sync_pending_row`` and every later import
retries it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import islice

from sqlalchemy import Connection, Table, text

from fsa_desk.store.base import SYNC_COLUMNS
from fsa_desk.store.changelog import DELETED_FIELD
from fsa_desk.store.store import exchanged_tables
from fsa_desk.sync.changes import LOG_INSERT

HLC_LENGTH = 51
DEVICE_START = HLC_LENGTH - 31  # substr() position of the device in an HLC
_BATCH = 20_000


@dataclass(frozen=True)
class Applied:
    changes: int  # changes new to this installation, now in its change log
    created: Mapping[str, int]  # rows per table that came into existence
    updated: Mapping[str, int]  # rows per table that existed and took a newer value
    conflicts: int  # new pairs for the "Parallele Änderungen" list
    pending: int  # rows waiting for a bundle that has not arrived
    touched: Mapping[str, frozenset[str]]  # changed row ids of the watched tables
    created_ids: Mapping[str, frozenset[str]]  # new row ids of the watched tables


def apply_changes(
    connection: Connection,
    changes: Iterable[Sequence[str | None]],
    *,
    found_at: datetime,
    watch: tuple[str, ...] = ("household", "person", "membership"),
) -> Applied:
    """Merge ``changes`` (``sync.changes.Change`` tuples, in HLC order) into the store; the
    caller owns the transaction.
    """
    connection.exec_driver_sql("DELETE FROM sync_stage")
    start = _scalar(connection, "SELECT coalesce(max(seq), 0) FROM change_log")
    _log(connection, changes)
    count = _scalar(connection, f"SELECT count(*) FROM change_log WHERE seq > {start}")
    if not count:
        return Applied(0, {}, {}, 0, _pending_count(connection), {}, {})
    plans = _stage_rows(connection, start)
    before = {p.name: p.existing_staged(connection) for p in plans if p.name in watch}
    _record_old_values(connection, start)
    updated = _updated_rows(connection, start)
    created = {}
    for plan in plans:
        plan.rewrite_existing(connection)
        created[plan.name] = plan.insert_new(connection)
    conflicts = _record_conflicts(connection, start, found_at)
    touched = {p.name: p.staged_rows(connection) for p in plans if p.name in watch}
    after = {p.name: p.existing_staged(connection) for p in plans if p.name in watch}
    connection.exec_driver_sql("DELETE FROM sync_stage")
    return Applied(
        changes=count,
        created={name: n for name, n in created.items() if n},
        updated=updated,
        conflicts=conflicts,
        pending=_pending_count(connection),
        touched=touched,
        created_ids={name: frozenset(after[name] - before[name]) for name in after},
    )


def _scalar(connection: Connection, sql: str) -> int:
    return int(connection.exec_driver_sql(sql).scalar_one())


def _log(connection: Connection, changes: Iterable[Sequence[str | None]]) -> None:
    """Into the change log with their original ids and HLCs; known change ids are skipped."""
    iterator = iter(changes)
    while batch := list(islice(iterator, _BATCH)):
        connection.exec_driver_sql(LOG_INSERT, batch)


def _stage_rows(connection: Connection, start: int) -> list[_TablePlan]:
    """Stage the rows the new changes touch; the plans of their tables and of waiting rows."""
    connection.exec_driver_sql(
        "INSERT OR IGNORE INTO sync_stage (table_name, row_id, known, existing) "
        f"SELECT table_name, row_id, 0, 0 FROM change_log WHERE seq > {start}"
    )
    names = set(
        connection.exec_driver_sql(
            "SELECT DISTINCT table_name FROM sync_stage "
            "UNION SELECT DISTINCT table_name FROM sync_pending_row"
        ).scalars()
    )
    plans = [_TablePlan(table) for table in exchanged_tables() if table.name in names]
    for plan in plans:
        plan.mark_known(connection)
    return plans


def _record_old_values(connection: Connection, start: int) -> None:
    """The value each new change of a known row replaced, for the audit trail."""
    if connection.exec_driver_sql("SELECT 1 FROM sync_stage WHERE known = 1 LIMIT 1").first():
        connection.exec_driver_sql(
            "UPDATE change_log SET old = (SELECT p.new FROM change_log p "
            "WHERE p.table_name = change_log.table_name AND p.row_id = change_log.row_id "
            "AND p.field = change_log.field AND p.hlc < change_log.hlc "
            "ORDER BY p.hlc DESC LIMIT 1) "
            f"WHERE seq > {start} AND EXISTS (SELECT 1 FROM sync_stage r "
            "WHERE r.table_name = change_log.table_name AND r.row_id = change_log.row_id "
            "AND r.known = 1)"
        )


def _updated_rows(connection: Connection, start: int) -> dict[str, int]:
    """Per table, the existing rows of which a new change is now the newest of its field."""
    if not connection.exec_driver_sql("SELECT 1 FROM sync_stage WHERE existing = 1").first():
        return {}
    rows = connection.exec_driver_sql(
        "SELECT c.table_name, count(DISTINCT c.row_id) FROM sync_stage r "
        "JOIN change_log c ON c.table_name = r.table_name AND c.row_id = r.row_id "
        f"WHERE r.existing = 1 AND c.seq > {start} AND c.hlc = (SELECT max(x.hlc) "
        "FROM change_log x WHERE x.table_name = c.table_name AND x.row_id = c.row_id "
        "AND x.field = c.field) GROUP BY c.table_name"
    )
    return {name: int(n) for name, n in rows}


def _pending_count(connection: Connection) -> int:
    return _scalar(connection, "SELECT count(*) FROM sync_pending_row")


def _record_conflicts(connection: Connection, start: int, found_at: datetime) -> int:
    """Pairs of concurrent, different changes: each new change of a known row against the log."""
    if not connection.exec_driver_sql("SELECT 1 FROM sync_stage WHERE known = 1").first():
        return 0  # rows first seen now cannot conflict
    total = 0
    for statement in _CONFLICT_STATEMENTS:
        sql = statement.replace(":start", str(start))
        total += connection.execute(text(sql), {"found_at": found_at.isoformat(sep=" ")}).rowcount
    return total


_PAIR = (
    "CASE WHEN s.change_id < c.change_id THEN s.change_id ELSE c.change_id END, "
    "CASE WHEN s.change_id < c.change_id THEN c.change_id ELSE s.change_id END, :found_at"
)
# Neither change was made by someone who had seen the other.
_CONCURRENT = (
    "c.device <> s.device AND coalesce(c.base_hlc, '') < s.hlc AND coalesce(s.base_hlc, '') < c.hlc"
)
_NEW_OF_KNOWN_ROWS = (  # CROSS JOIN: SQLite walks the staged rows first, then their changes
    "FROM sync_stage r CROSS JOIN change_log s ON s.table_name = r.table_name "
    "AND s.row_id = r.row_id AND s.seq > :start "
)
_CONFLICT_INSERT = (
    "INSERT OR IGNORE INTO sync_conflict (kind, table_name, row_id, field, change_a, change_b, "
    "found_at) "
)
_CONFLICT_STATEMENTS = (
    # Same field, different values (equal values never conflict).
    _CONFLICT_INSERT
    + "SELECT 'edit', s.table_name, s.row_id, s.field, "
    + _PAIR
    + " "
    + _NEW_OF_KNOWN_ROWS
    + "JOIN change_log c ON c.table_name = s.table_name AND c.row_id = s.row_id "
    "AND c.field = s.field WHERE r.known = 1 AND c.new IS NOT s.new AND " + _CONCURRENT,
    # A new deletion against edits logged here, and a new edit against logged deletions.
    _CONFLICT_INSERT
    + "SELECT 'delete', s.table_name, s.row_id, '_deleted', "
    + _PAIR
    + " "
    + _NEW_OF_KNOWN_ROWS
    + "JOIN change_log c ON c.table_name = s.table_name AND c.row_id = s.row_id "
    "WHERE r.known = 1 AND s.field = '_deleted' AND s.new = 'true' "
    "AND c.field <> '_deleted' AND " + _CONCURRENT,
    _CONFLICT_INSERT
    + "SELECT 'delete', s.table_name, s.row_id, '_deleted', "
    + _PAIR
    + " "
    + _NEW_OF_KNOWN_ROWS
    + "JOIN change_log c ON c.table_name = s.table_name AND c.row_id = s.row_id "
    "AND c.field = '_deleted' "
    "WHERE r.known = 1 AND s.field <> '_deleted' AND c.new = 'true' AND " + _CONCURRENT,
)


def _json(expression: str) -> str:
    """The SQL value of a JSON text (SQLite's JSON1; PostgreSQL would use ``->>``)."""
    return f"json_extract({expression}, '$')"


def _q(name: str) -> str:
    return f'"{name}"'


class _TablePlan:
    """The SQL that writes one exchanged table's touched rows from the change log."""

    def __init__(self, table: Table) -> None:
        self.name = table.name
        self.table = _q(table.name)
        self.fields = [c.name for c in table.columns if c.name not in SYNC_COLUMNS]
        self.required = [
            c.name for c in table.columns if c.name not in SYNC_COLUMNS and not c.nullable
        ]
        self.parents = {
            fk.parent.name: _q(fk.column.table.name)
            for fk in table.foreign_keys
            if fk.parent.name in self.fields
        }
        self.params = {"t": table.name}

    def _run(self, connection: Connection, sql: str) -> int:
        return int(connection.execute(text(sql), self.params).rowcount)

    # --- reading ------------------------------------------------------------------------------

    def staged_rows(self, connection: Connection) -> frozenset[str]:
        query = "SELECT row_id FROM sync_stage WHERE table_name = :t"
        return frozenset(connection.execute(text(query), self.params).scalars())

    def existing_staged(self, connection: Connection) -> set[str]:
        query = (
            f"SELECT r.row_id FROM sync_stage r JOIN {self.table} t ON t.id = r.row_id "
            "WHERE r.table_name = :t"
        )
        return set(connection.execute(text(query), self.params).scalars())

    def mark_known(self, connection: Connection) -> None:
        """Rows that exist here or wait: only their new changes can conflict."""
        self._run(
            connection,
            "UPDATE sync_stage SET known = 1, existing = 1 WHERE table_name = :t "
            f"AND row_id IN (SELECT id FROM {self.table})",
        )
        self._run(
            connection,
            "UPDATE sync_stage SET known = 1 WHERE table_name = :t AND known = 0 "
            "AND row_id IN (SELECT row_id FROM sync_pending_row WHERE table_name = :t)",
        )

    # --- writing ------------------------------------------------------------------------------

    def rewrite_existing(self, connection: Connection) -> None:
        """Touched rows that exist: every field from the log, once the rows they cite exist."""
        rows = (
            "SELECT row_id FROM sync_stage WHERE table_name = :t AND existing = 1 "
            "UNION SELECT row_id FROM sync_pending_row WHERE table_name = :t"
        )
        if connection.execute(text(rows + " LIMIT 1"), self.params).first() is None:
            return
        row = f"{self.table}.id"
        values = {**self._logged_clock(row), **self._logged_values(row)}
        assignments = ", ".join(f"{_q(name)} = {sql}" for name, sql in values.items())
        ready = self._ready(row)
        self._run(
            connection, f"UPDATE {self.table} SET {assignments} WHERE id IN ({rows}) AND {ready}"
        )
        self._run(
            connection,
            "INSERT OR IGNORE INTO sync_pending_row (table_name, row_id) "
            f"SELECT :t, id FROM {self.table} WHERE id IN ({rows}) AND NOT ({ready})",
        )

    def insert_new(self, connection: Connection) -> int:
        """Rows that do not exist yet: inserted once complete, otherwise left waiting."""
        fresh = "SELECT row_id FROM sync_stage WHERE table_name = :t AND existing = 0"
        created = self._insert_complete(connection, fresh)
        self._run(
            connection,
            "INSERT OR IGNORE INTO sync_pending_row (table_name, row_id) SELECT :t, row_id "
            f"FROM sync_stage WHERE table_name = :t AND existing = 0 "
            f"AND row_id NOT IN (SELECT id FROM {self.table})",
        )
        waiting = (
            "SELECT row_id FROM sync_pending_row WHERE table_name = :t "
            f"AND row_id NOT IN (SELECT id FROM {self.table})"
        )
        while inserted := self._insert_complete(connection, waiting):  # rows citing each other
            created += inserted
        self._run(
            connection,
            "DELETE FROM sync_pending_row WHERE table_name = :t "
            f"AND row_id IN (SELECT id FROM {self.table}) "
            f"AND {self._ready('sync_pending_row.row_id')}",
        )
        return created

    def _insert_complete(self, connection: Connection, candidates: str) -> int:
        values = {**self._logged_clock("r.row_id"), **self._logged_values("r.row_id")}
        selected = ", ".join(f"{sql} AS {_q(name)}" for name, sql in values.items())
        built = f"SELECT r.row_id AS id, {selected} FROM ({candidates}) r"
        names = ", ".join(_q(c) for c in ["id", *values])
        complete = [f"{_q(name)} IS NOT NULL" for name in self.required]
        complete += self._references_exist({name: _q(name) for name in self.fields})
        condition = " AND ".join(complete) or "1 = 1"
        return self._run(
            connection,
            f"INSERT INTO {self.table} ({names}) SELECT {names} FROM ({built}) WHERE {condition}",
        )

    def _ready(self, row: str) -> str:
        """SQL: the rows this row's newest values refer to all exist."""
        return " AND ".join(self._references_exist(self._logged_values(row))) or "1 = 1"

    def _references_exist(self, value: Mapping[str, str]) -> list[str]:
        return [
            f"({value[name]} IS NULL OR {value[name]} IN (SELECT id FROM {parent}))"
            for name, parent in self.parents.items()
        ]

    def _logged(self, row: str, name: str) -> str:
        """SQL: the newest logged JSON value of one field of one row."""
        return (
            f"(SELECT c.new FROM change_log c WHERE c.table_name = :t AND c.row_id = {row} "
            f"AND c.field = '{name}' ORDER BY c.hlc DESC LIMIT 1)"
        )

    def _logged_values(self, row: str) -> dict[str, str]:
        return {name: _json(self._logged(row, name)) for name in self.fields}

    def _logged_clock(self, row: str) -> dict[str, str]:
        """``created_hlc``: the row's oldest change (and its device), ``updated_hlc``: newest."""
        changes = f"FROM change_log c WHERE c.table_name = :t AND c.row_id = {row}"
        created = f"(SELECT min(c.hlc) {changes})"
        deleted = (
            f"(SELECT CASE WHEN c.new = 'true' THEN c.hlc END {changes} "
            f"AND c.field = '{DELETED_FIELD}' ORDER BY c.hlc DESC LIMIT 1)"
        )
        return {
            "created_hlc": created,
            "updated_hlc": f"(SELECT max(c.hlc) {changes})",
            "origin_device": f"substr({created}, {DEVICE_START})",
            "deleted_hlc": deleted,
        }
