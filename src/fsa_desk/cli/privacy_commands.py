"""Data protection (DESIGN.md §6): ``retention run [--dry-run]`` and ``subject-access``.

fsa-desk retention run [--dry-run] [--json]
fsa-desk subject-access PERSON_ID -o DIR [--json]
"""

from __future__ import annotations

import argparse
import uuid
from dataclasses import asdict
from pathlib import Path

from fsa_desk.cli.output import emit_json, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, UsageError
from fsa_desk.i18n import _


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    retention = commands.add_parser("retention", help=_("apply the retention rules"))
    retention_commands = retention.add_subparsers(dest="retention_command", required=True)
    run = retention_commands.add_parser("run", help=_("erase what the retention rules say"))
    run.add_argument("--dry-run", action="store_true", help=_("only show what would be erased"))
    run.add_argument("--json", action="store_true", help=_("print a summary as JSON"))
    run.set_defaults(run=run_retention)

    access = commands.add_parser("subject-access", help=_("a person's data as PDF and JSON"))
    access.add_argument("person_id", metavar="PERSON_ID")
    access.add_argument("-o", "--output", type=Path, required=True, help=_("the folder to write"))
    access.add_argument("--json", action="store_true", help=_("print a summary as JSON"))
    access.set_defaults(run=run_subject_access)


def run_retention(args: argparse.Namespace) -> int:
    from fsa_desk.services import retention

    with open_from_args(args) as store:
        if args.dry_run:
            result = retention.RetentionResult(retention.plan(store), (), None)
        else:
            result = retention.run(store)
    preview, statistics = result.plan, result.statistics_file
    if args.json:
        emit_json(
            {
                "dry_run": args.dry_run,
                "counts": preview.counts,
                "protocol": [asdict(e) for e in result.protocol],
                "statistics_file": str(statistics) if statistics else None,
            }
        )
        return EXIT_OK
    for category in retention.CATEGORIES:
        say(f"{retention.category_label(category)}: {preview.counts[category]}")
    if args.dry_run:
        say(_("Dry run: nothing was erased."))
    elif preview.empty:
        say(_("Nothing is due for erasure."))
    else:
        say(_("Erased; the deletion protocol has been updated."))
    return EXIT_OK


def run_subject_access(args: argparse.Namespace) -> int:
    from fsa_desk.services.subject_access import write_subject_access

    person_id = _uuid(args.person_id)
    with open_from_args(args) as store:
        pdf, data = write_subject_access(store, person_id, args.output)
    if args.json:
        emit_json({"pdf": str(pdf), "json": str(data)})
    else:
        say(_("Access report written: {pdf}, {json}").format(pdf=pdf, json=data))
    return EXIT_OK


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UsageError(_("'{text}' is not a person ID.").format(text=text)) from None
