"""What every part of the demo generator shares: seeded ids, collected rows, calendar helpers.

All randomness comes from ``random.Random`` instances derived from the one seed, and ids are
drawn from their own stream, so the same seed and ``today`` always give the same content.
"""

from __future__ import annotations

import calendar
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from fsa_desk.domain.deadlines import month_later
from fsa_desk.store.base import Exchanged

T = TypeVar("T")
Row = dict[str, Any]
_CENT = Decimal("0.01")


class DemoRows:
    """Plain row dicts per table, waiting for one set-based insert each."""

    def __init__(self, id_seed: int) -> None:
        self._ids = random.Random(id_seed)
        self.tables: dict[type[Exchanged], list[Row]] = {}

    def new_id(self) -> uuid.UUID:
        return uuid.UUID(int=self._ids.getrandbits(128), version=4)

    def add(self, model: type[Exchanged], **fields: Any) -> uuid.UUID:
        row_id = fields.pop("id", None) or self.new_id()
        self.tables.setdefault(model, []).append({"id": row_id, **fields})
        return row_id

    def count(self, model: type[Exchanged]) -> int:
        return len(self.tables.get(model, []))


@dataclass(frozen=True)
class Window:
    """The months the demo covers: from the first day of the first month up to ``today``."""

    start: date
    today: date

    @classmethod
    def ending(cls, today: date, months: int) -> Window:
        return cls(month_later(today.replace(day=1), -(months - 1)), today)

    @property
    def months(self) -> int:
        return month_number(self.today) - month_number(self.start) + 1

    def clip(self, day: date) -> date:
        return min(max(day, self.start), self.today)


def month_number(day: date) -> int:
    """Months since year 0, so that month differences are plain subtraction."""
    return day.year * 12 + day.month - 1


def month_bounds(first_of: date, offset: int) -> tuple[date, date]:
    """First and last day of the month ``offset`` months after the month of ``first_of``."""
    first = month_later(first_of.replace(day=1), offset)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def days(count: int) -> timedelta:
    return timedelta(days=count)


def random_day(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def working_day(rng: random.Random, first: date, last: date) -> date:
    """A random weekday between ``first`` and ``last``; counsellors rarely work at weekends."""
    for _attempt in range(6):
        day = random_day(rng, first, last)
        if day.weekday() < 5:
            return day
    return random_day(rng, first, last)


def weighted(rng: random.Random, options: Sequence[tuple[T, float]]) -> T:
    values = [value for value, _weight in options]
    return rng.choices(values, weights=[weight for _value, weight in options])[0]


def mean_one(rng: random.Random, sigma: float) -> float:
    """A log-normal factor with mean 1: spread without shifting the average."""
    return rng.lognormvariate(-sigma * sigma / 2, sigma)


def minutes_between(rng: random.Random, low: int, high: int, mode: int) -> int:
    """Minutes as counsellors write them down: multiples of five."""
    return max(5, 5 * round(rng.triangular(low, high, mode) / 5))


def money(value: float | str) -> Decimal:
    """Two decimal places, as the Numeric columns store them (the change log must agree)."""
    return Decimal(str(value)).quantize(_CENT)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
