"""Spreadsheet import (DESIGN.md §8): households, persons and consultations from CSV and Excel.

Stages: read each file (``spreadsheet_reader``), name its columns and recognise its kind, parse
its cells (``spreadsheet_sheets``), match the rows against the store
(``spreadsheet_households``, ``…_persons``, ``…_consultations``), then write everything in one
transaction — or nothing, when any row has a problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from fsa_desk.domain.spreadsheet_header import HEADER_FIELD, ROW_FIELD
from fsa_desk.domain.spreadsheet_rows import SheetProblem
from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _, ngettext
from fsa_desk.services import search_index
from fsa_desk.services.spreadsheet_consultations import ConsultationResolver
from fsa_desk.services.spreadsheet_households import HouseholdResolver
from fsa_desk.services.spreadsheet_persons import PersonResolver
from fsa_desk.services.spreadsheet_resolution import (
    ImportContext,
    NotInImport,
    ParsedImport,
    Resolution,
    find_not_in_import,
)
from fsa_desk.services.spreadsheet_sheets import ColumnChoice, FileSummary, read_files
from fsa_desk.services.spreadsheet_writes import Progress, write
from fsa_desk.store.models import Counsellor
from fsa_desk.store.store import Store

__all__ = [
    "ColumnChoice",
    "Counts",
    "FileSummary",
    "ImportPlan",
    "ImportSummary",
    "NotInImport",
    "Progress",
    "SpreadsheetRejected",
    "apply_import",
    "import_files",
    "plan_import",
]


@dataclass(frozen=True)
class Counts:
    households: int = 0
    persons: int = 0
    consultations: int = 0
    counsellors: int = 0

    @classmethod
    def of(cls, counter: Counter[str]) -> Counts:
        return cls(
            households=counter["households"],
            persons=counter["persons"],
            consultations=counter["consultations"],
            counsellors=counter["counsellors"],
        )

    @property
    def total(self) -> int:
        return self.households + self.persons + self.consultations + self.counsellors

    def describe(self) -> str:
        text = _(
            "{households} households, {persons} persons, {consultations} consultations, "
            "{counsellors} counsellors"
        )
        return text.format(
            households=self.households,
            persons=self.persons,
            consultations=self.consultations,
            counsellors=self.counsellors,
        )


@dataclass(frozen=True)
class ImportSummary:
    """What an import wrote (or, for a dry run or a plan, would write)."""

    files: tuple[FileSummary, ...]
    created: Counts = field(default_factory=Counts)
    updated: Counts = field(default_factory=Counts)
    not_in_import: Counts = field(default_factory=Counts)  # earlier imported, kept
    kept_deleted: Counts = field(default_factory=Counts)  # deleted here, stay deleted
    new_counsellors: tuple[str, ...] = ()
    dry_run: bool = False
    problems: tuple[SheetProblem, ...] = ()
    not_in_import_rows: tuple[NotInImport, ...] = ()  # which ones ``not_in_import`` counts

    def as_json(self) -> dict[str, Any]:
        payload = asdict(self)
        payload["problems"] = [str(problem) for problem in self.problems]
        return payload


class SpreadsheetRejected(ValidationError):
    """The spreadsheet has problems and nothing was written; ``summary.problems`` lists all."""

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__(list(summary.problems))
        self.summary = summary

    def __str__(self) -> str:
        count = len(self.summary.problems)
        return ngettext(
            "The spreadsheet was not imported: {count} problem; nothing was changed.",
            "The spreadsheet was not imported: {count} problems; nothing was changed.",
            count,
        ).format(count=count)


@dataclass(frozen=True)
class ImportPlan:
    """The files read and checked against the store; ``summary`` tells what applying does."""

    summary: ImportSummary
    parsed: ParsedImport
    today: date
    parse_problems: tuple[SheetProblem, ...] = ()  # of the files alone, before matching

    @property
    def problems(self) -> tuple[SheetProblem, ...]:
        return self.summary.problems


def import_files(
    store: Store,
    paths: Sequence[Path],
    *,
    dry_run: bool = False,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Import CSV files and workbooks all or nothing; ``SpreadsheetRejected`` lists every
    problem. Checked and written in one transaction, so rows are matched against the store once.
    """
    day = today or date.today()
    files, parsed, problems = read_files(paths, day)
    plan = ImportPlan(ImportSummary(files), parsed, day, tuple(problems))
    return _apply(store, plan, dry_run=dry_run, progress=progress)


