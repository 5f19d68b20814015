"""Service benchmarks (DESIGN.md §9): client search per keystroke at provider scale (≤ 30 ms),
saving a consultation through the service (≤ 20 ms).

Run: pytest tests/benchmarks/test_service_benchmarks.py --benchmark-only
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import cycle
from pathlib import Path

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select
from tests.conftest import TEST_KEY

from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.demo import generate_demo
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.search_index import search
from fsa_desk.store.models import Household, Membership, Person
from fsa_desk.store.store import Store, open_store

TODAY = date(2026, 11, 24)


@pytest.fixture(scope="module")
def provider_scale(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Four Mitte teams' households and persons (~2,000 households, ~5,600 persons)."""
    root: Path = tmp_path_factory.mktemp("provider") / "data"
    initialise(root, TEST_KEY, NewInstallation("Koordination", "K1", "lead", "Träger"))
    with open_store(root, TEST_KEY) as store:
        generate_demo(store, households=2000, months=6, seed=4, today=TODAY)
        yield store


def test_search_per_keystroke_at_provider_scale(
    benchmark: BenchmarkFixture, provider_scale: Store
) -> None:
    with provider_scale.read() as session:
        name = session.scalars(select(Person.family_name).limit(1)).one()
    # What a counsellor types, one keystroke after the other.
    keystrokes = cycle([name[:n] for n in range(1, len(name) + 1)] + ["1990", "K1-20"])
    hits = benchmark(lambda: search(provider_scale, next(keystrokes)))
    assert isinstance(hits, list)


def test_save_consultation_through_the_service(
    benchmark: BenchmarkFixture, provider_scale: Store
) -> None:
    with provider_scale.read() as session:
        household_id, person_id = session.execute(
            select(Household.id, Membership.person_id)
            .join(Membership, Membership.household_id == Household.id)
            .where(Household.allocation_date < date(2026, 1, 1))
            .limit(1)
        ).one()
    data = ConsultationInput(
        household_id,
        date(2026, 11, 20),
        45,
        "hausbesuch",
        travel_minutes=20,
        life_areas=("wohnen", "existenzsicherung"),
        persons_present=(person_id,),
        agreements="Unterlagen zum Termin mitbringen",
    )
    saved = benchmark(lambda: record_consultation(provider_scale, data, today=TODAY))
    assert saved.duration_minutes == 45
