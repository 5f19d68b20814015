"""Opening an installation for CLI and GUI alike, and the throw-away demo installation."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import Store, open_store


def unlock(root: Path, key: DatabaseKey) -> Store:
    """Open the installation in ``root``; raises a clear error for every bad case."""
    return open_store(root, key)


@contextmanager
def demo_installation(*, households: int = 60, months: int = 24) -> Iterator[Store]:
    """A fresh temporary lead installation with a random key and demo data (counsellors
    D1–D6), deleted afterwards — what ``gui --demo`` shows a newcomer."""
    from fsa_desk.services.demo import generate_demo

    root = Path(tempfile.mkdtemp(prefix="fsa-desk-demo-"))
    try:
        key = DatabaseKey.random()
        initialise(root, key, NewInstallation("Demo Koordination", "DK", "lead", "Demo-Träger"))
        with open_store(root, key) as store:
            generate_demo(store, households=households, months=months)
            yield store
    finally:
        shutil.rmtree(root, ignore_errors=True)
