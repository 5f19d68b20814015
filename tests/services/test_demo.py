"""The demo generator: deterministic, consistent, and shaped like the source text's figures."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from fsa_desk.errors import InputRejected, UsageError
from fsa_desk.services.demo import DemoSummary, generate_demo
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.maintenance import check_database
from fsa_desk.services.search_index import search
from fsa_desk.store.models import (
    Bescheid,
    Bewilligung,
    Consultation,
    Counsellor,
    CounsellorFte,
    Household,
    Membership,
    Person,
    ResidenceStatus,
)
from fsa_desk.store.store import Store, open_store
from tests.conftest import TEST_KEY

TODAY = date(2026, 10, 31)
DIRECT = "('buero', 'hausbesuch', 'telefon', 'online', 'begleitung')"
# Household, calendar month (as a month count), hours, whether a direct contact took place.
MONTHLY = text(
    f"""
    SELECT household_id,
           CAST(strftime('%Y', date) AS INTEGER) * 12 + CAST(strftime('%m', date) AS INTEGER),
           SUM(duration_minutes) / 60.0,
           MAX(contact_type IN {DIRECT} AND outcome = 'stattgefunden')
    FROM consultation WHERE deleted_hlc IS NULL GROUP BY 1, 2
    """
)
LIFE_AREAS_PER_MONTH = text(
    """
    SELECT c.household_id,
           CAST(strftime('%Y', c.date) AS INTEGER) * 12 + CAST(strftime('%m', c.date) AS INTEGER),
           COUNT(DISTINCT a.life_area)
    FROM consultation c JOIN consultation_life_area a ON a.consultation_id = c.id
    WHERE c.deleted_hlc IS NULL AND a.deleted_hlc IS NULL GROUP BY 1, 2
    """
)


def new_store(root: Path, role: str = "counsellor", code: str = "B1") -> Store:
    initialise(root, TEST_KEY, NewInstallation("Anna Berg", code, role, "Ausländerrat"))
    return open_store(root, TEST_KEY)


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, DemoSummary]]:
    """A lead installation with a team, big enough for the course and prognosis analyses."""
    with new_store(tmp_path_factory.mktemp("team") / "data", "lead", "KO") as store:
        yield store, generate_demo(store, households=150, months=30, seed=7, today=TODAY)


def content(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """What a user sees of the data, without this installation's own counsellor id."""
    with store.read() as session:
        households = session.execute(
            select(
                Household.id, Household.household_ref, Household.status,
                Household.allocation_date, Household.first_contact_on, Household.closure_reason,
            )
        ).all()  # fmt: skip
        people = session.execute(
            select(Person.id, Person.family_name, Person.given_name, Person.birth_year)
        ).all()
        consultations = session.execute(
            select(
                Consultation.id, Consultation.household_id, Consultation.date,
                Consultation.duration_minutes, Consultation.contact_type, Consultation.module,
                Consultation.billable, Consultation.note,
            )
        ).all()  # fmt: skip
    return tuple(sorted(tuple(row) for row in rows) for rows in (households, people, consultations))


def test_same_seed_and_day_give_the_same_data_another_seed_other_data(tmp_path: Path) -> None:
    results = []
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        with new_store(tmp_path / name) as store:
            generate_demo(store, households=12, months=14, seed=seed, today=TODAY)
            results.append(content(store))
    assert results[0] == results[1]
    assert results[0][2] and results[0] != results[2]


def test_change_log_stays_consistent_and_search_finds_demo_households(store: Store) -> None:
    summary = generate_demo(store, households=15, months=18, today=TODAY)
    assert check_database(store) == []
    with store.read() as session:
        assert session.scalar(select(func.count()).select_from(Household)) == summary.households
        ref, family = session.execute(
            select(Household.household_ref, Person.family_name)
            .join(Membership, Membership.household_id == Household.id)
            .join(Person, Person.id == Membership.person_id)
            .limit(1)
        ).one()
    assert ref in [hit.household_ref for hit in search(store, family)]
    assert [hit.household_ref for hit in search(store, ref)] == [ref]


def test_counsellor_installation_owns_all_work_with_refs_by_code_and_year(store: Store) -> None:
    summary = generate_demo(store, households=20, months=24, today=TODAY)
    assert summary.counsellors == 0 and summary.consultations > 0
    with store.read() as session:
        counsellors = session.scalars(select(Consultation.counsellor_id).distinct()).all()
        assert counsellors == [store.installation_counsellor_id()]
        for ref, first_contact in session.execute(
            select(Household.household_ref, Household.first_contact_on)
        ):
            match = re.fullmatch(r"B1-(\d{4})-\d{3}", ref)
            assert match is not None and first_contact is not None
            assert int(match[1]) == first_contact.year


