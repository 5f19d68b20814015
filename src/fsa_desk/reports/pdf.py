"""Reports as print-ready PDF (A4 landscape): what the report means, its chart, its tables.

A team lead reads the PDF without a manual: every report starts with two sentences on what its
figures mean, numbers are rounded German-style (``1.234,5``), codes appear as their labels, and
per-counsellor figures appear only in the reports made for them (workload, forecast).
reportlab and matplotlib are imported only when a PDF is made.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from fsa_desk.domain.codes import code_list
from fsa_desk.i18n import _, language
from fsa_desk.reports import charts
from fsa_desk.reports.common import Report, flatten

Cell = str
TableData = tuple[str, list[str], list[list[Cell]]]  # title, header, rows


def render_pdf(report: Report, *, per_counsellor: bool = True) -> bytes:
    """The whole report; ``per_counsellor=False`` keeps only the team's rows (the GUI's default
    view — per-counsellor figures are for steering, shown when asked for)."""
    from reportlab.platypus.doctemplate import LayoutError

    if report["report"] in _ONE_PAGE:
        try:
            data, pages = _build(report, per_counsellor=per_counsellor, one_page=True)
        except LayoutError:
            pages = 0
        if pages == 1:
            return data
        # Too much for one page: the tables one after the other.
    return _build(report, per_counsellor=per_counsellor, one_page=False)[0]


def _build(report: Report, *, per_counsellor: bool, one_page: bool) -> tuple[bytes, int]:
    """The PDF and its number of pages."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, Paragraph, SimpleDocTemplate, Spacer

    styles = _styles()
    buffer = io.BytesIO()
    page = landscape(A4)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page,
        leftMargin=1.6 * cm,
        rightMargin=1.6 * cm,
        topMargin=1.4 * cm,
        bottomMargin=1.6 * cm,
        title=title(report["report"]),
        author="fsa-desk",
    )
    width = page[0] - 3.2 * cm
    story: list[Any] = [
        Paragraph(_escape(title(report["report"])), styles["title"]),
        Paragraph(_escape(subtitle(report["params"])), styles["small"]),
        Spacer(1, 0.25 * cm),
        Paragraph(_escape(description(report["report"])), styles["body"]),
        Spacer(1, 0.3 * cm),
    ]
    figure = charts.chart(report, size=(10, 3.9))
    if figure is not None:
        image = io.BytesIO(charts.png(figure, dpi=160))
        story.append(Image(image, width=width, height=width * 0.39))
        story.append(Spacer(1, 0.3 * cm))
    shown = tables(report, per_counsellor=per_counsellor)
    if one_page:
        story.append(_grid(shown, width, styles))
    else:
        for table in shown:
            story.extend(_table_flowables(table, width, styles))
    if not any(rows for _title, _header, rows in shown):
        story.append(Paragraph(_escape(_("No data in this period.")), styles["body"]))
    document.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue(), int(document.page)


# --- texts ------------------------------------------------------------------------------------


def title(name: str) -> str:
    titles = {
        "monthly": _("Monthly evaluation"),
        "trajectory": _("Course of counselling relationships"),
        "prognosis": _("Prognosis from the first weeks"),
        "workload": _("Workload and forecast"),
        "jahresstatistik": _("Annual statistics for the funders"),
        "koordination": _("Team lead's monthly overview"),
        "fachleistung": _("Fachleistung: approvals and hour budgets"),
    }
    return titles.get(name, name)


def description(name: str) -> str:
    texts = {
        "monthly": _(
            "Contacts, hours and people per calendar month. Hours are consultation minutes / 60; "
            "travel time is shown separately. A consultation's minutes are split over its life "
            "areas."
        ),
        "trajectory": _(
            "All households aligned at the month of their first consultation (month 1). Mean hours "
            "count months without a consultation as 0; 'active' households were not closed before "
            "that month."
        ),
        "prognosis": _(
            "Households with a direct contact in the month after their first consultation need "
            "more hours later. The curves show the mean hours per month of both groups; the dashed "
            "lines their mean over months 3 to 8. The forecast adds up expected hours for the next "
            "three months; no single household is labelled."
        ),
        "workload": _(
            "Active households (a consultation in the last six months, not closed), hours of the "
            "last three months, per full-time equivalent, Fachleistung hours approved and used, "
            "and the forecast. For steering workload, not for comparing people."
        ),
        "jahresstatistik": _(
            "Households with a consultation in the period and their members; ages, residence "
            "status and benefits on the last day of the period. Counts from 1 to 4 are shown as "
            "'< 5' so that nobody can be identified."
        ),
        "fachleistung": _(
            "Every Bewilligung with its approved, used and remaining hours, the days left and "
            "the budget warnings; below, the Bedarfsanzeigen still waiting for a decision."
        ),
        "koordination": _(
            "The month at a glance: households in counselling and their movement, the "
            "Willkommensleistung, the Fachleistung from request to billing, the team's load, "
            "the life areas against the three months before, what is overdue and what data are "
            "missing."
        ),
    }
    return texts.get(name, "")


