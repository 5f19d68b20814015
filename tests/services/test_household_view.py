"""The household view's read model: every section, the secret address, the ruhend rule at its
edge, the hour budget, and the writes the view needs (status undo, reopening a task)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event

from fsa_desk.domain.budget import (
    WARN_EXPIRY,
    WARN_SLOW_USE,
    WARN_USED_80,
    WARN_USED_100,
)
from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.services import (
    casework,
    consultations,
    deadlines,
    fachleistung,
    households,
    persons,
    tasks,
    welcome,
)
from fsa_desk.services.consultations import ConsultationInput
from fsa_desk.services.household_view import (
    HouseholdDetail,
    StatusState,
    household_detail,
    reopen_task,
    restore_status,
)
from fsa_desk.store.models import Art13Record, Consent, Counsellor
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def detail(store: Store, family: Family, today: date = TODAY) -> HouseholdDetail:
    return household_detail(store, family.household.id, today=today)


def contact(family: Family, day: date, **changes: object) -> ConsultationInput:
    base = ConsultationInput(
        household_id=family.household.id,
        date=day,
        duration_minutes=60,
        contact_type="buero",
        life_areas=("existenzsicherung",),
        persons_present=(family.mother.id,),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def record(store: Store, family: Family, day: date, **changes: object) -> uuid.UUID:
    return consultations.record_consultation(store, contact(family, day, **changes), today=TODAY).id


def colleague(store: Store, name: str = "Kai Roth", code: str = "B2") -> uuid.UUID:
    """A second counsellor of the team (no service creates counsellors yet: team enrolment)."""
    with store.transaction() as session:
        row = Counsellor(name=name, code=code, role="counsellor")
        session.add(row)
        return row.id


# --- header and members -----------------------------------------------------------------------


def test_header_shows_reference_names_counsellors_and_todays_module(
    store: Store, family: Family
) -> None:
    kai = colleague(store)
    households.assign_counsellor(
        store, family.household.id, kai, "vertretung",
        valid_from=date(2026, 11, 1), valid_to=date(2026, 12, 15),
    )  # fmt: skip
    households.assign_counsellor(
        store, family.household.id, kai, "vertretung",
        valid_from=date(2026, 7, 1), valid_to=date(2026, 7, 31),
    )  # fmt: skip
    header = detail(store, family).header
    assert header.household_ref == "B1-2024-001"
    assert header.status == StatusState("aktiv", TODAY, None, None)
    assert header.counsellor == "Anna Berg"
    assert [(v.name, v.valid_to) for v in header.vertretung] == [("Kai Roth", date(2026, 12, 15))]
    assert header.names == ("Rania Haddad", "Omar Haddad")
    assert header.module == "integrationsbuero"  # the Willkommensjahr ended on 28.02.2025
    assert detail(store, family, today=date(2025, 2, 28)).header.module == "willkommen"


def test_members_over_time_with_todays_residence_status_and_benefit(
    store: Store, family: Family
) -> None:
    father = persons.create_person(
        store,
        persons.PersonData("Haddad", "Samir", birth=PartialDate(1985, 3)),
        family.household.id,
        "partner",
        member_from=date(2024, 2, 29),
        today=TODAY,
    )
    membership = next(m for m in detail(store, family).members if m.person_id == father.id)
    households.end_membership(store, membership.membership_id, date(2025, 6, 30), "auszug")
    mother = family.mother.id
    persons.add_residence_status(
        store, mother, "gestattung", valid_from=date(2024, 3, 1), today=TODAY
    )
    persons.add_residence_status(
        store, mother, "erlaubnis", valid_from=date(2025, 1, 10), detail="§ 25 Abs. 2",
        expires_on=date(2027, 1, 9), wohnsitzauflage=True, today=TODAY,
    )  # fmt: skip
    persons.add_benefit(store, mother, "asylblg_3", valid_from=date(2024, 3, 1), today=TODAY)
    persons.add_benefit(store, mother, "buergergeld", valid_from=date(2025, 2, 1), today=TODAY)

    members = detail(store, family).members
    assert [(m.name, m.role, m.current) for m in members] == [
        ("Rania Haddad", "haushaltsvorstand", True),
        ("Omar Haddad", "kind", True),
        ("Samir Haddad", "partner", False),
    ]
    rania, omar, samir = members
    assert (rania.residence_status, rania.residence_detail) == ("erlaubnis", "§ 25 Abs. 2")
    assert (rania.residence_expires_on, rania.wohnsitzauflage) == (date(2027, 1, 9), True)
    assert rania.benefit == "buergergeld"
    assert rania.birth == PartialDate(1990, 5, 17) and omar.birth == PartialDate(2016)
    assert (samir.member_to, samir.reason_to) == (date(2025, 6, 30), "auszug")
    assert detail(store, family, today=date(2024, 6, 1)).members[0].benefit == "asylblg_3"


# --- addresses --------------------------------------------------------------------------------


def test_a_secret_address_leaves_the_service_without_street_postcode_or_district(
    store: Store, family: Family
) -> None:
    households.move(
        store, family.household.id,
        households.NewAddress(date(2024, 3, 1), street="Gerokstraße 12", postcode="01307",
                              district="Johannstadt", housing_type="gu"),
        today=TODAY,
    )  # fmt: skip
    households.move(
        store, family.household.id,
        households.NewAddress(date(2025, 1, 15), street="Geheimweg 7", postcode="01239",
                              district="Prohlis", housing_type="frauenhaus", secret=True),
        today=TODAY,
    )  # fmt: skip
    view = detail(store, family)
    current, earlier = view.addresses
    assert (current.current, current.secret, current.housing_type) == (True, True, "frauenhaus")
    assert (current.street, current.postcode, current.district) == (None, None, None)
    assert (earlier.current, earlier.street, earlier.district) == (
        False,
        "Gerokstraße 12",
        "Johannstadt",
    )
    assert "Geheimweg" not in repr(view) and "01239" not in repr(view)


# --- modules and Fachleistung -----------------------------------------------------------------


def approve(store: Store, family: Family, hours: str, start: date = date(2026, 1, 1)) -> uuid.UUID:
    case_id = fachleistung.open_case(store, family.household.id, date(2025, 11, 15))
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.1-FL-77", start, date(start.year, 12, 31), Decimal(hours)
        ),
        today=TODAY,
    )
    return case_id


def test_module_history_shows_the_willkommensjahr_and_the_fachleistung_period(
    store: Store, family: Family
) -> None:
    approve(store, family, "40")
    view = detail(store, family)
    modules = view.modules
    assert (modules.willkommen_from, modules.willkommen_until) == (
        date(2024, 2, 29),
        date(2025, 2, 28),
    )
    assert modules.episodes == (
        ("willkommen", date(2024, 2, 29), date(2025, 2, 28)),
        ("integrationsbuero", date(2025, 3, 1), date(2025, 12, 31)),
        ("fachleistung", date(2026, 1, 1), TODAY),
    )
    assert view.header.module == "fachleistung"
    assert [(a.aktenzeichen, a.approved_hours) for a in view.fachleistung.approvals] == [
        ("50.1-FL-77", Decimal(40))
    ]


def test_budget_counts_billable_hours_and_shows_hours_beyond_it_separately(
    store: Store, family: Family
) -> None:
    approve(store, family, "10")
    for day in (date(2026, 2, 3), date(2026, 4, 7), date(2026, 6, 9), date(2026, 8, 4)):
        record(store, family, day, duration_minutes=150)
    record(store, family, date(2026, 9, 1), duration_minutes=50)  # the budget is used up
    budget = detail(store, family).fachleistung.budget
    assert budget is not None and budget.running
    assert budget.approval.used_hours == Decimal(10)
    assert budget.remaining_hours == Decimal(0)
    assert budget.beyond_budget_hours == Decimal(50) / 60
    assert budget.days_left == 41
    # Ends within 8 weeks and no Verlängerung has been begun.
    assert budget.warnings == (WARN_USED_100, WARN_EXPIRY)


def test_budget_rounds_to_the_takt_and_forecasts_at_the_current_pace(
    store: Store, family: Family
) -> None:
    approve(store, family, "12")
    for day in (date(2026, 2, 3), date(2026, 4, 7), date(2026, 6, 9), date(2026, 8, 4)):
        record(store, family, day, duration_minutes=140)  # 2 h 30 min after rounding
    budget = detail(store, family, today=date(2026, 10, 1)).fachleistung.budget
    assert budget is not None
    assert budget.approval.used_hours == Decimal(10)
    assert budget.remaining_hours == Decimal(2)
    assert budget.warnings == (WARN_USED_80,)  # 83 %, ends in more than 8 weeks
    assert budget.forecast_hours == Decimal(10) * 365 / 274


def test_little_use_at_half_time_and_a_begun_extension(store: Store, family: Family) -> None:
    case_id = approve(store, family, "40")
    record(store, family, date(2026, 3, 3), duration_minutes=120)
    budget = detail(store, family).fachleistung.budget
    assert budget is not None and budget.warnings == (WARN_EXPIRY, WARN_SLOW_USE)
    fachleistung.record_bewilligung(
        store,
        fachleistung.BewilligungInput(
            case_id, "50.1-FL-78", date(2027, 1, 1), date(2027, 6, 30), Decimal(20)
        ),
        today=TODAY,
    )
    budget = detail(store, family).fachleistung.budget
    assert budget is not None and budget.approval.aktenzeichen == "50.1-FL-77"
    assert budget.warnings == (WARN_SLOW_USE,)


def test_no_budget_without_fachleistung(store: Store, family: Family) -> None:
    view = detail(store, family)
    assert view.fachleistung.budget is None and view.fachleistung.approvals == ()


# --- consultation timeline and the ruhend suggestion ------------------------------------------


def test_timeline_newest_first_with_previews_but_no_confidential_text(
    store: Store, family: Family
) -> None:
    record(
        store, family, date(2026, 10, 5), life_areas=("wohnen", "existenzsicherung"),
        note="Mietschulden besprochen.\nTermin beim Jobcenter vereinbart.",
    )  # fmt: skip
    record(
        store, family, date(2026, 11, 2), contact_type="telefon", duration_minutes=15,
        note="Gewalt in der Familie angesprochen", confidential=True,
    )  # fmt: skip
    record(store, family, date(2026, 9, 1), outcome="nicht_erschienen", duration_minutes=0)
    view = detail(store, family)
    latest, middle, oldest = view.consultations
    assert (latest.date, latest.contact_type, latest.counsellor) == (
        date(2026, 11, 2),
        "telefon",
        "Anna Berg",
    )
    assert (latest.has_note, latest.confidential, latest.note_preview) == (True, True, None)
    assert middle.life_areas == ("existenzsicherung", "wohnen")  # in code-list order
    assert middle.note_preview == "Mietschulden besprochen. …"
    assert (oldest.outcome, oldest.has_note, oldest.note_preview) == (
        "nicht_erschienen",
        False,
        None,
    )
    assert "Gewalt" not in repr(view)


def active_since(store: Store, family: Family, day: date) -> None:
    households.set_status(store, family.household.id, "aktiv", today=day)


@pytest.mark.parametrize(
    "today, suggested",
    [(date(2026, 11, 19), False), (date(2026, 11, 20), True)],
)
def test_ruhend_is_suggested_three_months_after_the_last_direct_contact(
    store: Store, family: Family, today: date, suggested: bool
) -> None:
    active_since(store, family, date(2025, 3, 1))
    record(store, family, date(2026, 8, 20))
    # Neither work without the client nor a missed appointment is direct contact.
    record(store, family, date(2026, 10, 1), contact_type="indirekt")
    record(store, family, date(2026, 10, 8), outcome="nicht_erschienen", duration_minutes=0)
    view = detail(store, family, today=today)
    assert view.last_direct_contact == date(2026, 8, 20)
    assert (view.dormant is not None) is suggested
    if view.dormant is not None:
        assert (view.dormant.since, view.dormant.months) == (date(2026, 8, 20), 3)


def test_ruhend_counts_from_reactivation_and_only_for_active_households(
    store: Store, family: Family
) -> None:
    record(store, family, date(2026, 1, 5))
    active_since(store, family, date(2026, 9, 1))  # reopened: counts from here
    assert detail(store, family, today=date(2026, 11, 30)).dormant is None
    assert detail(store, family, today=date(2026, 12, 1)).dormant is not None
    households.set_status(store, family.household.id, "ruhend", today=TODAY)
    assert detail(store, family, today=date(2027, 6, 1)).dormant is None


# --- Willkommensleistung ----------------------------------------------------------------------


def test_checklist_in_code_list_order_with_the_child_named_and_kompetenzen_latest(
    store: Store, family: Family
) -> None:
    items = welcome.start_checklist(store, family.household.id)
    konto = next(i for i in items if i.item == "konto")
    welcome.set_item_status(store, konto.id, "erledigt", today=date(2024, 4, 2))
    welcome.record_kompetenzen(
        store, family.mother.id, welcome.Kompetenzen(date(2024, 4, 1), german_level="A1"),
        today=TODAY,
    )  # fmt: skip
    welcome.record_kompetenzen(
        store, family.mother.id,
        welcome.Kompetenzen(date(2025, 1, 20), german_level="B1", interests="Pflege"),
        today=TODAY,
    )  # fmt: skip
    view = detail(store, family)
    assert [line.item for line in view.checklist][:4] == [
        "anmeldung",
        "konto",
        "krankenversicherung",
        "kita_schule",
    ]
    kita = next(line for line in view.checklist if line.item == "kita_schule")
    assert kita.person == "Omar Haddad"
    done = next(line for line in view.checklist if line.item == "konto")
    assert (done.status, done.done_on) == ("erledigt", date(2024, 4, 2))
    assert [(k.person, k.german_level, k.interests) for k in view.kompetenzen] == [
        ("Rania Haddad", "B1", "Pflege")
    ]


# --- Fristen, tasks, Vollmachten, consents ----------------------------------------------------


def test_deadlines_from_bescheide_papers_and_modules_open_ones_first(
    store: Store, family: Family
) -> None:
    deadlines.record_bescheid(
        store,
        deadlines.BescheidInput(
            family.household.id, "Jobcenter Dresden", "Ablehnung Mehrbedarf", "widerspruch",
            letter_date=date(2026, 11, 10),
        ),
        today=TODAY,
    )  # fmt: skip
    deadlines.record_bescheid(
        store,
        deadlines.BescheidInput(
            family.household.id, "Sozialamt", "Kostenübernahme", "widerspruch",
            letter_date=date(2026, 3, 2),
        ),
        today=TODAY,
    )  # fmt: skip
    view = detail(store, family)
    done_id = next(d.id for d in view.deadlines if d.subject == "Kostenübernahme")
    assert done_id is not None
    deadlines.mark_done(store, done_id, today=date(2026, 3, 20))
    persons.add_residence_status(
        store, family.mother.id, "erlaubnis", valid_from=date(2025, 1, 10),
        expires_on=date(2027, 1, 9), today=TODAY,
    )  # fmt: skip
    view = detail(store, family)
    assert [(d.kind, d.due_on, d.subject) for d in view.deadlines] == [
        ("frist", date(2026, 12, 14), "Ablehnung Mehrbedarf"),
        ("aufenthalt", date(2027, 1, 9), "Rania Haddad"),
        ("frist", date(2026, 4, 7), "Kostenübernahme"),
    ]
    assert view.deadlines[-1].done_on == date(2026, 3, 20)
    assert "Jobcenter Dresden" in (view.deadlines[0].detail or "")
    early = detail(store, family, today=date(2024, 6, 1)).deadlines
    assert ("willkommen", date(2025, 2, 28)) in [(d.kind, d.due_on) for d in early]


def test_open_tasks_only_and_reopening_a_completed_one(store: Store, family: Family) -> None:
    first = tasks.add_task(store, family.household.id, date(2026, 11, 25), "Kita-Antrag prüfen")
    second = tasks.add_task(store, family.household.id, date(2026, 11, 21), "Wohngeld nachfragen")
    tasks.complete_task(store, first, today=TODAY)
    assert [t.text for t in detail(store, family).tasks] == ["Wohngeld nachfragen"]
    reopen_task(store, first)
    assert [t.id for t in detail(store, family).tasks] == [second, first]


def test_vollmachten_consents_and_art13_of_the_members(store: Store, family: Family) -> None:
    casework.record_vollmacht(
        store,
        casework.VollmachtInput(family.mother.id, "Leistungen SGB II", "Jobcenter Dresden",
                                date(2026, 1, 5), date(2026, 12, 31)),
        today=TODAY,
    )  # fmt: skip
    with store.transaction() as session:
        session.add(
            Consent(
                person_id=family.mother.id, kind="schweigepflichtentbindung",
                recipient="Sozialamt Dresden", purposes="Fachleistung", data_categories="alle",
                given_on=date(2026, 1, 5), revoked_on=date(2026, 6, 1),
            )
        )  # fmt: skip
        session.add(Art13Record(person_id=family.mother.id, given_on=date(2024, 3, 1)))
    view = detail(store, family)
    assert [(v.person, v.recipient, v.valid_until) for v in view.vollmachten] == [
        ("Rania Haddad", "Jobcenter Dresden", date(2026, 12, 31))
    ]
    assert [(c.recipient, c.revoked_on) for c in view.consents] == [
        ("Sozialamt Dresden", date(2026, 6, 1))
    ]
    assert [(a.person, a.given_on) for a in view.art13] == [("Rania Haddad", date(2024, 3, 1))]


# --- status undo and the query budget ---------------------------------------------------------


def test_restoring_a_status_puts_back_its_date_and_reason(store: Store, family: Family) -> None:
    before = detail(store, family).header.status
    households.set_status(
        store, family.household.id, "abgeschlossen", closure_reason="uebergang",
        closure_detail="MBE", today=date(2026, 11, 24),
    )  # fmt: skip
    closed = detail(store, family).header.status
    assert closed == StatusState("abgeschlossen", date(2026, 11, 24), "uebergang", "MBE")
    restore_status(store, family.household.id, before)
    assert detail(store, family).header.status == before


def test_a_missing_household_is_a_sentence(store: Store) -> None:
    with pytest.raises(Exception, match="Haushalt"):
        household_detail(store, uuid.uuid4(), today=TODAY)


def count_statements(store: Store, family: Family) -> int:
    statements: list[str] = []

    def remember(*args: object) -> None:
        statements.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", remember)
    try:
        detail(store, family)
    finally:
        event.remove(store.engine, "before_cursor_execute", remember)
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_history(store: Store, family: Family) -> None:
    approve(store, family, "40")
    record(store, family, date(2026, 2, 2), note="kurz")
    few = count_statements(store, family)
    for month in range(3, 11):
        record(store, family, date(2026, month, 3), life_areas=("wohnen", "familie"), note="x")
        tasks.add_task(store, family.household.id, date(2026, month, 20), f"Aufgabe {month}")
    assert count_statements(store, family) == few
    assert few <= 25
