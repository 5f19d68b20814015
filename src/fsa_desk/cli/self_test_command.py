"""``fsa-desk --self-test``: run the installation's self-test, one line per failed step."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from fsa_desk.cli.output import error, say
from fsa_desk.errors import EXIT_OK, EXIT_OTHER
from fsa_desk.i18n import _
from fsa_desk.services.self_test import ExtraStep, OldDatabase, failure_lines
from fsa_desk.services.self_test import run_self_test as run
from fsa_desk.store.keys import DatabaseKey


def run_self_test(args: argparse.Namespace) -> int:
    results = run(_gui_steps(), _old_database())
    for line in failure_lines(results):
        error(line)
    if any(not result.passed for result in results):
        return EXIT_OTHER
    say(_("Self-test passed: {steps}.").format(steps=", ".join(r.name for r in results)))
    return EXIT_OK


def _old_database() -> OldDatabase | None:
    """Packaging checks: ``FSA_DESK_SELF_TEST_OLD_DB`` names a database of an earlier schema
    revision, ``FSA_DESK_SELF_TEST_OLD_KEY`` its raw key in hex (as the golden test files)."""
    path = os.environ.get("FSA_DESK_SELF_TEST_OLD_DB")
    if not path:
        return None
    key = bytes.fromhex(os.environ.get("FSA_DESK_SELF_TEST_OLD_KEY", ""))
    return OldDatabase(Path(path), DatabaseKey.raw(key))


def _gui_steps() -> list[ExtraStep]:
    from fsa_desk.gui.self_test_window import check_main_window, display_available

    return [(_("main window"), check_main_window)] if display_available() else []
