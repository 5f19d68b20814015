"""The ``fsa-desk`` command: global options, dispatch, and the exit-code contract (DESIGN.md §6).

Command modules load lazily: ``fsa-desk gui`` must not pay for the report and import code
(DESIGN.md §9, start to usable window ≤ 1 s). Only ``--help``, an unknown command or a typo loads
them all, so help and error messages stay complete.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from fsa_desk import __version__
from fsa_desk.cli.output import error
from fsa_desk.errors import EXIT_OTHER, EXIT_USAGE, FsaDeskError
from fsa_desk.i18n import _

# command → the module under fsa_desk.cli whose ``register`` adds it, in help order
COMMAND_MODULES = {
    "init": "store_commands",
    "db": "store_commands",
    "passphrase": "store_commands",
    "demo": "demo_command",
    "gui": "gui_command",
    "report": "report_command",
    "import-csv": "import_csv_command",
    "form": "form_command",
    "team": "team_command",
    "export": "sync_commands",
    "import": "sync_commands",
    "handover": "sync_commands",
    "retention": "privacy_commands",
    "subject-access": "privacy_commands",
    "audit": "audit_command",
}
DEFAULT_COMMAND = "gui"


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser with every command, or only ``command``'s module when it is a known one."""
    parser = argparse.ArgumentParser(prog="fsa-desk", description=_("Migration social work desk"))
    parser.add_argument("--data-dir", help=_("data directory (default: the user data folder)"))
    parser.add_argument("--debug", action="store_true", help=_("show tracebacks"))
    parser.add_argument("--version", action="version", version=f"fsa-desk {__version__}")
    parser.add_argument("--self-test", action="store_true", help=_("check this installation"))
    commands = parser.add_subparsers(dest="command")
    wanted = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else COMMAND_MODULES.values()
    for module_name in dict.fromkeys(wanted):
        importlib.import_module(f"fsa_desk.cli.{module_name}").register(commands)
    return parser


def requested_command(argv: Sequence[str]) -> str | None:
    """The command word after the global options (``gui`` when there is none), without
    building the full parser; None when only the full parser can tell (``--help``, errors)."""
    globals_only = argparse.ArgumentParser(add_help=False, exit_on_error=False)
    globals_only.add_argument("--data-dir")
    globals_only.add_argument("--debug", action="store_true")
    globals_only.add_argument("--self-test", action="store_true")
    try:
        _known, rest = globals_only.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):
        return None
    if not rest:
        return DEFAULT_COMMAND
    return None if rest[0].startswith("-") else rest[0]


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(requested_command(arguments))
    args = parser.parse_args(arguments)
    if args.self_test:
        from fsa_desk.cli.self_test_command import run_self_test

        return run_self_test(args)
    if args.command is None:
        args = parser.parse_args([*arguments, DEFAULT_COMMAND])
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
