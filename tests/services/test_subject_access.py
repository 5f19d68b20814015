"""Art. 15 access: the person's own data in full, nobody else's, no foreign secret address."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import select

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.errors import InputRejected
from fsa_desk.services import households, persons
from fsa_desk.services.consultations import ConsultationInput, record_consultation
from fsa_desk.services.subject_access import (
    THIRD_PARTY,
    subject_access,
    write_subject_access,
)
from fsa_desk.store.models import Consent, Membership
from fsa_desk.store.store import Store
from tests.services.conftest import TODAY, Family


def _consult(store: Store, family: Family, **fields: object) -> None:
    data = ConsultationInput(
        household_id=family.household.id,
        date=date(2025, 3, 4),
        duration_minutes=60,
        contact_type="buero",
        life_areas=("wohnen",),
        persons_present=(family.mother.id,),
        persons_concerned=(family.child.id,),
        **fields,  # type: ignore[arg-type]
    )
    record_consultation(store, data, today=TODAY)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


@pytest.fixture
def separated(store: Store, family: Family) -> Family:
    """The mother moves with a new household to a secret address; the child's membership ends
    before that (he stays with the father, who also leaves a trace in a shared note)."""
    households.move(
        store,
        family.household.id,
        households.NewAddress(date(2024, 2, 29), "Alte Str. 1"),
        today=TODAY,
    )
    with store.read() as session:
        child_membership = session.scalars(
            select(Membership.id).where(Membership.person_id == family.child.id)
        ).one()
    households.end_membership(store, child_membership, date(2025, 5, 31), "auszug", today=TODAY)
    households.move(
        store,
        family.household.id,
        households.NewAddress(date(2025, 6, 1), "Geheimweg 7", secret=True),
        today=TODAY,
    )
    persons.create_person(
        store,
        persons.PersonData("Karimi", "Yusuf", birth=PartialDate(1985)),
        family.household.id,
        "partner",
        member_from=date(2024, 2, 29),
        today=TODAY,
    )
    return family


def test_own_secret_address_is_shown_but_not_to_a_member_who_had_left(
    store: Store, separated: Family
) -> None:
    mother = json.dumps([s.rows for s in subject_access(store, separated.mother.id).sections])
    child = json.dumps([s.rows for s in subject_access(store, separated.child.id).sections])
    assert "Geheimweg 7" in mother
    assert "Geheimweg 7" not in child
    assert "Alte Str. 1" in child


def test_notes_name_no_other_person_and_confidential_notes_are_withheld(
    store: Store, separated: Family
) -> None:
    _consult(store, separated, note="Rania und Omar Haddad mit Yusuf Karimi zum Amt; Hadad ok.")
    _consult(store, separated, note="Streit mit Yusuf wegen Geld.", confidential=True)
    report = subject_access(store, separated.child.id)
    text = json.dumps([s.rows for s in report.sections], ensure_ascii=False)
    for foreign in ("Rania", "Yusuf", "Karimi", "Hadad", "Streit"):
        assert foreign not in text
    assert "Omar Haddad" in text and THIRD_PARTY in text
    assert any("1" in statement for statement in report.statements[1:2])


def test_pdf_and_json_are_written_and_readable_without_other_names(
    store: Store, separated: Family, tmp_path: Path
) -> None:
    _consult(store, separated, note="Termin mit Omar wegen Kita.")
    with store.transaction() as session:
        session.add(
            Consent(
                person_id=separated.mother.id,
                kind="einwilligung",
                recipient="Sozialamt Dresden",
                purposes="Fachleistung",
                data_categories="Stammdaten",
                given_on=date(2025, 1, 2),
            )
        )
    pdf_path, json_path = write_subject_access(
        store, separated.mother.id, tmp_path / "out", today=TODAY
    )
    pdf = _pdf_text(pdf_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert "Rania" in pdf and "Sozialamt Dresden" in pdf and "Geheimweg 7" in pdf
    assert data["sections"]["consents"]["rows"][0]["recipient"] == "Sozialamt Dresden"
    assert data["sections"]["consultations"]["rows"]
    for document in (pdf, json_path.read_text(encoding="utf-8")):
        for foreign in ("Omar", "Yusuf", "Karimi"):
            assert foreign not in document


def test_unknown_person_is_rejected_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    import uuid

    with pytest.raises(InputRejected, match="Person"):
        write_subject_access(store, uuid.uuid4(), tmp_path / "out")
    assert not (tmp_path / "out").exists()
