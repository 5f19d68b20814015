"""The team lead's monthly page (DESIGN.md §7) for June 2024, counted by hand.

Built on ``households`` (tests/reports/conftest.py): in June 2024 HC is first seen (10 June, now a
Willkommen consultation, allocated 3 June), HB is closed (15 June); HA's Willkommensjahr (allocated
15 July 2023) ends on 14 July 2024. HA's case has a draft, a submitted Bedarfsanzeige (sent 1 June)
and one decided on 15 June (partly approved: 40 h requested, the running 50 h Bewilligung).
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy import select, update
from tests.reports.conftest import Households

from fsa_desk.reports.common import Month, ReportParams
from fsa_desk.services.reports import render, run_report
from fsa_desk.store.models import (
    Art13Record,
    Bedarfsanzeige,
    BedarfsanzeigeHours,
    Bescheid,
    Bewilligung,
    Consultation,
    Counsellor,
    FachleistungCase,
    Household,
    Membership,
    Person,
    Task,
)
from fsa_desk.store.store import Store

JUNE = ReportParams(from_month=Month(2024, 6), to_month=Month(2024, 6))


@pytest.fixture
def page(store: Store, households: Households) -> dict[str, Any]:
    with store.transaction() as session:
        ha = session.get(Household, households.ha)
        hc = session.get(Household, households.hc)
        assert ha is not None and hc is not None
        ha.allocation_date, hc.allocation_date = date(2023, 7, 15), date(2024, 6, 3)
        for row in session.scalars(
            select(Consultation).where(Consultation.household_id == households.hc)
        ):
            row.module = "willkommen"
        case = session.scalars(select(FachleistungCase)).one()
        decided = Bedarfsanzeige(
            case_id=case.id, kind="erst", status="teilweise_bewilligt", decided_on=date(2024, 6, 15)
        )
        session.add_all(
            [
                Bedarfsanzeige(case_id=case.id, kind="verlaengerung", status="entwurf"),
                Bedarfsanzeige(
                    case_id=case.id,
                    kind="aufstockung",
                    status="angezeigt",
                    sent_on=date(2024, 6, 1),
                ),
                decided,
            ]
        )
        session.flush()
        session.add_all(
            [
                BedarfsanzeigeHours(bedarfsanzeige_id=decided.id, life_area="wohnen", hours=30),
                BedarfsanzeigeHours(bedarfsanzeige_id=decided.id, life_area="familie", hours=10),
            ]
        )
        session.execute(update(Bewilligung).values(bedarfsanzeige_id=decided.id))
        b1 = session.scalars(select(Counsellor.id).where(Counsellor.code == "B1")).one()
        session.add_all(
            [
                _bescheid(households.ha, date(2024, 6, 10)),
                _bescheid(households.hb, date(2024, 6, 5)),  # HB is closed: not counted
                Task(
                    household_id=households.ha, counsellor_id=b1, due_on=date(2024, 6, 20), text="a"
                ),
                Task(
                    household_id=households.ha,
                    counsellor_id=b1,
                    due_on=date(2024, 6, 21),
                    text="b",
                    done_on=date(2024, 6, 21),
                ),
            ]
        )
        informed = _adult(session, households.hc, 1980)
        _adult(session, households.hc, 1982)
        session.add(Art13Record(person_id=informed, given_on=date(2024, 6, 10)))
    return run_report(store, "koordination", JUNE)


def _bescheid(household: Any, due: date) -> Bescheid:
    return Bescheid(
        household_id=household,
        authority="Sozialamt",
        subject="Bescheid",
        kind="leistung",
        due_on=due,
        remind_from=due,
        rule="Test",
    )


def _adult(session: Any, household: Any, year: int) -> Any:
    person = Person(family_name="Test", given_name=str(year), birth_year=year)
    session.add(person)
    session.flush()
    session.add(Membership(person_id=person.id, household_id=household, role="mitglied"))
    return person.id


def test_caseload_and_its_movement(page: dict[str, Any]) -> None:
    assert page["params"]["month"] == "2024-06"
    assert page["caseload"] == {
        "stock": 2,  # HA (May), HC (June); HB was closed in June
        "stock_by_module": {"integrationsbuero": 1, "willkommen": 1},
        "new": 1,
        "new_by_module": {"willkommen": 1},
        "closed": 1,
        "closed_by_reason": {"unbekannt": 1},
    }


def test_willkommensleistung(page: dict[str, Any]) -> None:
    assert page["willkommen"] == {
        "allocations": 1,
        "mean_days_to_first_contact": 7.0,
        "reaching_month_12": 1,
    }


def test_fachleistung_pipeline_and_running_approvals(page: dict[str, Any]) -> None:
    assert page["fachleistung"] == {
        "drafts": 1,
        "submitted": 1,
        "mean_days_waiting": 29.0,
        "decisions": {"bewilligt": 0, "teilweise_bewilligt": 1, "abgelehnt": 0},
        "hours_requested": 40.0,
        "hours_approved": 50.0,
        "running": 1,
        "approved_hours": 50.0,
        "delivered_hours": 1.0,  # 20 May, billable on it; August is after June
        "billed_hours": 0,
        "over_use": 0,
        "under_use": 1,  # 122 of 365 days gone, 1 h used of ~16.7 pro rata
        "extensions_due": 0,
    }


def test_life_areas_against_the_months_before(page: dict[str, Any]) -> None:
    # June: HC 90 min without a life area; March–May: 120 + 60 + 240 min without one.
    assert page["life_areas"] == {
        "ohne": {
            "hours": 1.5,
            "mean_3_months": pytest.approx(7 / 3),
            "change": pytest.approx(1.5 - 7 / 3),
        }
    }


def test_overdue_and_data_quality(page: dict[str, Any]) -> None:
    assert page["deadlines"] == {"overdue_bescheide": 1, "overdue_tasks": 1}
    quality = page["data_quality"]
    assert quality["consultations_without_life_area"] == 1
    assert quality["adults_without_art13"] == 1
    assert quality["fachleistung_without_consent"] == 1
    # Nothing synchronised here: the review queues are empty.
    assert (quality["open_conflicts"], quality["open_duplicates"], quality["missing_bundles"]) == (
        0,
        0,
        0,
    )


def test_the_month_fits_one_printed_page(page: dict[str, Any]) -> None:
    data = render(page, "pdf")
    assert isinstance(data, bytes)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Monatsübersicht für die Koordination" in text
    assert "Monat: 2024-06" in text
    assert "Fallbestand" in text and "Datenqualität" in text


def test_load_is_the_teams_workload_in_the_month(page: dict[str, Any]) -> None:
    assert page["load"]["vza"] == 0.5
    assert page["load"]["active_households"] == 2
