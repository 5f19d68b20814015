"""The client list: search as you type, filters, sorting in SQL and rows page by page."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from fsa_desk.domain.modules import derive_module
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import deadlines, fachleistung, households, persons, tasks
from fsa_desk.services.client_columns import MODULE_ORDER, REGION_ORDER, STATUS_ORDER
from fsa_desk.services.client_list import (
    ClientQuery,
    ClientRow,
    SortKey,
    client_ids,
    client_rows,
    counsellor_choices,
    search_clients,
)
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.demo import generate_demo
from fsa_desk.services.spreadsheet_import import import_files
from fsa_desk.store.models import Membership
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.test_spreadsheet_import import write_csv


def refs(store: Store, query: ClientQuery, today: date = TODAY) -> list[str]:
    ids = client_ids(store, query, today=today)
    return [row.household_ref for row in client_rows(store, ids, today=today)]


def found(store: Store, text: str) -> list[ClientRow]:
    page = search_clients(store, ClientQuery(text=text), today=TODAY)
    return page.rows


# --- search ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "member"),
    [
        ("Hadad", "Rania"),  # a transliteration variant
        ("haddad rania", "Rania"),
        ("Omar", "Omar"),
        ("17.05.1990", "Rania"),
        ("2016", "Omar"),
        ("Haddad 2016", "Omar"),
    ],
)
def test_a_member_is_found_and_shown_as_the_match(
    store: Store, family: Family, text: str, member: str
) -> None:
    (row,) = found(store, text)
    assert row.household_ref == "B1-2024-001"
    assert row.match is not None
    assert row.match.member.given_name == member
    assert row.match.current


def test_a_file_number_finds_the_household_without_a_member_match(
    store: Store, family: Family
) -> None:
    (row,) = found(store, "b1-2024-0")
    assert row.household_ref == "B1-2024-001"
    assert row.match is None


def test_nothing_is_found_for_a_name_that_is_not_there(store: Store, family: Family) -> None:
    page = search_clients(store, ClientQuery(text="Müller"), today=TODAY)
    assert page.ids == []
    assert page.rows == []


def test_a_former_member_still_finds_the_household_and_is_marked(
    store: Store, family: Family
) -> None:
    with store.read() as session:
        query = select(Membership.id).where(Membership.person_id == family.child.id)
        membership_id = session.scalars(query).one()
    households.end_membership(store, membership_id, date(2026, 3, 31), "auszug", today=TODAY)
    (row,) = found(store, "Omar")
    assert row.match is not None
    assert row.match.member.given_name == "Omar"
    assert not row.match.current
    assert [m.given_name for m in row.members] == ["Rania"]


def test_the_head_of_household_is_listed_first(store: Store) -> None:
    household = households.create_household(
        store, households.NewHousehold("B1-2026-050"), today=TODAY
    )
    for family_name, given, born, role in [
        ("Amini", "Sara", 2015, "kind"),
        ("Amini", "Leila", 1980, "partner"),
        ("Amini", "Reza", 1985, "haushaltsvorstand"),
    ]:
        persons.create_person(
            store,
            persons.PersonData(family_name, given, birth=PartialDate(born)),
            household.id,
            role,
            today=TODAY,
        )
    (row,) = client_rows(store, [household.id], today=TODAY)
    assert [m.given_name for m in row.members] == ["Reza", "Leila", "Sara"]


# --- a small team: filters and expected orders ----------------------------------------------


@dataclass(frozen=True)
class Team:
    ids: dict[str, uuid.UUID]  # by household_ref
    z7: uuid.UUID


@pytest.fixture
def team(store: Store, family: Family, tmp_path: Path) -> Team:
    """Five households of two counsellors in three regions, modules and statuses.

    B1-2024-001 Haddad (2 persons, Integrationsbüro, no address, no contact)
    T-001 Zeller (1, Willkommensleistung, Mitte, B1)     T-002 Amari (2, Integrationsbüro,
    West, Z7, ruhend)   T-003 Mohr (3, Fachleistung, Nord, B1)   T-004 Nowak (1, closed, Süd)
    """
    sheets = [
        write_csv(
            tmp_path / "haushalte.csv",
            ["household_ref", "allocation_date", "district", "counsellor_code"],
            [
                ["T-001", "2026-06-01", "Innere Altstadt", "B1"],
                ["T-002", "2023-06-01", "Cotta", "Z7"],
                ["T-003", "2024-01-10", "Innere Neustadt", "B1"],
                ["T-004", "2022-01-10", "Leuben", "B1"],
            ],
        ),
        write_csv(
            tmp_path / "personen.csv",
            ["household_ref", "family_name", "given_name", "birth_date", "sex"],
            [
                ["T-001", "Zeller", "Anton", "1980-01-01", "m"],
                ["T-002", "Amari", "Bea", "1975", "w"],
                ["T-002", "Amari", "Cleo", "2010", "w"],
                ["T-003", "Mohr", "Dana", "1990-03-04", "w"],
                ["T-003", "Mohr", "Emil", "2012", "m"],
                ["T-003", "Mohr", "Finn", "2014", "m"],
                ["T-004", "Nowak", "Greta", "1960", "w"],
            ],
        ),
        write_csv(
            tmp_path / "kontakte.csv",
            ["household_ref", "date", "duration_minutes", "contact_type", "life_areas"],
            [
                ["T-001", "2026-11-10", "60", "buero", "wohnen"],
                ["T-002", "2026-09-01", "30", "telefon", "arbeit"],
                ["T-003", "2026-10-15", "90", "hausbesuch", "familie"],
                ["T-004", "2025-05-01", "30", "buero", "alltag"],
            ],
        ),
    ]
    import_files(store, sheets, today=TODAY)
    ids = {row.household_ref: row.id for row in client_rows(store, _all(store), today=TODAY)}
    households.set_status(store, ids["T-002"], "ruhend", today=TODAY)
    households.set_status(store, ids["T-004"], "abgeschlossen", closure_reason="umzug", today=TODAY)
    case_id = fachleistung.open_case(store, ids["T-003"], date(2026, 9, 1))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.2-0815", date(2026, 10, 1), date(2027, 3, 31), Decimal(40)
        ),
        today=TODAY,
    )
    (z7,) = [c.id for c in counsellor_choices(store) if c.code == "Z7"]
    return Team(ids, z7)


def _all(store: Store) -> list[uuid.UUID]:
    return client_ids(store, ClientQuery(sort=SortKey.REF), today=TODAY)


def test_each_column_of_a_row(store: Store, team: Team) -> None:
    (row,) = client_rows(store, [team.ids["T-003"]], today=TODAY)
    assert row.household_ref == "T-003"
    assert [m.given_name for m in row.members] == ["Dana", "Emil", "Finn"]
    assert (row.module, row.status, row.region) == ("fachleistung", "aktiv", "nord")
    assert (row.counsellor_code, row.counsellor_name) == ("B1", "Anna Berg")
    assert row.last_contact == date(2026, 10, 15)
    assert row.match is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (ClientQuery(module="willkommen"), ["T-001"]),
        (ClientQuery(module="integrationsbuero"), ["B1-2024-001", "T-002", "T-004"]),
        (ClientQuery(module="fachleistung"), ["T-003"]),
        (ClientQuery(status="aktiv"), ["B1-2024-001", "T-001", "T-003"]),
        (ClientQuery(status="ruhend"), ["T-002"]),
        (ClientQuery(status="abgeschlossen"), ["T-004"]),
        (ClientQuery(region="mitte"), ["T-001"]),
        (ClientQuery(region="west"), ["T-002"]),
        (ClientQuery(region="sued"), ["T-004"]),
        (ClientQuery(region="nord", module="fachleistung", status="aktiv"), ["T-003"]),
        (ClientQuery(region="nord", status="ruhend"), []),
        (ClientQuery(text="Mohr", module="fachleistung"), ["T-003"]),
        (ClientQuery(text="Mohr", module="willkommen"), []),
    ],
)
def test_filters(store: Store, team: Team, query: ClientQuery, expected: list[str]) -> None:
    assert refs(store, replace(query, sort=SortKey.REF)) == expected


def test_filter_by_key_counsellor(store: Store, team: Team) -> None:
    assert refs(store, ClientQuery(counsellor_id=team.z7)) == ["T-002"]
    anna = store.installation_counsellor_id()
    assert refs(store, ClientQuery(counsellor_id=anna, sort=SortKey.REF)) == [
        "B1-2024-001",
        "T-001",
        "T-003",
        "T-004",
    ]


def test_counsellor_choices_name_everyone_by_name_and_code(store: Store, team: Team) -> None:
    assert [(c.name, c.code) for c in counsellor_choices(store)] == [
        ("Anna Berg", "B1"),
        ("Z7", "Z7"),
    ]


@pytest.mark.parametrize(
    ("key", "ascending"),
    [
        (SortKey.REF, ["B1-2024-001", "T-001", "T-002", "T-003", "T-004"]),
        (SortKey.NAMES, ["T-002", "B1-2024-001", "T-003", "T-004", "T-001"]),
        (SortKey.PERSONS, ["T-001", "T-004", "B1-2024-001", "T-002", "T-003"]),
        (SortKey.MODULE, ["T-001", "B1-2024-001", "T-002", "T-004", "T-003"]),
        (SortKey.STATUS, ["B1-2024-001", "T-001", "T-003", "T-002", "T-004"]),
        (SortKey.COUNSELLOR, ["B1-2024-001", "T-001", "T-003", "T-004", "T-002"]),
        (SortKey.REGION, ["T-003", "T-002", "T-001", "T-004", "B1-2024-001"]),
        (SortKey.LAST_CONTACT, ["T-004", "T-002", "T-003", "T-001", "B1-2024-001"]),
    ],
)
def test_each_sort_in_both_directions(
    store: Store, team: Team, key: SortKey, ascending: list[str]
) -> None:
    assert refs(store, ClientQuery(sort=key)) == ascending
    descending = refs(store, ClientQuery(sort=key, descending=True))
    assert set(descending) == set(ascending)
    assert descending == expected_order(client_rows(store, _all(store), today=TODAY), key, True)


def test_sorting_by_next_deadline_puts_households_without_one_last(
    store: Store, team: Team
) -> None:
    tasks.add_task(store, team.ids["T-001"], date(2026, 12, 1), "Kita-Platz nachfragen")
    tasks.add_task(store, team.ids["T-002"], date(2026, 11, 25), "Jobcenter anrufen")
    ascending = refs(store, ClientQuery(sort=SortKey.NEXT_DUE))
    assert ascending[:2] == ["T-002", "T-001"]
    assert refs(store, ClientQuery(sort=SortKey.NEXT_DUE, descending=True))[:2] == [
        "T-001",
        "T-002",
    ]


def test_the_module_in_sql_agrees_with_the_domain_rule_around_the_willkommensjahr(
    store: Store,
) -> None:
    """Allocation on 29 February: the Willkommensjahr ends on 28 February of the next year."""
    household = households.create_household(
        store,
        households.NewHousehold("B1-2024-229", allocation_date=date(2024, 2, 29)),
        today=TODAY,
    )
    for day in (date(2024, 2, 28), date(2024, 2, 29), date(2025, 2, 28), date(2025, 3, 1)):
        expected = derive_module(day, date(2024, 2, 29), []).value
        (row,) = client_rows(store, [household.id], today=day)
        assert row.module == expected, day
        assert client_ids(store, ClientQuery(module=expected), today=day) == [household.id]


# --- last contact and next deadline ----------------------------------------------------------


def _contact(
    store: Store, family: Family, day: date, *, outcome: str = "stattgefunden", **more: object
) -> None:
    data = ConsultationInput(
        family.household.id, day, 0 if outcome != "stattgefunden" else 45, "buero", outcome=outcome
    )
    record_consultation(store, replace(data, **more), today=TODAY)  # type: ignore[arg-type]


def _row(store: Store, family: Family) -> ClientRow:
    (row,) = client_rows(store, [family.household.id], today=TODAY)
    return row


def test_a_no_show_is_not_the_last_contact(store: Store, family: Family) -> None:
    _contact(store, family, date(2026, 11, 2), life_areas=("wohnen",))
    _contact(store, family, date(2026, 11, 9), outcome="nicht_erschienen")
    assert _row(store, family).last_contact == date(2026, 11, 2)


def test_next_deadline_is_the_soonest_open_frist_task_or_follow_up(
    store: Store, family: Family
) -> None:
    household_id = family.household.id
    assert _row(store, family).next_due is None
    task_id = tasks.add_task(store, household_id, date(2026, 12, 10), "Unterlagen prüfen")
    deadlines.record_bescheid(
        store,
        deadlines.BescheidInput(
            household_id, "Jobcenter Dresden", "Leistungsbescheid", "widerspruch", date(2026, 11, 2)
        ),
        today=TODAY,
    )
    frist = _row(store, family).next_due
    assert frist is not None and frist < date(2026, 12, 10)
    _contact(
        store,
        family,
        date(2026, 11, 12),
        life_areas=("existenzsicherung",),
        follow_up_on=date(2026, 11, 19),
    )
    assert _row(store, family).next_due == date(2026, 11, 19)  # overdue ones count
    _contact(store, family, date(2026, 11, 18), life_areas=("existenzsicherung",))
    assert _row(store, family).next_due == frist  # a later contact answered the follow-up
    tasks.complete_task(store, task_id, today=TODAY)
    assert _row(store, family).next_due == frist


def test_a_closed_household_has_no_next_deadline(store: Store, family: Family) -> None:
    tasks.add_task(store, family.household.id, date(2026, 12, 10), "Unterlagen prüfen")
    households.set_status(
        store, family.household.id, "abgeschlossen", closure_reason="umzug", today=TODAY
    )
    assert _row(store, family).next_due is None


# --- paging and large lists ----------------------------------------------------------------


def test_ids_first_then_rows_page_by_page(store: Store, team: Team) -> None:
    query = ClientQuery(sort=SortKey.REF)
    page = search_clients(store, query, page_size=2, today=TODAY)
    assert len(page.ids) == 5
    assert [r.household_ref for r in page.rows] == ["B1-2024-001", "T-001"]
    second = client_rows(store, page.ids[2:4], today=TODAY)
    assert [r.household_ref for r in second] == ["T-002", "T-003"]
    assert [r.id for r in page.rows + second] == page.ids[:4]


def test_rows_of_households_deleted_meanwhile_are_left_out(store: Store, team: Team) -> None:
    ids = _all(store)
    rows = client_rows(store, [*ids[:2], uuid.uuid4()], today=TODAY)
    assert [r.id for r in rows] == ids[:2]


def _ascii_lower(text: str) -> str:
    # SQL lower() folds ASCII letters only, on every database this runs on.
    return "".join(c.lower() if c.isascii() else c for c in text)


SORT_VALUES: dict[SortKey, Callable[[ClientRow], object]] = {
    SortKey.REF: lambda r: r.household_ref.lower(),
    SortKey.NAMES: lambda r: (
        _ascii_lower(f"{r.members[0].family_name} {r.members[0].given_name}") if r.members else None
    ),
    SortKey.PERSONS: lambda r: len(r.members),
    SortKey.MODULE: lambda r: MODULE_ORDER.index(r.module),
    SortKey.STATUS: lambda r: STATUS_ORDER.index(r.status),
    SortKey.COUNSELLOR: lambda r: _ascii_lower(r.counsellor_name) if r.counsellor_name else None,
    SortKey.REGION: lambda r: REGION_ORDER.index(r.region) if r.region else None,
    SortKey.LAST_CONTACT: lambda r: r.last_contact,
    SortKey.NEXT_DUE: lambda r: r.next_due,
}


def expected_order(rows: list[ClientRow], key: SortKey, descending: bool) -> list[str]:
    """What the list shows, sorted in Python: empty values last, ties by Haushalt-Nr."""
    value = SORT_VALUES[key]
    rows = sorted(rows, key=lambda r: (r.household_ref, r.id.hex))
    present = [r for r in rows if value(r) is not None]
    missing = [r for r in rows if value(r) is None]
    ordered = sorted(present, key=value, reverse=descending) + missing  # type: ignore[arg-type]
    return [r.household_ref for r in ordered]


def test_every_sort_on_demo_data_orders_by_what_the_rows_show(store: Store) -> None:
    generate_demo(store, households=30, months=12, seed=3, today=TODAY)
    rows = client_rows(store, _all(store), today=TODAY)
    assert len(rows) >= 30
    for key in SortKey:
        for descending in (False, True):
            shown = refs(store, ClientQuery(sort=key, descending=descending))
            assert shown == expected_order(rows, key, descending), (key, descending)


def test_search_on_demo_data_finds_every_member_by_family_name(store: Store) -> None:
    generate_demo(store, households=20, months=6, seed=5, today=TODAY)
    rows = client_rows(store, _all(store), today=TODAY)
    for row in rows[:10]:
        for member in row.members:
            hits = search_clients(store, ClientQuery(text=member.family_name), today=TODAY)
            assert row.id in hits.ids
