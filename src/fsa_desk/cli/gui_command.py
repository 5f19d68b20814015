"""``fsa-desk gui [--demo]``: open the desktop application."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from fsa_desk.cli import environment
from fsa_desk.i18n import _


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = commands.add_parser("gui", help=_("open the desktop application"))
    gui.add_argument(
        "--demo", action="store_true", help=_("a temporary installation with demo data")
    )
    gui.set_defaults(run=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from fsa_desk.services import access
    from fsa_desk.services.preferences import load_start_config

    start = load_start_config()
    root = gui_data_dir(args.data_dir, start.data_dir)
    given = os.environ.get(environment.PASSPHRASE_VARIABLE)
    passphrase: str | access.OpeningInBackground | None = given
    if given is not None and not args.demo and access.installation_exists(root):
        # The key derivation runs while Qt and the window load (DESIGN.md §9: start ≤ 1 s).
        passphrase = access.OpeningInBackground(root, given)

    from fsa_desk.gui.app import run_gui as run  # Qt loads only for the GUI

    return run(
        None if args.demo else root,
        passphrase=passphrase,
        demo=args.demo,
        language_choice=start.language,
    )


def gui_data_dir(option: str | None, configured: Path | None) -> Path:
    """``--data-dir`` and ``FSA_DESK_DATA_DIR`` win over the folder chosen in the settings."""
    if option or os.environ.get(environment.DATA_DIR_VARIABLE) or configured is None:
        return environment.data_dir(option)
    return configured
