"""The parse stage of the spreadsheet import: every sheet's header mapped, its rows typed.

Nothing here touches the store. The import wizard may name the columns of a sheet itself
(``ColumnChoice``); otherwise the header names them (``domain.spreadsheet_header``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from fsa_desk.domain.spreadsheet_header import (
    HEADER_FIELD,
    ROW_FIELD,
    FileKind,
    HeaderMapping,
    map_columns,
    map_header,
)
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
from fsa_desk.i18n import _
from fsa_desk.services.spreadsheet_reader import RawSheet, read_sheets
from fsa_desk.services.spreadsheet_resolution import ParsedImport

# Sheet name (``RawSheet.file``) → the canonical column of each header position, None to skip.
ColumnChoice = Mapping[str, Sequence[str | None]]


@dataclass(frozen=True)
class FileSummary:
    file: str
    kind: str | None  # households, persons, consultations; None when not recognised
    rows: int
    ignored_columns: tuple[str, ...] = ()  # named columns that were not read


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
    labels: dict[str, str] = field(default_factory=dict)  # column → name in the header
    ignored: tuple[str, ...] = ()

    def summary(self) -> FileSummary:
        kind = self.kind.value if self.kind else None
        return FileSummary(self.file, kind, self.count, self.ignored)


def read_files(
    paths: Sequence[Path], today: date, columns: ColumnChoice | None = None
) -> tuple[tuple[FileSummary, ...], ParsedImport, list[SheetProblem]]:
    """Every sheet of every file parsed; rows are taken in file-name order, so the order given
    does not matter (a file named twice is read once)."""
    chosen = columns or {}
    sheets = [
        parse_sheet(sheet, today, chosen.get(sheet.file))
        for path in dict.fromkeys(paths)
        for sheet in read_sheets(path)
    ]
    files = tuple(sheet.summary() for sheet in sheets)
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
        labels={sheet.file: sheet.labels for sheet in sheets},
    )
    return files, parsed, problems


def header_mapping(sheet: RawSheet, chosen: Sequence[str | None] | None = None) -> HeaderMapping:
    """The columns as the header names them, or as the user chose them."""
    return map_header(sheet.header) if chosen is None else map_columns(sheet.header, chosen)


def skipped(optional: bool, mapping: HeaderMapping) -> bool:
    """A further worksheet without household references (a legend, a pivot table) is not
    data to import."""
    return optional and (mapping.kind is None or "household_ref" not in mapping.columns)


def parse_sheet(
    sheet: RawSheet, today: date, chosen: Sequence[str | None] | None = None
) -> ParsedSheet:
    """The header stage, then every row parsed into typed values."""
    mapping = header_mapping(sheet, chosen)
    if skipped(sheet.optional, mapping):
        return ParsedSheet(sheet.file, None, len(sheet.rows))
    header = Source(sheet.file, sheet.header_line)
    parsed = ParsedSheet(
        sheet.file,
        mapping.kind,
        len(sheet.rows),
        problems=[*sheet.problems, *(at(header, p) for p in mapping.problems)],
        labels=mapping.labels(),
        ignored=mapping.ignored,
    )
    parsed.problems += _unnamed_with_values(sheet, mapping)
    if mapping.kind is None or parsed.problems:
        return parsed  # row problems would only repeat the header's
    _parse_rows(parsed, mapping, sheet, today)
    return parsed


def _parse_rows(parsed: ParsedSheet, mapping: HeaderMapping, sheet: RawSheet, today: date) -> None:
    assert mapping.kind is not None
    first: dict[tuple[tuple[str, str], ...], int] = {}
    for line, values in sheet.rows:
        source = Source(sheet.file, line)
        cells, extra = mapping.cells(values)
        row, problems = parse_row(mapping.kind, source, cells, today)
        parsed.problems.extend([*(at(source, problem) for problem in extra), *problems])
        if mapping.kind is FileKind.CONSULTATIONS and _repeated(parsed, source, cells, first):
            continue
        _keep(parsed, mapping.kind, source, cells, None if extra else row)


def _repeated(
    parsed: ParsedSheet,
    source: Source,
    cells: dict[str, str],
    first: dict[tuple[tuple[str, str], ...], int],
) -> bool:
    """A consultation row equal to an earlier one in every column: most likely pasted twice."""
    key = tuple(sorted(cells.items()))
    line = first.setdefault(key, source.line)
    if line == source.line:
        return False
    message = _(
        "Duplicate row: the same as line {line} in every column. If these were two contacts, "
        "tell them apart, e.g. in the note."
    )
    problem = SheetProblem(ROW_FIELD, message.format(line=line), source.file, source.line)
    parsed.problems.append(problem)
    return True


def _unnamed_with_values(sheet: RawSheet, mapping: HeaderMapping) -> list[SheetProblem]:
    """A column without a name is read past while it is empty; a value in it may be data."""
    unnamed = [
        index
        for index, (name, column) in enumerate(zip(mapping.names, mapping.columns, strict=True))
        if not name and column is None
    ]
    if mapping.kind is None or not unnamed:
        return []
    for line, values in sheet.rows:
        for index in unnamed:
            if index < len(values) and values[index].strip():
                message = _(
                    "Column {number} has no name but holds values (first on line {line}); "
                    "name the column or delete it."
                ).format(number=index + 1, line=line)
                return [SheetProblem(HEADER_FIELD, message, sheet.file, sheet.header_line)]
    return []


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
