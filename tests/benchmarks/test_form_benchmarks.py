"""Form benchmarks (DESIGN.md §9): the Bedarfsanzeige PDF ≤ 150 ms, from the store to the bytes.

Run: pytest tests/benchmarks/test_form_benchmarks.py --benchmark-only
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import func, select
from tests.conftest import TEST_KEY

from fsa_desk.services.demo import generate_demo
from fsa_desk.services.fachleistung_documents import bedarfsanzeige_pdf
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.models import Bedarfsanzeige, BedarfsanzeigeCriterion
from fsa_desk.store.store import Store, open_store

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    root: Path = tmp_path_factory.mktemp("forms") / "data"
    initialise(root, TEST_KEY, NewInstallation("Koordination", "K1", "lead", "Träger"))
    with open_store(root, TEST_KEY) as store:
        generate_demo(store, households=300, months=36, seed=2, today=TODAY)
        yield store


def _fullest_bedarfsanzeige(store: Store) -> uuid.UUID:
    """The form with the most criteria: the longest of the demo's Bedarfsanzeigen."""
    with store.read() as session:
        return session.execute(
            select(Bedarfsanzeige.id)
            .join(BedarfsanzeigeCriterion)
            .group_by(Bedarfsanzeige.id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()


def test_bedarfsanzeige_pdf(benchmark: BenchmarkFixture, demo_store: Store) -> None:
    anzeige_id = _fullest_bedarfsanzeige(demo_store)
    bedarfsanzeige_pdf(demo_store, anzeige_id, today=TODAY)  # fonts registered once per process
    pdf = benchmark(lambda: bedarfsanzeige_pdf(demo_store, anzeige_id, today=TODAY))
    assert pdf.startswith(b"%PDF")
