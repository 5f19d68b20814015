"""A backdated Bewilligung re-derives the module and billability of earlier consultations."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from fsa_desk.domain.validation import ValidationError
from fsa_desk.services import consultations, fachleistung
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.store.models import ChangeLog, Consultation
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def record(store: Store, family: Family, day: date, minutes: int = 60) -> uuid.UUID:
    return consultations.record_consultation(
        store,
        ConsultationInput(family.household.id, day, minutes, "buero", life_areas=("gesundheit",)),
        today=TODAY,
    ).id


def modules(store: Store) -> list[tuple[date, str, bool, str | None]]:
    with store.read() as session:
        rows = session.scalars(select(Consultation).order_by(Consultation.date)).all()
        return [(r.date, r.module, r.billable, r.billable_reason) for r in rows]


def test_backdated_bewilligung_recomputes_modules_and_budget(store: Store, family: Family) -> None:
    for day in (date(2025, 3, 10), date(2025, 4, 2), date(2025, 4, 20), date(2025, 6, 5)):
        record(store, family, day)
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 3, 1))
    result = fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id,
            "50.1-2025-0042",
            date(2025, 4, 1),
            date(2025, 5, 31),
            Decimal("1.5"),
            date(2025, 5, 15),
        ),
        today=TODAY,
    )
    assert modules(store) == [
        (date(2025, 3, 10), "integrationsbuero", False, "vor_bewilligung"),
        (date(2025, 4, 2), "fachleistung", True, None),
        (date(2025, 4, 20), "fachleistung", True, None),  # crosses the 1.5 h budget: still billed
        (date(2025, 6, 5), "integrationsbuero", False, "vor_bewilligung"),
    ]
    assert len(result.recomputed_consultations) == 4  # two modules, two reasons
    with store.read() as session:
        logged = session.execute(
            select(ChangeLog.old, ChangeLog.new).where(
                ChangeLog.field == "module", ChangeLog.old.is_not(None)
            )
        ).all()
    assert logged == [('"integrationsbuero"', '"fachleistung"')] * 2


def test_overridden_module_is_not_recomputed(store: Store, family: Family) -> None:
    consultations.record_consultation(
        store,
        ConsultationInput(
            family.household.id,
            date(2025, 4, 2),
            60,
            "buero",
            module_override="integrationsbuero",
            module_override_reason="Offene Sprechstunde",
        ),
        today=TODAY,
    )
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 3, 1))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "AZ-1", date(2025, 4, 1), date(2025, 9, 30), Decimal("40")
        ),
        today=TODAY,
    )
    assert modules(store)[0][1] == "integrationsbuero"


@pytest.mark.parametrize(
    "start, end, hours",
    [
        (date(2025, 4, 1), date(2026, 4, 1), "40"),  # 12 months and a day
        (date(2025, 4, 1), date(2025, 3, 31), "40"),
        (date(2025, 4, 1), date(2025, 9, 30), "0"),
    ],
)
def test_impossible_bewilligung_is_rejected(
    store: Store, family: Family, start: date, end: date, hours: str
) -> None:
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 3, 1))
    with pytest.raises(ValidationError):
        fachleistung.record_bewilligung(
            store,
            fachleistung.BewilligungInput(case_id, "AZ", start, end, Decimal(hours)),
            today=TODAY,
        )
