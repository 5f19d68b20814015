"""``fsa-desk demo``: fill an empty installation with realistic synthetic data (DESIGN.md §6)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from datetime import date

from fsa_desk.cli.output import emit_json, say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK, UsageError
from fsa_desk.i18n import _
from fsa_desk.services.demo import generate_demo


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    demo = commands.add_parser("demo", help=_("create realistic synthetic demo data"))
    demo.add_argument("--households", type=int, default=500, help=_("number of households"))
    demo.add_argument("--months", type=int, default=60, help=_("months of documentation"))
    demo.add_argument("--seed", type=int, default=1, help=_("same seed, same data"))
    demo.add_argument("--today", metavar="YYYY-MM-DD", help=_("last day (default: yesterday)"))
    demo.add_argument("--json", action="store_true")
    demo.set_defaults(run=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    today = parse_day(args.today)
    with open_from_args(args) as store:
        summary = generate_demo(
            store, households=args.households, months=args.months, seed=args.seed, today=today
        )
    if args.json:
        emit_json(asdict(summary))
    else:
        say(
            _(
                "Demo data created: {households} households, {persons} persons, "
                "{consultations} consultations, {counsellors} new counsellors in {seconds} s."
            ).format(
                households=summary.households,
                persons=summary.persons,
                consultations=summary.consultations,
                counsellors=summary.counsellors,
                seconds=round(summary.seconds),
            )
        )
    return EXIT_OK


def parse_day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            _("'{text}' is not a date; write YYYY-MM-DD, e.g. 2026-03-31.").format(text=text)
        ) from None
