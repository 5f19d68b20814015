"""Excel workbooks (.xlsx): every worksheet as records of text, with the sheet's row numbers.

Read with openpyxl in read-only mode (values, not formulas), so a workbook of five years of
consultations does not load its styles into memory. Cells become the text a CSV export of the
same sheet would hold: a date cell "2025-02-03", a duration cell formatted ``[h]:mm`` "1:30".
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.services.spreadsheet_csv import Record

Worksheet = tuple[str, list[Record]]  # title, non-blank rows


def worksheets(data: bytes, file: str) -> list[Worksheet]:
    """Every worksheet of a workbook; ``UsageError`` when the file is not one."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise UsageError(
            _("The file {file} cannot be read as an Excel workbook (.xlsx).").format(file=file)
        ) from None
    try:
        return [(sheet.title, _rows(sheet)) for sheet in workbook.worksheets]
    finally:
        workbook.close()


def _rows(sheet: object) -> list[Record]:
    # Some writers store a wrong sheet size; without it every stored row is read.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    found: list[Record] = []
    rows = sheet.iter_rows(min_row=1, values_only=True)  # type: ignore[attr-defined]
    for line, values in enumerate(rows, start=1):
        cells = tuple(cell_text(value) for value in values)
        if any(cell.strip() for cell in cells):
            found.append((line, cells))
    return found


def cell_text(value: object) -> str:
    """A cell's value as the text the import reads."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return f"{value.hour}:{value.minute:02d}"
    if isinstance(value, timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60}:{minutes % 60:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.10g}"
    return str(value)