def test_lead_installation_gets_a_team_d1_to_d6(team: tuple[Store, DemoSummary]) -> None:
    store, summary = team
    assert summary.counsellors == 6
    with store.read() as session:
        codes: dict[object, str] = dict(
            session.execute(select(Counsellor.id, Counsellor.code)).all()
        )
        ftes = session.scalars(select(CounsellorFte.fte)).all()
        refs = session.execute(select(Household.household_ref, Household.counsellor_id)).all()
    assert sorted(codes.values()) == ["D1", "D2", "D3", "D4", "D5", "D6", "KO"]
    assert len(ftes) == 6 and all(Decimal("0.5") <= fte <= Decimal("1.0") for fte in ftes)
    assert {ref.split("-")[0] for ref, _id in refs} == {f"D{n}" for n in range(1, 7)}
    assert all(ref.startswith(f"{codes[counsellor_id]}-") for ref, counsellor_id in refs)


def test_modules_and_fachleistung_appear_in_plausible_shares(
    team: tuple[Store, DemoSummary],
) -> None:
    store, _summary = team
    with store.read() as session:
        counts = select(Consultation.module, func.count()).group_by(Consultation.module)
        modules: dict[str, int] = {module: count for module, count in session.execute(counts)}
        approvals = session.execute(
            select(Bewilligung.approved_hours, Bewilligung.period_from, Bewilligung.period_to)
        ).all()
        over_budget = session.scalar(
            select(func.count()).where(Consultation.billable_reason == "ueber_budget")
        )
    total = sum(modules.values())
    assert 0.1 < modules["willkommen"] / total < 0.5
    assert 0.3 < modules["integrationsbuero"] / total < 0.8
    assert 0.03 < modules["fachleistung"] / total < 0.3
    assert all(30 <= hours <= 80 for hours, _start, _end in approvals)
    assert 35 <= statistics.mean(float(hours) for hours, _start, _end in approvals) <= 65
    assert all((end - start).days < 366 for _hours, start, end in approvals)
    assert over_budget is not None and over_budget > 0  # recorded and marked, not dropped


def test_families_change_and_statuses_have_histories(team: tuple[Store, DemoSummary]) -> None:
    store, _summary = team
    with store.read() as session:
        reasons = set(session.scalars(select(Membership.reason_from)))
        splits = session.scalar(select(func.count()).where(Household.split_from_id.is_not(None)))
        statuses = set(session.scalars(select(ResidenceStatus.status)))
        deadlines = session.scalar(select(func.count()).select_from(Bescheid))
    assert {"geburt", "trennung"} <= reasons
    assert splits is not None and splits > 0
    assert {"gestattung", "erlaubnis", "erlaubnis_24"} <= statuses
    assert deadlines is not None and deadlines > 0


def monthly_hours(store: Store) -> dict[object, dict[int, tuple[float, bool]]]:
    with store.read() as session:
        rows = session.execute(MONTHLY).all()
    months: dict[object, dict[int, tuple[float, bool]]] = defaultdict(dict)
    for household, month, hours, direct in rows:
        months[household][month] = (hours, bool(direct))
    return months


def test_contact_in_the_second_month_forecasts_three_hours_instead_of_two(
    team: tuple[Store, DemoSummary],
) -> None:
    """DESIGN.md §7 prognosis: mean monthly hours in months m1+2 … m1+7 by group."""
    store, _summary = team
    months = monthly_hours(store)
    last = max(month for household in months.values() for month in household)
    groups: dict[bool, list[float]] = {True: [], False: []}
    for household in months.values():
        first = min(household)
        if first + 8 > last:
            continue
        contact = household.get(first + 1, (0.0, False))[1]
        later = [household.get(first + k, (0.0, False))[0] for k in range(2, 8)]
        groups[contact].append(sum(later) / 6)
    with_contact, without = (statistics.mean(groups[key]) for key in (True, False))
    assert len(groups[True]) >= 30 and len(groups[False]) >= 30
    assert 2.5 <= with_contact <= 3.5
    assert 1.5 <= without <= 2.5
    assert with_contact - without >= 0.6


