"""``fsa-desk gui [--demo]``: open the desktop application."""

from __future__ import annotations

import argparse

from fsa_desk.cli import environment
from fsa_desk.i18n import _
from fsa_desk.services import session


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gui = commands.add_parser("gui", help=_("open the desktop application"))
    gui.add_argument(
        "--demo", action="store_true", help=_("a temporary installation with demo data")
    )
    gui.set_defaults(run=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    from fsa_desk.gui.app import run_application  # Qt loads only for the GUI

    if args.demo:
        with session.demo_installation() as store:
            return run_application(store, demo=True)
    root = environment.data_dir(args.data_dir)
    with session.unlock(root, environment.passphrase_key()) as store:
        return run_application(store, demo=False)
