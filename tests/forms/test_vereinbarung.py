"""The Vereinbarungsblatt PDF, read back: the client's names, the steps, dates, no note."""

from __future__ import annotations

import io
from datetime import date, time

from pypdf import PdfReader

from fsa_desk.forms.vereinbarung import AgreementItem, VereinbarungSheet, render_pdf

SHEET = VereinbarungSheet(
    household_ref="B1-2024-001",
    for_names=("Rania Haddad", "Elif Doğan"),
    contact_date=date(2026, 11, 20),
    counsellor="Anna Berg",
    provider="Ausländerrat Dresden e. V.",
    contact_line="Tel. 0351 123456 · Sprechzeit Dienstag 9–12 Uhr",
    items=(
        AgreementItem("Weiterbewilligungsantrag ausfüllen", "Frau Haddad", date(2026, 12, 1)),
        AgreementItem("Schreiben an die Familienkasse schicken", "Anna Berg"),
        AgreementItem("Kontoauszüge der letzten drei Monate", bring=True),
        AgreementItem("Bescheid über Bürgergeld", bring=True),
    ),
    next_appointment=date(2026, 12, 8),
    next_time=time(10, 30),
)


def pdf_text(data: bytes) -> str:
    """The PDF's words with every line break and space run as one space (cells wrap)."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_sheet_carries_names_steps_documents_and_the_next_appointment() -> None:
    text = pdf_text(render_pdf(SHEET))
    for expected in (
        "Unsere Vereinbarung",
        "Für: Rania Haddad, Elif Doğan",
        "Gespräch am 20.11.2026",
        "Ihre Nummer bei uns: B1-2024-001",
        "Was ist zu tun?",
        "Weiterbewilligungsantrag ausfüllen",
        "Frau Haddad",
        "01.12.2026",
        "Schreiben an die Familienkasse schicken",
        "Bitte bringen Sie mit:",
        "Kontoauszüge der letzten drei Monate",
        "Bescheid über Bürgergeld",
        "Dienstag, 08.12.2026, 10:30 Uhr",
        "Anna Berg",
        "Ausländerrat Dresden e. V.",
        "Sprechzeit Dienstag 9–12 Uhr",
    ):
        assert expected in text, expected


def test_a_long_list_flows_onto_a_second_page_with_the_file_number_on_each() -> None:
    steps = tuple(AgreementItem(f"Schritt {n}: Unterlagen für das Amt prüfen") for n in range(40))
    data = render_pdf(VereinbarungSheet(**{**SHEET.__dict__, "items": steps}))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    assert all("B1-2024-001" in page.extract_text() for page in reader.pages)
    assert "Schritt 39" in pdf_text(data)


def test_without_steps_the_sheet_says_so_and_shows_no_empty_table() -> None:
    text = pdf_text(render_pdf(VereinbarungSheet(**{**SHEET.__dict__, "items": ()})))
    assert "Heute wurden keine weiteren Schritte vereinbart." in text
    assert "Bitte bringen Sie mit:" not in text
