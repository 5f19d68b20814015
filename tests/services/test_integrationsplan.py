"""The Integrationsplan: goals in the person's own words, priorities, who does what, and the
Auswertungsgespräch about 8 weeks before the Bewilligung ends."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.services import bewilligung, households, integrationsplan, persons
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.services.integrationsplan import AuswertungInput, GoalInput, PlanInput, RatingInput
from fsa_desk.store.models import Auswertungsgespraech, Goal, GoalRating, Integrationsplan
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import open_case

ARABIC = "أريد أن أجد شقة لعائلتي"


def _plan_input(**changes: object) -> PlanInput:
    values: dict[str, object] = dict(
        goals=(
            GoalInput(
                text_client=ARABIC,
                text_professional="Wohnungssicherung, Abbau der Mietschulden",
                priority=2,
                who_does_what="Frau H. bringt die Mahnungen; die Beraterin ruft den Vermieter an.",
                due_on=date(2027, 2, 28),
            ),
            GoalInput(text_client="Ich will wieder schlafen können.", priority=1),
        ),
        agreed_on=date(2026, 11, 10),
        review_on=date(2027, 5, 1),
    )
    values.update(changes)
    return PlanInput(**values)  # type: ignore[arg-type]


def _approve(store: Store, case_id: object, start: date, end: date) -> object:
    return bewilligung.record_bewilligung(
        store,
        BewilligungInput(case_id, "50.2-FL-2026-0007", start, end, Decimal(50)),  # type: ignore[arg-type]
        today=TODAY,
    )


def test_goals_keep_the_persons_own_words_in_any_script_ordered_by_priority(
    store: Store, family: Family
) -> None:
    case = open_case(store, family)
    plan_id = integrationsplan.create_plan(
        store, family.mother.id, _plan_input(), case_id=case.case_id, today=TODAY
    )
    plan = integrationsplan.get_plan(store, plan_id, today=TODAY)
    assert plan.person_name == "Rania Haddad"
    assert [g.priority for g in plan.goals] == [1, 2]
    assert plan.goals[0].text == "Ich will wieder schlafen können."
    assert plan.goals[1].text_client == ARABIC  # verbatim, right-to-left script untouched
    assert plan.goals[1].text_professional == "Wohnungssicherung, Abbau der Mietschulden"
    assert plan.goals[1].due_on == date(2027, 2, 28)
    assert (plan.agreed_on, plan.review_on) == (date(2026, 11, 10), date(2027, 5, 1))
    assert plan.auswertungen == ()  # no Bewilligung yet: nothing to schedule against
    assert plan.suggested_auswertung is None


def test_a_running_bewilligung_schedules_the_auswertung_eight_weeks_before_its_end(
    store: Store, family: Family
) -> None:
    case = open_case(store, family)
    _approve(store, case.case_id, date(2026, 10, 1), date(2027, 9, 30))
    plan_id = integrationsplan.create_plan(
        store, family.mother.id, _plan_input(), case_id=case.case_id, today=TODAY
    )
    plan = integrationsplan.get_plan(store, plan_id, today=TODAY)
    assert plan.suggested_auswertung == date(2027, 8, 5)  # 30.09.2027 − 8 weeks
    assert plan.next_auswertung is not None
    assert plan.next_auswertung.scheduled_on == date(2027, 8, 5)
    # Saving again does not schedule a second one.
    integrationsplan.update_plan(store, plan_id, _plan_input(), today=TODAY)
    assert len(integrationsplan.get_plan(store, plan_id, today=TODAY).auswertungen) == 1


def test_a_new_bewilligung_schedules_every_plan_of_the_case(store: Store, family: Family) -> None:
    case = open_case(store, family)
    mother = integrationsplan.create_plan(
        store, family.mother.id, _plan_input(), case_id=case.case_id, today=TODAY
    )
    child = integrationsplan.create_plan(
        store,
        family.child.id,
        _plan_input(goals=(GoalInput(text_client="Freunde in der Schule"),)),
        case_id=case.case_id,
        today=TODAY,
    )
    result = _approve(store, case.case_id, date(2026, 12, 1), date(2027, 1, 15))
    assert integrationsplan.schedule_for_bewilligung(store, result.id) == 2  # type: ignore[attr-defined]
    assert integrationsplan.schedule_for_bewilligung(store, result.id) == 0  # type: ignore[attr-defined]
    for plan_id in (mother, child):
        plan = integrationsplan.get_plan(store, plan_id, today=TODAY)
        # Shorter than 8 weeks: on the first day of the period.
        assert [a.scheduled_on for a in plan.auswertungen] == [date(2026, 12, 1)]


def test_the_auswertung_records_both_ratings_and_the_clients_differing_view(
    store: Store, family: Family
) -> None:
    case = open_case(store, family)
    _approve(store, case.case_id, date(2026, 1, 1), date(2026, 12, 31))
    plan_id = integrationsplan.create_plan(
        store, family.mother.id, _plan_input(), case_id=case.case_id, today=TODAY
    )
    plan = integrationsplan.get_plan(store, plan_id, today=TODAY)
    sleep, flat = plan.goals
    gespraech = plan.next_auswertung
    assert gespraech is not None and gespraech.scheduled_on == date(2026, 11, 5)
    integrationsplan.record_auswertung(
        store,
        gespraech.id,
        AuswertungInput(
            held_on=date(2026, 11, 12),
            ratings=(
                RatingInput(sleep.id, client_rating=2, counsellor_rating=3),
                RatingInput(flat.id, client_rating=4, counsellor_rating=4, comment="Mietschulden"),
            ),
            what_helped="Die Begleitung zum Vermieter.",
            client_differing_view="Ich schlafe immer noch schlecht, auch wenn es besser aussieht.",
        ),
        today=TODAY,
    )
    held = integrationsplan.get_plan(store, plan_id, today=TODAY).last_held
    assert held is not None and held.held_on == date(2026, 11, 12)
    # Saving the plan again plans no second Gespräch for the same Bewilligung.
    integrationsplan.update_plan(store, plan_id, _plan_input(), today=TODAY)
    assert len(integrationsplan.get_plan(store, plan_id, today=TODAY).auswertungen) == 1
    assert held.what_helped == "Die Begleitung zum Vermieter."
    assert held.client_differing_view is not None and "schlafe" in held.client_differing_view
    assert held.rating_of(sleep.id).differs  # type: ignore[union-attr]
    assert not held.rating_of(flat.id).differs  # type: ignore[union-attr]
    assert integrationsplan.rating_label(4) == "erreicht"
    assert integrationsplan.rating_label(1) == "nicht erreicht"


def test_recording_again_replaces_the_ratings(store: Store, family: Family) -> None:
    case = open_case(store, family)
    plan_id = integrationsplan.create_plan(
        store, family.mother.id, _plan_input(), case_id=case.case_id, today=TODAY
    )
    gespraech_id = integrationsplan.schedule_auswertung(
        store, plan_id, date(2026, 11, 15), today=TODAY
    )
    goal = integrationsplan.get_plan(store, plan_id, today=TODAY).goals[0]
    for rating in (1, 3):
        integrationsplan.record_auswertung(
            store,
            gespraech_id,
            AuswertungInput(date(2026, 11, 15), (RatingInput(goal.id, rating, rating),)),
            today=TODAY,
        )
    held = integrationsplan.get_plan(store, plan_id, today=TODAY).last_held
    assert held is not None
    assert [(r.client_rating, r.counsellor_rating) for r in held.ratings] == [(3, 3)]


def test_editing_goals_changes_them_in_place_and_removes_those_left_out(
    store: Store, family: Family
) -> None:
    plan_id = integrationsplan.create_plan(store, family.mother.id, _plan_input(), today=TODAY)
    first, second = integrationsplan.get_plan(store, plan_id, today=TODAY).goals
    changed = GoalInput(text_client=first.text_client, priority=1, status="erreicht", id=first.id)
    integrationsplan.update_plan(
        store,
        plan_id,
        _plan_input(goals=(changed, GoalInput(text_client="Deutschkurs B1"))),
        today=TODAY,
    )
    goals = integrationsplan.get_plan(store, plan_id, today=TODAY).goals
    assert [(g.id == first.id, g.status) for g in goals] == [(True, "erreicht"), (False, "offen")]
    assert second.id not in {g.id for g in goals}


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (PlanInput(goals=()), "mindestens ein Ziel"),
        (PlanInput(goals=(GoalInput(text_client="  "),)), "Ziel 1"),
        (PlanInput(goals=(GoalInput(text_client="x", priority=12),)), "zwischen 1 und 9"),
        (
            PlanInput(
                goals=(GoalInput(text_client="x"),),
                agreed_on=date(2026, 11, 1),
                review_on=date(2026, 10, 1),
            ),
            "Überprüfung",
        ),
        (PlanInput(goals=(GoalInput(text_client="x"),), agreed_on=date(2027, 1, 1)), "Zukunft"),
    ],
)
def test_bad_plans_get_one_german_message_and_nothing_is_written(
    store: Store, family: Family, data: PlanInput, says: str
) -> None:
    with pytest.raises(ValidationError, match=says):
        integrationsplan.create_plan(store, family.mother.id, data, today=TODAY)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Integrationsplan)) == 0
        assert session.scalar(select(func.count()).select_from(Goal)) == 0


def test_a_person_of_another_household_cannot_join_the_case(store: Store, family: Family) -> None:
    case = open_case(store, family)
    other = households.create_household(store, households.NewHousehold("B1-2026-099"), today=TODAY)
    stranger = persons.create_person(
        store, persons.PersonData("Meyer", "Lena"), other.id, "haushaltsvorstand", today=TODAY
    )
    with pytest.raises(InputRejected, match="gehört nicht zum Haushalt"):
        integrationsplan.create_plan(
            store, stranger.id, _plan_input(), case_id=case.case_id, today=TODAY
        )


def test_bad_ratings_are_refused_and_nothing_is_written(store: Store, family: Family) -> None:
    plan_id = integrationsplan.create_plan(store, family.mother.id, _plan_input(), today=TODAY)
    gespraech_id = integrationsplan.schedule_auswertung(
        store, plan_id, date(2026, 11, 15), today=TODAY
    )
    goal = integrationsplan.get_plan(store, plan_id, today=TODAY).goals[0]
    other_plan = integrationsplan.create_plan(store, family.child.id, _plan_input(), today=TODAY)
    foreign = integrationsplan.get_plan(store, other_plan, today=TODAY).goals[0]
    for ratings, says in (
        ((RatingInput(goal.id, 5, 2),), "zwischen 1"),
        ((RatingInput(foreign.id, 2, 2),), "gehört nicht zu diesem Integrationsplan"),
        ((RatingInput(goal.id, 2, 2), RatingInput(goal.id, 3, 3)), "zweimal"),
    ):
        with pytest.raises(ValidationError, match=says):
            integrationsplan.record_auswertung(
                store, gespraech_id, AuswertungInput(date(2026, 11, 15), ratings), today=TODAY
            )
    with pytest.raises(ValidationError, match="Zukunft"):
        integrationsplan.record_auswertung(
            store, gespraech_id, AuswertungInput(date(2026, 12, 1), ()), today=TODAY
        )
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(GoalRating)) == 0
        row = session.get(Auswertungsgespraech, gespraech_id)
        assert row is not None and row.held_on is None
