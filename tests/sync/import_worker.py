"""Run one ``import`` in a process of its own, for the test that kills it with SIGKILL.

python -m tests.sync.import_worker DATA_DIR BUNDLE
"""

from __future__ import annotations

import sys
from pathlib import Path

from fsa_desk.services import sync_import
from fsa_desk.store.store import open_store
from tests.conftest import TEST_KEY


def main(data_dir: str, bundle: str) -> None:
    with open_store(Path(data_dir), TEST_KEY) as store:
        print("opened", flush=True)
        summary = sync_import.import_bundles(store, [Path(bundle)])
        print(summary.bundles[0].status, flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
