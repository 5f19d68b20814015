"""Reports as PDF: A4 landscape, German, the chart and the tables, numbers German-style."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from tests.reports.conftest import Households

from fsa_desk.reports.common import Month, ReportParams
from fsa_desk.reports.pdf import number
from fsa_desk.services.reports import render, run_report
from fsa_desk.store.store import Store

PARAMS = ReportParams(from_month=Month(2024, 1), to_month=Month(2024, 10))
A4_LANDSCAPE = (842, 595)  # points, rounded


def pdf_of(store: Store, name: str, params: ReportParams = PARAMS) -> PdfReader:
    data = render(run_report(store, name, params), "pdf")
    assert isinstance(data, bytes)
    return PdfReader(io.BytesIO(data))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.mark.parametrize("name", ["monthly", "trajectory", "prognosis", "workload"])
def test_every_report_prints_on_a4_landscape_with_its_chart(
    store: Store, households: Households, name: str
) -> None:
    reader = pdf_of(store, name)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == A4_LANDSCAPE
    assert len(reader.pages[0].images) == 1  # the chart
    assert "01.2024" in text_of(reader) or "2024-01" in text_of(reader)


def test_monthly_pdf_is_german_with_labels_and_rounded_hours(
    store: Store, households: Households
) -> None:
    text = text_of(pdf_of(store, "monthly"))
    assert "Monatsauswertung" in text
    assert "Zeitraum: 2024-01 bis 2024-10" in text
    # January: HA 60 + HB 45 minutes = 1.75 h, shown German-style.
    assert "1,8" in text
    assert "Wohnen" in text  # a life area by its label, not its code
    assert "Integrationsbüro" in text


def test_prognosis_pdf_names_the_groups_and_the_team_forecast(
    store: Store, households: Households
) -> None:
    text = text_of(pdf_of(store, "prognosis"))
    assert "Direktkontakt im 2. Monat" in text
    assert "Team" in text
    assert "1,00" in text  # HA's group: 1 h a month


def test_an_empty_period_still_prints_and_says_so(store: Store) -> None:
    text = text_of(pdf_of(store, "monthly", ReportParams()))
    assert "Keine Daten" in text


@pytest.mark.parametrize(
    ("value", "decimals", "shown"),
    [
        (1234.56, 1, "1.234,6"),
        (0.5, 2, "0,50"),
        (12, 1, "12"),
        (None, 1, "–"),
        (1_000_000, 1, "1.000.000"),
    ],
)
def test_numbers_are_german(value: object, decimals: int, shown: str) -> None:
    assert number(value, decimals) == shown
