"""Shared fixtures: headless Qt, a fast raw database key, fresh installations."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FSA_DESK_LANG", "de")

from collections.abc import Iterator
from pathlib import Path

import pytest

from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.keys import DatabaseKey
from fsa_desk.store.store import Store, open_store

# A fixed raw key: tests skip SQLCipher's ~0.2 s key derivation (tested once on its own).
TEST_KEY = DatabaseKey.raw(bytes(range(32)))


@pytest.fixture
def key() -> DatabaseKey:
    return TEST_KEY


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    initialise(root, TEST_KEY, NewInstallation("Anna Berg", "B1", "counsellor", "Ausländerrat"))
    return root


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_store(data_dir, TEST_KEY) as opened:
        yield opened
