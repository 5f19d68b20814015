"""The Integrationsplan of one person and its Auswertungsgespräche (DESIGN.md §3).

A plan holds the person's goals in their own words (any script, stored as said) beside the
professional's wording, the person's priorities, who does what by when, the day it was agreed
and the review date. The **Auswertungsgespräch** reviews the goals with the client: per goal the
client's and the counsellor's rating (1 not reached … 4 reached), what helped, and the client's
differing view. It is scheduled about 8 weeks before the case's Bewilligung ends — automatically
when a plan of a case with a running Bewilligung is saved, and for every plan of the case when a
new Bewilligung is recorded (``schedule_for_bewilligung``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fsa_desk.domain.validation import Checks
from fsa_desk.errors import InputRejected
from fsa_desk.i18n import _
from fsa_desk.services.fachleistung_case import load_case
from fsa_desk.services.integrationsplan_view import (
    AuswertungView,
    GoalView,
    PlanView,
    RatingView,
    case_plans,
    case_plans_of,
    current_bewilligung,
    due_for,
    get_plan,
    goal_status_label,
    goals_of,
    load_plan,
    plan_view,
    rating_label,
    ratings_of,
)
from fsa_desk.services.records import live
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import (
    Auswertungsgespraech,
    Bewilligung,
    Goal,
    GoalRating,
    Integrationsplan,
    Membership,
    Person,
)
from fsa_desk.store.store import Store

__all__ = [
    "GOAL_STATUSES",
    "PRIORITIES",
    "RATINGS",
    "AuswertungInput",
    "AuswertungView",
    "GoalInput",
    "GoalView",
    "PlanInput",
    "PlanView",
    "RatingInput",
    "RatingView",
    "case_plans",
    "case_plans_of",
    "create_plan",
    "due_for",
    "get_plan",
    "goal_status_label",
    "plan_view",
    "rating_label",
    "record_auswertung",
    "schedule_auswertung",
    "schedule_for_bewilligung",
    "update_plan",
]

GOAL_STATUSES = ("offen", "erreicht", "teilweise_erreicht", "nicht_erreicht", "entfallen")
RATINGS = (1, 2, 3, 4)  # 1 not reached … 4 reached
PRIORITIES = range(1, 10)  # 1 matters most to the person


# --- input --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalInput:
    """One goal; ``id`` names a stored goal to change (None: a new goal)."""

    text_client: str | None = None  # the person's own words, any script
    text_professional: str | None = None
    priority: int | None = None
    who_does_what: str | None = None
    due_on: date | None = None
    status: str = "offen"
    id: uuid.UUID | None = None


@dataclass(frozen=True)
class PlanInput:
    goals: tuple[GoalInput, ...]
    agreed_on: date | None = None
    review_on: date | None = None


@dataclass(frozen=True)
class RatingInput:
    goal_id: uuid.UUID
    client_rating: int | None = None
    counsellor_rating: int | None = None
    comment: str | None = None


@dataclass(frozen=True)
class AuswertungInput:
    held_on: date
    ratings: tuple[RatingInput, ...]
    what_helped: str | None = None
    client_differing_view: str | None = None  # the client's view where it differs, verbatim


def _check_plan(data: PlanInput, checks: Checks) -> Checks:
    checks.past_date("agreed_on", _("Agreed on"), data.agreed_on)
    checks.plausible_date("review_on", _("Review on"), data.review_on)
    if data.agreed_on and data.review_on and data.review_on < data.agreed_on:
        checks.add("review_on", _("The review cannot lie before the day the plan was agreed."))
    if not data.goals:
        checks.add("goals", _("An Integrationsplan needs at least one goal."))
    for number, goal in enumerate(data.goals, start=1):
        _check_goal(number, goal, checks)
    return checks


def _check_goal(number: int, goal: GoalInput, checks: Checks) -> None:
    label = _("Goal {number}").format(number=number)
    if not _clean(goal.text_client) and not _clean(goal.text_professional):
        checks.add(
            "goals",
            _("{label}: write the goal in the person's words or in professional terms.").format(
                label=label
            ),
        )
    if goal.priority is not None and goal.priority not in PRIORITIES:
        checks.add(
            "goals", _("{label}: the priority must lie between 1 and 9.").format(label=label)
        )
    if goal.status not in GOAL_STATUSES:
        checks.add(
            "goals",
            _("{label}: unknown status '{status}'.").format(label=label, status=goal.status),
        )
    checks.plausible_date("goals", label, goal.due_on)


def _clean(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


# --- writing the plan ---------------------------------------------------------------------------


def create_plan(
    store: Store,
    person_id: uuid.UUID,
    data: PlanInput,
    *,
    case_id: uuid.UUID | None = None,
    today: date | None = None,
) -> uuid.UUID:
    """A new plan for the person; in a case with a running Bewilligung the Auswertungsgespräch
    is scheduled at once."""
    today = today or date.today()
    _check_plan(data, Checks(today)).raise_if_any()
    with store.transaction() as session:
        live(session, Person, person_id, _("The person does not exist (any more)."))
        if case_id is not None:
            _check_member(session, case_id, person_id)
        plan = Integrationsplan(person_id=person_id, case_id=case_id)
        session.add(plan)
        _write(session, plan, data)
        _ensure_scheduled(session, plan, today)
        return plan.id


def update_plan(
    store: Store, plan_id: uuid.UUID, data: PlanInput, *, today: date | None = None
) -> None:
    """Replace the plan's dates and goals; goals left out are removed (their ratings stay)."""
    today = today or date.today()
    _check_plan(data, Checks(today)).raise_if_any()
    with store.transaction() as session:
        plan = load_plan(session, plan_id)
        _write(session, plan, data)
        _ensure_scheduled(session, plan, today)


