"""``import-csv FILE... [--dry-run] [--json]``: the spreadsheet import of DESIGN.md §8."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fsa_desk.cli.output import emit_json, error, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, EXIT_REJECTED
from fsa_desk.i18n import _
from fsa_desk.services import spreadsheet_import
from fsa_desk.services.spreadsheet_import import Counts, ImportSummary, SpreadsheetRejected


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import-csv", help=_("import households, persons and consultations from CSV files")
    )
    command.add_argument("files", nargs="+", type=Path, metavar="FILE")
    command.add_argument(
        "--dry-run", action="store_true", help=_("only check the files; write nothing")
    )
    command.add_argument("--json", action="store_true")
    command.set_defaults(run=run_import_csv)


def run_import_csv(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        try:
            summary = spreadsheet_import.import_files(store, args.files, dry_run=args.dry_run)
        except SpreadsheetRejected as rejected:
            return _rejected(rejected, args.json)
    if args.json:
        emit_json(summary.as_json())
    else:
        _describe(summary)
    return EXIT_OK


def _rejected(rejected: SpreadsheetRejected, as_json: bool) -> int:
    for problem in rejected.summary.problems:
        print(problem, file=sys.stderr)
    error(str(rejected))
    if as_json:
        emit_json(rejected.summary.as_json())
    return EXIT_REJECTED


def _describe(summary: ImportSummary) -> None:
    for file in summary.files:
        say(
            _("{file}: {rows} rows ({kind})").format(file=file.file, rows=file.rows, kind=file.kind)
        )
    created = (_("Would create: {counts}.") if summary.dry_run else _("Created: {counts}.")).format(
        counts=_counts(summary.created)
    )
    updated = (_("Would update: {counts}.") if summary.dry_run else _("Updated: {counts}.")).format(
        counts=_counts(summary.updated)
    )
    say(created)
    say(updated)
    if summary.new_counsellors:
        codes = ", ".join(summary.new_counsellors)
        say(_("New counsellors: {codes}").format(codes=codes))
    if summary.not_in_import.total:
        message = _("Not in this import (kept, not deleted): {counts}.")
        say(message.format(counts=_counts(summary.not_in_import)))
    if summary.kept_deleted.total:
        message = _("Deleted in fsa-desk after an earlier import (stay deleted): {counts}.")
        say(message.format(counts=_counts(summary.kept_deleted)))


def _counts(counts: Counts) -> str:
    text = _(
        "{households} households, {persons} persons, {consultations} consultations, "
        "{counsellors} counsellors"
    )
    return text.format(
        households=counts.households,
        persons=counts.persons,
        consultations=counts.consultations,
        counsellors=counts.counsellors,
    )
