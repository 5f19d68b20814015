"""``report fachleistung`` (DESIGN.md §7): per Bewilligung its budget and warnings, unrounded."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import draft, open_case, record_contacts

from fsa_desk.reports.common import Month, ReportParams, render_json
from fsa_desk.reports.fachleistung import fachleistung_report
from fsa_desk.services import bedarfsanzeige, bewilligung
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.store.store import Store


def test_rows_carry_the_budget_the_ids_and_the_warnings(store: Store, family: Family) -> None:  # noqa: F811
    case = open_case(store, family, opened_on=date(2026, 1, 5))
    anzeige_id = draft(store, case, period_from=date(2026, 2, 1), period_to=date(2027, 1, 31))
    bedarfsanzeige.sign(store, anzeige_id, date(2026, 1, 6), date(2026, 1, 6), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2026, 1, 7), today=TODAY)
    approval = bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id,
            "50.2-FL-2026-0100",
            date(2026, 2, 1),
            date(2027, 1, 31),
            Decimal(3),
            bedarfsanzeige_id=anzeige_id,
        ),
        today=TODAY,
    )
    record_contacts(store, family, [date(2026, 3, 2)], minutes=50)  # Takt: 1 h
    record_contacts(store, family, [date(2026, 3, 9)], minutes=100)  # 1.75 h
    draft(store, case, kind="verlaengerung")  # a second request, not decided: in "requests"
    with store.read() as session:
        report = fachleistung_report(session, ReportParams(), today=TODAY)
    assert list(report) == ["report", "params", "rows", "requests"]
    assert report["params"]["as_of"] == "2026-11-20"
    [row] = report["rows"]
    assert row["case_id"] == str(case.case_id)
    assert row["bewilligung_id"] == str(approval.id)
    assert row["bedarfsanzeige_id"] == str(anzeige_id)
    assert row["fallbericht_id"] is None
    assert row["household_ref"] == "B1-2024-001"
    assert (row["approved"], row["used"], row["remaining"]) == (3.0, 2.75, 0.25)
    assert row["days_left"] == (date(2027, 1, 31) - TODAY).days
    assert row["warnings"] == ["used_80"]  # a Verlängerung is begun: no expiry warning anyway
    [request] = report["requests"]
    assert (request["kind"], request["status"]) == ("verlaengerung", "entwurf")
    json.loads(render_json(report))


def test_unrounded_hours_and_period_filters(store: Store, family: Family) -> None:  # noqa: F811
    from fsa_desk.services import billing_rules

    billing_rules.set_rule(
        store, billing_rules.RuleInput(date(2020, 1, 1), Decimal(60), rounding_minutes=1)
    )
    case = open_case(store, family, opened_on=date(2025, 1, 5))
    bewilligung.record_bewilligung(
        store,
        BewilligungInput(case.case_id, "AZ-A", date(2025, 2, 1), date(2025, 7, 31), Decimal(10)),
        today=TODAY,
    )
    record_contacts(store, family, [date(2025, 3, 3)], minutes=20)
    with store.read() as session:
        [row] = fachleistung_report(session, ReportParams(), today=TODAY)["rows"]
        assert row["used"] == 20 / 60  # unrounded in JSON
        assert row["status"] == "ausgelaufen"
        later = ReportParams(from_month=Month(2025, 8))
        assert fachleistung_report(session, later, today=TODAY)["rows"] == []
