"""Import: verify every bundle with the database untouched, then back up and merge each one.

Two phases (DESIGN.md §5). First everything is checked — size, decryption, container, manifest,
signer, signature, addressing, payload hash, every line; a bundle that fails one check is
rejected with one sentence and changes nothing. Then, after one backup, each good bundle is
applied in its own transaction, set-based (``sync.apply``). A bundle already imported, or a
full re-export with nothing new, is reported as "bereits importiert".
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fsa_desk.errors import UsageError
from fsa_desk.i18n import _
from fsa_desk.services import duplicate_review, search_index, team_index
from fsa_desk.services.team import installation_of, missing_sequences
from fsa_desk.store.models import Membership, SyncDevice, SyncImport
from fsa_desk.store.store import Store
from fsa_desk.sync import keys, rejections
from fsa_desk.sync.apply import Applied, apply_changes
from fsa_desk.sync.bundle import Limits, Opened, Trust, TrustedDevice, check_content, open_bundle
from fsa_desk.sync.changes import log_rows
from fsa_desk.sync.files import read_limited
from fsa_desk.sync.rejections import BundleRejected

APPLIED, WOULD_APPLY, ALREADY, REJECTED = "applied", "would_apply", "already_imported", "rejected"


@dataclass(frozen=True)
class BundleResult:
    """What happened to one bundle; ``reason`` is the one sentence of a rejection."""

    file: str
    status: str
    reason: str | None = None
    reason_code: str | None = None
    kind: str | None = None
    counsellor_code: str | None = None
    sequence: int | None = None
    changes: int = 0
    created: int = 0
    updated: int = 0
    conflicts: int = 0
    duplicates: int = 0
    waiting: int = 0


@dataclass(frozen=True)
class MissingBundles:
    device_id: str
    counsellor_code: str
    sequences: list[int]


@dataclass(frozen=True)
class ImportSummary:
    bundles: list[BundleResult]
    missing: list[MissingBundles] = field(default_factory=list)
    backup: Path | None = None
    dry_run: bool = False

    @property
    def any_rejected(self) -> bool:
        return any(bundle.status == REJECTED for bundle in self.bundles)

    def as_json(self) -> dict[str, Any]:
        return {
            "bundles": [asdict(bundle) for bundle in self.bundles],
            "missing": [asdict(gap) for gap in self.missing],
            "backup": str(self.backup) if self.backup else None,
            "dry_run": self.dry_run,
        }


class _DryRun(Exception):
    """Rolls a dry run's transaction back once its figures are known."""

    def __init__(self, result: BundleResult) -> None:
        super().__init__("dry run")
        self.result = result


def import_bundles(
    store: Store,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    identity_files: Sequence[Path] = (),
    limits: Limits | None = None,
) -> ImportSummary:
    """Verify and merge each bundle; every bundle is all-or-nothing."""
    limits = limits or Limits()
    for path in files:
        if not path.is_file():
            raise UsageError(_("The file {path} does not exist.").format(path=path))
    trust = build_trust(store, identity_files)
    run = _ImportRun(store, trust, limits, dry_run)
    results = [run.one(path) for path in files]
    with store.read() as session:
        missing = _missing(session)
    return ImportSummary(results, missing, run.backup, dry_run)


def build_trust(store: Store, identity_files: Sequence[Path] = ()) -> Trust:
    """Whom this installation believes, and the age identities it may decrypt with."""
    installation = installation_of(store)
    identities = [installation.age_identity]
    for path in identity_files:
        identities.extend(_identities(path))
    with store.read() as session:
        devices = {row.fingerprint: _trusted(row) for row in session.scalars(select(SyncDevice))}
    now_ms = time.time_ns() // 1_000_000
    return Trust(tuple(identities), devices, installation.role, now_ms)


def _identities(path: Path) -> list[str]:
    try:
        found = keys.identities_in_file(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, ValueError):
        found = []
    if not found:
        raise UsageError(_("{path} is not an age identity file.").format(path=path))
    return found


def _trusted(row: SyncDevice) -> TrustedDevice:
    return TrustedDevice(
        device_id=row.device_id,
        fingerprint=row.fingerprint,
        counsellor_id=row.counsellor_id.hex,
        role=row.role,
        signing_public=row.signing_public,
        revoked=row.revoked_at is not None,
    )


