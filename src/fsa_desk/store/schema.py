"""Schema revision guard and migrations, run from code at start (DESIGN.md §5).

The common case — the database is at the code's revision — is one query and never imports
alembic; only an upgrade or a new database does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from fsa_desk.errors import DatabaseCorrupt, DatabaseTooNew
from fsa_desk.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config

# Every released revision, oldest first. A migration added under migrations/versions must be
# appended here; tests/store/test_migrations.py fails otherwise.
REVISIONS = ("0001_initial", "0002_report_facts", "0003_sync")
HEAD = REVISIONS[-1]


def current_revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine, backup: Callable[[str], object]) -> str:
    """Bring the database to HEAD. Returns what happened: ``current``, ``created``, ``upgraded``."""
    with engine.connect() as connection:
        revision = current_revision(connection)
        has_tables = bool(inspect(connection).get_table_names())
    if revision == HEAD:
        return "current"
    if revision is None:
        if has_tables:
            raise DatabaseCorrupt(_("The database has no schema revision; it is not fsa-desk's."))
        _create_and_stamp(engine)
        return "created"
    if revision not in REVISIONS:
        raise DatabaseTooNew(
            _("This data was written by a newer fsa-desk; please update fsa-desk.")
        )
    backup(f"vor-upgrade-{revision}")
    upgrade(engine, HEAD)
    return "upgraded"


def alembic_config(connection: Connection) -> Config:
    from alembic.config import Config

    from fsa_desk.paths import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def _create_and_stamp(engine: Engine) -> None:
    from alembic import command

    from fsa_desk.store import models  # noqa: F401  (registers every table)
    from fsa_desk.store.base import Base

    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        command.stamp(alembic_config(connection), HEAD)
