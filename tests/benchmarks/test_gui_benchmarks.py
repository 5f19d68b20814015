"""Start-up benchmark (DESIGN.md §9): from process start to a usable main window at Mitte scale
(500 households, 60 months) in ≤ 1 s.

``fsa-desk gui`` runs in a real subprocess with the passphrase from the environment and
``FSA_DESK_QUIT_WHEN_READY``: it prints a line once the window is shown and every page has its
data, then quits. The time measured is from starting the process to that line (the process's
own shutdown is not part of the start). Building the Mitte data takes ~50 s, once per module.

Run: pytest tests/benchmarks/test_gui_benchmarks.py --benchmark-only
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture

from fsa_desk.gui.app import QUIT_WHEN_READY_VARIABLE, READY_LINE
from fsa_desk.services.demo import generate_demo
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.preferences import CONFIG_DIR_VARIABLE
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import open_store

PASSPHRASE = "Apfel Fahrrad Kiste"
TODAY = date(2026, 10, 31)
TARGET_SECONDS = 1.0


@pytest.fixture(scope="module")
def mitte(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A counsellor's installation at Mitte scale, protected by a real passphrase."""
    root = tmp_path_factory.mktemp("mitte") / "data"
    key = DatabaseKey.passphrase(PASSPHRASE)
    initialise(root, key, NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat"))
    with open_store(root, key) as store:
        generate_demo(store, households=500, months=60, today=TODAY)
    return root


def gui_environment(config_dir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FSA_DESK_LANG": "de",
        "FSA_DESK_PASSPHRASE": PASSPHRASE,
        QUIT_WHEN_READY_VARIABLE: "1",
        CONFIG_DIR_VARIABLE: str(config_dir),  # never the user's own settings
    }


def start_until_ready(root: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    """Start ``fsa-desk gui`` and return as soon as it reports a usable main window."""
    process = subprocess.Popen(
        [sys.executable, "-m", "fsa_desk", "--data-dir", str(root), "gui"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == READY_LINE:
            return process
    process.wait()
    raise AssertionError(f"fsa-desk gui ended without a usable window (exit {process.returncode})")


def test_start_to_usable_main_window_at_mitte_scale(
    benchmark: BenchmarkFixture, mitte: Path, tmp_path: Path
) -> None:
    env = gui_environment(tmp_path / "config")
    started: list[subprocess.Popen[str]] = []

    def finish_previous() -> None:
        # The previous run's shutdown happens here, outside the measured time.
        while started:
            assert started.pop().wait(timeout=30) == 0

    def start() -> None:
        started.append(start_until_ready(mitte, env))

    benchmark.pedantic(start, setup=finish_previous, rounds=5, warmup_rounds=1)
    finish_previous()
    benchmark.extra_info["target_seconds"] = TARGET_SECONDS
