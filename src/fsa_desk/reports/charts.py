"""Charts of the reports (matplotlib, imported only here and only when a chart is drawn).

``chart(report)`` returns a ``matplotlib.figure.Figure`` without pyplot's global state, so the PDF
renderer (Agg, off screen) and the GUI (a Qt canvas) draw the same figure. Labels are German by
default, like the rest of the application.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fsa_desk.domain.codes import code_list
from fsa_desk.i18n import _, language

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

Report = dict[str, Any]
# Calm, distinguishable colours that survive greyscale printing (ColorBrewer "Set2"-like).
COLOURS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3")
MUTED = "#b8c4d6"


def has_chart(name: str) -> bool:
    return name in _CHARTS


def chart(report: Report, *, size: tuple[float, float] = (10, 4.2)) -> Figure | None:
    """The report's chart, or ``None`` for reports that are tables only."""
    draw = _CHARTS.get(report["report"])
    if draw is None or not _has_data(report):
        return None
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    draw(figure, report)
    return figure


def _has_data(report: Report) -> bool:
    if report["report"] == "prognosis":
        return any(group["mean_hours_by_k"] for group in report["groups"].values())
    return bool(report.get("rows"))


def png(figure: Figure, dpi: int = 150) -> bytes:
    import io

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def module_label(code: str) -> str:
    return code_list("modules").label(code, language()) if code in code_list("modules") else code


def _monthly(figure: Figure, report: Report) -> None:
    rows = report["rows"]
    months = [row["month"] for row in rows]
    axes = figure.add_subplot()
    modules = sorted({name for row in rows for name in row["hours_by_module"]})
    bottom = [0.0] * len(rows)
    for index, module in enumerate(modules):
        values = [row["hours_by_module"].get(module, 0.0) for row in rows]
        axes.bar(
            months,
            values,
            bottom=bottom,
            color=COLOURS[index % len(COLOURS)],
            label=module_label(module),
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.set_ylabel(_("Hours"))
    axes.set_title(_("Consultation hours per month by module"))
    households = axes.twinx()
    households.plot(
        months, [row["households"] for row in rows], color="#333333", marker=".", linewidth=1
    )
    households.set_ylabel(_("Households with a consultation"))
    households.set_ylim(bottom=0)
    _month_ticks(axes, months)
    axes.legend(loc="upper left", fontsize="small", frameon=False)


def _trajectory(figure: Figure, report: Report) -> None:
    rows = report["rows"]
    k = [row["k"] for row in rows]
    axes = figure.add_subplot()
    axes.bar(k, [row["households"] for row in rows], color=MUTED, label=_("households observed"))
    axes.bar(
        k,
        [row["active_households"] for row in rows],
        width=0.4,
        color=COLOURS[0],
        label=_("of them still active"),
    )
    axes.set_ylabel(_("Households"))
    axes.set_xlabel(
        _("30-day period since the first consultation")
        if report["params"].get("relative")
        else _("Month since the first consultation")
    )
    hours = axes.twinx()
    hours.plot(
        k,
        [row["mean_hours"] for row in rows],
        color=COLOURS[1],
        marker="o",
        linewidth=2,
        label=_("mean hours per household"),
    )
    hours.set_ylabel(_("Mean hours per household"))
    hours.set_ylim(bottom=0)
    axes.set_xticks(k)
    axes.set_title(_("Course of counselling: hours per month since the first contact"))
    _joint_legend(axes, hours)


def _prognosis(figure: Figure, report: Report) -> None:
    axes = figure.add_subplot()
    labels = {
        "contact_month2": _("direct contact in month 2"),
        "no_contact_month2": _("no direct contact in month 2"),
    }
    for index, (name, group) in enumerate(report["groups"].items()):
        curve = group["mean_hours_by_k"]
        if not curve:
            continue
        colour = COLOURS[index]
        label = _("{group} ({households} households)").format(
            group=labels[name], households=group["households"]
        )
        axes.plot(range(1, len(curve) + 1), curve, marker="o", color=colour, label=label)
        if group["mean_monthly_hours"] is not None:
            axes.hlines(
                group["mean_monthly_hours"], 3, 8, colors=colour, linestyles="dashed", linewidth=1
            )
    axes.set_xlabel(_("Month since the first consultation"))
    axes.set_ylabel(_("Mean hours per household"))
    axes.set_ylim(bottom=0)
    axes.set_title(_("Prognosis: hours per month by contact in the second month"))
    axes.legend(loc="best", fontsize="small", framealpha=0.9)


def _workload(figure: Figure, report: Report) -> None:
    team = report.get("team")
    axes = figure.add_subplot()
    if not team:
        return
    past = team["hours_by_month"]
    future = team["forecast_hours"]
    axes.bar(list(past), list(past.values()), color=COLOURS[0], label=_("hours delivered"))
    axes.bar(
        list(future),
        list(future.values()),
        color="white",
        edgecolor=COLOURS[0],
        hatch="//",
        label=_("forecast"),
    )
    axes.set_ylabel(_("Hours per month (team)"))
    if team["vza"]:
        per_vza = axes.secondary_yaxis(
            "right", functions=(lambda h: h / team["vza"], lambda v: v * team["vza"])
        )
        per_vza.set_ylabel(_("Hours per full-time equivalent"))
    axes.set_title(_("Team workload: last three months and forecast"))
    axes.legend(loc="upper left", fontsize="small", frameon=False)


def _month_ticks(axes: Axes, months: list[str]) -> None:
    step = max(1, len(months) // 12)
    axes.set_xticks(range(0, len(months), step))
    axes.set_xticklabels(months[::step], rotation=45, ha="right", fontsize="small")


def _joint_legend(first: Axes, second: Axes) -> None:
    handles, labels = first.get_legend_handles_labels()
    more_handles, more_labels = second.get_legend_handles_labels()
    first.legend(
        handles + more_handles,
        labels + more_labels,
        loc="upper right",
        fontsize="small",
        frameon=False,
    )


_CHARTS = {
    "monthly": _monthly,
    "trajectory": _trajectory,
    "prognosis": _prognosis,
    "workload": _workload,
}
