"""Every bad bundle is rejected with its one reason, and the database stays exactly as it was."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pyrage
import pytest

from fsa_desk.services import households, persons, sync_import
from fsa_desk.services.installation import NewInstallation, initialise
from fsa_desk.services.team import join_team, revoke, write_own_card
from fsa_desk.store.store import Store, open_store
from fsa_desk.sync import keys
from fsa_desk.sync.bundle import Limits
from fsa_desk.sync.container import read_tar
from tests.conftest import TEST_KEY
from tests.sync.crafting import craft, own_lines, recipients_of, repack, signature
from tests.sync.teams import Team, digest


@pytest.fixture
def bundle(sync_team: Team) -> Path:
    """An ordinary delta of B1: a household with one person."""
    store = sync_team["B1"]
    household = households.create_household(store, households.NewHousehold("B1-2024-001"))
    persons.create_person(store, persons.PersonData("Haddad", "Rania"), household.id, "kind")
    return sync_team.export("B1", "good")


def rejected(
    team: Team,
    data: bytes | Path,
    code: str,
    *,
    into: str = "L1",
    identity: Path | None = None,
    limits: Limits | None = None,
) -> None:
    """Import ``data`` into ``into``: rejected for ``code``, the database untouched, no backup."""
    path = data if isinstance(data, Path) else team.root / "crafted.fsabundle"
    if isinstance(data, bytes):
        path.write_bytes(data)
    store = team[into]
    before, backups = digest(store), _backups(store)
    summary = sync_import.import_bundles(
        store, [path], identity_files=[identity] if identity else [], limits=limits
    )
    result = summary.bundles[0]
    assert (result.status, result.reason_code) == (sync_import.REJECTED, code), result.reason
    assert result.reason and result.reason.endswith(".") and "\n" not in result.reason
    assert digest(store) == before
    assert _backups(store) == backups
    assert summary.any_rejected


def _backups(store: Store) -> list[str]:
    folder = store.data_dir.backups
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _flipped(data: bytes, position: int) -> bytes:
    return data[:position] + bytes([data[position] ^ 0x01]) + data[position + 1 :]


@pytest.mark.parametrize("where", ["header", "middle", "last"])
def test_a_flipped_bit_anywhere_is_damage(sync_team: Team, bundle: Path, where: str) -> None:
    data = bundle.read_bytes()
    position = {"header": 3, "middle": len(data) // 2, "last": len(data) - 1}[where]
    rejected(sync_team, _flipped(data, position), "damaged")


def test_a_truncated_bundle_is_damage(sync_team: Team, bundle: Path) -> None:
    rejected(sync_team, bundle.read_bytes()[:-200], "damaged")


def test_random_bytes_are_damage(sync_team: Team) -> None:
    rejected(sync_team, os.urandom(5000), "damaged")


def test_a_replaced_payload_re_encrypted_for_the_lead_is_damage(
    sync_team: Team, bundle: Path
) -> None:
    """Whoever holds the lead's public key can encrypt, but not sign: the payload hash fails."""
    members = dict(_plain_members(sync_team, bundle))
    households.create_household(sync_team["B1"], households.NewHousehold("B1-2024-002"))
    other = sync_team.export("B1", "other", full=True)
    replacement = dict(_plain_members(sync_team, other))["changes.jsonl.zst"]
    forged = repack(
        members["manifest.json"],
        members["manifest.sig"],
        replacement,
        recipients_of(sync_team["B1"]),
    )
    rejected(sync_team, forged, "damaged")


def test_a_changed_manifest_breaks_the_signature(sync_team: Team, bundle: Path) -> None:
    members = dict(_plain_members(sync_team, bundle))
    manifest = members["manifest.json"].replace(b'"sequence":1', b'"sequence":7')
    forged = repack(
        manifest,
        members["manifest.sig"],
        members["changes.jsonl.zst"],
        recipients_of(sync_team["B1"]),
    )
    rejected(sync_team, forged, "bad_signature")


