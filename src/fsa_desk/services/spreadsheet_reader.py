"""The reader stage of the spreadsheet import: a file into sheets of a header and rows of text.

CSV (``spreadsheet_csv``: encoding and delimiter detected) and Excel workbooks
(``spreadsheet_xlsx``: every worksheet) end up alike. The header is the row near the top that
names the most known columns, so a title block above it ("Beratungskontakte 2024", merged
across the sheet) is read past.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fsa_desk.domain.spreadsheet_header import HEADER_FIELD, find_header
from fsa_desk.domain.spreadsheet_rows import SheetProblem
from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.services import spreadsheet_csv, spreadsheet_xlsx
from fsa_desk.services.spreadsheet_csv import Record

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0"  # old .xls, and password-protected workbooks of any version
_WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm"})


@dataclass(frozen=True)
class RawSheet:
    """A sheet as text: its header, then (line number, cells) for every non-blank record."""

    file: str  # how messages name it: the path, and the worksheet if a workbook has several
    header: tuple[str, ...]
    header_line: int
    rows: tuple[tuple[int, tuple[str, ...]], ...]
    problems: tuple[SheetProblem, ...] = ()
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only
    # A further worksheet of a workbook: skipped, not a problem, when no known header heads it.
    optional: bool = False


def read_sheets(path: Path) -> tuple[RawSheet, ...]:
    """Read one CSV file or workbook; a missing or unreadable file is a ``UsageError``."""
    data = _bytes(path)
    if data.startswith(_ZIP) or path.suffix.lower() in _WORKBOOK_SUFFIXES:
        return _workbook(path, data)
    if data.startswith(_OLE) or path.suffix.lower() == ".xls":
        raise UsageError(
            _(
                "The file {file} is an old Excel file (.xls) or protected by a password; "
                "save it without a password as .xlsx or CSV."
            ).format(file=path)
        )
    text, encoding = spreadsheet_csv.decode(data, str(path))
    delimiter = spreadsheet_csv.sniff_delimiter(text)
    found = spreadsheet_csv.records(text, delimiter, str(path))
    return (sheet_of(str(path), found, encoding=encoding, delimiter=delimiter),)


def _bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as failure:
        raise UsageError(
            _("The file {file} cannot be read: {reason}.").format(
                file=path, reason=failure.strerror or failure
            )
        ) from None


def _workbook(path: Path, data: bytes) -> tuple[RawSheet, ...]:
    sheets = [(title, rows) for title, rows in spreadsheet_xlsx.worksheets(data, str(path)) if rows]
    if len(sheets) <= 1:
        return (sheet_of(str(path), sheets[0][1] if sheets else []),)
    # Beside sheets of data a workbook may hold a legend or a pivot table: skip those, unless
    # no sheet is recognised at all.
    recognised = any(_header_index(rows) is not None for _title, rows in sheets)
    return tuple(sheet_of(f"{path}[{title}]", rows, optional=recognised) for title, rows in sheets)


def _header_index(rows: Sequence[Record]) -> int | None:
    return find_header([cells for _line, cells in rows])


def sheet_of(
    file: str,
    records: Sequence[Record | SheetProblem],
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    optional: bool = False,
) -> RawSheet:
    """A sheet from its records: the rows above the header are a title block, read past."""
    problems = tuple(r for r in records if isinstance(r, SheetProblem))
    rows = [r for r in records if not isinstance(r, SheetProblem)]
    if not rows:
        problems += (SheetProblem(HEADER_FIELD, _("The file is empty."), file, 1),)
        return RawSheet(file, (), 1, (), problems, encoding, delimiter, optional)
    start = _header_index(rows) or 0  # without a known header, the first row is reported
    header_line, header = rows[start]
    data = tuple(rows[start + 1 :])
    return RawSheet(file, header, header_line, data, problems, encoding, delimiter, optional)
