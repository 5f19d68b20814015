"""Which service module (Leistungsbaustein) a household is in on a given day, DESIGN.md §3.

``willkommen`` for the first 12 months after the municipal allocation, ``fachleistung`` while a
Bewilligung runs, ``integrationsbuero`` otherwise. Whether a Bewilligung outranks the
Willkommensjahr is a question of the provider's contract, hence ``ModulePolicy``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from fsa_desk.domain.deadlines import month_later

_ONE_DAY = timedelta(days=1)


class Module(StrEnum):
    WILLKOMMEN = "willkommen"
    INTEGRATIONSBUERO = "integrationsbuero"
    FACHLEISTUNG = "fachleistung"


@dataclass(frozen=True)
class ApprovalPeriod:
    """The days a Bewilligung covers, first and last day included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"Der Bewilligungszeitraum endet ({self.end:%d.%m.%Y}) vor seinem Beginn "
                f"({self.start:%d.%m.%Y})."
            )

    def covers(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class ModulePolicy:
    """Contract settings. By default a running Bewilligung outranks the Willkommensjahr."""

    fachleistung_in_willkommensjahr: bool = True


DEFAULT_POLICY = ModulePolicy()


def willkommen_last_day(allocation: date) -> date:
    """The last day of the Willkommensjahr that starts on the day of ``allocation``.

    A year counted from the start of a day ends with the day before the same calendar day a year
    later (BGB §§ 187 (2), 188 (2)); when that day does not exist — allocation on 29 February —
    it ends with the month's last day, 28 February (§ 188 (3)).
    """
    anniversary = month_later(allocation, 12)
    if anniversary.day != allocation.day:  # 29 February had no counterpart
        return anniversary
    return anniversary - _ONE_DAY


def derive_module(
    day: date,
    allocation: date | None,
    approvals: Sequence[ApprovalPeriod],
    policy: ModulePolicy = DEFAULT_POLICY,
) -> Module:
    """The module on ``day``: running Bewilligung > Willkommensjahr > Integrationsbüro.

    With ``fachleistung_in_willkommensjahr`` off, the Willkommensjahr outranks a Bewilligung.
    Without an allocation date there is no Willkommensjahr.
    """
    welcome = allocation is not None and allocation <= day <= willkommen_last_day(allocation)
    approved = any(period.covers(day) for period in approvals)
    if approved and (policy.fachleistung_in_willkommensjahr or not welcome):
        return Module.FACHLEISTUNG
    if welcome:
        return Module.WILLKOMMEN
    return Module.INTEGRATIONSBUERO


def module_episodes(
    allocation: date | None,
    approvals: Sequence[ApprovalPeriod],
    start: date,
    end: date,
    policy: ModulePolicy = DEFAULT_POLICY,
) -> list[tuple[Module, date, date]]:
    """The household's module history from ``start`` to ``end``: (module, first, last day).

    Episodes are contiguous, cover every day of the range and agree with ``derive_module`` on
    each day; two neighbours never share a module.
    """
    if end < start:
        raise ValueError(
            f"Der Zeitraum endet ({end:%d.%m.%Y}) vor seinem Beginn ({start:%d.%m.%Y})."
        )
    episodes: list[tuple[Module, date, date]] = []
    for first, last in _constant_stretches(allocation, approvals, start, end):
        module = derive_module(first, allocation, approvals, policy)
        if episodes and episodes[-1][0] == module:
            episodes[-1] = (module, episodes[-1][1], last)
        else:
            episodes.append((module, first, last))
    return episodes


def _constant_stretches(
    allocation: date | None, approvals: Sequence[ApprovalPeriod], start: date, end: date
) -> list[tuple[date, date]]:
    """Split ``start``…``end`` where any input changes, so the module is constant in each piece."""
    changes = {start, end + _ONE_DAY}
    if allocation is not None:
        changes |= {allocation, willkommen_last_day(allocation) + _ONE_DAY}
    for period in approvals:
        changes |= {period.start, period.end + _ONE_DAY}
    cuts = sorted(day for day in changes if start <= day <= end + _ONE_DAY)
    return [(first, following - _ONE_DAY) for first, following in pairwise(cuts)]
