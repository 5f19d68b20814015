"""The Abrechnung view: recent periods as the data stand, creating one, the status workflow
with its German refusals, and the exports."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from tests.services.conftest import TODAY, Family, family  # noqa: F401  (fixture)
from tests.services.fachleistung_fixtures import open_case, record_contacts

from fsa_desk.gui import fachleistung_format
from fsa_desk.gui.context import AppContext
from fsa_desk.gui.fachleistung_abrechnung import AbrechnungView
from fsa_desk.services import bewilligung, billing_rules, fachleistung
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.store.store import Store


@pytest.fixture
def view(qtbot: QtBot, context: AppContext, store: Store, family: Family) -> AbrechnungView:  # noqa: F811
    billing_rules.set_rule(
        store, billing_rules.RuleInput(date(2025, 1, 1), hourly_rate=Decimal("62.50"))
    )
    case = open_case(store, family, opened_on=date(2026, 9, 1))
    bewilligung.record_bewilligung(
        store,
        BewilligungInput(
            case.case_id, "50.2-FL-2026-0077", date(2026, 10, 1), date(2027, 9, 30), Decimal(40)
        ),
        today=TODAY,
    )
    record_contacts(store, family, [date(2026, 10, 5), date(2026, 10, 19)], minutes=60)
    view = AbrechnungView(context, clock=lambda: TODAY)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    return view


def periods(view: AbrechnungView) -> list[tuple[str, str]]:
    model = view.periods_model
    return [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())]


def select(view: AbrechnungView, label: str) -> None:
    row = next(i for i, (shown, _status) in enumerate(periods(view)) if shown == label)
    view.periods.table.selectRow(row)


def test_recent_periods_show_their_lines_as_the_data_stand(
    qtmodeltester, view: AbrechnungView
) -> None:
    assert [label for label, _status in periods(view)] == [
        "11/2026", "10/2026", "09/2026", "08/2026", "07/2026", "06/2026",
    ]  # fmt: skip
    assert {status for _label, status in periods(view)} == {"nicht angelegt"}
    select(view, "10/2026")
    assert view.heading.text() == "Abrechnung 10/2026 · nicht angelegt"
    assert view.lines_model.index(0, 0).data() == "50.2-FL-2026-0077"
    assert view.lines_model.index(0, 3).data() == "2,00"
    assert view.total.text() == "Summe: 2,00 Std., 125,00 €"
    assert view.create_button.isVisible()
    qtmodeltester.check(view.lines_model)


def test_create_check_and_submit_with_an_invoice_number(
    qtbot: QtBot, view: AbrechnungView, store: Store
) -> None:
    select(view, "10/2026")
    view.create_button.click()
    assert ("10/2026", "offen") in periods(view)
    select(view, "10/2026")
    assert view.status_buttons["geprueft"].isVisible()
    assert not view.status_buttons["gesperrt"].isVisible()
    view.status_buttons["geprueft"].click()
    select(view, "10/2026")
    view.status_buttons["eingereicht"].click()
    assert "Rechnungsnummer" in view.message.text()  # refused, in German
    [stored] = fachleistung.abrechnungen(store)
    assert stored.status == "geprueft"
    qtbot.keyClicks(view.invoice, "2026-0042")
    view.status_buttons["eingereicht"].click()
    [stored] = fachleistung.abrechnungen(store)
    assert (stored.status, stored.invoice_number) == ("eingereicht", "2026-0042")


def test_the_csv_export_carries_the_lines(
    view: AbrechnungView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "abrechnung.csv"
    monkeypatch.setattr(fachleistung_format, "choose_save_path", lambda *args: target)
    select(view, "10/2026")
    view.csv_button.click()
    lines = target.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("aktenzeichen;")
    assert lines[1].startswith("50.2-FL-2026-0077;2026-10-01;2027-09-30;40,00;2,00;")
