"""The client sheet PDF as the client takes it home: the frame on every page, large plain
German, pictograms that render, and long content that flows on without loss."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from fsa_desk.forms import client_sheet as form
from fsa_desk.services import client_sheet
from fsa_desk.store.store import Store
from tests.forms.conftest import assert_a4, body_text, flat, ink_share, pages_text, render_pages
from tests.services.conftest import TODAY, Family
from tests.services.test_client_sheet import sheet_case


def _sheet(goals: int = 2, **changes: object) -> form.ClientSheet:
    values: dict[str, object] = dict(
        household_ref="B1-2024-001",
        provider="Ausländerrat",
        names=("Rania Haddad",),
        made_on=date(2026, 11, 20),
        counsellor="Anna Berg",
        contact_line="Tel. 0351 123456, Sprechzeit Di 9–12 Uhr",
        goals=tuple(
            form.SheetGoal("Rania Haddad", f"Ziel {n}: Eine eigene Wohnung finden.")
            for n in range(1, goals + 1)
        ),
        steps=(form.SheetStep("Frau H. bringt die Mahnungen mit.", date(2026, 12, 1)),),
        documents=("Mietvertrag",),
        dates=(form.SheetDate("Rechtzeitig antworten: Bescheid", date(2026, 12, 10)),),
        complaint_contact="der Leitung von Ausländerrat",
    )
    values.update(changes)
    return form.ClientSheet(**values)  # type: ignore[arg-type]


def test_every_page_has_the_frame_and_is_a4(store: Store, family: Family) -> None:
    case = sheet_case(store, family)
    pdf = client_sheet.client_sheet_pdf(store, case.case_id, today=TODAY)
    assert_a4(pdf)
    pages = pages_text(pdf)
    for number, page in enumerate(pages, start=1):
        text = flat(page)
        assert "Träger: Ausländerrat" in text
        assert "Haushalt: B1-2024-001" in text
        assert f"Seite {number} von {len(pages)}" in text
        # A sheet for the client, not a form to the Amt: no catalogue mark that could alarm.
        assert "ENTWURF" not in text


def test_the_pdf_says_what_the_text_says(store: Store, family: Family) -> None:
    case = sheet_case(store, family)
    sheet = client_sheet.client_sheet(store, case.case_id, today=TODAY)
    whole = flat(" ".join(pages_text(form.pdf(sheet))))
    for line in form.text(sheet).splitlines():
        for cell in line.split(" | "):
            cell = cell.removeprefix("• ").removeprefix("[ ] ").strip()
            if cell and not cell.startswith(("أ", "Telefon und Sprechzeiten")):
                assert flat(cell) in whole, cell
    assert "Telefon und Sprechzeiten: ____" in whole  # a line to fill in by hand


def test_a_long_sheet_flows_onto_further_pages_without_loss() -> None:
    sheet = _sheet(goals=40)
    pdf = form.pdf(sheet)
    pages = pages_text(pdf)
    assert len(pages) >= 2
    whole = body_text(pdf)
    for n in range(1, 41):
        assert f"Ziel {n}: Eine eigene Wohnung finden." in whole
    assert "Seite 2 von" in flat(pages[1])


def test_without_provider_the_frame_says_so() -> None:
    pdf = form.pdf(_sheet(provider=None))
    assert all("Träger: nicht angegeben" in flat(page) for page in pages_text(pdf))


def test_pictograms_render_as_ink(tmp_path: Path) -> None:
    images = render_pages(form.pdf(_sheet()), tmp_path, "sheet")
    assert all(ink_share(image) > 0.01 for image in images)
    for kind in ("goals", "steps", "bring", "dates", "contact", "complaint", "data", "other"):
        drawing = form.pictogram(kind)
        assert (drawing.width, drawing.height) == (30, 30)
        assert drawing.contents  # something is drawn


def test_goals_keep_the_clients_words_unless_the_pdf_cannot_shape_their_script() -> None:
    russian = form.SheetGoal("Rania Haddad", "Я хочу работать", fallback="Arbeit finden")
    arabic = form.SheetGoal("Rania Haddad", "أريد شقة", fallback="Wohnung finden")
    alone = form.SheetGoal("Rania Haddad", "أريد شقة")
    assert [g.printable for g in (russian, arabic, alone)] == [
        "Я хочу работать",
        "Wohnung finden",
        "أريد شقة",  # nothing better to print: the letters as they are
    ]
    whole = flat(" ".join(pages_text(form.pdf(replace(_sheet(), goals=(russian,))))))
    assert "Я хочу работать" in whole
