"""The Fachleistung hour budget and its rules (DESIGN.md §3), as pure functions.

- A Bedarfsanzeige projects hours for the 12 months after the request; below the complexity
  threshold of 35 hours it gets a **warning with its reason, never a block**: the Sozialamt
  decides.
- A Bewilligung (and a requested period) runs for at most 12 months: from the first day up to
  the day before the same calendar day a year later (1 March → 28 February; 29 February →
  28 February).
- A Bewilligung's budget: *used* are the billable Fachleistungsstunden counted on it (each
  consultation rounded up to the billing rule's Takt), *remaining* what is left of the approved
  hours (never below zero), *forecast* the use at the end of the period at the pace so far, and
  the warnings: ≥ 80 % used, 100 % used, < 50 % used at half time, ending within 8 weeks without
  a Verlängerung begun.

Hours are ``Decimal``; nothing here rounds except where a rule says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from fsa_desk.domain.deadlines import month_later
from fsa_desk.i18n import _

COMPLEXITY_THRESHOLD_HOURS = Decimal(35)
MAX_PERIOD_MONTHS = 12
EXPIRY_WARNING = timedelta(weeks=8)
AUSWERTUNG_BEFORE_END = timedelta(weeks=8)  # the Auswertungsgespräch, about 8 weeks before

# Warning codes; the GUI, the task list and ``report fachleistung`` word them with ``explain``.
WARN_USED_80 = "used_80"
WARN_USED_100 = "used_100"
WARN_SLOW_USE = "slow_use"
WARN_EXPIRY = "expiry_without_extension"
WARNINGS = (WARN_USED_100, WARN_USED_80, WARN_EXPIRY, WARN_SLOW_USE)
# A Verlängerung counts as begun while its Bedarfsanzeige is on its way or decided positively.
EXTENSION_BEGUN = (
    "entwurf",
    "unterschrieben",
    "angezeigt",
    "rueckfrage",
    "bewilligt",
    "teilweise_bewilligt",
)

_ZERO = Decimal(0)
_EIGHTY = Decimal("0.8")
_HALF = Decimal("0.5")


# --- the Bedarfsanzeige's projection ---------------------------------------------------------


def projected_total(hours_by_life_area: Mapping[str, Decimal]) -> Decimal:
    """The projected hours of all life areas together."""
    return sum(hours_by_life_area.values(), _ZERO)


@dataclass(frozen=True)
class ThresholdCheck:
    """The projected total against the complexity threshold; ``warning`` says why it matters."""

    total: Decimal
    threshold: Decimal
    warning: str | None

    @property
    def below(self) -> bool:
        return self.warning is not None


def threshold_check(total: Decimal) -> ThresholdCheck:
    """A warning with its reason when ``total`` lies below 35 hours; never a block."""
    if total >= COMPLEXITY_THRESHOLD_HOURS:
        return ThresholdCheck(total, COMPLEXITY_THRESHOLD_HOURS, None)
    warning = _(
        "The projected {total} hours lie below the complexity threshold of {threshold} hours "
        "for the 12 months after the request. The Sozialamt may therefore refuse the "
        "Fachleistung; explain why the case is complex all the same, or consider the "
        "Integrationsbüro. The form can be submitted anyway: the decision is the Sozialamt's."
    ).format(total=hours_text(total), threshold=hours_text(COMPLEXITY_THRESHOLD_HOURS))
    return ThresholdCheck(total, COMPLEXITY_THRESHOLD_HOURS, warning)


# --- periods --------------------------------------------------------------------------------


def longest_period_end(start: date) -> date:
    """The last day of a period of at most 12 months that begins on ``start``."""
    anniversary = month_later(start, MAX_PERIOD_MONTHS)
    if anniversary.day != start.day:  # 29 February: the year ends on 28 February
        return anniversary
    return anniversary - timedelta(days=1)


def period_problem(start: date, end: date) -> str | None:
    """Why ``start``…``end`` is no valid Fachleistung period, or None."""
    if end < start:
        return _("The period ends before it begins.")
    if end > longest_period_end(start):
        return _(
            "A Fachleistung period runs for at most 12 months: from {start} at the latest "
            "until {end}."
        ).format(
            start=start.strftime("%d.%m.%Y"), end=longest_period_end(start).strftime("%d.%m.%Y")
        )
    return None


def period_days(start: date, end: date) -> int:
    return (end - start).days + 1


# --- a Bewilligung's budget -----------------------------------------------------------------


@dataclass(frozen=True)
class BudgetFigures:
    """What is known about one Bewilligung on ``today``."""

    approved: Decimal
    used: Decimal  # billable hours counted on it
    period_from: date
    period_to: date
    today: date
    running: bool = True  # not ended early (vorzeitig beendet)
    extension_begun: bool = False  # a Verlängerung is requested or already approved


@dataclass(frozen=True)
class Budget:
    approved: Decimal
    used: Decimal
    remaining: Decimal  # never below zero
    over: Decimal  # billable hours beyond the approved ones (capped in the Abrechnung)
    forecast: Decimal  # at the end of the period at the pace so far
    days_left: int  # days until the last day; 0 on it, negative once it has passed
    elapsed_share: Decimal  # of the period's days, 0 … 1
    warnings: tuple[str, ...]

    @property
    def used_share(self) -> Decimal:
        return self.used / self.approved if self.approved else _ZERO


def budget(figures: BudgetFigures) -> Budget:
    """Remaining, forecast and warnings of a Bewilligung (DESIGN.md §3)."""
    total = period_days(figures.period_from, figures.period_to)
    elapsed = min(max((figures.today - figures.period_from).days + 1, 0), total)
    share = Decimal(elapsed) / Decimal(total)
    forecast = figures.used * total / elapsed if elapsed else _ZERO
    days_left = (figures.period_to - figures.today).days
    return Budget(
        approved=figures.approved,
        used=figures.used,
        remaining=max(figures.approved - figures.used, _ZERO),
        over=max(figures.used - figures.approved, _ZERO),
        forecast=forecast,
        days_left=days_left,
        elapsed_share=share,
        warnings=budget_warnings(figures, share),
    )


def budget_warnings(figures: BudgetFigures, elapsed_share: Decimal) -> tuple[str, ...]:
    """The warnings of DESIGN.md §3, most urgent first."""
    if not figures.approved:
        return ()
    used_share = figures.used / figures.approved
    warnings = []
    if used_share >= 1:
        warnings.append(WARN_USED_100)
    elif used_share >= _EIGHTY:
        warnings.append(WARN_USED_80)
    ends_soon = figures.today <= figures.period_to <= figures.today + EXPIRY_WARNING
    if figures.running and ends_soon and not figures.extension_begun:
        warnings.append(WARN_EXPIRY)
    in_period = figures.period_from <= figures.today <= figures.period_to
    if figures.running and in_period and elapsed_share >= _HALF and used_share < _HALF:
        warnings.append(WARN_SLOW_USE)
    return tuple(warnings)


def explain(warning: str, result: Budget | None = None) -> str:
    """The warning as a sentence for the counsellor."""
    texts = {
        WARN_USED_100: _("The approved hours are used up; further hours are not billable."),
        WARN_USED_80: _("At least 80 % of the approved hours are used."),
        WARN_EXPIRY: _("The Bewilligung ends within 8 weeks and no Verlängerung has begun."),
        WARN_SLOW_USE: _("Half of the period has passed and less than half of the hours are used."),
    }
    text = texts.get(warning, warning)
    if result is not None and warning in (WARN_USED_80, WARN_USED_100):
        text += " " + _("{used} of {approved} hours.").format(
            used=hours_text(result.used), approved=hours_text(result.approved)
        )
    return text


def auswertung_due(period_to: date) -> date:
    """When the Auswertungsgespräch is due: about 8 weeks before the Bewilligung ends."""
    return period_to - AUSWERTUNG_BEFORE_END


# --- plausibility ---------------------------------------------------------------------------


def monthly_hours(
    minutes_by_day: Iterable[tuple[date, int]], months: Iterable[tuple[int, int]]
) -> list[tuple[tuple[int, int], Decimal]]:
    """Hours per calendar month (year, month) for the months asked; months without any count 0."""
    totals = {month: 0 for month in months}
    for day, minutes in minutes_by_day:
        key = (day.year, day.month)
        if key in totals:
            totals[key] += minutes
    return [(month, Decimal(minutes) / 60) for month, minutes in totals.items()]


def last_months(today: date, count: int) -> list[tuple[int, int]]:
    """The ``count`` complete calendar months before the month of ``today``, oldest first."""
    first = month_later(today.replace(day=1), -count)
    return [
        (month_later(first, offset).year, month_later(first, offset).month)
        for offset in range(count)
    ]


def hours_text(hours: Decimal, places: int = 2) -> str:
    """Hours for people: at most ``places`` decimals, no trailing zeros, decimal comma in German."""
    from fsa_desk.i18n import language

    quantum = Decimal(1).scaleb(-places)
    text = f"{hours.quantize(quantum):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if language() == "de" else text


def split_minutes(duration: int, areas: Mapping[str, int | None]) -> dict[str, Decimal]:
    """A consultation's minutes per life area, as the monthly report splits them.

    Areas with minutes get them, the rest of the duration is split evenly over the areas without;
    if every area has minutes, or they exceed the duration, they are scaled to the duration.
    Without any area everything counts under ``ohne``.
    """
    if not areas:
        return {"ohne": Decimal(duration)}
    given = {area: minutes for area, minutes in areas.items() if minutes is not None}
    open_areas = [area for area, minutes in areas.items() if minutes is None]
    given_total = sum(given.values())
    if open_areas and given_total <= duration:
        share = Decimal(duration - given_total) / len(open_areas)
        return {**{a: Decimal(m) for a, m in given.items()}, **{a: share for a in open_areas}}
    if not given_total:
        return {area: Decimal(duration) / len(areas) for area in areas}
    return {a: Decimal(m) * duration / given_total for a, m in given.items()} | {
        a: Decimal(0) for a in open_areas
    }
