"""Reports for the CLI and the GUI: run one by name, render it as JSON or CSV (DESIGN.md §7)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.reports import facts
from fsa_desk.reports.common import Report, ReportParams, render_csv, render_json
from fsa_desk.reports.course import prognosis_report, trajectory_report
from fsa_desk.reports.fachleistung import fachleistung_report
from fsa_desk.reports.jahresstatistik import jahresstatistik_report
from fsa_desk.reports.koordination import koordination_report
from fsa_desk.reports.monthly import monthly_report
from fsa_desk.reports.workload import workload_report
from fsa_desk.store.models import Address, Counsellor
from fsa_desk.store.store import Store

ReportFunction = Callable[[Session, ReportParams], Report]
Renderer = Callable[[Report], "str | bytes"]

# Each report of §7 adds its line here; the CLI and the GUI offer what this registry holds.
REPORTS: dict[str, ReportFunction] = {
    "monthly": monthly_report,
    "trajectory": trajectory_report,
    "prognosis": prognosis_report,
    "workload": workload_report,
    "jahresstatistik": jahresstatistik_report,
    "koordination": koordination_report,
    "fachleistung": fachleistung_report,
}
FORMATS = ("json", "csv", "pdf")
_RENDERERS: dict[str, Renderer] = {
    "json": render_json,
    "csv": render_csv,
    "pdf": lambda report: _pdf(report),
}


def _pdf(report: Report, *, per_counsellor: bool = True) -> bytes:
    from fsa_desk.reports.pdf import render_pdf  # reportlab and matplotlib load only for a PDF

    return render_pdf(report, per_counsellor=per_counsellor)


def render_team_pdf(report: Report, *, per_counsellor: bool) -> bytes:
    """The PDF of what the GUI shows: the team's figures, per counsellor only when asked."""
    return _pdf(report, per_counsellor=per_counsellor)


def report_names() -> list[str]:
    return list(REPORTS)


def check_request(name: str, fmt: str) -> None:
    """Refuse an unknown report or format before any data is read."""
    _report_function(name)
    _renderer(fmt)


def run_report(store: Store, name: str, params: ReportParams) -> Report:
    """Compute the report ``name`` in one read transaction; ``params`` records when it ran.

    The report facts are brought up to date first, in a transaction of their own: the next report
    finds them current.
    """
    function = _report_function(name)
    with store.transaction() as session:
        facts.refresh(session)
    with store.read() as session:
        report = function(session, params)
    if name == "koordination" and "data_quality" in report:
        report["data_quality"].update(_review_queues(store))
    report["params"]["generated_at"] = datetime.now().astimezone().isoformat(timespec="seconds")
    return report


def _review_queues(store: Store) -> dict[str, int]:
    """What waits for the lead's review: parallel changes, duplicates, missing bundles."""
    from fsa_desk.services import conflicts, duplicate_review, team

    return {
        "open_conflicts": conflicts.count_open(store),
        "open_duplicates": len(duplicate_review.open_candidates(store)),
        "missing_bundles": sum(len(device.missing) for device in team.overview(store)),
    }


def render(report: Report, fmt: str) -> str | bytes:
    """The report as text (``json``, ``csv``) or as a PDF document (bytes)."""
    return _renderer(fmt)(report)


def _report_function(name: str) -> ReportFunction:
    if name not in REPORTS:
        raise UsageError(
            _("Unknown report '{name}'; available: {names}.").format(
                name=name, names=", ".join(REPORTS)
            )
        )
    return REPORTS[name]


def _renderer(fmt: str) -> Renderer:
    if fmt not in _RENDERERS:
        raise UsageError(
            _("Unknown format '{format}'; choose one of {formats}.").format(
                format=fmt, formats=", ".join(FORMATS)
            )
        )
    return _RENDERERS[fmt]


@dataclass(frozen=True)
class ReportChoices:
    """What the report filters can offer: counsellors (code, name) and regions with data."""

    counsellors: list[tuple[str, str]]
    regions: list[str]


def report_choices(store: Store) -> ReportChoices:
    with store.read() as session:
        counsellors = session.execute(
            select(Counsellor.code, Counsellor.name)
            .where(Counsellor.deleted_hlc.is_(None))
            .order_by(Counsellor.code)
        ).all()
        regions = session.scalars(
            select(Address.region)
            .where(Address.region.is_not(None), Address.deleted_hlc.is_(None))
            .distinct()
            .order_by(Address.region)
        ).all()
    return ReportChoices([(code, name) for code, name in counsellors], [r for r in regions if r])