def test_real_topics_come_up_after_the_first_months(team: tuple[Store, DemoSummary]) -> None:
    """Trajectory: more life areas per consulting household in months 4–9 than in month 1."""
    store, _summary = team
    with store.read() as session:
        rows = session.execute(LIFE_AREAS_PER_MONTH).all()
    first_month: dict[object, int] = {}
    for household, month, _areas in rows:
        first_month[household] = min(month, first_month.get(household, month))
    by_k: dict[int, list[int]] = defaultdict(list)
    for household, month, areas in rows:
        by_k[month - first_month[household] + 1].append(areas)
    middle = [areas for k in range(4, 10) for areas in by_k[k]]
    assert statistics.mean(middle) > statistics.mean(by_k[1]) + 0.5


def test_refuses_a_store_that_already_holds_households(store: Store) -> None:
    generate_demo(store, households=3, months=6, today=TODAY)
    with pytest.raises(InputRejected):
        generate_demo(store, households=3, months=6, today=TODAY)


@pytest.mark.parametrize(
    ("households", "months", "today"),
    [(0, 12, TODAY), (10, 0, TODAY), (10, 12, date(2999, 1, 1))],
)
def test_impossible_requests_are_usage_errors(
    store: Store, households: int, months: int, today: date
) -> None:
    with pytest.raises(UsageError):
        generate_demo(store, households=households, months=months, today=today)


def test_every_fachleistung_state_is_in_the_demo(store: Store) -> None:
    """The GUI demo's size: each state of a case at least once, whatever the dice say."""
    from fsa_desk.reports.common import ReportParams
    from fsa_desk.reports.fachleistung import fachleistung_report
    from fsa_desk.store.models import Bedarfsanzeige, FachleistungCase, Fallbericht

    generate_demo(store, households=60, months=24, seed=11, today=TODAY)
    with store.read() as session:
        report = fachleistung_report(session, ReportParams(), today=TODAY)
        forms = set(session.scalars(select(Bedarfsanzeige.status)))
        cases = set(session.scalars(select(FachleistungCase.status)))
        reports = {
            tuple(row) for row in session.execute(select(Fallbericht.kind, Fallbericht.status))
        }
        renewed = session.scalar(
            select(func.count(func.distinct(Bewilligung.case_id))).where(
                Bewilligung.bedarfsanzeige_id.in_(
                    select(Bedarfsanzeige.id).where(Bedarfsanzeige.kind == "verlaengerung")
                )
            )
        )
    requests = {row["status"] for row in report["requests"]}
    assert {"entwurf", "angezeigt", "rueckfrage", "zurueckgezogen", "abgelehnt"} <= requests
    assert {"bewilligt", "teilweise_bewilligt"} <= forms
    warnings = {warning for row in report["rows"] for warning in row["warnings"]}
    assert warnings & {"used_80", "used_100"}  # a budget running low
    assert any(row["fallbericht_id"] for row in report["rows"])
    assert renewed  # extended on a Verlängerung …
    assert {("verlaengerung", "versandt"), ("verlaengerung", "entwurf")} <= reports  # … or soon
    assert ("abschluss", "versandt") in reports
    assert {"laufend", "abgeschlossen", "rueckfrage", "zurueckgezogen", "abgelehnt"} <= cases


def test_demo_fachleistung_reads_back_through_the_services(team: tuple[Store, DemoSummary]) -> None:
    """Plans, Gespräche, Fallberichte and client sheets of the demo open without a problem."""
    from fsa_desk.services import client_sheet, fallbericht, integrationsplan
    from fsa_desk.store.models import FachleistungCase, Fallbericht, Goal, GoalRating

    store, _summary = team
    with store.read() as session:
        case_ids = session.scalars(select(FachleistungCase.id)).all()
        report_ids = session.scalars(select(Fallbericht.id)).all()
        own_script = session.scalar(
            select(func.count()).where(Goal.text_client.regexp_match("[\u0400-\u06ff]"))
        )
        rated = session.scalar(select(func.count()).select_from(GoalRating))
    assert report_ids and rated and own_script
    for report_id in report_ids:
        shown = fallbericht.get_fallbericht(store, report_id, today=TODAY)
        assert shown.figures.aktenzeichen.startswith("50.2-FL-")
    held = 0
    for case_id in case_ids:
        plans = integrationsplan.case_plans(store, case_id, today=TODAY)
        held += sum(1 for plan in plans if plan.last_held is not None)
        assert "Für Sie zum Mitnehmen" in client_sheet.client_sheet_text(
            store, case_id, today=TODAY
        )
    assert held