def test_parts_in_another_order_are_damage(sync_team: Team, bundle: Path) -> None:
    members = dict(_plain_members(sync_team, bundle))
    forged = repack(
        members["manifest.json"],
        members["changes.jsonl.zst"],
        members["manifest.sig"],
        recipients_of(sync_team["B1"]),
    )
    rejected(sync_team, forged, "damaged")


def _plain_members(team: Team, bundle: Path) -> list[tuple[str, bytes]]:
    identity = keys.identities_in_file(team.recovery_key.read_text())[0]
    plain = pyrage.decrypt(bundle.read_bytes(), [pyrage.x25519.Identity.from_str(identity)])
    return [(name, bytes(content)) for name, content in read_tar(bytes(plain))]


def test_a_device_not_enrolled_is_an_unknown_signer(sync_team: Team, tmp_path: Path) -> None:
    root = tmp_path / "stranger"
    initialise(root, TEST_KEY, NewInstallation("Fremd", "X9", "counsellor", "Ausländerrat"))
    with open_store(root, TEST_KEY) as stranger:
        join_team(stranger, sync_team.team_file)
        write_own_card(stranger, tmp_path / "x9.card")
        households.create_household(stranger, households.NewHousehold("X9-1"))
        data = craft(stranger, own_lines(stranger))
    rejected(sync_team, data, "unknown_signer")


def test_bundles_of_a_revoked_key_are_rejected(sync_team: Team) -> None:
    households.create_household(sync_team["B2"], households.NewHousehold("B2-1"))
    bundle = sync_team.export("B2", "b2")
    card = sync_team.card("B2").read_bytes()
    fingerprint = re.search(rb'"fingerprint":"([0-9a-f]{32})"', card)
    assert fingerprint is not None
    revoke(sync_team.lead, fingerprint.group(1).decode())
    rejected(sync_team, bundle, "revoked_signer")


def test_a_change_claiming_another_device_is_refused(sync_team: Team, bundle: Path) -> None:
    households.create_household(sync_team["B2"], households.NewHousehold("B2-1"))
    foreign = own_lines(sync_team["B2"])
    rejected(
        sync_team, craft(sync_team["B1"], own_lines(sync_team["B1"]) + foreign), "foreign_device"
    )


def test_a_change_naming_another_counsellor_is_refused(sync_team: Team, bundle: Path) -> None:
    lines = own_lines(sync_team["B1"])
    other = b'"counsellor":"' + b"0" * 32 + b'"'
    forged = [re.sub(rb'"counsellor":"[0-9a-f]{32}"', other, line) for line in lines]
    rejected(sync_team, craft(sync_team["B1"], forged), "foreign_device")


def test_a_bundle_for_someone_else_is_not_addressed_here(sync_team: Team, bundle: Path) -> None:
    elsewhere = keys.age_recipient(keys.new_age_identity())
    rejected(
        sync_team,
        craft(sync_team["B1"], own_lines(sync_team["B1"]), recipients=[elsewhere]),
        "not_addressed",
    )


def test_a_manifest_naming_other_recipients_is_not_addressed_here(
    sync_team: Team, bundle: Path
) -> None:
    elsewhere = keys.age_recipient(keys.new_age_identity())
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), manifest={"recipients": (elsewhere,)})
    rejected(sync_team, data, "not_addressed")


def test_a_counsellor_cannot_import_a_colleagues_bundle(sync_team: Team, bundle: Path) -> None:
    rejected(sync_team, bundle, "not_addressed", into="B2")
    rejected(sync_team, bundle, "wrong_kind", into="B2", identity=sync_team.recovery_key)


def test_a_counsellor_trusts_no_colleagues_key(sync_team: Team, bundle: Path) -> None:
    b2 = sync_team["B2"]
    assert b2.installation is not None
    to_b2 = [keys.age_recipient(b2.installation.age_identity)]
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), recipients=to_b2, kind="handover")
    rejected(sync_team, data, "unknown_signer", into="B2")


