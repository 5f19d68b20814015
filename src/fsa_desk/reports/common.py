"""What every report shares: months, the period and filter parameters, output.

Reports aggregate in SQL, mostly over the report facts (``reports.facts``); the dialect-specific
expressions (the calendar month of a date) live in ``month_of`` and ``month_number`` so the store
can move to PostgreSQL without touching a report (DESIGN.md §5).
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    String,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.store.models import Consultation, Counsellor, Household

Database = Connection | Session
Report = dict[str, Any]
MODULES = ("willkommen", "integrationsbuero", "fachleistung")
_MONTH_PATTERN = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class Month:
    """A calendar month, written ``YYYY-MM``."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.year <= 9999 and 1 <= self.month <= 12):
            raise UsageError(
                _("'{text}' is not a month; write YYYY-MM, e.g. 2024-03.").format(
                    text=f"{self.year}-{self.month}"
                )
            )

    @classmethod
    def parse(cls, text: str) -> Month:
        match = _MONTH_PATTERN.fullmatch(text.strip())
        if match is None:
            raise UsageError(
                _("'{text}' is not a month; write YYYY-MM, e.g. 2024-03.").format(text=text)
            )
        return cls(int(match[1]), int(match[2]))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def plus(self, months: int) -> Month:
        index = self.year * 12 + self.month - 1 + months
        return Month(index // 12, index % 12 + 1)


def months_between(first: Month, last: Month) -> list[Month]:
    """Every calendar month from ``first`` to ``last``, both included."""
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return [first.plus(offset) for offset in range(max(count, 0))]


@dataclass(frozen=True)
class ReportParams:
    """The period and filters of a report; ``None`` means the default (all data)."""

    from_month: Month | None = None
    to_month: Month | None = None
    counsellor: str | None = None  # counsellor code
    module: str | None = None
    region: str | None = None
    relative: bool = False  # trajectory: 30-day windows instead of calendar months

    def payload(self, period: list[Month]) -> dict[str, Any]:
        """The params block of a report: the period actually observed and the filters."""
        return {
            "from": str(period[0]) if period else None,
            "to": str(period[-1]) if period else None,
            "counsellor": self.counsellor,
            "module": self.module,
            "region": self.region,
        }


# --- SQL ------------------------------------------------------------------------------------


class month_of(FunctionElement[str]):  # lower case: reads like SQL
    """``'YYYY-MM'`` of a date column, in the database's own dialect."""

    type = String()
    name = "month_of"
    inherit_cache = True


@compiles(month_of)
def _month_of_iso_text(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(month_of, "sqlite")
def _month_of_sqlite(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"strftime('%Y-%m', {compiler.process(element.clauses, **kw)})"


@compiles(month_of, "postgresql")
def _month_of_postgresql(element: month_of, compiler: SQLCompiler, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class month_number(FunctionElement[int]):  # lower case: reads like SQL
    """``YYYYMM`` of a date column as an integer, in the database's own dialect."""

    type = Integer()
    name = "month_number"
    inherit_cache = True


@compiles(month_number)
def _month_number_extract(element: month_number, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"(EXTRACT(YEAR FROM {column}) * 100 + EXTRACT(MONTH FROM {column}))"


@compiles(month_number, "sqlite")
def _month_number_sqlite(element: month_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(strftime('%Y%m', {compiler.process(element.clauses, **kw)}) AS INTEGER)"


class day_number(FunctionElement[int]):  # lower case: reads like SQL
    """A date as a whole number of days (any fixed epoch): day arithmetic in the database."""

    type = Integer()
    name = "day_number"
    inherit_cache = True


@compiles(day_number)
def _day_number_generic(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return f"CAST(EXTRACT(EPOCH FROM {column}) / 86400 AS INTEGER)"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"CAST(julianday({compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    return f"({compiler.process(element.clauses, **kw)} - DATE '2000-01-01')"


def month_key(month: Month) -> int:
    """The ``YYYYMM`` integer the report facts store."""
    return month.year * 100 + month.month


def month_text(key: int) -> str:
    """``YYYYMM`` → ``YYYY-MM``."""
    return f"{key // 100:04d}-{key % 100:02d}"


def check_filters(db: Database, params: ReportParams) -> None:
    """Refuse filters that can only be typing errors: they would silently report zeros."""
    if params.module is not None and params.module not in MODULES:
        raise UsageError(
            _("Unknown module '{module}'; choose one of {choices}.").format(
                module=params.module, choices=", ".join(MODULES)
            )
        )
    if params.counsellor is not None and not _counsellor_exists(db, params.counsellor):
        raise UsageError(_("No counsellor has the code '{code}'.").format(code=params.counsellor))


def _counsellor_exists(db: Database, code: str) -> bool:
    return db.execute(counsellor_ids(code).limit(1)).first() is not None


def observed_period(db: Database, params: ReportParams) -> list[Month]:
    """``--from`` … ``--to``; a missing bound is the earliest or latest consultation month."""
    earliest, latest = _consultation_month_range(db)
    first = params.from_month or earliest or params.to_month
    last = params.to_month or latest or params.from_month
    if params.from_month is None and first is not None and last is not None:
        first = min(first, last)
    if params.to_month is None and first is not None and last is not None:
        last = max(first, last)
    if first is None or last is None:
        return []
    if first > last:
        raise UsageError(
            _("The period starts ({first}) after it ends ({last}).").format(first=first, last=last)
        )
    return months_between(first, last)


def _consultation_month_range(db: Database) -> tuple[Month | None, Month | None]:
    """Team-wide, whatever the filters: filtered reports of one store cover the same months."""
    query = select(Consultation.date).where(*_counted()).limit(1)
    # ORDER BY … LIMIT 1 walks the date index; min()/max() with a WHERE would scan the table.
    earliest = db.execute(query.order_by(Consultation.date)).scalar()
    latest = db.execute(query.order_by(Consultation.date.desc())).scalar()
    return (_month_or_none(earliest), _month_or_none(latest))


def _month_or_none(value: date | None) -> Month | None:
    return None if value is None else Month.of(value)


def _counted() -> list[ColumnElement[bool]]:
    """Not deleted, and not of a deleted household."""
    deleted_households = select(Household.id).where(Household.deleted_hlc.is_not(None))
    return [
        Consultation.deleted_hlc.is_(None),
        Consultation.household_id.not_in(deleted_households),
    ]


def counsellor_ids(code: str) -> Select[Any]:
    """The counsellors with ``code``: a deleted counsellor record too, their past work counts."""
    return select(Counsellor.id).where(Counsellor.code == code)


# --- output ---------------------------------------------------------------------------------


def render_json(report: Report) -> str:
    """Unrounded numbers, keys in the report's own order."""
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def render_csv(report: Report) -> str:
    """One line per row, ``;``-separated, decimal comma, two decimals (German spreadsheets).

    Dict columns are flattened: ``hours_by_module.willkommen``. A report of several tables
    (``groups`` and ``forecast``) gets one block per table, each under a line with its name.
    """
    tables = report_tables(report)
    if len(tables) == 1:
        return _csv_table(tables[0][1])
    return "\n".join(f"{name}\n{_csv_table(rows)}" for name, rows in tables if rows)


# Reports whose named groups read better as a long table register how to make it here.
TABLES: dict[str, Callable[[Report], list[tuple[str, list[dict[str, Any]]]]]] = {}


def long_table(report: Report) -> list[tuple[str, list[dict[str, Any]]]]:
    """Named groups as one long table — section, category, value: readable in a spreadsheet."""
    rows: list[dict[str, Any]] = []
    for section, values in report.items():
        if section in ("report", "params") or not isinstance(values, Mapping):
            continue
        for name, value in values.items():
            if isinstance(value, Mapping):
                for key, entry in value.items():
                    for leaf, number in flatten({key: entry}).items():
                        rows.append(
                            {"section": section, "category": f"{name}.{leaf}", "value": number}
                        )
            else:
                rows.append({"section": section, "category": name, "value": value})
    return [("rows", rows)]


def report_tables(report: Report) -> list[tuple[str, list[dict[str, Any]]]]:
    """The report's tables by name: ``rows``, or its named groups and ``forecast``."""
    if report["report"] in TABLES:
        return TABLES[report["report"]](report)
    tables: list[tuple[str, list[dict[str, Any]]]] = []
    for key, value in report.items():
        if key in ("report", "params"):
            continue
        if isinstance(value, list):
            tables.append((key, value))
        elif isinstance(value, Mapping) and all(isinstance(v, Mapping) for v in value.values()):
            tables.append((key, [{"name": name, **entry} for name, entry in value.items()]))
        elif isinstance(value, Mapping):
            tables.append((key, [dict(value)]))
    return tables


def _csv_table(table: list[dict[str, Any]]) -> str:
    rows = [flatten(row) for row in table]
    if not rows:
        return ""
    columns = list(dict.fromkeys(name for row in rows for name in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([[csv_cell(row.get(name)) for name in columns] for row in rows])
    return buffer.getvalue()


def flatten(row: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(csv_cell(item) for item in value)
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def shared_keys(mappings: Iterable[Mapping[str, object]], last: str | None = None) -> list[str]:
    """The keys of all mappings, sorted (``last`` at the end): every row gets the same shape."""
    keys = {key for mapping in mappings for key in mapping}
    return sorted(keys, key=lambda key: (key == last, key))
