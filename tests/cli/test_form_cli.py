"""``fsa-desk form``: PDFs by the IDs ``report fachleistung`` lists; typos are usage errors."""

from __future__ import annotations

import io
import json
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from fsa_desk.services import bewilligung, fachleistung, fallbericht, households, persons
from fsa_desk.services.bewilligung import BewilligungInput
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import Store, open_store
from tests.cli.conftest import PASSPHRASE, Cli
from tests.services.conftest import Family
from tests.services.fachleistung_fixtures import Case, draft, open_case

TODAY = date.today()


def _case(store: Store) -> Case:
    household = households.create_household(
        store, households.NewHousehold("B1-2025-010", allocation_date=date(2025, 1, 6))
    )
    mother = persons.create_person(
        store, persons.PersonData("Haddad", "Rania"), household.id, "haushaltsvorstand"
    )
    child = persons.create_person(store, persons.PersonData("Haddad", "Omar"), household.id, "kind")
    return open_case(store, Family(household, mother, child), opened_on=date(2025, 9, 1))


def _bedarfsanzeige(data: Path) -> uuid.UUID:
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        return draft(store, _case(store))


def _fallbericht(data: Path) -> tuple[Case, uuid.UUID]:
    """A case approved from 1 October 2025 for a year, its Fallbericht drafted."""
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        case = _case(store)
        anzeige_id = draft(store, case, period_from=date(2025, 10, 1), period_to=date(2026, 9, 30))
        bewilligung.record_bewilligung(
            store,
            BewilligungInput(
                case.case_id,
                "50.2-FL-2025-0099",
                date(2025, 10, 1),
                date(2026, 9, 30),
                Decimal(40),
                bedarfsanzeige_id=anzeige_id,
            ),
            today=TODAY,
        )
        return case, fallbericht.draft_fallbericht(store, case.case_id, "abschluss", today=TODAY)


def test_bedarfsanzeige_pdf_by_id(installed: Cli, data: Path, tmp_path: Path) -> None:
    anzeige_id = _bedarfsanzeige(data)
    target = tmp_path / "anzeige.pdf"
    code, out, err = installed("form", "bedarfsanzeige", str(anzeige_id), "-o", str(target))
    assert (code, err) == (0, "")
    assert str(target) in out
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Bedarfsanzeige Fachleistung" in text
    assert "B1-2025-010" in text


def test_json_summary(installed: Cli, data: Path, tmp_path: Path) -> None:
    anzeige_id = _bedarfsanzeige(data)
    target = tmp_path / "anzeige.pdf"
    code, out, _err = installed(
        "form", "bedarfsanzeige", str(anzeige_id), "-o", str(target), "--json"
    )
    assert code == 0
    summary = json.loads(out)
    assert summary["form"] == "bedarfsanzeige"
    assert summary["bytes"] == target.stat().st_size


@pytest.mark.parametrize(
    ("args", "exit_code", "says"),
    [
        (("bedarfsanzeige", "keine-id"), 2, "keine ID"),
        (("bedarfsanzeige", str(uuid.uuid4())), 3, "existiert nicht"),
        (("fallbericht", str(uuid.uuid4())), 3, "Fallbericht existiert nicht"),
        (("clientsheet", str(uuid.uuid4())), 3, "Fachleistungsfall gibt es nicht"),
        (("clientsheet", "Haddad"), 2, "keine ID"),
        (("abrechnung", "2025-13"), 2, "Abrechnungszeitraum"),
    ],
)
def test_bad_references_exit_with_one_clear_line(
    installed: Cli, tmp_path: Path, args: tuple[str, str], exit_code: int, says: str
) -> None:
    target = tmp_path / "x.pdf"
    code, _out, err = installed("form", *args, "-o", str(target))
    assert code == exit_code
    assert says in err
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()


def _pdf_text(path: Path) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)


def test_fallbericht_pdf_by_id(installed: Cli, data: Path, tmp_path: Path) -> None:
    _case_made, report_id = _fallbericht(data)
    target = tmp_path / "fallbericht.pdf"
    code, _out, err = installed("form", "fallbericht", str(report_id), "-o", str(target))
    assert (code, err) == (0, "")
    text = _pdf_text(target)
    assert "Fallbericht Fachleistung" in text
    assert "Abschlussbericht" in text
    assert "50.2-FL-2025-0099" in text
    assert "B1-2025-010" in text


def test_clientsheet_pdf_by_case_id(installed: Cli, data: Path, tmp_path: Path) -> None:
    case, _report_id = _fallbericht(data)
    target = tmp_path / "blatt.pdf"
    code, _out, err = installed("form", "clientsheet", str(case.case_id), "-o", str(target))
    assert (code, err) == (0, "")
    text = _pdf_text(target)
    assert "Für Sie zum Mitnehmen" in text
    assert "Ihre Daten – Ihre Rechte" in text
    assert "B1-2025-010" in text


def test_a_revoked_consent_writes_no_fallbericht(
    installed: Cli, data: Path, tmp_path: Path
) -> None:
    case, report_id = _fallbericht(data)
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        fachleistung.revoke_consent(store, case.consent_id, date(2025, 12, 1))
    target = tmp_path / "fallbericht.pdf"
    code, _out, err = installed("form", "fallbericht", str(report_id), "-o", str(target))
    assert code == 3
    assert "widerrufen" in err
    assert len(err.strip().splitlines()) == 1
    assert not target.exists()
