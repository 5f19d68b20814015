"""A Fachleistung case as a counsellor prepares it: consent, a complete Bedarfsanzeige draft."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from fsa_desk.services import bedarfsanzeige, consultations, fachleistung
from fsa_desk.services.bedarfsanzeige import BedarfsanzeigeInput, CriterionInput, ServiceInput
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


@dataclass(frozen=True)
class Case:
    family: Family
    case_id: uuid.UUID
    consent_id: uuid.UUID


def open_case(store: Store, family: Family, opened_on: date = date(2026, 9, 1)) -> Case:
    case_id = fachleistung.open_case(
        store, family.household.id, opened_on, persons=(family.mother.id, family.child.id)
    )
    consent_id = fachleistung.record_consent(
        store,
        fachleistung.ConsentInput(family.mother.id, opened_on, valid_until=date(2028, 8, 31)),
        today=TODAY,
    )
    return Case(family, case_id, consent_id)


def complete_input(case: Case, **changes: object) -> BedarfsanzeigeInput:
    values: dict[str, object] = dict(
        kind="erst",
        period_from=date(2026, 12, 1),
        period_to=date(2027, 11, 30),
        criteria=(
            CriterionInput(
                "gesundheit.psyche_trauma",
                "Depression nach Fluchterfahrung; Termine beim Facharzt werden ohne Begleitung "
                "nicht wahrgenommen.",
            ),
            CriterionInput(
                "wohnen.wohnungsverlust", "Räumungsklage wegen Mietschulden (3 Monatsmieten)."
            ),
        ),
        services=(ServiceInput("spdi", "Erstgespräch im Oktober"),),
        other_services_reason="Der SpDi begleitet nicht zu Ämtern; die Wohnungssicherung fehlt.",
        hours={
            "gesundheit": Decimal("20"),
            "wohnen": Decimal("15"),
            "existenzsicherung": Decimal("5.5"),
        },
        situation_professional="Alleinerziehende Mutter mit Depression, drohender Wohnungsverlust.",
        situation_client="Ich schaffe die Briefe nicht mehr allein. Ich habe Angst um die Wohnung.",
        goals="Wohnung sichern; regelmäßige Behandlung.",
        who_does_what="Frau H. bringt alle Briefe mit; die Beraterin klärt die Mietschulden.",
        sprachmittlung="sprachmittlerpool",
        sprachmittlung_language="ar",
        consent_id=case.consent_id,
    )
    values.update(changes)
    return BedarfsanzeigeInput(**values)  # type: ignore[arg-type]


def draft(store: Store, case: Case, **changes: object) -> uuid.UUID:
    return bedarfsanzeige.create(store, case.case_id, complete_input(case, **changes), today=TODAY)


def record_contacts(store: Store, family: Family, days: list[date], minutes: int = 60) -> None:
    for day in days:
        consultations.record_consultation(
            store,
            ConsultationInput(
                family.household.id, day, minutes, "buero", life_areas=("gesundheit",)
            ),
            today=TODAY,
        )
