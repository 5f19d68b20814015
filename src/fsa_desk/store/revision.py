"""Developer tool: ``python -m fsa_desk.store.revision "message"`` autogenerates a migration.

It upgrades an empty in-memory database to the current head and diffs it against the models.
"""

from __future__ import annotations

import sys

from alembic import command
from sqlalchemy import create_engine

from fsa_desk.store import schema


def main(message: str) -> None:
    number = len(schema.REVISIONS) + 1
    slug = "_".join(message.lower().split())[:40]
    engine = create_engine("sqlite://")
    with engine.begin() as connection:
        config = schema.alembic_config(connection)
        config.set_main_option("file_template", "%%(rev)s")  # versions/0003_sync.py
        command.upgrade(config, "head")
        command.revision(config, message=message, autogenerate=True, rev_id=f"{number:04d}_{slug}")


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "schema change")
