"""The Art. 15 access PDF: German labels, every value, empty categories said so."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from fsa_desk.forms.layout import render_text
from fsa_desk.forms.subject_access import (
    AccessReport,
    AccessSection,
    subject_access_document,
    subject_access_pdf,
)

REPORT = AccessReport(
    person_id="0f0e",
    person_name="Rania Haddad",
    generated_on=date(2026, 11, 20),
    provider="Ausländerrat",
    sections=(
        AccessSection(
            "person",
            "Person",
            (
                (
                    ("family_name", "Haddad"),
                    ("interpreter_needed", True),
                    ("arrival_date", "2024-02-29"),
                ),
            ),
        ),
        AccessSection("consents", "Einwilligungen", ()),
    ),
    statements=("Namen anderer Personen sind durch [Dritte Person] ersetzt.",),
)


def test_the_text_has_german_labels_and_says_when_nothing_is_stored() -> None:
    text = render_text(subject_access_document(REPORT))
    assert "Auskunft über gespeicherte Daten (Art. 15 DSGVO)" in text
    assert "Nachname" in text and "Haddad" in text and "ja" in text
    assert "Keine Daten gespeichert." in text and "29.02.2024" in text
    assert "20.11.2026" in text and "[Dritte Person]" in text


def test_the_pdf_reads_back() -> None:
    reader = PdfReader(io.BytesIO(subject_access_pdf(REPORT)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Rania Haddad" in text and "Sprachmittlung nötig" in text
    assert "Ausländerrat" in text
