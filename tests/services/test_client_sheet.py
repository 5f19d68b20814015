"""The client sheet, filled from the records: goals in the client's words, next steps, dates,
contact and complaint contact, data rights — and nothing the client should not carry around."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from fsa_desk.errors import InputRejected
from fsa_desk.services import (
    bewilligung,
    client_sheet,
    consultations,
    deadlines,
    integrationsplan,
    vereinbarung,
)
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.integrationsplan import GoalInput, PlanInput
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import Case, draft, open_case

ARABIC = "أريد شقة"
SECRET_NOTE = "Vertraulich: Gewalt in der Familie"


def sheet_case(store: Store, family: Family) -> Case:
    """A running Bewilligung, a plan with goals of every status, a Frist, a note."""
    case = open_case(store, family, opened_on=date(2026, 1, 5))
    draft(store, case, period_from=date(2026, 2, 1), period_to=date(2027, 1, 31))
    result = bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id, "50.2-FL-2026-0003", date(2026, 2, 1), date(2027, 1, 31), Decimal(45)
        ),
        today=TODAY,
    )
    integrationsplan.create_plan(
        store,
        family.mother.id,
        PlanInput(
            goals=(
                GoalInput(
                    text_client=ARABIC,
                    text_professional="Wohnungssuche",
                    who_does_what="Frau H. meldet sich bei der WiD; die Beraterin schreibt den "
                    "Antrag auf Wohnberechtigungsschein.",
                    due_on=date(2026, 12, 15),
                ),
                GoalInput(text_professional="Anbindung an Fachärztin", status="erreicht"),
                GoalInput(text_client="Deutsch lernen", status="teilweise_erreicht"),
            ),
            agreed_on=date(2026, 2, 10),
        ),
        case_id=case.case_id,
        today=TODAY,
    )
    assert result.id
    deadlines.record_bescheid(
        store,
        deadlines.BescheidInput(
            family.household.id,
            "Jobcenter Dresden",
            "Aufhebungsbescheid",
            "widerspruch",
            date(2026, 11, 10),
        ),
        today=TODAY,
    )
    consultations.record_consultation(
        store,
        ConsultationInput(family.household.id, date(2026, 11, 2), 60, "buero", note=SECRET_NOTE),
        today=TODAY,
    )
    return case


def test_the_sheet_is_filled_from_the_records(store: Store, family: Family) -> None:
    case = sheet_case(store, family)
    vereinbarung.remember_contact_line(store, "Tel. 0351 123456, Sprechzeit Di 9–12 Uhr")
    sheet = client_sheet.client_sheet(store, case.case_id, today=TODAY)
    assert sheet.names == ("Rania Haddad", "Omar Haddad")
    assert sheet.household_ref == "B1-2024-001"
    assert sheet.provider == "Ausländerrat"
    assert sheet.counsellor == "Anna Berg"
    assert sheet.contact_line == "Tel. 0351 123456, Sprechzeit Di 9–12 Uhr"
    # Open and partly reached goals, in the client's words where given; reached ones left out.
    assert [g.text for g in sheet.goals] == [ARABIC, "Deutsch lernen"]
    steps = [(s.what, s.due) for s in sheet.steps]  # by date
    # The Auswertungsgespräch, 8 weeks before 31.01.2027.
    assert steps[0] == (
        "Wir sprechen gemeinsam darüber, wie weit Sie gekommen sind: Sie und Anna Berg.",
        date(2026, 12, 6),
    )
    assert steps[1][0].startswith("Frau H. meldet sich bei der WiD")
    assert steps[1][1] == date(2026, 12, 15)
    dates = [(d.what, d.due) for d in sheet.dates]
    assert dates[0][0] == "Rechtzeitig antworten: Aufhebungsbescheid (Jobcenter Dresden)"
    assert dates[-1] == ("Ihre Fachleistung endet (sie kann verlängert werden)", date(2027, 1, 31))
    assert sheet.consent_recipient == "Sozialamt Dresden, Fachleistung Migrationssozialarbeit"
    assert sheet.complaint_contact == "der Leitung von Ausländerrat"


def test_the_text_never_carries_a_note_or_a_reached_goal(store: Store, family: Family) -> None:
    case = sheet_case(store, family)
    text = client_sheet.client_sheet_text(store, case.case_id, today=TODAY)
    assert SECRET_NOTE not in text
    # reportlab cannot join Arabic letters: the German wording stands in for the sheet.
    assert "• Wohnungssuche (bis 15.12.2026)" in text
    assert "• Deutsch lernen" in text  # the client's own words where the PDF can print them
    assert "Anbindung an Fachärztin" not in text  # reached: no longer a goal to keep
    for expected in (
        "Für Sie zum Mitnehmen",
        "Ihre Ziele",
        "Die nächsten Schritte",
        "Bitte bringen Sie mit",
        "[ ] Alle neuen Briefe von Ämtern",
        "Wichtige Termine und Fristen",
        "So erreichen Sie uns",
        "Telefon und Sprechzeiten: ____",  # to fill in by hand when not set
        "Wenn Sie nicht zufrieden sind",
        "Ihre Daten – Ihre Rechte",
        "Sie dürfen diese Einwilligung jederzeit zurücknehmen",
    ):
        assert expected in text, expected


def test_documents_and_the_complaint_contact_can_be_set(store: Store, family: Family) -> None:
    case = sheet_case(store, family)
    client_sheet.remember_complaint_contact(
        store, "  Frau Weber,   Bereichsleitung, Tel. 0351 999 "
    )
    sheet = client_sheet.client_sheet(
        store, case.case_id, documents=("Mietvertrag", " ", "Kontoauszüge"), today=TODAY
    )
    assert sheet.documents == ("Mietvertrag", "Kontoauszüge")
    assert sheet.complaint_contact == "Frau Weber, Bereichsleitung, Tel. 0351 999"
    assert client_sheet.complaint_contact(store) == "Frau Weber, Bereichsleitung, Tel. 0351 999"


def test_a_case_without_plans_still_gives_a_sheet(store: Store, family: Family) -> None:
    case = open_case(store, family)
    text = client_sheet.client_sheet_text(store, case.case_id, today=TODAY)
    assert "Wir schreiben Ihre Ziele beim nächsten Termin gemeinsam auf." in text
    assert "Noch keine nächsten Schritte vereinbart." in text
    assert "Im Moment gibt es keine Fristen." in text
    # No Bedarfsanzeige names the consent yet: the sheet does not mention a recipient.
    assert "nur mit Ihrer Unterschrift" not in text


def test_an_unknown_case_is_one_german_sentence(store: Store) -> None:
    with pytest.raises(InputRejected, match="gibt es nicht"):
        client_sheet.client_sheet(store, uuid.uuid4(), today=TODAY)
