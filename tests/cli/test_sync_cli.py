"""The CLI contract of ``export``, ``import`` and ``handover`` (DESIGN.md §6): exit 0 when every
bundle was applied or already imported, 3 when any was rejected, 2 for unusable input."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.cli.test_team_cli import Run, counsellor, lead, run

__all__ = ["counsellor", "lead", "run"]


@dataclass(frozen=True)
class CliTeam:
    lead: Path
    counsellor: Path
    root: Path

    @property
    def recovery_key(self) -> Path:
        return self.root / "recovery.key"

    @property
    def card(self) -> Path:
        return self.root / "b1.card"


@pytest.fixture
def team(run: Run, lead: Path, counsellor: Path, tmp_path: Path) -> CliTeam:
    made = CliTeam(lead, counsellor, tmp_path)
    team_file = tmp_path / "team.json"
    steps = [
        (
            lead,
            ("team", "create", "-o", str(team_file), "--recovery-key-out", str(made.recovery_key)),
        ),
        (counsellor, ("team", "join", str(team_file))),
        (counsellor, ("team", "card", "-o", str(made.card))),
        (lead, ("team", "enrol", str(made.card), "--yes")),
    ]
    for data_dir, args in steps:
        assert run(data_dir, *args)[0] == 0
    return made


def _households_csv(tmp_path: Path) -> Path:
    path = tmp_path / "haushalte.csv"
    path.write_text("household_ref,allocation_date,district,counsellor_code\nB1-1,2024-01-10,,B1\n")
    return path


def test_export_then_import_then_again(run: Run, team: CliTeam, tmp_path: Path) -> None:
    assert run(team.counsellor, "import-csv", str(_households_csv(tmp_path)))[0] == 0
    bundle = tmp_path / "b1.fsabundle"
    code, out, _ = run(team.counsellor, "export", "-o", str(bundle), "--json")
    assert code == 0 and json.loads(out)["sequence"] == 1
    code, out, err = run(team.lead, "import", str(bundle), "--json")
    assert (code, err) == (0, "")
    [result] = json.loads(out)["bundles"]
    assert (result["status"], result["counsellor_code"], result["created"]) == ("applied", "B1", 2)
    code, out, _ = run(team.lead, "import", str(bundle))
    assert code == 0 and "bereits importiert" in out


def test_a_rejected_bundle_exits_3_and_valid_ones_are_still_applied(
    run: Run, team: CliTeam, tmp_path: Path
) -> None:
    good = tmp_path / "good.fsabundle"
    assert run(team.counsellor, "export", "-o", str(good))[0] == 0
    bad = tmp_path / "bad.fsabundle"
    bad.write_bytes(good.read_bytes()[:-50])
    code, out, err = run(team.lead, "import", str(bad), str(good))
    assert code == 3
    reason = "Das Paket ist beschädigt oder wurde nach dem Schreiben verändert."
    assert err == f"fsa-desk: {bad}: abgelehnt: {reason}\n"
    assert "good.fsabundle" in out and "Änderungen" in out


def test_dry_run_and_the_recovery_identity(run: Run, team: CliTeam, tmp_path: Path) -> None:
    bundle = tmp_path / "b1.fsabundle"
    assert run(team.counsellor, "export", "-o", str(bundle))[0] == 0
    code, out, _ = run(team.lead, "import", str(bundle), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["bundles"][0]["status"] == "would_apply"
    code, out, _ = run(
        team.lead, "import", str(bundle), "--identity", str(team.recovery_key), "--json"
    )
    assert code == 0 and json.loads(out)["bundles"][0]["status"] == "applied"


def test_unusable_input_exits_2(run: Run, team: CliTeam, tmp_path: Path) -> None:
    code, _, err = run(team.lead, "import", str(tmp_path / "missing.fsabundle"))
    assert code == 2 and err.count("\n") == 1
    not_a_key = tmp_path / "key.txt"
    not_a_key.write_text("hallo\n")
    bundle = tmp_path / "b1.fsabundle"
    assert run(team.counsellor, "export", "-o", str(bundle))[0] == 0
    code, _, _ = run(team.lead, "import", str(bundle), "--identity", str(not_a_key))
    assert code == 2


def test_a_counsellor_without_team_cannot_export(
    run: Run, counsellor: Path, tmp_path: Path
) -> None:
    code, _, err = run(counsellor, "export", "-o", str(tmp_path / "x.fsabundle"))
    assert code == 2 and "team join" in err


def test_handover_and_team_index_reach_the_counsellor(
    run: Run, team: CliTeam, tmp_path: Path
) -> None:
    assert run(team.counsellor, "import-csv", str(_households_csv(tmp_path)))[0] == 0
    bundle = tmp_path / "b1.fsabundle"
    assert run(team.counsellor, "export", "-o", str(bundle))[0] == 0
    assert run(team.lead, "import", str(bundle))[0] == 0
    handover, index = tmp_path / "handover.fsabundle", tmp_path / "index.fsabundle"
    code, out, _ = run(team.lead, "handover", "B1-1", "--to", str(team.card), "-o", str(handover))
    assert code == 0 and "B1" in out
    code, out, _ = run(team.lead, "team", "index", "-o", str(index), "--json")
    assert code == 0 and json.loads(out)["households"] == 1
    code, out, _ = run(team.counsellor, "import", str(handover), str(index), "--json")
    assert code == 0
    assert [b["status"] for b in json.loads(out)["bundles"]] == ["already_imported", "applied"]
    code, _, err = run(team.lead, "handover", "X-404", "--to", str(team.card), "-o", str(handover))
    assert code == 2 and "X-404" in err
