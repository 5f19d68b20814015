"""Birth dates known only as a year or a year and month, as refugee documents often give them.

A ``PartialDate`` is the set of days it may stand for: ``1990`` is any day of 1990, ``1990-05``
any day of May 1990. Papers write an unknown part as ``00`` or ``XX`` ("00.00.1990"), so
``parse`` reads those as unknown instead of inventing a 1 January.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import MAXYEAR, MINYEAR, date

_UNKNOWN = {"00", "0", "xx", "x"}
_ISO = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2})(?:-(?P<day>\d{1,2}))?)?")
_GERMAN = re.compile(
    r"(?:(?P<day>\d{1,2}|[xX]{1,2})\.)?(?P<month>\d{1,2}|[xX]{1,2})\.(?P<year>\d{4})"
)


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date whose day, or month and day, may be unknown.

    Sorting is by year, then month, then day, a less precise date before a precise one of the
    same year (or month): ``1990`` < ``1990-01`` < ``1990-01-01`` < ``1990-02``.
    """

    year: int = field(compare=False)
    month: int | None = field(default=None, compare=False)
    day: int | None = field(default=None, compare=False)
    # Comparing the fields themselves would compare None with int; 0 stands for "unknown" here
    # because real months and days start at 1, so the key is unique per value.
    _key: tuple[int, int, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        _check(self.year, self.month, self.day)
        object.__setattr__(self, "_key", (self.year, self.month or 0, self.day or 0))

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read "1990", "1990-05", "05.1990", "1990-05-17" or "17.05.1990" (also "00.05.1990")."""
        cleaned = text.strip()
        found = _ISO.fullmatch(cleaned) or _GERMAN.fullmatch(cleaned)
        if found is None:
            raise ValueError(
                f"„{text}“ ist kein Datum: erwartet z. B. 1990, 05.1990 oder 17.05.1990."
            )
        parts = found.groupdict()
        month, day = _component(parts["month"]), _component(parts["day"])
        if day is not None and month is None:
            raise ValueError(f"„{text}“: ein Tag ohne Monat ist kein Datum.")
        return cls(int(parts["year"]), month, day)

    @classmethod
    def from_date(cls, day: date) -> PartialDate:
        return cls(day.year, day.month, day.day)

    def __str__(self) -> str:
        """ISO-like and sortable as text: "1990", "1990-05", "1990-05-17"."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def german(self) -> str:
        """As German forms print it: "1990", "05.1990", "17.05.1990"."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text = f"{self.month:02d}.{text}"
        if self.day is not None:
            text = f"{self.day:02d}.{text}"
        return text

    @property
    def is_complete(self) -> bool:
        return self.day is not None

    def earliest(self) -> date:
        """The first day this date may stand for."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this date may stand for."""
        month = self.month or 12
        return date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def age_on(self, day: date) -> int | None:
        """Age in completed years on ``day``; for a partial date the youngest age possible.

        Choosing the lower bound is the conservative side for a birth date that is not known
        exactly: a person who may still be a minor is treated as one (child protection,
        children interpreting, age groups of minors). ``None`` when the person may not yet
        have been born on ``day``. ``age_range_on`` gives both bounds.
        """
        ages = self.age_range_on(day)
        return None if ages is None else ages[0]

    def age_range_on(self, day: date) -> tuple[int, int] | None:
        """Youngest and oldest age possible on ``day``; ``None`` if perhaps not yet born."""
        if day < self.latest():
            return None
        return _completed_years(self.latest(), day), _completed_years(self.earliest(), day)

    def matches(self, text: str) -> bool:
        """Whether a search for ``text`` finds this date: every part the search names agrees.

        "1990" finds every date in 1990, "05.1990" every date in May 1990, "17.05.1990" only
        that day. A date stored less precisely than the search (only "1990" when the search
        names a day) is not found: the search asked for something the record does not say.
        Text that is not a date finds nothing.
        """
        try:
            wanted = PartialDate.parse(text)
        except ValueError:
            return False
        return (
            wanted.year == self.year
            and wanted.month in (None, self.month)
            and wanted.day in (None, self.day)
        )


def _component(text: str | None) -> int | None:
    if text is None or text.lower() in _UNKNOWN:
        return None
    return int(text)


def _check(year: int, month: int | None, day: int | None) -> None:
    """Raise ``ValueError`` unless the parts name a real calendar year, month or day."""
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError(f"Jahr {year} liegt außerhalb von {MINYEAR}–{MAXYEAR}.")
    if month is None:
        if day is not None:
            raise ValueError("Ein Tag ohne Monat ist kein Datum.")
        return
    if not 1 <= month <= 12:
        raise ValueError(f"Monat {month} gibt es nicht (1–12).")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"Den {day:02d}.{month:02d}.{year} gibt es nicht.")


def _completed_years(born: date, day: date) -> int:
    # Someone born on 29 February completes a year at the end of 28 February (BGB § 188 (3)),
    # so in a common year they are older from 1 March; the tuple comparison gives exactly that.
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
