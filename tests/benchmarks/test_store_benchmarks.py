"""Store benchmarks (DESIGN.md §9). Run: pytest tests/benchmarks --benchmark-only."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import select

from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import (
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Counsellor,
    Household,
    Person,
)
from fsa_desk.store.store import Store, open_store


def test_open_store_with_real_key_derivation(benchmark: BenchmarkFixture, tmp_path: Path) -> None:
    key = DatabaseKey.passphrase("benchmark-geheim")
    initialise(tmp_path / "d", key, NewInstallation("A", "A1", "counsellor"))

    def open_and_read() -> None:
        with open_store(tmp_path / "d", key) as store:
            assert store.installation is not None

    benchmark.pedantic(open_and_read, rounds=5, iterations=1)


def test_insert_consultation_through_the_change_log(
    benchmark: BenchmarkFixture, store: Store
) -> None:
    with store.transaction() as session:
        counsellor_id = session.scalars(select(Counsellor.id)).one()
        household = Household(household_ref="B1-2024-001")
        person = Person(family_name="Haddad", given_name="Rania")
        session.add_all([household, person])

    def save() -> uuid.UUID:
        with store.transaction() as session:
            consultation = Consultation(
                household_id=household.id,
                counsellor_id=counsellor_id,
                date=date(2024, 3, 4),
                duration_minutes=45,
                travel_minutes=10,
                contact_type="hausbesuch",
                module="willkommen",
                agreements="Unterlagen mitbringen",
                note="Kurz notiert",
            )
            session.add(consultation)
            session.add_all(
                [
                    ConsultationPerson(
                        consultation_id=consultation.id, person_id=person.id, role="anwesend"
                    ),
                    ConsultationLifeArea(consultation_id=consultation.id, life_area="wohnen"),
                    ConsultationLifeArea(
                        consultation_id=consultation.id, life_area="existenzsicherung"
                    ),
                ]
            )
        return consultation.id

    benchmark(save)
