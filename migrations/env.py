"""alembic environment: fsa-desk hands its own (keyed SQLCipher) connection to alembic."""

from __future__ import annotations

from alembic import context

from fsa_desk.store import models  # noqa: F401  (registers every table)
from fsa_desk.store.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode recreates tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
