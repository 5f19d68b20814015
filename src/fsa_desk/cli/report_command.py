"""``report NAME``: the reports of DESIGN.md §7 as JSON or CSV, to stdout or a file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fsa_desk.cli.output import say
from fsa_desk.cli.store_commands import open_from_args
from fsa_desk.errors import EXIT_OK
from fsa_desk.i18n import _
from fsa_desk.reports.common import Month, ReportParams
from fsa_desk.services import reports


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser(
        "report", help=_("reports: monthly, trajectory, prognosis, workload and more")
    )
    report.add_argument(
        "name", help=_("report name: {names}").format(names=", ".join(reports.report_names()))
    )
    report.add_argument("--from", dest="from_month", metavar="YYYY-MM", help=_("first month"))
    report.add_argument("--to", dest="to_month", metavar="YYYY-MM", help=_("last month"))
    report.add_argument("--counsellor", help=_("only this counsellor's consultations (code)"))
    report.add_argument("--module", help=_("only consultations in this module"))
    report.add_argument("--region", help=_("only households living in this region"))
    report.add_argument(
        "--relative",
        action="store_true",
        help=_("trajectory: 30-day windows since the first consultation instead of months"),
    )
    report.add_argument("--format", default="json", choices=reports.FORMATS)
    report.add_argument("-o", "--output", type=Path, help=_("write to this file"))
    report.set_defaults(run=run_report_command)


def run_report_command(args: argparse.Namespace) -> int:
    params = report_params(args)
    reports.check_request(args.name, args.format)
    with open_from_args(args) as store:
        report = reports.run_report(store, args.name, params)
    write(reports.render(report, args.format), args.output)
    return EXIT_OK


def report_params(args: argparse.Namespace) -> ReportParams:
    return ReportParams(
        from_month=_month(args.from_month),
        to_month=_month(args.to_month),
        counsellor=args.counsellor,
        module=args.module,
        region=args.region,
        relative=args.relative,
    )


def _month(text: str | None) -> Month | None:
    return None if text is None else Month.parse(text)


def write(output: str | bytes, path: Path | None) -> None:
    data = output.encode("utf-8") if isinstance(output, str) else output
    if path is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    path.write_bytes(data)
    say(_("Report written: {path}").format(path=path))
