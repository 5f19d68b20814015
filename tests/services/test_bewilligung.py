"""Bewilligungen: partial approvals, the budget they carry, ending early, backdating into a
locked Abrechnung (Nachberechnung)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import abrechnung, bedarfsanzeige, bewilligung, billing_rules
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.store.models import Bewilligung, Consultation, FachleistungCase
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import draft, open_case, record_contacts


def _sent(store: Store, family: Family):  # type: ignore[no-untyped-def]
    case = open_case(store, family, opened_on=date(2025, 12, 1))
    anzeige_id = draft(store, case, period_from=date(2026, 1, 1), period_to=date(2026, 12, 31))
    bedarfsanzeige.sign(store, anzeige_id, date(2025, 12, 5), date(2025, 12, 5), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2025, 12, 6), today=TODAY)
    return case, anzeige_id


def test_a_partial_approval_marks_the_request_and_runs_the_case(
    store: Store, family: Family
) -> None:
    case, anzeige_id = _sent(store, family)
    result = bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id,
            "50.2-FL-2026-0001",
            date(2026, 1, 1),
            date(2026, 9, 30),
            Decimal(30),  # 40.5 requested, for 12 months
            date(2025, 12, 20),
            bedarfsanzeige_id=anzeige_id,
            goals="Wohnung sichern",
            conditions="Fallbericht vor Ablauf",
            hours_by_life_area={"wohnen": Decimal(20), "gesundheit": Decimal(10)},
        ),
        today=TODAY,
    )
    assert result.partial
    assert bedarfsanzeige.get(store, anzeige_id, today=TODAY).status == "teilweise_bewilligt"
    shown = bewilligung.get_bewilligung(store, result.id, today=TODAY)
    assert shown.hours_by_life_area == {"wohnen": Decimal(20), "gesundheit": Decimal(10)}
    assert (shown.goals, shown.conditions, shown.status) == (
        "Wohnung sichern",
        "Fallbericht vor Ablauf",
        "ausgelaufen",  # ended 30.09., today is 20.11.
    )
    with store.read() as session:
        assert session.get(FachleistungCase, case.case_id).status == "laufend"  # type: ignore[union-attr]


def test_hours_per_area_beyond_the_total_are_refused_and_nothing_is_written(
    store: Store, family: Family
) -> None:
    case = open_case(store, family)
    with pytest.raises(ValidationError, match="mehr als die bewilligte Summe"):
        bewilligung.record_bewilligung(
            store,
            BewilligungInput(
                case.case_id,
                "AZ",
                date(2026, 1, 1),
                date(2026, 6, 30),
                Decimal(10),
                hours_by_life_area={"wohnen": Decimal(11)},
            ),
            today=TODAY,
        )
    with store.read() as session:
        assert session.execute(select(func.count()).select_from(Bewilligung)).scalar() == 0


def test_the_budget_warns_at_80_percent(store: Store, family: Family) -> None:
    record_contacts(store, family, [date(2026, 10, d) for d in (1, 8, 15, 22)], minutes=60)
    case = open_case(store, family, opened_on=date(2026, 9, 1))
    result = bewilligung.record_bewilligung(
        store,
        BewilligungInput(case.case_id, "AZ-1", date(2026, 9, 15), date(2027, 3, 14), Decimal(5)),
        today=TODAY,
    )
    shown = bewilligung.get_bewilligung(store, result.id, today=TODAY)
    assert shown.budget.used == Decimal(4)
    assert shown.budget.remaining == Decimal(1)
    assert shown.budget.warnings == ("used_80",)


def test_ending_early_stops_billing_after_the_day(store: Store, family: Family) -> None:
    record_contacts(store, family, [date(2026, 3, 2), date(2026, 6, 1)])
    case = open_case(store, family, opened_on=date(2026, 1, 1))
    result = bewilligung.record_bewilligung(
        store,
        BewilligungInput(case.case_id, "AZ-2", date(2026, 2, 1), date(2027, 1, 31), Decimal(40)),
        today=TODAY,
    )
    with pytest.raises(ValidationError, match="Grund"):
        bewilligung.end_early(store, result.id, date(2026, 4, 30), " ", today=TODAY)
    bewilligung.end_early(store, result.id, date(2026, 4, 30), "Umzug nach Leipzig", today=TODAY)
    with store.read() as session:
        rows = session.execute(
            select(Consultation.date, Consultation.module, Consultation.billable).order_by(
                Consultation.date
            )
        ).all()
    assert [(r.module, r.billable) for r in rows] == [
        ("fachleistung", True),
        ("integrationsbuero", False),
    ]
    assert bewilligung.get_bewilligung(store, result.id, today=TODAY).status == "vorzeitig_beendet"


def test_backdating_into_a_locked_month_becomes_a_nachberechnung(
    store: Store, family: Family
) -> None:
    billing_rules.set_rule(
        store, billing_rules.RuleInput(date(2025, 1, 1), hourly_rate=Decimal("60.00"))
    )
    case = open_case(store, family, opened_on=date(2026, 1, 5))
    first = bewilligung.record_bewilligung(
        store,
        BewilligungInput(case.case_id, "AZ-3", date(2026, 3, 1), date(2027, 2, 28), Decimal(40)),
        today=TODAY,
    )
    record_contacts(store, family, [date(2026, 2, 10), date(2026, 3, 10)], minutes=60)
    march = BillingPeriod.month(2026, 3)
    february = BillingPeriod.month(2026, 2)
    locked = []
    for period in (february, march):
        row_id = abrechnung.create(store, period, invoice_number=f"R-{period}")
        for status in ("geprueft", "eingereicht", "gesperrt"):
            abrechnung.set_status(store, row_id, status, today=TODAY)
        locked.append(row_id)
    assert abrechnung.get(store, locked[0]).lines == ()  # February: nothing approved yet
    # The Amt backdates the start to 1 February: February's hour becomes billable.
    result = bewilligung.update_bewilligung(
        store,
        first.id,
        BewilligungInput(case.case_id, "AZ-3", date(2026, 2, 1), date(2027, 1, 31), Decimal(40)),
        today=TODAY,
    )
    [late] = result.nachberechnung
    assert (late.abrechnung_id, late.hours) == (locked[0], Decimal(1))
    assert abrechnung.get(store, locked[0]).lines == ()  # a locked period never changes
    april = abrechnung.create(store, BillingPeriod.month(2026, 4), invoice_number="R-2026-04")
    [line] = abrechnung.get(store, april).lines
    assert (line.aktenzeichen, line.nachberechnung, line.hours_period, line.amount) == (
        "AZ-3",
        True,
        Decimal(1),
        Decimal("60.00"),
    )
    assert line.hours_cumulative == Decimal(2)
