"""The monthly evaluation (DESIGN.md §7): figures per calendar month, computed by hand here."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.reports.conftest import World, consultation

from fsa_desk.errors import UsageError
from fsa_desk.reports.common import Month, ReportParams, flatten, render_csv, render_json
from fsa_desk.reports.monthly import monthly_report
from fsa_desk.store.store import Store

MODULES = ("fachleistung", "integrationsbuero", "willkommen")
AREAS = ("aufenthalt", "existenzsicherung", "familie", "gesundheit", "krise", "wohnen", "ohne")
TYPES = ("begleitung", "buero", "hausbesuch", "telefon")
# The keys of each dict column: every key that occurs in the observed period (January–April).
KEYS = {"module": MODULES, "area": AREAS, "type": TYPES, "counsellor": ("B1", "C2")}


def expected(
    month: str,
    keys: dict[str, tuple[str, ...]] = KEYS,
    *,
    split: dict[str, dict[str, float]] | None = None,
    **counts: int,
) -> dict[str, Any]:
    """A whole row: every dict column has every key of the period, zero where nothing happened."""
    given = split or {}

    def hours(column: str) -> dict[str, float]:
        return {key: given.get(column, {}).get(key, 0) / 60 for key in keys[column]}

    return {
        "month": month,
        "contacts": counts.get("contacts", 0),
        "hours": counts.get("minutes", 0) / 60,
        "households": counts.get("households", 0),
        "persons": counts.get("persons", 0),
        "persons_present": counts.get("persons_present", 0),
        "hours_by_module": hours("module"),
        "hours_by_life_area": hours("area"),
        "hours_by_contact_type": hours("type"),
        "hours_by_counsellor": hours("counsellor"),
        "travel_hours": counts.get("travel", 0) / 60,
        "kurzkontakte": counts.get("kurzkontakte", 0),
        "no_shows": counts.get("no_shows", 0),
    }


def report(store: Store, **params: Any) -> dict[str, Any]:
    for bound in ("from_month", "to_month"):
        if bound in params:
            params[bound] = Month.parse(params[bound])
    with store.read() as session:
        return monthly_report(session, ReportParams(**params))


JANUARY: dict[str, Any] = dict(
    contacts=2,
    minutes=150,
    households=2,
    persons=2,
    persons_present=2,
    travel=20,
    kurzkontakte=2,
    split={
        "module": {"willkommen": 90, "integrationsbuero": 60},
        # c1: 90 min split evenly; c2: 40 given, the other 20 split over two areas
        "area": {
            "wohnen": 45,
            "gesundheit": 45,
            "existenzsicherung": 40,
            "aufenthalt": 10,
            "familie": 10,
        },
        "type": {"buero": 90, "telefon": 60},
        "counsellor": {"B1": 90, "C2": 60},
    },
)
FEBRUARY: dict[str, Any] = dict(
    # p2 joined on 15 February: a member this month; the no-show's "anwesend" is nobody present
    contacts=2,
    minutes=75,
    households=2,
    persons=3,
    persons_present=1,
    travel=30,
    no_shows=1,
    split={
        "module": {"willkommen": 30, "integrationsbuero": 45},
        "area": {"ohne": 30, "aufenthalt": 45},
        "type": {"hausbesuch": 30, "buero": 45},
        "counsellor": {"B1": 75},
    },
)
MARCH: dict[str, Any] = dict(kurzkontakte=1)
APRIL: dict[str, Any] = dict(
    contacts=1,
    minutes=75,
    households=1,
    persons=1,
    persons_present=1,
    split={
        "module": {"fachleistung": 75},
        "area": {"krise": 50, "familie": 25},
        "type": {"begleitung": 75},
        "counsellor": {"C2": 75},
    },
)


def test_whole_report_month_by_month(store: Store, world: World) -> None:
    result = report(store)
    assert list(result) == ["report", "params", "rows"]
    assert result["report"] == "monthly"
    assert result["params"] == {
        "from": "2024-01",
        "to": "2024-04",
        "counsellor": None,
        "module": None,
        "region": None,
    }
    assert result["rows"] == [
        expected("2024-01", **JANUARY),
        expected("2024-02", **FEBRUARY),
        expected("2024-03", **MARCH),  # no consultation: zeros, but its Kurzkontakt
        expected("2024-04", **APRIL),
    ]


def test_explicit_period_adds_empty_months_and_leaves_out_others(
    store: Store, world: World
) -> None:
    result = report(store, from_month="2023-12", to_month="2024-02")
    keys = {
        "module": ("integrationsbuero", "willkommen"),
        "area": ("aufenthalt", "existenzsicherung", "familie", "gesundheit", "wohnen", "ohne"),
        "type": ("buero", "hausbesuch", "telefon"),
        "counsellor": ("B1", "C2"),
    }
    assert result["params"]["from"] == "2023-12" and result["params"]["to"] == "2024-02"
    assert result["rows"] == [
        expected("2023-12", keys),
        expected("2024-01", keys, **JANUARY),
        expected("2024-02", keys, **FEBRUARY),
    ]


def test_counsellor_filter(store: Store, world: World) -> None:
    rows = report(store, counsellor="C2")["rows"]
    assert [r["month"] for r in rows] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [(r["contacts"], r["hours"], r["kurzkontakte"]) for r in rows] == [
        (1, 1.0, 0),
        (0, 0.0, 0),
        (0, 0.0, 1),
        (1, 1.25, 0),
    ]
    assert rows[0]["hours_by_counsellor"] == {"C2": 1.0}
    assert rows[0]["hours_by_life_area"]["existenzsicherung"] == 40 / 60
    assert rows[0]["persons"] == 1 and rows[0]["persons_present"] == 1


def test_module_filter(store: Store, world: World) -> None:
    rows = report(store, module="willkommen")["rows"]
    assert [(r["contacts"], r["hours"], r["travel_hours"]) for r in rows] == [
        (1, 1.5, 20 / 60),
        (1, 0.5, 0.5),
        (0, 0.0, 0.0),
        (0, 0.0, 0.0),
    ]
    assert rows[1]["hours_by_life_area"] == {"gesundheit": 0.0, "wohnen": 0.0, "ohne": 0.5}
    assert [r["kurzkontakte"] for r in rows] == [0, 0, 0, 0]  # open office hours: Integrationsbüro
    assert [r["kurzkontakte"] for r in report(store, module="integrationsbuero")["rows"]] == [
        2,
        0,
        1,
        0,
    ]


def test_region_filter_uses_the_address_on_the_consultation_date(
    store: Store, world: World
) -> None:
    rows = report(store, region="Mitte")["rows"]
    # h2 lived in Nord in January: its January consultation is not Mitte's
    assert [(r["contacts"], r["hours"], r["households"]) for r in rows] == [
        (1, 1.5, 1),
        (2, 1.25, 2),
        (0, 0.0, 0),
        (1, 1.25, 1),
    ]
    nord = report(store, region="Nord")["rows"]
    assert [(r["contacts"], r["hours"]) for r in nord] == [(1, 1.0), (0, 0.0), (0, 0.0), (0, 0.0)]
    # Kurzkontakte follow their counsellor's region: C2 works in Mitte, B1 has none
    assert [r["kurzkontakte"] for r in rows] == [0, 0, 1, 0]


def test_given_minutes_beyond_the_duration_are_scaled_to_it(store: Store, world: World) -> None:
    with store.transaction() as session:
        consultation(
            session, world.h1, world.b1, date(2024, 3, 1), 60, areas={"wohnen": 90, "arbeit": None}
        )
        consultation(
            session, world.h1, world.b1, date(2024, 3, 2), 60, areas={"wohnen": 60, "krise": 60}
        )
        consultation(
            session, world.h1, world.b1, date(2024, 3, 3), 30, areas={"wohnen": 0, "krise": 0}
        )
    areas = report(store, from_month="2024-03", to_month="2024-03")["rows"][0]["hours_by_life_area"]
    assert areas == {"arbeit": 0.0, "krise": 45 / 60, "wohnen": 105 / 60}
    assert sum(areas.values()) == 2.5


def test_no_consultations_gives_no_rows(store: Store) -> None:
    result = report(store)
    assert result["rows"] == []
    assert result["params"]["from"] is None


def test_one_bound_alone_reaches_to_the_data(store: Store, world: World) -> None:
    assert [r["month"] for r in report(store, from_month="2024-03")["rows"]] == [
        "2024-03",
        "2024-04",
    ]
    assert [r["month"] for r in report(store, to_month="2023-11")["rows"]] == ["2023-11"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"module": "willkommensleistung"}, "willkommensleistung"),
        ({"counsellor": "ZZ"}, "ZZ"),
        ({"from_month": "2024-05", "to_month": "2024-01"}, "2024-05"),
    ],
)
def test_impossible_filters_are_usage_errors(
    store: Store, world: World, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        report(store, **params)


@pytest.mark.parametrize("text", ["2024-13", "2024-1", "24-01", "2024/01", "", "2024-00"])
def test_month_parse_rejects_what_is_not_a_month(text: str) -> None:
    with pytest.raises(UsageError):
        Month.parse(text)


def test_month_arithmetic() -> None:
    assert str(Month.parse("2023-11").plus(3)) == "2024-02"
    assert Month.parse("2024-02").last_day == date(2024, 2, 29)
    assert Month.parse("2024-01").plus(-1) == Month(2023, 12)


def test_csv_has_one_line_per_month_and_parses_back(store: Store, world: World) -> None:
    result = report(store)
    lines = list(csv.DictReader(io.StringIO(render_csv(result)), delimiter=";"))
    assert [line["month"] for line in lines] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    january = lines[0]
    assert january["contacts"] == "2"
    assert january["hours"] == "2,50"
    assert january["travel_hours"] == "0,33"
    assert january["hours_by_module.willkommen"] == "1,50"
    assert january["hours_by_life_area.existenzsicherung"] == "0,67"
    assert january["hours_by_counsellor.C2"] == "1,00"
    assert lines[1]["hours_by_life_area.ohne"] == "0,50"
    assert len(january) == 9 + sum(len(keys) for keys in KEYS.values())
    for line, row in zip(lines, result["rows"], strict=True):
        flat = flatten(row)
        assert list(line) == list(flat)
        numbers = {name: float(line[name].replace(",", ".")) for name in flat if name != "month"}
        assert numbers == {name: round(flat[name], 2) for name in numbers}


def test_json_keeps_numbers_unrounded(store: Store, world: World) -> None:
    text = render_json(report(store))
    assert '"travel_hours": 0.3333333333333333' in text


CONSULTATIONS = st.lists(
    st.fixed_dictionaries(
        {
            "day": st.integers(0, 120),
            "minutes": st.integers(0, 480),
            "module": st.sampled_from(MODULES),
            "contact_type": st.sampled_from(TYPES),
            "areas": st.dictionaries(
                st.sampled_from(AREAS[:-1]), st.none() | st.integers(0, 300), max_size=4
            ),
        }
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(consultations=CONSULTATIONS)
def test_every_breakdown_adds_up_to_the_hours(
    store: Store, world: World, consultations: list[dict[str, Any]]
) -> None:
    with store.transaction() as session:
        for drawn in consultations:
            consultation(
                session,
                world.h1,
                world.c2,
                date(2024, 1, 1) + timedelta(drawn["day"]),
                drawn["minutes"],
                module=drawn["module"],
                contact_type=drawn["contact_type"],
                areas=drawn["areas"],
            )
    for row in report(store)["rows"]:
        for column in (
            "hours_by_module",
            "hours_by_life_area",
            "hours_by_contact_type",
            "hours_by_counsellor",
        ):
            assert sum(row[column].values()) == pytest.approx(row["hours"], abs=1e-9), column
