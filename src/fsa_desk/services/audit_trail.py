"""The audit trail (§ 22 BDSG, DESIGN.md §5): who entered, changed or deleted what, and when.

Read from the change log, for one household (its rows, its members and everything hanging off
them) or one person. One entry per change event — a record created, changed or deleted at one
moment by one counsellor — naming the fields, never their values: the trail is for the
data-protection officer, who needs to see *that* and *when* something was touched, not the
client's data. At a team lead, openings of notes appear with their logged reason.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from fsa_desk.domain import hlc
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.records import descendant_ids, live
from fsa_desk.store.base import SYNC_COLUMNS
from fsa_desk.store.changelog import DELETED_FIELD
from fsa_desk.store.models import (
    ChangeLog,
    Counsellor,
    Household,
    Membership,
    NoteOpening,
    Person,
)
from fsa_desk.store.store import Store

CREATED, CHANGED, DELETED, RESTORED, NOTE_OPENED = (
    "angelegt",
    "geändert",
    "gelöscht",
    "wiederhergestellt",
    "Notiz geöffnet",
)
_CHUNK = 500


@dataclass(frozen=True)
class AuditQuery:
    household_id: uuid.UUID | None = None
    person_id: uuid.UUID | None = None
    counsellor: str | None = None  # code
    from_day: date | None = None
    to_day: date | None = None


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    counsellor: str  # "Name (Code)", or the device when unknown
    record: str  # table label, e.g. "Beratungskontakt"
    record_id: str
    action: str
    fields: tuple[str, ...]
    reason: str | None = None  # note openings: the logged reason


def audit_trail(store: Store, query: AuditQuery) -> list[AuditEntry]:
    """The trail, oldest first."""
    if (query.household_id is None) == (query.person_id is None):
        raise InputRejected(_("Choose either a household or a person for the audit trail."))
    with store.read() as session:
        roots = _roots(session, query)
        ids = descendant_ids(session, roots)
        names = {row.id: f"{row.name} ({row.code})" for row in session.scalars(select(Counsellor))}
        codes = {row.id: row.code for row in session.scalars(select(Counsellor))}
        entries = _changes(session, ids, query, names, codes)
        entries += _note_openings(session, ids.get("consultation", set()), query, names, codes)
    return sorted(entries, key=lambda entry: (entry.when, entry.record_id))


def _roots(session: Session, query: AuditQuery) -> dict[str, set[uuid.UUID]]:
    if query.person_id is not None:
        live(session, Person, query.person_id, _("This person does not exist."))
        return {"person": {query.person_id}}
    assert query.household_id is not None
    live(session, Household, query.household_id, _("This household does not exist."))
    members = set(
        session.scalars(
            select(Membership.person_id).where(Membership.household_id == query.household_id)
        )
    )
    return {"household": {query.household_id}, "person": members}


def _changes(
    session: Session,
    ids: dict[str, set[uuid.UUID]],
    query: AuditQuery,
    names: dict[uuid.UUID, str],
    codes: dict[uuid.UUID, str],
) -> list[AuditEntry]:
    hex_ids = [row_id.hex for table_ids in ids.values() for row_id in table_ids]
    events: dict[tuple[str, str, str], list[ChangeLog]] = {}
    for start in range(0, len(hex_ids), _CHUNK):
        select_rows = select(ChangeLog).where(
            ChangeLog.row_id.in_(hex_ids[start : start + _CHUNK]), *_period(query)
        )
        for change in session.scalars(select_rows):
            key = (change.hlc, change.table_name, change.row_id)
            events.setdefault(key, []).append(change)
    entries = []
    for (stamp, table, row_id), changes in events.items():
        author = changes[0].counsellor_id
        if query.counsellor is not None and codes.get(author) != query.counsellor:  # type: ignore[arg-type]
            continue
        entries.append(
            AuditEntry(
                when=_moment(stamp),
                counsellor=names.get(author, changes[0].device[:8]),  # type: ignore[arg-type]
                record=record_label(table),
                record_id=row_id,
                action=_action(changes),
                fields=tuple(sorted(c.field for c in changes if c.field not in _HIDDEN)),
            )
        )
    return entries


_HIDDEN = {DELETED_FIELD, *SYNC_COLUMNS}


def _period(query: AuditQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.from_day is not None:
        conditions.append(ChangeLog.hlc >= _stamp(query.from_day))
    if query.to_day is not None:
        conditions.append(ChangeLog.hlc < _stamp(query.to_day + timedelta(days=1)))
    return conditions


def _stamp(day: date) -> str:
    """The HLC prefix of midnight (local time) at the start of ``day``."""
    moment = datetime.combine(day, datetime.min.time()).astimezone()
    return f"{int(moment.timestamp() * 1000):013d}"


def _moment(stamp: str) -> datetime:
    return datetime.fromtimestamp(hlc.parse(stamp).wall_ms / 1000)


def _action(changes: list[ChangeLog]) -> str:
    deleted = [c for c in changes if c.field == DELETED_FIELD]
    if deleted:
        return DELETED if deleted[0].new is not None else RESTORED
    return CREATED if all(c.old is None for c in changes) else CHANGED


def _note_openings(
    session: Session,
    consultations: set[uuid.UUID],
    query: AuditQuery,
    names: dict[uuid.UUID, str],
    codes: dict[uuid.UUID, str],
) -> list[AuditEntry]:
    if not consultations:
        return []
    rows = session.scalars(
        select(NoteOpening).where(NoteOpening.consultation_id.in_(list(consultations)))
    )
    entries = []
    for row in rows:
        if query.from_day and row.opened_at.date() < query.from_day:
            continue
        if query.to_day and row.opened_at.date() > query.to_day:
            continue
        if query.counsellor is not None and codes.get(row.counsellor_id) != query.counsellor:  # type: ignore[arg-type]
            continue
        who = names.get(row.counsellor_id, "–")  # type: ignore[arg-type]
        entries.append(
            AuditEntry(
                row.opened_at,
                who,
                record_label("consultation"),
                row.consultation_id.hex,
                NOTE_OPENED,
                ("note",),
                row.reason,
            )
        )
    return entries


def record_label(table: str) -> str:
    labels = {
        "household": _("Household"),
        "person": _("Person"),
        "membership": _("Membership"),
        "address": _("Address"),
        "consultation": _("Consultation"),
        "consultation_life_area": _("Life area of a consultation"),
        "consultation_person": _("Person at a consultation"),
        "residence_status": _("Residence status"),
        "benefit": _("Benefit"),
        "consent": _("Consent"),
        "art13_record": _("Art. 13 information"),
        "bescheid": _("Bescheid"),
        "task": _("Task"),
        "vollmacht": _("Power of attorney"),
        "fachleistung_case": _("Fachleistung case"),
        "bedarfsanzeige": _("Bedarfsanzeige"),
        "bewilligung": _("Bewilligung"),
        "fallbericht": _("Fallbericht"),
        "integrationsplan": _("Integrationsplan"),
    }
    return labels.get(table, table)


def audit_csv(entries: Iterable[AuditEntry]) -> str:
    """``;``-separated, as German spreadsheets expect; no values of the changed fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(
        [_("When"), _("Who"), _("Record"), _("Record id"), _("Action"), _("Fields"), _("Reason")]
    )
    for entry in entries:
        writer.writerow(
            [
                entry.when.strftime("%d.%m.%Y %H:%M:%S"),
                entry.counsellor,
                entry.record,
                entry.record_id,
                entry.action,
                ", ".join(entry.fields),
                entry.reason or "",
            ]
        )
    return buffer.getvalue()


