"""``export``, ``import`` and ``handover``: bundles between laptops (DESIGN.md §5, §6).

``import`` exits 0 when every bundle was applied or had been imported before (conflicts and
suspected duplicates queued for review are not errors) and 3 when any bundle was rejected;
each bundle is all-or-nothing, and the summary names the rejected ones.
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from fsa_desk.cli.output import emit_json, error, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, EXIT_REJECTED
from fsa_desk.i18n import _
from fsa_desk.services import handover, sync_export, sync_import
from fsa_desk.services.sync_import import BundleResult, ImportSummary


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = commands.add_parser("export", help=_("bundle this installation's changes"))
    export.add_argument("-o", "--output", type=Path, metavar="FILE")
    export.add_argument("--full", action="store_true", help=_("all changes, not only new ones"))
    export.add_argument("--json", action="store_true")
    export.set_defaults(run=run_export)

    bundles = commands.add_parser("import", help=_("verify and merge bundles"))
    bundles.add_argument("files", nargs="+", type=Path, metavar="FILE")
    bundles.add_argument("--dry-run", action="store_true", help=_("only check; write nothing"))
    bundles.add_argument("--json", action="store_true")
    bundles.add_argument(
        "--identity",
        action="append",
        type=Path,
        default=[],
        metavar="FILE",
        help=_("an age identity file, e.g. the recovery key"),
    )
    bundles.set_defaults(run=run_import)

    hand = commands.add_parser("handover", help=_("lead: households' full data for a colleague"))
    hand.add_argument("refs", nargs="+", metavar="HOUSEHOLD_REF")
    hand.add_argument("--to", required=True, type=Path, metavar="CARD")
    hand.add_argument("-o", "--output", required=True, type=Path, metavar="FILE")
    hand.add_argument("--json", action="store_true")
    hand.set_defaults(run=run_handover)


def run_export(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        summary = sync_export.export_bundle(store, args.output, full=args.full)
    if args.json:
        emit_json(asdict(summary))
    else:
        say(
            _("Bundle {sequence} written with {changes} changes: {path}").format(
                sequence=summary.sequence, changes=summary.changes, path=summary.file
            )
        )
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        summary = sync_import.import_bundles(
            store, args.files, dry_run=args.dry_run, identity_files=args.identity
        )
    if args.json:
        emit_json(summary.as_json())
    else:
        _describe(summary)
    return EXIT_REJECTED if summary.any_rejected else EXIT_OK


def _describe(summary: ImportSummary) -> None:
    for bundle in summary.bundles:
        if bundle.status == sync_import.REJECTED:
            error(_("{file}: rejected: {reason}").format(file=bundle.file, reason=bundle.reason))
        else:
            say(f"{bundle.file}: {_outcome(bundle)}")
    for gap in summary.missing:
        numbers = ", ".join(str(n) for n in gap.sequences)
        say(
            _("Missing bundles from {code}: {numbers}").format(
                code=gap.counsellor_code, numbers=numbers
            )
        )


def _outcome(bundle: BundleResult) -> str:
    if bundle.status == sync_import.ALREADY:
        return _("already imported")
    text = _(
        "{changes} changes ({created} new, {updated} updated records), {conflicts} parallel "
        "changes to review, {duplicates} suspected duplicates"
    ).format(
        changes=bundle.changes,
        created=bundle.created,
        updated=bundle.updated,
        conflicts=bundle.conflicts,
        duplicates=bundle.duplicates,
    )
    if bundle.status == sync_import.WOULD_APPLY:
        text = _("would apply: {outcome}").format(outcome=text)
    if bundle.waiting:
        text += "; " + _("{n} records wait for a missing bundle").format(n=bundle.waiting)
    return text


def run_handover(args: argparse.Namespace) -> int:
    with open_from_args(args) as store:
        summary = handover.write_handover(store, args.refs, args.to, args.output)
    if args.json:
        emit_json(asdict(summary))
    else:
        say(
            _("Handover of {n} households for {code} written: {path}").format(
                n=len(summary.households), code=summary.to_code, path=summary.file
            )
        )
    return EXIT_OK
