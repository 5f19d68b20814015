"""``fsa-desk --self-test``: every step passes on a sound installation, a broken one is named."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from fsa_desk import paths
from fsa_desk.cli.main import main
from fsa_desk.services import self_test
from fsa_desk.services.self_test import OldDatabase, failure_lines, run_self_test
from tests.conftest import TEST_KEY

GOLDEN = Path(__file__).resolve().parent / "golden" / "schema-0001_initial.db"


def test_every_step_passes_and_the_first_schema_revision_upgrades() -> None:
    results = run_self_test(old_database=OldDatabase(GOLDEN, TEST_KEY))
    assert [r.error for r in results if not r.passed] == []
    names = [result.name for result in results]
    assert "Paket hin und zurück" in names or "bundle round trip" in names
    assert len(names) == 8
    assert GOLDEN.stat().st_size > 0  # the golden file itself stays untouched


def test_cli_exits_0_and_runs_the_main_window_offscreen(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "Hauptfenster" in out or "main window" in out


def test_a_missing_catalog_fails_its_step_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "resources"
    shutil.copytree(paths.resources_dir(), broken, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(self_test, "resources_dir", lambda: broken)
    monkeypatch.setattr("fsa_desk.cli.self_test_command._gui_steps", lambda: [])
    assert main(["--self-test"]) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith("fsa-desk: ") and "FileNotFoundError" in errors[0]


def test_failure_lines_name_each_failed_step_once() -> None:
    results = [
        self_test.StepResult("a"),
        self_test.StepResult("b", "RuntimeError: x"),
        self_test.StepResult("c", "OSError: y"),
    ]
    lines = failure_lines(results)
    assert len(lines) == 2 and ": b: RuntimeError: x" in lines[0] and ": c: OSError: y" in lines[1]
