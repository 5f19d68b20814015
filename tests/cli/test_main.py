"""The entry point loads only the command it runs (start time), but helps with all of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from fsa_desk.cli.gui_command import gui_data_dir
from fsa_desk.cli.main import COMMAND_MODULES, build_parser, requested_command


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], "gui"),
        (["--data-dir", "/tmp/x"], "gui"),
        (["--debug", "gui", "--demo"], "gui"),
        (["--data-dir=/tmp/x", "report", "monthly"], "report"),
        (["--help"], None),
        (["--version"], None),
        (["--data-dir"], None),
    ],
)
def test_the_command_word_is_found_before_parsing(argv: list[str], command: str | None) -> None:
    assert requested_command(argv) == command


def test_help_lists_every_command() -> None:
    help_text = build_parser().format_help()
    for command in COMMAND_MODULES:
        assert command in help_text


def test_the_gui_command_does_not_load_the_other_commands() -> None:
    probe = (
        "import sys\n"
        "from fsa_desk.cli.main import build_parser\n"
        "build_parser('gui')\n"
        "loaded = [m for m in sys.modules if m.startswith('fsa_desk.cli.')]\n"
        "print(','.join(sorted(loaded)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.strip().split(","))
    assert "fsa_desk.cli.gui_command" in loaded
    assert not loaded & {"fsa_desk.cli.report_command", "fsa_desk.cli.demo_command"}


def test_the_gui_data_folder_option_and_variable_win_over_the_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "aus-den-einstellungen"
    monkeypatch.delenv("FSA_DESK_DATA_DIR", raising=False)
    assert gui_data_dir(None, chosen) == chosen
    assert gui_data_dir(str(tmp_path / "option"), chosen) == tmp_path / "option"
    monkeypatch.setenv("FSA_DESK_DATA_DIR", str(tmp_path / "variable"))
    assert gui_data_dir(None, chosen) == tmp_path / "variable"
