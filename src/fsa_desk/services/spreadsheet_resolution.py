"""What matching spreadsheet rows against the store decides: new rows, updates, problems.

Matching runs once in a read session to plan and again inside the write transaction, so what
is written is decided on the store as it is then. Records are found by their identity
(DESIGN.md §3); an empty cell never erases what is stored, and what a counsellor deleted after
an earlier import stays deleted.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.spreadsheet_header import FileKind, kind_label
from fsa_desk.domain.spreadsheet_rows import (
    ConsultationRow,
    HouseholdRow,
    PersonRow,
    SheetProblem,
    Source,
)
from fsa_desk.i18n import _
from fsa_desk.store.base import Exchanged
from fsa_desk.store.models import Consultation, Household, Membership, Person

CHUNK = 500  # ids per IN (…) query, well below every database's parameter limit


@dataclass(frozen=True)
class ImportContext:
    provider: str | None
    counsellor_id: uuid.UUID  # this installation's counsellor: the default for empty codes
    counsellor_code: str
    today: date


@dataclass(frozen=True)
class ParsedImport:
    """The typed rows of every file: files in name order, rows in file order."""

    kinds: frozenset[FileKind] = frozenset()
    # Every reference in a household file, also of rows with a problem of their own.
    announced_households: frozenset[str] = frozenset()
    # Household references of person and consultation rows that have problems of their own.
    unparsed_refs: tuple[tuple[Source, str], ...] = ()
    households: tuple[HouseholdRow, ...] = ()
    persons: tuple[PersonRow, ...] = ()
    consultations: tuple[ConsultationRow, ...] = ()
    # Per sheet: canonical column → its name in the sheet's header, to name it in messages.
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class NotInImport:
    """A record an earlier import created that this one no longer contains: kept, reported.

    Named by household reference (and day and contact type), never by a client's name."""

    kind: str  # a FileKind value
    household_ref: str
    date: date | None = None
    contact_type: str | None = None

    def describe(self) -> str:
        """E.g. "Beratungskontakt von Haushalt T-001 am 03.02.2025 (Telefon)"."""
        if self.date is None:
            kind = kind_label(FileKind(self.kind))
            return _("{kind}: household {ref}").format(kind=kind, ref=self.household_ref)
        types = code_list("contact_types")
        contact_type = self.contact_type or ""
        if contact_type in types:
            contact_type = types.label(contact_type)
        return _("Consultation of household {ref} on {day} ({contact_type})").format(
            ref=self.household_ref, day=f"{self.date:%d.%m.%Y}", contact_type=contact_type
        )


@dataclass
class Writes:
    """New rows by model (in dependency order), field updates, life areas to set, households
    whose consultations need their module and billability derived again."""

    inserts: dict[type[Exchanged], list[dict[str, Any]]] = field(default_factory=dict)
    updates: dict[type[Exchanged], dict[uuid.UUID, dict[str, Any]]] = field(default_factory=dict)
    life_areas: dict[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)
    recompute: set[uuid.UUID] = field(default_factory=set)

    def insert(self, model: type[Exchanged], row: dict[str, Any]) -> None:
        self.inserts.setdefault(model, []).append(row)

    def update(self, model: type[Exchanged], row_id: uuid.UUID, values: dict[str, Any]) -> None:
        if values:
            self.updates.setdefault(model, {}).setdefault(row_id, {}).update(values)


@dataclass
class HouseholdTarget:
    """A household that rows refer to: found in the store or created by this import."""

    id: uuid.UUID
    allocation_date: date | None
    deleted: bool = False


@dataclass
class Resolution:
    """Everything matching found; counters are keyed by ``FileKind`` value or "counsellors"."""

    problems: list[SheetProblem] = field(default_factory=list)
    writes: Writes = field(default_factory=Writes)
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    kept_deleted: Counter[str] = field(default_factory=Counter)
    not_in_import: Counter[str] = field(default_factory=Counter)
    new_counsellors: list[str] = field(default_factory=list)
    missing: list[NotInImport] = field(default_factory=list)
    seen: dict[FileKind, set[uuid.UUID]] = field(default_factory=dict)
    households: set[uuid.UUID] = field(default_factory=set)  # every household rows refer to

    def problem(self, source: Source, column: str, message: str) -> None:
        self.problems.append(SheetProblem(column, message, source.file, source.line))

    def saw(self, kind: FileKind, row_id: uuid.UUID) -> None:
        self.seen.setdefault(kind, set()).add(row_id)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def changed(stored: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    """The wanted values that differ from the stored ones; None means "leave as it is"."""
    return {k: v for k, v in wanted.items() if v is not None and stored.get(k) != v}


def find_not_in_import(
    session: Session, kinds: frozenset[FileKind], provider: str | None, result: Resolution
) -> None:
    """What earlier imports created (uuid5 ids) and this import's files no longer contain.

    A later export of the same spreadsheet covers the same households: persons and
    consultations are looked for in the households this import refers to, households among
    the provider's.
    """
    if FileKind.HOUSEHOLDS in kinds:
        _missing(result, FileKind.HOUSEHOLDS, _provider_households(session, provider))
    households = sorted(result.households)
    if FileKind.PERSONS in kinds:
        found = (item for chunk in chunks(households) for item in _persons_of(session, chunk))
        _missing(result, FileKind.PERSONS, found)
    if FileKind.CONSULTATIONS in kinds:
        found = (item for ids in chunks(households) for item in _consultations_of(session, ids))
        _missing(result, FileKind.CONSULTATIONS, found)
    result.missing.sort(key=lambda m: (m.kind, m.household_ref, m.date or date.min))
    for item in result.missing:
        result.not_in_import[item.kind] += 1


Found = Iterator[tuple[uuid.UUID, NotInImport]]


def _missing(result: Resolution, kind: FileKind, found: Found) -> None:
    seen = result.seen.get(kind, set())
    reported: set[uuid.UUID] = set()
    for row_id, item in found:
        if row_id.version == 5 and row_id not in seen and row_id not in reported:
            reported.add(row_id)
            result.missing.append(item)


def _provider_households(session: Session, provider: str | None) -> Found:
    same = Household.provider.is_(None) if provider is None else Household.provider == provider
    query = select(Household.id, Household.household_ref).where(
        Household.deleted_hlc.is_(None), same
    )
    for row_id, ref in session.execute(query):
        yield row_id, NotInImport(FileKind.HOUSEHOLDS.value, ref)


def _persons_of(session: Session, households: Sequence[uuid.UUID]) -> Found:
    query = (
        select(Person.id, Household.household_ref)
        .join(Membership, Membership.person_id == Person.id)
        .join(Household, Household.id == Membership.household_id)
        .where(
            Membership.household_id.in_(households),
            Membership.deleted_hlc.is_(None),
            Person.deleted_hlc.is_(None),
        )
    )
    for row_id, ref in session.execute(query):
        yield row_id, NotInImport(FileKind.PERSONS.value, ref)


def _consultations_of(session: Session, households: Sequence[uuid.UUID]) -> Found:
    query = (
        select(
            Consultation.id, Household.household_ref, Consultation.date, Consultation.contact_type
        )
        .join(Household, Household.id == Consultation.household_id)
        .where(Consultation.household_id.in_(households), Consultation.deleted_hlc.is_(None))
    )
    for row_id, ref, day, contact_type in session.execute(query):
        yield row_id, NotInImport(FileKind.CONSULTATIONS.value, ref, day, contact_type)
