"""Demo Integrationspläne: goals in the client's words (some in the client's own script) beside
the professional's, who does what by when, and per Bewilligung the Auswertungsgespräch about 8
weeks before its end — held with both ratings once its day has passed.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from fsa_desk.domain.budget import auswertung_due
from fsa_desk.domain.modules import ApprovalPeriod
from fsa_desk.services.demo_base import DemoRows, days, weighted
from fsa_desk.store.models import Auswertungsgespraech, Goal, GoalRating, Integrationsplan

# (the client's words, the professional's, who does what)
GOALS = (
    (
        "Ich möchte in meiner Wohnung bleiben.",
        "Sicherung der Wohnung, Abbau der Mietschulden",
        "Klient:in bringt alle Briefe des Vermieters mit; Beraterin verhandelt eine Ratenzahlung.",
    ),
    (
        "Ich will wieder gesund werden.",
        "Anbindung an fachärztliche Behandlung",
        "Beraterin sucht mit Klient:in eine Fachärztin; Klient:in nimmt die Termine wahr.",
    ),
    (
        "Ich will die Briefe selbst verstehen.",
        "Selbständige Kommunikation mit Jobcenter und Ämtern",
        "Klient:in sortiert die Post vor; gemeinsame Durchsicht alle zwei Wochen.",
    ),
    (
        "Meine Kinder sollen zur Ruhe kommen.",
        "Stabilisierung der Familie, Anbindung an Kita und Schule",
        "Beraterin stellt den Kontakt zur Erziehungsberatung her; Eltern melden die Kinder an.",
    ),
    (
        "Ich möchte keine Schulden mehr haben.",
        "Regulierung der Schulden, Anbindung an die Schuldnerberatung",
        "Klient:in sammelt die Forderungen; Beraterin vermittelt zur Schuldnerberatung.",
    ),
)
# "I want to stay in my flat" in the client's own script, for the first goal.
OWN_SCRIPT = {
    "ar": "أريد أن أبقى في شقتي.",
    "ru": "Я хочу остаться в своей квартире.",
    "uk": "Я хочу залишитися у своїй квартирі.",
    "fa": "می‌خواهم در خانه‌ام بمانم.",
    "prs": "می‌خواهم در خانه‌ام بمانم.",
}
WHAT_HELPED = (
    "Die Begleitung zu den Terminen beim Amt.",
    "Dass wir die Briefe gemeinsam durchgegangen sind.",
    "Die Sprachmittlerin bei den schwierigen Gesprächen.",
)
DIFFERING = (
    "Ich finde, es geht schon viel besser, als die Beraterin sagt.",
    "Für mich ist das noch nicht geschafft. Ich habe immer noch Angst vor den Briefen.",
    "Die Wohnung ist sicher, aber ich schlafe schlecht.",
)
_RATINGS = ((1, 1), (2, 3), (3, 4), (4, 2))  # counsellor's rating and its weight


@dataclass(frozen=True)
class PlanFacts:
    """What the plan needs to know about its case."""

    case_id: uuid.UUID
    person_id: uuid.UUID
    language: str
    periods: Sequence[ApprovalPeriod]
    closed: bool  # the case is closed: goals get their final status
    today: date


def write_integrationsplan(rows: DemoRows, rng: random.Random, facts: PlanFacts) -> None:
    """A plan agreed in the first weeks of the first Bewilligung, reviewed once per Bewilligung."""
    first = facts.periods[0]
    agreed = first.start + days(rng.randint(7, 30))
    if agreed > facts.today:
        return
    plan_id = rows.add(
        Integrationsplan,
        person_id=facts.person_id,
        case_id=facts.case_id,
        agreed_on=agreed,
        review_on=_due(first),
    )
    chosen = rng.sample(range(len(GOALS)), k=rng.choice((2, 2, 3)))
    goal_ids = [rows.new_id() for _index in chosen]
    latest: dict[uuid.UUID, int] = {}
    for period in facts.periods:
        latest |= _gespraech(rows, rng, plan_id, goal_ids, period, facts.today)
    for priority, (goal_id, index) in enumerate(zip(goal_ids, chosen, strict=True), start=1):
        client, professional, who = GOALS[index]
        if index == 0 and facts.language in OWN_SCRIPT and rng.random() < 0.6:
            client = OWN_SCRIPT[facts.language]  # said in the client's own language
        rows.add(
            Goal,
            id=goal_id,
            plan_id=plan_id,
            text_client=client if rng.random() < 0.85 else None,
            text_professional=professional,
            priority=priority,
            who_does_what=who,
            due_on=agreed + days(rng.randint(60, 240)),
            status=_status(latest.get(goal_id), facts.closed),
        )


def _due(period: ApprovalPeriod) -> date:
    return max(auswertung_due(period.end), period.start)


def _gespraech(
    rows: DemoRows,
    rng: random.Random,
    plan_id: uuid.UUID,
    goal_ids: list[uuid.UUID],
    period: ApprovalPeriod,
    today: date,
) -> dict[uuid.UUID, int]:
    """The Gespräch of one Bewilligung; the counsellor's ratings if it was held."""
    scheduled = _due(period)
    held = scheduled + days(rng.randint(0, 12))
    if held > today:
        rows.add(Auswertungsgespraech, plan_id=plan_id, scheduled_on=scheduled)
        return {}
    gespraech_id = rows.add(
        Auswertungsgespraech,
        plan_id=plan_id,
        scheduled_on=scheduled,
        held_on=held,
        what_helped=WHAT_HELPED[rng.randrange(len(WHAT_HELPED))],
        client_differing_view=DIFFERING[rng.randrange(len(DIFFERING))]
        if rng.random() < 0.4
        else None,
    )
    ratings = {}
    for goal_id in goal_ids:
        counsellor = weighted(rng, _RATINGS)
        client = max(1, min(4, counsellor + rng.choice((-1, 0, 0, 0, 1))))
        rows.add(
            GoalRating,
            gespraech_id=gespraech_id,
            goal_id=goal_id,
            client_rating=client,
            counsellor_rating=counsellor,
            comment=None,
        )
        ratings[goal_id] = counsellor
    return ratings


def _status(rating: int | None, closed: bool) -> str:
    if rating == 4:
        return "erreicht"
    if rating == 3 or (rating == 2 and closed):
        return "teilweise_erreicht"
    if rating == 1 and closed:
        return "nicht_erreicht"
    return "offen"
