"""Reading bundle lines out of the change log, already in their canonical form.

SQLite writes each line itself (string concatenation over the change log's JSON values), which is
ten times faster than serialising a million dictionaries in Python. What never leaves the
installation: the note of a ``vertraulich`` consultation (the lead learns only that one exists).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence

from sqlalchemy import Connection, text

# The canonical JSON line of a change-log row ``c`` (keys sorted, no whitespace; ``new`` is
# already the canonical JSON text of the value).
LINE_SQL = (
    "'{\"base_hlc\":' || CASE WHEN c.base_hlc IS NULL THEN 'null' "
    "ELSE '\"' || c.base_hlc || '\"' END || ',\"change_id\":\"' || c.change_id || "
    "'\",\"counsellor\":' || CASE WHEN c.counsellor_id IS NULL THEN 'null' "
    "ELSE '\"' || c.counsellor_id || '\"' END || ',\"device\":\"' || c.device || "
    '\'","field":"\' || c.field || \'","hlc":"\' || c.hlc || \'","row_id":"\' || '
    'c.row_id || \'","table":"\' || c.table_name || \'","value":\' || '
    "coalesce(c.new, 'null') || '}'"
)
# Checked row by row, and only for note changes: a full scan of the consultations for every
# weekly export would cost more than the export itself.
_CONFIDENTIAL_ROW = "SELECT 1 FROM consultation x WHERE x.id = c.row_id AND x.confidential = 1"
_NOT_CONFIDENTIAL_NOTE = (
    f"NOT (c.table_name = 'consultation' AND c.field = 'note' AND EXISTS ({_CONFIDENTIAL_ROW}))"
)

Line = tuple[str, str, str]  # table, HLC, line
_BATCH = 10_000


def latest_seq(connection: Connection) -> int:
    return int(
        connection.execute(text("SELECT coalesce(max(seq), 0) FROM change_log")).scalar_one()
    )


def device_changes(
    connection: Connection, device: str, after: int, upto: int
) -> Iterator[list[Line]]:
    """This device's changes logged after ``after`` (up to ``upto``), in HLC order, in batches."""
    main = _batches(connection, _own_changes_sql(after), (device, after, upto))
    released = _released(connection, after, upto)
    if after == 0 or not released:
        return main
    notes = _batches(connection, _released_notes_sql(len(released)), (device, after, *released))
    merged = heapq.merge(_flat(main), _flat(notes), key=lambda line: line[1])
    return _rebatched(merged)


def _released(connection: Connection, after: int, upto: int) -> list[str]:
    """Consultations no longer vertraulich since the last export: their notes may go now."""
    query = text(
        # The unary + keeps SQLite on the few rows after ``after`` instead of the
        # (table, row, field) index over every consultation change ever made.
        "SELECT DISTINCT row_id FROM change_log WHERE seq > :after AND seq <= :upto "
        "AND +table_name = 'consultation' AND +field = 'confidential' AND old = 'true' "
        "AND new = 'false'"
    )
    return list(connection.execute(query, {"after": after, "upto": upto}).scalars())


def _own_changes_sql(after: int) -> str:
    # A full export walks the (device, hlc) index; a delta takes the few rows after ``after`` by
    # sequence number (the unary + keeps SQLite from scanning the device's whole index) and sorts.
    device_term = "c.device = ?" if after == 0 else "+c.device = ?"
    return (
        f"SELECT c.table_name, c.hlc, {LINE_SQL} FROM change_log c "
        f"WHERE {device_term} AND c.seq > ? AND c.seq <= ? "
        f"AND {_NOT_CONFIDENTIAL_NOTE} ORDER BY c.hlc, c.seq"
    )


def _released_notes_sql(count: int) -> str:
    """The newest note of each released consultation, if it was kept back (logged before)."""
    return (
        f"SELECT c.table_name, c.hlc, {LINE_SQL} FROM change_log c "
        "WHERE c.table_name = 'consultation' AND c.field = 'note' AND +c.device = ? "
        f"AND c.seq <= ? AND c.row_id IN ({', '.join('?' * count)}) "
        f"AND NOT EXISTS ({_CONFIDENTIAL_ROW}) "
        "AND c.hlc = (SELECT max(x.hlc) FROM change_log x WHERE x.table_name = 'consultation' "
        "AND x.row_id = c.row_id AND x.field = 'note') ORDER BY c.hlc, c.seq"
    )


def _batches(connection: Connection, sql: str, params: tuple[object, ...]) -> Iterator[list[Line]]:
    """Rows straight from the driver's cursor: a million rows pass no ORM or Row objects."""
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(_BATCH):
            yield list(rows)
    finally:
        cursor.close()


def _flat(batches: Iterator[list[Line]]) -> Iterator[Line]:
    for batch in batches:
        yield from batch


def _rebatched(lines: Iterator[Line]) -> Iterator[list[Line]]:
    batch: list[Line] = []
    for line in lines:
        batch.append(line)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def row_changes(connection: Connection, rows: Mapping[str, Sequence[str]]) -> list[Line]:
    """Every logged change of the rows (by table), in HLC order, without vertraulich notes."""
    found: list[Line] = []
    for table, ids in rows.items():
        for start in range(0, len(ids), 500):
            chunk = list(ids[start : start + 500])
            placeholders = ", ".join(f":id{n}" for n in range(len(chunk)))
            query = (
                f"SELECT c.table_name, c.hlc, {LINE_SQL} FROM change_log c "
                f"WHERE c.table_name = :table AND c.row_id IN ({placeholders}) "
                f"AND {_NOT_CONFIDENTIAL_NOTE}"
            )
            params = {"table": table, **{f"id{n}": row_id for n, row_id in enumerate(chunk)}}
            found.extend((r[0], r[1], r[2]) for r in connection.execute(text(query), params))
    found.sort(key=lambda line: (line[1], line[2]))
    return found
