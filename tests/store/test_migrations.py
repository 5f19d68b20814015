"""Models and migrations agree; every released schema upgrades to head (DESIGN.md §5, §10)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, select

from fsa_desk import paths
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.maintenance import check_database
from fsa_desk.store import schema
from fsa_desk.store.base import Base
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.models import Consultation, Household
from fsa_desk.store.store import DataDir, open_store

GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_migrations_build_exactly_the_models() -> None:
    engine = create_engine("sqlite://")
    schema.upgrade(engine, "head")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_revisions_constant_lists_every_migration_in_order() -> None:
    found = []
    for path in sorted((paths.migrations_dir() / "versions").glob("*.py")):
        match = re.search(r"^revision = ['\"](.+)['\"]", path.read_text(), re.MULTILINE)
        assert match, path
        found.append(match.group(1))
    assert tuple(found) == schema.REVISIONS


def test_new_database_is_created_and_stamped(tmp_path: Path, key: DatabaseKey) -> None:
    initialise(tmp_path / "d", key, NewInstallation("A", "A1", "lead"))
    with open_store(tmp_path / "d", key) as store, store.engine.connect() as connection:
        assert schema.current_revision(connection) == schema.HEAD


@pytest.mark.parametrize("golden", sorted(GOLDEN.glob("schema-*.db")), ids=lambda p: p.stem)
def test_golden_database_upgrades_to_head_with_its_data(
    golden: Path, tmp_path: Path, key: DatabaseKey
) -> None:
    root = tmp_path / "old"
    root.mkdir()
    shutil.copyfile(golden, root / "fsa-desk.db")
    with open_store(root, key) as store:
        assert check_database(store) == []
        with store.read() as session:
            assert session.scalars(select(Household.household_ref)).all() == ["G1-2024-001"]
            assert session.scalars(select(Consultation.duration_minutes)).all() == [50]


def test_every_released_revision_has_a_golden_database() -> None:
    goldens = {p.stem.removeprefix("schema-") for p in GOLDEN.glob("schema-*.db")}
    assert set(schema.REVISIONS) <= goldens


def test_older_database_is_backed_up_then_upgraded(
    tmp_path: Path, key: DatabaseKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A revision after the head, written here, runs on the golden database of the first."""
    probe = f"{len(schema.REVISIONS) + 1:04d}_probe"
    migrations = tmp_path / "migrations"
    shutil.copytree(paths.migrations_dir(), migrations)
    (migrations / "versions" / f"{probe}.py").write_text(
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f"revision = '{probe}'\ndown_revision = '{schema.HEAD}'\n"
        "branch_labels = None\ndepends_on = None\n"
        "def upgrade():\n    op.create_table('upgrade_probe', sa.Column('x', sa.Integer))\n"
    )
    monkeypatch.setattr(paths, "migrations_dir", lambda: migrations)
    monkeypatch.setattr(schema, "REVISIONS", (*schema.REVISIONS, probe))
    monkeypatch.setattr(schema, "HEAD", probe)
    root = tmp_path / "old"
    root.mkdir()
    shutil.copyfile(GOLDEN / "schema-0001_initial.db", root / "fsa-desk.db")
    with open_store(root, key) as store, store.engine.connect() as connection:
        assert schema.current_revision(connection) == probe
        assert inspect(connection).has_table("upgrade_probe")
    backups = list(DataDir(root).backups.glob("*vor-upgrade-0001_initial.db"))
    assert len(backups) == 1
