"""The team index: who the team's clients are, so that the counsellor on duty finds them.

The lead writes one index bundle for every enrolled counsellor (DESIGN.md §5): per household
only the file number, name variants, birth years, Bezugsberater:in, module, Fachleistung yes/no
and the number of open deadlines — no notes, no consultations. A counsellor's installation keeps
the newest index in ``team_index_entry`` and searches it. To record a consultation for an indexed
household, the counsellor *takes it on*: the household row is created from the lead's own
changes, so the consultation becomes an ordinary change that reaches the lead.
"""

from __future__ import annotations

import json
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from fsa_desk.domain.names import search_key, skeleton, words
from fsa_desk.errors import InputRejected, UsageError
from fsa_desk.i18n import _
from fsa_desk.services import search_index
from fsa_desk.services.sync_export import write_lead_bundle
from fsa_desk.services.team import installation_of
from fsa_desk.store.models import (
    Bescheid,
    Bewilligung,
    Consultation,
    Counsellor,
    FachleistungCase,
    Household,
    Membership,
    Person,
    SyncDevice,
    SyncImport,
    TeamIndexEntry,
)
from fsa_desk.store.store import Store
from fsa_desk.sync import collect
from fsa_desk.sync.apply import apply_changes
from fsa_desk.sync.bundle import Limits, Opened
from fsa_desk.sync.changes import parse
from fsa_desk.sync.index_format import INDEX_TABLE, IndexEntry, parse_entry
from fsa_desk.sync.payload import PayloadBuilder

MAX_HITS = 50


@dataclass(frozen=True)
class IndexSummary:
    file: Path
    households: int
    recipients: list[str]  # counsellor codes


@dataclass(frozen=True)
class IndexHit:
    household_id: uuid.UUID
    household_ref: str
    names: list[str]
    birth_years: list[int]
    counsellor: str | None
    module: str | None
    fachleistung: bool
    open_deadlines: int
    taken_on: bool  # the household exists on this installation


# --- at the lead ------------------------------------------------------------------------------


def write_index(store: Store, output: Path) -> IndexSummary:
    """Lead: the index bundle, readable by every enrolled counsellor."""
    if installation_of(store).role != "lead":
        raise UsageError(_("Only a lead's installation writes the team index."))
    with store.read() as session:
        receivers = _receivers(session)
        builder = PayloadBuilder()
        entries = index_entries(session)
        for entry in entries:
            builder.add(INDEX_TABLE, None, entry.to_line())
    recipients = tuple(device.age_recipient for device in receivers)
    write_lead_bundle(store, "index", builder, recipients, output)
    return IndexSummary(output, len(entries), [device.code for device in receivers])


def _receivers(session: Session) -> list[SyncDevice]:
    query = select(SyncDevice).where(
        SyncDevice.role == "counsellor", SyncDevice.revoked_at.is_(None)
    )
    receivers = list(session.scalars(query.order_by(SyncDevice.code)))
    if not receivers:
        raise UsageError(_("No counsellor is enrolled yet."))
    return receivers


def index_entries(session: Session) -> list[IndexEntry]:
    """One entry per live household, by file number."""
    households = session.scalars(
        select(Household).where(Household.deleted_hlc.is_(None)).order_by(Household.household_ref)
    ).all()
    members = _members(session)
    counsellors = {c.id: c for c in session.scalars(select(Counsellor))}
    modules = _latest_modules(session)
    fachleistung = _with_running_approval(session)
    deadlines = _open_deadlines(session)
    return [
        _entry(session, h, members, counsellors, modules, fachleistung, deadlines)
        for h in households
    ]


def _entry(
    session: Session,
    household: Household,
    members: dict[uuid.UUID, list[Person]],
    counsellors: dict[uuid.UUID, Counsellor],
    modules: dict[uuid.UUID, str],
    fachleistung: set[uuid.UUID],
    deadlines: dict[uuid.UUID, int],
) -> IndexEntry:
    people = members.get(household.id, [])
    counsellor = counsellors.get(household.counsellor_id) if household.counsellor_id else None
    return IndexEntry(
        household_id=household.id.hex,
        household_ref=household.household_ref,
        names=tuple(_names(people)),
        birth_years=tuple(sorted({p.birth_year for p in people if p.birth_year})),
        counsellor_code=counsellor.code if counsellor else None,
        counsellor_name=counsellor.name if counsellor else None,
        module=modules.get(household.id),
        fachleistung=household.id in fachleistung,
        open_deadlines=deadlines.get(household.id, 0),
        changes=tuple(_row_lines(session, household)),
    )


def _names(people: list[Person]) -> list[str]:
    names = []
    for person in people:
        names.append(f"{person.family_name}, {person.given_name}")
        names.extend(v.strip() for v in (person.name_variants or "").splitlines() if v.strip())
    return names


def _row_lines(session: Session, household: Household) -> list[bytes]:
    """The newest change of each field of the household and of its Bezugsberater:in's row."""
    rows = {"household": [household.id.hex]}
    if household.counsellor_id is not None:
        rows["counsellor"] = [household.counsellor_id.hex]
    newest: dict[tuple[str, str], tuple[str, str]] = {}
    for _table, hlc, line in collect.row_changes(session.connection(), rows):
        change = parse(line.encode("utf-8"))
        newest[(change.row_id, change.field)] = (hlc, line)
    ordered = sorted(newest.values())
    return [line.encode("utf-8") for _hlc, line in ordered]


