"""Spreadsheet rows as typed records: each cell parsed, every problem kept with its place.

Pure: no files, no database. The identities of DESIGN.md §3 ("Identity of spreadsheet rows")
make a re-import of the same rows find the records it created, on any installation.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from fsa_desk.domain.codes import code_list
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.domain.spreadsheet_header import FileKind
from fsa_desk.domain.spreadsheet_values import (
    day_problem,
    parse_day,
    parse_minutes,
    residence_status,
    split_codes,
)
from fsa_desk.domain.validation import Checks, Problem
from fsa_desk.i18n import _, language

# Fixed forever: changing it would make every re-import duplicate what earlier imports created.
NAMESPACE = uuid.UUID("9a20afbc-528a-4b43-bbf8-36aac289455c")

_FREE_TEXT = frozenset({"notes"})  # line breaks and spacing are the writer's


@dataclass(frozen=True)
class Source:
    """Where a row stands: file and the line its record starts on."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A problem at ``file:line: column``; ``field`` is the column."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def at(source: Source, problem: Problem) -> SheetProblem:
    return SheetProblem(problem.field, problem.message, source.file, source.line)


@dataclass(frozen=True)
class HouseholdRow:
    source: Source
    household_ref: str
    allocation_date: date | None
    district: str | None
    counsellor_code: str | None


@dataclass(frozen=True)
class PersonRow:
    source: Source
    household_ref: str
    family_name: str
    given_name: str
    birth: PartialDate | None
    sex: str | None
    nationalities: str | None  # ISO alpha-2, comma separated, as Person stores them
    residence_status: str | None
    residence_detail: str | None = None  # the legal basis, e.g. "§ 25 Abs. 2"


@dataclass(frozen=True)
class ConsultationRow:
    source: Source
    household_ref: str
    date: date
    duration_minutes: int
    contact_type: str
    life_areas: tuple[str, ...]
    counsellor_code: str | None
    note: str | None


Row = HouseholdRow | PersonRow | ConsultationRow


class CellReader:
    """Reads the typed values of one row and collects the problems of its cells."""

    def __init__(self, source: Source, cells: Mapping[str, str], today: date) -> None:
        self.source = source
        self._cells = cells
        self._checks = Checks(today)

    @property
    def problems(self) -> list[SheetProblem]:
        return [at(self.source, problem) for problem in self._checks.problems]

    def text(self, column: str, *, required: bool = False) -> str | None:
        raw = self._cells.get(column, "")
        value = raw.strip() if column in _FREE_TEXT else " ".join(raw.split())
        if not value and required:
            self._checks.add(column, _("A value is required."))
        return value or None

    def day(self, column: str, label: str, *, required: bool = False) -> date | None:
        text = self.text(column, required=required)
        if text is None:
            return None
        value = parse_day(text)
        if value is None:
            self._checks.add(column, day_problem(text))
        self._checks.past_date(column, label, value)
        return value

    def birth(self, column: str) -> PartialDate | None:
        text = self.text(column)
        if text is None:
            return None
        day = parse_day(text)  # also a date cell with its time, "17.05.1990 00:00"
        try:
            value = PartialDate.from_date(day) if day else PartialDate.parse(text)
        except ValueError:
            message = _("'{text}' is not a birth date (e.g. 17.05.1990, 05.1990 or 1990).")
            self._checks.add(column, message.format(text=text))
            return None
        self._checks.past_date(column, _("Birth date"), value.earliest())
        return value

    def duration(self, label: str) -> int | None:
        """Minutes from the minutes column, or from the hours column German sheets often keep."""
        hours = "duration_hours" in self._cells
        column = "duration_hours" if hours else "duration_minutes"
        text = self.text(column, required=True)
        if text is None:
            return None
        value = parse_minutes(text, hours=hours)
        if value is None:
            message = (
                _("'{text}' is not a number of hours (e.g. 1,5).")
                if hours
                else _("'{text}' is not a number of minutes (e.g. 45).")
            )
            self._checks.add(column, message.format(text=text))
        elif value < 0:
            message = _("{label}: a duration cannot be negative ({text}).")
            self._checks.add(column, message.format(label=label, text=text))
        else:
            self._checks.minutes(column, label, value, allow_zero=False)
        return value  # a row with a problem is dropped whole

    def residence(self, column: str, label: str) -> tuple[str | None, str | None]:
        """The residence status and its legal basis ("§ 25 Abs. 2"), if the cell gives one."""
        text = self.text(column)
        if text is None:
            return None, None
        status, detail = residence_status(text)
        if status is None:
            self._checks.add(column, unknown_value(label, text, "residence_statuses"))
            return None, None
        return status.code, detail

    def code(
        self, column: str, label: str, list_name: str, *, required: bool = False
    ) -> str | None:
        codes = self.codes(column, label, list_name, required=required)
        if len(codes) > 1:
            message = _("{label}: only one value is allowed here.").format(label=label)
            self._checks.add(column, message)
        return codes[0] if codes else None

    def codes(
        self, column: str, label: str, list_name: str, *, required: bool = False
    ) -> tuple[str, ...]:
        if self.text(column, required=required) is None:
            return ()
        found, unknown = split_codes(self._cells[column], list_name)
        for piece in unknown:
            self._checks.add(column, unknown_value(label, piece, list_name))
        return found


