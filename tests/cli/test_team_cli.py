"""The CLI contract of ``team create|join|card|enrol|revoke|status`` (DESIGN.md §5, §6)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from fsa_desk.cli.main import main
from tests.cli.conftest import PASSPHRASE

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Run:
    """``run(data_dir, *args)`` → (exit code, stdout, stderr) of ``fsa-desk --data-dir …``."""
    monkeypatch.setenv("FSA_DESK_PASSPHRASE", PASSPHRASE)

    def call(data_dir: Path, *args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data_dir), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def lead(run: Run, tmp_path: Path) -> Path:
    root = tmp_path / "lead"
    assert run(root, "init", "--name", "Lea Leitung", "--code", "L1", "--role", "lead")[0] == 0
    return root


@pytest.fixture
def counsellor(run: Run, tmp_path: Path) -> Path:
    root = tmp_path / "anna"
    assert run(root, "init", "--name", "Anna Berg", "--code", "B1", "--role", "counsellor")[0] == 0
    return root


def test_the_whole_team_flow(run: Run, lead: Path, counsellor: Path, tmp_path: Path) -> None:
    team_file, key, card = tmp_path / "team.json", tmp_path / "recovery.key", tmp_path / "b1.card"
    code, out, _ = run(lead, "team", "create", "-o", str(team_file), "--recovery-key-out", str(key))
    assert code == 0 and "Tresor" in out
    lead_fingerprint = re.search(r"([0-9A-F]{4}( [0-9A-F]{4}){7})", out)
    assert lead_fingerprint is not None
    code, out, _ = run(counsellor, "team", "join", str(team_file))
    assert code == 0 and lead_fingerprint.group(1) in out
    code, out, _ = run(counsellor, "team", "card", "-o", str(card), "--json")
    assert code == 0
    card_fingerprint = json.loads(out)["fingerprint"]
    code, out, err = run(lead, "team", "enrol", str(card))  # not a terminal: no silent yes
    assert code == 2 and "--yes" in err and card_fingerprint in out
    code, out, _ = run(lead, "team", "enrol", str(card), "--yes")
    assert code == 0 and "Anna Berg" in out
    code, out, _ = run(lead, "team", "status", "--json")
    [device] = json.loads(out)["devices"]
    assert (device["device"]["code"], device["missing"]) == ("B1", [])
    code, out, _ = run(lead, "team", "revoke", card_fingerprint)
    assert code == 0
    code, out, _ = run(lead, "team", "status")
    assert "widerrufen" in out


def test_team_commands_refuse_the_wrong_role_with_exit_2(
    run: Run, lead: Path, counsellor: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        counsellor,
        "team",
        "create",
        "-o",
        str(tmp_path / "t"),
        "--recovery-key-out",
        str(tmp_path / "k"),
    )
    assert code == 2 and err.startswith("fsa-desk: ") and err.count("\n") == 1
    code, _, err = run(lead, "team", "revoke", "nicht-hex")
    assert code == 2


def test_a_damaged_team_file_is_rejected_with_exit_3(
    run: Run, counsellor: Path, tmp_path: Path
) -> None:
    team_file = tmp_path / "team.json"
    team_file.write_text('{"team": {}, "signature": "00"}\n')
    code, _, err = run(counsellor, "team", "join", str(team_file))
    assert code == 3 and "Team-Datei" in err
