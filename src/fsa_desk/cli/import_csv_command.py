"""``import-csv FILE... [--dry-run] [--json]``: the spreadsheet import of DESIGN.md §8."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fsa_desk.cli.output import emit_json, error, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.domain.spreadsheet_header import FileKind, kind_label
from fsa_desk.errors import EXIT_OK, EXIT_REJECTED
from fsa_desk.i18n import _
from fsa_desk.services import spreadsheet_import
from fsa_desk.services.spreadsheet_import import (
    FileSummary,
    ImportSummary,
    SpreadsheetRejected,
)

LISTED = 20  # records not in the import named one by one; the rest are counted


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    command = commands.add_parser(
        "import-csv",
        help=_("import households, persons and consultations from CSV files or Excel workbooks"),
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
        _describe_file(file)
    created = (_("Would create: {counts}.") if summary.dry_run else _("Created: {counts}.")).format(
        counts=summary.created.describe()
    )
    updated = (_("Would update: {counts}.") if summary.dry_run else _("Updated: {counts}.")).format(
        counts=summary.updated.describe()
    )
    say(created)
    say(updated)
    if summary.new_counsellors:
        codes = ", ".join(summary.new_counsellors)
        say(_("New counsellors: {codes}").format(codes=codes))
    if summary.not_in_import.total:
        message = _("Not in this import (kept, not deleted): {counts}.")
        say(message.format(counts=summary.not_in_import.describe()))
        for record in summary.not_in_import_rows[:LISTED]:
            say(f"  {record.describe()}")
        rest = len(summary.not_in_import_rows) - LISTED
        if rest > 0:
            say("  " + _("… and {count} more").format(count=rest))
    if summary.kept_deleted.total:
        message = _("Deleted in fsa-desk after an earlier import (stay deleted): {counts}.")
        say(message.format(counts=summary.kept_deleted.describe()))


def _describe_file(file: FileSummary) -> None:
    if file.kind is None:
        say(_("{file}: not read (no column of household numbers)").format(file=file.file))
        return
    kind = kind_label(FileKind(file.kind))
    say(_("{file}: {rows} rows ({kind})").format(file=file.file, rows=file.rows, kind=kind))
    if file.ignored_columns:
        columns = ", ".join(file.ignored_columns)
        say("  " + _("Columns not read: {columns}").format(columns=columns))
