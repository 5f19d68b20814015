"""Bundles of every released format still import (DESIGN.md §10): the golden bundles in
``tests/golden/bundles``, written by ``make_bundles.py`` when a format was released."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from fsa_desk.services import sync_import, team_index
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.maintenance import check_database
from fsa_desk.services.team import create_team, enrol, join_team
from fsa_desk.store.models import Consultation, Household, Person
from fsa_desk.store.store import open_store
from tests.conftest import TEST_KEY

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "bundles"
FORMATS = sorted(GOLDEN.glob("format-*"))


def _expected(folder: Path) -> list[dict[str, object]]:
    return json.loads((folder / "expected.json").read_text())


@pytest.mark.parametrize("folder", FORMATS, ids=lambda p: p.name)
def test_a_new_lead_imports_golden_exports_with_the_recovery_key(
    folder: Path, tmp_path: Path
) -> None:
    initialise(tmp_path / "lead", TEST_KEY, NewInstallation("Neue Leitung", "NL", "lead", "Golden"))
    exports = [e for e in _expected(folder) if e["kind"] in ("delta", "full")]
    with open_store(tmp_path / "lead", TEST_KEY) as lead:
        create_team(lead, tmp_path / "team.json", tmp_path / "recovery.key")
        enrol(lead, folder / "counsellor.card")
        files = [folder / str(e["file"]) for e in exports]
        summary = sync_import.import_bundles(lead, files, identity_files=[folder / "recovery.key"])
        got = [
            {
                "status": b.status,
                "kind": b.kind,
                "changes": b.changes,
                "created": b.created,
                "updated": b.updated,
            }
            for b in summary.bundles
        ]
        want = [
            {k: e[k] for k in ("status", "kind", "changes", "created", "updated")} for e in exports
        ]
        assert got == want
        again = sync_import.import_bundles(lead, files, identity_files=[folder / "recovery.key"])
        assert {b.status for b in again.bundles} == {sync_import.ALREADY}
        assert check_database(lead) == []
        with lead.read() as session:
            assert session.scalars(select(Household.household_ref)).all() == ["G1-2024-001"]
            notes = set(session.scalars(select(Consultation.note)))
            assert notes == {"Synthetischer Testeintrag", None}  # vertraulich stayed home
            names = {
                p.given_name: p.deleted_hlc is not None for p in session.scalars(select(Person))
            }
            assert names == {"Rana": True, "Omar": False}


@pytest.mark.parametrize("folder", FORMATS, ids=lambda p: p.name)
def test_a_counsellor_imports_the_golden_handover_and_index(folder: Path, tmp_path: Path) -> None:
    initialise(
        tmp_path / "b", TEST_KEY, NewInstallation("Vertretung", "V1", "counsellor", "Golden")
    )
    lead_bundles = [e for e in _expected(folder) if e["kind"] in ("handover", "index")]
    with open_store(tmp_path / "b", TEST_KEY) as counsellor:
        join_team(counsellor, folder / "team.json")
        files = [folder / str(e["file"]) for e in lead_bundles]
        summary = sync_import.import_bundles(
            counsellor, files, identity_files=[folder / "counsellor.key"]
        )
        assert [b.status for b in summary.bundles] == [e["status"] for e in lead_bundles]
        assert check_database(counsellor) == []
        [hit] = team_index.search(counsellor, "Haddad")
        assert hit.household_ref == "G1-2024-001" and hit.taken_on
