"""Demo generation benchmarks (DESIGN.md §9: Mitte scale ≤ 60 s; ``gui --demo`` ≤ 5 s).

Run: pytest tests/benchmarks/test_demo_benchmarks.py --benchmark-only
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from tests.conftest import TEST_KEY

from fsa_desk.services.demo import DemoSummary, generate_demo
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.store import Store, open_store

TODAY = date(2026, 10, 31)


def lead_store(root: Path) -> Store:
    initialise(root, TEST_KEY, NewInstallation("Demo Koordination", "DK", "lead", "Demo-Träger"))
    return open_store(root, TEST_KEY)


@pytest.mark.parametrize(
    ("households", "months", "consultations"),
    [(500, 60, (55_000, 85_000)), (60, 24, (2_000, 8_000))],
    ids=["mitte", "gui-demo"],
)
def test_generate_demo(
    benchmark: BenchmarkFixture,
    tmp_path: Path,
    households: int,
    months: int,
    consultations: tuple[int, int],
) -> None:
    with lead_store(tmp_path / "data") as store:

        def generate() -> DemoSummary:
            return generate_demo(store, households=households, months=months, today=TODAY)

        summary = benchmark.pedantic(generate, rounds=1, iterations=1)
    benchmark.extra_info.update(
        households=summary.households,
        persons=summary.persons,
        consultations=summary.consultations,
    )
    assert consultations[0] <= summary.consultations <= consultations[1]