def subtitle(params: dict[str, Any]) -> str:
    if params.get("month"):
        parts = [_("Month: {month}").format(month=params["month"])]
    elif params.get("from"):
        parts = [_("Period: {start} to {end}").format(start=params["from"], end=params["to"])]
    else:
        parts = [_("Period: no data")]
    filters = {
        _("Counsellor"): params.get("counsellor"),
        _("Module"): params.get("module") and charts.module_label(params["module"]),
        _("Region"): params.get("region"),
    }
    parts += [f"{label}: {value}" for label, value in filters.items() if value]
    if params.get("relative"):
        parts.append(_("30-day periods"))
    generated = params.get("generated_at") or datetime.now().astimezone().isoformat()
    stamp = datetime.fromisoformat(generated).strftime("%d.%m.%Y %H:%M")
    parts.append(_("created {stamp}").format(stamp=stamp))
    return " · ".join(parts)


# --- numbers ----------------------------------------------------------------------------------


def number(value: object, decimals: int = 1) -> str:
    """German style: ``1.234,5``; ``–`` for no value."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        text = f"{value:,.{decimals}f}"
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return str(value)


def label(list_name: str, code: str) -> str:
    codes = code_list(list_name)
    return codes.label(code, language()) if code in codes else code


# --- tables -----------------------------------------------------------------------------------


def tables(report: Report, *, per_counsellor: bool = True) -> list[TableData]:
    """The report's tables as German text: title, header, rows."""
    shown = report
    if not per_counsellor:
        shown = team_only(report)
    build = _TABLES.get(report["report"], _generic)
    return build(shown)


def team_only(report: Report) -> Report:
    """The report without per-counsellor rows (workload rows, forecast rows per counsellor)."""
    shown = dict(report)
    if report["report"] == "workload":
        shown["rows"] = []
    if "forecast" in report:
        shown["forecast"] = [row for row in report["forecast"] if row["counsellor"] is None]
    if report["report"] == "monthly":
        shown["rows"] = [{**row, "hours_by_counsellor": {}} for row in report["rows"]]
    return shown


def _monthly(report: Report) -> list[TableData]:
    rows = report["rows"]
    header = [
        _("Month"),
        _("Contacts"),
        _("Hours"),
        _("Households"),
        _("Persons"),
        _("Present"),
        _("Travel h"),
        _("Short contacts"),
        _("No-shows"),
    ]
    body = [
        [
            row["month"],
            number(row["contacts"]),
            number(row["hours"]),
            number(row["households"]),
            number(row["persons"]),
            number(row["persons_present"]),
            number(row["travel_hours"]),
            number(row["kurzkontakte"]),
            number(row["no_shows"]),
        ]
        for row in rows
    ]
    totals = [
        _totals(_("Hours in the period by module"), rows, "hours_by_module", "modules"),
        _totals(_("Hours in the period by life area"), rows, "hours_by_life_area", "life_areas"),
        _totals(
            _("Hours in the period by contact type"), rows, "hours_by_contact_type", "contact_types"
        ),
    ]
    return [(_("Per month"), header, body), *totals]


def _totals(heading: str, rows: list[dict[str, Any]], column: str, codes: str) -> TableData:
    sums: dict[str, float] = {}
    for row in rows:
        for key, hours in row[column].items():
            sums[key] = sums.get(key, 0.0) + hours
    whole = sum(sums.values())
    body = [
        [_area_label(codes, key), number(hours), number(100 * hours / whole if whole else 0.0)]
        for key, hours in sorted(sums.items(), key=lambda item: -item[1])
    ]
    return (heading, ["", _("Hours"), _("Share %")], body)


def _area_label(codes: str, key: str) -> str:
    if key == "ohne":
        return _("without life area")
    return label(codes, key)


def _trajectory(report: Report) -> list[TableData]:
    header = [
        _("Month since first consultation"),
        _("Households observed"),
        _("Mean hours"),
        _("Mean life areas"),
        _("Still active"),
    ]
    body = [
        [
            str(row["k"]),
            number(row["households"]),
            number(row["mean_hours"], 2),
            number(row["mean_life_areas"], 1),
            number(row["active_households"]),
        ]
        for row in report["rows"]
    ]
    return [("", header, body)]


