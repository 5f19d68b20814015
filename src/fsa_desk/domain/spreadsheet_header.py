"""The header stage of the spreadsheet import: which kind of file a sheet is, and its columns.

Files are recognised by their header (DESIGN.md §8). The canonical format names its columns in
English; German Excel variants only add aliases to ``HEADER_ALIASES``, the rest stays the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

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
REQUIRED: Mapping[FileKind, frozenset[str]] = {
    FileKind.HOUSEHOLDS: frozenset({"household_ref"}),
    FileKind.PERSONS: frozenset({"household_ref", "family_name", "given_name"}),
    FileKind.CONSULTATIONS: frozenset(
        {"household_ref", "date", "duration_minutes", "contact_type"}
    ),
}

# Header text (normalised by ``header_key``) → canonical column.
HEADER_ALIASES: Mapping[str, str] = {
    column: column for columns in COLUMNS.values() for column in columns
}

HEADER_FIELD = "header"


def header_key(text: str) -> str:
    """How a header cell is compared: case and spacing do not matter ("Household ref")."""
    return "_".join(text.strip().casefold().replace("-", " ").split())


@dataclass(frozen=True)
class HeaderMapping:
    """The canonical column of each position (None: a position to ignore) and the file kind."""

    kind: FileKind | None
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
        return row, [Problem("row", message.format(count=count, columns=len(self.columns)))]


def map_header(cells: Sequence[str], aliases: Mapping[str, str] = HEADER_ALIASES) -> HeaderMapping:
    """Name the columns of a header row and recognise the kind of file it heads."""
    names = _trim_trailing_blanks([cell.strip() for cell in cells])
    columns = tuple(aliases.get(header_key(name)) if name else None for name in names)
    kind = recognise({column for column in columns if column is not None})
    if kind is None:
        return HeaderMapping(None, columns, (_not_recognised(),))
    problems = [*_unknown(names, columns, kind), *_repeated(columns), *_missing(columns, kind)]
    return HeaderMapping(kind, columns, tuple(problems))


def recognise(columns: set[str]) -> FileKind | None:
    """The kind with the most columns only it has; None when no kind or two kinds tie."""
    scores = {kind: len(columns & _own_columns(kind)) for kind in FileKind}
    best = max(scores.values())
    winners = [kind for kind, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


def _own_columns(kind: FileKind) -> set[str]:
    others = {column for other in FileKind if other != kind for column in COLUMNS[other]}
    return set(COLUMNS[kind]) - others


def _trim_trailing_blanks(names: list[str]) -> list[str]:
    # Excel often saves empty columns after the last real one.
    while names and not names[-1]:
        names.pop()
    return names


def _not_recognised() -> Problem:
    expected = "; ".join(f"{kind.value}: {', '.join(sorted(REQUIRED[kind]))}" for kind in FileKind)
    return Problem(
        HEADER_FIELD,
        _(
            "The header is not recognised; expected the columns of one of these files: {expected}."
        ).format(expected=expected),
    )


def _unknown(names: Sequence[str], columns: Sequence[str | None], kind: FileKind) -> list[Problem]:
    problems = []
    for name, column in zip(names, columns, strict=True):
        if not name:
            problems.append(Problem(HEADER_FIELD, _("A column has no name.")))
        elif column is None or column not in COLUMNS[kind]:
            message = _("Unknown column '{column}' in a {kind} file.")
            problems.append(Problem(name, message.format(column=name, kind=kind.value)))
    return problems


def _repeated(columns: Sequence[str | None]) -> list[Problem]:
    seen: set[str] = set()
    problems = []
    for column in columns:
        if column is not None and column in seen:
            problems.append(Problem(column, _("The column appears twice.")))
        seen.add(column or "")
    return problems


def _missing(columns: Sequence[str | None], kind: FileKind) -> list[Problem]:
    present = set(columns)
    return [
        Problem(column, _("The column '{column}' is missing.").format(column=column))
        for column in COLUMNS[kind]
        if column in REQUIRED[kind] and column not in present
    ]
