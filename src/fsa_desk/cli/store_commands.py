"""``init``, ``db check|backup|restore`` and ``passphrase change``."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from fsa_desk.cli import environment
from fsa_desk.cli.output import emit_json, say
from fsa_desk.errors import EXIT_OK, EXIT_OTHER
from fsa_desk.i18n import _
from fsa_desk.services import installation, maintenance
from fsa_desk.store.store import Store, open_store


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser("init", help=_("create the installation (keys, database)"))
    init.add_argument("--name", required=True)
    init.add_argument("--code", required=True)
    init.add_argument("--role", required=True, choices=installation.ROLES)
    init.add_argument("--provider")
    init.add_argument("--region")
    init.add_argument("--json", action="store_true")
    init.set_defaults(run=run_init)

    db = commands.add_parser("db", help=_("check, back up or restore the database"))
    db_commands = db.add_subparsers(dest="db_command", required=True)
    for name, run in (("check", run_check), ("backup", run_backup)):
        sub = db_commands.add_parser(name)
        sub.add_argument("--json", action="store_true")
        sub.set_defaults(run=run)
    restore = db_commands.add_parser("restore")
    restore.add_argument("file", type=Path)
    restore.add_argument("--json", action="store_true")
    restore.set_defaults(run=run_restore)

    passphrase = commands.add_parser("passphrase", help=_("change the passphrase"))
    passphrase_commands = passphrase.add_subparsers(dest="passphrase_command", required=True)
    change = passphrase_commands.add_parser("change")
    change.add_argument("--json", action="store_true")
    change.set_defaults(run=run_passphrase_change)


def open_from_args(args: argparse.Namespace) -> Store:
    return open_store(environment.data_dir(args.data_dir), environment.passphrase_key())


def run_init(args: argparse.Namespace) -> int:
    key = environment.passphrase_key(confirm=True)
    new = installation.NewInstallation(args.name, args.code, args.role, args.provider, args.region)
    info = installation.initialise(environment.data_dir(args.data_dir), key, new)
    if args.json:
        emit_json(asdict(info))
    else:
        say(
            _("Installation created in {path} for {name} ({code}).").format(
                path=info.data_dir, name=info.name, code=info.code
            )
        )
    return EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        problems = maintenance.check_database(store)
    if args.json:
        emit_json({"ok": not problems, "problems": [asdict(p) for p in problems]})
    elif problems:
        for problem in problems:
            say(f"{problem.check}: {problem.detail}")
    else:
        say(_("The database is sound."))
    return EXIT_OTHER if problems else EXIT_OK


def run_backup(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        path = store.backup("manuell")
    _report({"backup": str(path)}, _("Backup written: {path}").format(path=path), args.json)
    return EXIT_OK


def run_restore(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        safety = maintenance.restore_backup(store, args.file)
    message = _("Restored from {file}; the previous state is kept in {safety}.").format(
        file=args.file, safety=safety
    )
    _report({"restored": str(args.file), "previous_state": str(safety)}, message, args.json)
    return EXIT_OK


def run_passphrase_change(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        backup = installation.change_passphrase(store, environment.new_passphrase_key())
    message = _("Passphrase changed. The backup {path} still opens with the old one.").format(
        path=backup
    )
    _report({"changed": True, "backup_with_old_passphrase": str(backup)}, message, args.json)
    return EXIT_OK


def _report(payload: dict[str, object], message: str, as_json: bool) -> None:
    if as_json:
        emit_json(payload)
    else:
        say(message)
