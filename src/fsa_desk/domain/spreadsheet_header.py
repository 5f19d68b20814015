"""The header stage of the spreadsheet import: which kind of file a sheet is, and its columns.

Files are recognised by their header (DESIGN.md §8). The canonical format names its columns in
English; the German names offices use come from ``resources/spreadsheet/german.toml``, compared
without case, spacing, punctuation or umlaut spelling. A header need not be the first row: the
row naming the most known columns near the top of a sheet is its header.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from rapidfuzz import fuzz, process

from fsa_desk.domain.codes import CodeListError
from fsa_desk.domain.spreadsheet_german import fold, german_words
from fsa_desk.domain.validation import Problem
from fsa_desk.i18n import _


class FileKind(StrEnum):
    HOUSEHOLDS = "households"
    PERSONS = "persons"
    CONSULTATIONS = "consultations"


# Every column a kind knows, in canonical order; the required ones must be in the header.
COLUMNS: Mapping[FileKind, tuple[str, ...]] = {
    FileKind.HOUSEHOLDS: ("household_ref", "allocation_date", "district", "counsellor_code"),
    FileKind.PERSONS: (
        "household_ref",
        "family_name",
        "given_name",
        "birth_date",
        "sex",
        "nationality",
        "residence_status",
    ),
    FileKind.CONSULTATIONS: (
        "household_ref",
        "date",
        "duration_minutes",
        "contact_type",
        "life_areas",
        "counsellor_code",
        "notes",
    ),
}
# Columns beyond the canonical export that German spreadsheets carry instead of a canonical one.
EXTRA_COLUMNS: Mapping[FileKind, tuple[str, ...]] = {
    FileKind.CONSULTATIONS: ("duration_hours",),
}
ALTERNATIVES: Mapping[str, str] = {"duration_hours": "duration_minutes"}  # stands in for
REQUIRED: Mapping[FileKind, frozenset[str]] = {
    FileKind.HOUSEHOLDS: frozenset({"household_ref"}),
    FileKind.PERSONS: frozenset({"household_ref", "family_name", "given_name"}),
    FileKind.CONSULTATIONS: frozenset(
        {"household_ref", "date", "duration_minutes", "contact_type"}
    ),
}

HEADER_FIELD = "header"
ROW_FIELD = "row"
HEADER_SEARCH_ROWS = 30  # title blocks above the header are a few rows, never pages
_SUGGEST_CUTOFF = 75.0


def known_columns(kind: FileKind) -> tuple[str, ...]:
    return COLUMNS[kind] + EXTRA_COLUMNS.get(kind, ())


def all_columns() -> tuple[str, ...]:
    """Every column of every kind, each once, in canonical order."""
    return tuple(dict.fromkeys(column for kind in FileKind for column in known_columns(kind)))


def column_label(column: str) -> str:
    """The German name of a canonical column, as the wizard and messages show it."""
    labels = {
        "household_ref": _("Household no."),
        "allocation_date": _("Allocation date"),
        "district": _("District"),
        "counsellor_code": _("Counsellor (code)"),
        "family_name": _("Family name"),
        "given_name": _("Given name"),
        "birth_date": _("Birth date"),
        "sex": _("Sex"),
        "nationality": _("Nationality"),
        "residence_status": _("Residence status"),
        "date": _("Date"),
        "duration_minutes": _("Duration (minutes)"),
        "duration_hours": _("Duration (hours)"),
        "contact_type": _("Contact type"),
        "life_areas": _("Life areas"),
        "notes": _("Note"),
    }
    return labels.get(column, column)


def kind_label(kind: FileKind | None) -> str:
    if kind is None:
        return _("not recognised")
    labels = {
        FileKind.HOUSEHOLDS: _("households"),
        FileKind.PERSONS: _("persons"),
        FileKind.CONSULTATIONS: _("consultations"),
    }
    return labels[kind]


def header_key(text: str) -> str:
    """How header cells compare: "Haushalt-Nr." = "haushalt nr" = "HAUSHALTNR"."""
    return "".join(character for character in fold(text) if character.isalnum())


@dataclass(frozen=True)
class _HeaderIndex:
    columns: Mapping[str, str]  # header key → canonical column
    ignored: frozenset[str]  # header keys read past
    names: Mapping[str, str]  # header key → a name as written, for "did you mean"


@cache
def _header_index() -> _HeaderIndex:
    known = set(all_columns())
    columns: dict[str, str] = {header_key(column): column for column in known}
    names = {key: column for key, column in columns.items()}
    words = german_words()
    for column, aliases in words.headers.items():
        if column not in known:
            raise CodeListError(f"german.toml: [headers] names an unknown column {column!r}")
        for alias in aliases:
            other = columns.setdefault(header_key(alias), column)
            if other != column:
                raise CodeListError(f"german.toml: {alias!r} names {other!r} and {column!r}")
            names.setdefault(header_key(alias), alias)
    ignored = frozenset(header_key(name) for name in words.ignored_headers) - set(columns)
    return _HeaderIndex(columns, ignored, names)


def guess_column(name: str) -> str | None:
    """The canonical column a header cell names, or None."""
    return _header_index().columns.get(header_key(name))


def is_ignored(name: str) -> bool:
    """A column German exports carry that the import deliberately reads past ("Lfd. Nr.")."""
    return header_key(name) in _header_index().ignored


@dataclass(frozen=True)
class HeaderMapping:
    """The canonical column of each position (None: a position not read) and the file kind."""

    kind: FileKind | None
    names: tuple[str, ...]  # the header cells, trimmed, without trailing empty ones
    columns: tuple[str | None, ...]
    problems: tuple[Problem, ...]

    def cells(self, values: Sequence[str]) -> tuple[dict[str, str], list[Problem]]:
        """One row as canonical column → text; values beyond the header are a problem."""
        row = {
            column: value.strip()
            for column, value in zip(self.columns, values, strict=False)
            if column is not None
        }
        extra = [value for value in values[len(self.columns) :] if value.strip()]
        if not extra:
            return row, []
        message = _("The row has {count} values, but the header only {columns} columns.")
        count = len(self.columns) + len(extra)
        return row, [Problem(ROW_FIELD, message.format(count=count, columns=len(self.columns)))]

    def labels(self) -> dict[str, str]:
        """Canonical column → its name in this file's header, to name it in messages."""
        found: dict[str, str] = {}
        for name, column in zip(self.names, self.columns, strict=True):
            if column is not None:
                found.setdefault(column, name)
        return found

    @property
    def ignored(self) -> tuple[str, ...]:
        """Named columns that are not read."""
        return tuple(n for n, c in zip(self.names, self.columns, strict=True) if n and c is None)


