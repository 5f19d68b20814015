"""Sync benchmarks at Mitte scale (DESIGN.md §9): weekly delta export ≤ 300 ms; full export and
import into an empty lead store ≤ 10 s, the import within 10× of raw ``sqlite3.executemany`` of
the same rows measured in the same run; re-import of 10 bundles ≤ 0.5 s; import peak memory
≤ 300 MB RSS. The figures land in the benchmark's ``extra_info``.

Run: pytest tests/benchmarks/test_sync_benchmarks.py --benchmark-only
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import create_engine
from tests.conftest import TEST_KEY
from tests.sync.teams import build_template

from fsa_desk.services import sync_export, sync_import
from fsa_desk.services.demo import generate_demo
from fsa_desk.store.base import Base
from fsa_desk.store.bulk import insert_rows
from fsa_desk.store.models import Consultation, Household
from fsa_desk.store.store import Store, exchanged_tables, open_store

ROOT = Path(__file__).resolve().parents[2]
RAW_BATCH = 20_000


@dataclass(frozen=True)
class World:
    root: Path

    @property
    def counsellor(self) -> Path:
        return self.root / "B1"

    @property
    def empty_lead(self) -> Path:
        return self.root / "L1"

    def fresh_lead(self, name: str) -> Path:
        target = self.root / name
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(self.empty_lead, target)
        return target


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    """A team whose counsellor B1 documented five years at Mitte scale (~50 s to build)."""
    root = tmp_path_factory.mktemp("sync-bench") / "team"
    build_template(root)
    with open_store(root / "B1", TEST_KEY) as counsellor:
        generate_demo(counsellor, households=500, months=60, today=date(2026, 6, 30))
        sync_export.export_bundle(counsellor, root / "first.fsabundle")  # the history is out
    return World(root)


def _a_weeks_work(store: Store, week: int) -> None:
    """About what one counsellor records in a week: 40 consultations."""
    counsellor = store.installation_counsellor_id()
    with store.read() as session:
        households = session.query(Household.id).limit(40).all()
    with store.transaction() as session:
        rows = [
            {
                "household_id": household_id,
                "counsellor_id": counsellor,
                "date": date(2026, 7, 1) + timedelta(days=7 * week + n % 5),
                "duration_minutes": 45,
                "contact_type": "buero",
                "module": "integrationsbuero",
                "note": "Wochenarbeit",
            }
            for n, (household_id,) in enumerate(households)
        ]
        insert_rows(session, Consultation, rows)


def test_weekly_delta_export(world: World, benchmark: BenchmarkFixture) -> None:
    weeks = iter(range(1000))
    with open_store(world.counsellor, TEST_KEY) as store:

        def one_week() -> tuple[tuple[()], dict[str, object]]:
            _a_weeks_work(store, next(weeks))
            return (), {}

        def export() -> None:
            target = world.root / f"week-{uuid.uuid4().hex}.fsabundle"
            summary = sync_export.export_bundle(store, target)
            assert summary.changes > 0

        benchmark.pedantic(export, setup=one_week, rounds=5, iterations=1)


def test_full_export_and_import_into_an_empty_lead(
    world: World, benchmark: BenchmarkFixture
) -> None:
    figures: dict[str, float] = {}
    lead_dir = world.root / "lead-full"

    def setup() -> tuple[tuple[()], dict[str, object]]:
        world.fresh_lead("lead-full")
        return (), {}

    def export_and_import() -> None:
        started = time.perf_counter()
        with open_store(world.counsellor, TEST_KEY) as counsellor:
            sync_export.export_bundle(counsellor, world.root / "full.fsabundle", full=True)
        figures["export_s"] = time.perf_counter() - started
        started = time.perf_counter()
        with open_store(lead_dir, TEST_KEY) as lead:
            summary = sync_import.import_bundles(lead, [world.root / "full.fsabundle"])
        figures["import_s"] = time.perf_counter() - started
        assert summary.bundles[0].status == sync_import.APPLIED

    benchmark.pedantic(export_and_import, setup=setup, rounds=1, iterations=1)
    figures["raw_executemany_s"] = raw_executemany_seconds(lead_dir, world.root / "raw.db")
    figures["import_to_raw_ratio"] = figures["import_s"] / figures["raw_executemany_s"]
    benchmark.extra_info.update({k: round(v, 3) for k, v in figures.items()})
    print(figures)
    assert figures["import_to_raw_ratio"] <= 10


def raw_executemany_seconds(lead_dir: Path, target: Path) -> float:
    """The same rows — change log and every exchanged table — written by plain ``sqlite3``
    ``executemany`` into an unencrypted database of the same schema; only the writes count."""
    target.unlink(missing_ok=True)
    Base.metadata.create_all(create_engine(f"sqlite:///{target}"))
    raw = sqlite3.connect(target)
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute("PRAGMA synchronous = NORMAL")
    seconds = 0.0
    with open_store(lead_dir, TEST_KEY) as lead, lead.engine.connect() as connection:
        source = connection.connection.dbapi_connection
        assert source is not None
        for table in ["change_log", *(t.name for t in exchanged_tables())]:
            for sql, rows in _table_rows(source, table):
                started = time.perf_counter()
                raw.executemany(sql, rows)
                seconds += time.perf_counter() - started
    started = time.perf_counter()
    raw.commit()
    seconds += time.perf_counter() - started
    raw.close()
    return seconds


def _table_rows(source: object, table: str) -> Iterator[tuple[str, list[tuple[object, ...]]]]:
    cursor = source.cursor()  # type: ignore[attr-defined]
    cursor.execute(f'SELECT * FROM "{table}"')
    names = [column[0] for column in cursor.description]
    sql = f'INSERT INTO "{table}" ({", ".join(names)}) VALUES ({", ".join("?" * len(names))})'
    while rows := cursor.fetchmany(RAW_BATCH):
        yield sql, rows


def test_reimport_of_ten_bundles(world: World, benchmark: BenchmarkFixture) -> None:
    lead_dir = world.fresh_lead("lead-ten")
    bundles = []
    with open_store(world.counsellor, TEST_KEY) as counsellor:
        for week in range(10):
            _a_weeks_work(counsellor, 100 + week)
            target = world.root / f"ten-{week}.fsabundle"
            sync_export.export_bundle(counsellor, target)
            bundles.append(target)
    with open_store(lead_dir, TEST_KEY) as lead:
        sync_import.import_bundles(lead, [world.root / "first.fsabundle", *bundles])

        def reimport() -> None:
            summary = sync_import.import_bundles(lead, bundles)
            assert {b.status for b in summary.bundles} == {sync_import.ALREADY}

        benchmark.pedantic(reimport, rounds=5, iterations=1)


def test_import_peak_memory(world: World, benchmark: BenchmarkFixture) -> None:
    """The full bundle imported by a process of its own; its peak resident set is the figure."""
    with open_store(world.counsellor, TEST_KEY) as counsellor:
        sync_export.export_bundle(counsellor, world.root / "full-rss.fsabundle", full=True)
    peak: dict[str, float] = {}

    def measured_import() -> None:
        lead_dir = world.fresh_lead("lead-rss")
        # VmHWM, not ru_maxrss: the latter keeps the peak of the forked parent before exec.
        code = (
            "import sys; from pathlib import Path; from tests.sync.import_worker import main; "
            "main(sys.argv[1], sys.argv[2]); "
            "print([l.split()[1] for l in Path('/proc/self/status').read_text().splitlines() "
            "if l.startswith('VmHWM')][0])"
        )
        output = subprocess.run(
            [sys.executable, "-c", code, str(lead_dir), str(world.root / "full-rss.fsabundle")],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + str(ROOT)},
        ).stdout.split()
        assert output[1] == "applied"
        peak["rss_mb"] = int(output[-1]) / 1024

    benchmark.pedantic(measured_import, rounds=1, iterations=1)
    benchmark.extra_info["peak_rss_mb"] = round(peak["rss_mb"], 1)
    print(peak)
    assert peak["rss_mb"] <= 300