def _members(session: Session) -> dict[uuid.UUID, list[Person]]:
    query = (
        select(Membership.household_id, Person)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.deleted_hlc.is_(None), Person.deleted_hlc.is_(None))
        .order_by(Person.family_name, Person.given_name)
    )
    found: dict[uuid.UUID, list[Person]] = defaultdict(list)
    for household_id, person in session.execute(query):
        found[household_id].append(person)
    return found


def _latest_modules(session: Session) -> dict[uuid.UUID, str]:
    latest = (
        select(Consultation.household_id, func.max(Consultation.date).label("day"))
        .where(Consultation.deleted_hlc.is_(None))
        .group_by(Consultation.household_id)
        .subquery()
    )
    query = select(Consultation.household_id, Consultation.module).join(
        latest,
        (latest.c.household_id == Consultation.household_id) & (latest.c.day == Consultation.date),
    )
    return {household_id: module for household_id, module in session.execute(query)}


def _with_running_approval(session: Session) -> set[uuid.UUID]:
    query = (
        select(FachleistungCase.household_id)
        .join(Bewilligung, Bewilligung.case_id == FachleistungCase.id)
        .where(Bewilligung.status == "laufend", Bewilligung.deleted_hlc.is_(None))
    )
    return set(session.scalars(query))


def _open_deadlines(session: Session) -> dict[uuid.UUID, int]:
    query = (
        select(Bescheid.household_id, func.count())
        .where(Bescheid.done_on.is_(None), Bescheid.deleted_hlc.is_(None))
        .group_by(Bescheid.household_id)
    )
    return {household_id: count for household_id, count in session.execute(query)}


# --- at a counsellor --------------------------------------------------------------------------


def is_outdated(session: Session, opened: Opened) -> bool:
    """An index at least as new from the same lead was imported already."""
    query = select(func.max(SyncImport.sequence)).where(
        SyncImport.kind == "index", SyncImport.device == opened.manifest.device
    )
    newest = session.scalar(query)
    return newest is not None and newest >= opened.manifest.sequence


def replace_index(session: Session, opened: Opened, limits: Limits) -> int:
    """The verified index bundle replaces the previous index; returns its households."""
    session.execute(delete(TeamIndexEntry))
    rows = [
        _index_row(parse_entry(line), opened.manifest.bundle_id) for line in opened.lines(limits)
    ]
    if rows:
        session.execute(insert(TeamIndexEntry), rows)
    return len(rows)


def _index_row(entry: IndexEntry, bundle_id: str) -> dict[str, object]:
    return {
        "household_id": entry.household_id,
        "household_ref": entry.household_ref,
        "names": json.dumps(list(entry.names), ensure_ascii=False),
        "search_text": _search_text(entry),
        "birth_years": json.dumps(list(entry.birth_years)),
        "counsellor_code": entry.counsellor_code,
        "counsellor_name": entry.counsellor_name,
        "module": entry.module,
        "fachleistung": entry.fachleistung,
        "open_deadlines": entry.open_deadlines,
        "household_changes": json.dumps([line.decode("utf-8") for line in entry.changes]),
        "bundle_id": bundle_id,
    }


def _search_text(entry: IndexEntry) -> str:
    """Words, their transliteration skeletons and the file number, space-separated."""
    keys = {search_index.ref_key(entry.household_ref)}
    for word in words(" ".join(entry.names)):
        keys.update({word, skeleton(word)})
    return " " + " ".join(sorted(k for k in keys if k)) + " "


def search(store: Store, text: str) -> list[IndexHit]:
    """Indexed households matching every word of ``text`` (names, variants or file number)."""
    terms = [search_key(term) or search_index.ref_key(term) for term in text.split()]
    terms = [term for term in terms if term]
    if not terms:
        return []
    query = select(TeamIndexEntry)
    for term in terms:
        patterns = [TeamIndexEntry.search_text.like(f"% {term}%")]
        if len(term) >= 3:
            patterns.append(TeamIndexEntry.search_text.like(f"% {skeleton(term)}%"))
        query = query.where(patterns[0] if len(patterns) == 1 else patterns[0] | patterns[1])
    with store.read() as session:
        rows = session.scalars(query.order_by(TeamIndexEntry.household_ref).limit(MAX_HITS))
        return [_hit(session, row) for row in rows]


def _hit(session: Session, row: TeamIndexEntry) -> IndexHit:
    household_id = uuid.UUID(hex=row.household_id)
    return IndexHit(
        household_id=household_id,
        household_ref=row.household_ref,
        names=json.loads(row.names),
        birth_years=json.loads(row.birth_years),
        counsellor=f"{row.counsellor_name} ({row.counsellor_code})"
        if row.counsellor_code
        else None,
        module=row.module,
        fachleistung=row.fachleistung,
        open_deadlines=row.open_deadlines,
        taken_on=session.get(Household, household_id) is not None,
    )


def take_on(store: Store, household_id: uuid.UUID) -> None:
    """Create an indexed household here, with the lead's ids, to record work for it."""
    with store.transaction() as session:
        row = session.get(TeamIndexEntry, household_id.hex)
        if row is None:
            raise InputRejected(_("The household is not in the team index."))
        if session.get(Household, household_id) is not None:
            return
        lines = [line.encode("utf-8") for line in json.loads(row.household_changes)]
        changes = sorted((parse(line) for line in lines), key=lambda change: change.hlc)
        apply_changes(session.connection(), changes, found_at=datetime.now())
        search_index.index_household(session, household_id)
    for change in changes:
        store.clock.observe(change.hlc)
