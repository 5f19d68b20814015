"""The ``fsa-desk`` command: global options, dispatch, and the exit-code contract (DESIGN.md §6)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fsa_desk import __version__
from fsa_desk.cli import (
    demo_command,
    gui_command,
    import_csv_command,
    report_command,
    store_commands,
)
from fsa_desk.cli.output import error
from fsa_desk.errors import EXIT_OTHER, EXIT_USAGE, FsaDeskError
from fsa_desk.i18n import _


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fsa-desk", description=_("Migration social work desk"))
    parser.add_argument("--data-dir", help=_("data directory (default: the user data folder)"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks"))
    parser.add_argument("--version", action="version", version=f"fsa-desk {__version__}")
    commands = parser.add_subparsers(dest="command")
    store_commands.register(commands)
    demo_command.register(commands)
    gui_command.register(commands)
    report_command.register(commands)
    import_csv_command.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return int(args.run(args))
    except FsaDeskError as failure:
        if args.debug:
            raise
        error(str(failure))
        return failure.exit_code
    except KeyboardInterrupt:
        error(_("Interrupted."))
        return EXIT_OTHER
    except OSError as failure:
        if args.debug:
            raise
        error(_("A file could not be read or written: {reason}").format(reason=failure.strerror))
        return EXIT_USAGE
    except Exception as failure:  # the last line of defence: no traceback, no client data
        if args.debug:
            raise
        error(
            _("Unexpected error ({kind}); run with --debug for details.").format(
                kind=type(failure).__name__
            )
        )
        return EXIT_OTHER


def run() -> None:
    sys.exit(main())
