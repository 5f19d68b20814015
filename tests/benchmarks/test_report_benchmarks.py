"""Report benchmarks (DESIGN.md §9: any report over 5 years at Mitte scale ≤ 500 ms).

The data go in without the change log (fast set-up); the first report builds the facts in full.

Run: pytest tests/benchmarks/test_report_benchmarks.py --benchmark-only
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from pytest_benchmark.fixture import BenchmarkFixture
from sqlalchemy import Connection, Table, func, insert, select

from fsa_desk.reports import facts
from fsa_desk.reports.common import Month, ReportParams
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.reports import run_report
from fsa_desk.store.models import (
    Address,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    Counsellor,
    Household,
    Kurzkontakt,
    Membership,
    Person,
    ReportConsultation,
)
from fsa_desk.store.store import Store

HOUSEHOLDS = 500
PERSONS_PER_HOUSEHOLD = 3  # ~1,500 persons
CONSULTATIONS_PER_HOUSEHOLD = 140  # ~70,000 over five years
START = date(2020, 1, 1)
DAYS = 5 * 365
DEVICE = uuid.uuid4().hex
LIFE_AREAS = ("existenzsicherung", "aufenthalt", "gesundheit", "familie", "wohnen", "krise")
CONTACT_TYPES = ("buero", "hausbesuch", "telefon", "online", "begleitung", "indirekt")
MODULES = ("willkommen", "integrationsbuero", "fachleistung")


class Rows:
    """Rows per table with the sync columns filled, inserted set-based without the change log."""

    def __init__(self) -> None:
        self.tables: dict[Table, list[dict[str, Any]]] = {}
        self._counter = 0

    def add(self, model: type[Any], **fields: Any) -> uuid.UUID:
        self._counter += 1
        hlc = f"{1_700_000_000_000 + self._counter:013d}-0000-{DEVICE}"
        row_id = uuid.uuid4()
        sync = {"id": row_id, "created_hlc": hlc, "updated_hlc": hlc, "origin_device": DEVICE}
        self.tables.setdefault(model.__table__, []).append({**sync, "deleted_hlc": None, **fields})
        return row_id

    def insert(self, connection: Connection) -> None:
        for table, rows in self.tables.items():
            columns = {column.name for column in table.columns}
            defaults = {
                c.name: getattr(c.default, "arg", None)
                for c in table.columns
                if c.default is not None and c.default.is_scalar
            }
            full = [{**dict.fromkeys(columns), **defaults, **row} for row in rows]
            connection.execute(insert(table), full)


def mitte_scale(rows: Rows, rng: random.Random) -> None:
    counsellors = [
        rows.add(Counsellor, name=f"Berater {n}", code=f"M{n}", region="Mitte") for n in range(8)
    ]
    for number in range(HOUSEHOLDS):
        household = rows.add(Household, household_ref=f"M-{number:04d}", status="aktiv")
        rows.add(Address, household_id=household, valid_from=START, region="Mitte")
        persons = [
            rows.add(Person, family_name=f"Familie {number}", given_name=f"P{n}")
            for n in range(PERSONS_PER_HOUSEHOLD)
        ]
        for person in persons:
            rows.add(
                Membership,
                person_id=person,
                household_id=household,
                role="mitglied",
                valid_from=START + timedelta(rng.randrange(DAYS // 2)),
            )
        for _ in range(CONSULTATIONS_PER_HOUSEHOLD):
            consultation(rows, rng, household, rng.choice(counsellors), persons)
    for _ in range(4000):
        rows.add(
            Kurzkontakt,
            counsellor_id=rng.choice(counsellors),
            date=START + timedelta(rng.randrange(DAYS)),
            minutes=10,
        )


def consultation(
    rows: Rows,
    rng: random.Random,
    household: uuid.UUID,
    counsellor: uuid.UUID,
    persons: list[uuid.UUID],
) -> None:
    consultation_id = rows.add(
        Consultation,
        household_id=household,
        counsellor_id=counsellor,
        date=START + timedelta(rng.randrange(DAYS)),
        duration_minutes=rng.choice((15, 30, 45, 90)),
        travel_minutes=rng.choice((0, 0, 20)),
        contact_type=rng.choice(CONTACT_TYPES),
        outcome="nicht_erschienen" if rng.random() < 0.05 else "stattgefunden",
        module=rng.choice(MODULES),
    )
    for area in rng.sample(LIFE_AREAS, rng.randrange(0, 3)):
        rows.add(
            ConsultationLifeArea,
            consultation_id=consultation_id,
            life_area=area,
            minutes=rng.choice((None, None, 10)),
        )
    rows.add(
        ConsultationPerson, consultation_id=consultation_id, person_id=persons[0], role="anwesend"
    )


@pytest.fixture
def mitte(store: Store) -> Iterator[Store]:
    rows = Rows()
    mitte_scale(rows, random.Random(2024))
    with store.engine.begin() as connection:
        rows.insert(connection)
    yield store


def months_reported(benchmark: BenchmarkFixture, store: Store, params: ReportParams) -> int:
    """The report as the CLI and the GUI run it: facts refreshed, then read."""

    def run() -> int:
        return len(run_report(store, "monthly", params)["rows"])

    rounds = {"rounds": 5, "iterations": 1, "warmup_rounds": 1}
    return int(benchmark.pedantic(run, **rounds))  # type: ignore[no-untyped-call]


def test_monthly_report_over_five_years(benchmark: BenchmarkFixture, mitte: Store) -> None:
    assert months_reported(benchmark, mitte, ReportParams()) == 60


def test_monthly_report_filtered_by_region(benchmark: BenchmarkFixture, mitte: Store) -> None:
    assert months_reported(benchmark, mitte, ReportParams(region="Mitte")) == 60


def test_monthly_report_after_a_new_consultation(benchmark: BenchmarkFixture, mitte: Store) -> None:
    """The common case at work: a consultation was saved since the last report."""
    run_report(mitte, "monthly", ReportParams())
    with mitte.read() as session:
        household = session.scalars(select(Household.id).limit(1)).one()
    day = iter(range(1, 10_000))

    def save_one() -> None:
        data = ConsultationInput(household, START + timedelta(next(day) % DAYS), 30, "telefon")
        record_consultation(mitte, data, today=START + timedelta(DAYS))

    def run() -> int:
        return len(run_report(mitte, "monthly", ReportParams())["rows"])

    rounds = {"rounds": 5, "iterations": 1, "setup": save_one}
    assert benchmark.pedantic(run, **rounds) == 60  # type: ignore[no-untyped-call]


def test_report_facts_built_from_scratch(benchmark: BenchmarkFixture, mitte: Store) -> None:
    """What the first report after an upgrade (or a definition change) pays once."""

    def build() -> int:
        with mitte.transaction() as session:
            facts.rebuild(session)
            return int(session.scalar(select(func.count()).select_from(ReportConsultation)) or 0)

    rounds = {"rounds": 3, "iterations": 1}
    assert benchmark.pedantic(build, **rounds) == 70_000  # type: ignore[no-untyped-call]


def report_rounds(
    benchmark: BenchmarkFixture, store: Store, name: str, params: ReportParams
) -> Any:
    def run() -> Any:
        return run_report(store, name, params)

    rounds = {"rounds": 5, "iterations": 1, "warmup_rounds": 1}
    return benchmark.pedantic(run, **rounds)  # type: ignore[no-untyped-call]


@pytest.mark.parametrize(
    ("name", "params"),
    [
        ("trajectory", ReportParams()),
        ("trajectory", ReportParams(relative=True)),
        ("prognosis", ReportParams()),
        ("workload", ReportParams()),
        ("jahresstatistik", ReportParams(from_month=Month(2024, 1), to_month=Month(2024, 12))),
        ("jahresstatistik", ReportParams()),
        ("koordination", ReportParams()),
        ("fachleistung", ReportParams()),
    ],
    ids=[
        "trajectory",
        "trajectory-relative",
        "prognosis",
        "workload",
        "jahr-2024",
        "jahr-5y",
        "koordination",
        "fachleistung",
    ],
)
def test_every_report_over_five_years(
    benchmark: BenchmarkFixture, mitte: Store, name: str, params: ReportParams
) -> None:
    assert report_rounds(benchmark, mitte, name, params)["report"] == name
