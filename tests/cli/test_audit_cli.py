"""``fsa-desk audit``: the trail of a household as CSV or PDF; bad references are one line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from fsa_desk.services import households, persons
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import open_store
from tests.cli.conftest import PASSPHRASE, Cli


@pytest.fixture
def cli(installed: Cli, data: Path) -> Cli:
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        household = households.create_household(
            store, households.NewHousehold("B1-2026-001"), today=date(2026, 11, 20)
        )
        persons.create_person(
            store, persons.PersonData("Haddad", "Rania"), household.id, "haushaltsvorstand"
        )
    return installed


def test_csv_and_pdf_of_a_household(cli: Cli, tmp_path: Path) -> None:
    csv_file, pdf_file = tmp_path / "trail.csv", tmp_path / "trail.pdf"
    code, _out, err = cli("audit", "--household", "B1-2026-001", "-o", str(csv_file))
    assert (code, err) == (0, "")
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "Haushalt;" in text and "angelegt" in text
    assert "Rania" not in text and "Haddad" not in text
    code, _out, err = cli(
        "audit", "--household", "B1-2026-001", "--format", "pdf", "-o", str(pdf_file)
    )
    assert (code, err) == (0, "")
    pdf_text = "".join(page.extract_text() for page in PdfReader(pdf_file).pages)
    assert "Änderungsprotokoll" in pdf_text and "B1-2026-001" in pdf_text
    assert "Rania" not in pdf_text


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [
        (("--household", "B1-1999-404"), 3),
        (("--person", "not-an-id"), 2),
        (("--household", "B1-2026-001", "--from", "01.11.2026"), 2),
    ],
)
def test_bad_references_are_one_line(
    cli: Cli, tmp_path: Path, args: tuple[str, ...], exit_code: int
) -> None:
    target = tmp_path / "trail.csv"
    code, out, err = cli("audit", *args, "-o", str(target))
    assert out == ""
    assert code == exit_code
    assert err.startswith("fsa-desk: ") and err.count("\n") == 1
    assert not target.exists()
