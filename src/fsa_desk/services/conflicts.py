"""The "Parallele Änderungen" review list: concurrent edits the merge never resolves silently.

Two counsellors changed the same field without having seen each other's change, to different
values — or one edited what another deleted. The newest change is displayed meanwhile; the list
shows both values with authors and times, and the decision is a *new change* made by someone
who has seen both, which closes the conflict on every installation that receives it.
Notes are shown only through ``reveal_notes``, which at the lead logs who looked and why.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services import note_access
from fsa_desk.store.changelog import CONTEXT_KEY, DELETED_FIELD, ChangeContext
from fsa_desk.store.models import Counsellor, Household
from fsa_desk.store.store import Store, exchanged_tables

NOTE_FIELDS = frozenset({("consultation", "note")})
CHOICES = ("a", "b")


@dataclass(frozen=True)
class Side:
    change_id: str
    value: Any  # the JSON value; None also for a hidden note
    at: datetime
    author: str | None  # "Anna Berg (B1)"
    device: str
    deletes: bool  # this side deleted the row


@dataclass(frozen=True)
class Conflict:
    id: int
    kind: str  # edit, delete
    table: str
    row_id: uuid.UUID
    field: str
    household_ref: str | None
    hidden: bool  # a note: values only through reveal_notes
    a: Side
    b: Side


_OPEN = """
SELECT k.id AS id, k.kind AS kind, k.table_name AS table_name, k.row_id AS row_id,
       k.field AS field,
       a.change_id AS a_change, a.hlc AS a_hlc, a.device AS a_device,
       a.counsellor_id AS a_counsellor, a.field AS a_field, a.new AS a_new,
       b.change_id AS b_change, b.hlc AS b_hlc, b.device AS b_device,
       b.counsellor_id AS b_counsellor, b.field AS b_field, b.new AS b_new
FROM sync_conflict k
JOIN change_log a ON a.change_id = k.change_a
JOIN change_log b ON b.change_id = k.change_b
WHERE NOT EXISTS (
    SELECT 1 FROM change_log d
    WHERE d.table_name = k.table_name AND d.row_id = k.row_id AND d.field = k.field
      AND d.base_hlc >= CASE WHEN a.hlc > b.hlc THEN a.hlc ELSE b.hlc END)
"""


def open_conflicts(store: Store) -> list[Conflict]:
    """Every undecided conflict, oldest first."""
    with store.read() as session:
        rows = session.connection().execute(text(_OPEN + " ORDER BY k.id")).all()
        return [_conflict(session, row, _is_lead(store)) for row in rows]


def count_open(store: Store) -> int:
    with store.read() as session:
        return count_open_in(session)


def count_open_in(session: Session) -> int:
    """Undecided conflicts, inside a caller's transaction (e.g. the checks before locking)."""
    query = text(f"SELECT count(*) FROM ({_OPEN}) open_conflicts")
    return int(session.connection().execute(query).scalar_one())


def decide(store: Store, conflict_id: int, choice: str) -> None:
    """Keep side ``a`` or ``b``: written as a new change that has seen both."""
    if choice not in CHOICES:
        raise InputRejected(_("Choose 'a' or 'b'."))
    with store.transaction() as session:
        row = _open_row(session.connection(), conflict_id)
        side = _sides(row)[CHOICES.index(choice)]
        value = "true" if side.deletes else ("false" if row.kind == "delete" else side.new)
        _write_decision(session, row.table_name, row.row_id, row.field, value)


def reveal_notes(store: Store, conflict_id: int, reason: str) -> tuple[Any, Any]:
    """Both note texts of a note conflict; at the lead the opening is logged with its reason."""
    with store.read() as session:
        row = _open_row(session.connection(), conflict_id)
    if (row.table_name, row.field) not in NOTE_FIELDS:
        raise InputRejected(_("This conflict is not about a note."))
    note_access.log_opening(store, uuid.UUID(hex=row.row_id), reason)
    a, b = _sides(row)
    return _decoded(a.new), _decoded(b.new)


@dataclass(frozen=True)
class _RawSide:
    change_id: str
    hlc: str
    device: str
    counsellor_id: str | None
    field: str
    new: str | None

    @property
    def deletes(self) -> bool:
        return self.field == DELETED_FIELD and self.new == "true"


def _sides(row: Any) -> tuple[_RawSide, _RawSide]:
    return _RawSide(*row[5:11]), _RawSide(*row[11:17])