def _prognosis(report: Report) -> list[TableData]:
    names = {
        "contact_month2": _("direct contact in month 2"),
        "no_contact_month2": _("no direct contact in month 2"),
    }
    groups = [
        [names.get(name, name), number(g["households"]), number(g["mean_monthly_hours"], 2)]
        for name, g in report["groups"].items()
    ]
    forecast = [
        [
            row["month"],
            row["counsellor"] or _("Team"),
            number(row["households"]),
            number(row["hours"]),
        ]
        for row in report["forecast"]
    ]
    return [
        (
            _("Groups"),
            [_("Group"), _("Households"), _("Mean hours per month (months 3–8)")],
            groups,
        ),
        (
            _("Forecast"),
            [_("Month"), _("Counsellor"), _("Households"), _("Expected hours")],
            forecast,
        ),
    ]


def _workload(report: Report) -> list[TableData]:
    rows = [*report["rows"], *([report["team"]] if report.get("team") else [])]
    months = list(rows[0]["hours_by_month"]) if rows else []
    header = [
        _("Counsellor"),
        _("Active households"),
        *[_("Hours {month}").format(month=month) for month in months],
        _("VZÄ"),
        _("Households per VZÄ"),
        _("Hours per VZÄ"),
        _("Fachleistung approved h"),
        _("Fachleistung used h"),
        _("Forecast next 3 months h"),
    ]
    body = [
        [
            row["counsellor"] or _("Team"),
            number(row["active_households"]),
            *[number(row["hours_by_month"][month]) for month in months],
            number(row["vza"], 2),
            number(row["households_per_vza"]),
            number(row["hours_per_vza"]),
            number(row["fachleistung_approved_hours"]),
            number(row["fachleistung_used_hours"]),
            number(sum(row["forecast_hours"].values())),
        ]
        for row in rows
    ]
    return [("", header, body)]


def _generic(report: Report) -> list[TableData]:
    """Any other report: every table flattened, every column shown."""
    from fsa_desk.reports.common import report_tables

    found: list[TableData] = []
    for name, rows in report_tables(report):
        flat = [flatten(row) for row in rows]
        columns = list(dict.fromkeys(key for row in flat for key in row))
        body = [[number(row.get(column)) for column in columns] for row in flat]
        found.append((name if name != "rows" else "", columns, body))
    return found


def _jahresstatistik(report: Report) -> list[TableData]:
    if "households" not in report:
        return []
    return _sections(
        report,
        {
            "households": _("Households"),
            "persons": _("Persons"),
            "cases": _("Cases"),
            "hours": _("Hours"),
            "staff": _("Staff"),
            "goals": _("Goals (Auswertungsgespräche)"),
        },
    )


def _sections(report: Report, headings: dict[str, str]) -> list[TableData]:
    """One two-column table per named group: what, and how many."""
    found: list[TableData] = []
    for key, heading in headings.items():
        rows = [
            [_statistic_label(name, category), _statistic_value(value)]
            for name, category, value in _statistic_cells(report[key])
        ]
        found.append((heading, [_("Characteristic"), _("Value")], rows))
    return found


def _koordination(report: Report) -> list[TableData]:
    if "caseload" not in report:
        return []
    found = _sections(
        report,
        {
            "caseload": _("Caseload"),
            "willkommen": _("Willkommensleistung"),
            "fachleistung": _("Fachleistung"),
            "load": _("Load"),
            "deadlines": _("Overdue"),
            "data_quality": _("Data quality"),
        },
    )
    areas = [
        [
            _area_label("life_areas", area),
            number(values["hours"]),
            number(values["mean_3_months"]),
            ("+" if values["change"] > 0 else "") + number(values["change"]),
        ]
        for area, values in report["life_areas"].items()
    ]
    header = [_("Life area"), _("Hours"), _("Mean before"), "±"]
    found.insert(4, (_("Life areas: hours against the 3 months before"), header, areas))
    return found


def _statistic_cells(section: dict[str, Any]) -> Iterable[tuple[str, str | None, Any]]:
    for name, value in section.items():
        if isinstance(value, dict):
            for category, count in value.items():
                yield name, category, count
        else:
            yield name, None, value


_STATISTIC_LISTS = {
    "by_module": "modules",
    "sex": "sexes",
    "nationality": "nationalities",
    "residence_status": "residence_statuses",
    "benefit": "benefit_types",
    "closed_by_reason": "closure_reasons",
    "stock_by_module": "modules",
    "new_by_module": "modules",
}