class _ImportRun:
    """One ``import`` call: the trust it checks against and the one backup it takes."""

    def __init__(self, store: Store, trust: Trust, limits: Limits, dry_run: bool) -> None:
        self.store, self.trust, self.limits, self.dry_run = store, trust, limits, dry_run
        self.backup: Path | None = None

    def one(self, path: Path) -> BundleResult:
        try:
            opened = self._opened(path)
            if _already_imported(self.store, opened):
                return self._already(path, opened)
            check_content(opened, self.trust, self.limits)
            return self._apply(path, opened)
        except BundleRejected as rejected:
            return BundleResult(str(path), REJECTED, str(rejected), rejected.code)

    def _opened(self, path: Path) -> Opened:
        data = read_limited(path, self.limits.bundle_bytes)
        if data is None:
            raise rejections.too_large(self.limits.bundle_bytes // 2**20)
        return open_bundle(data, self.trust, self.limits)

    def _already(self, path: Path, opened: Opened) -> BundleResult:
        manifest = opened.manifest
        with self.store.read() as session:
            code = _code(session, manifest.device)
        return BundleResult(str(path), ALREADY, None, None, manifest.kind, code, manifest.sequence)

    def _apply(self, path: Path, opened: Opened) -> BundleResult:
        if not self.dry_run and self.backup is None:
            self.backup = self.store.backup("vor-import")
        try:
            with self.store.transaction() as session:
                result = _merge(session, path, opened, self.limits, self.dry_run)
                if self.dry_run:
                    raise _DryRun(result)
        except _DryRun as dry:
            return dry.result
        except IntegrityError:  # e.g. one change twice in a bundle: refused as a whole
            raise rejections.damaged() from None
        if opened.manifest.hlc_to is not None:
            self.store.clock.observe(opened.manifest.hlc_to)
        return result


def _already_imported(store: Store, opened: Opened) -> bool:
    with store.read() as session:
        known = session.get(SyncImport, opened.manifest.bundle_id)
        if known is None:
            return opened.manifest.kind == "index" and team_index.is_outdated(session, opened)
    if known.manifest_hash != opened.manifest_hash:  # one bundle id, two contents: forged
        raise rejections.damaged()
    return True


def _merge(
    session: Session, path: Path, opened: Opened, limits: Limits, dry_run: bool
) -> BundleResult:
    manifest = opened.manifest
    if manifest.kind == "index":
        entries = team_index.replace_index(session, opened, limits)
        applied = Applied(entries, {}, {}, 0, 0, {}, {})
        duplicates = 0
    else:
        changes = log_rows(opened.lines(limits))
        applied = apply_changes(session.connection(), changes, found_at=datetime.now())
        _index_households(session, applied)
        duplicates = duplicate_review.queue_candidates(
            session, applied.created_ids.get("person", ())
        )
    _record_import(session, opened, applied.changes)
    status = WOULD_APPLY if dry_run else APPLIED
    if applied.changes == 0 and manifest.kind != "index":
        status = ALREADY
    return BundleResult(
        file=str(path),
        status=status,
        kind=manifest.kind,
        counsellor_code=_code(session, manifest.device),
        sequence=manifest.sequence,
        changes=applied.changes,
        created=sum(applied.created.values()),
        updated=sum(applied.updated.values()),
        conflicts=applied.conflicts,
        duplicates=duplicates,
        waiting=applied.pending,
    )


def _record_import(session: Session, opened: Opened, applied: int) -> None:
    manifest = opened.manifest
    session.add(
        SyncImport(
            bundle_id=manifest.bundle_id,
            manifest_hash=opened.manifest_hash,
            kind=manifest.kind,
            device=manifest.device,
            first_sequence=manifest.first_sequence,
            sequence=manifest.sequence,
            created_at=datetime.fromisoformat(manifest.created).replace(tzinfo=None),
            imported_at=datetime.now(),
            changes_applied=applied,
        )
    )


def _index_households(session: Session, applied: Applied) -> None:
    """Imported households must be found by the client search."""
    households = {uuid.UUID(hex=h) for h in applied.touched.get("household", ())}
    persons = [uuid.UUID(hex=p) for p in applied.touched.get("person", ())]
    memberships = [uuid.UUID(hex=m) for m in applied.touched.get("membership", ())]
    for chunk in _chunks(persons):
        query = select(Membership.household_id).where(Membership.person_id.in_(chunk))
        households.update(session.scalars(query))
    for chunk in _chunks(memberships):
        query = select(Membership.household_id).where(Membership.id.in_(chunk))
        households.update(session.scalars(query))
    for household_id in sorted(households):
        search_index.index_household(session, household_id)


def _chunks(ids: list[uuid.UUID], size: int = 500) -> list[list[uuid.UUID]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


def _code(session: Session, device: str) -> str | None:
    row = session.get(SyncDevice, device)
    return row.code if row else None


def _missing(session: Session) -> list[MissingBundles]:
    gaps = []
    for device in session.scalars(select(SyncDevice).order_by(SyncDevice.code)):
        sequences = missing_sequences(session, device.device_id)
        if sequences:
            gaps.append(MissingBundles(device.device_id, device.code, sequences))
    return gaps
