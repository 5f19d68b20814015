"""trajectory, prognosis and workload (DESIGN.md §7) against figures computed by hand here.

Three households, period January–October 2024:

- HA (Bezugsberater:in B1): first seen 10 Jan (60 min, two life areas), a phone call on 5 Feb
  (direct contact in month 2), then 120 min in March, 60 in May, 180 in August — 6 h over months
  3–8, 1 h a month. Its case has a Bewilligung of 50 h; May and August are billable on it.
- HB (C2): a no-show in December 2023 does not start it; first seen 20 Jan (45 min), only an
  indirect contact in February, 240 min in April; closed on 15 June 2024.
- HC (C2): first seen 10 June (90 min, no life area), 30 min in October.
"""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from tests.reports.conftest import Households

from fsa_desk.reports.common import Month, ReportParams, render_csv
from fsa_desk.services.reports import run_report
from fsa_desk.store.store import Store

PERIOD = {"from_month": Month(2024, 1), "to_month": Month(2024, 10)}


def report(store: Store, name: str, **params: Any) -> dict[str, Any]:
    return run_report(store, name, ReportParams(**{**PERIOD, **params}))


def rows_by_k(result: dict[str, Any]) -> dict[int, dict[str, Any]]:
    return {row["k"]: row for row in result["rows"]}


def test_trajectory_aligns_households_at_their_first_consultation(
    store: Store, households: Households
) -> None:
    rows = rows_by_k(report(store, "trajectory"))
    assert len(rows) == 24
    assert rows[1] == {
        "k": 1,
        "households": 3,
        "mean_hours": pytest.approx((60 + 45 + 90) / 60 / 3),
        "mean_life_areas": pytest.approx((2 + 1 + 0) / 3),
        "active_households": 3,
    }
    # February for HA and HB (30 + 30 min), July for HC (nothing): months without count 0.
    assert rows[2]["mean_hours"] == pytest.approx(60 / 60 / 3)
    assert rows[2]["mean_life_areas"] == 0
    assert rows[5]["mean_hours"] == pytest.approx((60 + 30) / 60 / 3)  # HA May, HC October


def test_trajectory_counts_only_observed_months_and_active_households(
    store: Store, households: Households
) -> None:
    rows = rows_by_k(report(store, "trajectory"))
    # HC's month 6 is November, after the period: only HA and HB are observed.
    assert (rows[6]["households"], rows[6]["mean_hours"]) == (2, 0)
    assert rows[6]["mean_life_areas"] is None
    assert rows[6]["active_households"] == 2  # HB closed on 15 June, June itself still counts
    assert (rows[7]["households"], rows[7]["active_households"]) == (2, 1)
    assert rows[8]["mean_hours"] == pytest.approx(180 / 60 / 2)
    assert rows[11] == {
        "k": 11,
        "households": 0,
        "mean_hours": None,
        "mean_life_areas": None,
        "active_households": 0,
    }


def test_trajectory_in_30_day_windows(store: Store, households: Households) -> None:
    result = report(store, "trajectory", relative=True)
    assert result["params"]["relative"] is True
    rows = rows_by_k(result)
    # HA 10 Jan–8 Feb: 60 + 30; HB 20 Jan–18 Feb: 45 + 30; HC 10 Jun–9 Jul: 90.
    assert rows[1]["households"] == 3
    assert rows[1]["mean_hours"] == pytest.approx((90 + 75 + 90) / 60 / 3)
    # Window 5 of HC runs 7 Oct–5 Nov, beyond the period: not observed.
    assert rows[5]["households"] == 2


def test_a_module_filter_aligns_at_the_first_consultation_in_that_module(
    store: Store, households: Households
) -> None:
    rows = rows_by_k(report(store, "trajectory", module="willkommen"))
    assert rows[1]["households"] == 0  # the consultations above are all Integrationsbüro


def test_prognosis_groups_by_a_direct_contact_in_month_two(
    store: Store, households: Households
) -> None:
    result = report(store, "prognosis")
    assert set(result) == {"report", "params", "groups", "forecast"}
    assert result["groups"] == {
        "contact_month2": {
            "households": 1,
            "mean_monthly_hours": pytest.approx(1.0),
            # HA, January to September
            "mean_hours_by_k": pytest.approx([1.0, 0.5, 2.0, 0, 1.0, 0, 0, 3.0, 0]),
        },
        "no_contact_month2": {
            "households": 1,
            "mean_monthly_hours": pytest.approx(4 / 6),
            "mean_hours_by_k": pytest.approx([0.75, 0.5, 0, 4.0, 0, 0, 0, 0, 0]),
        },
    }


