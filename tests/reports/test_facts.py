"""The report facts follow every change: refreshed from the change log they equal a rebuild."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from tests.reports.conftest import World, consultation

from fsa_desk.reports import facts
from fsa_desk.reports.common import ReportParams
from fsa_desk.services.reports import run_report
from fsa_desk.store.changelog import revive, tombstone
from fsa_desk.store.models import (
    Address,
    Consultation,
    ConsultationLifeArea,
    Household,
    Person,
    ReportConsultation,
    ReportKey,
    ReportLifeArea,
    ReportMembership,
    ReportPresence,
    ReportState,
)
from fsa_desk.store.store import Store, open_store

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
FACT_TABLES = (ReportConsultation, ReportLifeArea, ReportPresence, ReportMembership)
AREAS = ("wohnen", "gesundheit", "aufenthalt")


def snapshot(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every fact row without its row number, sorted: what the reports read."""
    shot = {}
    for table in FACT_TABLES:
        columns = [c for c in table.__table__.columns if c.name != "n"]  # type: ignore[attr-defined]
        rows = session.execute(select(*columns)).all()
        shot[table.__tablename__] = sorted(tuple(str(v) for v in row) for row in rows)
    return shot


def refreshed_equals_rebuilt(store: Store) -> None:
    with store.transaction() as session:
        facts.refresh(session)
    with store.read() as session:
        incremental = snapshot(session)
        facts.rebuild(session)  # not committed: the next refresh starts from the incremental state
        assert snapshot(session) == incremental


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(
            ["add", "delete", "move", "redate", "area", "unarea", "person", "address", "household"]
        ),
        st.integers(0, 50),
        st.integers(0, 200),
    ),
    min_size=1,
    max_size=6,
)


def apply(session: Session, w: World, operation: tuple[str, int, int]) -> None:
    kind, pick, value = operation
    households = [w.h1, w.h2]
    live = session.scalars(
        select(Consultation).where(Consultation.deleted_hlc.is_(None)).order_by(Consultation.id)
    ).all()
    target = live[pick % len(live)] if live else None
    day = date(2024, 1, 1) + timedelta(value)
    if kind == "add" or target is None:
        consultation(
            session,
            households[pick % 2],
            w.c2,
            day,
            15 + value,
            areas={AREAS[pick % 3]: None},
            present=(w.p1,),
        )
    elif kind == "delete":
        tombstone(target)
    elif kind == "move":
        target.household_id = w.h2 if target.household_id == w.h1 else w.h1
    elif kind == "redate":
        target.date, target.duration_minutes = day, 10 + value
    elif kind == "area":
        area = ConsultationLifeArea(
            consultation_id=target.id, life_area=AREAS[value % 3], minutes=value % 40 or None
        )
        session.add(area)
    elif kind == "unarea":
        for area in session.scalars(
            select(ConsultationLifeArea).where(ConsultationLifeArea.consultation_id == target.id)
        ):
            tombstone(area)
    elif kind == "person":
        someone = session.get(Person, [w.p1, w.p2, w.p3][pick % 3])
        assert someone is not None
        (revive if someone.deleted_hlc else tombstone)(someone)
    elif kind == "address":
        region = ("Nord", "Mitte", "Prohlis")[value % 3]
        session.add(Address(household_id=households[pick % 2], valid_from=day, region=region))
    elif kind == "household":
        household = session.get(Household, households[pick % 2])
        assert household is not None
        (revive if household.deleted_hlc else tombstone)(household)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(operations=OPERATIONS)
def test_refreshing_after_any_changes_equals_a_rebuild(
    store: Store, world: World, operations: list[tuple[str, int, int]]
) -> None:
    refreshed_equals_rebuilt(store)
    for operation in operations:
        with store.transaction() as session:
            apply(session, world, operation)
            session.flush()
        refreshed_equals_rebuilt(store)


def test_a_consultation_moved_to_another_household_leaves_the_old_one(
    store: Store, world: World
) -> None:
    refreshed_equals_rebuilt(store)
    with store.transaction() as session:
        moved = session.scalars(
            select(Consultation).where(Consultation.household_id == world.h1).limit(1)
        ).one()
        moved.household_id = world.h2
    refreshed_equals_rebuilt(store)
    with store.read() as session:
        [household] = session.scalars(
            select(ReportConsultation.household).where(
                ReportConsultation.consultation_id == moved.id
            )
        ).all()
        assert household == session.scalar(select(ReportKey.n).where(ReportKey.id == world.h2))


def test_many_changes_rebuild_everything_with_the_same_result(
    store: Store, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed_equals_rebuilt(store)
    monkeypatch.setattr(facts, "FULL_REBUILD_CHANGES", 0)
    with store.transaction() as session:
        consultation(session, world.h2, world.b1, date(2024, 3, 3), 40, areas={"wohnen": 10})
    refreshed_equals_rebuilt(store)


def test_refresh_with_nothing_new_changes_nothing(store: Store, world: World) -> None:
    refreshed_equals_rebuilt(store)
    with store.read() as session:
        before = snapshot(session), session.execute(select(ReportState.change_seq)).scalar()
    with store.transaction() as session:
        facts.refresh(session)
    with store.read() as session:
        assert (snapshot(session), session.execute(select(ReportState.change_seq)).scalar()) == (
            before
        )


def test_a_new_definition_of_the_facts_rebuilds_them(
    store: Store, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    refreshed_equals_rebuilt(store)
    with store.transaction() as session:
        session.execute(ReportConsultation.__table__.delete())  # type: ignore[attr-defined]
    monkeypatch.setattr(facts, "VERSION", facts.VERSION + 1)
    report = run_report(store, "monthly", ReportParams())
    assert sum(row["contacts"] for row in report["rows"]) > 0
    with store.read() as session:
        assert session.execute(select(ReportState.version)).scalar() == facts.VERSION


def test_the_first_report_after_an_upgrade_counts_the_old_data(tmp_path: Path, key: Any) -> None:
    """The golden database of the first revision has no facts; its one consultation counts."""
    root = tmp_path / "old"
    root.mkdir()
    shutil.copyfile(GOLDEN / "schema-0001_initial.db", root / "fsa-desk.db")
    with open_store(root, key) as store:
        [row] = run_report(store, "monthly", ReportParams())["rows"]
    assert (row["month"], row["contacts"], row["hours"]) == ("2024-03", 1, 50 / 60)


def test_a_consultation_saved_between_reports_counts_in_the_next(
    store: Store, world: World
) -> None:
    def march_contacts() -> int:
        rows = run_report(store, "monthly", ReportParams())["rows"]
        return sum(row["contacts"] for row in rows if row["month"] == "2024-03")

    before = march_contacts()
    with store.transaction() as session:
        consultation(session, world.h1, world.b1, date(2024, 3, 12), 25, present=(world.p1,))
    assert march_contacts() == before + 1
