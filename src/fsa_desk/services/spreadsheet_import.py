"""Spreadsheet import (DESIGN.md §8): households, persons and consultations from CSV files.

Stages: read each file (``spreadsheet_reader``), name its columns and recognise its kind
(``domain.spreadsheet_header``), parse its cells (``domain.spreadsheet_rows``), match the rows
against the store (``spreadsheet_households``, ``…_persons``, ``…_consultations``), then write
everything in one transaction — or nothing, when any row has a problem.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from fsa_desk.domain.spreadsheet_header import FileKind, map_header
from fsa_desk.domain.spreadsheet_rows import (
    ConsultationRow,
    HouseholdRow,
    PersonRow,
    Row,
    SheetProblem,
    Source,
    at,
    parse_row,
)
from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _, ngettext
from fsa_desk.services import search_index
from fsa_desk.services.spreadsheet_consultations import ConsultationResolver
from fsa_desk.services.spreadsheet_households import HouseholdResolver
from fsa_desk.services.spreadsheet_persons import PersonResolver
from fsa_desk.services.spreadsheet_reader import RawSheet, read_sheet
from fsa_desk.services.spreadsheet_resolution import (
    ImportContext,
    ParsedImport,
    Resolution,
    count_not_in_import,
)
from fsa_desk.services.spreadsheet_writes import write
from fsa_desk.store.models import Counsellor
from fsa_desk.store.store import Store


@dataclass(frozen=True)
class FileSummary:
    file: str
    kind: str | None  # households, persons, consultations; None when not recognised
    rows: int


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

    @property
    def problems(self) -> tuple[SheetProblem, ...]:
        return self.summary.problems


def import_files(
    store: Store, paths: Sequence[Path], *, dry_run: bool = False, today: date | None = None
) -> ImportSummary:
    """Import CSV files all or nothing; ``SpreadsheetRejected`` lists every problem.

    Checked and written in one transaction, so the rows are matched against the store once.
    """
    day = today or date.today()
    files, parsed, problems = read_files(paths, day)
    plan = ImportPlan(ImportSummary(files, problems=tuple(problems)), parsed, day)
    return _apply(store, plan, dry_run=dry_run)


def plan_import(store: Store, paths: Sequence[Path], *, today: date | None = None) -> ImportPlan:
    """Read and check every file against the store without writing anything.

    A missing or unreadable file raises ``UsageError``; problems in the rows are in the plan,
    and ``plan.summary`` tells what ``apply_import`` would write.
    """
    day = today or date.today()
    files, parsed, problems = read_files(paths, day)
    with store.read() as session:
        resolution = resolve(session, parsed, import_context(store, session, day))
    resolution.problems[:0] = problems
    return ImportPlan(summarise(files, resolution, dry_run=True), parsed, day)


def apply_import(store: Store, plan: ImportPlan) -> ImportSummary:
    """Write a plan, its rows matched again against the store as it is now."""
    return _apply(store, plan, dry_run=False)


def _apply(store: Store, plan: ImportPlan, *, dry_run: bool) -> ImportSummary:
    with store.transaction() as session:
        resolution = resolve(session, plan.parsed, import_context(store, session, plan.today))
        resolution.problems[:0] = plan.problems
        summary = summarise(plan.summary.files, resolution, dry_run=dry_run)
        if summary.problems:
            raise SpreadsheetRejected(summary)  # rolls the transaction back
        if dry_run:
            return summary  # nothing was written: the commit is empty
        write(session, resolution.writes)
        if summary.created.households or summary.created.persons:
            search_index.rebuild(session)
    return summary


# --- reading and parsing ---------------------------------------------------------------------


def read_files(
    paths: Sequence[Path], today: date
) -> tuple[tuple[FileSummary, ...], ParsedImport, list[SheetProblem]]:
    """Every file parsed; rows are taken in file-name order, so the order given does not matter
    (a file named twice is read once)."""
    sheets = [parse_sheet(read_sheet(path), today) for path in dict.fromkeys(paths)]
    files = tuple(FileSummary(s.file, s.kind.value if s.kind else None, s.count) for s in sheets)
    problems = [problem for sheet in sheets for problem in sheet.problems]
    sheets.sort(key=lambda sheet: sheet.file)
    rows = [row for sheet in sheets for row in sheet.rows]
    parsed = ParsedImport(
        kinds=frozenset(sheet.kind for sheet in sheets if sheet.kind),
        announced_households=frozenset(ref for s in sheets for ref in s.announced_households),
        unparsed_refs=tuple(ref for sheet in sheets for ref in sheet.unparsed_refs),
        households=tuple(r for r in rows if isinstance(r, HouseholdRow)),
        persons=tuple(r for r in rows if isinstance(r, PersonRow)),
        consultations=tuple(r for r in rows if isinstance(r, ConsultationRow)),
    )
    return files, parsed, problems


@dataclass
class ParsedSheet:
    file: str
    kind: FileKind | None
    count: int  # rows in the file
    rows: list[Row] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    # References of rows with problems: still checked, so that every problem is reported.
    unparsed_refs: list[tuple[Source, str]] = field(default_factory=list)
    announced_households: set[str] = field(default_factory=set)


def parse_sheet(sheet: RawSheet, today: date) -> ParsedSheet:
    """The header stage, then every row parsed into typed values."""
    mapping = map_header(sheet.header)
    header = Source(sheet.file, sheet.header_line)
    parsed = ParsedSheet(sheet.file, mapping.kind, len(sheet.rows), problems=[*sheet.problems])
    parsed.problems.extend(at(header, problem) for problem in mapping.problems)
    if mapping.kind is None or mapping.problems:
        return parsed  # row problems would only repeat the header's
    for line, values in sheet.rows:
        source = Source(sheet.file, line)
        cells, extra = mapping.cells(values)
        row, problems = parse_row(mapping.kind, source, cells, today)
        parsed.problems.extend([*(at(source, problem) for problem in extra), *problems])
        _keep(parsed, mapping.kind, source, cells, None if extra else row)
    return parsed


def _keep(
    parsed: ParsedSheet, kind: FileKind, source: Source, cells: dict[str, str], row: Row | None
) -> None:
    ref = cells.get("household_ref", "")
    if kind is FileKind.HOUSEHOLDS:
        parsed.announced_households.add(ref)
    if row is not None:
        parsed.rows.append(row)
    elif ref and kind is not FileKind.HOUSEHOLDS:
        parsed.unparsed_refs.append((source, ref))


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
    count_not_in_import(session, parsed.kinds, result)
    return result


def summarise(
    files: tuple[FileSummary, ...], resolution: Resolution, *, dry_run: bool
) -> ImportSummary:
    problems = sorted(resolution.problems, key=lambda p: (p.file, p.line))
    clean = not problems
    return ImportSummary(
        files=files,
        created=Counts.of(resolution.created) if clean else Counts(),
        updated=Counts.of(resolution.updated) if clean else Counts(),
        not_in_import=Counts.of(resolution.not_in_import) if clean else Counts(),
        kept_deleted=Counts.of(resolution.kept_deleted) if clean else Counts(),
        new_counsellors=tuple(resolution.new_counsellors) if clean else (),
        dry_run=dry_run,
        problems=tuple(problems),
    )