def test_a_lead_accepts_only_counsellors_exports(sync_team: Team, bundle: Path) -> None:
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), kind="handover")
    rejected(sync_team, data, "wrong_kind")


def test_a_newer_format_asks_for_an_update(sync_team: Team, bundle: Path) -> None:
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), manifest={"format": 2})
    rejected(sync_team, data, "too_new")


def test_a_newer_schema_asks_for_an_update(sync_team: Team, bundle: Path) -> None:
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), manifest={"schema": "0099_later"})
    rejected(sync_team, data, "too_new")


def test_changes_far_in_the_future_are_refused(sync_team: Team, bundle: Path) -> None:
    future = f"{time.time_ns() // 1_000_000 + 48 * 3600 * 1000:013d}".encode()
    lines = [
        re.sub(rb'"hlc":"\d{13}', b'"hlc":"' + future, line) for line in own_lines(sync_team["B1"])
    ]
    rejected(sync_team, craft(sync_team["B1"], lines), "future")


def test_content_beyond_the_decompression_limit_is_refused(sync_team: Team, bundle: Path) -> None:
    rejected(sync_team, bundle, "content_too_large", limits=Limits(content_bytes=1024))


def test_content_larger_than_declared_is_refused(sync_team: Team, bundle: Path) -> None:
    """A small declared size cannot hide a decompression bomb: reading stops past it."""
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), manifest={"content_size": 100})
    rejected(sync_team, data, "damaged")


def test_a_bundle_file_beyond_the_size_limit_is_refused(sync_team: Team, bundle: Path) -> None:
    rejected(sync_team, bundle, "too_large", limits=Limits(bundle_bytes=1000))


def test_counts_that_do_not_match_are_refused(sync_team: Team, bundle: Path) -> None:
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), manifest={"counts": {"household": 1}})
    rejected(sync_team, data, "counts")


@pytest.mark.parametrize(
    ("pattern", "replacement"),
    [
        (rb'"table":"household"', b'"table":"sqlite_master"'),  # an unknown table
        (rb'"field":"household_ref"', b'"field":"id"'),  # a column the sync layer owns
        (rb'"value":"B1-2024-001"', b'"value":17'),  # a number where text belongs
        (rb'"value":"B1-2024-001"', b'"value": "B1-2024-001"'),  # not canonical JSON
    ],
)
def test_a_change_this_version_cannot_read_is_refused(
    sync_team: Team, bundle: Path, pattern: bytes, replacement: bytes
) -> None:
    lines = own_lines(sync_team["B1"])
    changed = [
        line.replace(pattern, replacement, 1) if b"household_ref" in line else line
        for line in lines
    ]
    assert changed != lines
    rejected(sync_team, craft(sync_team["B1"], changed, parsed=False), "bad_change")


def test_the_signature_of_another_key_is_refused(sync_team: Team, bundle: Path) -> None:
    other = sync_team["B2"].installation
    assert other is not None
    data = craft(sync_team["B1"], own_lines(sync_team["B1"]), signing_key=other.signing_key)
    rejected(sync_team, data, "bad_signature")


def test_a_signature_over_other_bytes_is_refused(sync_team: Team, bundle: Path) -> None:
    members = dict(_plain_members(sync_team, bundle))
    forged = repack(
        members["manifest.json"],
        signature(sync_team["B1"], members["manifest.json"] + b" "),
        members["changes.jsonl.zst"],
        recipients_of(sync_team["B1"]),
    )
    rejected(sync_team, forged, "bad_signature")


def test_valid_bundles_of_the_same_call_are_applied(sync_team: Team, bundle: Path) -> None:
    broken = sync_team.root / "broken.fsabundle"
    broken.write_bytes(bundle.read_bytes()[:-10])
    summary = sync_import.import_bundles(sync_team.lead, [broken, bundle])
    assert [b.status for b in summary.bundles] == [sync_import.REJECTED, sync_import.APPLIED]
    assert summary.any_rejected