def plan_import(
    store: Store,
    paths: Sequence[Path],
    *,
    today: date | None = None,
    columns: ColumnChoice | None = None,
) -> ImportPlan:
    """Read and check every file against the store without writing anything.

    A missing or unreadable file raises ``UsageError``; problems in the rows are in the plan,
    and ``plan.summary`` tells what ``apply_import`` would write. ``columns`` names the columns
    of sheets whose header the user corrected (the import wizard).
    """
    day = today or date.today()
    files, parsed, problems = read_files(paths, day, columns)
    with store.read() as session:
        resolution = resolve(session, parsed, import_context(store, session, day))
    resolution.problems[:0] = problems
    summary = summarise(files, resolution, parsed.labels, dry_run=True)
    return ImportPlan(summary, parsed, day, tuple(problems))


def apply_import(store: Store, plan: ImportPlan, progress: Progress | None = None) -> ImportSummary:
    """Write a plan, its rows matched again against the store as it is now."""
    return _apply(store, plan, dry_run=False, progress=progress)


def _apply(
    store: Store, plan: ImportPlan, *, dry_run: bool, progress: Progress | None
) -> ImportSummary:
    with store.transaction() as session:
        resolution = resolve(session, plan.parsed, import_context(store, session, plan.today))
        resolution.problems[:0] = plan.parse_problems
        summary = summarise(plan.summary.files, resolution, plan.parsed.labels, dry_run=dry_run)
        if summary.problems:
            raise SpreadsheetRejected(summary)  # rolls the transaction back
        if dry_run:
            return summary  # nothing was written: the commit is empty
        write(session, resolution.writes, progress)
        if summary.created.households or summary.created.persons:
            search_index.rebuild(session)
    return summary


# --- matching --------------------------------------------------------------------------------


def import_context(store: Store, session: Session, today: date) -> ImportContext:
    counsellor_id = store.installation_counsellor_id()
    counsellor = session.get(Counsellor, counsellor_id) if counsellor_id else None
    if counsellor is None:
        raise InputRejected(_("No counsellor is set up on this installation."))
    return ImportContext(store.installation_provider(), counsellor.id, counsellor.code, today)


def resolve(session: Session, parsed: ParsedImport, context: ImportContext) -> Resolution:
    """Match every row against the store: new rows, updates and problems, nothing written."""
    result = Resolution()
    households = HouseholdResolver(session, context, result, parsed.announced_households)
    codes = [row.counsellor_code for row in parsed.households]
    codes += [row.counsellor_code for row in parsed.consultations]
    households.resolve_counsellors(code for code in codes if code)
    households.resolve_households(parsed.households)
    for source, ref in parsed.unparsed_refs:
        households.target(ref, source)
    PersonResolver(households).resolve(parsed.persons)
    ConsultationResolver(households).resolve(parsed.consultations)
    find_not_in_import(session, parsed.kinds, context.provider, result)
    return result


def summarise(
    files: tuple[FileSummary, ...],
    resolution: Resolution,
    labels: Mapping[str, Mapping[str, str]],
    *,
    dry_run: bool,
) -> ImportSummary:
    problems = sorted(
        (_named(problem, labels.get(problem.file, {})) for problem in resolution.problems),
        key=lambda p: (p.file, p.line),
    )
    if problems:
        return ImportSummary(files=files, dry_run=dry_run, problems=tuple(problems))
    return ImportSummary(
        files=files,
        created=Counts.of(resolution.created),
        updated=Counts.of(resolution.updated),
        not_in_import=Counts.of(resolution.not_in_import),
        kept_deleted=Counts.of(resolution.kept_deleted),
        new_counsellors=tuple(resolution.new_counsellors),
        dry_run=dry_run,
        not_in_import_rows=tuple(resolution.missing),
    )


def _named(problem: SheetProblem, labels: Mapping[str, str]) -> SheetProblem:
    """The problem's column as the sheet's header names it ("Datum", not "date")."""
    names = {HEADER_FIELD: _("header"), ROW_FIELD: _("row"), **labels}
    return replace(problem, field=names.get(problem.field, problem.field))