def unknown_value(label: str, text: str, list_name: str) -> str:
    """The message for an unknown code, e.g. "Life area: unknown value 'Wohen'. Did you mean
    'Wohnen' (code wohnen)?"."""
    message = _("{label}: unknown value '{value}'.").format(label=label, value=text)
    closest = code_list(list_name).suggest(text)
    if closest is not None:
        message += _(" Did you mean '{label}' (code {code})?").format(
            label=closest.label(language()), code=closest.code
        )
    return message


def parse_row(
    kind: FileKind, source: Source, cells: Mapping[str, str], today: date
) -> tuple[Row | None, list[SheetProblem]]:
    """The typed row, or None when any cell has a problem (all of them are returned)."""
    reader = CellReader(source, cells, today)
    row: Row | None
    if kind is FileKind.HOUSEHOLDS:
        row = _household(reader)
    elif kind is FileKind.PERSONS:
        row = _person(reader)
    else:
        row = _consultation(reader)
    problems = reader.problems
    return (None if problems else row), problems


def _household(reader: CellReader) -> HouseholdRow | None:
    ref = reader.text("household_ref", required=True)
    allocation = reader.day("allocation_date", _("Allocation date"))
    district = reader.text("district")
    counsellor = reader.text("counsellor_code")
    return (
        None if ref is None else HouseholdRow(reader.source, ref, allocation, district, counsellor)
    )


def _person(reader: CellReader) -> PersonRow | None:
    ref = reader.text("household_ref", required=True)
    family = reader.text("family_name", required=True)
    given = reader.text("given_name", required=True)
    birth = reader.birth("birth_date")
    sex = reader.code("sex", _("Sex"), "sexes")
    nationalities = reader.codes("nationality", _("Nationality"), "nationalities")
    status, detail = reader.residence("residence_status", _("Residence status"))
    if ref is None or family is None or given is None:
        return None
    joined = ",".join(nationalities) or None
    return PersonRow(reader.source, ref, family, given, birth, sex, joined, status, detail)


def _consultation(reader: CellReader) -> ConsultationRow | None:
    ref = reader.text("household_ref", required=True)
    day = reader.day("date", _("Date"), required=True)
    minutes = reader.duration(_("Duration"))
    contact_type = reader.code("contact_type", _("Contact type"), "contact_types", required=True)
    areas = reader.codes("life_areas", _("Life area"), "life_areas")
    counsellor = reader.text("counsellor_code")
    note = reader.text("notes")
    if ref is None or day is None or minutes is None or contact_type is None:
        return None
    return ConsultationRow(reader.source, ref, day, minutes, contact_type, areas, counsellor, note)


# --- identities (DESIGN.md §3) ---------------------------------------------------------------


def _identity(*parts: object) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, "|".join(str(part) for part in parts))


def _name_key(name: str) -> str:
    return " ".join(name.casefold().split())


def household_identity(provider: str | None, household_ref: str) -> uuid.UUID:
    return _identity(provider or "", household_ref)


def person_identity(
    household_id: uuid.UUID, family_name: str, given_name: str, birth: PartialDate | None
) -> uuid.UUID:
    family, given = _name_key(family_name), _name_key(given_name)
    return _identity(household_id.hex, family, given, birth or "")


def consultation_identity(
    household_id: uuid.UUID, day: date, counsellor_code: str, contact_type: str, nth: int
) -> uuid.UUID:
    """``nth``: 1 for the first row of this household, day, counsellor and type in its file."""
    code = counsellor_code.casefold()
    return _identity(household_id.hex, day.isoformat(), code, contact_type, nth)


def counsellor_identity(provider: str | None, code: str) -> uuid.UUID:
    return _identity("counsellor", provider or "", code.casefold())


def part_identity(owner: uuid.UUID, part: str) -> uuid.UUID:
    """Records an import adds to another one: a membership, an address, a life area."""
    return _identity(owner.hex, part)
