"""Export: numbered, chained, atomic bundles that only the lead and the recovery key can read."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pyrage
import pytest

from fsa_desk.errors import UsageError
from fsa_desk.services import households, sync_export
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.store.models import SyncExport
from fsa_desk.store.store import open_store
from fsa_desk.sync.container import read_tar
from fsa_desk.sync.keys import identities_in_file
from fsa_desk.sync.manifest import manifest_hash, parse_manifest
from tests.conftest import TEST_KEY
from tests.sync.teams import Team, sync_team, team_template

__all__ = ["sync_team", "team_template"]


def _manifest(team: Team, bundle: Path) -> bytes:
    identity = identities_in_file(team.recovery_key.read_text())[0]
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(identity)])
    return bytes(dict(read_tar(bytes(plain)))["manifest.json"])


def test_exporting_needs_a_team(tmp_path: Path) -> None:
    initialise(tmp_path / "c", TEST_KEY, NewInstallation("Anna", "B1", "counsellor"))
    with open_store(tmp_path / "c", TEST_KEY) as store, pytest.raises(UsageError):
        sync_export.export_bundle(store, tmp_path / "x.fsabundle")


def test_bundles_are_numbered_and_name_their_predecessor(sync_team: Team) -> None:
    first = sync_team.export("B1", "one")
    second = sync_team.export("B1", "two")
    one, two = _manifest(sync_team, first), _manifest(sync_team, second)
    assert parse_manifest(one).sequence == 1
    assert parse_manifest(two).sequence == 2
    assert parse_manifest(two).previous_hash == manifest_hash(one)


def test_a_week_without_changes_still_gives_a_bundle(sync_team: Team) -> None:
    sync_team.export("B1", "one")
    summary = sync_export.export_bundle(sync_team["B1"], sync_team.root / "empty.fsabundle")
    assert (summary.sequence, summary.changes) == (2, 0)
    assert sync_team.import_(sync_team.root / "empty.fsabundle").bundles[0].status in (
        "applied",
        "already_imported",
    )


def test_the_default_file_lands_in_the_current_folder(
    sync_team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    summary = sync_export.export_bundle(sync_team["B1"])
    assert summary.file == tmp_path / "fsa-desk-B1-00001-delta.fsabundle"
    assert summary.file.is_file()
    assert not list(tmp_path.glob(".*.part"))


def test_the_counsellor_cannot_read_its_own_export(sync_team: Team) -> None:
    households.create_household(sync_team["B1"], households.NewHousehold("B1-1"))
    bundle = sync_team.export("B1", "one")
    own = sync_team["B1"].installation
    assert own is not None
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(own.age_identity)])


def test_an_export_is_due_weekly_and_after_a_billing_period(sync_team: Team) -> None:
    store = sync_team["B1"]
    assert sync_export.export_reminder(store, date(2026, 3, 10)).reason == "never"
    sync_export.export_bundle(store, sync_team.root / "a.fsabundle")
    with store.transaction() as session:
        row = session.query(SyncExport).one()
        row.created_at = datetime(2026, 3, 10, 12, 0)
    assert not sync_export.export_reminder(store, date(2026, 3, 12)).due
    assert sync_export.export_reminder(store, date(2026, 3, 17)).reason == "weekly"
    assert sync_export.export_reminder(store, date(2026, 4, 1)).reason == "period"
    assert sync_export.export_reminder(store, date(2026, 3, 10) + timedelta(days=6)).due is False
