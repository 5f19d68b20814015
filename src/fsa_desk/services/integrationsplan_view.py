"""Reading Integrationspläne: the plan of a person with its goals (by priority) and its
Auswertungsgespräche with both ratings per goal, and the words for ratings and goal statuses.
``services.integrationsplan`` writes them and re-exports what is read here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.domain import budget as rules_of_budget
from fsa_desk.i18n import _
from fsa_desk.services.records import live
from fsa_desk.store.models import (
    Auswertungsgespraech,
    Bewilligung,
    Goal,
    GoalRating,
    Integrationsplan,
    Person,
)
from fsa_desk.store.store import Store

if TYPE_CHECKING:
    from fsa_desk.services.integrationsplan import GoalInput


def rating_label(rating: int | None) -> str:
    """A rating in words, as the client hears it."""
    labels = {
        1: _("not reached"),
        2: _("slightly reached"),
        3: _("largely reached"),
        4: _("reached"),
    }
    return labels.get(rating, "—") if rating is not None else "—"


def goal_status_label(status: str) -> str:
    labels = {
        "offen": _("open"),
        "erreicht": _("reached"),
        "teilweise_erreicht": _("partly reached"),
        "nicht_erreicht": _("not reached"),
        "entfallen": _("dropped"),
    }
    return labels.get(status, status)


# --- queries the writes share ----------------------------------------------------------------


def load_plan(session: Session, plan_id: uuid.UUID) -> Integrationsplan:
    return live(
        session, Integrationsplan, plan_id, _("The Integrationsplan does not exist (any more).")
    )


def goals_of(session: Session, plan_id: uuid.UUID) -> Sequence[Goal]:
    return session.scalars(
        select(Goal).where(Goal.plan_id == plan_id, Goal.deleted_hlc.is_(None))
    ).all()


def ratings_of(session: Session, gespraech_id: uuid.UUID) -> Sequence[GoalRating]:
    return session.scalars(
        select(GoalRating).where(
            GoalRating.gespraech_id == gespraech_id, GoalRating.deleted_hlc.is_(None)
        )
    ).all()


def current_bewilligung(session: Session, case_id: uuid.UUID, today: date) -> Bewilligung | None:
    """The case's Bewilligung that runs today or begins later (the latest one)."""
    return session.scalars(
        select(Bewilligung)
        .where(
            Bewilligung.case_id == case_id,
            Bewilligung.deleted_hlc.is_(None),
            Bewilligung.status == "laufend",
            Bewilligung.period_to >= today,
        )
        .order_by(Bewilligung.period_from.desc())
    ).first()


def due_for(approval: Bewilligung) -> date:
    """About 8 weeks before the end; in a shorter period its first day."""
    return max(rules_of_budget.auswertung_due(approval.period_to), approval.period_from)


# --- reading ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoalView:
    id: uuid.UUID
    text_client: str | None
    text_professional: str | None
    priority: int | None
    who_does_what: str | None
    due_on: date | None
    status: str

    @property
    def text(self) -> str:
        """The goal as the client said it, else as the professional wrote it."""
        return self.text_client or self.text_professional or ""

    def as_input(self) -> GoalInput:
        from fsa_desk.services.integrationsplan import GoalInput

        return GoalInput(
            self.text_client,
            self.text_professional,
            self.priority,
            self.who_does_what,
            self.due_on,
            self.status,
            self.id,
        )


@dataclass(frozen=True)
class RatingView:
    goal_id: uuid.UUID
    client_rating: int | None
    counsellor_rating: int | None
    comment: str | None

    @property
    def differs(self) -> bool:
        """Client and counsellor see the goal differently: worth saying in the Fallbericht."""
        both = self.client_rating is not None and self.counsellor_rating is not None
        return both and self.client_rating != self.counsellor_rating


@dataclass(frozen=True)
class AuswertungView:
    id: uuid.UUID
    scheduled_on: date | None
    held_on: date | None
    what_helped: str | None
    client_differing_view: str | None
    ratings: tuple[RatingView, ...]

    def rating_of(self, goal_id: uuid.UUID) -> RatingView | None:
        return next((r for r in self.ratings if r.goal_id == goal_id), None)


@dataclass(frozen=True)
class PlanView:
    id: uuid.UUID
    person_id: uuid.UUID
    person_name: str
    case_id: uuid.UUID | None
    agreed_on: date | None
    review_on: date | None
    goals: tuple[GoalView, ...]  # by priority, then as entered
    auswertungen: tuple[AuswertungView, ...]  # by date
    suggested_auswertung: date | None  # 8 weeks before the running Bewilligung ends

    @property
    def next_auswertung(self) -> AuswertungView | None:
        return next((a for a in self.auswertungen if a.held_on is None), None)

    @property
    def last_held(self) -> AuswertungView | None:
        held = [a for a in self.auswertungen if a.held_on is not None]
        return held[-1] if held else None


def get_plan(store: Store, plan_id: uuid.UUID, *, today: date | None = None) -> PlanView:
    with store.read() as session:
        return plan_view(session, load_plan(session, plan_id), today or date.today())


def case_plans(store: Store, case_id: uuid.UUID, *, today: date | None = None) -> list[PlanView]:
    """The plans of the case's persons, oldest first."""
    with store.read() as session:
        return case_plans_of(session, case_id, today or date.today())


def case_plans_of(session: Session, case_id: uuid.UUID, today: date) -> list[PlanView]:
    rows = session.scalars(
        select(Integrationsplan)
        .where(Integrationsplan.case_id == case_id, Integrationsplan.deleted_hlc.is_(None))
        .order_by(Integrationsplan.created_hlc)
    ).all()
    return [plan_view(session, row, today) for row in rows]


def plan_view(session: Session, plan: Integrationsplan, today: date) -> PlanView:
    person = session.get(Person, plan.person_id)
    goals = sorted(
        goals_of(session, plan.id),
        key=lambda g: (g.priority if g.priority is not None else 99, g.created_hlc),
    )
    approval = current_bewilligung(session, plan.case_id, today) if plan.case_id else None
    return PlanView(
        id=plan.id,
        person_id=plan.person_id,
        person_name=f"{person.given_name} {person.family_name}".strip() if person else "",
        case_id=plan.case_id,
        agreed_on=plan.agreed_on,
        review_on=plan.review_on,
        goals=tuple(
            GoalView(
                g.id,
                g.text_client,
                g.text_professional,
                g.priority,
                g.who_does_what,
                g.due_on,
                g.status,
            )
            for g in goals
        ),
        auswertungen=tuple(_auswertungen(session, plan.id)),
        suggested_auswertung=due_for(approval) if approval is not None else None,
    )


def _auswertungen(session: Session, plan_id: uuid.UUID) -> list[AuswertungView]:
    rows = session.scalars(
        select(Auswertungsgespraech).where(
            Auswertungsgespraech.plan_id == plan_id, Auswertungsgespraech.deleted_hlc.is_(None)
        )
    ).all()
    rows = sorted(rows, key=lambda r: (r.held_on or r.scheduled_on or date.max, r.created_hlc))
    return [
        AuswertungView(
            row.id,
            row.scheduled_on,
            row.held_on,
            row.what_helped,
            row.client_differing_view,
            tuple(
                RatingView(r.goal_id, r.client_rating, r.counsellor_rating, r.comment)
                for r in ratings_of(session, row.id)
            ),
        )
        for row in rows
    ]