def test_prognosis_forecast_per_counsellor_and_team(store: Store, households: Households) -> None:
    forecast = report(store, "prognosis")["forecast"]
    expected = []
    for month in ("2024-11", "2024-12", "2025-01"):
        # HA settled: its average of May–October, 4 h / 6. HC in its first 8 months without a
        # direct contact in month 2: the group mean, 4 h / 6. HB is closed.
        expected += [
            {"month": month, "counsellor": "B1", "households": 1, "hours": pytest.approx(4 / 6)},
            {"month": month, "counsellor": "C2", "households": 1, "hours": pytest.approx(4 / 6)},
            {"month": month, "counsellor": None, "households": 2, "hours": pytest.approx(8 / 6)},
        ]
    assert forecast == expected


def test_households_first_seen_in_the_last_months_enter_once_eight_are_observed(
    store: Store, households: Households
) -> None:
    # To October HC (first seen in June) is left out; to February 2025 it is observed long enough:
    # no direct contact in July, 30 min over August–January.
    result = report(store, "prognosis", to_month=Month(2025, 2))
    group = result["groups"]["no_contact_month2"]
    assert group["households"] == 2
    assert group["mean_monthly_hours"] == pytest.approx((4 / 6 + 0.5 / 6) / 2)


def test_prognosis_needs_eight_observed_months_after_the_first(
    store: Store, households: Households
) -> None:
    groups = report(store, "prognosis", to_month=Month(2024, 8))["groups"]
    empty = {"households": 0, "mean_monthly_hours": None, "mean_hours_by_k": []}
    assert groups == {"contact_month2": empty, "no_contact_month2": empty}


def test_workload_per_counsellor_and_team(store: Store, households: Households) -> None:
    result = report(store, "workload")
    by_code = {row["counsellor"]: row for row in result["rows"]}
    assert by_code["B1"] == {
        "counsellor": "B1",
        "active_households": 1,
        "hours_by_month": {"2024-08": 3.0, "2024-09": 0.0, "2024-10": 0.0},
        "mean_monthly_hours": pytest.approx(1.0),
        "vza": 0.5,
        "households_per_vza": 2.0,
        "hours_per_vza": pytest.approx(2.0),
        "fachleistung_approved_hours": 50.0,
        "fachleistung_used_hours": 4.0,
        "forecast_hours": {
            "2024-11": pytest.approx(4 / 6),
            "2024-12": pytest.approx(4 / 6),
            "2025-01": pytest.approx(4 / 6),
        },
    }
    c2 = by_code["C2"]
    assert (c2["active_households"], c2["vza"], c2["households_per_vza"]) == (1, None, None)
    assert c2["hours_by_month"]["2024-10"] == 0.5
    team = result["team"]
    assert (team["counsellor"], team["active_households"], team["vza"]) == (None, 2, 0.5)
    assert team["fachleistung_used_hours"] == 4.0


def test_workload_for_one_counsellor(store: Store, households: Households) -> None:
    result = report(store, "workload", counsellor="C2")
    assert [row["counsellor"] for row in result["rows"]] == ["C2"]


def test_reports_of_several_tables_become_csv_blocks(store: Store, households: Households) -> None:
    groups, forecast = render_csv(report(store, "prognosis")).split("\n\n")
    group_lines = list(csv.reader(io.StringIO(groups), delimiter=";"))
    assert group_lines[:3] == [
        ["groups"],
        ["name", "households", "mean_monthly_hours", "mean_hours_by_k"],
        [
            "contact_month2",
            "1",
            "1,00",
            "1,00 | 0,50 | 2,00 | 0,00 | 1,00 | 0,00 | 0,00 | 3,00 | 0,00",
        ],
    ]
    forecast_lines = list(csv.reader(io.StringIO(forecast), delimiter=";"))
    assert forecast_lines[:3] == [
        ["forecast"],
        ["month", "counsellor", "households", "hours"],
        ["2024-11", "B1", "1", "0,67"],
    ]
    assert len(forecast_lines) == 2 + 9
