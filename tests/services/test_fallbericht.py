"""The Fallbericht: drafted from the documented period, edited, finished and sent; soft length
hints; a sent report is read-only; a revoked consent stops it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.errors import InputRejected
from fsa_desk.services import (
    bedarfsanzeige,
    bewilligung,
    consultations,
    fachleistung,
    fallbericht,
    integrationsplan,
)
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.integrationsplan import AuswertungInput, GoalInput, PlanInput, RatingInput
from fsa_desk.store.models import Fallbericht
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import Case, draft, open_case

CLIENT_WORDS = "Die Wohnung ist sicher. Aber die Briefe machen mir immer noch Angst."


@dataclass(frozen=True)
class Approved:
    case: Case
    anzeige_id: uuid.UUID
    bewilligung_id: uuid.UUID


def approved_case(store: Store, family: Family) -> Approved:
    """Approved for 2026 with hours per area; contacts in three areas; a plan reviewed."""
    case = open_case(store, family, opened_on=date(2025, 11, 1))
    anzeige_id = draft(store, case, period_from=date(2026, 1, 1), period_to=date(2026, 12, 31))
    bedarfsanzeige.sign(store, anzeige_id, date(2025, 11, 20), date(2025, 11, 20), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2025, 11, 21), today=TODAY)
    result = bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id,
            "50.2-FL-2025-0042",
            date(2026, 1, 1),
            date(2026, 12, 31),
            Decimal(40),
            date(2025, 12, 15),
            bedarfsanzeige_id=anzeige_id,
            hours_by_life_area={"wohnen": Decimal(25), "gesundheit": Decimal(15)},
        ),
        today=TODAY,
    )
    for day, minutes, contact_type, area in (
        (date(2026, 2, 3), 90, "buero", "wohnen"),
        (date(2026, 3, 10), 120, "begleitung", "wohnen"),
        (date(2026, 5, 5), 60, "hausbesuch", "gesundheit"),
        (date(2026, 6, 9), 30, "indirekt", "existenzsicherung"),
    ):
        consultations.record_consultation(
            store,
            ConsultationInput(family.household.id, day, minutes, contact_type, life_areas=(area,)),
            today=TODAY,
        )
    consultations.record_consultation(
        store,
        ConsultationInput(
            family.household.id,
            date(2026, 7, 1),
            60,
            "buero",
            outcome="nicht_erschienen",
            life_areas=("wohnen",),
        ),
        today=TODAY,
    )
    plan_id = integrationsplan.create_plan(
        store,
        family.mother.id,
        PlanInput(
            goals=(
                GoalInput(
                    text_client="Ich will in meiner Wohnung bleiben.",
                    text_professional="Wohnungssicherung",
                    priority=1,
                ),
            ),
            agreed_on=date(2026, 1, 20),
        ),
        case_id=case.case_id,
        today=TODAY,
    )
    plan = integrationsplan.get_plan(store, plan_id, today=TODAY)
    assert plan.next_auswertung is not None
    integrationsplan.record_auswertung(
        store,
        plan.next_auswertung.id,
        AuswertungInput(
            date(2026, 11, 5),
            (RatingInput(plan.goals[0].id, client_rating=3, counsellor_rating=4),),
            what_helped="Die Begleitung zum Amtsgericht.",
            client_differing_view=CLIENT_WORDS,
        ),
        today=TODAY,
    )
    return Approved(case, anzeige_id, result.id)


def test_the_draft_is_prefilled_from_the_documented_period(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "verlaengerung", today=TODAY
    )
    shown = fallbericht.get_fallbericht(store, report_id, today=TODAY)
    assert (shown.kind, shown.status, shown.editable) == ("verlaengerung", "entwurf", True)
    assert (shown.data.period_from, shown.data.period_to) == (date(2026, 1, 1), TODAY)
    assert shown.data.course is not None
    assert "5 dokumentierte Kontakte, davon 3 direkte Kontakte" in shown.data.course
    assert "nicht wahrgenommene Termine: 1" in shown.data.course
    assert "Wohnen" in shown.data.course
    assert shown.data.client_assessment == CLIENT_WORDS  # verbatim
    assert shown.data.client_assessment_on == date(2026, 11, 5)
    figures = shown.figures
    hours = {line.life_area: (line.approved, line.delivered) for line in figures.hours}
    assert hours["Wohnen"] == (Decimal(25), Decimal("4.5"))  # incl. the missed appointment
    assert hours["Gesundheit"] == (Decimal(15), Decimal(1))
    assert hours["Materielle Existenzsicherung (Jobcenter, Sozialamt, Leistungen)"] == (
        None,
        Decimal("0.5"),
    )
    assert (figures.contacts, figures.direct_contacts, figures.no_shows) == (5, 3, 1)
    assert figures.approved_total == Decimal(40)
    [goal] = figures.goals
    assert (goal.client_rating, goal.counsellor_rating) == ("weitgehend erreicht", "erreicht")
    assert figures.reviews[0].what_helped == "Die Begleitung zum Amtsgericht."
    # Complete except for the further need of a Verlängerung.
    assert shown.problems == ("Ein Bericht zur Verlängerung braucht den weiteren Bedarf.",)


def test_a_verlaengerung_draft_names_the_new_request(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    draft(
        store,
        approved.case,
        kind="verlaengerung",
        period_from=date(2027, 1, 1),
        period_to=date(2027, 12, 31),
    )
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "verlaengerung", today=TODAY
    )
    further = fallbericht.get_fallbericht(store, report_id, today=TODAY).data.further_need
    assert further == "Beantragt mit der Bedarfsanzeige für 01.01.2027 – 31.12.2027."


def test_the_workflow_from_draft_to_sent_and_read_only(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "verlaengerung", today=TODAY
    )
    with pytest.raises(InputRejected, match="weiteren Bedarf"):
        fallbericht.mark_ready(store, report_id)
    data = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
    fallbericht.update_fallbericht(
        store, report_id, replace(data, further_need="Weiter Begleitung nötig."), today=TODAY
    )
    fallbericht.mark_ready(store, report_id)
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).status == "fertig"
    fallbericht.reopen(store, report_id)
    fallbericht.mark_ready(store, report_id)
    fallbericht.mark_sent(store, report_id, date(2026, 11, 18), today=TODAY)
    shown = fallbericht.get_fallbericht(store, report_id, today=TODAY)
    assert (shown.status, shown.editable) == ("versandt", False)
    with pytest.raises(InputRejected, match="versandt"):
        fallbericht.update_fallbericht(store, report_id, data, today=TODAY)
    history = fachleistung.status_history(store, approved.case.case_id)
    assert history[-1].changed_on == date(2026, 11, 18)
    assert history[-1].comment == "Bericht zur Verlängerung an das Sozialamt gesendet"
    assert history[-1].status == "laufend"  # the case itself runs on
    [summary] = fallbericht.case_fallberichte(store, approved.case.case_id)
    assert (summary.status, summary.aktenzeichen) == ("versandt", "50.2-FL-2025-0042")


def test_editing_a_finished_report_takes_it_back_to_draft(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "abschluss", today=TODAY
    )
    fallbericht.mark_ready(store, report_id)  # an Abschluss needs no further need
    data = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
    fallbericht.update_fallbericht(store, report_id, replace(data, course="Neu."), today=TODAY)
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).status == "entwurf"
    with pytest.raises(ValidationError, match="Nur ein fertiger Fallbericht"):
        fallbericht.mark_sent(store, report_id, date(2026, 11, 19), today=TODAY)


def test_long_texts_get_soft_hints_and_are_kept_whole(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "abschluss", today=TODAY
    )
    data = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
    long_course = "Der Verlauf war wechselhaft. " * 200  # 5,600 characters
    fallbericht.update_fallbericht(store, report_id, replace(data, course=long_course), today=TODAY)
    shown = fallbericht.get_fallbericht(store, report_id, today=TODAY)
    assert shown.data.course == long_course.strip()  # nothing cut off
    fields = [hint.field for hint in shown.hints]
    assert fields == ["course", ""]
    assert "nichts wird abgeschnitten" in shown.hints[0].message
    assert "1–2 Seiten" in shown.hints[1].message
    fallbericht.mark_ready(store, report_id)  # a hint never blocks


def test_a_revoked_consent_stops_sending_and_printing(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "abschluss", today=TODAY
    )
    fallbericht.mark_ready(store, report_id)
    fachleistung.revoke_consent(store, approved.case.consent_id, date(2026, 11, 10))
    with pytest.raises(ValidationError, match="widerrufen"):
        fallbericht.mark_sent(store, report_id, date(2026, 11, 19), today=TODAY)
    with pytest.raises(InputRejected, match="widerrufen"):
        fallbericht.fallbericht_pdf(store, report_id, today=TODAY)
    with store.read() as session:
        assert session.get(Fallbericht, report_id).status == "fertig"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("kind", "says"),
    [("zwischenbericht", "Unbekannte Art"), ("abschluss", "keine, die begonnen hat")],
)
def test_a_report_needs_a_known_kind_and_a_bewilligung(
    store: Store, family: Family, kind: str, says: str
) -> None:
    case = open_case(store, family)
    with pytest.raises(InputRejected, match=says):
        fallbericht.draft_fallbericht(store, case.case_id, kind, today=TODAY)
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Fallbericht)) == 0


def test_one_report_of_a_kind_per_bewilligung(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    fallbericht.draft_fallbericht(store, approved.case.case_id, "abschluss", today=TODAY)
    with pytest.raises(InputRejected, match="schon einen Fallbericht"):
        fallbericht.draft_fallbericht(store, approved.case.case_id, "abschluss", today=TODAY)


def test_an_impossible_period_is_refused_and_nothing_changes(store: Store, family: Family) -> None:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(
        store, approved.case.case_id, "abschluss", today=TODAY
    )
    data = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
    bad = replace(data, period_to=date(2025, 1, 1), course="geändert")
    with pytest.raises(ValidationError, match="endet, bevor er beginnt"):
        fallbericht.update_fallbericht(store, report_id, bad, today=TODAY)
    assert fallbericht.get_fallbericht(store, report_id, today=TODAY).data == data
