"""Property: random edits on three laptops, bundles imported in any order with repeats — the lead
always ends in the same state with the same open conflicts."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from fsa_desk.services import households, persons, sync_export, sync_import
from fsa_desk.services.handover import write_handover
from fsa_desk.services.maintenance import check_database
from fsa_desk.store.changelog import revive, tombstone
from fsa_desk.store.models import Household, Person, SyncPendingRow
from fsa_desk.store.store import Store
from tests.sync.teams import Team, open_team, state

DEVICES = ("B1", "B2", "B3")
REFS = ("B1-2024-001", "B1-2024-002")


@dataclass(frozen=True)
class SharedRows:
    households: tuple[uuid.UUID, ...]
    persons: tuple[uuid.UUID, ...]


@pytest.fixture(scope="module")
def shared_template(
    team_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, SharedRows]]:
    """B1's two households with two persons each, handed over to B2 and B3 by the lead."""
    root = tmp_path_factory.mktemp("shared") / "team"
    team = open_team(team_template, root)
    rows = _share(team)
    team.close()
    yield root, rows


def _share(team: Team) -> SharedRows:
    b1, household_ids, person_ids = team["B1"], [], []
    for ref in REFS:
        household = households.create_household(b1, households.NewHousehold(ref))
        household_ids.append(household.id)
        for given_name in ("Rania", "Omar"):
            data = persons.PersonData("Haddad", given_name)
            person_ids.append(persons.create_person(b1, data, household.id, "kind").id)
    team.import_(team.export("B1", "shared"))
    for code in ("B2", "B3"):
        handover = team.root / f"handover-{code}.fsabundle"
        write_handover(team.lead, list(REFS), team.card(code), handover)
        team.import_(handover, into=code)
    return SharedRows(tuple(household_ids), tuple(person_ids))


_STATUS = st.sampled_from(["aktiv", "ruhend", "abgeschlossen"])
_GIVEN = st.sampled_from(["Rania", "Rana", "Raniya"])
_DAY = st.sampled_from([date(2024, 1, 10), date(2024, 2, 29)])
_EDIT = st.one_of(
    st.tuples(st.just("status"), st.integers(0, 1), _STATUS),
    st.tuples(st.just("allocation"), st.integers(0, 1), _DAY),
    st.tuples(st.just("given"), st.integers(0, 1), _GIVEN),
    st.tuples(st.just("delete"), st.integers(0, 1), st.none()),
    st.tuples(st.just("revive"), st.integers(0, 1), st.none()),
    st.tuples(st.just("export"), st.just(0), st.none()),
)
_STEPS = st.lists(st.tuples(st.sampled_from(DEVICES), _EDIT), min_size=6, max_size=16)


def _apply(store: Store, rows: SharedRows, action: str, index: int, value: object) -> None:
    with store.transaction() as session:
        if action in ("status", "allocation"):
            household = session.get(Household, rows.households[index])
            assert household is not None
            if action == "status":
                household.status = value  # type: ignore[assignment]
            else:
                household.allocation_date = value  # type: ignore[assignment]
            return
        person = session.get(Person, rows.persons[index])
        assert person is not None
        if action == "given":
            person.given_name = value  # type: ignore[assignment]
        elif action == "delete" and person.deleted_hlc is None:
            tombstone(person)
        elif action == "revive" and person.deleted_hlc is not None:
            revive(person)


def _bundles(
    team: Team, rows: SharedRows, steps: list[tuple[str, tuple[str, int, object]]]
) -> list[Path]:
    bundles: list[Path] = []
    for device, (action, index, value) in steps:
        if action == "export":
            bundles.append(team.export(device, f"{device}-{len(bundles)}"))
        else:
            _apply(team[device], rows, action, index, value)
    for device in DEVICES:  # everyone exports at the end of the week
        bundles.append(team.export(device, f"{device}-{len(bundles)}"))
    return bundles


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=_STEPS, data=st.data())
def test_any_order_with_repeats_gives_the_same_state_and_conflicts(
    shared_template: tuple[Path, SharedRows],
    tmp_path_factory: pytest.TempPathFactory,
    steps: list[tuple[str, tuple[str, int, object]]],
    data: st.DataObject,
) -> None:
    template, rows = shared_template
    team = open_team(template, tmp_path_factory.mktemp("example") / "team")
    try:
        bundles = _bundles(team, rows, steps)
        first = data.draw(st.permutations(bundles))
        second = data.draw(st.permutations(bundles))
        repeats = data.draw(st.lists(st.sampled_from(bundles), max_size=3))
        other = team.clone("L1", "L1-copy")
        for store, order in ((team.lead, first), (other, [*second, *repeats])):
            summary = sync_import.import_bundles(store, order)
            assert not summary.any_rejected
        assert state(team.lead) == state(other)
        event(f"open conflicts: {min(len(state(other)[1]), 3)}")
        assert check_database(team.lead) == []
        with team.lead.read() as session:
            assert session.query(SyncPendingRow).count() == 0
    finally:
        team.close()
        shutil.rmtree(team.root, ignore_errors=True)


def test_the_lead_keeps_its_exports_numbered(
    shared_template: tuple[Path, SharedRows], tmp_path: Path
) -> None:
    team = open_team(shared_template[0], tmp_path / "team")
    try:
        with team["B1"].read() as session:
            last = sync_export.last_export(session, sync_export.EXPORT_STREAM)
        assert last is not None and last.sequence == 1
    finally:
        team.close()