def _statistic_label(name: str, category: str | None) -> str:
    names = {
        "total": _("total"),
        "by_module": _("by module"),
        "age_group": _("age"),
        "sex": _("sex"),
        "nationality": _("nationality"),
        "residence_status": _("residence status"),
        "benefit": _("benefit"),
        "new": _("new cases"),
        "closed": _("closed cases"),
        "closed_by_reason": _("closed because"),
        "fachleistung": _("Fachleistung"),
        "fachleistung_billable": _("Fachleistung, billable"),
        "vza": _("full-time equivalents (VZÄ)"),
        "households_per_vza": _("households per VZÄ"),
        "reviewed": _("goals reviewed"),
        "reached": _("reached"),
        "partly": _("partly reached"),
        "not_reached": _("not reached"),
        "stock": _("households in counselling (active in the last 6 months)"),
        "stock_by_module": _("in counselling by module"),
        "new_by_module": _("new by module"),
        "allocations": _("new allocations"),
        "mean_days_to_first_contact": _("mean days from allocation to first contact"),
        "reaching_month_12": _("Willkommensjahr ends in the next two months"),
        "drafts": _("Bedarfsanzeigen in draft"),
        "submitted": _("Bedarfsanzeigen submitted, awaiting decision"),
        "mean_days_waiting": _("mean days waiting for the decision"),
        "decisions": _("decisions this month"),
        "hours_requested": _("hours requested (decided this month)"),
        "hours_approved": _("hours approved (decided this month)"),
        "running": _("running approvals"),
        "approved_hours": _("approved hours (running)"),
        "delivered_hours": _("delivered hours (running)"),
        "billed_hours": _("billed hours (running)"),
        "over_use": _("approvals used beyond their hours"),
        "under_use": _("approvals clearly under-used"),
        "extensions_due": _("approvals ending within 8 weeks"),
        "active_households": _("active households"),
        "mean_monthly_hours": _("hours in the month"),
        "hours_per_vza": _("hours per VZÄ"),
        "overdue_bescheide": _("overdue Fristen from Bescheide"),
        "overdue_tasks": _("overdue tasks"),
        "consultations_without_life_area": _("consultations without a life area"),
        "adults_without_art13": _("adults without an Art. 13 information record"),
        "fachleistung_without_consent": _("running Fachleistung cases without valid consent"),
        "open_conflicts": _("open parallel changes"),
        "open_duplicates": _("open duplicate suspicions"),
        "missing_bundles": _("missing bundles from counsellors"),
    }
    text = names.get(name, name)
    if category is None:
        return text
    if category in ("unbekannt", "keine"):
        shown = _("unknown") if category == "unbekannt" else _("none")
    elif name == "age_group":
        shown = _("{years} years").format(years=category.replace("-", "–"))
    elif name == "decisions":
        shown = _decision_label(category)
    elif name in _STATISTIC_LISTS:
        shown = label(_STATISTIC_LISTS[name], category)
    else:
        shown = category
    return f"{text}: {shown}"


def _decision_label(status: str) -> str:
    labels = {
        "bewilligt": _("approved"),
        "teilweise_bewilligt": _("partly approved"),
        "abgelehnt": _("refused"),
    }
    return labels.get(status, status)


def _statistic_value(value: Any) -> str:
    return value if isinstance(value, str) else number(value, 2 if isinstance(value, float) else 1)


def _fachleistung(report: Report) -> list[TableData]:
    from fsa_desk.domain.budget import explain

    header = [
        _("Household"),
        _("Aktenzeichen"),
        _("Counsellor"),
        _("Status"),
        _("Period"),
        _("Approved h"),
        _("Used h"),
        _("Remaining h"),
        _("Days left"),
        _("Notes"),
    ]
    approvals = [
        [
            row["household_ref"],
            row["aktenzeichen"],
            row["counsellor"] or "–",
            row["status"],
            f"{_date(row['period_from'])}–{_date(row['period_to'])}",
            number(row["approved"]),
            number(row["used"]),
            number(row["remaining"]),
            number(row["days_left"]),
            " ".join(explain(code) for code in row["warnings"]),
        ]
        for row in report.get("rows", [])
    ]
    requests = [
        [
            row["household_ref"],
            label("bedarfsanzeige_kinds", row["kind"]),
            str(row["version"]),
            row["status"],
            _date(row["sent_on"]),
            number(row["waiting_days"]),
        ]
        for row in report.get("requests", [])
    ]
    request_header = [
        _("Household"),
        _("Kind"),
        _("Version"),
        _("Status"),
        _("Sent on"),
        _("Days waiting"),
    ]
    return [
        (_("Bewilligungen"), header, approvals),
        (_("Bedarfsanzeigen without a decision"), request_header, requests),
    ]


