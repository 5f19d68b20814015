"""What matching spreadsheet rows against the store decides: new rows, updates, problems.

Matching runs once in a read session to plan and again inside the write transaction, so what
is written is decided on the store as it is then. Records are found by their identity
(DESIGN.md §3); an empty cell never erases what is stored, and what a counsellor deleted after
an earlier import stays deleted.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain.spreadsheet_header import FileKind
from fsa_desk.domain.spreadsheet_rows import (
    ConsultationRow,
    HouseholdRow,
    PersonRow,
    SheetProblem,
    Source,
)
from fsa_desk.store.base import Exchanged
from fsa_desk.store.models import Consultation, Household, Person

CHUNK = 500  # ids per IN (…) query, well below every database's parameter limit
KIND_MODELS: dict[FileKind, type[Exchanged]] = {
    FileKind.HOUSEHOLDS: Household,
    FileKind.PERSONS: Person,
    FileKind.CONSULTATIONS: Consultation,
}


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
    seen: dict[FileKind, set[uuid.UUID]] = field(default_factory=dict)

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


def count_not_in_import(session: Session, kinds: Iterable[FileKind], result: Resolution) -> None:
    """Count what earlier imports created (uuid5 ids) and this one no longer contains."""
    for kind in kinds:
        model = KIND_MODELS[kind]
        ids = session.scalars(select(model.id).where(model.deleted_hlc.is_(None)))
        seen = result.seen.get(kind, set())
        result.not_in_import[kind.value] = sum(
            1 for row_id in ids if row_id.version == 5 and row_id not in seen
        )