def _open_row(connection: Connection, conflict_id: int) -> Any:
    row = connection.execute(text(_OPEN + " AND k.id = :id"), {"id": conflict_id}).first()
    if row is None:
        raise InputRejected(_("This conflict does not exist or was decided already."))
    return row


def _conflict(session: Session, row: Any, lead: bool) -> Conflict:
    hidden = lead and (row.table_name, row.field) in NOTE_FIELDS
    a, b = _sides(row)
    return Conflict(
        id=row.id,
        kind=row.kind,
        table=row.table_name,
        row_id=uuid.UUID(hex=row.row_id),
        field=row.field,
        household_ref=_household_ref(session, row.table_name, row.row_id),
        hidden=hidden,
        a=_side(session, a, hidden),
        b=_side(session, b, hidden),
    )


def _side(session: Session, raw: _RawSide, hidden: bool) -> Side:
    author = None
    if raw.counsellor_id:
        counsellor = session.get(Counsellor, uuid.UUID(hex=raw.counsellor_id))
        author = f"{counsellor.name} ({counsellor.code})" if counsellor else None
    return Side(
        change_id=raw.change_id,
        value=None if hidden else _decoded(raw.new),
        at=datetime.fromtimestamp(int(raw.hlc[:13]) / 1000),
        author=author,
        device=raw.device,
        deletes=raw.deletes,
    )


def _decoded(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _household_ref(session: Session, table: str, row_id: str) -> str | None:
    """The file number the conflicting row belongs to, for orientation in the list."""
    if table == "household":
        household_id: uuid.UUID | None = uuid.UUID(hex=row_id)
    else:
        columns = {t.name: t for t in exchanged_tables()}[table].columns
        if "household_id" not in columns:
            return None
        query = text(f'SELECT household_id FROM "{table}" WHERE id = :id')
        found = session.connection().execute(query, {"id": row_id}).scalar()
        household_id = uuid.UUID(hex=found) if found else None
    household = session.get(Household, household_id) if household_id else None
    return household.household_ref if household else None


def _write_decision(
    session: Session, table: str, row_id: str, field: str, value: str | None
) -> None:
    """The decision as an ordinary change: logged, and the row holds it (it is the newest)."""
    context: ChangeContext = session.info[CONTEXT_KEY]
    connection = session.connection()
    params = {"row_id": row_id, "table": table, "field": field}
    base = connection.execute(
        text("SELECT max(hlc) FROM change_log WHERE table_name = :table AND row_id = :row_id"),
        params,
    ).scalar()
    old = connection.execute(
        text(
            "SELECT new FROM change_log WHERE table_name = :table AND row_id = :row_id "
            "AND field = :field ORDER BY hlc DESC LIMIT 1"
        ),
        params,
    ).scalar()
    hlc = context.clock.tick()
    connection.execute(
        text(
            "INSERT INTO change_log (change_id, hlc, base_hlc, device, counsellor_id, table_name, "
            "row_id, field, old, new) VALUES (:change_id, :hlc, :base, :device, :counsellor, "
            ":table, :row_id, :field, :old, :new)"
        ),
        {
            **params,
            "change_id": uuid.uuid4().hex,
            "hlc": hlc,
            "base": base,
            "device": context.device,
            "counsellor": context.counsellor_id.hex if context.counsellor_id else None,
            "old": old,
            "new": value,
        },
    )
    _set_value(connection, table, row_id, field, value, hlc)


def _set_value(
    connection: Connection, table: str, row_id: str, field: str, value: str | None, hlc: str
) -> None:
    if field == DELETED_FIELD:
        assignment = "deleted_hlc = CASE WHEN :value = 'true' THEN :hlc END"
    else:
        known = {c.name for c in {t.name: t for t in exchanged_tables()}[table].columns}
        if field not in known:
            raise InputRejected(_("This conflict names a field this version does not know."))
        assignment = f"\"{field}\" = json_extract(:value, '$')"
    connection.execute(
        text(f'UPDATE "{table}" SET {assignment}, updated_hlc = :hlc WHERE id = :row_id'),
        {"value": value, "hlc": hlc, "row_id": row_id},
    )


def _is_lead(store: Store) -> bool:
    return store.installation is not None and store.installation.role == "lead"


def conflicts_of_row(store: Store, row_id: uuid.UUID) -> list[Conflict]:
    """Open conflicts of one row, e.g. for a marker in the household view."""
    return [c for c in open_conflicts(store) if c.row_id == row_id]
