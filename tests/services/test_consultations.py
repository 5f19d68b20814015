"""Recording consultations: validation, module derivation at the edges, billability, undo."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import consultations
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.store.models import (
    Bewilligung,
    ChangeLog,
    Consultation,
    ConsultationLifeArea,
    ConsultationPerson,
    FachleistungCase,
)
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def entry(family: Family, day: date, **changes: object) -> ConsultationInput:
    base = ConsultationInput(
        household_id=family.household.id,
        date=day,
        duration_minutes=60,
        contact_type="buero",
        life_areas=("existenzsicherung",),
        persons_present=(family.mother.id,),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def change_count(store: Store) -> int:
    with store.read() as session:
        return session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()


@pytest.mark.parametrize(
    "day, module",
    [
        (date(2024, 2, 29), "willkommen"),  # allocation day
        (date(2025, 2, 28), "willkommen"),  # last day: no 29 Feb in 2025
        (date(2025, 3, 1), "integrationsbuero"),
    ],
)
def test_module_follows_the_willkommensjahr_from_a_leap_day(
    store: Store, family: Family, day: date, module: str
) -> None:
    saved = consultations.record_consultation(store, entry(family, day), today=TODAY)
    assert saved.module == module
    assert saved.billable is False


def test_saved_consultation_has_its_links_and_change_log(store: Store, family: Family) -> None:
    data = entry(
        family,
        date(2024, 6, 3),
        life_areas=("wohnen", "familie"),
        persons_concerned=(family.child.id,),
        travel_minutes=15,
    )
    saved = consultations.record_consultation(store, data, today=TODAY)
    with store.read() as session:
        areas = session.scalars(
            select(ConsultationLifeArea.life_area).where(
                ConsultationLifeArea.consultation_id == saved.id
            )
        ).all()
        people = session.execute(
            select(ConsultationPerson.person_id, ConsultationPerson.role).where(
                ConsultationPerson.consultation_id == saved.id
            )
        ).all()
        logged = session.scalars(
            select(ChangeLog.field).where(ChangeLog.row_id == saved.id.hex)
        ).all()
    assert sorted(areas) == ["familie", "wohnen"]
    assert sorted(people) == sorted(
        [(family.mother.id, "anwesend"), (family.child.id, "betroffen")]
    )
    assert {"date", "duration_minutes", "travel_minutes", "module"} <= set(logged)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"date": date(2026, 11, 21)}, "date"),  # tomorrow
        ({"date": date(1899, 12, 31)}, "date"),
        ({"duration_minutes": -5}, "duration_minutes"),
        ({"duration_minutes": 721}, "duration_minutes"),
        ({"contact_type": "brieftaube"}, "contact_type"),
        ({"life_areas": ("wohnem",)}, "life_areas"),
        ({"date": date(2024, 2, 28)}, "date"),  # the day before the allocation
    ],
)
def test_bad_input_is_rejected_with_a_clear_message_and_nothing_written(
    store: Store, family: Family, changes: dict[str, object], field: str
) -> None:
    before = change_count(store)
    with pytest.raises(ValidationError) as error:
        consultations.record_consultation(
            store, entry(family, date(2024, 6, 3), **changes), today=TODAY
        )
    assert [p.field for p in error.value.problems] == [field]
    assert change_count(store) == before


def test_unknown_life_area_suggests_the_closest(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError, match="wohnen"):
        consultations.record_consultation(
            store, entry(family, date(2024, 6, 3), life_areas=("wohnem",)), today=TODAY
        )


def test_all_problems_are_reported_at_once(store: Store, family: Family) -> None:
    data = entry(family, date(2026, 12, 1), duration_minutes=0, contact_type="x")
    with pytest.raises(ValidationError) as error:
        consultations.record_consultation(store, data, today=TODAY)
    assert {p.field for p in error.value.problems} == {"date", "duration_minutes", "contact_type"}


def test_no_show_may_have_zero_minutes(store: Store, family: Family) -> None:
    data = entry(family, date(2024, 6, 3), duration_minutes=0, outcome="nicht_erschienen")
    assert consultations.record_consultation(store, data, today=TODAY).duration_minutes == 0


def approve(
    store: Store, family: Family, start: date, end: date, hours: str, opened: date | None = None
) -> None:
    with store.transaction() as session:
        case = FachleistungCase(
            household_id=family.household.id,
            counsellor_id=store.installation_counsellor_id(),
            opened_on=opened or start,
        )
        session.add(case)
        session.add(
            Bewilligung(
                case_id=case.id,
                aktenzeichen="50.1-2025-0042",
                period_from=start,
                period_to=end,
                approved_hours=Decimal(hours),
            )
        )


def test_hours_beyond_the_budget_are_saved_and_marked_not_billable(
    store: Store, family: Family
) -> None:
    approve(store, family, date(2025, 4, 1), date(2026, 3, 31), "1.5")
    first = consultations.record_consultation(
        store, entry(family, date(2025, 4, 2), duration_minutes=90), today=TODAY
    )
    second = consultations.record_consultation(
        store, entry(family, date(2025, 4, 9), duration_minutes=60), today=TODAY
    )
    assert (first.module, first.billable) == ("fachleistung", True)
    assert (second.module, second.billable, second.billable_reason) == (
        "fachleistung",
        False,
        "ueber_budget",
    )


def test_open_case_before_the_bewilligung_marks_vor_bewilligung(
    store: Store, family: Family
) -> None:
    approve(store, family, date(2025, 6, 1), date(2026, 3, 31), "50", opened=date(2025, 5, 2))
    before_case = consultations.record_consultation(
        store, entry(family, date(2025, 5, 1)), today=TODAY
    )
    assert before_case.billable_reason is None
    saved = consultations.record_consultation(store, entry(family, date(2025, 5, 20)), today=TODAY)
    assert (saved.module, saved.billable, saved.billable_reason) == (
        "integrationsbuero",
        False,
        "vor_bewilligung",
    )


def test_module_override_needs_a_reason(store: Store, family: Family) -> None:
    with pytest.raises(ValidationError, match=r"Begründung|reason"):
        consultations.record_consultation(
            store, entry(family, date(2024, 6, 3), module_override="integrationsbuero"), today=TODAY
        )
    saved = consultations.record_consultation(
        store,
        entry(
            family,
            date(2024, 6, 3),
            module_override="integrationsbuero",
            module_override_reason="Vertrag: Sprechstunde",
        ),
        today=TODAY,
    )
    assert saved.module == "integrationsbuero"


def test_edit_logs_old_and_new_and_replaces_life_areas(store: Store, family: Family) -> None:
    saved = consultations.record_consultation(store, entry(family, date(2024, 6, 3)), today=TODAY)
    consultations.update_consultation(
        store,
        saved.id,
        entry(family, date(2024, 6, 3), duration_minutes=75, life_areas=("gesundheit",)),
        today=TODAY,
    )
    with store.read() as session:
        duration_changes = session.execute(
            select(ChangeLog.old, ChangeLog.new).where(
                ChangeLog.row_id == saved.id.hex, ChangeLog.field == "duration_minutes"
            )
        ).all()
        areas = session.scalars(
            select(ConsultationLifeArea.life_area).where(
                ConsultationLifeArea.consultation_id == saved.id,
                ConsultationLifeArea.deleted_hlc.is_(None),
            )
        ).all()
    assert duration_changes[-1] == ("60", "75")
    assert areas == ["gesundheit"]


def test_delete_and_undo(store: Store, family: Family) -> None:
    saved = consultations.record_consultation(
        store, entry(family, date(2024, 6, 3), life_areas=("wohnen", "familie")), today=TODAY
    )
    consultations.update_consultation(
        store, saved.id, entry(family, date(2024, 6, 3), life_areas=("wohnen",)), today=TODAY
    )
    consultations.delete_consultation(store, saved.id)
    with store.read() as session:
        row = session.get(Consultation, saved.id)
        assert row is not None and row.deleted_hlc is not None
    consultations.restore_consultation(store, saved.id)
    with store.read() as session:
        row = session.get(Consultation, saved.id)
        live_areas = session.scalars(
            select(ConsultationLifeArea.life_area).where(
                ConsultationLifeArea.consultation_id == saved.id,
                ConsultationLifeArea.deleted_hlc.is_(None),
            )
        ).all()
        last = (
            session.execute(
                select(ChangeLog.new)
                .where(ChangeLog.row_id == saved.id.hex, ChangeLog.field == "_deleted")
                .order_by(ChangeLog.seq.desc())
            )
            .scalars()
            .first()
        )
    assert row is not None and row.deleted_hlc is None
    assert live_areas == ["wohnen"]  # "familie" was removed by the edit, not by the delete
    assert json.loads(last) is False