def map_header(cells: Sequence[str]) -> HeaderMapping:
    """Name the columns of a header row and recognise the kind of file it heads."""
    names = _trim_trailing_blanks([cell.strip() for cell in cells])
    columns = tuple(guess_column(name) if name else None for name in names)
    kind = recognise({column for column in columns if column is not None})
    if kind is None:
        return HeaderMapping(None, tuple(names), columns, (_not_recognised(),))
    problems = [*_unknown(names, columns, kind), *_checks(columns, kind)]
    return HeaderMapping(kind, tuple(names), columns, tuple(problems))


def map_columns(cells: Sequence[str], chosen: Sequence[str | None]) -> HeaderMapping:
    """A header whose columns a user has named (the import wizard): None reads past one."""
    names = [cell.strip() for cell in cells]
    names += [""] * (len(chosen) - len(names))
    columns = tuple(chosen) + (None,) * (len(names) - len(chosen))
    kind = recognise({column for column in columns if column is not None})
    if kind is None:
        return HeaderMapping(None, tuple(names), columns, (_not_recognised(),))
    message = _("The column does not belong in a file of {kind}.").format(kind=kind_label(kind))
    foreign = [
        Problem(column, message)
        for column in columns
        if column is not None and column not in known_columns(kind)
    ]
    return HeaderMapping(kind, tuple(names), columns, (*foreign, *_checks(columns, kind)))


def recognise(columns: set[str]) -> FileKind | None:
    """The kind with the most columns only it has; None when no kind or two kinds tie."""
    scores = {kind: len(columns & _own_columns(kind)) for kind in FileKind}
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def find_header(rows: Sequence[Sequence[str]]) -> int | None:
    """The index of the header among the first rows of a sheet (title rows may stand above it):
    the row of a recognised kind naming the most known columns; None when there is none."""
    best, found = 0, None
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = {column for cell in cells if (column := guess_column(cell)) is not None}
        if len(columns) > best and recognise(columns) is not None:
            best, found = len(columns), index
    return found


def _own_columns(kind: FileKind) -> set[str]:
    others = {column for other in FileKind if other != kind for column in known_columns(other)}
    return set(known_columns(kind)) - others


def _trim_trailing_blanks(names: list[str]) -> list[str]:
    # Excel often saves empty columns after the last real one.
    while names and not names[-1]:
        names.pop()
    return names


def _not_recognised() -> Problem:
    expected = "; ".join(
        f"{kind_label(kind)}: {', '.join(_required_labels(kind))}" for kind in FileKind
    )
    return Problem(
        HEADER_FIELD,
        _(
            "The header is not recognised; expected the columns of one of these files: {expected}."
        ).format(expected=expected),
    )


def _required_labels(kind: FileKind) -> list[str]:
    return [column_label(column) for column in COLUMNS[kind] if column in REQUIRED[kind]]


def _unknown(names: Sequence[str], columns: Sequence[str | None], kind: FileKind) -> list[Problem]:
    problems = []
    for name, column in zip(names, columns, strict=True):
        if not name or is_ignored(name):
            continue  # an unnamed column must be empty: the reader checks its values
        if column is None or column not in known_columns(kind):
            message = _("Unknown column '{column}' in a file of {kind}.").format(
                column=name, kind=kind_label(kind)
            )
            problems.append(Problem(name, message + _suggested_header(name)))
    return problems


def _suggested_header(name: str) -> str:
    index = _header_index()
    match = process.extractOne(
        header_key(name), list(index.names), scorer=fuzz.ratio, score_cutoff=_SUGGEST_CUTOFF
    )
    if match is None:
        return ""
    return _(" Did you mean '{name}'?").format(name=index.names[match[0]])


def _checks(columns: Sequence[str | None], kind: FileKind) -> list[Problem]:
    return [*_repeated(columns), *_missing(columns, kind)]


def _repeated(columns: Sequence[str | None]) -> list[Problem]:
    seen: dict[str, str] = {}  # the column, or the one it stands in for → the first one seen
    problems = []
    for column in columns:
        if column is None:
            continue
        key = ALTERNATIVES.get(column, column)
        if key not in seen:
            seen[key] = column
        elif seen[key] == column:
            problems.append(Problem(column, _("The column appears twice.")))
        else:
            message = _("Give the duration once: in minutes or in hours, not both.")
            problems.append(Problem(column, message))
    return problems


def _missing(columns: Sequence[str | None], kind: FileKind) -> list[Problem]:
    present = {ALTERNATIVES.get(column, column) for column in columns if column is not None}
    return [
        Problem(
            column,
            _("The column '{label}' ({column}) is missing.").format(
                label=column_label(column), column=column
            ),
        )
        for column in COLUMNS[kind]
        if column in REQUIRED[kind] and column not in present
    ]
