"""Deadlines (Fristen) that follow from a received decision (Bescheid), DESIGN.md §3.

Periods are counted as BGB §§ 187, 188 prescribe and as § 26 SGB X, § 64 SGG and § 57 VwGO with
§ 222 ZPO apply them: the day of the event does not count, a period of months ends on the day
with the same number (or the month's last day), a period of weeks on the same weekday, and an
end on a Saturday, Sunday or public holiday moves to the next working day. Holidays are
Saxony's, where Dresden's authorities and courts sit.

Every choice errs towards the earlier date: a deadline shown too early costs a counsellor a
day, one shown too late costs a client their remedy.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

POSTAL_FICTION_DAYS = 4  # § 37 (2) SGB X, § 41 (2) VwVfG, § 4 (2) VwZG since 1 January 2025
_WEEKEND_NAMES = {5: "Samstag", 6: "Sonntag"}


class Delivery(StrEnum):
    """How the Bescheid reached the client; decides the day it counts as received."""

    POST = "post"  # ordinary letter: the date is the day of posting
    UEBERGABE = "uebergabe"  # handed over in person
    ZUSTELLUNG = "zustellung"  # formal delivery (Zustellungsurkunde): the date is the delivery


class BescheidKind(StrEnum):
    WIDERSPRUCH = "widerspruch"
    ASYL_KLAGE = "asyl_klage"
    ASYL_KLAGE_OU = "asyl_klage_ou"  # asylum claim rejected as "offensichtlich unbegründet"
    TITEL_ABLAUF = "titel_ablauf"
    FIKTION_ABLAUF = "fiktion_ablauf"
    WEITERBEWILLIGUNG = "weiterbewilligung"


@dataclass(frozen=True)
class Deadline:
    """A due date, the day the task list starts reminding, and why, in German for the counsellor."""

    due: date
    remind_from: date
    rule: str

    def __post_init__(self) -> None:
        if self.remind_from > self.due:
            raise ValueError("Die Erinnerung kann nicht nach der Frist beginnen.")


def bekanntgabe(letter_date: date, delivery: Delivery, received_on: date | None = None) -> date:
    """The day the Bescheid counts as made known (Bekanntgabe), from which periods run.

    A posted letter counts as received on the 4th day after posting (§ 37 (2) SGB X as amended
    in 2025), even when that day is a weekend or holiday: the fiction fixes a day, it is not a
    period that § 26 (3) SGB X would extend (BSG, 6 May 2010, B 14 AS 12/09 R). An earlier
    arrival does not move it forward. A letter that demonstrably arrived later (``received_on``)
    counts from that day (§ 37 (2) sentence 3; in doubt the authority must prove receipt).
    Handed over or formally delivered: the day of handing over or delivery.
    """
    _check_received(letter_date, received_on)
    if delivery == Delivery.POST:
        fiction = letter_date + timedelta(days=POSTAL_FICTION_DAYS)
        return fiction if received_on is None else max(fiction, received_on)
    return received_on or letter_date


def month_later(start: date, months: int) -> date:
    """The day ``months`` months after ``start``: a period of months from an event on ``start``.

    Same day number in the target month, or its last day when it is shorter (BGB § 188 (2), (3)):
    31.01. + 1 month → 28.02. (29.02. in a leap year).
    """
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def holiday_name(day: date) -> str | None:
    """The German name of the Saxon public holiday on ``day``, if it is one."""
    return _saxon_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and holiday_name(day) is None


def next_working_day(day: date) -> date:
    """``day`` itself, or the working day after a Saturday, Sunday or Saxon public holiday.

    A period ending on such a day ends on the next working day instead (§ 26 (3) SGB X,
    § 64 (3) SGG, § 222 (2) ZPO).
    """
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def compute_deadline(
    kind: BescheidKind,
    letter_date: date,
    delivery: Delivery,
    received_on: date | None = None,
    expires_on: date | None = None,
) -> Deadline:
    """The deadline a Bescheid sets, with the reasoning the counsellor sees.

    Raises ``ValueError`` with a German sentence for impossible input.
    """
    known = bekanntgabe(letter_date, delivery, received_on)
    period = _PERIODS.get(kind)
    if period is not None:
        return _period_deadline(period, letter_date, delivery, known)
    return _expiry_deadline(_EXPIRIES[kind], known, expires_on)


@dataclass(frozen=True)
class _Period:
    """A remedy that must be lodged within a period counted from the Bekanntgabe."""

    label: str
    length: str
    add: Callable[[date], date]
    remind_days: int


@dataclass(frozen=True)
class _Expiry:
    """Something that ends on a fixed date and must be renewed or applied for before then."""

    label: str
    action: str
    remind_weeks: int


_PERIODS = {
    BescheidKind.WIDERSPRUCH: _Period("Widerspruch", "1 Monat", lambda d: month_later(d, 1), 7),
    BescheidKind.ASYL_KLAGE: _Period(
        "Asylklage (§ 74 Abs. 1 AsylG)", "2 Wochen", lambda d: d + timedelta(weeks=2), 3
    ),
    BescheidKind.ASYL_KLAGE_OU: _Period(
        "Asylklage und Eilantrag bei „offensichtlich unbegründet“ (§§ 36 Abs. 3, 74 Abs. 1 AsylG)",
        "1 Woche",
        lambda d: d + timedelta(weeks=1),
        2,
    ),
}

# An expiry date is not a period's end, so it never moves to a working day: applying before
# the title expires is what keeps the stay lawful (§ 81 (4) AufenthG).
_EXPIRIES = {
    BescheidKind.TITEL_ABLAUF: _Expiry(
        "Aufenthaltstitel", "Verlängerung bei der Ausländerbehörde beantragen", 8
    ),
    BescheidKind.FIKTION_ABLAUF: _Expiry(
        "Fiktionsbescheinigung", "Verlängerung bei der Ausländerbehörde beantragen", 8
    ),
    BescheidKind.WEITERBEWILLIGUNG: _Expiry(
        "Bewilligungszeitraum (Jobcenter)", "Weiterbewilligungsantrag stellen", 6
    ),
}


def _period_deadline(
    period: _Period, letter_date: date, delivery: Delivery, known: date
) -> Deadline:
    end = period.add(known)
    due = next_working_day(end)
    rule = f"{period.label}: {period.length} nach {_event(letter_date, delivery, known)}"
    rule += _shift_note(end, due)
    # Counted back from the period's own end, not from the shifted due date: a reminder that
    # fell into the very weekend or holiday that moved the deadline would warn too late.
    return Deadline(due, _remind_from(end, timedelta(days=period.remind_days), known), rule)


def _expiry_deadline(expiry: _Expiry, known: date, expires_on: date | None) -> Deadline:
    if expires_on is None:
        raise ValueError(f"{expiry.label}: bitte das Ablaufdatum angeben.")
    lead = timedelta(weeks=expiry.remind_weeks)
    rule = (
        f"{expiry.label} endet am {_german(expires_on)}: {expiry.action} "
        f"(Erinnerung {expiry.remind_weeks} Wochen vorher)"
    )
    return Deadline(expires_on, _remind_from(expires_on, lead, known), rule)


def _remind_from(end: date, lead: timedelta, known: date) -> date:
    # Never remind before the Bescheid was known; a Bescheid for a period already over (a late
    # Bewilligung) reminds at once.
    return min(end, max(end - lead, known))


def _event(letter_date: date, delivery: Delivery, known: date) -> str:
    """What the period runs from, e.g. "Bekanntgabe am 05.03.2026 (Aufgabe zur Post … + 4 Tage)"."""
    if delivery == Delivery.UEBERGABE:
        return f"Übergabe am {_german(known)}"
    if delivery == Delivery.ZUSTELLUNG:
        return f"Zustellung am {_german(known)}"
    posting = f"Aufgabe zur Post {_german(letter_date)} + {POSTAL_FICTION_DAYS} Tage"
    if known > letter_date + timedelta(days=POSTAL_FICTION_DAYS):
        return f"Bekanntgabe am {_german(known)} (später zugegangen als {posting})"
    return f"Bekanntgabe am {_german(known)} ({posting})"


def _shift_note(end: date, due: date) -> str:
    if end == due:
        return ""
    skipped = ", ".join(
        f"{_german(day)} {holiday_name(day) or _WEEKEND_NAMES[day.weekday()]}"
        for day in _days(end, due)
    )
    return f", verschoben auf den nächsten Werktag ({skipped})"


def _days(first: date, stop: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((stop - first).days)]


def _check_received(letter_date: date, received_on: date | None) -> None:
    if received_on is not None and received_on < letter_date:
        raise ValueError(
            f"Das Eingangsdatum {_german(received_on)} liegt vor dem Datum des Bescheids "
            f"{_german(letter_date)}."
        )


def _german(day: date) -> str:
    return day.strftime("%d.%m.%Y")


@lru_cache(maxsize=64)
def _saxon_holidays(year: int) -> Mapping[date, str]:
    # Imported here: loading the holiday tables costs ~70 ms that start-up should not pay.
    from holidays.countries.germany import Germany

    return MappingProxyType(dict(Germany(subdiv="SN", years=year, language="de")))
