"""Fachleistung cases every demo shows, whatever the dice say: a draft, a form sent and one the
Sozialamt queried, one withdrawn, a refusal, a partial approval, a budget running low, an
extension granted on a Fallbericht, one being prepared, and a closed case.

The first households that fit a scenario's dates get it (in the order they are generated, so
the same seed gives the same demo); the rest follow the random course of ``demo_fachleistung``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from weakref import WeakKeyDictionary

from fsa_desk.services.demo_base import DemoRows, days, random_day

STILL_COUNSELLED = days(45)  # a case "now" needs a household in counselling until lately


@dataclass(frozen=True)
class Scenario:
    name: str
    outcome: str  # of the first request: entwurf, angezeigt, rueckfrage, zurueckgezogen,
    # abgelehnt, teilweise_bewilligt or bewilligt
    ago: tuple[int, int] | None  # drafted this many days before today; None: any past day
    months: int | None = None  # the approval's length
    usage: float | None = None  # share of the budget the course uses
    renewal: str | None = None  # the Verlängerung's outcome; None: no Verlängerung

    @property
    def now(self) -> bool:
        """Its dates are fixed relative to today: the household must still be counselled."""
        return self.ago is not None


# A decision comes at most ~70 days after drafting; an approval adds its months.
SCENARIOS = (
    Scenario("entwurf", "entwurf", (5, 12)),
    Scenario("angezeigt", "angezeigt", (25, 35)),
    Scenario("rueckfrage", "rueckfrage", (45, 60)),
    Scenario("zurueckgezogen", "zurueckgezogen", None),
    Scenario("abgelehnt", "abgelehnt", None),
    Scenario("teilweise", "teilweise_bewilligt", (150, 200), months=12),
    Scenario("knapp", "bewilligt", (235, 250), months=10, usage=1.15),
    Scenario("verlaengert", "bewilligt", (255, 265), months=6, renewal="bewilligt"),
    Scenario("verlaengerung_beantragt", "bewilligt", (232, 238), months=8, renewal="entwurf"),
    Scenario("abgeschlossen", "bewilligt", (330, 420), months=6),
)
_LAST_DRAFT = {"zurueckgezogen": 20, "abgelehnt": 75}  # any past day, but decided by today
_shown: WeakKeyDictionary[DemoRows, set[str]] = WeakKeyDictionary()


def forced_scenario(
    rows: DemoRows, rng: random.Random, today: date, earliest: date, course_end: date
) -> tuple[Scenario, date] | None:
    """The first scenario this demo has not shown yet that fits the household, with the day
    its first Bedarfsanzeige is drafted."""
    shown = _shown.setdefault(rows, set())
    for scenario in SCENARIOS:
        if scenario.name in shown:
            continue
        drafted = _drafted(scenario, rng, today, earliest, course_end)
        if drafted is not None:
            shown.add(scenario.name)
            return scenario, drafted
    return None


def _drafted(
    scenario: Scenario, rng: random.Random, today: date, earliest: date, course_end: date
) -> date | None:
    if scenario.ago is None:
        last = today - days(_LAST_DRAFT.get(scenario.name, 75))
        return random_day(rng, earliest, last) if earliest <= last else None
    if course_end < today - STILL_COUNSELLED:
        return None
    drafted = today - days(rng.randint(*scenario.ago))
    return drafted if drafted >= earliest else None
