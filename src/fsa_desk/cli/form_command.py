"""``form``: the printable PDF forms (DESIGN.md §6).

    fsa-desk form bedarfsanzeige|fallbericht|clientsheet ID -o FILE.pdf
    fsa-desk form abrechnung PERIOD -o FILE.pdf      # PERIOD: 2025-03 or 2025-Q1

IDs are the UUIDs that ``report fachleistung`` lists: a Bedarfsanzeige's, a Fallbericht's, and
for the client sheet the case's. An open Abrechnung period prints "Entwurf".
"""

from __future__ import annotations

import argparse
import uuid
from collections.abc import Callable
from pathlib import Path

from fsa_desk.cli.output import emit_json, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, UsageError
from fsa_desk.i18n import _
from fsa_desk.store.store import Store

FORMS = ("bedarfsanzeige", "fallbericht", "clientsheet", "abrechnung")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    form = commands.add_parser("form", help=_("printable forms as PDF"))
    form.add_argument("form", choices=FORMS, help=_("which form"))
    form.add_argument(
        "ref", metavar="ID|PERIOD", help=_("the form's ID, or for abrechnung the period")
    )
    form.add_argument("-o", "--output", type=Path, required=True, help=_("the PDF file to write"))
    form.add_argument("--json", action="store_true", help=_("print a summary as JSON"))
    form.set_defaults(run=run_form_command)


def run_form_command(args: argparse.Namespace) -> int:
    make = _maker(args.form, args.ref)
    with open_from_args(args) as store:
        pdf = make(store)
    args.output.write_bytes(pdf)
    if args.json:
        emit_json({"form": args.form, "ref": args.ref, "path": str(args.output), "bytes": len(pdf)})
    else:
        say(_("Form written: {path}").format(path=args.output))
    return EXIT_OK


def _maker(form: str, ref: str) -> Callable[[Store], bytes]:
    """Check the reference before the store is opened: a typo is a usage error (exit 2)."""
    if form == "abrechnung":
        from fsa_desk.services import abrechnung

        period = abrechnung.parse_period(ref)
        return lambda store: abrechnung.abrechnung_pdf_for_period(store, period)
    row_id = _uuid(ref)
    if form == "bedarfsanzeige":
        from fsa_desk.services import fachleistung_documents

        return lambda store: fachleistung_documents.bedarfsanzeige_pdf(store, row_id)
    if form == "fallbericht":
        from fsa_desk.services import fallbericht

        return lambda store: fallbericht.fallbericht_pdf(store, row_id)
    from fsa_desk.services import client_sheet  # clientsheet: ID is the case's

    return lambda store: client_sheet.client_sheet_pdf(store, row_id)


def _uuid(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise UsageError(
            _("'{text}' is not an ID; use the IDs that 'report fachleistung' lists.").format(
                text=text
            )
        ) from None
