"""Retention: rules at their boundaries, erasure by redaction, the protocol holds no content."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from fsa_desk.errors import InputRejected
from fsa_desk.services import households, retention
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.erasure import MARKER
from fsa_desk.store.models import Abrechnung, ChangeLog, Consultation, Person
from fsa_desk.store.store import Store
from tests.services.conftest import Family

NOTE = "Mietschulden bei der Vonovia, Gespräch mit Frau Haddad"
LAST_CONTACT = date(2024, 3, 11)
CLOSED_ON = date(2024, 5, 2)


def raw_text(store: Store) -> str:
    """Every value of every table of the decrypted database, as one text."""
    parts: list[str] = []
    with store.engine.connect() as connection:
        tables = connection.execute(text("SELECT name FROM sqlite_master WHERE type='table'"))
        for (name,) in tables.all():
            for row in connection.execute(text(f'SELECT * FROM "{name}"')):
                parts.append(repr(tuple(row)))
    return "\n".join(parts)


@pytest.fixture
def counselled(store: Store, family: Family) -> Family:
    record_consultation(
        store,
        ConsultationInput(
            household_id=family.household.id,
            date=LAST_CONTACT,
            duration_minutes=90,
            contact_type="buero",
            life_areas=("wohnen",),
            persons_present=(family.mother.id,),
            agreements="Antrag bis Freitag",
            note=NOTE,
        ),
        today=LAST_CONTACT,
    )
    return family


def _close(store: Store, family: Family) -> None:
    households.set_status(
        store, family.household.id, "abgeschlossen", closure_reason="umzug", today=CLOSED_ON
    )


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2027, 3, 10), 0), (date(2027, 3, 11), 1), (date(2027, 3, 12), 1)],
)
def test_notes_are_due_three_years_after_the_last_contact(
    store: Store, counselled: Family, today: date, due: int
) -> None:
    assert retention.plan(store, today=today).counts["notes"] == due


@pytest.mark.parametrize(
    ("today", "due"),
    [(date(2027, 5, 1), 0), (date(2027, 5, 2), 1), (date(2027, 5, 3), 1)],
)
def test_closed_households_are_due_three_years_after_closing(
    store: Store, counselled: Family, today: date, due: int
) -> None:
    _close(store, counselled)
    assert retention.plan(store, today=today).counts["closed_households"] == due


@pytest.mark.parametrize(
    ("today", "due"), [(date(2025, 12, 31), 0), (date(2026, 1, 1), 1), (date(2026, 1, 2), 1)]
)
def test_billing_records_are_due_eight_years_after_the_end_of_their_year(
    store: Store, today: date, due: int
) -> None:
    with store.transaction() as session:
        session.add(
            Abrechnung(
                provider="Ausländerrat",
                period_from=date(2017, 12, 1),
                period_to=date(2017, 12, 31),
                invoice_number="R-2017-12",
            )
        )
    assert retention.plan(store, today=today).counts["billing"] == due


def test_a_run_on_the_due_day_erases_notes_but_keeps_the_consultation(
    store: Store, counselled: Family
) -> None:
    result = retention.run(store, today=date(2027, 3, 11))
    assert result.plan.counts["notes"] == 1
    dump = raw_text(store)
    assert "Mietschulden" not in dump and "Antrag bis Freitag" not in dump
    with store.read() as session:
        consultation = session.scalars(select(Consultation)).one()
        log = session.scalars(
            select(ChangeLog).where(ChangeLog.row_id == consultation.id.hex)
        ).all()
    assert consultation.deleted_hlc is None and consultation.duration_minutes == 90
    assert consultation.note is None
    assert {entry.field for entry in log} >= {"note", "agreements"}  # change ids kept


def test_erasing_a_closed_household_leaves_none_of_its_values(
    store: Store, counselled: Family
) -> None:
    _close(store, counselled)
    before = {row.change_id for row in _log(store)}
    result = retention.run(store, today=date(2027, 5, 2))
    assert result.plan.counts["closed_households"] == 1
    dump = raw_text(store)
    for value in ("Haddad", "Hadad", "Rania", "Omar", "B1-2024-001", "Mietschulden"):
        assert value not in dump, value
    assert before <= {row.change_id for row in _log(store)}
    with store.read() as session:
        persons = session.scalars(select(Person)).all()
    assert all(p.deleted_hlc is not None and p.family_name == MARKER for p in persons)
    assert all(p.birth_year is None for p in persons)


def test_the_statistics_extract_comes_first_and_is_anonymous(
    store: Store, counselled: Family
) -> None:
    _close(store, counselled)
    result = retention.run(store, today=date(2027, 5, 2))
    assert result.statistics_file is not None
    content = result.statistics_file.read_text(encoding="utf-8")
    rows = list(csv.DictReader(content.splitlines(), delimiter=";"))
    assert rows == [
        {
            "key": rows[0]["key"],
            "month_index": "1",
            "hours": "1.5",
            "life_areas": "wohnen",
            "module": rows[0]["module"],
            "closure_reason": "umzug",
        }
    ]
    for value in ("Haddad", "B1-2024-001", str(counselled.household.id), "2024"):
        assert value not in content


def test_the_protocol_holds_counts_and_no_content(store: Store, counselled: Family) -> None:
    _close(store, counselled)
    retention.run(store, today=date(2027, 5, 2), now=datetime(2027, 5, 2, 9, 0))
    entries = retention.protocol(store)
    assert [(e.category, e.count, e.by) for e in entries] == [
        ("notes", 1, "B1"),
        ("closed_households", 1, "B1"),
    ]
    assert entries[0].run_at == "2027-05-02T09:00:00"
    assert "Haddad" not in repr(entries) and "B1-2024" not in repr(entries)


def test_a_dry_run_changes_nothing(store: Store, counselled: Family) -> None:
    _close(store, counselled)
    before = raw_text(store)
    preview = retention.plan(store, today=date(2028, 1, 1))
    assert preview.counts["closed_households"] == 1
    assert raw_text(store) == before


@pytest.mark.parametrize(("age_days", "removed"), [(89, False), (90, True), (91, True)])
def test_backups_older_than_the_rule_are_removed(
    store: Store, age_days: int, removed: bool
) -> None:
    backup: Path = store.backup("manuell")
    now = datetime.now() + timedelta(days=age_days, minutes=1)
    retention.run(store, now=now)
    assert backup.exists() is not removed


def test_rules_are_stored_and_bad_rules_write_nothing(store: Store) -> None:
    retention.save_rules(store, retention.RetentionRules(notes_years=5))
    assert retention.load_rules(store).notes_years == 5
    with pytest.raises(InputRejected, match="notes_years"):
        retention.save_rules(store, retention.RetentionRules(notes_years=0, billing_years=2))
    assert retention.load_rules(store) == retention.RetentionRules(notes_years=5)


def _log(store: Store) -> list[ChangeLog]:
    with store.read() as session:
        return list(session.scalars(select(ChangeLog)))
