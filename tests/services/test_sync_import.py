"""Import as the lead sees it: dry runs, the backup first, gaps, duplicates, lead bundles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from fsa_desk.domain.partial_date import PartialDate
from fsa_desk.errors import InputRejected, UsageError
from fsa_desk.services import (
    backups,
    duplicate_review,
    households,
    persons,
    search_index,
    sync_import,
    team_index,
)
from fsa_desk.services.handover import write_handover
from fsa_desk.services.maintenance import check_database
from fsa_desk.store.models import Consultation
from tests.sync.teams import Team, add_consultation, digest, sync_team, team_template

__all__ = ["sync_team", "team_template"]


def _family(team: Team, code: str, ref: str, given: str = "Mohammad") -> Path:
    store = team[code]
    household = households.create_household(store, households.NewHousehold(ref))
    data = persons.PersonData("Haddad", given, birth=PartialDate(1985, 3, 12))
    persons.create_person(store, data, household.id, "haushaltsvorstand", today=date(2026, 1, 1))
    return team.export(code, f"{code}-{ref}")


def test_a_dry_run_reports_and_changes_nothing(sync_team: Team) -> None:
    bundle = _family(sync_team, "B1", "B1-1")
    before = digest(sync_team.lead)
    summary = sync_import.import_bundles(sync_team.lead, [bundle], dry_run=True)
    result = summary.bundles[0]
    assert (result.status, result.created) == (sync_import.WOULD_APPLY, 4)
    assert summary.dry_run and summary.backup is None
    assert digest(sync_team.lead) == before
    assert sync_team.import_(bundle).bundles[0].status == sync_import.APPLIED


def test_one_backup_is_taken_before_anything_is_applied(sync_team: Team) -> None:
    bundles = [_family(sync_team, "B1", "B1-1"), _family(sync_team, "B2", "B2-1")]
    summary = sync_team.import_(*bundles)
    assert summary.backup is not None and summary.backup.is_file()
    reasons = [b.reason for b in backups.list_backups(sync_team.lead)]
    assert reasons.count("vor-import") == 1


def test_imported_households_are_found_by_the_client_search(sync_team: Team) -> None:
    sync_team.import_(_family(sync_team, "B1", "B1-2024-017"))
    [hit] = search_index.search(sync_team.lead, "Hadad Muhammad")
    assert hit.household_ref == "B1-2024-017"


def test_the_same_person_from_two_laptops_is_queued_for_review(sync_team: Team) -> None:
    sync_team.import_(_family(sync_team, "B1", "B1-1", "Mohammad"))
    summary = sync_team.import_(_family(sync_team, "B2", "B2-1", "Muhammad"))
    assert summary.bundles[0].duplicates == 1
    [candidate] = duplicate_review.open_candidates(sync_team.lead)
    assert {candidate.name_a, candidate.name_b} == {"Haddad, Mohammad", "Haddad, Muhammad"}
    assert "birth" in candidate.reasons


def test_unreadable_identity_or_missing_file_is_a_usage_error(sync_team: Team) -> None:
    bundle = _family(sync_team, "B1", "B1-1")
    not_a_key = sync_team.root / "notes.txt"
    not_a_key.write_text("kein Schlüssel\n")
    with pytest.raises(UsageError):
        sync_import.import_bundles(sync_team.lead, [bundle], identity_files=[not_a_key])
    with pytest.raises(UsageError):
        sync_import.import_bundles(sync_team.lead, [sync_team.root / "missing.fsabundle"])


def test_a_handover_gives_the_counsellor_the_full_household(sync_team: Team) -> None:
    add_consultation(sync_team["B1"], note="Antrag Kita besprochen")
    sync_team.import_(_family(sync_team, "B1", "B1-7"))
    target = sync_team.root / "handover.fsabundle"
    summary = write_handover(sync_team.lead, ["B1-7"], sync_team.card("B2"), target)
    assert summary.to_code == "B2" and summary.counts["person"] > 0
    assert "consultation" not in summary.counts  # B1-7 has none; the other household stays
    result = sync_team.import_(target, into="B2").bundles[0]
    assert result.status == sync_import.APPLIED
    [hit] = search_index.search(sync_team["B2"], "Haddad")
    assert hit.household_ref == "B1-7"
    assert check_database(sync_team["B2"]) == []


def test_a_handover_needs_a_known_household_and_an_enrolled_card(sync_team: Team) -> None:
    target = sync_team.root / "handover.fsabundle"
    with pytest.raises(UsageError):
        write_handover(sync_team.lead, ["X-404"], sync_team.card("B2"), target)
    with pytest.raises(UsageError):
        write_handover(sync_team["B1"], ["B1-1"], sync_team.card("B2"), target)


def test_the_team_index_finds_known_clients_and_a_household_can_be_taken_on(
    sync_team: Team,
) -> None:
    sync_team.import_(_family(sync_team, "B1", "B1-2024-003"))
    index = sync_team.root / "index.fsabundle"
    written = team_index.write_index(sync_team.lead, index)
    assert written.households == 1 and written.recipients == ["B1", "B2", "B3"]
    assert sync_team.import_(index, into="B2").bundles[0].status == sync_import.APPLIED
    assert sync_team.import_(index, into="B2").bundles[0].status == sync_import.ALREADY
    [hit] = team_index.search(sync_team["B2"], "Muhamad")
    assert (hit.household_ref, hit.birth_years, hit.taken_on) == ("B1-2024-003", [1985], False)
    assert hit.counsellor == "Anna Berg (B1)"
    team_index.take_on(sync_team["B2"], hit.household_id)
    assert (
        households.get_household(sync_team["B2"], hit.household_id).household_ref == "B1-2024-003"
    )
    assert check_database(sync_team["B2"]) == []
    with pytest.raises(InputRejected):
        team_index.take_on(sync_team["B2"], sync_team["B2"].installation.device_id)  # type: ignore[union-attr]


def test_a_consultation_for_a_taken_on_household_reaches_the_lead(sync_team: Team) -> None:
    sync_team.import_(_family(sync_team, "B1", "B1-2024-003"))
    index = sync_team.root / "index.fsabundle"
    team_index.write_index(sync_team.lead, index)
    sync_team.import_(index, into="B3")
    [hit] = team_index.search(sync_team["B3"], "B1-2024-003")
    team_index.take_on(sync_team["B3"], hit.household_id)
    with sync_team["B3"].transaction() as session:
        session.add(
            Consultation(
                household_id=hit.household_id,
                counsellor_id=sync_team["B3"].installation_counsellor_id(),
                date=date(2026, 1, 5),
                duration_minutes=20,
                contact_type="buero",
                module="integrationsbuero",
            )
        )
    result = sync_team.import_(sync_team.export("B3", "b3")).bundles[0]
    assert result.status == sync_import.APPLIED and result.waiting == 0
    assert check_database(sync_team.lead) == []
