"""``audit``: the audit trail of a household or a person, for the data-protection officer."""

from __future__ import annotations

import argparse
import uuid
from datetime import date
from pathlib import Path

from fsa_desk.cli.output import say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, UsageError
from fsa_desk.i18n import _
from fsa_desk.services import audit_trail


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    audit = commands.add_parser("audit", help=_("audit trail of a household or a person"))
    target = audit.add_mutually_exclusive_group(required=True)
    target.add_argument("--household", metavar="HOUSEHOLD_REF")
    target.add_argument("--person", metavar="PERSON_ID")
    audit.add_argument("--counsellor", help=_("only this counsellor's changes (code)"))
    audit.add_argument("--from", dest="from_day", metavar="YYYY-MM-DD")
    audit.add_argument("--to", dest="to_day", metavar="YYYY-MM-DD")
    audit.add_argument("--format", default="csv", choices=("csv", "pdf"))
    audit.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    audit.set_defaults(run=run_audit)


def run_audit(args: argparse.Namespace) -> int:
    person = _person(args.person)
    period = (_day(args.from_day), _day(args.to_day))
    with open_from_args(args) as store:
        household = audit_trail.household_id_of(store, args.household) if args.household else None
        query = audit_trail.AuditQuery(household, person, args.counsellor, *period)
        if args.format == "pdf":
            args.output.write_bytes(audit_trail.audit_pdf(store, query))
        else:
            text = audit_trail.audit_csv(audit_trail.audit_trail(store, query))
            args.output.write_text(text, encoding="utf-8-sig")
    say(_("Audit trail written: {path}").format(path=args.output))
    return EXIT_OK


def _person(text: str | None) -> uuid.UUID | None:
    if text is None:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise UsageError(_("'{text}' is not a person id.").format(text=text)) from None


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(_("'{text}' is not a date; write YYYY-MM-DD.").format(text=text)) from None
