"""What the import wizard shows before anything is checked: each sheet's first rows and how its
columns were understood, so a counsellor can correct a column the header names wrongly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fsa_desk.domain.spreadsheet_header import FileKind, is_ignored
from fsa_desk.domain.spreadsheet_rows import SheetProblem, Source, at
from fsa_desk.services.spreadsheet_reader import RawSheet, read_sheets
from fsa_desk.services.spreadsheet_sheets import header_mapping, skipped

SAMPLE_ROWS = 5


@dataclass(frozen=True)
class ColumnPreview:
    name: str  # as the header writes it; "" for a column without a name
    column: str | None  # the canonical column the header names; None: not read
    ignored: bool  # a column German exports carry that the import reads past on purpose
    samples: tuple[str, ...]  # its values in the first rows


@dataclass(frozen=True)
class SheetPreview:
    file: str  # the sheet's name in messages and in ``ColumnChoice``
    path: Path
    kind: FileKind | None
    header_line: int
    rows: int
    sample_lines: tuple[int, ...]
    columns: tuple[ColumnPreview, ...]
    problems: tuple[SheetProblem, ...]  # of the header; rows are checked later
    encoding: str | None = None
    delimiter: str | None = None
    optional: bool = False  # a further worksheet: skipped without household references
    skipped: bool = False  # … as this one is, as its header stands


def preview_files(paths: Sequence[Path], rows: int = SAMPLE_ROWS) -> tuple[SheetPreview, ...]:
    """Every sheet of the files with its first ``rows`` rows; ``UsageError`` for a file that
    cannot be read at all."""
    return tuple(
        preview_sheet(path, sheet, rows)
        for path in dict.fromkeys(paths)
        for sheet in read_sheets(path)
    )


def preview_sheet(path: Path, sheet: RawSheet, rows: int = SAMPLE_ROWS) -> SheetPreview:
    mapping = header_mapping(sheet)
    first = sheet.rows[:rows]
    columns = tuple(
        ColumnPreview(
            name,
            column,
            bool(name) and is_ignored(name),
            tuple(cells[index] if index < len(cells) else "" for _line, cells in first),
        )
        for index, (name, column) in enumerate(zip(mapping.names, mapping.columns, strict=True))
    )
    header = Source(sheet.file, sheet.header_line)
    problems = (*sheet.problems, *(at(header, problem) for problem in mapping.problems))
    if skipped(sheet.optional, mapping):
        problems = ()
    return SheetPreview(
        file=sheet.file,
        path=path,
        kind=mapping.kind,
        header_line=sheet.header_line,
        rows=len(sheet.rows),
        sample_lines=tuple(line for line, _cells in first),
        columns=columns,
        problems=problems,
        encoding=sheet.encoding,
        delimiter=sheet.delimiter,
        optional=sheet.optional,
        skipped=skipped(sheet.optional, mapping),
    )
