"""Loading a row that must exist and not be deleted, the one way every service does it."""

from __future__ import annotations

import uuid
from typing import TypeVar

from sqlalchemy.orm import Session

from fsa_desk.errors import InputRejected
from fsa_desk.store.base import Exchanged

Row = TypeVar("Row", bound=Exchanged)


def live(session: Session, model: type[Row], row_id: uuid.UUID, missing: str) -> Row:
    """The row with ``row_id``; ``InputRejected(missing)`` if it is unknown or tombstoned."""
    row = session.get(model, row_id)
    if row is None or row.deleted_hlc is not None:
        raise InputRejected(missing)
    return row
