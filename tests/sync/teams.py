"""A team of real installations for sync tests: a lead and counsellors, enrolled and joined.

Creating installations costs about a second each, so one template team per test session is
built once and copied into every test's own directory.
"""

from __future__ import annotations

import hashlib
import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from fsa_desk.services import conflicts, sync_export, sync_import, team
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.base import Base
from fsa_desk.store.models import Consultation, Household
from fsa_desk.store.store import Store, exchanged_tables, open_store
from tests.conftest import TEST_KEY

PROVIDER = "Ausländerrat Dresden"
COUNSELLORS = {"B1": "Anna Berg", "B2": "Karim Said", "B3": "Olena Koval"}
LEAD = "L1"


@dataclass
class Team:
    root: Path
    stores: dict[str, Store] = field(default_factory=dict)

    @property
    def lead(self) -> Store:
        return self.stores[LEAD]

    @property
    def team_file(self) -> Path:
        return self.root / "team.json"

    @property
    def recovery_key(self) -> Path:
        return self.root / "recovery.key"

    def card(self, code: str) -> Path:
        return self.root / f"{code}.card"

    def __getitem__(self, code: str) -> Store:
        return self.stores[code]

    def export(self, code: str, name: str, *, full: bool = False) -> Path:
        path = self.root / f"{name}.fsabundle"
        sync_export.export_bundle(self.stores[code], path, full=full)
        return path

    def import_(self, *paths: Path, into: str = LEAD) -> sync_import.ImportSummary:
        return sync_import.import_bundles(self.stores[into], list(paths))

    def clone(self, code: str, name: str) -> Store:
        """A second installation with a copy of ``code``'s data (the same device, keys and all):
        the same imports in another order must lead to the same state."""
        self.stores.pop(code).close()
        shutil.copytree(self.root / code, self.root / name)
        self.stores[code] = open_store(self.root / code, TEST_KEY)
        self.stores[name] = open_store(self.root / name, TEST_KEY)
        return self.stores[name]

    def close(self) -> None:
        for store in self.stores.values():
            store.close()
        self.stores.clear()


def build_template(root: Path) -> None:
    """Lead L1 creates the team; B1–B3 join, and the lead enrols their cards."""
    initialise(root / LEAD, TEST_KEY, NewInstallation("Lea Leitung", LEAD, "lead", PROVIDER))
    with open_store(root / LEAD, TEST_KEY) as lead:
        team.create_team(lead, root / "team.json", root / "recovery.key")
        for code, name in COUNSELLORS.items():
            initialise(root / code, TEST_KEY, NewInstallation(name, code, "counsellor", PROVIDER))
            with open_store(root / code, TEST_KEY) as counsellor:
                team.join_team(counsellor, root / "team.json")
                team.write_own_card(counsellor, root / f"{code}.card")
            team.enrol(lead, root / f"{code}.card")


def open_team(template: Path, root: Path) -> Team:
    shutil.copytree(template, root)
    opened = Team(root)
    for code in (LEAD, *COUNSELLORS):
        opened.stores[code] = open_store(root / code, TEST_KEY)
    return opened


def digest(store: Store, tables: Iterable[str] | None = None) -> str:
    """A hash of every row of every table: equal digests mean an unchanged database."""
    hasher = hashlib.sha256()
    with store.engine.connect() as connection:
        for table in sorted(tables or Base.metadata.tables):
            rows = connection.execute(text(f'SELECT * FROM "{table}"')).all()
            for row in sorted(repr(tuple(row)) for row in rows):
                hasher.update(row.encode())
    return hasher.hexdigest()


def state(store: Store) -> tuple[str, frozenset[tuple[str, ...]]]:
    """What must not depend on the order of imports: every exchanged row, the change log (without
    this installation's numbering and the value it showed before), waiting rows, open conflicts."""
    with store.engine.connect() as connection:
        log = connection.execute(
            text(
                "SELECT change_id, hlc, base_hlc, device, counsellor_id, table_name, row_id, "
                "field, new FROM change_log"
            )
        ).all()
    hasher = hashlib.sha256(digest(store, [t.name for t in exchanged_tables()]).encode())
    for row in sorted(repr(tuple(row)) for row in log):
        hasher.update(row.encode())
    hasher.update(digest(store, ["sync_pending_row"]).encode())
    return hasher.hexdigest(), open_conflict_pairs(store)


def open_conflict_pairs(store: Store) -> frozenset[tuple[str, ...]]:
    return frozenset(
        (c.table, c.row_id.hex, c.field, *sorted((c.a.change_id, c.b.change_id)))
        for c in conflicts.open_conflicts(store)
    )


def data_digest(store: Store) -> str:
    """The digest of what bundles change: exchanged rows, the change log, the review queues."""
    local = ("change_log", "sync_conflict", "sync_pending_row", "duplicate_candidate")
    return digest(store, [*(t.name for t in exchanged_tables()), *local])


def add_consultation(
    store: Store,
    *,
    note: str | None = None,
    confidential: bool = False,
    household_id: uuid.UUID | None = None,
) -> uuid.UUID:
    """A consultation of the installation's counsellor (in a new household unless given)."""
    counsellor_id = store.installation_counsellor_id()
    assert counsellor_id is not None
    with store.transaction() as session:
        if household_id is None:
            household = Household(household_ref=f"H-{uuid.uuid4().hex[:6]}", status="aktiv")
            session.add(household)
            household_id = household.id
        consultation = Consultation(
            household_id=household_id,
            counsellor_id=counsellor_id,
            date=date(2024, 3, 4),
            duration_minutes=45,
            contact_type="buero",
            module="integrationsbuero",
            note=note,
            confidential=confidential,
        )
        session.add(consultation)
        return consultation.id


@pytest.fixture(scope="session")
def team_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("team-template") / "team"
    build_template(root)
    return root


@pytest.fixture
def sync_team(team_template: Path, tmp_path: Path) -> Iterator[Team]:
    opened = open_team(team_template, tmp_path / "team")
    yield opened
    opened.close()
