"""``fsa-desk subject-access`` and ``fsa-desk retention run``: files, summaries, exit codes."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from fsa_desk.services import households, persons
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import open_store
from tests.cli.conftest import PASSPHRASE, Cli
from tests.cli.test_sync_cli import CliTeam, team
from tests.cli.test_team_cli import Run, counsellor, lead, run
from tests.services.test_retention import raw_text

__all__ = ["counsellor", "lead", "run", "team"]


def _family(data: Path) -> tuple[uuid.UUID, uuid.UUID]:
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        household = households.create_household(
            store, households.NewHousehold("B1-2025-011", allocation_date=date(2025, 1, 6))
        )
        mother = persons.create_person(
            store, persons.PersonData("Haddad", "Rania"), household.id, "haushaltsvorstand"
        )
        child = persons.create_person(
            store, persons.PersonData("Haddad", "Omar"), household.id, "kind"
        )
        households.set_status(
            store, household.id, "abgeschlossen", closure_reason="umzug", today=date(2020, 1, 1)
        )
        return mother.id, child.id


def test_subject_access_writes_a_pdf_and_json_of_that_person_only(
    installed: Cli, data: Path, tmp_path: Path
) -> None:
    mother, _child = _family(data)
    code, out, err = installed("subject-access", str(mother), "-o", str(tmp_path / "a"), "--json")
    assert code == 0, err
    paths = json.loads(out)
    pdf = "".join(page.extract_text() for page in PdfReader(paths["pdf"]).pages)
    content = Path(paths["json"]).read_text(encoding="utf-8")
    assert "Rania" in pdf and "Rania" in content
    assert "Omar" not in pdf and "Omar" not in content


def test_subject_access_with_a_bad_id_is_a_usage_error_and_writes_nothing(
    installed: Cli, tmp_path: Path
) -> None:
    code, out, err = installed("subject-access", "keine-id", "-o", str(tmp_path / "a"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "keine-id" in err
    assert not (tmp_path / "a").exists()


def test_subject_access_for_an_unknown_person_is_rejected(installed: Cli, tmp_path: Path) -> None:
    code, _out, err = installed("subject-access", str(uuid.uuid4()), "-o", str(tmp_path / "a"))
    assert code == 3 and err.count("\n") == 1
    assert not (tmp_path / "a").exists()


def test_retention_dry_run_previews_and_the_run_erases(installed: Cli, data: Path) -> None:
    _family(data)
    code, out, err = installed("retention", "run", "--dry-run", "--json")
    assert code == 0, err
    assert json.loads(out)["counts"]["closed_households"] == 1
    code, out, _err = installed("retention", "run", "--dry-run")
    assert "1" in out and "Haddad" not in out
    code, out, err = installed("retention", "run", "--json")
    summary = json.loads(out)
    assert code == 0 and summary["counts"]["closed_households"] == 1
    assert [entry["category"] for entry in summary["protocol"]] == ["closed_households"]
    code, out, _err = installed("retention", "run", "--json")
    assert json.loads(out)["counts"]["closed_households"] == 0


def test_at_the_lead_erased_data_do_not_come_back_with_an_old_bundle(
    run: Run, team: CliTeam, tmp_path: Path
) -> None:
    _family(team.counsellor)
    bundle = tmp_path / "b1.fsabundle"
    assert run(team.counsellor, "export", "-o", str(bundle))[0] == 0
    assert run(team.lead, "import", str(bundle))[0] == 0
    assert "Rania" in _raw_text(team.lead)
    code, out, err = run(team.lead, "retention", "run", "--json")
    assert code == 0, err
    assert json.loads(out)["counts"]["closed_households"] == 1
    assert "Rania" not in _raw_text(team.lead)
    code, out, _err = run(team.lead, "import", str(bundle))
    assert code == 0 and "bereits importiert" in out
    full = tmp_path / "full.fsabundle"
    assert run(team.counsellor, "export", "--full", "-o", str(full))[0] == 0
    assert run(team.lead, "import", str(full))[0] == 0
    dump = _raw_text(team.lead)
    assert "Rania" not in dump and "B1-2025-011" not in dump


def _raw_text(data: Path) -> str:
    with open_store(data, DatabaseKey.passphrase(PASSPHRASE)) as store:
        return raw_text(store)


def test_an_erasure_travels_to_the_lead_and_its_run_clears_the_history(
    run: Run, team: CliTeam, tmp_path: Path
) -> None:
    _family(team.counsellor)
    first, second = tmp_path / "1.fsabundle", tmp_path / "2.fsabundle"
    assert run(team.counsellor, "export", "-o", str(first))[0] == 0
    assert run(team.lead, "import", str(first))[0] == 0
    assert run(team.counsellor, "retention", "run")[0] == 0
    assert "Rania" not in _raw_text(team.counsellor)
    assert run(team.counsellor, "export", "-o", str(second))[0] == 0
    assert run(team.lead, "import", str(second))[0] == 0
    code, out, _err = run(team.lead, "retention", "run", "--dry-run", "--json")
    assert json.loads(out)["counts"]["erased_elsewhere"] > 0
    code, out, err = run(team.lead, "retention", "run", "--json")
    assert code == 0, err
    assert json.loads(out)["counts"]["closed_households"] == 0  # already erased by the bundle
    assert run(team.lead, "import", str(first))[0] == 0
    dump = _raw_text(team.lead)
    assert "Rania" not in dump and "B1-2025-011" not in dump
