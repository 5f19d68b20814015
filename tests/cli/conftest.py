"""Run the real ``fsa-desk`` entry point in-process against a data directory of the test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fsa_desk.cli.main import main

PASSPHRASE = "sicher-genug"
Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cli(data: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``cli(*args)`` runs ``fsa-desk --data-dir DATA *args`` → (exit code, stdout, stderr)."""
    monkeypatch.setenv("FSA_DESK_PASSPHRASE", PASSPHRASE)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--data-dir", str(data), *args])
        out, err = capsys.readouterr()
        return code, out, err

    return run


@pytest.fixture
def installed(cli: Cli) -> Cli:
    """``cli`` after ``init`` of a counsellor installation."""
    code, _, err = cli("init", "--name", "Anna Berg", "--code", "B1", "--role", "counsellor")
    assert code == 0, err
    return cli
