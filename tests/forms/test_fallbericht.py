"""The Fallbericht PDF as the Sozialamt clerk receives it: the frame on every page, the figures,
the client's words verbatim, and long texts that lose nothing."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from fsa_desk.services import fallbericht
from fsa_desk.store.store import Store
from tests.forms.conftest import assert_a4, body_text, flat, ink_share, pages_text, render_pages
from tests.services.conftest import TODAY, Family
from tests.services.test_fallbericht import CLIENT_WORDS, approved_case

LONG = "\n\n".join(
    f"Abschnitt {n}: Die Familie wurde eng begleitet. " + "Termine fanden regelmäßig statt. " * 35
    for n in range(1, 9)
)


def _report(store: Store, family: Family, kind: str = "verlaengerung", **texts: str) -> uuid.UUID:
    approved = approved_case(store, family)
    report_id = fallbericht.draft_fallbericht(store, approved.case.case_id, kind, today=TODAY)
    if texts:
        data = fallbericht.get_fallbericht(store, report_id, today=TODAY).data
        fallbericht.update_fallbericht(store, report_id, replace(data, **texts), today=TODAY)
    return report_id


def test_every_page_is_a4_with_the_frame_the_clerk_needs(store: Store, family: Family) -> None:
    report_id = _report(store, family, course=LONG)
    pdf = fallbericht.fallbericht_pdf(store, report_id, today=TODAY)
    assert_a4(pdf)
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        page = flat(text)
        assert "Träger: Ausländerrat" in page
        assert "Haushalt: B1-2024-001" in page
        assert f"Seite {number} von {len(pages)}" in page
        assert "ENTWURF – nicht amtlicher Kriterienkatalog" in page
        assert "Entwurf" in page.replace("ENTWURF", "")  # the report itself is a draft


def test_long_texts_lose_nothing(store: Store, family: Family) -> None:
    report_id = _report(store, family, course=LONG, obstacles_official=LONG)
    whole = body_text(fallbericht.fallbericht_pdf(store, report_id, today=TODAY))
    for n in range(1, 9):
        assert whole.count(f"Abschnitt {n}:") == 2
    assert whole.count("Termine fanden regelmäßig statt.") == 2 * 8 * 35


def test_the_figures_goals_and_the_clients_words_are_printed(store: Store, family: Family) -> None:
    report_id = _report(
        store,
        family,
        further_need="Weiter Begleitung bei Behördenkontakten.",
        obstacles_structural="Kaum bezahlbarer Wohnraum.",
    )
    pdf = fallbericht.fallbericht_pdf(store, report_id, today=TODAY)
    whole = body_text(pdf)
    preview = fallbericht.fallbericht_preview(store, report_id, today=TODAY)
    for expected in (
        "Bericht zur Verlängerung",
        "50.2-FL-2025-0042",
        "01.01.2026 – 31.12.2026",  # approved
        "01.01.2026 – 20.11.2026",  # reported
        "Wohnen | 25 | 4,5",
        "Gesundheit | 15 | 1",
        "Summe | 40 | 6",
        "Dokumentierte Kontakte: 5, davon direkte Kontakte mit der Klientin oder dem Klienten: 3",
        "In eigenen Worten: Ich will in meiner Wohnung bleiben.",
        "Fachlich: Wohnungssicherung",
        "weitgehend erreicht | erreicht | offen",
        "Die Begleitung zum Amtsgericht.",
        CLIENT_WORDS,
        "(am 05.11.2026)",
        "Kaum bezahlbarer Wohnraum.",
        "Weiter Begleitung bei Behördenkontakten.",
        "Unterschrift Berater:in",
        "Unterschrift Klient:in (zur Kenntnis genommen)",
        "Rania Haddad",
    ):
        assert expected in preview, expected
        for cell in expected.split(" | "):
            assert flat(cell) in whole, cell


def test_a_sent_report_has_no_draft_mark(store: Store, family: Family) -> None:
    report_id = _report(store, family, kind="abschluss")
    fallbericht.mark_ready(store, report_id)
    fallbericht.mark_sent(store, report_id, date(2026, 11, 19), today=TODAY)
    first = flat(pages_text(fallbericht.fallbericht_pdf(store, report_id, today=TODAY))[0])
    assert "Entwurf" not in first.replace("ENTWURF – nicht amtlicher", "")
    assert "Abschlussbericht" in first
    assert "Nach dem Ende der Fachleistung" in first + " ".join(
        pages_text(fallbericht.fallbericht_pdf(store, report_id, today=TODAY))
    )


@pytest.mark.parametrize("words", ["Я очень устала, но квартира осталась.", "Ελπίζω"])
def test_the_clients_words_in_another_script_reach_the_pdf(
    store: Store, family: Family, words: str
) -> None:
    report_id = _report(store, family, client_assessment=words)
    whole = " ".join(pages_text(fallbericht.fallbericht_pdf(store, report_id, today=TODAY)))
    assert words in flat(whole)


def test_pages_render_as_images_with_content(store: Store, family: Family, tmp_path: Path) -> None:
    report_id = _report(store, family, course=LONG)
    pdf = fallbericht.fallbericht_pdf(store, report_id, today=TODAY)
    images = render_pages(pdf, tmp_path, "fallbericht")
    assert len(images) == len(pages_text(pdf))
    assert all(ink_share(image) > 0.01 for image in images)
