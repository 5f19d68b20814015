"""CSV as German offices save it: which encoding, which delimiter, and its records with lines.

Encoding is detected honestly, not guessed from statistics: a UTF-8 or UTF-16 byte-order mark
says so; bytes that are valid UTF-8 are UTF-8; anything else is Windows-1252, which German
Excel writes as "CSV (Trennzeichen-getrennt)". The delimiter is the one under which a known
header appears (``;`` in German Excel, ``,`` in the canonical format, a tab in "Unicode-Text").
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from itertools import islice

from fsa_desk.domain.spreadsheet_header import (
    HEADER_SEARCH_ROWS,
    ROW_FIELD,
    find_header,
    guess_column,
)
from fsa_desk.domain.spreadsheet_rows import SheetProblem
from fsa_desk.errors import UsageError
from fsa_desk.i18n import _

DELIMITERS = (";", ",", "\t")
UTF8 = "UTF-8"
UTF8_BOM = "UTF-8 (BOM)"
UTF16 = "UTF-16"
WINDOWS_1252 = "Windows-1252"

Record = tuple[int, tuple[str, ...]]  # the line a record starts on, its cells


def decode(data: bytes, file: str) -> tuple[str, str]:
    """The text of a CSV file and the name of its encoding; ``UsageError`` for binary files."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decoded(data, "utf-16", file), UTF16
    if b"\x00" in data[:4096]:
        raise UsageError(
            _("The file {file} is not a text file; save it as CSV or as .xlsx.").format(file=file)
        )
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return body.decode("utf-8"), UTF8_BOM if bom else UTF8
    except UnicodeDecodeError:
        return _decoded(body, "cp1252", file), WINDOWS_1252


def _decoded(data: bytes, encoding: str, file: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise UsageError(
            _(
                "The file {file} is neither UTF-8 nor Windows-1252 text; "
                "save it as 'CSV UTF-8' or as .xlsx."
            ).format(file=file)
        ) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter under which a known header appears; else the most frequent one in the
    first line; else ``,``."""
    best, chosen = 0, None
    for delimiter in DELIMITERS:
        cells = [cells for _line, cells in islice(_parsed(text, delimiter), HEADER_SEARCH_ROWS)]
        index = find_header(cells)
        known = 0 if index is None else sum(guess_column(c) is not None for c in cells[index])
        if known > best:
            best, chosen = known, delimiter
    if chosen is not None:
        return chosen
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first.count(delimiter) for delimiter in DELIMITERS}
    most = max(counts, key=lambda delimiter: counts[delimiter])
    return most if counts[most] else ","


def records(text: str, delimiter: str, file: str) -> list[Record | SheetProblem]:
    """Every non-blank record with the line it starts on; a broken quote ends the file with a
    problem at its line."""
    found: list[Record | SheetProblem] = []
    start = 1
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                found.append((start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as failure:
        message = _("The file cannot be read as CSV: {reason}.").format(reason=failure)
        found.append(SheetProblem(ROW_FIELD, message, file, start))
    return found


def _parsed(text: str, delimiter: str) -> Iterator[Record]:
    """Records for sniffing: a quote broken further down does not matter here."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield reader.line_num, tuple(cells)
    except csv.Error:
        return
