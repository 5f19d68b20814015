"""An import killed at any moment (SIGKILL, no clean-up) leaves the database as it was."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from fsa_desk.services import sync_import
from fsa_desk.services.demo import generate_demo
from fsa_desk.services.maintenance import check_database
from fsa_desk.store.store import open_store
from tests.conftest import TEST_KEY
from tests.sync.teams import Team, digest, state

ROOT = Path(__file__).resolve().parents[2]
KILLS = 6


def _worker(data_dir: Path, bundle: Path) -> subprocess.Popen[str]:
    worker = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.import_worker", str(data_dir), str(bundle)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)},
    )
    assert worker.stdout is not None and worker.stdout.readline().strip() == "opened"
    return worker


def _import_seconds(data_dir: Path, bundle: Path) -> float:
    """How long an import runs once the store is open: the window to kill it in."""
    worker = _worker(data_dir, bundle)
    started = time.perf_counter()
    assert worker.stdout is not None and worker.stdout.readline().strip() == "applied"
    seconds = time.perf_counter() - started
    worker.communicate(timeout=600)
    return seconds


@pytest.mark.slow
def test_a_killed_import_changes_nothing_and_a_retry_imports_everything(
    sync_team: Team,
) -> None:
    generate_demo(sync_team["B1"], households=30, months=12, today=date(2025, 6, 30))
    bundle = sync_team.export("B1", "demo", full=True)
    sync_team.stores.pop("L1").close()
    pristine = sync_team.root / "L1"
    with open_store(pristine, TEST_KEY) as lead:
        before = digest(lead)
    complete_dir = sync_team.root / "complete"
    shutil.copytree(pristine, complete_dir)
    duration = _import_seconds(complete_dir, bundle)
    with open_store(complete_dir, TEST_KEY) as complete:
        finished = state(complete)
    rng = random.Random(20261125)
    interrupted = []
    for attempt in range(KILLS):  # one kill in each sixth of the import's run time
        lead_dir = sync_team.root / f"attempt-{attempt}"
        shutil.copytree(pristine, lead_dir)
        worker = _worker(lead_dir, bundle)
        time.sleep(duration * (attempt + rng.random()) / KILLS)
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=60)
        with open_store(lead_dir, TEST_KEY) as lead:
            with lead.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            if digest(lead) == before:
                interrupted.append(lead_dir)
            else:  # the kill came after the commit: then everything is there
                assert state(lead) == finished
    assert len(interrupted) >= KILLS // 2, "too few kills landed before the import committed"
    with open_store(interrupted[-1], TEST_KEY) as lead:
        summary = sync_import.import_bundles(lead, [bundle])
        assert summary.bundles[0].status == sync_import.APPLIED
        assert check_database(lead) == []
        assert state(lead) == finished