def _date(iso: str | None) -> str:
    if not iso:
        return "–"
    year, month, day = iso.split("-")
    return f"{day}.{month}.{year}"


_TABLES: dict[str, Callable[[Report], list[TableData]]] = {
    "monthly": _monthly,
    "trajectory": _trajectory,
    "prognosis": _prognosis,
    "workload": _workload,
    "jahresstatistik": _jahresstatistik,
    "koordination": _koordination,
    "fachleistung": _fachleistung,
}


# --- layout -----------------------------------------------------------------------------------


def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName="Helvetica", fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", base, fontName="Helvetica-Bold", fontSize=16, leading=20),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=6,
            keepWithNext=1,
        ),
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8.5, leading=11, textColor="#444444"),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=9.5),
        "number": ParagraphStyle("number", base, fontSize=8, leading=9.5, alignment=2),
        "small_cell": ParagraphStyle("small_cell", base, fontSize=7.5, leading=8.6),
        "small_number": ParagraphStyle(
            "small_number", base, fontSize=7.5, leading=8.6, alignment=2
        ),
        "head": ParagraphStyle("head", base, fontName="Helvetica-Bold", fontSize=8, leading=9.5),
    }


_NUMBER = re.compile(r"[–+-]?[\d.,]*\d%?|–|< 5")
_MIN_CHARS, _MAX_CHARS = 9, 40


def _column_widths(header: list[str], rows: list[list[str]], width: float) -> list[float]:
    """Widths by the longest text of each column (within bounds), filling ``width``."""
    wanted = [
        min(max(_MIN_CHARS, min(len(title), 14), *(len(row[index]) for row in rows)), _MAX_CHARS)
        for index, title in enumerate(header)
    ]
    total = sum(wanted)
    return [width * chars / total for chars in wanted]


def _table_flowables(
    table: TableData, width: float, styles: dict[str, Any], *, compact: bool = False
) -> Iterable[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

    heading, header, rows = table
    if not rows:
        return []
    cell, number_cell = styles["cell"], styles["number"]
    if compact:
        cell, number_cell = styles["small_cell"], styles["small_number"]
    numeric = [
        index > 0 and all(_NUMBER.fullmatch(row[index]) for row in rows)
        for index in range(len(header))
    ]
    cells = [[Paragraph(_escape(text), styles["head"]) for text in header]]
    cells += [
        [
            Paragraph(_escape(text), number_cell if numeric[index] else cell)
            for index, text in enumerate(row)
        ]
        for row in rows
    ]
    grid = Table(cells, colWidths=_column_widths(header, rows, width), repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf4")),
                ("LINEBELOW", (0, 0), (-1, 0), 0.6, colors.HexColor("#4c72b0")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f7f9")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1 if compact else 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1 if compact else 2),
            ]
        )
    )
    flowables: list[Any] = []
    if heading:
        flowables.append(Paragraph(_escape(heading), styles["heading"]))
    flowables.append(grid)
    flowables.append(Spacer(1, 8))
    if compact:
        return flowables
    return [KeepTogether(flowables)] if len(rows) <= 12 else flowables


# Reports meant to be read on one page: their tables in three columns, each table placed in the
# column that is shortest so far (heights estimated by rows).
_ONE_PAGE = ("koordination",)
_GRID_COLUMNS = 3


def _grid(shown: list[TableData], width: float, styles: dict[str, Any]) -> Any:
    from reportlab.platypus import Table, TableStyle

    column = width / _GRID_COLUMNS
    stacks: list[list[Any]] = [[] for _ in range(_GRID_COLUMNS)]
    heights = [0] * _GRID_COLUMNS
    for table in shown:
        shortest = heights.index(min(heights))
        stacks[shortest].extend(_table_flowables(table, column - 10, styles, compact=True))
        heights[shortest] += len(table[2]) + 3
    grid = Table([stacks], colWidths=[column] * _GRID_COLUMNS)
    grid.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return grid


def _footer(canvas: Any, document: Any) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 7.5)
    canvas.setFillColor("#555555")
    text = _("fsa-desk · {title} · page {page}").format(
        title=document.title, page=canvas.getPageNumber()
    )
    canvas.drawRightString(document.pagesize[0] - document.rightMargin, 0.9 * 28.35, text)
    canvas.restoreState()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
