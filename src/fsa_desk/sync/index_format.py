"""The lines of a team index bundle: one known household per line, no notes, no consultations.

Per household only what lets the colleague on duty recognise a client (DESIGN.md §5):
``household_ref``, name variants, birth years, Bezugsberater:in, module, Fachleistung yes/no, the
number of open deadlines — plus the lead's own change lines of the household row itself, so that
a counsellor who records a consultation for it can take the household on with the lead's ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from fsa_desk.sync import rejections
from fsa_desk.sync.canonical import canonical_json, parse_canonical
from fsa_desk.sync.changes import LineChecker, parse

INDEX_TABLE = "team_index"
_HEX32 = re.compile(r"[0-9a-f]{32}")
_KEYS = frozenset(
    {
        "birth_years",
        "changes",
        "counsellor_code",
        "counsellor_name",
        "fachleistung",
        "household_id",
        "household_ref",
        "module",
        "names",
        "open_deadlines",
    }
)


@dataclass(frozen=True)
class IndexEntry:
    household_id: str
    household_ref: str
    names: tuple[str, ...]
    birth_years: tuple[int, ...]
    counsellor_code: str | None
    counsellor_name: str | None
    module: str | None
    fachleistung: bool
    open_deadlines: int
    changes: tuple[bytes, ...]  # change lines of the household row and its counsellor's

    def to_line(self) -> bytes:
        document: dict[str, Any] = {
            "birth_years": list(self.birth_years),
            "changes": [parse_canonical(line) for line in self.changes],
            "counsellor_code": self.counsellor_code,
            "counsellor_name": self.counsellor_name,
            "fachleistung": self.fachleistung,
            "household_id": self.household_id,
            "household_ref": self.household_ref,
            "module": self.module,
            "names": list(self.names),
            "open_deadlines": self.open_deadlines,
        }
        return canonical_json(document)


def parse_entry(line: bytes) -> IndexEntry:
    """The entry of one line; ``bad_change`` for anything malformed."""
    try:
        document = parse_canonical(line)
        if set(document) != _KEYS:
            raise ValueError("keys")
        return _entry(document)
    except (KeyError, TypeError, ValueError):
        raise rejections.bad_change() from None


def _entry(document: dict[str, Any]) -> IndexEntry:
    household_id = document["household_id"]
    if not isinstance(household_id, str) or not _HEX32.fullmatch(household_id):
        raise ValueError("household id")
    deadlines = document["open_deadlines"]
    if not isinstance(deadlines, int) or isinstance(deadlines, bool) or deadlines < 0:
        raise ValueError("deadlines")
    if not isinstance(document["fachleistung"], bool):
        raise TypeError("fachleistung")
    return IndexEntry(
        household_id=household_id,
        household_ref=_text(document["household_ref"]),
        names=tuple(_text(name) for name in document["names"]),
        birth_years=tuple(_year(year) for year in document["birth_years"]),
        counsellor_code=_optional_text(document["counsellor_code"]),
        counsellor_name=_optional_text(document["counsellor_name"]),
        module=_optional_text(document["module"]),
        fachleistung=document["fachleistung"],
        open_deadlines=deadlines,
        changes=tuple(canonical_json(change) for change in document["changes"]),
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("text")
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _year(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 1900 <= value <= 2200:
        raise ValueError("year")
    return value


@dataclass
class IndexChecker:
    """Checks index lines like ``LineChecker`` checks change lines."""

    latest_wall: str = "9" * 13

    def check(self, line: bytes) -> tuple[str, str | None]:
        entry = parse_entry(line)
        checker = LineChecker(None, None, self.latest_wall)
        for change in entry.changes:
            table, _hlc = checker.check(change)
            row_id = parse(change).row_id
            if table == "household" and row_id == entry.household_id:
                continue
            if table != "counsellor":  # the household's Bezugsberater:in, nothing else
                raise rejections.bad_change()
        return INDEX_TABLE, None
