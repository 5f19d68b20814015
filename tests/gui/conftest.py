"""What the GUI tests share: a context over the test store whose runner works inline."""

from __future__ import annotations

import pytest

from fsa_desk.gui.context import AppContext
from fsa_desk.gui.worker import SyncRunner
from fsa_desk.store.store import Store


@pytest.fixture
def context(store: Store) -> AppContext:
    """The views' shared context; store work runs at once (DESIGN.md §4: tests use a
    synchronous runner, a few tests use the real threads on purpose)."""
    shared = AppContext(store)
    shared.runner = SyncRunner(shared)
    return shared
