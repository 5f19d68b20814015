"""The Abrechnung: € per Aktenzeichen, capped at the approved hours, rate changes, the status
workflow with its checks, corrections, exports and the PDF."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from fsa_desk.domain.billing import BillingPeriod
from fsa_desk.errors import InputRejected
from fsa_desk.services import abrechnung, bewilligung, billing_rules, fachleistung
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import open_case, record_contacts

MARCH = BillingPeriod.month(2026, 3)


@pytest.fixture
def approved(store: Store, family: Family) -> Family:
    """A Bewilligung of 3 hours from 16 March; 62.50 €/h until 19 March, 70 € from 20 March."""
    for day, rate in ((date(2025, 1, 1), "62.50"), (date(2026, 3, 20), "70.00")):
        billing_rules.set_rule(store, billing_rules.RuleInput(day, hourly_rate=Decimal(rate)))
    case = open_case(store, family, opened_on=date(2026, 3, 1))
    bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id, "50.2-FL-2026-0009", date(2026, 3, 16), date(2027, 3, 15), Decimal(3)
        ),
        today=TODAY,
    )
    # 15 March: before the Bewilligung; 50 min → Takt 60; 20 min each → 30; then beyond the budget.
    record_contacts(store, family, [date(2026, 3, 15)], minutes=60)
    record_contacts(store, family, [date(2026, 3, 16)], minutes=50)
    record_contacts(store, family, [date(2026, 3, 19), date(2026, 3, 20)], minutes=20)
    record_contacts(store, family, [date(2026, 3, 31)], minutes=75)
    record_contacts(store, family, [date(2026, 4, 1)], minutes=60)
    return family


def test_lines_cap_at_the_approved_hours_and_bill_each_day_at_its_rate(
    store: Store, approved: Family
) -> None:
    content = abrechnung.abrechnung_form(store, MARCH)
    [line] = content.lines
    # 60 + 30 + 30 + 90 = 210 billable minutes, capped at 180: the 31 March contact in part.
    assert (line.aktenzeichen, line.hours_period, line.hours_remaining) == (
        "50.2-FL-2026-0009",
        Decimal(3),
        Decimal(0),
    )
    # 90 min at 62.50 € + 30 min at 70 € + 60 of the 90 min at 70 €
    assert line.amount == Decimal("93.75") + Decimal("35.00") + Decimal("70.00")
    assert content.draft  # nothing stored: an open period is a draft
    assert [e.day.day for e in content.evidence] == [16, 19, 20, 31]
    assert [e.billed_minutes for e in content.evidence] == [60, 30, 30, 60]


def test_the_workflow_checks_before_it_locks(store: Store, approved: Family) -> None:
    row_id = abrechnung.create(store, MARCH)
    with pytest.raises(InputRejected, match=r"exists already|existiert bereits"):
        abrechnung.create(store, MARCH)
    abrechnung.set_status(store, row_id, "geprueft")
    with pytest.raises(InputRejected, match="Rechnungsnummer"):
        abrechnung.set_status(store, row_id, "eingereicht")
    abrechnung.set_status(store, row_id, "eingereicht", invoice_number="2026-0042")
    abrechnung.set_status(store, row_id, "beanstandet")
    abrechnung.recompute(store, row_id)
    abrechnung.set_status(store, row_id, "geprueft")
    abrechnung.set_status(store, row_id, "eingereicht")
    with pytest.raises(InputRejected, match="noch nicht zu Ende"):
        abrechnung.set_status(store, row_id, "gesperrt", today=date(2026, 3, 31))
    abrechnung.set_status(store, row_id, "gesperrt", today=TODAY)
    with pytest.raises(InputRejected):
        abrechnung.recompute(store, row_id)
    shown = abrechnung.get(store, row_id)
    assert (shown.status, shown.invoice_number, shown.total) == (
        "gesperrt",
        "2026-0042",
        Decimal("198.75"),
    )
    assert not abrechnung.abrechnung_form(store, MARCH).draft


def test_locking_needs_valid_consent_for_billable_hours(store: Store, family: Family) -> None:
    from fsa_desk.services import bedarfsanzeige
    from tests.services.fachleistung_fixtures import draft

    case = open_case(store, family, opened_on=date(2026, 2, 1))
    anzeige_id = draft(store, case, period_from=date(2026, 3, 1), period_to=date(2027, 2, 28))
    bedarfsanzeige.sign(store, anzeige_id, date(2026, 2, 2), date(2026, 2, 2), today=TODAY)
    bedarfsanzeige.send(store, anzeige_id, date(2026, 2, 3), today=TODAY)
    bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id,
            "AZ-K",
            date(2026, 3, 1),
            date(2027, 2, 28),
            Decimal(40),
            bedarfsanzeige_id=anzeige_id,
        ),
        today=TODAY,
    )
    record_contacts(store, family, [date(2026, 3, 20)])
    fachleistung.revoke_consent(store, case.consent_id, date(2026, 3, 10))
    row_id = abrechnung.create(store, MARCH, invoice_number="R-1")
    abrechnung.set_status(store, row_id, "geprueft")
    abrechnung.set_status(store, row_id, "eingereicht")
    with pytest.raises(InputRejected, match="Schweigepflichtentbindung"):
        abrechnung.set_status(store, row_id, "gesperrt", today=TODAY)
    assert abrechnung.get(store, row_id).status == "eingereicht"


def test_a_locked_period_is_corrected_by_a_new_abrechnung(store: Store, approved: Family) -> None:
    row_id = abrechnung.create(store, MARCH, invoice_number="R-1")
    for status in ("geprueft", "eingereicht", "gesperrt"):
        abrechnung.set_status(store, row_id, status, today=TODAY)
    with pytest.raises(InputRejected):
        abrechnung.correct(store, abrechnung.create(store, BillingPeriod.month(2026, 4)))
    correction = abrechnung.correct(store, row_id, invoice_number="R-1-K")
    shown = abrechnung.get(store, correction)
    assert shown.corrects_id == row_id
    assert shown.lines == ()  # nothing changed since the lock


def test_csv_and_xlsx_exports(store: Store, approved: Family) -> None:
    content = abrechnung.abrechnung_form(store, MARCH)
    rows = list(csv.reader(io.StringIO(abrechnung.export_csv(content)), delimiter=";"))
    assert rows[0][0] == "aktenzeichen"
    assert rows[1][:1] + rows[1][4:5] + rows[1][7:] == [
        "50.2-FL-2026-0009",
        "3,00",
        "198,75",
        "nein",
    ]
    sheet = load_workbook(io.BytesIO(abrechnung.export_xlsx(content))).active
    assert sheet["A2"].value == "50.2-FL-2026-0009"
    assert Decimal(str(sheet["H2"].value)) == Decimal("198.75")


def test_the_pdf_names_aktenzeichen_not_clients(store: Store, approved: Family) -> None:
    pdf = abrechnung.abrechnung_pdf_for_period(store, MARCH)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "50.2-FL-2026-0009" in text
    assert "198,75 €" in text
    assert "Entwurf" in text
    assert "Leistungsnachweis" in text
    assert "Haddad" not in text and "B1-2024-001" not in text
    assert "Träger: Ausländerrat" in text
    assert "Unterschrift" in text
