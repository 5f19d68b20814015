"""Input rules shared by every way data enters: typed problems with German sentences.

Hours beyond a budget are never a validation problem (DESIGN.md §3): the record must show what
happened, billing decides what counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _

EARLIEST = date(1900, 1, 1)
MAX_MINUTES = 12 * 60


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


class ValidationError(InputRejected):
    """One or more problems with the input; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(" ".join(p.message for p in problems))


@dataclass
class Checks:
    """Collects problems so the user sees all of them at once."""

    today: date
    problems: list[Problem] = field(default_factory=list)

    def add(self, field_name: str, message: str) -> None:
        self.problems.append(Problem(field_name, message))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)

    def past_date(self, field_name: str, label: str, value: date | None) -> None:
        """Not in the future, not before 1900."""
        if value is None:
            return
        if value > self.today:
            self.add(
                field_name,
                _("{label}: the date {day} lies in the future.").format(
                    label=label, day=value.strftime("%d.%m.%Y")
                ),
            )
        elif value < EARLIEST:
            self.add(
                field_name,
                _("{label}: the date {day} lies before 1900.").format(
                    label=label, day=value.strftime("%d.%m.%Y")
                ),
            )

    def plausible_date(self, field_name: str, label: str, value: date | None) -> None:
        """Deadlines and follow-ups may lie ahead, but not before 1900 or past 2100."""
        if value is not None and not (EARLIEST <= value <= date(2100, 12, 31)):
            self.add(
                field_name,
                _("{label}: the date {day} is not plausible.").format(
                    label=label, day=value.strftime("%d.%m.%Y")
                ),
            )

    def minutes(self, field_name: str, label: str, value: int, *, allow_zero: bool) -> None:
        lowest = 0 if allow_zero else 1
        if value < lowest:
            self.add(
                field_name,
                _("{label}: {value} minutes is not a valid duration.").format(
                    label=label, value=value
                ),
            )
        elif value > MAX_MINUTES:
            self.add(
                field_name,
                _("{label}: {value} minutes is more than 12 hours.").format(
                    label=label, value=value
                ),
            )

    def code(self, field_name: str, label: str, value: str | None, list_name: str) -> None:
        from fsa_desk.domain.codes import code_list

        if value is None:
            return
        codes = code_list(list_name)
        if value not in codes:
            self.add(
                field_name,
                _("{label}: unknown value '{value}'.").format(label=label, value=value)
                + _suggestion(codes.suggest(value)),
            )

    def not_before(self, field_name: str, value: date, bound: date | None, message: str) -> None:
        if bound is not None and value < bound:
            self.add(field_name, message.format(day=bound.strftime("%d.%m.%Y")))


def _suggestion(code: object) -> str:
    suggested = getattr(code, "code", None)
    return _(" Did you mean '{code}'?").format(code=suggested) if suggested else ""
