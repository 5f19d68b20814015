"""Client list benchmarks (DESIGN.md §9): a keystroke in the search field at provider scale costs
the ids of the whole result plus the first page of rows (target ≤ 30 ms).

Run: pytest tests/benchmarks/test_client_list_benchmarks.py --benchmark-only
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import cycle

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select
from tests.benchmarks import test_service_benchmarks as service_benchmarks

from fsa_desk.services.client_list import PAGE_SIZE, ClientQuery, SortKey, search_clients
from fsa_desk.store.models import Household, Person
from fsa_desk.store.store import Store

# The search benchmark's data: four Mitte teams (~2,000 households, ~5,600 persons).
provider_scale = service_benchmarks.provider_scale
TODAY = service_benchmarks.TODAY


def keystrokes(store: Store) -> Iterator[str]:
    """What a counsellor types, one keystroke after the other: a family name letter by letter,
    a birth year, a file number; then the field is cleared (the whole list again)."""
    with store.read() as session:
        name = session.scalars(select(Person.family_name).limit(1)).one()
        ref = session.scalars(select(Household.household_ref).limit(1)).one()
    typed = [name[:n] for n in range(1, len(name) + 1)]
    typed += ["1990", *(ref[:n] for n in range(2, len(ref) + 1)), ""]
    return cycle(typed)


def test_search_per_keystroke_at_provider_scale(
    benchmark: BenchmarkFixture, provider_scale: Store
) -> None:
    typed = keystrokes(provider_scale)

    def keystroke() -> int:
        page = search_clients(provider_scale, ClientQuery(text=next(typed)), today=TODAY)
        return len(page.rows)

    rows = benchmark(keystroke)
    assert 0 <= rows <= PAGE_SIZE


def test_whole_list_sorted_by_name_at_provider_scale(
    benchmark: BenchmarkFixture, provider_scale: Store
) -> None:
    page = benchmark(lambda: search_clients(provider_scale, ClientQuery(), today=TODAY))
    assert len(page.ids) >= 2000


@pytest.mark.parametrize("key", [SortKey.LAST_CONTACT, SortKey.NEXT_DUE, SortKey.MODULE])
def test_header_click_sorts_the_whole_list_at_provider_scale(
    benchmark: BenchmarkFixture, provider_scale: Store, key: SortKey
) -> None:
    query = ClientQuery(sort=key, descending=True)
    page = benchmark(lambda: search_clients(provider_scale, query, today=TODAY))
    assert len(page.rows) == PAGE_SIZE
