"""What the entry dialog asks while a counsellor types: households, members, defaults, editing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import consultation_entry, consultations, households, persons
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.store.models import ChangeLog
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def visit(family: Family, day: date, **changes: object) -> ConsultationInput:
    base = ConsultationInput(
        household_id=family.household.id,
        date=day,
        duration_minutes=50,
        contact_type="hausbesuch",
        travel_minutes=20,
        life_areas=("wohnen", "gesundheit"),
        persons_present=(family.mother.id,),
        persons_concerned=(family.mother.id, family.child.id),
        sprachmittlung="sprachmittlerpool",
        sprachmittlung_language="ar",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "contact_type, minutes",
    [("telefon", 15), ("buero", 45), ("hausbesuch", 60), ("begleitung", 120), ("unbekannt", 30)],
)
def test_each_contact_type_has_its_usual_duration(contact_type: str, minutes: int) -> None:
    assert consultation_entry.default_minutes(contact_type) == minutes


def test_life_areas_come_labelled_in_german_with_their_coding_hint() -> None:
    areas = consultation_entry.choices("life_areas")
    assert areas[0].code == "existenzsicherung"
    wohnen = next(area for area in areas if area.code == "wohnen")
    assert wohnen.label == "Wohnen"
    assert "Mietschulden" in wohnen.hint
    assert consultation_entry.default_contact_type() == "buero"
    assert consultation_entry.default_outcome() == "stattgefunden"


def test_the_picker_finds_a_household_by_another_spelling_or_its_reference(
    store: Store, family: Family
) -> None:
    by_spelling = consultation_entry.household_completions(store, "Hadad Omar")
    by_reference = consultation_entry.household_completions(store, "b1-2024")
    assert [hit.household_id for hit in by_spelling] == [family.household.id]
    assert [hit.household_ref for hit in by_reference] == ["B1-2024-001"]
    chosen = consultation_entry.household_choice(store, family.household.id)
    assert chosen.names == "Haddad, Rania; Haddad, Omar"


def test_members_on_a_day_leave_out_who_had_moved_out(store: Store, family: Family) -> None:
    lodger = persons.create_person(
        store,
        persons.PersonData("Saleh", "Karim", birth=PartialDate(1970)),
        family.household.id,
        "sonstige",
        member_from=date(2024, 3, 1),
        today=TODAY,
    )
    with store.read() as session:
        from fsa_desk.store.models import Membership

        membership_id = session.scalars(
            select(Membership.id).where(Membership.person_id == lodger.id)
        ).one()
    households.end_membership(store, membership_id, date(2025, 6, 30), "auszug", today=TODAY)
    now = consultation_entry.members(store, family.household.id, TODAY)
    then = consultation_entry.members(store, family.household.id, date(2025, 1, 10))
    assert [m.given_name for m in now] == ["Rania", "Omar"]
    assert [m.given_name for m in then] == ["Rania", "Omar", "Karim"]
    assert now[0].display_name == "Haddad, Rania (17.05.1990)"


def test_like_last_contact_copies_the_most_recent_consultation(
    store: Store, family: Family
) -> None:
    assert consultation_entry.last_contact(store, family.household.id) is None
    consultations.record_consultation(
        store, visit(family, date(2026, 9, 1), contact_type="telefon"), today=TODAY
    )
    latest = consultations.record_consultation(store, visit(family, date(2026, 10, 5)), today=TODAY)
    deleted = consultations.record_consultation(
        store, visit(family, date(2026, 11, 2), contact_type="online"), today=TODAY
    )
    consultations.delete_consultation(store, deleted.id)
    last = consultation_entry.last_contact(store, family.household.id)
    assert last is not None
    assert (last.date, last.contact_type, last.duration_minutes) == (
        date(2026, 10, 5),
        "hausbesuch",
        50,
    )
    assert last.life_areas == ("gesundheit", "wohnen")  # code-list order
    assert last.persons_present == (family.mother.id,)
    assert set(last.persons_concerned) == {family.mother.id, family.child.id}
    assert (last.sprachmittlung, last.sprachmittlung_language) == ("sprachmittlerpool", "ar")
    earlier = consultation_entry.last_contact(store, family.household.id, before=latest.id)
    assert earlier is not None and earlier.contact_type == "telefon"


def test_a_consultation_loaded_for_editing_saves_back_unchanged(
    store: Store, family: Family
) -> None:
    original = visit(
        family,
        date(2026, 10, 5),
        life_area_minutes={"wohnen": 30},
        agreements="Mietvertrag mitbringen",
        follow_up_on=date(2026, 12, 1),
        note="Vermieter droht mit Kündigung",
        confidential=True,
        module_override="integrationsbuero",
        module_override_reason="Absprache mit Koordination",
    )
    saved = consultations.record_consultation(store, original, today=TODAY)
    editable = consultation_entry.consultation_for_editing(store, saved.id)
    assert editable.household.household_ref == "B1-2024-001"
    loaded = editable.input
    assert replace(loaded, counsellor_id=None, life_areas=tuple(sorted(loaded.life_areas))) == (
        replace(original, life_areas=tuple(sorted(original.life_areas)))
    )
    with store.read() as session:
        before = session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    consultations.update_consultation(store, saved.id, loaded, today=TODAY)
    with store.read() as session:
        after = session.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    assert after == before  # writing back what was loaded changes nothing


def test_durations_set_in_the_preferences_win_over_the_shipped_ones(store: Store) -> None:
    from fsa_desk.services import preferences

    preferences.save_preferences(store, preferences.Preferences(contact_minutes={"telefon": 10}))
    minutes = consultation_entry.contact_minutes(store)
    assert consultation_entry.default_minutes("telefon", minutes) == 10
    assert consultation_entry.default_minutes("hausbesuch", minutes) == 60
