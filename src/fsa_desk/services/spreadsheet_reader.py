"""The reader stage of the spreadsheet import: a file into its header and rows of text.

Reads the canonical CSV of DESIGN.md §8 (UTF-8 with or without BOM, ``,``). German Excel CSV
(``;``, Windows-1252) and .xlsx plug in as further readers returning the same ``RawSheet``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from fsa_desk.domain.spreadsheet_rows import SheetProblem
from fsa_desk.errors import UsageError
from fsa_desk.i18n import _


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: its header, then (line number, cells) for every non-blank record."""

    file: str
    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    problems: tuple[SheetProblem, ...] = ()


def read_sheet(path: Path) -> RawSheet:
    """Read one CSV file; a missing, unreadable or non-UTF-8 file is a ``UsageError``."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            records = list(_records(file, str(path)))
    except UnicodeDecodeError:
        raise UsageError(
            _("The file {file} is not UTF-8 text; save it as 'CSV UTF-8'.").format(file=path)
        ) from None
    except OSError as failure:
        raise UsageError(
            _("The file {file} cannot be read: {reason}.").format(
                file=path, reason=failure.strerror or failure
            )
        ) from None
    return _sheet(str(path), records)


def _records(
    file: Iterator[str], name: str
) -> Iterator[tuple[int, tuple[str, ...]] | SheetProblem]:
    """Records with the line they start on; a record may span lines (quoted line breaks)."""
    reader = csv.reader(file, strict=True)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, tuple(cells)
            start = reader.line_num + 1
    except csv.Error as failure:
        message = _("The file cannot be read as CSV: {reason}.").format(reason=failure)
        yield SheetProblem("row", message, name, start)


def _sheet(name: str, records: list[tuple[int, tuple[str, ...]] | SheetProblem]) -> RawSheet:
    problems = tuple(r for r in records if isinstance(r, SheetProblem))
    rows = [r for r in records if not isinstance(r, SheetProblem)]
    if not rows:
        empty = SheetProblem("header", _("The file is empty."), name, 1)
        return RawSheet(name, (), 1, (), (*problems, empty))
    (header_line, header), *data = rows
    return RawSheet(name, header, header_line, tuple(data), problems)
