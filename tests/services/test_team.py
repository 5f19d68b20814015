"""The team flow: create, join, cards, enrolment after comparing fingerprints, revocation."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from fsa_desk.errors import UsageError
from fsa_desk.services import households, sync_import, team
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.store import open_store
from fsa_desk.sync import keys
from fsa_desk.sync.cards import CardRejected
from tests.conftest import TEST_KEY
from tests.sync.teams import Team, sync_team, team_template

__all__ = ["sync_team", "team_template"]


def test_creating_a_team_writes_a_signed_team_file_and_a_standard_recovery_key(
    tmp_path: Path,
) -> None:
    initialise(tmp_path / "lead", TEST_KEY, NewInstallation("Lea", "L1", "lead", "Träger"))
    with open_store(tmp_path / "lead", TEST_KEY) as lead:
        created = team.create_team(lead, tmp_path / "team.json", tmp_path / "recovery.key")
        assert created.lead.fingerprint == keys.display_fingerprint(team.own_fingerprint(lead))
        with pytest.raises(UsageError):
            team.create_team(lead, tmp_path / "team2.json", tmp_path / "recovery2.key")
    key_file = (tmp_path / "recovery.key").read_text()
    [identity] = keys.identities_in_file(key_file)
    assert f"# public key: {created.recovery_recipient}" in key_file
    assert keys.age_recipient(identity) == created.recovery_recipient
    assert stat.S_IMODE((tmp_path / "recovery.key").stat().st_mode) == 0o600


def test_a_recovery_key_is_never_overwritten(tmp_path: Path) -> None:
    initialise(tmp_path / "lead", TEST_KEY, NewInstallation("Lea", "L1", "lead"))
    (tmp_path / "recovery.key").write_text("im Tresor")
    with open_store(tmp_path / "lead", TEST_KEY) as lead, pytest.raises(UsageError):
        team.create_team(lead, tmp_path / "team.json", tmp_path / "recovery.key")
    assert (tmp_path / "recovery.key").read_text() == "im Tresor"


def test_only_a_lead_creates_and_only_counsellors_join(sync_team: Team) -> None:
    with pytest.raises(UsageError):
        team.create_team(sync_team["B1"], sync_team.root / "t.json", sync_team.root / "r.key")
    with pytest.raises(UsageError):
        team.join_team(sync_team.lead, sync_team.team_file)
    with pytest.raises(UsageError):
        team.enrol(sync_team["B1"], sync_team.card("B2"))


def test_joining_shows_the_leads_fingerprint_to_compare(sync_team: Team) -> None:
    joined = team.join_team(sync_team["B1"], sync_team.team_file)
    [lead] = joined.leads
    assert lead.fingerprint == keys.display_fingerprint(team.own_fingerprint(sync_team.lead))
    assert lead.code == "L1"


def test_the_card_preview_shows_the_fingerprint_the_counsellor_reads_out(sync_team: Team) -> None:
    preview = team.preview_card(sync_team.lead, sync_team.card("B1"))
    expected = keys.display_fingerprint(team.own_fingerprint(sync_team["B1"]))
    assert (preview.card.fingerprint, preview.card.code, preview.enrolled) == (expected, "B1", True)
    assert team.enrol(sync_team.lead, sync_team.card("B1")).code == "B1"  # again: no harm


def test_a_tampered_card_or_team_file_is_refused(sync_team: Team) -> None:
    card = sync_team.card("B1")
    card.write_bytes(card.read_bytes().replace(b"Anna Berg", b"Anna Borg"))
    with pytest.raises(CardRejected):
        team.preview_card(sync_team.lead, card)
    team_file = sync_team.team_file
    team_file.write_bytes(team_file.read_bytes().replace(b"Lea Leitung", b"Lea Leitner"))
    with pytest.raises(CardRejected):
        team.join_team(sync_team["B1"], team_file)


def test_a_revoked_key_cannot_be_enrolled_again(sync_team: Team) -> None:
    fingerprint = team.own_fingerprint(sync_team["B2"])
    revoked = team.revoke(sync_team.lead, keys.display_fingerprint(fingerprint).lower())
    assert revoked.revoked_at is not None
    with pytest.raises(UsageError):
        team.enrol(sync_team.lead, sync_team.card("B2"))
    with pytest.raises(UsageError):
        team.revoke(sync_team.lead, "0" * 32)
    with pytest.raises(UsageError):
        team.revoke(sync_team.lead, "kein Fingerabdruck")


def test_exports_skip_a_revoked_lead(sync_team: Team, tmp_path: Path) -> None:
    lead_fingerprint = team.own_fingerprint(sync_team.lead)
    team.revoke(sync_team["B1"], lead_fingerprint)
    bundle = sync_team.export("B1", "after-revoke")
    assert sync_team.import_(bundle).bundles[0].reason_code == "not_addressed"


def test_the_overview_lists_each_devices_last_bundle_and_gaps(sync_team: Team) -> None:
    store = sync_team["B1"]
    bundles = []
    for n in range(3):
        households.create_household(store, households.NewHousehold(f"B1-{n}"))
        bundles.append(sync_team.export("B1", f"b1-{n}"))
    sync_import.import_bundles(sync_team.lead, [bundles[0], bundles[2]])
    lines = {line.device.code: line for line in team.overview(sync_team.lead)}
    assert (lines["B1"].last_sequence, lines["B1"].missing) == (3, [2])
    assert lines["B2"].last_sequence is None and lines["B2"].missing == []
    assert lines["B1"].last_imported is not None
