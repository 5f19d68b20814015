"""The funders' statistics (DESIGN.md §7): counted by hand here, small cells shown as "< 5".

The three households of ``households`` (tests/reports/conftest.py) over January–October 2024,
reference date 31 October 2024. HA has six members: two Syrian adults (1985 w, 1988 m) and four
girls (born 2010, 2012, 2015, 2020); a seventh member moved out in 2023, an eighth was deleted.
HB has one Ukrainian man born 1970; HC has no members recorded.
"""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session
from tests.reports.conftest import Households

from fsa_desk.reports.common import Month, ReportParams, render_csv
from fsa_desk.reports.jahresstatistik import suppressed
from fsa_desk.services.reports import render, run_report
from fsa_desk.store.changelog import tombstone
from fsa_desk.store.models import Benefit, Membership, Person, ResidenceStatus
from fsa_desk.store.store import Store

PARAMS = ReportParams(from_month=Month(2024, 1), to_month=Month(2024, 10))


def member(session: Session, household: Any, year: int, sex: str, nation: str, **kw: Any) -> Person:
    person = Person(family_name="Test", given_name=str(year), birth_year=year, sex=sex)
    person.nationalities = nation
    session.add(person)
    session.flush()
    session.add(Membership(person_id=person.id, household_id=household, role="mitglied", **kw))
    return person


@pytest.fixture
def statistics(store: Store, households: Households) -> dict[str, Any]:
    with store.transaction() as session:
        mother = member(session, households.ha, 1985, "w", "SY")
        father = member(session, households.ha, 1988, "m", "SY")
        for year in (2010, 2012, 2015, 2020):
            member(session, households.ha, year, "w", "SY")
        member(session, households.ha, 1999, "m", "SY", valid_to=date(2023, 12, 31))
        tombstone(member(session, households.ha, 2001, "m", "IQ"))
        member(session, households.hb, 1970, "m", "UA,RU")
        for adult in (mother, father):
            session.add_all(
                [
                    ResidenceStatus(
                        person_id=adult.id, status="erlaubnis", valid_from=date(2023, 1, 1)
                    ),
                    Benefit(
                        person_id=adult.id,
                        benefit_type="buergergeld",
                        valid_from=date(2023, 1, 1),
                        valid_to=date(2024, 6, 30),
                    ),
                    Benefit(person_id=adult.id, benefit_type="erwerb", valid_from=date(2024, 7, 1)),
                ]
            )
    return run_report(store, "jahresstatistik", PARAMS)


def test_persons_by_characteristic_on_the_reference_date(statistics: dict[str, Any]) -> None:
    assert statistics["params"]["reference_date"] == "2024-10-31"
    persons = statistics["persons"]
    assert persons["total"] == 7
    # Ages on 31 Oct 2024: 4 → 0–5; 9, 12, 14 → 6–17; 36, 39, 54 → 27–64.
    assert persons["age_group"] == {"0-5": "< 5", "6-17": "< 5", "27-64": "< 5"}
    assert list(persons["age_group"]) == ["0-5", "6-17", "27-64"]
    assert persons["sex"] == {"m": "< 5", "w": 5}
    assert persons["nationality"] == {"SY": 6, "UA": "< 5"}
    # Only the parents have a status; HB's man none on the reference date.
    assert persons["residence_status"] == {"erlaubnis": "< 5", "unbekannt": 5}
    assert persons["benefit"] == {"erwerb": "< 5", "keine": 5}


def test_households_cases_hours_staff(statistics: dict[str, Any]) -> None:
    assert statistics["households"] == {"total": "< 5", "by_module": {"integrationsbuero": "< 5"}}
    assert statistics["cases"] == {
        "new": "< 5",
        "closed": "< 5",
        "closed_by_reason": {"unbekannt": "< 5"},
    }
    assert statistics["hours"] == {
        "total": pytest.approx((450 + 315 + 120) / 60),
        "fachleistung": 0,
        "fachleistung_billable": 0,
    }
    assert statistics["staff"] == {"vza": 0.5, "households_per_vza": 6.0}
    assert statistics["goals"] == {"reviewed": 0, "reached": 0, "partly": 0, "not_reached": 0}


@pytest.mark.parametrize(("count", "shown"), [(0, 0), (1, "< 5"), (4, "< 5"), (5, 5), (120, 120)])
def test_small_cells(count: int, shown: object) -> None:
    assert suppressed(count) == shown


def test_csv_is_one_long_table(statistics: dict[str, Any]) -> None:
    lines = render_csv(statistics).splitlines()
    assert lines[0] == "section;category;value"
    assert "persons;nationality.SY;6" in lines
    assert "persons;sex.m;< 5" in lines


def test_pdf_uses_labels_and_keeps_small_cells_hidden(
    store: Store, statistics: dict[str, Any]
) -> None:
    data = render(statistics, "pdf")
    assert isinstance(data, bytes)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "Jahresstatistik" in text
    assert "Syrien" in text
    assert "< 5" in text
    assert "weiblich" in text