def _check_member(session: Session, case_id: uuid.UUID, person_id: uuid.UUID) -> None:
    case = load_case(session, case_id)
    member = session.scalars(
        select(Membership.id).where(
            Membership.household_id == case.household_id,
            Membership.person_id == person_id,
            Membership.deleted_hlc.is_(None),
        )
    ).first()
    if member is None:
        raise InputRejected(_("The person does not belong to the household of this case."))


def _write(session: Session, plan: Integrationsplan, data: PlanInput) -> None:
    plan.agreed_on, plan.review_on = data.agreed_on, data.review_on
    session.flush()
    stored = {goal.id: goal for goal in goals_of(session, plan.id)}
    unknown = [g.id for g in data.goals if g.id is not None and g.id not in stored]
    if unknown:
        raise InputRejected(_("A goal of this plan was removed meanwhile; reload the plan."))
    kept = {g.id for g in data.goals if g.id is not None}
    for goal_id, goal in stored.items():
        if goal_id not in kept:
            tombstone(goal)
    for given in data.goals:
        goal = stored[given.id] if given.id is not None else Goal(plan_id=plan.id)
        goal.text_client = _clean(given.text_client)
        goal.text_professional = _clean(given.text_professional)
        goal.priority, goal.status = given.priority, given.status
        goal.who_does_what, goal.due_on = _clean(given.who_does_what), given.due_on
        if given.id is None:
            session.add(goal)


# --- scheduling the Auswertungsgespräch --------------------------------------------------------


def _ensure_scheduled(session: Session, plan: Integrationsplan, today: date) -> None:
    if plan.case_id is None:
        return
    approval = current_bewilligung(session, plan.case_id, today)
    if approval is not None:
        _schedule_once(session, plan, approval)


def _schedule_once(session: Session, plan: Integrationsplan, approval: Bewilligung) -> bool:
    """Schedule a Gespräch for ``approval`` unless one is planned or was held in its period."""
    in_period = or_(
        Auswertungsgespraech.scheduled_on.between(approval.period_from, approval.period_to),
        Auswertungsgespraech.held_on.between(approval.period_from, approval.period_to),
    )
    found = session.scalars(
        select(Auswertungsgespraech.id).where(
            Auswertungsgespraech.plan_id == plan.id,
            Auswertungsgespraech.deleted_hlc.is_(None),
            in_period,
        )
    ).first()
    if found is not None:
        return False
    session.add(Auswertungsgespraech(plan_id=plan.id, scheduled_on=due_for(approval)))
    return True


def schedule_for_bewilligung(store: Store, bewilligung_id: uuid.UUID) -> int:
    """Schedule the Auswertungsgespräch of every plan of the Bewilligung's case; how many new."""
    with store.transaction() as session:
        approval = live(
            session, Bewilligung, bewilligung_id, _("The Bewilligung does not exist (any more).")
        )
        plans = session.scalars(
            select(Integrationsplan).where(
                Integrationsplan.case_id == approval.case_id,
                Integrationsplan.deleted_hlc.is_(None),
            )
        ).all()
        return sum(_schedule_once(session, plan, approval) for plan in plans)


def schedule_auswertung(
    store: Store, plan_id: uuid.UUID, scheduled_on: date, *, today: date | None = None
) -> uuid.UUID:
    """Schedule a (further) Auswertungsgespräch on a day the counsellor chose."""
    checks = Checks(today or date.today())
    checks.plausible_date("scheduled_on", _("Scheduled on"), scheduled_on)
    checks.raise_if_any()
    with store.transaction() as session:
        plan = load_plan(session, plan_id)
        row = Auswertungsgespraech(plan_id=plan.id, scheduled_on=scheduled_on)
        session.add(row)
        return row.id


# --- holding the Auswertungsgespräch -----------------------------------------------------------


def record_auswertung(
    store: Store, gespraech_id: uuid.UUID, data: AuswertungInput, *, today: date | None = None
) -> None:
    """The Gespräch was held: the ratings per goal replace any recorded before."""
    checks = Checks(today or date.today())
    checks.past_date("held_on", _("Held on"), data.held_on)
    _check_ratings(data.ratings, checks)
    with store.transaction() as session:
        row = live(
            session,
            Auswertungsgespraech,
            gespraech_id,
            _("The Auswertungsgespräch does not exist (any more)."),
        )
        goals = {goal.id for goal in goals_of(session, row.plan_id)}
        if any(r.goal_id not in goals for r in data.ratings):
            checks.add("ratings", _("A rated goal does not belong to this Integrationsplan."))
        checks.raise_if_any()
        row.held_on = data.held_on
        row.what_helped = _clean(data.what_helped)
        row.client_differing_view = _clean(data.client_differing_view)
        for old in ratings_of(session, row.id):
            tombstone(old)
        for rating in data.ratings:
            session.add(
                GoalRating(
                    gespraech_id=row.id,
                    goal_id=rating.goal_id,
                    client_rating=rating.client_rating,
                    counsellor_rating=rating.counsellor_rating,
                    comment=_clean(rating.comment),
                )
            )


def _check_ratings(ratings: Sequence[RatingInput], checks: Checks) -> None:
    for rating in ratings:
        for value in (rating.client_rating, rating.counsellor_rating):
            if value is not None and value not in RATINGS:
                checks.add("ratings", _("A rating lies between 1 (not reached) and 4 (reached)."))
    if len({r.goal_id for r in ratings}) != len(ratings):
        checks.add("ratings", _("A goal is rated twice."))
