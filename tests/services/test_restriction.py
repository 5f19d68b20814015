"""Art. 18 restriction: the data stay, but edits, forms and exports are refused."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from fsa_desk.services import client_sheet, fachleistung_documents, persons, restriction
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.subject_access import subject_access
from fsa_desk.services.vereinbarung import vereinbarung_pdf
from fsa_desk.store.models import Benefit, ChangeLog, Consultation
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family
from tests.services.fachleistung_fixtures import draft, open_case

REFUSED = "eingeschränkt"


def test_setting_the_lock_is_logged_with_who_and_when(store: Store, family: Family) -> None:
    assert restriction.set_restricted(store, family.mother.id, True) is True
    assert restriction.is_restricted(store, family.mother.id)
    with store.read() as session:
        entry = session.scalars(
            select(ChangeLog).where(
                ChangeLog.row_id == family.mother.id.hex,
                ChangeLog.field == "restricted",
                ChangeLog.old.is_not(None),
            )
        ).one()
    assert (entry.old, entry.new) == ("false", "true")
    assert entry.counsellor_id == store.installation_counsellor_id()


def test_a_restricted_person_cannot_be_edited_and_nothing_is_written(
    store: Store, family: Family
) -> None:
    restriction.set_restricted(store, family.mother.id, True)
    with pytest.raises(restriction.PersonRestricted, match=REFUSED):
        persons.add_benefit(store, family.mother.id, "buergergeld", valid_from=date(2026, 1, 1))
    with pytest.raises(Exception, match=REFUSED):
        persons.update_person(store, family.mother.id, persons.PersonData("Neu", "Name"))
    with store.read() as session:
        assert session.scalars(select(Benefit)).all() == []
    # the other members stay editable
    persons.add_benefit(
        store, family.child.id, "buergergeld", valid_from=date(2026, 1, 1), today=TODAY
    )


def test_forms_covering_a_restricted_person_are_refused(store: Store, family: Family) -> None:
    case = open_case(store, family)
    anzeige = draft(store, case)
    restriction.set_restricted(store, family.child.id, True)
    with pytest.raises(restriction.PersonRestricted, match=REFUSED):
        fachleistung_documents.bedarfsanzeige_pdf(store, anzeige, today=TODAY)
    with pytest.raises(restriction.PersonRestricted, match=REFUSED):
        client_sheet.client_sheet_pdf(store, case.case_id, today=TODAY)
    restriction.set_restricted(store, family.child.id, False)
    assert fachleistung_documents.bedarfsanzeige_pdf(store, anzeige, today=TODAY)[:4] == b"%PDF"


def test_the_agreement_sheet_of_a_restricted_person_is_refused(
    store: Store, family: Family
) -> None:
    contact = record_consultation(
        store,
        ConsultationInput(
            household_id=family.household.id,
            date=date(2025, 3, 4),
            duration_minutes=30,
            contact_type="buero",
            persons_present=(family.mother.id,),
            agreements="Antrag stellen",
        ),
        today=TODAY,
    )
    restriction.set_restricted(store, family.mother.id, True)
    with pytest.raises(restriction.PersonRestricted, match=REFUSED):
        vereinbarung_pdf(store, contact.id)


def test_the_person_still_gets_access_to_their_own_data(store: Store, family: Family) -> None:
    restriction.set_restricted(store, family.mother.id, True)
    assert subject_access(store, family.mother.id).person_name == "Rania Haddad"


def test_a_restricted_person_locks_consultations_and_memberships(
    store: Store, family: Family
) -> None:
    from fsa_desk.services import consultations, households
    from fsa_desk.store.models import Membership

    restriction.set_restricted(store, family.mother.id, True)
    data = consultations.ConsultationInput(
        family.household.id, date(2026, 11, 3), 30, "buero", persons_present=(family.mother.id,)
    )
    with pytest.raises(restriction.PersonRestricted):
        consultations.record_consultation(store, data, today=TODAY)
    with store.read() as session:
        membership = session.scalars(
            select(Membership.id).where(Membership.person_id == family.mother.id)
        ).one()
    with pytest.raises(restriction.PersonRestricted):
        households.end_membership(store, membership, date(2026, 11, 1), "auszug", today=TODAY)
    with store.read() as session:
        assert session.scalars(select(Consultation)).all() == []
        still = session.get(Membership, membership)
        assert still is not None and still.valid_to is None
    consultations.record_consultation(
        store,
        consultations.ConsultationInput(family.household.id, date(2026, 11, 3), 30, "buero"),
        today=TODAY,
    )  # without the restricted person, work goes on
