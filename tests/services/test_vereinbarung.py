"""The Vereinbarungsblatt drafted from a consultation: who it is for, what was agreed, no note."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.vereinbarung import (
    AgreementItem,
    contact_line,
    remember_contact_line,
    vereinbarung_draft,
    vereinbarung_pdf,
)
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family

NOTE = "Vertraulich: Frau H. berichtet von Streit mit dem Vermieter."


def consult(store: Store, family: Family, **fields: object) -> object:
    data = ConsultationInput(
        household_id=family.household.id,
        date=date(2026, 11, 18),
        duration_minutes=60,
        contact_type="buero",
        agreements="- Weiterbewilligungsantrag ausfüllen\n\n• Kontoauszüge mitbringen",
        follow_up_on=date(2026, 12, 2),
        note=NOTE,
        **fields,  # type: ignore[arg-type]
    )
    return record_consultation(store, data, today=TODAY)


def pdf_text(data: bytes) -> str:
    """The PDF's words with every line break and space run as one space (cells wrap)."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_draft_takes_each_agreed_line_and_the_follow_up_date(
    store: Store, family: Family
) -> None:
    saved = consult(store, family, persons_present=(family.mother.id,))
    sheet = vereinbarung_draft(store, saved.id)  # type: ignore[attr-defined]
    assert sheet.items == (
        AgreementItem("Weiterbewilligungsantrag ausfüllen"),
        AgreementItem("Kontoauszüge mitbringen"),
    )
    assert sheet.next_appointment == date(2026, 12, 2)
    assert sheet.for_names == ("Rania Haddad",)
    assert (sheet.household_ref, sheet.counsellor, sheet.contact_date) == (
        "B1-2024-001",
        "Anna Berg",
        date(2026, 11, 18),
    )


def test_without_persons_present_the_sheet_is_for_the_household(
    store: Store, family: Family
) -> None:
    saved = consult(store, family)
    assert vereinbarung_draft(store, saved.id).for_names == (  # type: ignore[attr-defined]
        "Rania Haddad",
        "Omar Haddad",
    )


def test_the_pdf_names_the_people_and_steps_but_never_the_note(
    store: Store, family: Family
) -> None:
    saved = consult(store, family, persons_present=(family.mother.id,))
    remember_contact_line(store, "Tel. 0351  123456 ")
    items = [
        AgreementItem("Antrag beim Jobcenter abgeben", "Frau Haddad", date(2026, 11, 30)),
        AgreementItem("Mietvertrag", bring=True),
    ]
    text = pdf_text(vereinbarung_pdf(store, saved.id, items))  # type: ignore[attr-defined]
    for expected in (
        "Rania Haddad",
        "Antrag beim Jobcenter abgeben",
        "30.11.2026",
        "Mietvertrag",
        "Mittwoch, 02.12.2026",
        "Tel. 0351 123456",
        "Gespräch am 18.11.2026",
    ):
        assert expected in text, expected
    assert "Vermieter" not in text
    assert "Omar" not in text  # only who was there
    assert "Weiterbewilligungsantrag" not in text  # the edited steps replace the draft's


def test_the_contact_line_is_remembered(store: Store) -> None:
    assert contact_line(store) == ""
    remember_contact_line(store, "Tel. 0351 123456")
    assert contact_line(store) == "Tel. 0351 123456"