def household_id_of(store: Store, ref: str) -> uuid.UUID:
    """The household with Haushalt-Nr. ``ref`` (not deleted)."""
    with store.read() as session:
        found = session.scalars(
            select(Household.id).where(
                Household.household_ref == ref.strip(), Household.deleted_hlc.is_(None)
            )
        ).all()
    if len(found) != 1:
        raise InputRejected(_("No single household has the number '{ref}'.").format(ref=ref))
    return found[0]


def audit_pdf(store: Store, query: AuditQuery) -> bytes:
    """The trail as an A4 document for the data-protection officer (no client data in it
    beyond the household number)."""
    from fsa_desk.forms.layout import FormDocument, Note, Section, render_pdf
    from fsa_desk.forms.layout import Table as FormTable

    entries = audit_trail(store, query)
    with store.read() as session:
        ref = None
        if query.household_id is not None:
            ref = session.scalar(
                select(Household.household_ref).where(Household.id == query.household_id)
            )
    rows = tuple(
        (
            entry.when.strftime("%d.%m.%Y %H:%M"),
            entry.counsellor,
            entry.record,
            entry.action,
            ", ".join(entry.fields) + (f" — {entry.reason}" if entry.reason else ""),
        )
        for entry in entries
    )
    scope = (
        _("Household {ref}").format(ref=ref)
        if ref
        else _("Person {id}").format(id=query.person_id.hex if query.person_id else "")
    )
    document = FormDocument(
        title=_("Audit trail"),
        subtitle=scope,
        sections=(
            Section(
                _("Who entered, changed or deleted what, and when"),
                (
                    Note(
                        _(
                            "From the change log of this installation. Field names only: "
                            "the values are not part of the trail."
                        )
                    ),
                    FormTable(
                        (_("When"), _("Who"), _("Record"), _("Action"), _("Fields")),
                        rows,
                        widths=(0.16, 0.2, 0.2, 0.12, 0.32),
                    ),
                ),
            ),
        ),
        provider=store.installation_provider(),
        household_ref=ref,
    )
    return render_pdf(document)
